package recur

import (
	"strings"
	"testing"
	"time"
)

// dates expands rule from first (Tokyo) over [from, to) as dates.
func dates(t *testing.T, rule string, first, from, to time.Time) string {
	t.Helper()
	r, err := Parse(rule)
	if err != nil {
		t.Fatalf("%s: %v", rule, err)
	}
	var out []string
	for _, d := range New(r, first, tokyo).Between(from, to) {
		out = append(out, d.In(tokyo).Format("2006-01-02 15:04"))
	}
	return strings.Join(out, ",")
}

func jst(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, tokyo) }

// walk lists the days in [from, to) for which keep is true, at hh:mm,
// found with the time package alone: independent of any rule code.
func walk(from, to time.Time, hh, mm int, keep func(time.Time) bool) string {
	var out []string
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		if keep(d) {
			out = append(out, time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, tokyo).Format("2006-01-02 15:04"))
		}
	}
	return strings.Join(out, ",")
}

func lastDay(d time.Time) int { return time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, tokyo).Day() }

func TestKnownDates(t *testing.T) {
	y2027, y2028 := jst(2027, 1, 1, 0, 0), jst(2028, 1, 1, 0, 0)
	weekday := func(d time.Time) bool { return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday }
	for _, c := range []struct {
		name, rule  string
		first       time.Time
		from, to    time.Time
		want        string
		independent bool // want was made by walk
	}{
		{"ThirdWednesdays", "FREQ=MONTHLY;BYDAY=3WE", jst(2026, 12, 16, 15, 0), y2027, y2028,
			"2027-01-20 15:00,2027-02-17 15:00,2027-03-17 15:00,2027-04-21 15:00,2027-05-19 15:00,2027-06-16 15:00,2027-07-21 15:00,2027-08-18 15:00,2027-09-15 15:00,2027-10-20 15:00,2027-11-17 15:00,2027-12-15 15:00", false},
		{"LastFridays", "FREQ=MONTHLY;BYDAY=-1FR", jst(2026, 12, 25, 12, 10), y2027, y2028,
			walk(y2027, y2028, 12, 10, func(d time.Time) bool { return d.Weekday() == time.Friday && d.Day()+7 > lastDay(d) }), true},
		{"February29", "FREQ=YEARLY", jst(2024, 2, 29, 9, 0), jst(2025, 1, 1, 0, 0), jst(2041, 1, 1, 0, 0),
			"2028-02-29 09:00,2032-02-29 09:00,2036-02-29 09:00,2040-02-29 09:00", false},
		{"February29EveryCentury", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", jst(2096, 2, 29, 9, 0), jst(2096, 1, 1, 0, 0), jst(2105, 1, 1, 0, 0),
			"2096-02-29 09:00,2104-02-29 09:00", false},
		{"FifthThursdays", "FREQ=MONTHLY;BYDAY=5TH", jst(2026, 12, 31, 17, 0), y2027, y2028,
			walk(y2027, y2028, 17, 0, func(d time.Time) bool { return d.Weekday() == time.Thursday && d.Day() > 28 }), true},
		{"FifthWeekdaysByPosition", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=5", jst(2027, 1, 7, 9, 0), y2027, jst(2027, 4, 1, 0, 0),
			"2027-01-07 09:00,2027-02-05 09:00,2027-03-05 09:00", false},
		{"LastWorkingDay", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", jst(2026, 12, 31, 17, 0), y2027, y2028,
			walk(y2027, y2028, 17, 0, func(d time.Time) bool {
				if !weekday(d) {
					return false
				}
				for n := d.AddDate(0, 0, 1); n.Month() == d.Month(); n = n.AddDate(0, 0, 1) {
					if weekday(n) {
						return false
					}
				}
				return true
			}), true},
		{"The31stAcrossTheYearEnd", "FREQ=MONTHLY", jst(2026, 10, 31, 16, 0), jst(2026, 11, 1, 0, 0), jst(2027, 5, 1, 0, 0),
			"2026-12-31 16:00,2027-01-31 16:00,2027-03-31 16:00", false},
		{"WeeklyAcrossTheYearEnd", "FREQ=WEEKLY;COUNT=4", jst(2026, 12, 17, 16, 30), jst(2026, 12, 1, 0, 0), jst(2027, 3, 1, 0, 0),
			"2026-12-17 16:30,2026-12-24 16:30,2026-12-31 16:30,2027-01-07 16:30", false},
		{"GoogleFortnightlyWeekStartingSunday", "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,TU", jst(2027, 1, 3, 10, 0), y2027, jst(2027, 2, 1, 0, 0),
			"2027-01-03 10:00,2027-01-05 10:00,2027-01-17 10:00,2027-01-19 10:00,2027-01-31 10:00", false},
		{"The10thAnd25th", "FREQ=MONTHLY;BYMONTHDAY=10,25", jst(2027, 1, 10, 9, 0), y2027, jst(2027, 3, 1, 0, 0),
			"2027-01-10 09:00,2027-01-25 09:00,2027-02-10 09:00,2027-02-25 09:00", false},
		{"SecondLastFriday", "FREQ=MONTHLY;BYDAY=-2FR", jst(2027, 1, 22, 9, 0), y2027, jst(2027, 4, 1, 0, 0),
			"2027-01-22 09:00,2027-02-19 09:00,2027-03-19 09:00", false},
		{"FirstMondayOfAprilAndOctober", "FREQ=YEARLY;BYMONTH=4,10;BYDAY=1MO", jst(2027, 4, 5, 9, 0), y2027, jst(2029, 1, 1, 0, 0),
			"2027-04-05 09:00,2027-10-04 09:00,2028-04-03 09:00,2028-10-02 09:00", false},
		{"HourlyInOfficeHours", "FREQ=HOURLY;INTERVAL=3;BYHOUR=9,12,15", jst(2027, 1, 4, 9, 0), jst(2027, 1, 4, 0, 0), jst(2027, 1, 6, 0, 0),
			"2027-01-04 09:00,2027-01-04 12:00,2027-01-04 15:00,2027-01-05 09:00,2027-01-05 12:00,2027-01-05 15:00", false},
		{"WeekNumberAcrossTheYearEnd", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", jst(2024, 12, 30, 9, 0), jst(2024, 12, 1, 0, 0), jst(2027, 1, 31, 0, 0),
			"2024-12-30 09:00,2025-12-29 09:00,2027-01-04 09:00", false},
		{"LastDayOfTheYear", "FREQ=YEARLY;BYYEARDAY=-1", jst(2027, 12, 31, 18, 0), y2027, jst(2029, 1, 1, 0, 0),
			"2027-12-31 18:00,2028-12-31 18:00", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := dates(t, c.rule, c.first, c.from, c.to); got != c.want || c.want == "" {
				t.Fatalf("%s\ngot  %s\nwant %s", c.rule, got, c.want)
			}
		})
	}
}

func TestNewYorkKeepsItsWallClockAcrossDST(t *testing.T) {
	r, _ := Parse("FREQ=WEEKLY;BYDAY=TU;COUNT=3")
	first := time.Date(2027, 3, 9, 9, 0, 0, 0, newYork) // the clocks change on Sunday 14 March
	var got []string
	for _, d := range New(r, first, newYork).Between(first, first.AddDate(0, 1, 0)) {
		got = append(got, d.UTC().Format("01-02 15:04Z"))
	}
	if strings.Join(got, ",") != "03-09 14:00Z,03-16 13:00Z,03-23 13:00Z" {
		t.Fatalf("got %v", got)
	}
	// 02:30 does not exist on 14 March 2027; RFC 5545 reads it as 03:30 EDT.
	if got := wallTime(civilDays(2027, 3, 14), 2*3600+30*60, newYork); got.Format("15:04 MST") != "03:30 EDT" {
		t.Fatalf("gap: %s", got)
	}
	// 01:30 happens twice on 7 November 2027; the first is meant.
	if got := wallTime(civilDays(2027, 11, 7), 3600+30*60, newYork); got.Format("15:04 MST") != "01:30 EDT" {
		t.Fatalf("twice: %s", got)
	}
}

func TestBounds(t *testing.T) {
	first := jst(2027, 1, 1, 9, 0)
	t.Run("FarUntilStopsAtTheHorizon", func(t *testing.T) {
		r, _ := Parse("FREQ=DAILY;UNTIL=99991231")
		last, ok := New(r, first, tokyo).Last()
		if !ok || !last.Equal(first.AddDate(HorizonYears, 0, 0)) {
			t.Fatalf("last %v %v", last, ok)
		}
	})
	t.Run("CountStopsAtTheLimit", func(t *testing.T) {
		r, _ := Parse("FREQ=DAILY;COUNT=1073741824")
		last, ok := New(r, first, tokyo).Last()
		if !ok || !last.Equal(first.AddDate(0, 0, MaxCount-1)) {
			t.Fatalf("last %v", last)
		}
	})
	t.Run("RulesThatNeverMeetEnd", func(t *testing.T) {
		for _, rule := range []string{"FREQ=HOURLY;INTERVAL=24;BYHOUR=5", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1"} {
			r, err := Parse(rule)
			if err != nil {
				t.Fatal(err)
			}
			if d, ok := New(r, first, tokyo).First(); ok {
				t.Fatalf("%s: %v", rule, d)
			}
		}
	})
	t.Run("AWindowFarIntoASeriesGivesTheSameDates", func(t *testing.T) {
		r, _ := Parse("FREQ=HOURLY;INTERVAL=7;BYDAY=MO,WE")
		s := New(r, jst(2001, 1, 1, 0, 0), tokyo)
		var all []time.Time
		s.Each(jst(2001, 1, 1, 0, 0), func(t time.Time) bool { all = append(all, t); return t.Before(jst(2031, 2, 1, 0, 0)) })
		var want []string
		for _, d := range all {
			if !d.Before(jst(2031, 1, 1, 0, 0)) && d.Before(jst(2031, 2, 1, 0, 0)) {
				want = append(want, d.String())
			}
		}
		var got []string
		for _, d := range s.Between(jst(2031, 1, 1, 0, 0), jst(2031, 2, 1, 0, 0)) {
			got = append(got, d.String())
		}
		if strings.Join(got, ",") != strings.Join(want, ",") || len(got) == 0 {
			t.Fatalf("got %v\nwant %v", got, want)
		}
	})
}

func TestParseRefuses(t *testing.T) {
	for rule, key := range map[string]string{
		"":                                     "err.rrule.freq",
		"FREQ=MINUTELY":                        "err.rrule.tooshort",
		"FREQ=FORTNIGHTLY":                     "err.rrule.value",
		"FREQ=DAILY;COUNT=3;UNTIL=20270101":    "err.rrule.countuntil",
		"FREQ=MONTHLY;BYWEEKNO=3":              "err.rrule.notwith",
		"FREQ=WEEKLY;BYMONTHDAY=3":             "err.rrule.notwith",
		"FREQ=WEEKLY;BYDAY=2MO":                "err.rrule.nth",
		"FREQ=MONTHLY;BYSETPOS=1":              "err.rrule.setpos",
		"FREQ=MONTHLY;BYMONTHDAY=32":           "err.rrule.value",
		"FREQ=MONTHLY;FREQ=WEEKLY":             "err.rrule.twice",
		"FREQ=MONTHLY;BYFOO=1":                 "err.rrule.unknown",
		"FREQ=MONTHLY;UNTIL=tomorrow":          "err.rrule.until",
		"FREQ=MONTHLY;BYDAY":                   "err.rrule.part",
		"FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO":     "err.rrule.nth",
		"FREQ=DAILY;INTERVAL=0":                "err.rrule.value",
		"FREQ=MONTHLY;BYDAY=6MO":               "err.rrule.value",
		"FREQ=DAILY;X-NAME=1;INTERVAL=1000001": "err.rrule.value",
	} {
		_, err := Parse(rule)
		if err == nil || !strings.Contains(errorKey(err), key) {
			t.Errorf("%q: %v (want %s)", rule, err, key)
		}
	}
	r, err := Parse("rrule:freq=weekly;x-google=1;byday=fr,mo;wkst=su;until=20270331")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Format(tokyo); got != "FREQ=WEEKLY;BYDAY=MO,FR;WKST=SU;UNTIL=20270331T145959Z" {
		t.Fatalf("canonical %s", got)
	}
}
