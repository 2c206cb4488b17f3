package recur

import (
	"testing"
	"time"
)

// BenchmarkMonthWindow expands one month, 30 years into each series, of
// the rules that cost the most: what one window of the calendar pays per
// series. The series is made once, as the calendar's index keeps it (a
// COUNT's last date is found on the first window only).
//
//	go test ./recur -run X -bench MonthWindow
func BenchmarkMonthWindow(b *testing.B) {
	first := time.Date(2001, 1, 1, 9, 0, 0, 0, tokyo)
	from := time.Date(2031, 3, 1, 0, 0, 0, 0, tokyo)
	for _, rule := range []string{
		"FREQ=HOURLY", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=DAILY;UNTIL=99991231",
		"FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=10000",
		"FREQ=YEARLY;BYWEEKNO=1,-1;BYDAY=MO", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
	} {
		r, err := Parse(rule)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(rule, func(b *testing.B) {
			s := New(r, first, tokyo)
			for b.Loop() {
				s.Between(from, from.AddDate(0, 1, 0))
			}
		})
	}
}
