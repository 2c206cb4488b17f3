package kit

// A cluster, in Japanese. See catalog_cluster.go.
var catalogClusterJA = map[string]string{
	"status.reconnecting":     "接続先を切り替えています…",
	"err.cluster.unreachable": "クラスタにつながらないため、何も変えていません。書いた文は残っています。しばらくしてから、もう一度お試しください (%v)",
	"err.cluster.unsure":      "保存の途中でクラスタとの接続が切れ、保存されたか分かりません。もう一度保存してください (二重にはなりません) (%v)",
	"err.cluster.no_shared":   "%s: クラスタには共有の設定がありません。共有モードはネットワーク共有に置いたファイルのためのものです",
	"err.cluster.no_backup":   "%s: このデータベースのコピーは取れません",
	"err.cluster.no_load":     "%s: クラスタには生成データを直接書き込めません。ファイルに生成してから hiroba cluster import で取り込んでください",

	// The cluster's own commands (cluster/ in the cluster module).
	"err.cluster.bad_address":      "%s: クラスタのアドレスは dqlite://HOST:PORT,HOST:PORT の形で指定してください",
	"err.cluster.certificate":      "%s: クラスタがこの機械の証明書を受け付けません (%v)。hiroba cluster join で、このクラスタの参加トークンから証明書をもらってください",
	"err.cluster.folder_used":      "%s: このフォルダはすでにクラスタに使われています。別のフォルダを指定してください",
	"err.cluster.import_drill":     "%s は訓練用コピーです。訓練用コピーは hiroba merge で取り込んでください",
	"err.cluster.import_not_empty": "%s: クラスタのデータベースにはすでに職員がいます。取り込めるのは作ったばかりのクラスタだけです",
	"err.cluster.import_schema":    "%s: スキーマ %d のファイルです (この hiroba は %d)。この hiroba で一度書き込みできる状態で開いてから取り込んでください",
	"err.cluster.join_unreachable": "クラスタを作ったノード (%s) に届きません (%v)。そのノードで hiroba serve --cluster が動いているか、ポートが開いているかを確かめてください",
	"err.cluster.no_certificate":   "%s: この機械にはクラスタの証明書がありません (%v)。hiroba cluster join で参加するか、--cluster でフォルダを指定してください",
	"err.cluster.no_leader":        "%s: クラスタのリーダーが見つかりません (%v)。過半数のノードが動いているか確かめてください",
	"err.cluster.no_nodes":         "%s: クラスタのノードが分かりません。--db dqlite://HOST:PORT,... で指定してください",
	"err.cluster.no_such_node":     "%s: クラスタにそのノードはありません。hiroba cluster status で確かめてください",
	"err.cluster.not_admitting":    "%s: このノードは新しいノードを受け入れられません (認証局の鍵 ca.key がありません)。クラスタを作ったノードで実行してください",
	"err.cluster.token_bad":        "参加トークンではありません。クラスタを作ったノードで hiroba cluster token が表示したものを、そのまま貼り付けてください",
	"err.cluster.token_expired":    "参加トークンの期限が切れているか、すでに使われています。クラスタを作ったノードで hiroba cluster token を実行して、新しいトークンをもらってください",
}
