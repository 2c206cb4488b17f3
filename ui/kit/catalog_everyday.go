package kit

// The strings of everyday use (issue 12: the theme, one confirmation, the
// prompt, the key map, the community page, the demo) live in their own
// files, catalog_everyday_ja.go and catalog_everyday_en.go, merged into
// the two catalogues when the program starts (see catalog_people.go).
func init() {
	merge(catalogJA, catalogEverydayJA)
	merge(catalogEN, catalogEverydayEN)
}
