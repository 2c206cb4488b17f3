package ui

import tea "charm.land/bubbletea/v2"

// OpenHandoverMsg is what the search and the inbox send to show a note.
func OpenHandoverMsg(id string) tea.Msg { return openMsg{Kind: openHandover, ID: id} }

// ForgetRenderedMarkdown empties the markdown cache, so that a benchmark
// measures rendering and not the cache.
func ForgetRenderedMarkdown() {
	markdown.mu.Lock()
	markdown.docs = map[mdKey]string{}
	markdown.order = nil
	markdown.mu.Unlock()
}
