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
	"cal.key.answer": "answer (going, maybe, not going)",
	"cal.answer.title": "Your answer to %s on %s",
	"hand.key.view": "view (mine, my department)",
	"hand.short.view": "view",
	"hand.filter.view": "View",
	"hand.view.all": "all",
	"hand.view.predecessor": "mine as predecessor",
	"hand.view.successor": "mine as successor",
	"hand.view.dept": "my department",
	"hand.key.delete": "delete",
	"hand.delete.none": "A handover note cannot be deleted. When it is no longer needed, set its visibility (V) to the department",
	"key.actas": "act as someone else (demo)",
}
