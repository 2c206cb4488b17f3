package kit

import "hiroba/model"

// Disaster drills (訓練用コピー, issue 18) have their own entries,
// catalog_drill_ja.go and catalog_drill_en.go: the errors the data layer
// keys (err.drill.*, err.snapshot.*, err.merge.*), the reasons of a merge
// (merge.reason.*, whose Japanese is model.MergeReasons itself), the
// names of the tables a merge report counts, the tab bar's mark and the
// inbox's rows kept by a merge.
func init() {
	for k, v := range model.MergeReasons {
		drillJA[k] = v
	}
	merge(catalogJA, drillJA)
	merge(catalogEN, drillEN)
}
