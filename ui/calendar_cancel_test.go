package ui_test

import (
	"strings"
	"testing"
)

// The key line offers e and d only to those who may change the event;
// the keys still say why to anyone else.
func TestCalendarEditKeysOnlyForOrganisers(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 80, 24)
	h.key("t", "h", "h", "enter") // 相談タイム, someone else's
	h.mustShow("相談タイム")
	if l := h.keyLine(); strings.Contains(l, "e 変更") || strings.Contains(l, "d 中止") {
		t.Errorf("someone else's event offers changes: %q", l)
	}
	h.key("d")
	h.mustShow("コミュニティの運営者と作成者だけです")
	h.key("esc", "t", "j", "j", "h", "h", "enter") // 非税収入アイデア会議（第2回）, the viewer's
	h.mustShow("非税収入アイデア会議（第2回）")
	if l := h.keyLine(); !strings.Contains(l, "e 変更") || !strings.Contains(l, "d 中止") {
		t.Errorf("the organiser is not offered changes: %q", l)
	}
}

// Which dates of a series to cancel or change is asked naming the event
// and the date chosen.
func TestCalendarScopeNamesTheEvent(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 80, 24)
	h.key("n")
	h.typeText("週例ミーティング")
	formTab(h, 10)
	h.key("right", "tab", "tab", "right", "right", "tab")
	typeInto(h, "5")
	h.key("ctrl+s")
	h.mustShow("を作りました")
	h.key("j", "enter") // 27 November, the second
	h.key("d")
	h.mustShow("繰り返しのどの回を中止しますか: 「週例ミーティング」11月27日(金) 15:00")
	h.checkFrame()
	h.key("esc", "e")
	h.mustShow("繰り返しのどの回を変えますか: 「週例ミーティング」11月27日(金) 15:00")
	h.checkFrame()
}
