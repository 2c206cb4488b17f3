package ui_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/width"

	"hiroba/model"
	"hiroba/ui"
)

// The demo at fixedNow (Friday 2026-11-20, JST) has, among others:
// 11/16 観光物産フェア 応援スタッフ説明会 (over), 11/18 相談タイム (毎月第3水曜日),
// 11/23 勤労感謝の日 with 使い方カタログ キックオフ, 11/26 庶務担当者の会 (the
// viewer said yes), 12/2 非税収入アイデア会議 organised by the viewer.

// openCalendar starts the shared demo on the calendar tab, for a test
// that only reads.
func openCalendar(t *testing.T, w, h int) *harness {
	t.Helper()
	return onCalendar(newDemoHarness(t, "ja", w, h))
}

// openCalendarToWrite starts a copy of the demo of the test's own on the
// calendar tab.
func openCalendarToWrite(t *testing.T, w, h int) *harness {
	t.Helper()
	return onCalendar(ownDemoHarness(t, "ja", w, h))
}

func onCalendar(hs *harness) *harness {
	hs.t.Helper()
	hs.key("4")
	hs.checkFrame()
	return hs
}

func TestCalendarMonthGolden(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := openCalendar(t, size[0], size[1])
		h.mustShow("2026年11月")
		h.mustShow("土")
		h.golden("cal_month_" + sizeName(size))
	}
	h := newDemoHarness(t, "en", 80, 24)
	h.key("4")
	h.checkFrame()
	h.mustShow("Sun")
	h.golden("cal_month_en_80x24")
}

func sizeName(s [2]int) string { return fmt.Sprintf("%dx%d", s[0], s[1]) }

// gridLines are the lines of the month grid: from the first border to the
// last, each cut at the grid's right edge.
func gridLines(t *testing.T, screen string) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(screen, "\n") {
		if !strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "|") {
			continue
		}
		// The grid ends at its last '+' or '|' in the border line's width.
		out = append(out, l)
	}
	if len(out) < 10 {
		t.Fatalf("no grid on screen:\n%s", screen)
	}
	right := len(gridBorder.FindString(out[0]))
	for i, l := range out {
		out[i] = ansi.Truncate(l, right, "")
	}
	return out
}

// columns returns the cell positions (in terminal cells) of each '|' or
// '+' of a grid line, and the cell position where each run of digits ends.
func columns(line string) (bars, numbers []int) {
	col := 0
	inNum := false
	for _, r := range line {
		if r == '|' || r == '+' {
			bars = append(bars, col)
		}
		isDigit := r >= '0' && r <= '9'
		if inNum && !isDigit {
			numbers = append(numbers, col)
		}
		inNum = isDigit
		col += ansi.StringWidth(string(r))
	}
	return bars, numbers
}

var gridBorder = regexp.MustCompile(`^[+-]+`)

var dayNumberLine = regexp.MustCompile(`^\|[ >]?\s?\d`)

func TestCalendarColumnsAlignWithoutAmbiguousGlyphs(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := openCalendar(t, size[0], size[1])
		for _, keys := range [][]string{nil, {"]"}, {"]", "]", "]"}, {"[", "[", "[", "[", "[", "[", "[", "[", "[", "["}} {
			h.key(keys...)
			h.key("t")
			h.key(keys...)
			h.checkFrame()
			lines := gridLines(t, h.screen())
			wantBars, _ := columns(lines[0])
			if len(wantBars) != 8 {
				t.Fatalf("%v: border has %d corners, want 8: %q", size, len(wantBars), lines[0])
			}
			var numberCols [][]int
			for _, l := range lines {
				bars, numbers := columns(l)
				if !equalInts(bars, wantBars) {
					t.Fatalf("%v: columns out of line:\n%q\n%q\nbars %v, want %v", size, lines[0], l, bars, wantBars)
				}
				if dayNumberLine.MatchString(l) {
					if len(numbers) != 7 {
						t.Fatalf("%v: %d day numbers in %q", size, len(numbers), l)
					}
					numberCols = append(numberCols, numbers)
				}
				for _, r := range l {
					if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
						t.Fatalf("%v: ambiguous-width %q (U+%04X) in the grid: %q", size, r, r, l)
					}
				}
			}
			if len(numberCols) < 4 {
				t.Fatalf("%v: %d week rows", size, len(numberCols))
			}
			for _, n := range numberCols[1:] {
				if !equalInts(n, numberCols[0]) {
					t.Fatalf("%v: day numbers not in columns: %v vs %v", size, n, numberCols[0])
				}
			}
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCalendarKeysMoveTheSelection(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 80, 24)
	h.mustShow(">20今")
	h.key("l")
	h.mustShow(">21")
	h.mustShow("11月21日(土)")
	h.key("j")
	h.mustShow(">28")
	h.key("k", "h", "h")
	h.mustShow(">19")
	h.key("down", "right")
	h.mustShow(">27")
	h.key("]")
	h.mustShow("2026年12月")
	h.mustShow(">27")
	h.key("[", "[")
	h.mustShow("2026年10月")
	h.key("t")
	h.mustShow("2026年11月")
	h.mustShow(">20今")
	// Moving past the month's end changes the month.
	h.key("j", "j")
	h.mustShow("2026年12月")
	h.mustShow("> 4")
	h.checkFrame()
	// 31 January + 1 month is the end of February, not 3 March.
	h.key("]", "]", "]")
	h.mustShow("2027年3月")
	h.key("]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]")
	h.mustShow("2028年2月")
}

func TestCalendarHolidaysAndAgenda(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 80, 24)
	// 23 November, 勤労感謝の日, is marked in the grid and named in the agenda.
	h.mustShow("23祝")
	h.key("j", "h", "h", "h", "h")
	h.mustShow("11月23日(月)  勤労感謝の日")
	h.mustShow("16:30-17:00 参加 4人 [参加]")
	h.mustShow("使い方カタログ キックオフ")
	h.key("[")
	h.mustShow("2026年10月")
	h.mustShow("12祝") // スポーツの日
	h.key("]", "]", "]", "]", "]", "]", "]", "]", "]", "]")
	h.mustShow("2027年8月")
	h.mustShow("11祝") // 山の日
	h.key("]")
	h.mustShow("20祝") // 敬老の日
	h.mustShow("23祝") // 秋分の日
}

func TestCalendarWideShowsTheWeek(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 160, 50)
	h.mustShow("11月15日(日) からの週")
	h.mustShow("相談タイム（毎月第3水曜日）")
	h.mustShow("23 勤労感謝~")
	h.key("j")
	h.mustShow("11月22日(日) からの週")
	h.mustShow("16:30-17:00 使い方カタログ キックオフ [参加]")
	h.mustShow("LoGoチャット・グループウェア活用術  オンライン  参加 4人")
}

func TestCalendarEnterOpensTheDayAndTheEvent(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 80, 24)
	// One event that day: enter opens it.
	h.key("h", "h", "enter")
	h.checkFrame()
	h.mustShow("相談タイム（毎月第3水曜日）")
	h.mustShow("繰り返し: 毎月第3水曜日 15:00-16:00")
	h.mustShow("場所: 郡山市役所 本庁舎3階 第1会議室")
	h.mustShow("20% ルール対象")
	h.mustShow("予約不要・途中参加OK") // the description, rendered
	h.key("esc")
	h.mustShow(">18")
	// Two events on 2 November: enter lists them, enter opens the chosen.
	h.key("k", "k", "h", "h")
	h.mustShow("> 2")
	h.key("enter")
	h.mustShow("> ")
	first := h.screen()
	h.key("j")
	if h.screen() == first {
		t.Fatalf("j did not move in the day's list:\n%s", first)
	}
	h.key("enter")
	h.checkFrame()
	h.mustShow("11月2日(月)")
	h.key("esc", "esc")
	h.mustShow("2026年11月")
}

func TestCalendarOrganiserSeesWhoIsComing(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 80, 24)
	h.key("j", "j", "h", "h") // 2 December
	h.mustShow("2026年12月")
	h.key("enter")
	h.mustShow("非税収入アイデア会議（第2回）")
	h.mustShow("参加者")
	h.mustShow("参加 (3)")
	h.mustShow("未定 (1)")
}

func TestCalendarRSVPChangesTheCount(t *testing.T) {
	t.Parallel()
	h := openCalendarToWrite(t, 80, 24)
	h.key("j", "h") // 26 November: 庶務担当者の会, the viewer said yes
	h.mustShow("参加 3人")
	h.key("enter")
	h.mustShow("あなたの回答: [参加]")
	h.key("r")
	h.mustShow("の返事")
	h.key("j", "j", "enter")
	h.mustShow("不参加」と答えました")
	h.mustShow("参加 2人")
	h.mustShow("あなたの回答: [不参加]")
	h.key("r", "k", "enter")
	h.mustShow("あなたの回答: [未定]")
	h.key("y")
	h.mustShow("参加 3人")
	h.key("esc")
	h.mustShow("参加 3人")
	// "my events" lists it.
	h.key("v")
	h.mustShow("参加予定")
	h.mustShow("庶務担当者の会（旅費） [参加]")
	h.checkFrame()
}

func TestCalendarFullEventTakesAWaitingList(t *testing.T) {
	t.Parallel()
	h := openCalendarToWrite(t, 80, 24)
	ctx := context.Background()
	// Someone else's one-place event on 25 November, with its place taken.
	staff, err := h.db.FindStaff(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var other string
	var com model.Community
	for _, s := range staff {
		if s.ID == h.staff {
			continue
		}
		coms, _, err := h.db.FindCommunities(model.WithViewer(ctx, s.ID), model.CommunityFilter{MemberOnly: true, Limit: 1})
		if err == nil && len(coms) > 0 && coms[0].Visibility == model.VisibilityOpen {
			other, com = s.ID, coms[0]
			break
		}
	}
	if other == "" {
		t.Fatal("no other member")
	}
	octx := model.WithViewer(ctx, other)
	start := time.Date(2026, 11, 25, 18, 0, 0, 0, jst)
	ev := &model.Event{CommunityID: com.ID, Title: "少人数の勉強会", Start: start, End: start.Add(time.Hour), Capacity: 1}
	if err := h.db.CreateEvent(octx, ev); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.SetRSVP(octx, ev.ID, start, model.RSVPYes); err != nil {
		t.Fatal(err)
	}
	h.key("t", "]", "[") // read the month again
	h.key("j", "h", "h", "enter")
	h.mustShow("少人数の勉強会")
	h.mustShow("参加 1/1人 満員")
	h.key("y")
	h.mustShow("満員のため、キャンセル待ちに登録しました")
	h.mustShow("キャンセル待ち 1人")
	h.mustShow("[キャンセル待ち]")
	// The organiser's "no" gives the viewer the place.
	if _, err := h.db.SetRSVP(octx, ev.ID, start, model.RSVPNo); err != nil {
		t.Fatal(err)
	}
	h.key("r", "j", "enter", "y")
	h.mustShow("あなたの回答: [参加]")
	h.mustShow("参加 1/1人 満員")
}

// formRow moves the form's focus down n rows with tab.
func formTab(h *harness, n int) {
	for i := 0; i < n; i++ {
		h.key("tab")
	}
}

// typeInto replaces the focused field's text.
func typeInto(h *harness, s string) {
	h.key("ctrl+e", "ctrl+u")
	h.typeText(s)
}

func eventsTitled(t *testing.T, h *harness, title string) int {
	t.Helper()
	ctx := model.WithViewer(context.Background(), h.staff)
	occ, err := h.db.Occurrences(ctx, fixedNow.AddDate(-1, 0, 0), fixedNow.AddDate(3, 0, 0), "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, o := range occ {
		if o.Event.Title == title {
			n++
		}
	}
	return n
}

// A month with more occurrences than the grid reads whole: the grid shows
// counts from OccurrenceDays, the agenda reads the selected day (or week).
func TestCalendarBusyMonthReadsTheDayOnly(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	ctx := model.WithViewer(context.Background(), h.staff)
	coms, _, err := h.db.FindCommunities(ctx, model.CommunityFilter{MemberOnly: true, Limit: 1})
	if err != nil || len(coms) == 0 {
		t.Fatal("no community", err)
	}
	start := time.Date(2026, 10, 1, 8, 30, 0, 0, jst)
	for i := 0; i < 14; i++ {
		ev := &model.Event{CommunityID: coms[0].ID, Title: fmt.Sprintf("朝の打ち合わせ%02d", i), Start: start, End: start.Add(15 * time.Minute), RRule: "FREQ=DAILY"}
		if err := h.db.CreateEvent(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	h.key("4")
	h.checkFrame()
	h.mustShow("| 14件| 16件|") // 1 and 2 November: 2 more on the 2nd
	h.mustShow("朝の打ち合わせ")
	h.mustShow("+6件") // and 高野 葵's 面談 with her fellow, hers alone
	// The day's list scrolls to its last event: the 面談 in the evening.
	h.key("enter", "G")
	h.checkFrame()
	h.mustShow(">17:30-18:15")
	h.mustShow("面談: 関根 隆")
	h.mustNotShow("+6件")
	h.key("esc", "h", "h")
	h.mustShow("11月18日(水)")
	h.mustShow("+6件") // 相談タイム too

	// Wide: the week, each day with its share of lines.
	h.send(teaSize(160, 50))
	h.w, h.h = 160, 50
	h.checkFrame()
	h.mustShow("11月15日(日) からの週")
	h.mustShow("| 14件        | 16件        |")
	h.mustShow("+11件")
	h.key("]")
	h.mustShow("2026年12月")
	h.mustShow("12月13日(日) からの週")
	h.mustShow("朝の打ち合わせ")
}

// Another person's answer reaches an open calendar through the live
// update, with the selection kept.
func TestCalendarLiveUpdateShowsOthersAnswer(t *testing.T) {
	t.Parallel()
	h := openCalendarToWrite(t, 80, 24)
	h.key("j", "h") // 26 November: 庶務担当者の会, 参加 3人
	h.key("enter")
	h.mustShow("参加 3人")
	ctx := context.Background()
	occ, err := h.db.Occurrences(model.WithViewer(ctx, h.staff), time.Date(2026, 11, 26, 0, 0, 0, 0, jst), time.Date(2026, 11, 27, 0, 0, 0, 0, jst), "")
	if err != nil || len(occ) != 1 {
		t.Fatal(occ, err)
	}
	staff, err := h.db.FindStaff(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	added := 0
	for _, s := range staff {
		if s.ID == h.staff {
			continue
		}
		if _, err := h.db.SetRSVP(model.WithViewer(ctx, s.ID), occ[0].Event.ID, occ[0].OriginalStart, model.RSVPYes); err == nil {
			added++
			break
		}
	}
	if added == 0 {
		t.Fatal("nobody else could answer")
	}
	h.send(ui.LiveTick)
	h.mustShow("参加 4人")
	h.mustShow("庶務担当者の会（旅費）")
	h.key("esc")
	h.mustShow(">26")
}

// A search result for an event opens it on the calendar, on its day.
func TestSearchOpensEventOnItsDay(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("ctrl+k")
	h.typeText("土曜まち歩き")
	h.mustShow("土曜まち歩き")
	h.key("enter")
	h.checkFrame()
	h.mustShow("土曜まち歩き（三春町）")
	h.mustShow("12月5日(土) 10:00-12:00")
	h.mustShow("三春駅前")
	h.key("esc")
	h.mustShow("2026年12月")
	h.mustShow("> 5")
}

func TestCalendarCancelOneOffAndOneOccurrence(t *testing.T) {
	t.Parallel()
	h := openCalendarToWrite(t, 80, 24)
	// The viewer organises 非税収入アイデア会議（第2回） on 2 December.
	h.key("j", "j", "h", "h", "enter")
	h.mustShow("非税収入アイデア会議（第2回）")
	h.key("d")
	h.mustShow("「非税収入アイデア会議（第2回）」の12月2日(水) 17:00を中止しますか？")
	h.key("n")
	h.mustShow("非税収入アイデア会議（第2回）")
	h.key("d", "y")
	h.mustShow("「非税収入アイデア会議（第2回）」の12月2日(水) 17:00を中止しました")
	h.mustShow("> 2")
	if n := eventsTitled(t, h, "非税収入アイデア会議（第2回）"); n != 0 {
		t.Fatalf("cancelled event still has %d occurrences", n)
	}
	// Someone else's event cannot be cancelled.
	h.key("t", "h", "h", "enter")
	h.mustShow("相談タイム")
	h.key("d")
	h.mustShow("コミュニティの運営者と作成者だけです")

	// A weekly series: cancel one date, then change this and all that
	// follow.
	h.key("esc", "t")
	newWeeklyMeeting(h)
	if n := eventsTitled(t, h, "週例ミーティング"); n != 5 {
		t.Fatalf("%d occurrences, want 5", n)
	}
	h.key("j", "enter") // 27 November, the second
	h.mustShow("週例ミーティング")
	h.key("d")
	h.mustShow("繰り返しのどの回を中止しますか: 「週例ミーティング」11月27日(金) 15:00")
	h.key("enter") // この回だけ
	h.mustShow("11月27日(金) 15:00 の回を中止しますか？")
	h.key("y")
	h.mustShow("の回を中止しました")
	if n := eventsTitled(t, h, "週例ミーティング"); n != 4 {
		t.Fatalf("%d occurrences after cancelling one, want 4", n)
	}
	h.key("j", "enter") // 4 December, the third
	h.mustShow("週例ミーティング")
	h.key("e", "j", "enter") // この回以降すべて
	h.mustShow("この回以降すべてを変更")
	typeInto(h, "週例ミーティング（新）")
	h.key("ctrl+s")
	h.mustShow("を保存しました")
	if old, renamed := eventsTitled(t, h, "週例ミーティング"), eventsTitled(t, h, "週例ミーティング（新）"); old != 1 || renamed != 3 {
		// 20 November stays; 27 November was cancelled; the series of
		// five goes on as the new one: 4, 11 and 18 December.
		t.Fatalf("after changing the third and those after: %d old, %d renamed; want 1 and 3", old, renamed)
	}
	h.checkFrame()
}

func TestCalendarMouseSelectsADay(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 80, 24)
	// The 80x24 grid: tab bar, title, border, weekdays, border, then weeks
	// of two lines and a border; each day 5 cells and a bar.
	h.send(tea.MouseClickMsg{X: 1 + 1*6 + 2, Y: 1 + 4 + 3*3 + 1, Button: tea.MouseLeft}) // Monday of the 4th week
	h.mustShow(">23祝")
	h.mustShow("11月23日(月)  勤労感謝の日")
	h.send(tea.MouseClickMsg{X: 6, Y: 1 + 4 + 3*3 + 2, Button: tea.MouseLeft}) // on a bar: nothing
	h.mustShow(">23祝")
	// A click on another tab's screen does not reach the hidden calendar.
	h.key("1")
	h.send(tea.MouseClickMsg{X: 1 + 2*6 + 2, Y: 1 + 4 + 1*3 + 1, Button: tea.MouseLeft})
	h.key("4")
	h.mustShow(">23祝")
	h.mustNotShow(">10")
}
