package ui_test

import (
	"fmt"
	"strings"
	"testing"
)

// helpBody is the help without the tab bar and the key line.
func (h *harness) helpBody() string {
	lines := strings.Split(h.screen(), "\n")
	return strings.Join(lines[1:len(lines)-1], "\n")
}

// Every tab's ? lists the keys that move and open, at 80x24 and 160x50,
// each key once, and cuts no description.
func TestHelpListsMovingOnEveryTab(t *testing.T) {
	t.Parallel()
	for _, size := range []struct {
		lang string
		w, h int
	}{{"ja", 80, 24}, {"ja", 160, 50}, {"en", 80, 24}} {
		// One program goes through the tabs, as a person would: starting
		// one for each tab cost 18 starts.
		h := newDemoHarness(t, size.lang, size.w, size.h)
		previous := ""
		for _, tab := range []string{"1", "2", "3", "4", "5", "6"} {
			h.key(tab, "?")
			h.checkFrame()
			body := h.helpBody()
			h.key("esc")
			where := fmt.Sprintf("tab %s at %dx%d in %s", tab, size.w, size.h, size.lang)
			if body == previous {
				t.Errorf("%s: the help of the tab before is shown:\n%s", where, body)
			}
			previous = body
			for _, k := range []string{"j/k", "g", "G", "pgup", "pgdn", "enter", "esc"} {
				n := 0
				for _, l := range strings.Split(body, "\n") {
					for _, f := range strings.Fields(l) {
						if f == k {
							n++
						}
					}
				}
				if n != 1 {
					t.Errorf("%s: %q listed %d times:\n%s", where, k, n, body)
				}
			}
			if strings.Contains(body, "…") {
				t.Errorf("%s: a description is cut:\n%s", where, body)
			}
		}
	}
}

// A group of keys stays in one column: the calendar's first group does
// not spill its last key to the top of the next column.
func TestHelpKeepsGroupsTogether(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("4", "?")
	for _, l := range strings.Split(h.helpBody(), "\n") {
		if strings.Contains(l, "全体") && strings.Contains(l, "esc") {
			t.Errorf("the row of 全体 holds a key of another group: %q", l)
		}
	}
}
