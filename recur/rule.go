// Package recur reads and expands RFC 5545 recurrence rules (RRULE): every
// rule part that RFC 5545 allows for events, from FREQ=HOURLY up. It knows
// nothing of how events are stored; data/ expands with it and ical/ checks
// what files bring.
//
// Expansion is bounded: occurrences stop Horizon after a series' first
// start whatever UNTIL says, and a COUNT counts at most MaxCount of them.
// Whole periods before a window are skipped arithmetically, so the cost of
// a window is the periods inside it, not the series' age.
//
// It is written here rather than taken from github.com/teambition/rrule-go
// (which the tests use as an independent oracle, beside python-dateutil)
// because rrule-go cannot be bounded: a rule whose parts never meet, such
// as FREQ=HOURLY;INTERVAL=24;BYHOUR=5 from 03:00 or FREQ=DAILY;BYMONTH=2;
// BYMONTHDAY=30, loops for ever or until the year 9999 inside one call, and
// every window expands from the series' first start.
package recur

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"hiroba/model"
)

// Freq is how often a rule's periods come.
type Freq int

// The frequencies hiroba expands. SECONDLY and MINUTELY are refused:
// nobody meets every minute, and such a rule is a typing mistake.
const (
	Yearly Freq = iota
	Monthly
	Weekly
	Daily
	Hourly
)

var freqNames = [...]string{"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"}

func (f Freq) String() string { return freqNames[f] }

// Limits of expansion, stated in the README.
const (
	// MaxCount is the most occurrences a COUNT counts; a larger COUNT
	// stops there.
	MaxCount = 10000
	// HorizonYears is how far after its first start a series is expanded;
	// a later UNTIL, or none, stops there.
	HorizonYears = 100
	// maxInterval keeps period arithmetic far from overflow.
	maxInterval = 100000
)

// Day is a BYDAY entry: a weekday, and N its position in the month or
// year (1 the first, -1 the last), 0 for every such weekday.
type Day struct {
	N       int
	Weekday time.Weekday
}

// untilKind is how UNTIL was written.
type untilKind int

const (
	untilNone     untilKind = iota
	untilUTC                // 20270303T060000Z
	untilFloating           // 20270303T150000: the series' own wall clock
	untilDate               // 20270303: through that day
)

// Rule is an RRULE value read by Parse. The lists are sorted and hold
// each value once.
type Rule struct {
	Freq     Freq
	Interval int // 1 or more
	Count    int // 0: no COUNT
	// Until is UNTIL as written; a floating or date-only one is resolved
	// in the series' zone (Series).
	Until     time.Time
	untilKind untilKind
	Wkst      time.Weekday

	ByMonth, ByWeekNo, ByYearDay, ByMonthDay []int
	ByDay                                    []Day
	ByHour, ByMinute, BySecond, BySetPos     []int
}

// HasUntil reports whether the rule has an UNTIL.
func (r *Rule) HasUntil() bool { return r.untilKind != untilNone }

// UntilIsFloating reports whether UNTIL was written without a zone (a
// date-time without Z, or a date), to be read in the series' zone.
func (r *Rule) UntilIsFloating() bool {
	return r.untilKind == untilFloating || r.untilKind == untilDate
}

// Ends reports whether the rule has a COUNT or an UNTIL.
func (r *Rule) Ends() bool { return r.Count > 0 || r.HasUntil() }

var dayNames = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func ruleError(key, ja string, args ...any) error {
	return model.FieldError("rrule", key, ja, args...)
}

// Parse reads an RRULE value, with or without "RRULE:". Any part RFC 5545
// allows in an event's rule is read; parts RFC 5545 does not allow with
// the rule's FREQ (BYWEEKNO outside YEARLY, BYMONTHDAY with WEEKLY...) are
// refused rather than guessed at, as are SECONDLY and MINUTELY. X- parts
// are ignored. Errors are EINVALID on field "rrule", with catalogue keys
// err.rrule.*.
func Parse(s string) (*Rule, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 6 && strings.EqualFold(s[:6], "RRULE:") {
		s = s[6:]
	}
	r := &Rule{Interval: 1, Wkst: time.Monday}
	seen := map[string]bool{}
	freq := ""
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		k, v = strings.ToUpper(strings.TrimSpace(k)), strings.ToUpper(strings.TrimSpace(v))
		if !ok || k == "" || v == "" {
			return nil, ruleError("err.rrule.part", "「%s」を読めません (名前=値 の形にしてください)", model.Excerpt(part, 30))
		}
		if strings.HasPrefix(k, "X-") {
			continue
		}
		if seen[k] {
			return nil, ruleError("err.rrule.twice", "%s が二度あります", k)
		}
		seen[k] = true
		var err error
		switch k {
		case "FREQ":
			freq = v
		case "INTERVAL":
			r.Interval, err = number(k, v, 1, maxInterval)
		case "COUNT":
			r.Count, err = number(k, v, 1, 1<<30)
		case "UNTIL":
			err = r.parseUntil(v)
		case "WKST":
			var d Day
			if d, err = parseDay(k, v); err == nil && d.N != 0 {
				err = badValue(k, v)
			}
			r.Wkst = d.Weekday
		case "BYDAY":
			for _, item := range strings.Split(v, ",") {
				d, err := parseDay(k, item)
				if err != nil {
					return nil, err
				}
				if !slices.Contains(r.ByDay, d) {
					r.ByDay = append(r.ByDay, d)
				}
			}
			slices.SortFunc(r.ByDay, func(a, b Day) int {
				if c := mondayIndex(a.Weekday) - mondayIndex(b.Weekday); c != 0 {
					return c
				}
				return a.N - b.N
			})
		default:
			list, ok := numberParts[k]
			if !ok {
				return nil, ruleError("err.rrule.unknown", "%s という指定は RRULE にありません", model.Excerpt(k, 30))
			}
			*list.of(r), err = numbers(k, v, list.lo, list.hi, list.signed)
		}
		if err != nil {
			return nil, err
		}
	}
	switch freq {
	case "":
		return nil, ruleError("err.rrule.freq", "FREQ (繰り返しの単位) がありません")
	case "SECONDLY", "MINUTELY":
		return nil, ruleError("err.rrule.tooshort", "FREQ=%s には対応していません (毎時より細かい繰り返しは使えません)", freq)
	}
	i := slices.Index(freqNames[:], freq)
	if i < 0 {
		return nil, badValue("FREQ", freq)
	}
	r.Freq = Freq(i)
	if r.Count > 0 && r.HasUntil() {
		return nil, ruleError("err.rrule.countuntil", "UNTIL と COUNT は同時に使えません")
	}
	// RFC 5545 3.3.10: what each part may be used with.
	notWith := func(part string) error {
		return ruleError("err.rrule.notwith", "%s は FREQ=%s の規則では使えません", part, r.Freq)
	}
	switch {
	case len(r.ByWeekNo) > 0 && r.Freq != Yearly:
		return nil, notWith("BYWEEKNO")
	case len(r.ByYearDay) > 0 && (r.Freq == Daily || r.Freq == Weekly || r.Freq == Monthly):
		return nil, notWith("BYYEARDAY")
	case len(r.ByMonthDay) > 0 && r.Freq == Weekly:
		return nil, notWith("BYMONTHDAY")
	}
	for _, d := range r.ByDay {
		if d.N != 0 && (r.Freq != Monthly && r.Freq != Yearly || r.Freq == Yearly && len(r.ByWeekNo) > 0) {
			return nil, ruleError("err.rrule.nth", "BYDAY の %s (第何週か) は、毎月か毎年 (BYWEEKNO なし) の規則でだけ使えます", d)
		}
		if d.N != 0 && r.Freq == Monthly && (d.N > 5 || d.N < -5) {
			return nil, badValue("BYDAY", d.String())
		}
	}
	if len(r.BySetPos) > 0 && len(r.ByMonth)+len(r.ByWeekNo)+len(r.ByYearDay)+len(r.ByMonthDay)+len(r.ByDay)+
		len(r.ByHour)+len(r.ByMinute)+len(r.BySecond) == 0 {
		return nil, ruleError("err.rrule.setpos", "BYSETPOS はほかの BY の指定 (BYDAY など) と一緒に使ってください")
	}
	return r, nil
}

// numberParts are the BY parts that list numbers: their range (signed:
// -hi to -lo too, counted from the end) and where they go.
var numberParts = map[string]struct {
	lo, hi int
	signed bool
	of     func(*Rule) *[]int
}{
	"BYMONTH":    {1, 12, false, func(r *Rule) *[]int { return &r.ByMonth }},
	"BYWEEKNO":   {1, 53, true, func(r *Rule) *[]int { return &r.ByWeekNo }},
	"BYYEARDAY":  {1, 366, true, func(r *Rule) *[]int { return &r.ByYearDay }},
	"BYMONTHDAY": {1, 31, true, func(r *Rule) *[]int { return &r.ByMonthDay }},
	"BYHOUR":     {0, 23, false, func(r *Rule) *[]int { return &r.ByHour }},
	"BYMINUTE":   {0, 59, false, func(r *Rule) *[]int { return &r.ByMinute }},
	"BYSECOND":   {0, 59, false, func(r *Rule) *[]int { return &r.BySecond }},
	"BYSETPOS":   {1, 366, true, func(r *Rule) *[]int { return &r.BySetPos }},
}

func badValue(k, v string) error {
	return ruleError("err.rrule.value", "%s=%s は使えません", k, model.Excerpt(v, 30))
}

func number(k, v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(v, "+"))
	if err != nil || n < lo || n > hi {
		return 0, badValue(k, v)
	}
	return n, nil
}

// numbers reads a comma-separated list; signed allows -hi..-lo too.
func numbers(k, v string, lo, hi int, signed bool) ([]int, error) {
	var out []int
	for _, item := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(item), "+"))
		if err != nil || !(n >= lo && n <= hi || signed && n <= -lo && n >= -hi) {
			return nil, badValue(k, v)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func parseDay(k, s string) (Day, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return Day{}, badValue(k, s)
	}
	d := slices.Index(dayNames[:], s[len(s)-2:])
	if d < 0 {
		return Day{}, badValue(k, s)
	}
	out := Day{Weekday: time.Weekday(d)}
	if num := s[:len(s)-2]; num != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(num, "+"))
		if err != nil || n == 0 || n < -53 || n > 53 {
			return Day{}, badValue(k, s)
		}
		out.N = n
	}
	return out, nil
}

func (d Day) String() string {
	if d.N == 0 {
		return dayNames[d.Weekday]
	}
	return strconv.Itoa(d.N) + dayNames[d.Weekday]
}

func mondayIndex(d time.Weekday) int { return (int(d) + 6) % 7 }

// Layouts of UNTIL.
const (
	layoutUTC      = "20060102T150405Z"
	layoutFloating = "20060102T150405"
	layoutDate     = "20060102"
)

func (r *Rule) parseUntil(v string) error {
	for _, f := range []struct {
		layout string
		kind   untilKind
	}{{layoutUTC, untilUTC}, {layoutFloating, untilFloating}, {layoutDate, untilDate}} {
		if t, err := time.Parse(f.layout, v); err == nil {
			if y := t.Year(); y < 1900 {
				return badValue("UNTIL", v)
			}
			r.Until, r.untilKind = t, f.kind
			return nil
		}
	}
	return ruleError("err.rrule.until", "UNTIL=%s は日時として読めません (例: 20270331T145959Z)", model.Excerpt(v, 30))
}

// untilIn is the last moment UNTIL allows in loc, or zero for none: a
// floating UNTIL is that wall clock in loc, a date-only one the end of
// that day there.
func (r *Rule) untilIn(loc *time.Location) time.Time {
	u := r.Until
	switch r.untilKind {
	case untilUTC:
		return u
	case untilFloating:
		return wallTime(civilDays(u.Year(), u.Month(), u.Day()), u.Hour()*3600+u.Minute()*60+u.Second(), loc)
	case untilDate:
		return wallTime(civilDays(u.Year(), u.Month(), u.Day())+1, 0, loc).Add(-time.Second)
	}
	return time.Time{}
}

// Format writes the rule as a canonical RRULE value (without "RRULE:"):
// parts in a fixed order, INTERVAL only above 1, WKST only when it is not
// Monday, and UNTIL in UTC, a floating one read in loc.
func (r *Rule) Format(loc *time.Location) string {
	parts := []string{"FREQ=" + r.Freq.String()}
	if r.Interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(r.Interval))
	}
	list := func(name string, ns []int) {
		if len(ns) == 0 {
			return
		}
		s := make([]string, len(ns))
		for i, n := range ns {
			s[i] = strconv.Itoa(n)
		}
		parts = append(parts, name+"="+strings.Join(s, ","))
	}
	list("BYMONTH", r.ByMonth)
	list("BYWEEKNO", r.ByWeekNo)
	list("BYYEARDAY", r.ByYearDay)
	if len(r.ByDay) > 0 {
		s := make([]string, len(r.ByDay))
		for i, d := range r.ByDay {
			s[i] = d.String()
		}
		parts = append(parts, "BYDAY="+strings.Join(s, ","))
	}
	list("BYMONTHDAY", r.ByMonthDay)
	list("BYHOUR", r.ByHour)
	list("BYMINUTE", r.ByMinute)
	list("BYSECOND", r.BySecond)
	list("BYSETPOS", r.BySetPos)
	if r.Wkst != time.Monday {
		parts = append(parts, "WKST="+dayNames[r.Wkst])
	}
	if r.HasUntil() {
		parts = append(parts, "UNTIL="+r.untilIn(loc).UTC().Format(layoutUTC))
	} else if r.Count > 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(r.Count))
	}
	return strings.Join(parts, ";")
}

// EndedBefore returns the rule ending just before t: UNTIL one second
// earlier, without COUNT. It is how "this and following" ends a series.
func (r *Rule) EndedBefore(t time.Time) *Rule {
	out := *r
	out.Count = 0
	out.Until, out.untilKind = t.Add(-time.Second).UTC().Truncate(time.Second), untilUTC
	return &out
}

// WithCount returns the rule with COUNT n and no UNTIL.
func (r *Rule) WithCount(n int) *Rule {
	out := *r
	out.Count, out.Until, out.untilKind = n, time.Time{}, untilNone
	return &out
}

// Check reads the rule of an event that starts at start in loc, and
// returns it with its series; or the error a person reads: the rule's
// (Parse), or err.event.nodate when it gives no date at all.
func Check(rule string, start time.Time, loc *time.Location) (*Rule, *Series, error) {
	r, err := Parse(rule)
	if err != nil {
		return nil, nil, err
	}
	s := New(r, start, loc)
	if _, ok := s.First(); !ok {
		return nil, nil, model.FieldError("rrule", "err.event.nodate", "この繰り返しでは、開始日 %s 以降に一度も日付がありません", start.In(loc).Format("2006-01-02"))
	}
	return r, s, nil
}
