package ui_test

import (
	"fmt"
	"regexp"
	"slices"
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
		h.mustShow("時間  承認した場合の月の計/上限")
		if row := h.line("橋本 美咲   0:30"); !strings.Contains(row, "11月 25:30/29:27") {
			t.Errorf("%dx%d: queue row %q", size[0], size[1], row)
		}
		if row := h.line("高野 葵     1:00"); !strings.Contains(row, "12月 2:00/31:00") {
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
// 7h45m one: the row's 25:30 is what her month counts once this plan is
// approved (25h done + 30m), and the figures under the bar add up to it;
// the other request, which counts only once approved itself, is named
// apart rather than summed in with this one (a new user read 25:30 in the
// row against done 25:00 + waiting 8:15 beside it as a contradiction).
func TestActivityRequestRowAndMonthAgree(t *testing.T) {
	t.Parallel()
	clock := regexp.MustCompile(`\d+:\d\d`)
	minutes := func(s string) int {
		var h, m int
		if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil {
			t.Fatalf("figure %q: %v", s, err)
		}
		return h*60 + m
	}
	words := map[string]struct{ header, heading, others string }{
		"ja": {"承認した場合の月の計/上限", "橋本 美咲 さんの11月 (承認した場合)", "ほかの申請中 7時間45分"},
		"en": {"month if approved/cap", "橋本 美咲's Nov if approved", "other requests 7h45m"},
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
			figs := clock.FindAllString(row, -1)
			if len(figs) != 3 { // hours, month with it, cap
				t.Fatalf("request row %q", row)
			}
			withIt, capMinutes := minutes(figs[1]), minutes(figs[2])
			// The figures under the bar: lines that begin with a bar's
			// character (two where the pane is narrow).
			var legend string
			for _, l := range right {
				if f := strings.TrimSpace(l); strings.HasPrefix(f, "#") || strings.HasPrefix(f, "=") || strings.HasPrefix(f, "+") {
					legend += l
				}
			}
			sum := 0
			for _, f := range clock.FindAllString(legend, -1) {
				sum += minutes(f)
			}
			if sum != withIt {
				t.Errorf("the row says %s with the plan, the figures beside it add up to %d minutes: %q", figs[1], sum, legend)
			}
			if want := map[string]string{"ja": "残り 3時間57分", "en": "3h57m left"}[lang]; capMinutes-withIt != 3*60+57 || !strings.Contains(strings.Join(right, "\n"), want) {
				t.Errorf("what is left (%s) is not the cap less the row's figure:\n%s", want, h.screen())
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

// The department's rows say what their figure counts: 橋本 美咲's 25:00
// is done and approved hours against the cap, her 7h45m request drawn in
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
		if row := h.line("25:00/29:27"); row == "" {
			t.Errorf("%s: 橋本 美咲's row does not count done and approved hours:\n%s", c.lang, h.screen())
		}
	}
}
