package kit

// Everyday use (issue 12), in English. See catalog_everyday.go.
var catalogEverydayEN = map[string]string{
	"confirm.yn":          "(y/n)",
	"prompt.answer":       "the answer",
	"prompt.hint":         "enter to answer / esc to give up",
	"hand.sec.discard":    "Discard the unsaved changes to the sections of %s and close?",
	"hand.sec.delete.ask": "Delete the section %s and its text? Until ctrl+s saves, esc can still take it back",
	"cal.cancel.this":     "the one on %s",
	"cal.cancel.after":    "every one from %s on",
	"cal.cancel.all":      "every date",
}
