package kit

// The 人 screen's strings (issue 14) live in their own files,
// catalog_people_ja.go and catalog_people_en.go, merged into the two
// catalogues when the program starts, so that the screens built at the
// same time do not all edit the same two maps. A key already in a
// catalogue is a mistake: the program refuses to start.
func init() {
	merge(catalogJA, catalogPeopleJA)
	merge(catalogEN, catalogPeopleEN)
}

func merge(into, from map[string]string) {
	for k, v := range from {
		if _, dup := into[k]; dup {
			panic("kit: catalogue key " + k + " defined twice")
		}
		into[k] = v
	}
}
