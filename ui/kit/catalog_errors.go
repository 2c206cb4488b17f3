package kit

// The errors a person can be shown from model, data and ical have their
// own entries, catalog_errors_ja.go and catalog_errors_en.go, merged into
// the two catalogues when the program starts; catalog_errors_test.go
// reads the source for every key those packages return and holds both
// catalogues to it.
func init() {
	merge(catalogJA, errorsJA)
	merge(catalogEN, errorsEN)
}
