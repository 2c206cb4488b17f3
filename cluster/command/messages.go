package command

import (
	"fmt"

	"hiroba/cli"
)

// What the cluster's commands write, by key, in Japanese (the default)
// and in English (--lang en).
var messages = map[string]map[string]string{
	"ja": {
		"cluster.what":               "hiroba cluster の後に init, token, join, status, remove, promote, import のどれかを指定してください",
		"cluster.init.usage":         "hiroba cluster init には --cluster DIR (このノードのフォルダ) と --address HOST:PORT (ほかのノードから届くアドレス) が要ります",
		"cluster.token.usage":        "hiroba cluster token には --cluster DIR (クラスタを作ったノードのフォルダ) が要ります。--expires は正の時間 (30m, 2h など) で",
		"cluster.join.usage":         "hiroba cluster join TOKEN には --cluster DIR と --address HOST:PORT が要ります (端末として参加するときは --desktop)",
		"cluster.node.usage":         "ノードをアドレスか ID で一つ指定してください (hiroba cluster status で確かめられます)",
		"cluster.import.usage":       "取り込む hiroba のファイルを一つ指定してください",
		"cluster.init.done":          "クラスタを作りました: %s (このノードは %s)。hiroba serve --cluster %[1]s で動かします\n",
		"cluster.token":              "参加トークン (一度だけ、%[2]s まで使えます):\n\n%[1]s\n\nほかのノードで: hiroba cluster join TOKEN --cluster DIR --address HOST:PORT\n端末で:         hiroba cluster join TOKEN --desktop\n",
		"cluster.join.done":          "クラスタに参加しました: %s (%s)。hiroba serve --cluster %[2]s で動かします\n",
		"cluster.join.desktop":       "この端末の証明書を %s に置きました。hiroba --db dqlite://HOST:PORT,... で開けます\n",
		"cluster.status.head":        "ID\tアドレス\t役割\tリーダー\t状態",
		"cluster.status.leader":      "リーダー",
		"cluster.status.current":     "最新",
		"cluster.status.spare":       "複製を持ちません",
		"cluster.status.behind":      "%d 件遅れ",
		"cluster.status.unreachable": "届きません (%s)",
		"cluster.role.voter":         "投票者",
		"cluster.role.stand-by":      "待機",
		"cluster.role.spare":         "予備",
		"cluster.remove.done":        "%s をクラスタから外しました\n",
		"cluster.promote.done":       "%s を投票者にしました\n",
		"cluster.import.done":        "%s を %s に取り込みました: %d 表、%d 行。検索の索引も作りました\n",
	},
	"en": {
		"cluster.what":               "say what to do after hiroba cluster: init, token, join, status, remove, promote or import",
		"cluster.init.usage":         "hiroba cluster init needs --cluster DIR (this node's folder) and --address HOST:PORT (where the other nodes reach it)",
		"cluster.token.usage":        "hiroba cluster token needs --cluster DIR (the folder of the node that made the cluster); --expires takes a positive time such as 30m or 2h",
		"cluster.join.usage":         "hiroba cluster join TOKEN needs --cluster DIR and --address HOST:PORT (or --desktop, to join as a desktop)",
		"cluster.node.usage":         "name one node by its address or id (hiroba cluster status lists them)",
		"cluster.import.usage":       "name the one hiroba file to bring in",
		"cluster.init.done":          "Made the cluster: %s (this node is %s). Run it with hiroba serve --cluster %[1]s\n",
		"cluster.token":              "Join token (works once, until %[2]s):\n\n%[1]s\n\nOn another node: hiroba cluster join TOKEN --cluster DIR --address HOST:PORT\nOn a desktop:    hiroba cluster join TOKEN --desktop\n",
		"cluster.join.done":          "Joined the cluster: %s (%s). Run it with hiroba serve --cluster %[2]s\n",
		"cluster.join.desktop":       "This desktop's certificate is in %s. Open the cluster with hiroba --db dqlite://HOST:PORT,...\n",
		"cluster.status.head":        "ID\taddress\trole\tleader\tstate",
		"cluster.status.leader":      "leader",
		"cluster.status.current":     "up to date",
		"cluster.status.spare":       "holds no copy",
		"cluster.status.behind":      "%d behind",
		"cluster.status.unreachable": "unreachable (%s)",
		"cluster.role.voter":         "voter",
		"cluster.role.stand-by":      "stand-by",
		"cluster.role.spare":         "spare",
		"cluster.remove.done":        "Took %s out of the cluster\n",
		"cluster.promote.done":       "Made %s a voter\n",
		"cluster.import.done":        "Brought %s into %s: %d tables, %d rows, and made the search index\n",
	},
}

// text is the message under key in the invocation's language.
func text(inv *cli.Invocation, key string, args ...any) string {
	lang := "ja"
	if inv.Lang == "en" {
		lang = "en"
	}
	s, ok := messages[lang][key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// say writes the message under key to standard output.
func say(inv *cli.Invocation, key string, args ...any) {
	fmt.Fprint(inv.Stdout, text(inv, key, args...))
}
