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
	"cal.key.answer": "返事 (参加・未定・不参加)",
	"cal.answer.title": "「%s」%s の返事",
	"hand.key.view": "表示 (前任・後任・所属)",
	"hand.short.view": "表示",
	"hand.filter.view": "表示",
	"hand.view.all": "すべて",
	"hand.view.predecessor": "自分が前任",
	"hand.view.successor": "自分が後任",
	"hand.view.dept": "自分の所属",
	"hand.key.delete": "削除",
	"hand.delete.none": "引き継ぎ書は削除できません。不要になったら公開範囲 (V) を所属にしてください",
	"key.actas": "別の人として使う (デモ)",
}
