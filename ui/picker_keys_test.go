package ui_test

import (
	"strings"
	"testing"
)

// keyLine is the bottom line of the screen.
func (h *harness) keyLine() string {
	lines := strings.Split(h.screen(), "\n")
	return lines[len(lines)-1]
}

// keyLineOffers asserts, after checking the frame, that the key line
// holds every key of want and none of unwanted.
func (h *harness) keyLineOffers(want, unwanted []string) {
	h.t.Helper()
	h.checkFrame()
	l := h.keyLine()
	for _, k := range want {
		if !strings.Contains(l, k) {
			h.t.Errorf("the key line %q has no %q", l, k)
		}
	}
	for _, k := range unwanted {
		if strings.Contains(l, k) {
			h.t.Errorf("the key line %q offers %q", l, k)
		}
	}
}

// mustKeyLine asserts that the key line is the picker's own: choosing,
// deciding, going back; not the keys of the screen under it.
func (h *harness) mustPickerKeys(where string) {
	h.t.Helper()
	l := h.keyLine()
	for _, s := range []string{"enter 決定", "esc 戻る"} {
		if !strings.Contains(l, s) {
			h.t.Errorf("%s: key line %q lacks %q", where, l, s)
		}
	}
	if strings.Contains(l, "j/k") {
		h.t.Errorf("%s: key line %q offers j/k, which type into the filter", where, l)
	}
}

// While a list that filters as one types is open, j and k are letters:
// the key line shows the list's own keys.
func TestPickerKeyLines(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("U")
	h.mustShow("誰として使いますか")
	h.mustPickerKeys("U")
	if !strings.Contains(h.keyLine(), "up/down 選ぶ") {
		t.Errorf("U: key line %q", h.keyLine())
	}
	h.key("esc")
	h.mustShow("j/k 上/下") // the screen's own keys again

	h.key("3")
	newNote(h, "公用車の管理")
	h.key("N")
	h.mustShow("後任を選ぶ")
	h.mustPickerKeys("N")
	h.key("esc")

	h.key("6", "/")
	h.typeText("k")
	h.mustPickerKeys("人 /")
	h.key("enter")
	h.mustShow("j/k 上/下")

	h.key("2", "/")
	h.mustPickerKeys("相談 /")
	h.key("esc")

	h.key("1", "/")
	h.mustPickerKeys("コミュニティ /")
	h.key("esc", "m")
	h.mustPickerKeys("コミュニティ m")
	h.key("esc")
}

// newNote writes a handover note for duty on the 引き継ぎ tab and selects
// it.
func newNote(h *harness, duty string) {
	h.t.Helper()
	h.key("n")
	h.typeText(duty)
	h.key("ctrl+s")
	selectNote(h, duty)
}
