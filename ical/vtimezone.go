package ical

import (
	"fmt"
	"strconv"
	"time"
)

// A VTIMEZONE is made from the Go time zone database: the changes of
// clocks between two years, found by probing, and written as STANDARD and
// DAYLIGHT observances. Changes that recur on the same weekday of the same
// month at the same wall clock year after year (the second Sunday of March
// at 02:00) become one observance with a yearly RRULE; the last run is left
// open, as the zone's present rule.

// transition is one change of a zone's clocks.
type transition struct {
	at       time.Time // the instant
	from, to int       // offsets in seconds east of UTC
	name     string
	dst      bool
}

// onset is the wall clock the change happens at, in the offset before it.
func (t transition) onset() time.Time { return t.at.Add(time.Duration(t.from) * time.Second).UTC() }

// rule describes the onset's day as a yearly rule, by position from the
// month's start and from its end.
func (t transition) rule() (nth, last int, wd time.Weekday, m time.Month, clock string) {
	o := t.onset()
	days := time.Date(o.Year(), o.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return (o.Day()-1)/7 + 1, -((days-o.Day())/7 + 1), o.Weekday(), o.Month(), o.Format("150405")
}

// transitions finds the changes of loc's clocks in [from, to).
func transitions(loc *time.Location, from, to time.Time) []transition {
	var out []transition
	offset := func(t time.Time) int { _, o := t.In(loc).Zone(); return o }
	prev := offset(from)
	for day := from; day.Before(to); day = day.Add(24 * time.Hour) {
		next := day.Add(24 * time.Hour)
		if o := offset(next); o != prev {
			lo, hi := day, next // the change is in (lo, hi]
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
				if offset(mid) == prev {
					lo = mid
				} else {
					hi = mid
				}
			}
			at := hi.In(loc)
			name, _ := at.Zone()
			out = append(out, transition{at: at, from: prev, to: o, name: name, dst: at.IsDST()})
			prev = o
		}
	}
	return out
}

func offsetText(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}

// writeTimezone writes the VTIMEZONE of loc for the years from to to.
func writeTimezone(w *lineWriter, loc *time.Location, fromYear, toYear int) {
	w.prop("BEGIN", "", "VTIMEZONE")
	w.prop("TZID", "", loc.String())
	from := time.Date(fromYear-1, 1, 1, 0, 0, 0, 0, time.UTC)
	ts := transitions(loc, from, time.Date(toYear+1, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(ts) == 0 {
		name, off := from.In(loc).Zone()
		w.prop("BEGIN", "", "STANDARD")
		w.prop("DTSTART", "", "19700101T000000")
		w.prop("TZOFFSETFROM", "", offsetText(off))
		w.prop("TZOFFSETTO", "", offsetText(off))
		w.text("TZNAME", name)
		w.prop("END", "", "STANDARD")
	}
	// Runs of changes of one kind that recur yearly become one observance.
	for _, dst := range []bool{false, true} {
		var kind []transition
		for _, t := range ts {
			if t.dst == dst {
				kind = append(kind, t)
			}
		}
		for i := 0; i < len(kind); {
			j, byday := i+1, ""
			nth, last, wd, m, clock := kind[i].rule()
			for ; j < len(kind); j++ {
				n2, l2, wd2, m2, c2 := kind[j].rule()
				same := wd2 == wd && m2 == m && c2 == clock && kind[j].from == kind[i].from && kind[j].to == kind[i].to &&
					kind[j].onset().Year() == kind[j-1].onset().Year()+1
				switch {
				case same && (byday == "" || byday == "last") && l2 == last && last == -1:
					byday = "last" // the last Sunday: which one it is by number varies
				case same && (byday == "" || byday == "nth") && n2 == nth && nth < 5:
					byday = "nth"
				default:
					same = false
				}
				if !same {
					break
				}
			}
			writeObservance(w, kind[i:j], byday, nth, last, wd, m, j == len(kind))
			i = j
		}
	}
	w.prop("END", "", "VTIMEZONE")
}

// writeObservance writes one STANDARD or DAYLIGHT: run's first change and,
// for a run of several, the yearly rule they follow (UNTIL the last of
// them unless open).
func writeObservance(w *lineWriter, run []transition, byday string, nth, last int, wd time.Weekday, m time.Month, open bool) {
	t := run[0]
	kind := "STANDARD"
	if t.dst {
		kind = "DAYLIGHT"
	}
	w.prop("BEGIN", "", kind)
	w.prop("DTSTART", "", t.onset().Format(dateTime))
	w.prop("TZOFFSETFROM", "", offsetText(t.from))
	w.prop("TZOFFSETTO", "", offsetText(t.to))
	w.text("TZNAME", t.name)
	if len(run) > 1 {
		pos := nth
		if byday == "last" {
			pos = last
		}
		rule := "FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(m)) + ";BYDAY=" + strconv.Itoa(pos) + dayCodes[wd]
		if !open {
			rule += ";UNTIL=" + run[len(run)-1].at.UTC().Format(dateTimeUTC)
		}
		w.prop("RRULE", "", rule)
	}
	w.prop("END", "", kind)
}

var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}
