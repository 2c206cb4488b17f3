package ui_test

import (
	"regexp"
	"strings"
	"testing"
)

// How the 活動 tab words its figures, found by a new-user trial: hours
// as durations, the month by its name, counts in the singular, a word
// said once.

// activityScreens walks the 活動 tab as 熊田 剛, the demo's supervisor:
// his own plans, each request waiting, each person of the department and
// one person's plans, calling see on every screen.
func activityScreens(t *testing.T, h *harness, see func(where string)) {
	t.Helper()
	h.key("5")
	see("mine")
	h.key("v")
	for i := 0; i < 3; i++ {
		see("queue")
		h.key("j")
	}
	h.key("v")
	for i := 0; i < 2; i++ {
		see("department")
		h.key("j")
	}
	h.key("enter")
	see("person's plans")
}

// clockLike finds hours written as h:mm; historyClock is the one place
// the tab shows a time of day, a step of a plan's history: a date, the
// time, two spaces, the step.
var (
	clockLike    = regexp.MustCompile(`\d+:\d\d`)
	historyClock = regexp.MustCompile(`(\)|[A-Z][a-z]{2}) \d{1,2}:\d\d  \S`)
)

// Every figure of hours on the tab reads as a duration, in one style at
// every width: 1:00 right after a date read as one o'clock.
func TestActivityHoursReadAsDurations(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lang string
		w, h int
		want []string
	}{
		{"ja", 80, 24, []string{"7時間45分", "30分"}}, {"ja", 100, 30, []string{"7時間45分", "30分"}},
		{"en", 80, 24, []string{"7h45m", "30m"}}, {"en", 100, 30, []string{"7h45m", "30m"}},
	} {
		h := newDemoHarness(t, c.lang, c.w, c.h)
		h = startHarness(t, h.db, h.other("熊田 剛").ID, c.lang, c.w, c.h)
		seen := ""
		activityScreens(t, h, func(where string) {
			h.checkFrame()
			for _, l := range strings.Split(h.screen(), "\n")[1:] {
				if m := clockLike.FindString(historyClock.ReplaceAllString(l, "")); m != "" {
					t.Errorf("%s %dx%d, %s: %s reads as a time of day: %q", c.lang, c.w, c.h, where, m, l)
				}
			}
			seen += h.screen()
		})
		for _, w := range c.want {
			if !strings.Contains(seen, w) {
				t.Errorf("%s %dx%d: no %q on the tab", c.lang, c.w, c.h, w)
			}
		}
	}
}

// The department's rows in English name their month (Nov, not Mo), and
// the person's figures beside them wrap in the narrow pane rather than
// lose their end.
func TestActivityDepartmentInEnglish(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "en", 80, 24)
	h = startHarness(t, h.db, h.other("熊田 剛").ID, "en", 80, 24)
	h.key("5", "v", "v")
	h.checkFrame()
	h.mustShow("[Department]")
	h.mustNotShow("Mo [")
	if row := h.line("   Nov ["); !strings.Contains(row, "25h/29h27m") {
		t.Errorf("橋本 美咲's month: %q", row)
	}
	_, right := paneOf(h.screen())
	figures := 0
	for _, l := range right {
		if f := strings.TrimSpace(l); strings.HasPrefix(f, "#") || strings.HasPrefix(f, "+") {
			figures++
			if strings.HasSuffix(f, "…") {
				t.Errorf("figures cut: %q", f)
			}
		}
	}
	if figures < 2 {
		t.Fatalf("no figures beside the rows:\n%s", h.screen())
	}
	h.mustShow("+waiting 8h15m")
}

// A count of one reads in the singular in English: 1 plan, 1 item,
// 1 working day; Japanese says 1件 either way.
func TestActivityCountsOfOne(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "en", 80, 24)
	kumada := startHarness(t, h.db, h.other("熊田 剛").ID, "en", 80, 24)
	kumada.key("5")
	kumada.mustShow(" 1 plan ") // his own, waiting for his supervisor
	kumada.mustNotShow("1 plans")
	kumada.key("v")
	kumada.mustShow("Waiting  3 items")
	for _, title := range []string{"【企画参画】", "庶務担当者の会"} {
		selectPlan(kumada, title)
		kumada.key("a")
		kumada.typeText("了解です")
		kumada.key("enter")
	}
	kumada.mustShow("Waiting  1 item ")
	kumada.mustNotShow("1 items")

	// A plan of one day longer than the working day.
	h.key("5", "n", "tab")
	h.typeText("決算統計の勉強会")
	h.key("tab", "tab", "tab")
	h.typeText("9")
	h.key("tab")
	h.typeText("作業手順を課内で共有するため")
	h.key("ctrl+s")
	h.mustShow("1 working day holds at most 7h45m")
}

// A plan's kind and category are said once where they are the same word:
// a handover plan of the category handover, other of other.
func TestActivityKindAndCategoryOnce(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ lang, handover, other string }{{"en", "Handover", "Other"}, {"ja", "引き継ぎ", "その他"}} {
		h := newDemoHarness(t, c.lang, 80, 24)
		h.key("5")
		for _, p := range []struct{ title, word string }{{"歳入予算の編成", c.handover}, {"観光SNS発信", c.other}} {
			selectPlan(h, p.title)
			_, right := paneOf(h.screen())
			pane := strings.Join(right, "\n")
			if strings.Contains(pane, p.word+" / "+p.word) || !strings.Contains(pane, p.word) {
				t.Errorf("%s, %s: the kind and category say %q twice or not at all:\n%s", c.lang, p.title, p.word, pane)
			}
		}
	}
}

// What a plan is for and its category are never cut in the narrow pane:
// they go under the state where they do not fit beside it.
func TestActivityKindAndCategoryWhole(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "en", 80, 24)
	h.key("5")
	selectPlan(h, "【企画参画】")
	h.checkFrame()
	_, right := paneOf(h.screen())
	pane := strings.Join(right, "\n")
	if !strings.Contains(pane, "Call for help / Workplace support") || strings.Contains(pane, "Workplace …") {
		t.Errorf("what the plan is for is cut:\n%s", pane)
	}
}
