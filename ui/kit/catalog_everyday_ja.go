package kit

// Everyday use (issue 12), in Japanese. See catalog_everyday.go.
var catalogEverydayJA = map[string]string{
	"confirm.yn":          "(y/n)",
	"prompt.answer":       "答え",
	"prompt.hint":         "enter で決定 / esc でやめる",
	"hand.sec.discard":    "「%s」の保存していない見出しの変更を捨てて閉じますか？",
	"hand.sec.delete.ask": "見出し「%s」と本文を削除しますか？ ctrl+s で保存するまでは esc で取り消せます",
	"cal.cancel.this":     "%s の回",
	"cal.cancel.after":    "%s 以降のすべての回",
	"cal.cancel.all":      "すべての回",
}
