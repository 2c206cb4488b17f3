package recur

import (
	"testing"
	"time"

	"hiroba/fuzzcost"
)

// FuzzExpand reads any rule and expands a window of it: no panic, starts
// in order and within the series' bounds, and (when fuzzing) no input
// slower than 100 ms. `go test ./recur -run X -fuzz FuzzExpand -fuzztime 10m`
// fuzzes for real; go test runs the seeds below and testdata/fuzz.
func FuzzExpand(f *testing.F) {
	for _, seed := range []string{
		"FREQ=MONTHLY;BYDAY=3WE", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,TU",
		"FREQ=YEARLY;BYMONTH=4,10;BYDAY=1MO", "FREQ=HOURLY;INTERVAL=24;BYHOUR=5", "FREQ=DAILY;UNTIL=99991231",
		"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;BYWEEKNO=53,-1;BYDAY=SU;WKST=SA", "FREQ=YEARLY;BYYEARDAY=366,-366;BYSETPOS=1,-1",
		"FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=23;BYMINUTE=59;BYSECOND=59;COUNT=1000000",
		"FREQ=YEARLY;INTERVAL=100000;COUNT=10000", "FREQ=MINUTELY",
	} {
		f.Add(seed, int64(1798761600), int64(86400*400), int64(86400*40))
	}
	f.Fuzz(func(t *testing.T, rule string, start, offset, span int64) {
		r, err := Parse(rule)
		if err != nil {
			return
		}
		first := time.Unix(max(start%(200*365*86400), 0), 0) // within 1970-2170
		from := first.Add(time.Duration(offset%(150*365*86400)) * time.Second)
		to := from.Add(time.Duration(span%(400*86400)) * time.Second)
		took, slow := fuzzcost.Slow(func() {
			s := New(r, first, newYork)
			var prev time.Time
			s.Each(from, func(x time.Time) bool {
				if !prev.IsZero() && !x.After(prev) || x.Before(from) || x.Before(first.Truncate(time.Second)) || x.After(first.AddDate(HorizonYears, 0, 0)) {
					t.Fatalf("%s: %v after %v (from %v)", rule, x, prev, from)
				}
				prev = x
				return x.Before(to)
			})
			if last, ok := s.Last(); ok && !prev.IsZero() && prev.After(last) && !prev.After(to) {
				t.Fatalf("%s: %v after the last %v", rule, prev, last)
			}
			s.First()
		}, 100*time.Millisecond)
		if slow {
			t.Fatalf("%s from %v: %v", rule, first, took)
		}
	})
}
