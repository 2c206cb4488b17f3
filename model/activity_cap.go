package model

import (
	"fmt"
	"sync"
	"time"
)

// The 20% rule (広域圏版20%ルール): up to CapPercent of a person's working
// time may go to community work beyond their regular duties, arranged
// with their supervisor in advance. This file is its arithmetic: which
// days are working days, what the cap of a month or a fiscal year is, and
// how the hours of a plan that spans several days fall into months.
//
// Dates are civil dates kept as midnight UTC (as Holiday.Date is); Day
// turns a moment into one.

// CapPercent is the share of working time the rule allows.
const CapPercent = 20

// DefaultDailyMinutes is a working day unless an administrator sets
// another for the municipality: 7 hours 45 minutes, the standard day of
// local government staff (38 h 45 min a week).
const DefaultDailyMinutes = 7*60 + 45

// The range an administrator may set a municipality's working day to.
const (
	MinDailyMinutes = 60
	MaxDailyMinutes = 12 * 60
)

// NearCapPercent is where a person's use counts as near the cap.
const NearCapPercent = 80

// Day returns the civil date of t in loc, as midnight UTC.
func Day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Date returns the civil date y-m-d as midnight UTC.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// YearEndClosure reports whether the date is one of the year-end and
// new-year days (12/29 to 1/3) that every municipality's holiday
// ordinance (休日条例, under 地方自治法 第4条の2) makes a holiday besides
// the national ones.
func YearEndClosure(d time.Time) bool {
	m, day := d.Month(), d.Day()
	return m == time.December && day >= 29 || m == time.January && day <= 3
}

// WorkingDay reports whether a civil date is a working day: a weekday
// that is neither a national holiday (Holidays) nor a year-end closure.
func WorkingDay(d time.Time) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if _, holiday := HolidayName(d.Year(), d.Month(), d.Day()); holiday {
		return false
	}
	return !YearEndClosure(d)
}

var workdayCache sync.Map // year -> []uint16, see workdaysBefore

// workdaysBefore returns how many working days the year has before its
// day yday (0 for 1 January). Each year's running count is computed once.
func workdaysBefore(year, yday int) int {
	v, ok := workdayCache.Load(year)
	if !ok {
		days := 365
		if time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC).YearDay() == 366 {
			days = 366
		}
		cum := make([]uint16, days+1)
		d := Date(year, time.January, 1)
		for i := 0; i < days; i++ {
			cum[i+1] = cum[i]
			if WorkingDay(d) {
				cum[i+1]++
			}
			d = d.AddDate(0, 0, 1)
		}
		v, _ = workdayCache.LoadOrStore(year, cum)
	}
	return int(v.([]uint16)[yday])
}

// WorkingDays counts the working days from one civil date to another,
// both included; 0 when to is before from.
func WorkingDays(from, to time.Time) int {
	if to.Before(from) {
		return 0
	}
	n := 0
	for y := from.Year(); y <= to.Year(); y++ {
		lo, hi := 0, time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC).YearDay()
		if y == from.Year() {
			lo = from.YearDay() - 1
		}
		if y == to.Year() {
			hi = to.YearDay()
		}
		n += workdaysBefore(y, hi) - workdaysBefore(y, lo)
	}
	return n
}

// calendarDays counts the days from one civil date to another, both
// included.
func calendarDays(from, to time.Time) int {
	if to.Before(from) {
		return 0
	}
	return int(to.Sub(from).Hours()/24) + 1
}

// Period is a span of civil dates, both ends included.
type Period struct {
	From time.Time `json:"from" format:"date"`
	To   time.Time `json:"to" format:"date"`
}

// MonthPeriod is the calendar month of the civil date d.
func MonthPeriod(d time.Time) Period {
	first := Date(d.Year(), d.Month(), 1)
	return Period{first, first.AddDate(0, 1, -1)}
}

// FiscalYearOf is the fiscal year (年度) of a civil date: April to
// March, named by the year it begins in (2027-03-31 is in 2026).
func FiscalYearOf(d time.Time) int {
	if d.Month() < time.April {
		return d.Year() - 1
	}
	return d.Year()
}

// FiscalYearPeriod is 1 April of fy to 31 March of the next year.
func FiscalYearPeriod(fy int) Period {
	return Period{Date(fy, time.April, 1), Date(fy+1, time.March, 31)}
}

// WorkingDays counts the period's working days.
func (p Period) WorkingDays() int { return WorkingDays(p.From, p.To) }

// Contains reports whether the civil date d is in the period.
func (p Period) Contains(d time.Time) bool { return !d.Before(p.From) && !d.After(p.To) }

// CapMinutes is the 20% rule's cap over a period for someone whose
// working day is daily minutes long: CapPercent of the period's working
// time, rounded down to the minute.
func CapMinutes(p Period, daily int) int {
	return p.WorkingDays() * daily * CapPercent / 100
}

// Share returns how many of the minutes of a plan from start to end fall
// in the period p. The minutes are spread evenly over the plan's working
// days, the earlier days taking the remainder one minute each, so that
// the shares of all periods add up to minutes exactly. A plan with no
// working day (one the rules no longer allow, such as a day that became
// a holiday) is spread over all its days.
func Share(minutes int, start, end time.Time, p Period) int {
	if minutes <= 0 || end.Before(start) {
		return 0
	}
	count := WorkingDays
	n := WorkingDays(start, end)
	if n == 0 {
		count, n = calendarDays, calendarDays(start, end)
	}
	lo, hi := start, end
	if p.From.After(lo) {
		lo = p.From
	}
	if p.To.Before(hi) {
		hi = p.To
	}
	if hi.Before(lo) {
		return 0
	}
	before := count(start, lo.AddDate(0, 0, -1))
	k := count(lo, hi)
	base, rem := minutes/n, minutes%n
	extra := min(max(rem-before, 0), k)
	return k*base + extra
}

// Months returns the calendar months the span from start to end touches,
// in order.
func Months(start, end time.Time) []Period {
	var out []Period
	for m := MonthPeriod(start); !m.From.After(end); m = MonthPeriod(m.To.AddDate(0, 0, 1)) {
		out = append(out, m)
	}
	return out
}

// SplitMinutes returns minutes as whole hours and the minutes left, for
// messages such as 7時間45分.
func SplitMinutes(minutes int) (int, int) { return minutes / 60, minutes % 60 }

// Minutes is an amount of time as an argument of a keyed error. It reads
// as the screens write hours, 1時間30分, 2時間, 45分; a catalogue says it
// in its own language.
type Minutes int

func (m Minutes) String() string {
	h, min := SplitMinutes(int(m))
	switch {
	case h == 0:
		return fmt.Sprintf("%d分", min)
	case min == 0:
		return fmt.Sprintf("%d時間", h)
	}
	return fmt.Sprintf("%d時間%d分", h, min)
}
