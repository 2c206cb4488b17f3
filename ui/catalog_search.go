package ui

func init() {
	addCatalog(map[string]string{
		"search.title":          "検索",
		"search.hint":           "言葉を入れてください。育休・庶務のような2文字の語も、LoGoチャットのような英字まじりの語も探せます",
		"search.none":           "「%s」は見つかりませんでした",
		"search.count":          "%d 件 (よく合うものから)",
		"search.key.move":       "選ぶ",
		"search.key.close":      "閉じる",
		"search.type.thread":    "相談",
		"search.type.reply":     "返信",
		"search.type.handover":  "引き継ぎ",
		"search.type.section":   "引き継ぎ",
		"search.type.event":     "予定",
		"search.type.community": "コミュニティ",
	}, map[string]string{
		"search.title":          "Search",
		"search.hint":           "Type a word. Two-character Japanese words such as 育休 and mixed ones such as LoGoチャット work too",
		"search.none":           "Nothing found for \"%s\"",
		"search.count":          "%d found (best first)",
		"search.key.move":       "select",
		"search.key.close":      "close",
		"search.type.thread":    "thread",
		"search.type.reply":     "reply",
		"search.type.handover":  "handover",
		"search.type.section":   "handover",
		"search.type.event":     "event",
		"search.type.community": "community",
	})
}
