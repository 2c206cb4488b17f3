package recur

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/teambition/rrule-go"
)

var (
	tokyo    = mustZone("Asia/Tokyo")
	newYork  = mustZone("America/New_York")
	testZone = []*time.Location{tokyo, time.UTC, newYork}
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// randomRule makes a rule over every RFC 5545 part that this package
// reads, as calendar programs combine them, with a first start and a
// window to expand. It leaves out what python-dateutil (and rrule-go,
// its port) read otherwise than RFC 5545: BYDAY mixing plain and
// numbered days (they intersect the two where RFC 5545 joins them) and
// negative BYWEEKNO other than -1 (they do not count the next year's
// first week).
func randomRule(rng *rand.Rand) (rule string, first time.Time, loc *time.Location, from, to time.Time) {
	pick := func(n int) bool { return rng.IntN(n) == 0 }
	nums := func(lo, hi int, signed bool, most int) string {
		var out []string
		for range 1 + rng.IntN(most) {
			n := lo + rng.IntN(hi-lo+1)
			if signed && pick(3) {
				n = -n
			}
			if !strings.Contains(","+strings.Join(out, ",")+",", fmt.Sprintf(",%d,", n)) {
				out = append(out, fmt.Sprint(n))
			}
		}
		return strings.Join(out, ",")
	}
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	freq := []string{"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"}[rng.IntN(5)]
	loc = testZone[rng.IntN(len(testZone))]
	if loc == newYork && freq == "HOURLY" {
		loc = tokyo // an hour that DST skips is read differently by each
	}
	parts := []string{"FREQ=" + freq}
	if pick(2) {
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", 1+rng.IntN(4)))
	}
	if pick(3) {
		parts = append(parts, "BYMONTH="+nums(1, 12, false, 3))
	}
	weekNo := freq == "YEARLY" && pick(4)
	if weekNo {
		w := nums(1, 53, false, 3)
		if pick(4) {
			w += ",-1"
		}
		parts = append(parts, "BYWEEKNO="+w)
	}
	if freq == "YEARLY" || freq == "HOURLY" {
		if pick(5) {
			parts = append(parts, "BYYEARDAY="+nums(1, 366, true, 3))
		}
	}
	if freq != "WEEKLY" && pick(3) {
		parts = append(parts, "BYMONTHDAY="+nums(1, 31, true, 3))
	}
	if pick(2) {
		var list []string
		numbered := (freq == "MONTHLY" || freq == "YEARLY") && !weekNo && pick(2)
		for range 1 + rng.IntN(4) {
			d := days[rng.IntN(7)]
			if numbered {
				limit := 5
				if freq == "YEARLY" && !strings.Contains(strings.Join(parts, ";"), "BYMONTH=") {
					limit = 53
				}
				n := 1 + rng.IntN(limit)
				if pick(3) {
					n = -n
				}
				d = fmt.Sprint(n) + d
			}
			if !strings.Contains(","+strings.Join(list, ",")+",", ","+d+",") {
				list = append(list, d)
			}
		}
		parts = append(parts, "BYDAY="+strings.Join(list, ","))
	}
	if freq != "HOURLY" && pick(4) {
		parts = append(parts, "BYHOUR="+nums(0, 23, false, 3))
	} else if freq == "HOURLY" && pick(3) {
		parts = append(parts, "BYHOUR="+nums(0, 23, false, 6))
	}
	if pick(5) {
		parts = append(parts, "BYMINUTE="+nums(0, 59, false, 2))
	}
	if pick(8) {
		parts = append(parts, "BYSECOND="+nums(0, 59, false, 2))
	}
	if strings.Contains(strings.Join(parts, ";"), ";BY") && pick(3) {
		parts = append(parts, "BYSETPOS="+nums(1, 4, true, 2))
	}
	if pick(4) {
		parts = append(parts, "WKST="+days[rng.IntN(7)])
	}
	first = time.Date(2020+rng.IntN(10), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 4+rng.IntN(19), 15*rng.IntN(4), 0, 0, loc)
	span := 24 * time.Hour * time.Duration(1+rng.IntN(400))
	if freq == "HOURLY" {
		span = time.Hour * time.Duration(1+rng.IntN(24*40))
	}
	switch rng.IntN(3) {
	case 0:
		parts = append(parts, fmt.Sprintf("COUNT=%d", 1+rng.IntN(60)))
	case 1:
		parts = append(parts, "UNTIL="+first.Add(time.Duration(rng.Int64N(int64(2*span)))).UTC().Format(layoutUTC))
	}
	rng.Shuffle(len(parts)-1, func(i, j int) { parts[i+1], parts[j+1] = parts[j+1], parts[i+1] })
	from = first.Add(time.Duration(rng.Int64N(int64(span))) - span/4)
	to = from.Add(time.Duration(1 + rng.Int64N(int64(span))))
	return strings.Join(parts, ";"), first, loc, from, to
}

func formatAll(ts []time.Time) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.UTC().Format(layoutUTC)
	}
	return strings.Join(out, ",")
}

// TestAgreesWithRRuleGo expands a few thousand random rules (a fixed seed)
// with this package and with github.com/teambition/rrule-go, over random
// windows.
func TestAgreesWithRRuleGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2027))
	n := 3000
	if testing.Short() {
		n = 500
	}
	compared := 0
	for i := range n {
		rule, first, loc, from, to := randomRule(rng)
		r, err := Parse(rule)
		if err != nil {
			t.Fatalf("%d %s: %v", i, rule, err)
		}
		s := New(r, first, loc)
		if _, ok := s.First(); !ok {
			continue // rrule-go would search until the year 9999
		}
		ours := s.Between(from, to)
		opt, err := rrule.StrToROptionInLocation(rule, loc)
		if err != nil {
			t.Fatalf("%s: rrule-go: %v", rule, err)
		}
		opt.Dtstart = first
		rr, err := rrule.NewRRule(*opt)
		if err != nil {
			t.Fatalf("%s: rrule-go: %v", rule, err)
		}
		var theirs []time.Time
		for _, x := range rr.Between(from, to, true) {
			if x.Before(to) && x.Before(first.AddDate(HorizonYears, 0, 0)) {
				theirs = append(theirs, x)
			}
		}
		if got, want := formatAll(ours), formatAll(theirs); got != want {
			t.Fatalf("%d %s from %s (%s), window %s - %s:\nours     %s\nrrule-go %s", i, rule, first, loc, from, to, got, want)
		}
		compared++
	}
	if compared < n*6/10 {
		t.Fatalf("only %d of %d rules had dates", compared, n)
	}
}
