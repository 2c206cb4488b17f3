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
	h := openCalendarToWrite(t, 80, 24)
	newWeeklyMeeting(h)
	h.key("j", "enter") // 27 November, the second
	h.key("d")
	h.mustShow("繰り返しのどの回を中止しますか: 「週例ミーティング」11月27日(金) 15:00")
	h.checkFrame()
	h.key("esc", "e")
	h.mustShow("繰り返しのどの回を変えますか: 「週例ミーティング」11月27日(金) 15:00")
	h.checkFrame()
}

// A date cancelled on its own stays in its day's list, marked 中止 and
// not selectable, for those who look at that day; the day's other events
// are as before.
func TestCalendarCancelledDateStaysMarked(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := openCalendarToWrite(t, size[0], size[1])
		newWeeklyMeeting(h)
		h.key("j", "enter") // 27 November, the second
		h.key("d", "enter", "y")
		h.mustShow("の回を中止しました")
		h.key("esc", "t", "j") // 27 November in the grid
		line := h.line("週例ミーティング")
		if !strings.Contains(line, "中止") || !strings.Contains(line, "15:00") {
			t.Errorf("%dx%d: the cancelled date reads %q:\n%s", size[0], size[1], line, h.screen())
		}
		h.key("enter")
		if strings.Contains(h.selectedRow(), "週例ミーティング") {
			t.Errorf("%dx%d: the cancelled date can be selected", size[0], size[1])
		}
		h.checkFrame()
	}
}

// newWeeklyMeeting makes 週例ミーティング on the selected day, weekly,
// five times, from the calendar's grid: 20 November to 18 December.
func newWeeklyMeeting(h *harness) {
	h.t.Helper()
	h.key("n")
	h.typeText("週例ミーティング")
	formTab(h, 10)
	h.key("right", "tab", "tab", "right", "right", "tab")
	typeInto(h, "5")
	h.key("ctrl+s")
	h.mustShow("を作りました")
}
