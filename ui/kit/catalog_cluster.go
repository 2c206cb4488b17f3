package kit

// A database on a cluster (issue 17): what a screen says while the
// cluster elects a new leader, and the errors of a cluster out of reach.
// Their strings live in catalog_cluster_ja.go and catalog_cluster_en.go,
// merged into the two catalogues as the people's are (catalog_people.go).
func init() {
	merge(catalogJA, catalogClusterJA)
	merge(catalogEN, catalogClusterEN)
}
