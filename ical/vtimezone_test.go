package ical

import (
	"bytes"
	"sort"
	"strings"
	"testing"
	"time"

	"hiroba/recur"
)

// TestTimezonesAgreeWithGo writes the VTIMEZONE of zones with daylight
// saving time, reads it back as another program would (each observance's
// onsets by its RRULE, the latest onset before an instant giving the
// offset) and compares the offsets with Go's zone database every six
// hours over the years written.
func TestTimezonesAgreeWithGo(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/London", "Australia/Sydney", "Asia/Tokyo", "America/Sao_Paulo"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		w := &lineWriter{w: &b}
		writeTimezone(w, loc, 2010, 2040)
		cals, err := parse("BEGIN:VCALENDAR\r\n" + b.String() + "END:VCALENDAR\r\n")
		if err != nil {
			t.Fatal(err)
		}
		type onset struct {
			at  time.Time
			off int
		}
		var onsets []onset
		for _, obs := range cals[0].Children[0].Children {
			start, _ := time.Parse(dateTime, obs.prop("DTSTART").Value)
			from, to := parseOffset(obs.prop("TZOFFSETFROM").Value), parseOffset(obs.prop("TZOFFSETTO").Value)
			fixed := time.FixedZone("", from)
			local := time.Date(start.Year(), start.Month(), start.Day(), start.Hour(), start.Minute(), start.Second(), 0, fixed)
			onsets = append(onsets, onset{local, to})
			if p := obs.prop("RRULE"); p != nil {
				r, err := recur.Parse(p.Value)
				if err != nil {
					t.Fatalf("%s: %v", p.Value, err)
				}
				for _, x := range recur.New(r, local, fixed).Between(local, time.Date(2041, 1, 1, 0, 0, 0, 0, time.UTC)) {
					onsets = append(onsets, onset{x, to})
				}
			}
		}
		// The instants go forward, and so does the latest onset before
		// each: onsets in their order are read once (of onsets at the
		// same instant the first written), not all of them every six
		// hours.
		sort.SliceStable(onsets, func(i, j int) bool { return onsets[i].at.Before(onsets[j].at) })
		var best onset
		next := 0
		for at := time.Date(2010, 1, 2, 0, 0, 0, 0, time.UTC); at.Year() < 2041; at = at.Add(6 * time.Hour) {
			for ; next < len(onsets) && !onsets[next].at.After(at); next++ {
				if onsets[next].at.After(best.at) {
					best = onsets[next]
				}
			}
			if _, want := at.In(loc).Zone(); best.off != want {
				t.Fatalf("%s at %s: VTIMEZONE says %d, Go %d\n%s", name, at, best.off, want, b.String())
			}
		}
		if name == "America/New_York" && !strings.Contains(b.String(), "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n") {
			t.Fatalf("New York's present rule is not open:\n%s", b.String())
		}
	}
}

func parseOffset(s string) int {
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	h, m := int(s[1]-'0')*10+int(s[2]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	return sign * (h*3600 + m*60)
}
