package recur

import (
	"slices"
	"sync"
	"time"
)

// Series is a rule anchored at a first start in a zone: what expands.
// Its methods may be called from several goroutines.
type Series struct {
	rule     *Rule
	loc      *time.Location
	first    time.Time // in loc
	firstDay int       // civil day of first in loc
	firstSec int       // seconds since local midnight
	// stop is the last moment an occurrence may start: UNTIL, or the
	// horizon when that is sooner.
	stop  time.Time
	count int // COUNT, at most MaxCount; 0 for none

	// The rule compiled, with RFC 5545's defaults taken from the first
	// start (as python-dateutil takes them).
	months                uint16 // bit m: month m; 0 means any
	monthDays, nMonthDays uint32 // bit d: day d, or day -d from the end
	yearDays              map[int]bool
	weekNos               map[int]bool
	plainDays             [7]bool
	anyPlainDay, hasDays  bool
	nthDays               []Day
	nthInYear             bool // BYDAY's positions count in the year, not the month
	hours                 [24]bool
	anyHour               bool  // Hourly: every hour passes
	times                 []int // seconds of day (or of the hour, Hourly), sorted

	lastOnce sync.Once
	last     time.Time // the last start by COUNT
	lastOK   bool
}

// New anchors r at first, whose wall clock in loc is the series' start.
// A start that the rule does not give is not an occurrence (as in
// python-dateutil; hiroba moves a new event's start to its first one).
func New(r *Rule, first time.Time, loc *time.Location) *Series {
	first = first.In(loc).Truncate(time.Second)
	y, m, d := first.Date()
	s := &Series{rule: r, loc: loc, first: first, firstDay: civilDays(y, m, d)}
	s.firstSec = first.Hour()*3600 + first.Minute()*60 + first.Second()
	s.stop = first.AddDate(HorizonYears, 0, 0)
	if u := r.untilIn(loc); !u.IsZero() && u.Before(s.stop) {
		s.stop = u
	}
	s.count = min(r.Count, MaxCount)

	months, monthDays, days := r.ByMonth, r.ByMonthDay, r.ByDay
	if len(r.ByWeekNo)+len(r.ByYearDay)+len(r.ByMonthDay)+len(r.ByDay) == 0 {
		switch r.Freq {
		case Yearly:
			if len(months) == 0 {
				months = []int{int(m)}
			}
			monthDays = []int{d}
		case Monthly:
			monthDays = []int{d}
		case Weekly:
			days = []Day{{Weekday: first.Weekday()}}
		}
	}
	for _, m := range months {
		s.months |= 1 << m
	}
	for _, d := range monthDays {
		if d > 0 {
			s.monthDays |= 1 << d
		} else {
			s.nMonthDays |= 1 << -d
		}
	}
	if len(r.ByYearDay) > 0 {
		s.yearDays = setOf(r.ByYearDay)
	}
	if len(r.ByWeekNo) > 0 {
		s.weekNos = setOf(r.ByWeekNo)
	}
	for _, d := range days {
		s.hasDays = true
		if d.N == 0 {
			s.plainDays[d.Weekday], s.anyPlainDay = true, true
		} else {
			s.nthDays = append(s.nthDays, d)
		}
	}
	s.nthInYear = r.Freq == Yearly && len(r.ByMonth) == 0

	hours, minutes, seconds := r.ByHour, r.ByMinute, r.BySecond
	if len(minutes) == 0 {
		minutes = []int{first.Minute()}
	}
	if len(seconds) == 0 {
		seconds = []int{first.Second()}
	}
	if r.Freq == Hourly {
		s.anyHour = len(hours) == 0
		hours = []int{0}
	} else if len(hours) == 0 {
		hours = []int{first.Hour()}
	}
	for _, h := range r.ByHour {
		s.hours[h] = true
	}
	for _, h := range hours {
		for _, mi := range minutes {
			for _, sec := range seconds {
				s.times = append(s.times, h*3600+mi*60+sec)
			}
		}
	}
	slices.Sort(s.times)
	return s
}

func setOf(ns []int) map[int]bool {
	out := make(map[int]bool, len(ns))
	for _, n := range ns {
		out[n] = true
	}
	return out
}

// Location is the zone the series repeats in.
func (s *Series) Location() *time.Location { return s.loc }

// end is the last start the series may have: its UNTIL or bound, or its
// COUNTth start; ok is false when a COUNT series has no start at all.
func (s *Series) end() (time.Time, bool) {
	if s.count > 0 {
		return s.lastByCount()
	}
	return s.stop, true
}

// Each calls yield with the starts from from on (in loc), in order, until
// yield returns false or the series ends.
func (s *Series) Each(from time.Time, yield func(time.Time) bool) {
	stop, ok := s.end()
	if !ok {
		return
	}
	s.run(from, stop, false, yield)
}

// Range calls yield with the starts in [from, to), in order, until yield
// returns false. Unlike Each it never looks past to, however rare the
// rule's dates: its cost is the periods of the window.
func (s *Series) Range(from, to time.Time, yield func(time.Time) bool) {
	stop, ok := s.end()
	if !ok {
		return
	}
	if end := to.Add(-time.Nanosecond); end.Before(stop) {
		stop = end
	}
	s.run(from, stop, false, yield)
}

// lastByCount is the start COUNT ends on (or the last before the stop).
func (s *Series) lastByCount() (time.Time, bool) {
	s.lastOnce.Do(func() {
		n := 0
		s.run(s.first, s.stop, true, func(t time.Time) bool {
			s.last, s.lastOK = t, true
			n++
			return n < s.count
		})
	})
	return s.last, s.lastOK
}

// First returns the series' first occurrence, false when it has none.
func (s *Series) First() (time.Time, bool) {
	var out time.Time
	ok := false
	s.Each(s.first, func(t time.Time) bool { out, ok = t, true; return false })
	return out, ok
}

// Last returns the start of the last occurrence of a series that ends
// (COUNT or UNTIL, within the horizon); false for one without end or
// without dates.
func (s *Series) Last() (time.Time, bool) {
	switch {
	case s.count > 0:
		return s.lastByCount()
	case !s.rule.HasUntil():
		return time.Time{}, false
	}
	return s.before(s.stop.Add(time.Second))
}

// Before returns the last start before t, false when there is none.
func (s *Series) Before(t time.Time) (time.Time, bool) {
	if s.count > 0 {
		if last, ok := s.lastByCount(); !ok {
			return time.Time{}, false
		} else if last.Before(t) {
			return last, true
		}
	}
	return s.before(t)
}

// before searches back from t in growing steps, so that its cost is
// the distance to the start found rather than to the first one.
func (s *Series) before(t time.Time) (time.Time, bool) {
	step := 7 * 24 * time.Hour
	hi := t
	for hi.After(s.first) {
		lo := hi.Add(-step)
		if lo.Before(s.first) {
			lo = s.first
		}
		var found time.Time
		ok := false
		s.run(lo, hi.Add(-time.Nanosecond), false, func(x time.Time) bool { found, ok = x, true; return true })
		if ok {
			return found, true
		}
		hi, step = lo, step*2
	}
	return time.Time{}, false
}

// Includes reports whether t is a start of the series.
func (s *Series) Includes(t time.Time) bool {
	found := false
	s.Range(t, t.Add(time.Nanosecond), func(x time.Time) bool { found = x.Equal(t); return false })
	return found
}

// Between returns the starts in [from, to).
func (s *Series) Between(from, to time.Time) []time.Time {
	var out []time.Time
	s.Range(from, to, func(t time.Time) bool { out = append(out, t); return true })
	return out
}

// run yields the starts in [from, stop]. Unless counting (when every
// start from the first must be seen), it begins at the period before the
// one holding from: whole periods are skipped by arithmetic.
func (s *Series) run(from, stop time.Time, counting bool, yield func(time.Time) bool) {
	if stop.Before(s.first) || stop.Before(from) {
		return
	}
	k := 0
	if !counting && from.After(s.first) {
		k = max(s.periodOf(from.In(s.loc))-1, 0)
	}
	ls := stop.In(s.loc)
	stopDay := civilDays(ls.Date())
	stopHour := stopDay*24 + ls.Hour()
	interval := s.rule.Interval
	var days []int
	var cands []int64  // day*86400 + second of day
	var last time.Time // a wall clock that a change of clocks skips may repeat the next one
	for ; ; k++ {
		days = days[:0]
		switch s.rule.Freq {
		case Yearly:
			y := s.first.Year() + k*interval
			start, end := civilDays(y, 1, 1), civilDays(y+1, 1, 1)
			if start > stopDay {
				return
			}
			days = s.matching(start, end, days)
		case Monthly:
			mi := s.first.Year()*12 + int(s.first.Month()) - 1 + k*interval
			y, m := mi/12, time.Month(mi%12+1)
			start := civilDays(y, m, 1)
			if start > stopDay {
				return
			}
			days = s.matching(start, start+daysIn(y, m), days)
		case Weekly:
			ws := s.firstDay - (int(weekday(s.firstDay))-int(s.rule.Wkst)+7)%7 + 7*interval*k
			start := ws
			if k == 0 {
				start = s.firstDay // python-dateutil's first week begins at the start
			}
			if start > stopDay {
				return
			}
			days = s.matching(start, ws+7, days)
		case Daily:
			day := s.firstDay + k*interval
			if day > stopDay {
				return
			}
			days = s.matching(day, day+1, days)
		case Hourly:
			h := s.firstDay*24 + s.first.Hour() + k*interval
			if h > stopHour {
				return
			}
			day, hour := floorDiv(h, 24), h-floorDiv(h, 24)*24
			if !s.dayMatches(day) {
				// Skip to the first period of the next day.
				k += ceilDiv((day+1)*24-h, interval) - 1
				continue
			}
			if !s.anyHour && !s.hours[hour] {
				continue
			}
			days = append(days, day)
		}
		cands = cands[:0]
		base := 0
		if s.rule.Freq == Hourly {
			h := s.firstDay*24 + s.first.Hour() + k*interval
			base = (h - floorDiv(h, 24)*24) * 3600
		}
		for _, d := range days {
			for _, sec := range s.times {
				cands = append(cands, int64(d)*86400+int64(base+sec))
			}
		}
		if len(s.rule.BySetPos) > 0 && len(cands) > 0 {
			cands = s.setPositions(cands)
		}
		for _, c := range cands {
			t := wallTime(int(floorDiv64(c, 86400)), int(c-floorDiv64(c, 86400)*86400), s.loc)
			if t.After(stop) {
				return
			}
			if t.Before(s.first) || t.Before(from) || !t.After(last) {
				continue
			}
			last = t
			if !yield(t) {
				return
			}
		}
	}
}

// setPositions keeps the BYSETPOS-th of a period's candidates, in order.
func (s *Series) setPositions(cands []int64) []int64 {
	var out []int64
	for _, pos := range s.rule.BySetPos {
		i := pos - 1
		if pos < 0 {
			i = len(cands) + pos
		}
		if i >= 0 && i < len(cands) && !slices.Contains(out, cands[i]) {
			out = append(out, cands[i])
		}
	}
	slices.Sort(out)
	return append(cands[:0], out...)
}

// periodOf is the index of the period holding the local wall time t,
// counted from the first start's (floor; negative before it).
func (s *Series) periodOf(t time.Time) int {
	i := s.rule.Interval
	day := civilDays(t.Date())
	switch s.rule.Freq {
	case Yearly:
		return floorDiv(t.Year()-s.first.Year(), i)
	case Monthly:
		return floorDiv((t.Year()*12+int(t.Month()))-(s.first.Year()*12+int(s.first.Month())), i)
	case Weekly:
		ws := func(d int) int { return d - (int(weekday(d))-int(s.rule.Wkst)+7)%7 }
		return floorDiv(ws(day)-ws(s.firstDay), 7*i)
	case Daily:
		return floorDiv(day-s.firstDay, i)
	}
	return floorDiv(day*24+t.Hour()-(s.firstDay*24+s.first.Hour()), i)
}

// matching appends the days in [start, end) that pass the rule's day
// parts.
func (s *Series) matching(start, end int, out []int) []int {
	for d := start; d < end; d++ {
		if s.dayMatches(d) {
			out = append(out, d)
		}
	}
	return out
}

// dayMatches reports whether a civil day passes BYMONTH, BYWEEKNO,
// BYYEARDAY, BYMONTHDAY and BYDAY (with their defaults).
func (s *Series) dayMatches(day int) bool {
	y, m, d := civilFromDays(day)
	if s.months != 0 && s.months&(1<<m) == 0 {
		return false
	}
	if s.monthDays|s.nMonthDays != 0 {
		neg := d - daysIn(y, m) - 1
		if s.monthDays&(1<<d) == 0 && s.nMonthDays&(1<<-neg) == 0 {
			return false
		}
	}
	var doy, ylen int
	if s.yearDays != nil || s.nthInYear && len(s.nthDays) > 0 {
		jan1 := civilDays(y, 1, 1)
		doy, ylen = day-jan1+1, civilDays(y+1, 1, 1)-jan1
	}
	if s.yearDays != nil && !s.yearDays[doy] && !s.yearDays[doy-ylen-1] {
		return false
	}
	if s.weekNos != nil && !s.weekMatches(day) {
		return false
	}
	if !s.hasDays {
		return true
	}
	wd := weekday(day)
	if s.plainDays[wd] {
		return true
	}
	idx, n := d, daysIn(y, m)
	if s.nthInYear {
		idx, n = doy, ylen
	}
	for _, nd := range s.nthDays {
		if nd.Weekday == wd && (nd.N == (idx-1)/7+1 || nd.N == -((n-idx)/7+1)) {
			return true
		}
	}
	return false
}

// weekMatches reports whether the day's week number (RFC 5545: weeks
// begin on WKST, week 1 is the first with at least four days of the
// year) is in BYWEEKNO, counted from the start or, negative, the end.
func (s *Series) weekMatches(day int) bool {
	ws := day - (int(weekday(day))-int(s.rule.Wkst)+7)%7
	y, _, _ := civilFromDays(ws + 3) // the week's year holds its fourth day
	week1 := s.weekStart(civilDays(y, 1, 4))
	n := (ws-week1)/7 + 1
	weeks := (s.weekStart(civilDays(y+1, 1, 4)) - week1) / 7
	return s.weekNos[n] || s.weekNos[n-weeks-1]
}

func (s *Series) weekStart(day int) int {
	return day - (int(weekday(day))-int(s.rule.Wkst)+7)%7
}
