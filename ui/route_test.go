package ui_test

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// views draws every tab as it is now, shown or not.
func (h *harness) views() []string {
	var out []string
	for i := range 4 {
		out = append(out, ansi.Strip(h.app.ScreenView(i)))
	}
	return out
}

// Typing in one screen's filter changes that screen only. コミュニティ and
// 引き継ぎ both wait for typing to pause before they filter, each counting
// its own keystrokes; a count reaching the other screen used to make it
// filter too (and so lose its cursor) when the two counts met.
func TestTypingInAFilterReachesOnlyItsScreen(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 120, 40)
	// Every tab started and left in a state of its own; コミュニティ has
	// counted four keystrokes of its filter and its cursor is on row 3.
	h.key("4", "l", "3", "j", "2", "j", "1", "/")
	h.typeText("郡山")
	h.key("backspace", "backspace", "esc", "j", "j")

	for _, c := range []struct {
		tab   int
		words string
	}{
		{2, "引き継ぎ書"}, // 引き継ぎ: four keystrokes and more
		{1, "育休"},    // 相談
		{0, "子育て"},   // コミュニティ
	} {
		h.key(string(rune('1' + c.tab)))
		before := h.views()
		h.key("/")
		h.typeText(c.words)
		h.key("esc")
		after := h.views()
		if after[c.tab] == before[c.tab] {
			t.Fatalf("typing %q in tab %d changed nothing there:\n%s", c.words, c.tab+1, after[c.tab])
		}
		for i := range after {
			if i != c.tab && after[i] != before[i] {
				t.Errorf("typing %q in tab %d changed tab %d:\n--- before\n%s\n--- after\n%s", c.words, c.tab+1, i+1, before[i], after[i])
			}
		}
		h.key("x") // clear the filter for the next round
	}
}
