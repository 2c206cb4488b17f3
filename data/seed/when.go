package seed

import (
	"strconv"
	"strings"
	"time"
)

// The generators need to place events on real dates (the third Wednesday
// of a month) and to know an occurrence's start for RSVPs. They only write
// the few RRULE shapes below, so this is a small stepper for those shapes,
// not an RFC 5545 implementation; package data owns the real expansion.

var weekdayCodes = map[string]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

// nthWeekday returns the n-th (1-based) weekday of a month at hh:mm in
// Japan.
func nthWeekday(year int, month time.Month, n int, wd time.Weekday, hh, mm int) time.Time {
	first := time.Date(year, month, 1, hh, mm, 0, 0, jst)
	offset := (int(wd) - int(first.Weekday()) + 7) % 7
	return first.AddDate(0, 0, offset+7*(n-1))
}

// rule is a parsed RRULE of the shapes the generators write: FREQ with an
// optional INTERVAL and an optional BYDAY of one weekday, numbered for
// MONTHLY ("3WE").
type rule struct {
	freq     string
	interval int
	nth      int
	weekday  time.Weekday
	byday    bool
}

func parseRule(s string) rule {
	r := rule{interval: 1}
	for _, part := range strings.Split(s, ";") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "FREQ":
			r.freq = v
		case "INTERVAL":
			r.interval, _ = strconv.Atoi(v)
		case "BYDAY":
			code := v[len(v)-2:]
			r.weekday, r.byday = weekdayCodes[code], true
			r.nth, _ = strconv.Atoi(v[:len(v)-2])
		}
	}
	return r
}

// next returns the occurrence after t, t itself being one.
func (r rule) next(t time.Time) time.Time {
	l := t.In(jst)
	switch r.freq {
	case "WEEKLY":
		return t.AddDate(0, 0, 7*r.interval)
	case "MONTHLY":
		if r.byday && r.nth > 0 {
			m := time.Date(l.Year(), l.Month()+time.Month(r.interval), 1, 0, 0, 0, 0, jst)
			return nthWeekday(m.Year(), m.Month(), r.nth, r.weekday, l.Hour(), l.Minute()).UTC()
		}
		return t.AddDate(0, r.interval, 0)
	case "YEARLY":
		return t.AddDate(r.interval, 0, 0)
	}
	return t.AddDate(0, 0, 1) // DAILY
}

// nextOccurrence returns the first occurrence of a series starting at
// start that begins after now; start when start is later.
func nextOccurrence(rrule string, start, now time.Time) time.Time {
	r := parseRule(rrule)
	t := start
	for !t.After(now) {
		t = r.next(t)
	}
	return t
}

// workday moves t forward, keeping its time of day, past the year-end
// holidays (29 December to 3 January, when offices are closed) and the
// weekend.
func workday(t time.Time) time.Time {
	if m, d := t.Month(), t.Day(); m == time.December && d >= 29 || m == time.January && d <= 3 {
		y := t.Year()
		if m == time.December {
			y++
		}
		t = time.Date(y, time.January, 4, t.Hour(), t.Minute(), 0, 0, t.Location())
	}
	switch t.Weekday() {
	case time.Saturday:
		t = t.AddDate(0, 0, 2)
	case time.Sunday:
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// daysFrom places an event days from now at hh:mm in Japan, on a working
// day.
func daysFrom(days, hh, mm int) func(time.Time) time.Time {
	return func(now time.Time) time.Time {
		d := now.In(jst).AddDate(0, 0, days)
		return workday(time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, jst))
	}
}

// weekdayFrom places a weekly series on the first wd on or after days from
// now, so that its first occurrence matches its BYDAY.
func weekdayFrom(days int, wd time.Weekday, hh, mm int) func(time.Time) time.Time {
	return func(now time.Time) time.Time {
		d := now.In(jst).AddDate(0, 0, days)
		t := time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, jst)
		return t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7)
	}
}

// saturdayFrom places an event on the first Saturday on or after days from
// now: festivals and town walks are at weekends.
func saturdayFrom(days, hh, mm int) func(time.Time) time.Time {
	return func(now time.Time) time.Time {
		d := now.In(jst).AddDate(0, 0, days)
		t := time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, jst)
		return t.AddDate(0, 0, (int(time.Saturday)-int(t.Weekday())+7)%7)
	}
}

// monthlyNth places the first occurrence of a monthly series on the n-th
// weekday of the month months from now (negative: earlier), at hh:mm.
func monthlyNth(months, n int, wd time.Weekday, hh, mm int) func(time.Time) time.Time {
	return func(now time.Time) time.Time {
		l := now.In(jst)
		m := time.Date(l.Year(), l.Month()+time.Month(months), 1, 0, 0, 0, 0, jst)
		return nthWeekday(m.Year(), m.Month(), n, wd, hh, mm)
	}
}

// allDayFrom is a date days from now, at midnight in Japan.
func allDayFrom(days int) func(time.Time) time.Time {
	return func(now time.Time) time.Time {
		d := now.In(jst).AddDate(0, 0, days)
		return workday(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, jst))
	}
}
