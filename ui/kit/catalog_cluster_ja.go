package kit

// A cluster, in Japanese. See catalog_cluster.go.
var catalogClusterJA = map[string]string{
	"status.reconnecting":     "接続先を切り替えています…",
	"err.cluster.unreachable": "クラスタにつながらないため、何も変えていません。書いた文は残っています。しばらくしてから、もう一度お試しください (%v)",
	"err.cluster.unsure":      "保存の途中でクラスタとの接続が切れ、保存されたか分かりません。もう一度保存してください (二重にはなりません) (%v)",
	"err.cluster.no_backup":   "%s: このデータベースのコピーは取れません",
	"err.cluster.no_load":     "%s: クラスタには生成データを直接書き込めません。ファイルに生成してから hiroba cluster import で取り込んでください",
}
