package activity

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// A bar reads without colour: each part has its own character, the parts
// keep to their share of the cap, and the bar is exactly as wide as asked.
func TestBarReadsWithoutColour(t *testing.T) {
	st := kit.DefaultStyles()
	cases := []struct {
		u    model.Usage
		w    int
		want string
	}{
		{model.Usage{Cap: 1000}, 12, "[..........]"},
		{model.Usage{Cap: 1000, Done: 500, Approved: 200, Waiting: 100}, 12, "[#####==+..]"},
		// A small part still shows.
		{model.Usage{Cap: 1000, Done: 1}, 12, "[#.........]"},
		// Waiting beyond the cap is cut at it; over the cap ends in !.
		{model.Usage{Cap: 1000, Done: 900, Waiting: 500}, 12, "[#########+]"},
		{model.Usage{Cap: 1000, Done: 1100}, 12, "[##########!"},
		// No working days: no cap, nothing to draw against.
		{model.Usage{}, 6, "[....]"},
	}
	for _, c := range cases {
		got := ansi.Strip(Bar(c.u, c.w, st))
		if got != c.want {
			t.Errorf("%+v at %d: %q, want %q", c.u, c.w, got, c.want)
		}
		if w := ansi.StringWidth(Bar(c.u, c.w, st)); w != c.w {
			t.Errorf("%+v: %d cells wide, want %d", c.u, w, c.w)
		}
	}
}

func TestHours(t *testing.T) {
	ja, en := kittest.Catalog("ja"), kittest.Catalog("en")
	for _, c := range []struct {
		m      int
		ja, en string
	}{
		{90, "1時間30分", "1h30m"}, {120, "2時間", "2h"}, {45, "45分", "45m"}, {0, "0分", "0m"}, {-75, "-1時間15分", "-1h15m"},
	} {
		if got := ja.Duration(c.m); got != c.ja {
			t.Errorf("%d ja: %q, want %q", c.m, got, c.ja)
		}
		if got := en.Duration(c.m); got != c.en {
			t.Errorf("%d en: %q, want %q", c.m, got, c.en)
		}
	}
	if got := Clock(465); got != "7:45" {
		t.Errorf("Clock(465) = %q", got)
	}
}

// The figures under a bar give way where the line is narrow, and never
// run past it.
func TestLegendFits(t *testing.T) {
	cat, st := kittest.Catalog("ja"), kit.DefaultStyles()
	u := model.Usage{Cap: 1767, WorkingDays: 19, Done: 1500, Approved: 30, Waiting: 465}
	wide := ansi.Strip(Legend(cat, st, u, 100))
	if !strings.Contains(wide, "上限 29時間27分 (勤務19日)") || !strings.Contains(wide, "+申請中 7時間45分") {
		t.Errorf("wide: %q", wide)
	}
	for _, w := range []int{70, 50, 40, 36} {
		if got := Legend(cat, st, u, w); ansi.StringWidth(got) > w {
			t.Errorf("at %d: %q is %d wide", w, ansi.Strip(got), ansi.StringWidth(got))
		}
	}
	for _, w := range []int{80, 43, 160} {
		l := &model.Ledger{Month: u, Year: u, FiscalYear: 2026}
		l.Month.Period = model.MonthPeriod(model.Date(2026, 11, 1))
		for _, line := range RenderLedger(cat, st, l, w, 1) {
			if ansi.StringWidth(line) != w {
				t.Errorf("ledger line at %d is %d wide: %q", w, ansi.StringWidth(line), ansi.Strip(line))
			}
		}
	}
}

// Dates are read as people type them; a day without a year is the one
// nearest today.
func TestParseDay(t *testing.T) {
	today := model.Date(2026, 11, 20)
	for in, want := range map[string]time.Time{
		"2026-12-02": model.Date(2026, 12, 2),
		"2026/12/2":  model.Date(2026, 12, 2),
		"１２／７":       model.Date(2026, 12, 7),
		"1/8":        model.Date(2027, 1, 8),
		"11/2":       model.Date(2026, 11, 2),
	} {
		got, err := parseDay(in, today)
		if err != nil || !got.Equal(want) {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	if _, err := parseDay("来週", today); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("来週: %v", err)
	}
}

// A refusal without a field goes to the field it is about.
func TestFaultField(t *testing.T) {
	for key, want := range map[string]string{
		"err.plan.event.cancelled": "target", "err.plan.call.closed": "target", "err.plan.target.missing": "target",
		"err.plan.handover.notmine": "target", "err.plan.self": "",
	} {
		if got := faultField(model.Keyed(model.ECONFLICT, key, "x")); got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
	if got := faultField(model.FieldError("minutes", "err.plan.hours", "x")); got != "minutes" {
		t.Errorf("field error: %q", got)
	}
}

// A command line prints the ledger with no styles: plain text, the same
// bars.
func TestRenderLedgerPlain(t *testing.T) {
	cat := kittest.Catalog("ja")
	l := &model.Ledger{FiscalYear: 2026,
		Month: model.Usage{Period: model.MonthPeriod(model.Date(2026, 11, 1)), Cap: 1767, WorkingDays: 19, Done: 90},
		Year:  model.Usage{Period: model.FiscalYearPeriod(2026), Cap: 22413, WorkingDays: 241, Done: 90, Approved: 60}}
	got := strings.Join(RenderLedger(cat, kit.Styles{}, l, 80, 1), "\n")
	if strings.Contains(got, "\x1b") {
		t.Errorf("styles in plain text: %q", got)
	}
	for _, want := range []string{" 11月      [##", "残り 27時間57分  余裕あり", "#実施 1時間30分  =承認 0分", " 2026年度  [#="} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}
