package kit

// What a person sees when the disk or the database file fails them
// (issue 16): a draft that could not be kept, quitting with it, and the
// file gone. The errors' own sentences are the err.db.* keys.
func init() {
	merge(catalogJA, catalogFaultsJA)
	merge(catalogEN, catalogFaultsEN)
}

var catalogFaultsJA = map[string]string{
	"composer.draft.unsaved": "下書きを保存できませんでした。この文章は画面にあるだけです。ctrl+e でエディタに移すか、ctrl+y でコピーして残してください。%s",
	"composer.copied":        "文章をクリップボードにコピーしました (端末が対応していれば)",
	"quit.saving":            "下書きを保存しています…",
	"quit.unsaved.draft":     "下書きを保存できませんでした。終了すると文章は失われます。終了しますか？",
	"db.gone.title":          "データベースのファイルがありません",
	"db.gone.keys":           "y 終了する (どこにも書き込みません)   n 戻る (文章はそのまま)",
}

var catalogFaultsEN = map[string]string{
	"composer.draft.unsaved": "The draft could not be saved. This text is only on the screen: keep it with ctrl+e (your editor) or ctrl+y (copy). %s",
	"composer.copied":        "Copied the text to the clipboard (if your terminal allows it)",
	"quit.saving":            "Saving the draft...",
	"quit.unsaved.draft":     "The draft could not be saved. Quit and lose the text?",
	"db.gone.title":          "The database file is gone",
	"db.gone.keys":           "y quit (nothing is written anywhere)   n back (your text stays)",
}
