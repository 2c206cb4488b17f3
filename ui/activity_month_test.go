package ui_test

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The plan form says what is left in the month the plan counts against:
// the month its date falls in, not the month it is written in.
func TestActivityFormShowsThePlansMonth(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("5", "n", "tab")
	h.typeText("年末の勉強会")
	h.mustShow("11月の利用")
	h.key("tab", "ctrl+u")
	h.typeText("2026-12-10")
	h.mustShow("12月の利用")
	h.mustNotShow("11月の利用")
	// December's figures, not November's: 高野 葵 has 2 hours approved
	// there (【企画参画】) and December has its own cap.
	dec := h.line("12月の利用")
	if strings.Contains(dec, "残り 27時間57分") {
		t.Errorf("December shows November's figure: %q", dec)
	}
	h.key("ctrl+u")
	h.typeText("11/24")
	h.mustShow("11月の利用       残り 27時間57分")
	h.checkFrame()
}

// A request's month "with this plan" counts the plan: 橋本 美咲 has done
// 25 hours of a 29h27m cap, so her 7h45m plan takes her 3h18m over, and
// the bar's end says so.
func TestActivityRequestMonthCountsThePlan(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := newDemoHarness(t, "ja", size[0], size[1]).asStaff("熊田 剛")
		h.key("5", "v")
		selectPlan(h, "申告受付会場の応援")
		h.mustShow("(承認した場合)")
		h.mustNotShow("残り 4時間27分")
		bar := h.line("3時間18分 超過")
		if bar == "" {
			t.Fatalf("%dx%d: the month with the plan does not say it is over:\n%s", size[0], size[1], h.screen())
		}
		if !strings.Contains(bar, "+!") {
			t.Errorf("%dx%d: the bar does not end in the mark of over the cap: %q", size[0], size[1], bar)
		}
		// A plan that fits says what is left with it: 29h27m - 25h - 30m.
		selectPlan(h, "庶務担当者の会（旅費）")
		h.mustShow("残り 3時間57分")
		h.checkFrame()
	}
}

// The line over the plans names every state that has plans, at 80
// columns too, the state shown in brackets as the tab's views are.
func TestActivityStateCountsFit(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("5")
	line := h.line("計画 6件")
	for _, s := range []string{"[すべて]", "下書き1", "申請中1", "承認済み1", "差し戻し1", "取り下げ1", "実施済み1"} {
		if !strings.Contains(line, s) {
			t.Errorf("%q missing from %q", s, line)
		}
	}
	h.key("o") // 下書き only
	line = h.line("計画 1件")
	if !strings.Contains(line, "[下書き1]") || strings.Contains(line, "[すべて]") || !strings.Contains(line, "実施済み1") {
		t.Errorf("filtered on 下書き: %q", line)
	}
	h.checkFrame()
}

// t on a plan whose day has not come says so at once, before any hours
// are typed; hours over the approved ones are refused with the hours
// written as everywhere else (1時間, not 1時間0分).
func TestActivityRecordRefusedEarly(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("5")
	selectPlan(h, "相談タイム") // approved, on 12月16日
	h.key("t")
	h.mustShow("実績は活動の日 (2026-12-16) から記録できます")
	h.mustNotShow("実績を記録: ")
	if c := h.app.View().Cursor; c != nil {
		t.Errorf("a prompt took the cursor: %+v", c)
	}
}

func TestActivityRecordOverSaysHoursOnce(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("5")
	selectPlan(h, "税外収入のアイデア出し") // done, 2 hours approved
	h.key("t", "ctrl+u")
	h.typeText("3")
	h.key("enter")
	h.mustShow("承認された時間 (2時間) を超えています")
}

// barRE is a bar of the 活動 tab: [##==++....] or ending in ! when over.
var barRE = regexp.MustCompile(`\[[#=+.]+[\]!]`)

// paneBars are the lengths of the bars in the left and the right pane.
func paneBars(screen string) (left, right []int) {
	for _, l := range strings.Split(screen, "\n") {
		at := strings.Index(l, "|")
		if at < 0 {
			continue
		}
		for _, b := range barRE.FindAllString(l[:at], -1) {
			left = append(left, len([]rune(b)))
		}
		for _, b := range barRE.FindAllString(l[at+1:], -1) {
			right = append(right, len([]rune(b)))
		}
	}
	return left, right
}

// allSame reports whether every length in ls is the first.
func allSame(ls []int) bool {
	for _, l := range ls {
		if l != ls[0] {
			return false
		}
	}
	return true
}

// Moving from one request or person to the next keeps the bars one
// length, whatever the figures beside them; the queue's rows say which
// month their figures are of, and the header what they are.
func TestActivityBarsKeepTheirWidth(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := newDemoHarness(t, "ja", size[0], size[1]).asStaff("熊田 剛")
		h.key("5", "v")
		h.mustShow("時間  承認した場合の月の残り")
		// The month by name where the row has room (the date above
		// says it where it has not).
		month := map[int][2]string{80: {"", ""}, 160: {"11月 ", "12月 "}}[size[0]]
		if row := h.line("橋本 美咲   30分"); !strings.Contains(row, month[0]+"残り 3時間57分") {
			t.Errorf("%dx%d: queue row %q", size[0], size[1], row)
		}
		if row := h.line("高野 葵     1時間"); !strings.Contains(row, month[1]+"残り 29時間") {
			t.Errorf("%dx%d: queue row %q", size[0], size[1], row)
		}
		var right []int
		for _, title := range []string{"庶務担当者の会", "【企画参画】", "申告受付会場の応援"} {
			selectPlan(h, title)
			_, r := paneBars(h.screen())
			right = append(right, r...)
		}
		if len(right) != 3 || !allSame(right) {
			t.Errorf("%dx%d: the requests' bars are %v cells long", size[0], size[1], right)
		}
		h.key("v")
		h.mustShow("[所属の利用]")
		left, r1 := paneBars(h.screen())
		h.key("j")
		h.mustShow("> 高野 葵")
		_, r2 := paneBars(h.screen())
		right = append(r1, r2...)
		// Two people, one bar each for the month and, where wide, one
		// for the year.
		if k := len(left) / 2; len(left) < 2 || !slices.Equal(left[:k], left[k:]) {
			t.Errorf("%dx%d: the people's rows have bars %v cells long", size[0], size[1], left)
		}
		if len(right) < 4 || !allSame(right[:len(right)/2]) || !allSame(right[len(right)/2:]) || right[0] != right[len(right)/2] {
			t.Errorf("%dx%d: the person's ledgers have bars %v cells long", size[0], size[1], right)
		}
		h.checkFrame()
	}
}

// A request's row and its month beside it say the same figure, in words
// that tell what it counts. 橋本 美咲's 30-minute plan waits beside her
// 7h45m one: the row says what her month has left once this plan is
// approved, as the pane says it under the bar, and the figures under the
// bar (25h done + 30m) and what is left add up to her cap; the other
// request, which counts only once approved itself, is named apart rather
// than summed in with this one (a new user read the row's figure against
// done + both requests beside it as a contradiction).
func TestActivityRequestRowAndMonthAgree(t *testing.T) {
	t.Parallel()
	// Hours in words: 3時間57分, 25時間, 30分; 3h57m, 25h, 30m.
	duration := regexp.MustCompile(`(\d+)(?:時間|h)(?:(\d+)(?:分|m))?|(\d+)(?:分|m)`)
	minutes := func(s string) int {
		m := duration.FindStringSubmatch(s)
		n := func(d string) int { v, _ := strconv.Atoi(d); return v }
		return n(m[1])*60 + n(m[2]) + n(m[3])
	}
	words := map[string]struct{ header, heading, others, left string }{
		"ja": {"承認した場合の月の残り", "橋本 美咲 さんの11月 (承認した場合)", "ほかの申請中 7時間45分", "残り 3時間57分"},
		"en": {"month left if approved", "橋本 美咲's Nov if approved", "other requests 7h45m", "3h57m left"},
	}
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			h := newDemoHarness(t, lang, 80, 24)
			h = startHarness(t, h.db, h.other("熊田 剛").ID, lang, 80, 24)
			h.key("5", "v")
			selectPlan(h, "庶務担当者の会（旅費）")
			h.checkFrame()
			w := words[lang]
			h.mustShow(w.header)
			h.mustShow(w.heading)
			h.mustShow(w.others)
			left, right := paneOf(h.screen())
			var row string
			for i, l := range left {
				if strings.HasPrefix(l, ">") && i+1 < len(left) {
					row = left[i+1]
				}
			}
			if !strings.Contains(row, w.left) || !strings.Contains(strings.Join(right, "\n"), w.left) {
				t.Fatalf("the row and the pane do not both say %q:\n%s", w.left, h.screen())
			}
			// The figures under the bar: lines that begin with a bar's
			// character (two where the pane is narrow).
			sum := 0
			for _, l := range right {
				if f := strings.TrimSpace(l); strings.HasPrefix(f, "#") || strings.HasPrefix(f, "=") || strings.HasPrefix(f, "+") {
					for _, d := range duration.FindAllString(l, -1) {
						sum += minutes(d)
					}
				}
			}
			if capMinutes := 29*60 + 27; sum+minutes(w.left) != capMinutes {
				t.Errorf("the figures beside the row add up to %d minutes and %s is left, not the cap %d:\n%s", sum, w.left, capMinutes, h.screen())
			}
		})
	}
}

// paneOf splits a screen into its left and right panes at the divider.
func paneOf(screen string) (left, right []string) {
	for _, l := range strings.Split(screen, "\n") {
		if a, b, ok := strings.Cut(l, "|"); ok {
			left, right = append(left, a), append(right, b)
		}
	}
	return left, right
}

// The department's rows say what their figure counts: 橋本 美咲's 25 hours
// are done and approved hours against the cap, her 7h45m request drawn in
// the bar but not in the figure, and the header says so where it fits.
func TestActivityDepartmentSaysWhatItCounts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lang   string
		w, h   int
		legend string
	}{{"ja", 80, 24, "上限超過 0人  実施+承認/上限"}, {"en", 100, 30, "0 over the cap  done+approved/cap"}} {
		h := newDemoHarness(t, c.lang, c.w, c.h)
		h = startHarness(t, h.db, h.other("熊田 剛").ID, c.lang, c.w, c.h)
		h.key("5", "v", "v")
		h.checkFrame()
		h.mustShow(c.legend)
		if row := h.line(map[string]string{"ja": "25時間/29時間27分", "en": "25h/29h27m"}[c.lang]); row == "" {
			t.Errorf("%s: 橋本 美咲's row does not count done and approved hours:\n%s", c.lang, h.screen())
		}
	}
}
