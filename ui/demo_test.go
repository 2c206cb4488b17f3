package ui_test

import (
	"strings"
	"testing"
)

// Demo data says so on the tab bar, and U switches the person the
// program acts as, from a list narrowed by typing, on the same tab.
func TestDemoMarkAndActAs(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := newDemoHarness(t, "ja", size[0], size[1])
		if bar := h.tabBar(); !strings.Contains(bar, "[デモ]") || !strings.Contains(bar, "高野 葵") {
			t.Fatalf("tab bar %q", bar)
		}
		h.key("2", "U")
		h.mustShow("誰として使いますか")
		if h.app.View().Cursor == nil {
			t.Fatal("no real cursor in the list's field")
		}
		h.typeText("熊田")
		h.mustShow("> 熊田 剛  郡山市 財務部 財政課")
		// The terminal draws between the choice and the new person's
		// arrival: the screens, made anew, have no size yet.
		_, cmd := h.app.Update(keyMsg("enter"))
		h.app.View()
		h.run(cmd)
		h.checkFrame()
		h.mustShow("熊田 剛 さん (郡山市) として使っています")
		if bar := h.tabBar(); !strings.Contains(bar, "[デモ]") || !strings.Contains(bar, "熊田 剛") {
			t.Fatalf("tab bar after the switch %q", bar)
		}
		h.mustShow("相談の一覧") // still on 相談
		h.key("?")
		h.mustShow("別の人として使う")
	}
}

// After U on a tab without a count of its own, the other tabs' counts are
// the new person's: they are asked for again, not kept from the first.
func TestActAsAsksForTheCountsAgain(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("2", "enter", "esc", "1") // 高野 葵 reads her one unread thread
	if bar := h.tabBar(); strings.Contains(bar, "相談(") {
		t.Fatalf("tab bar before the switch %q", bar)
	}
	h.key("U")
	h.typeText("熊田")
	h.key("enter")
	h.mustShow("熊田 剛 さん (郡山市) として使っています")
	if bar := h.tabBar(); !strings.Contains(bar, "相談(") {
		t.Fatalf("熊田 剛's unread count is not on the tab bar: %q", bar)
	}
}

// The list of whom to act as marks the supervisors, and typing 所属長
// narrows it to them: a trainer showing approvals looks for one (new-user
// trial).
func TestActAsMarksSupervisors(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 100, 30)
	h.key("U")
	h.typeText("所属長")
	h.mustShow("熊田 剛  郡山市 財務部 財政課  所属長")
	h.mustShow("大槻 浩二")
	h.mustNotShow("高野 葵  郡山市")
	h.checkFrame()
}
