package kit

// A cluster, in English. See catalog_cluster.go.
var catalogClusterEN = map[string]string{
	"status.reconnecting":     "Switching to another server…",
	"err.cluster.unreachable": "The cluster cannot be reached, so nothing was changed. Your text is still here: try again in a moment (%v)",
	"err.cluster.unsure":      "The connection to the cluster was lost while saving; it may or may not be saved. Save again: it will not be saved twice (%v)",
	"err.cluster.no_shared":   "%s: a cluster has no sharing setting; network-share mode is for a file on a network share",
	"err.cluster.no_backup":   "%s: this database cannot be copied",
	"err.cluster.no_load":     "%s: generated data cannot be written to a cluster directly. Generate a file, then bring it in with hiroba cluster import",

	// The cluster's own commands (cluster/ in the cluster module).
	"err.cluster.bad_address":      "%s: give the cluster's address as dqlite://HOST:PORT,HOST:PORT",
	"err.cluster.certificate":      "%s: the cluster does not accept this machine's certificate (%v). Get one from a join token of this cluster with hiroba cluster join",
	"err.cluster.folder_used":      "%s: this folder is already used by a cluster. Choose another folder",
	"err.cluster.import_drill":     "%s is a drill copy. Bring drill copies in with hiroba merge",
	"err.cluster.import_not_empty": "%s: the cluster's database already has staff. Only a cluster just made can take a file",
	"err.cluster.import_schema":    "%s: the file has schema %d (this hiroba has %d). Open it once, writable, with this hiroba, then bring it in",
	"err.cluster.join_unreachable": "The node that made the cluster (%s) cannot be reached (%v). Check that hiroba serve --cluster runs there and that its port is open",
	"err.cluster.no_certificate":   "%s: this machine has no certificate of the cluster (%v). Join with hiroba cluster join, or name the folder with --cluster",
	"err.cluster.no_leader":        "%s: the cluster has no leader (%v). Check that most of its nodes are running",
	"err.cluster.no_nodes":         "%s: the cluster's nodes are not known. Name them with --db dqlite://HOST:PORT,...",
	"err.cluster.no_such_node":     "%s: the cluster has no such node. See hiroba cluster status",
	"err.cluster.not_admitting":    "%s: this node cannot admit new nodes (it has no ca.key, the authority's key). Run this on the node that made the cluster",
	"err.cluster.token_bad":        "That is not a join token. Paste what hiroba cluster token printed on the node that made the cluster, as it is",
	"err.cluster.token_expired":    "The join token has expired or was used already. Get a new one with hiroba cluster token on the node that made the cluster",
}
