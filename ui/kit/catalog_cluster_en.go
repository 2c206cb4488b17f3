package kit

// A cluster, in English. See catalog_cluster.go.
var catalogClusterEN = map[string]string{
	"status.reconnecting":     "Switching to another server…",
	"err.cluster.unreachable": "The cluster cannot be reached, so nothing was changed. Your text is still here: try again in a moment (%v)",
	"err.cluster.unsure":      "The connection to the cluster was lost while saving; it may or may not be saved. Save again: it will not be saved twice (%v)",
	"err.cluster.no_backup":   "%s: this database cannot be copied",
	"err.cluster.no_load":     "%s: generated data cannot be written to a cluster directly. Generate a file, then bring it in with hiroba cluster import",
}
