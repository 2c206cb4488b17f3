package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Recurrence frequencies. Freq "" is an event that does not repeat.
const (
	FreqDaily   = "daily" // for imported rules; the form offers weekly on every day instead
	FreqWeekly  = "weekly"
	FreqMonthly = "monthly"
	FreqYearly  = "yearly"
)

// MaxRecurrenceCount is the largest COUNT the form offers; more is a
// typing mistake rather than a plan. Rules from files may count more (see
// package recur, which expands every rule).
const MaxRecurrenceCount = 1000

// MaxRecurrenceInterval is the largest INTERVAL the form offers.
const MaxRecurrenceInterval = 99

// Recurrence is what the event form builds and describes in words: the
// subset of RFC 5545 RRULE that staff use, weekly on
// chosen weekdays every N weeks, monthly on a date or on the nth (or last)
// weekday, yearly, ending on a date or after a count. The zero value does
// not repeat. What a field leaves at zero is taken from the event's start:
// its weekday (weekly), its day of the month (monthly, yearly) and its month
// (yearly).
type Recurrence struct {
	Freq     string         // "", FreqDaily, FreqWeekly, FreqMonthly, FreqYearly
	Interval int            // every Interval days, weeks, months or years; 0 means 1
	Weekdays []time.Weekday // weekly: the days of the week (none: the start's)
	// MonthDay is monthly or yearly on this day of the month; negative
	// counts from the month's end (-1 the last day). A month without that
	// day (31, or 29 February) is skipped, as RFC 5545 says.
	MonthDay int
	// Nth is monthly or yearly on the Nth Weekday of the month: 1 to 5, or
	// -1 for the last. A month without a fifth one is skipped.
	Nth     int
	Weekday time.Weekday
	// Month is yearly in this month (0: the start's month). Needed with Nth,
	// as in 成人の日 (FREQ=YEARLY;BYMONTH=1;BYDAY=2MO).
	Month time.Month
	Until *time.Time // the last moment an occurrence may start (inclusive)
	Count int        // the number of occurrences; 0 means no limit
}

var rruleDays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// rruleUntil is how UNTIL is written: UTC, basic format.
const rruleUntil = "20060102T150405Z"

// RRule returns the rule as an RFC 5545 RRULE value (without "RRULE:"), or
// "" for an event that does not repeat. Weekdays are written Monday first.
func (r Recurrence) RRule() string {
	freq := map[string]string{FreqDaily: "DAILY", FreqWeekly: "WEEKLY", FreqMonthly: "MONTHLY", FreqYearly: "YEARLY"}[r.Freq]
	if freq == "" {
		return ""
	}
	parts := []string{"FREQ=" + freq}
	if r.Interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(r.Interval))
	}
	if r.Freq == FreqYearly && r.Month != 0 {
		parts = append(parts, "BYMONTH="+strconv.Itoa(int(r.Month)))
	}
	switch {
	case r.Freq == FreqWeekly && len(r.Weekdays) > 0:
		days := make([]string, 0, len(r.Weekdays))
		for _, d := range sortedWeekdays(r.Weekdays) {
			days = append(days, rruleDays[d])
		}
		parts = append(parts, "BYDAY="+strings.Join(days, ","))
	case (r.Freq == FreqMonthly || r.Freq == FreqYearly) && r.Nth != 0:
		parts = append(parts, "BYDAY="+strconv.Itoa(r.Nth)+rruleDays[r.Weekday])
	case (r.Freq == FreqMonthly || r.Freq == FreqYearly) && r.MonthDay != 0:
		parts = append(parts, "BYMONTHDAY="+strconv.Itoa(r.MonthDay))
	}
	if r.Until != nil {
		parts = append(parts, "UNTIL="+r.Until.UTC().Format(rruleUntil))
	} else if r.Count > 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(r.Count))
	}
	return strings.Join(parts, ";")
}

// sortedWeekdays returns the days Monday first, each once.
func sortedWeekdays(days []time.Weekday) []time.Weekday {
	out := slices.Clone(days)
	slices.SortFunc(out, func(a, b time.Weekday) int { return mondayIndex(a) - mondayIndex(b) })
	return slices.Compact(out)
}

func mondayIndex(d time.Weekday) int { return (int(d) + 6) % 7 }

// rruleError is the message for a rule that cannot be used.
func rruleError(format string, args ...any) error {
	return FieldError("rrule", "err.event.rrule", "繰り返しの規則を読めません: %s", fmt.Sprintf(format, args...))
}

// ParseRecurrence reads an RRULE value (with or without "RRULE:") in the
// form's terms, and fails for a rule the form cannot show (any rule is
// stored and expanded; the screens call one they cannot describe a
// custom rule). It accepts what common calendar programs write for the
// rules above: BYDAY
// with an ordinal (3WE, -1FR) or BYSETPOS with one weekday, FREQ=DAILY with
// BYDAY (Outlook's "every weekday"), WKST where it changes nothing. Any
// other part is refused (EINVALID, field "rrule") rather than ignored, so
// that no rule silently means something else. A floating or date-only
// UNTIL (no Z) is returned with its wall clock in UTC; see UntilIsFloating.
func ParseRecurrence(rrule string) (Recurrence, error) {
	var r Recurrence
	s := strings.TrimSpace(rrule)
	if len(s) >= 6 && strings.EqualFold(s[:6], "RRULE:") {
		s = s[6:]
	}
	if s == "" {
		return r, nil
	}
	seen := map[string]string{}
	for _, part := range strings.Split(s, ";") {
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		if !ok || v == "" {
			return r, rruleError("%q の値がありません", part)
		}
		if _, dup := seen[k]; dup {
			return r, rruleError("%s が二度あります", k)
		}
		seen[k] = strings.ToUpper(strings.TrimSpace(v))
	}
	number := func(key string, lo, hi int) (int, error) {
		n, err := strconv.Atoi(seen[key])
		if err != nil || n < lo || n > hi {
			return 0, rruleError("%s=%s は使えません", key, seen[key])
		}
		return n, nil
	}
	var err error
	switch seen["FREQ"] {
	case "DAILY":
		r.Freq = FreqDaily
	case "WEEKLY":
		r.Freq = FreqWeekly
	case "MONTHLY":
		r.Freq = FreqMonthly
	case "YEARLY":
		r.Freq = FreqYearly
	case "":
		return r, rruleError("FREQ がありません")
	default:
		return r, rruleError("FREQ=%s には対応していません", seen["FREQ"])
	}
	for k := range seen {
		switch k {
		case "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST":
		default:
			return r, rruleError("%s には対応していません", k)
		}
	}
	if _, ok := seen["INTERVAL"]; ok {
		if r.Interval, err = number("INTERVAL", 1, 1<<20); err != nil {
			return r, err
		}
	}
	if _, ok := seen["COUNT"]; ok {
		if r.Count, err = number("COUNT", 1, 1<<30); err != nil {
			return r, err
		}
	}
	if v, ok := seen["UNTIL"]; ok {
		if r.Count > 0 {
			return r, rruleError("UNTIL と COUNT は同時に使えません")
		}
		t, ok := parseUntil(v)
		if !ok {
			return r, rruleError("UNTIL=%s は日時として読めません", v)
		}
		r.Until = &t
	}
	if _, ok := seen["BYMONTHDAY"]; ok {
		if r.Freq != FreqMonthly && r.Freq != FreqYearly {
			return r, rruleError("BYMONTHDAY は毎月か毎年の規則でだけ使えます")
		}
		if r.MonthDay, err = number("BYMONTHDAY", -31, 31); err != nil || r.MonthDay == 0 {
			return r, rruleError("BYMONTHDAY=%s は使えません", seen["BYMONTHDAY"])
		}
	}
	if _, ok := seen["BYMONTH"]; ok {
		if r.Freq != FreqYearly {
			return r, rruleError("BYMONTH は毎年の規則でだけ使えます")
		}
		m, err := number("BYMONTH", 1, 12)
		if err != nil {
			return r, err
		}
		r.Month = time.Month(m)
	}
	var days []byday
	if v, ok := seen["BYDAY"]; ok {
		for _, item := range strings.Split(v, ",") {
			d, ok := parseByDay(item)
			if !ok {
				return r, rruleError("BYDAY の %q は読めません", item)
			}
			days = append(days, d)
		}
	}
	if v, ok := seen["BYSETPOS"]; ok {
		pos, err := strconv.Atoi(v)
		if err != nil || len(days) != 1 || days[0].nth != 0 || r.Freq == FreqDaily || r.Freq == FreqWeekly || pos == 0 || pos < -1 || pos > 5 {
			return r, rruleError("BYSETPOS=%s には対応していません", v)
		}
		days[0].nth = pos
	}
	switch r.Freq {
	case FreqDaily:
		if len(days) > 0 {
			// Every weekday: the same dates as weekly on those days, when
			// every day is meant.
			if r.Interval > 1 {
				return r, rruleError("FREQ=DAILY;INTERVAL と BYDAY の組み合わせには対応していません")
			}
			r.Freq = FreqWeekly
		}
		fallthrough
	case FreqWeekly:
		for _, d := range days {
			if d.nth != 0 {
				return r, rruleError("毎週の規則に第何週かの指定 (%d) は使えません", d.nth)
			}
			r.Weekdays = append(r.Weekdays, d.day)
		}
		r.Weekdays = sortedWeekdays(r.Weekdays)
		if len(r.Weekdays) == 0 {
			r.Weekdays = nil
		}
		// WKST decides which week a day belongs to only when weeks are
		// skipped and there is more than one day.
		if w, ok := seen["WKST"]; ok && w != "MO" && r.Interval > 1 && len(r.Weekdays) > 1 {
			return r, rruleError("WKST=%s には対応していません (月曜始まりだけです)", w)
		}
	case FreqMonthly, FreqYearly:
		if len(days) > 1 {
			return r, rruleError("BYDAY は一つだけ指定できます")
		}
		if len(days) == 1 {
			if days[0].nth == 0 {
				return r, rruleError("毎月・毎年の規則では第何週かを指定してください (例 3WE)")
			}
			if r.MonthDay != 0 {
				return r, rruleError("BYDAY と BYMONTHDAY は同時に使えません")
			}
			if days[0].nth < -1 || days[0].nth > 5 {
				return r, rruleError("第%d%s には対応していません", days[0].nth, rruleDays[days[0].day])
			}
			if r.Freq == FreqYearly && r.Month == 0 {
				return r, rruleError("毎年の第何週かの指定には BYMONTH が必要です")
			}
			r.Nth, r.Weekday = days[0].nth, days[0].day
		}
	}
	return r, nil
}

type byday struct {
	nth int
	day time.Weekday
}

func parseByDay(s string) (byday, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return byday{}, false
	}
	name := s[len(s)-2:]
	d := slices.Index(rruleDays[:], name)
	if d < 0 {
		return byday{}, false
	}
	b := byday{day: time.Weekday(d)}
	if num := s[:len(s)-2]; num != "" {
		n, err := strconv.Atoi(num)
		if err != nil || n == 0 || n < -53 || n > 53 {
			return byday{}, false
		}
		b.nth = n
	}
	return b, true
}

func parseUntil(v string) (time.Time, bool) {
	for _, layout := range []string{rruleUntil, "20060102T150405", "20060102"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// UntilIsFloating reports whether the rule's UNTIL is written without a
// time zone (a date, or a date-time without Z). Such an UNTIL means the
// wall clock of the event's own zone, which ParseRecurrence cannot know:
// InZone fixes it.
func UntilIsFloating(rrule string) bool {
	v := untilValue(rrule)
	return v != "" && !strings.HasSuffix(v, "Z")
}

func untilValue(rrule string) string {
	i := strings.Index(strings.ToUpper(rrule), "UNTIL=")
	if i < 0 {
		return ""
	}
	v, _, _ := strings.Cut(rrule[i+6:], ";")
	return strings.ToUpper(strings.TrimSpace(v))
}

// InZone returns r with a floating UNTIL (see UntilIsFloating) read in loc;
// a date-only UNTIL includes that whole day.
func (r Recurrence) InZone(rrule string, loc *time.Location) Recurrence {
	if r.Until == nil || !UntilIsFloating(rrule) {
		return r
	}
	u := *r.Until
	t := time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), 0, loc)
	if !strings.Contains(untilValue(rrule), "T") {
		t = t.AddDate(0, 0, 1).Add(-time.Second)
	}
	r.Until = &t
	return r
}
