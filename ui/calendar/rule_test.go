package calendar

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
)

func TestDescribeRule(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("JST", 9*3600)
	start := time.Date(2026, 11, 18, 15, 0, 0, 0, jst) // a Wednesday, the third of the month
	for _, c := range []struct {
		rrule, ja, en string
		allDay        bool
	}{
		{"FREQ=MONTHLY;BYDAY=3WE", "毎月第3水曜日 15:00-16:00", "Monthly on the 3rd Wed 15:00-16:00", false},
		{"FREQ=MONTHLY;BYDAY=-1FR", "毎月最終金曜日 15:00-16:00", "Monthly on the last Fri 15:00-16:00", false},
		{"FREQ=WEEKLY;BYDAY=TU,TH", "毎週火・木曜日 15:00-16:00", "Weekly on Tue, Thu 15:00-16:00", false},
		{"FREQ=WEEKLY", "毎週水曜日 15:00-16:00", "Weekly on Wed 15:00-16:00", false},
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=6", "2週ごとの月曜日 15:00-16:00 (全6回)", "Every 2 weeks on Mon 15:00-16:00 (6 times)", false},
		{"FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270331T145959Z", "毎月15日 15:00-16:00 (2027年3月31日まで)", "Monthly on day 15 15:00-16:00 (until 31 Mar 2027)", false},
		{"FREQ=MONTHLY", "毎月18日 15:00-16:00", "Monthly on day 18 15:00-16:00", false},
		{"FREQ=MONTHLY;BYMONTHDAY=-1", "毎月末日 15:00-16:00", "Monthly on the last day 15:00-16:00", false},
		{"FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU", "3か月ごとの第2火曜日 15:00-16:00", "Every 3 months on the 2nd Tue 15:00-16:00", false},
		{"FREQ=YEARLY", "毎年11月18日 終日", "Yearly on 11/18 all day", true},
		{"FREQ=YEARLY;BYMONTH=1;BYDAY=2MO", "毎年1月の第2月曜日 15:00-16:00", "Yearly on the 2nd Mon of month 1 15:00-16:00", false},
		{"FREQ=DAILY", "毎日 15:00-16:00", "Daily 15:00-16:00", false},
		{"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "毎週月・火・水・木・金曜日 15:00-16:00", "Weekly on Mon, Tue, Wed, Thu, Fri 15:00-16:00", false},
		// Rules the form cannot put in words: by their next dates.
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "カスタムの繰り返し 15:00-16:00 (次は 11月30日(月)・12月31日(木)・1月29日(金))",
			"Custom repeat 15:00-16:00 (next: Mon 30 Nov, Thu 31 Dec, Fri 29 Jan)", false},
		{"FREQ=HOURLY\x1b[31m", "カスタムの繰り返し 15:00-16:00 (次は 11月30日(月)・12月31日(木)・1月29日(金))",
			"Custom repeat 15:00-16:00 (next: Mon 30 Nov, Thu 31 Dec, Fri 29 Jan)", false},
	} {
		ev := &model.Event{Start: start, End: start.Add(time.Hour), RRule: c.rrule, AllDay: c.allDay}
		if strings.Contains(c.ja, "カスタム") {
			ev.Next = []time.Time{time.Date(2026, 11, 30, 15, 0, 0, 0, jst), time.Date(2026, 12, 31, 15, 0, 0, 0, jst), time.Date(2027, 1, 29, 15, 0, 0, 0, jst)}
		}
		for lang, want := range map[string]string{"ja": c.ja, "en": c.en} {
			if got := describeRule(ev, kit.NewCatalog(lang, jst, nil)); got != want {
				t.Errorf("%s %q: got %q, want %q", lang, c.rrule, got, want)
			}
		}
	}
	if got := describeRule(&model.Event{Start: start, End: start}, kit.NewCatalog("ja", jst, nil)); got != "" {
		t.Errorf("a one-off event has no rule, got %q", got)
	}
}
