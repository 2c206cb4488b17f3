package ui_test

import (
	"fmt"
	"testing"

	"hiroba/ui"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// themedScreens are the screens every look is checked on: each tab and
// the layers over them, each in a state that shows a selection; in 相談
// an open thread has the keys, its second post marked.
var themedScreens = []struct {
	name string
	keys []string
	text string // typed after keys
	then []string
}{
	{name: "communities", keys: []string{"1", "j"}},
	{name: "threads", keys: []string{"2", "enter", "]"}},
	{name: "handovers", keys: []string{"3", "j"}},
	{name: "calendar", keys: []string{"4", "l"}},
	{name: "activity", keys: []string{"5", "j"}},
	{name: "people", keys: []string{"6", "/"}, text: "育休", then: []string{"enter", "j"}},
	{name: "search", keys: []string{"1", "S"}, text: "育休", then: []string{"down"}},
	{name: "inbox", keys: []string{"1", "i", "j"}},
}

// looks are the three ways hiroba draws: on a dark and on a light
// background, and without colours (NO_COLOR, a 16-colour terminal).
var looks = []struct {
	name, theme string
	mono        bool
}{{"dark", "dark", false}, {"light", "light", false}, {"mono", "dark", true}}

// styled is the frame with its styles, as the golden files show it.
func (h *harness) styled() string {
	return kittest.Screen(h.app.View().Content, kit.NewStyles(h.app.Theme()))
}

// TestScreensInEveryLook draws every screen at 80x24 and 160x50 in each
// look and compares it, with the style of every cell, with its golden
// file screen_<name>_<size>_<look>: the selection, the pane that has the
// keys and the palette show in a diff. Every frame marks a selection,
// without colours too, and no two looks draw a screen alike.
func TestScreensInEveryLook(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		t.Run(sizeName(size), func(t *testing.T) {
			t.Parallel()
			drawn := map[string][]string{} // screen -> its frame in each look
			for _, look := range looks {
				path, staff := demoCopy(t)
				h := startHarnessWith(t, openDB(t, path), ui.Config{Lang: "ja", StaffID: staff, Theme: look.theme, Mono: look.mono}, nil, size[0], size[1])
				for _, s := range themedScreens {
					h.key(s.keys...)
					h.typeText(s.text)
					h.key(s.then...)
					h.checkFrame()
					name := fmt.Sprintf("screen_%s_%s_%s", s.name, sizeName(size), look.name)
					// One frame, drawn once, for both looks at it.
					frame, styles := h.app.View().Content, kit.NewStyles(h.app.Theme())
					got := kittest.Screen(frame, styles)
					if kittest.Selected(frame, styles) == 0 {
						t.Errorf("%s: no row is drawn as selected:\n%s", name, got)
					}
					kittest.Golden(t, name, got)
					for i, other := range drawn[s.name] {
						if other == got {
							t.Errorf("%s draws as it does in %s", name, looks[i].name)
						}
					}
					drawn[s.name] = append(drawn[s.name], got)
					h.key("esc", "esc")
				}
			}
		})
	}
}
