package model_test

import (
	"testing"
	"time"

	"hiroba/model"
)

// The working days below were counted by hand from a printed calendar and
// the Cabinet Office's list of holidays.

func TestWorkingDays(t *testing.T) {
	for _, c := range []struct {
		name string
		p    model.Period
		want int
	}{
		// 22 weekdays, less 昭和の日 (Thursday 29 April).
		{"April 2027 with 昭和の日", model.MonthPeriod(model.Date(2027, 4, 12)), 21},
		// 21 weekdays, less 憲法記念日, みどりの日 and こどもの日 (3-5 May).
		{"May 2027 with Golden Week", model.MonthPeriod(model.Date(2027, 5, 1)), 18},
		// 春分の日 falls on Sunday 21 March, so Monday 22 is 振替休日:
		// 23 weekdays less one.
		{"March 2027 with 振替休日", model.MonthPeriod(model.Date(2027, 3, 31)), 22},
		// 23 weekdays, less 29-31 December (year-end closure).
		{"December 2027", model.MonthPeriod(model.Date(2027, 12, 1)), 20},
		// 21 weekdays, less Monday 3 January (closure) and 成人の日.
		{"January 2028", model.MonthPeriod(model.Date(2028, 1, 1)), 19},
		// Golden Week itself: Wednesday 28 April to Friday 7 May.
		{"Golden Week span", model.Period{From: model.Date(2027, 4, 28), To: model.Date(2027, 5, 7)}, 4},
		{"a Saturday", model.Period{From: model.Date(2027, 4, 10), To: model.Date(2027, 4, 10)}, 0},
		{"backwards", model.Period{From: model.Date(2027, 4, 10), To: model.Date(2027, 4, 9)}, 0},
		// April 2027 to March 2028, month by month: 21 18 22 21 21 20 20
		// 20 20 19 19 22.
		{"fiscal year 2027", model.FiscalYearPeriod(2027), 243},
	} {
		if got := c.p.WorkingDays(); got != c.want {
			t.Errorf("%s: %d working days, want %d", c.name, got, c.want)
		}
	}
}

func TestCapMinutes(t *testing.T) {
	april := model.MonthPeriod(model.Date(2027, 4, 1))
	// 20% of 7 h 45 min is 93 minutes a working day.
	if got := model.CapMinutes(april, model.DefaultDailyMinutes); got != 21*93 {
		t.Errorf("April 2027 cap %d, want %d (32 h 33 min)", got, 21*93)
	}
	// A municipality with an 8-hour day: 96 minutes a day.
	if got := model.CapMinutes(april, 8*60); got != 21*96 {
		t.Errorf("April 2027 cap at 8 h %d, want %d", got, 21*96)
	}
	// A year's cap is its months' caps together.
	sum := 0
	for _, m := range model.Months(model.FiscalYearPeriod(2027).From, model.FiscalYearPeriod(2027).To) {
		sum += model.CapMinutes(m, model.DefaultDailyMinutes)
	}
	if got := model.CapMinutes(model.FiscalYearPeriod(2027), model.DefaultDailyMinutes); got != sum || got != 243*93 {
		t.Errorf("fiscal 2027 cap %d, months add to %d, want %d", got, sum, 243*93)
	}
}

func TestFiscalYear(t *testing.T) {
	for _, c := range []struct {
		d    time.Time
		want int
	}{
		{model.Date(2027, 3, 31), 2026},
		{model.Date(2027, 4, 1), 2027},
		{model.Date(2028, 1, 4), 2027},
	} {
		if got := model.FiscalYearOf(c.d); got != c.want {
			t.Errorf("fiscal year of %s is %d, want %d", c.d.Format("2006-01-02"), got, c.want)
		}
	}
	p := model.FiscalYearPeriod(2027)
	if p.From != model.Date(2027, 4, 1) || p.To != model.Date(2028, 3, 31) {
		t.Errorf("fiscal 2027 is %v", p)
	}
}

func TestShare(t *testing.T) {
	april, may := model.MonthPeriod(model.Date(2027, 4, 1)), model.MonthPeriod(model.Date(2027, 5, 1))
	t.Run("GoldenWeek", func(t *testing.T) {
		// 8 hours over 28 April to 7 May: working days 28 and 30 April,
		// 6 and 7 May, two hours each.
		start, end := model.Date(2027, 4, 28), model.Date(2027, 5, 7)
		if a, m := model.Share(480, start, end, april), model.Share(480, start, end, may); a != 240 || m != 240 {
			t.Errorf("April %d, May %d minutes, want 240 each", a, m)
		}
	})
	t.Run("FiscalYearBoundary", func(t *testing.T) {
		// 6 h 10 min over Tuesday 30 March to Friday 2 April 2027: four
		// working days of 92 minutes and 2 left over, which go to the
		// first days, so the fiscal year 2026 has 93+93.
		start, end := model.Date(2027, 3, 30), model.Date(2027, 4, 2)
		old, new := model.Share(370, start, end, model.FiscalYearPeriod(2026)), model.Share(370, start, end, model.FiscalYearPeriod(2027))
		if old != 186 || new != 184 {
			t.Errorf("fiscal 2026 %d, 2027 %d, want 186 and 184", old, new)
		}
	})
	t.Run("SharesAddUp", func(t *testing.T) {
		start, end := model.Date(2027, 12, 20), model.Date(2028, 2, 25)
		sum := 0
		for _, m := range model.Months(start, end) {
			sum += model.Share(1001, start, end, m)
		}
		if sum != 1001 {
			t.Errorf("months of a plan over the new year hold %d minutes, want 1001", sum)
		}
	})
	t.Run("OutsidePeriod", func(t *testing.T) {
		if got := model.Share(120, model.Date(2027, 5, 10), model.Date(2027, 5, 10), april); got != 0 {
			t.Errorf("a May plan has %d minutes in April", got)
		}
	})
}
