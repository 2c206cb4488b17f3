package model_test

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

func TestPeopleTerms(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"税務課 経験", "税務課"},
		{"税務課経験者　ＬｏＧｏ", "税務課|logo"},
		{"育休", "育休,育児休業"},
		{"経験", ""},
		{"育休 育休", "育休,育児休業"},
	} {
		terms, err := model.PeopleTerms(c.in)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, alts := range terms {
			parts = append(parts, strings.Join(alts, ","))
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("PeopleTerms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFiscalYearAndFeedbackPeriod(t *testing.T) {
	jst := time.FixedZone("JST", 9*60*60)
	for _, c := range []struct {
		at     time.Time
		year   int
		period string
	}{
		{time.Date(2026, 3, 31, 23, 0, 0, 0, jst), 2025, "2025-2"},
		{time.Date(2026, 4, 1, 0, 30, 0, 0, jst), 2026, "2026-1"}, // still 31 March in UTC
		{time.Date(2026, 9, 30, 12, 0, 0, 0, jst), 2026, "2026-1"},
		{time.Date(2026, 10, 1, 9, 0, 0, 0, jst), 2026, "2026-2"},
	} {
		if got := model.FiscalYear(c.at); got != c.year {
			t.Errorf("FiscalYear(%v) = %d, want %d", c.at, got, c.year)
		}
		if got := model.FeedbackPeriod(c.at.UTC()); got != c.period {
			t.Errorf("FeedbackPeriod(%v) = %s, want %s", c.at, got, c.period)
		}
	}
}
