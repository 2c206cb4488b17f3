package ui_test

import (
	"strings"
	"testing"
)

// In English at 80x24 the rows keep their columns apart and their names,
// and the tab bar keeps whom the program acts as.
func TestEnglishAt80Columns(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "en", 80, 24)
	if bar := h.tabBar(); !strings.Contains(bar, "高野 葵") {
		t.Errorf("the tab bar drops the person: %q", bar)
	}
	// Communities: every row names its category, cut where it must be but
	// still readable (eight letters or more: "Consu…" was all there was
	// room for beside "24 members", which the community's page shows).
	cats := []string{"Learning together", "Sharing experience", "Consultation", "Work-life balance", "Local discovery", "Workplace support"}
	rows := 0
	for _, l := range strings.Split(h.screen(), "\n") {
		left, _, _ := strings.Cut(l, "|")
		if !strings.Contains(left, " ago") {
			continue
		}
		rows++
		f, _, _ := strings.Cut(strings.TrimSpace(left), "  ")
		f = strings.TrimSuffix(f, "…")
		named := false
		for _, c := range cats {
			named = named || len(f) >= 8 && strings.HasPrefix(c, f)
		}
		if !named {
			t.Errorf("a community row without its category: %q", left)
		}
	}
	if rows < 5 {
		t.Fatalf("%d community rows:\n%s", rows, h.screen())
	}
	// Threads: the kind is a column of its own.
	h.key("2")
	row := h.line("ふるさと納税")
	if !strings.Contains(row, "Experience ふるさと納税") {
		t.Errorf("thread row %q", row)
	}
	h.checkFrame()
	if bar := h.tabBar(); !strings.Contains(bar, "高野 葵") {
		t.Errorf("the tab bar drops the person on 相談: %q", bar)
	}
}

// In Japanese the tab bar names the person whole, without cutting the
// municipality to a letter.
func TestTabBarNamesThePerson(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	if bar := h.tabBar(); !strings.Contains(bar, "高野 葵") || strings.Contains(bar, "郡山…") {
		t.Errorf("tab bar %q", bar)
	}
}
