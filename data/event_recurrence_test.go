package data_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// calendarWorld is a database with one organiser and an open community.
type calendarWorld struct {
	db        *data.DB
	organiser *model.Staff
	community *model.Community
}

func newCalendarWorld(t *testing.T) *calendarWorld {
	t.Helper()
	db := MustOpenTestDB(t)
	o := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	c := MustCreateCommunity(t, db, as(o), "聞きにくいことを聞ける場所", model.CategoryConsultation, "", model.VisibilityOpen)
	return &calendarWorld{db: db, organiser: o, community: c}
}

// create saves an event through the service, as the organiser.
func (w *calendarWorld) create(t *testing.T, title string, start time.Time, minutes int, rule string) *model.Event {
	t.Helper()
	e := &model.Event{CommunityID: w.community.ID, Title: title, Start: start, End: start.Add(time.Duration(minutes) * time.Minute),
		Place: "郡山市役所 本庁舎3階 第1会議室", RRule: rule}
	if err := w.db.CreateEvent(as(w.organiser), e); err != nil {
		t.Fatal(err)
	}
	return e
}

// dates lists the occurrences of one event in [from, to) as Tokyo dates.
func (w *calendarWorld) dates(t *testing.T, eventID string, from, to time.Time) string {
	t.Helper()
	os, err := w.db.Occurrences(as(w.organiser), from, to, w.community.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range os {
		if o.Event.ID == eventID {
			out = append(out, o.Start.In(tokyo).Format("2006-01-02"))
		}
	}
	return strings.Join(out, ",")
}

// daysOf2027 returns the dates of 2027 for which keep is true, found by
// walking every day with the time package: independent of any rule code.
func daysOf(from, to time.Time, keep func(time.Time) bool) string {
	var out []string
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		if keep(d) {
			out = append(out, d.Format("2006-01-02"))
		}
	}
	return strings.Join(out, ",")
}

func lastDayOfMonth(d time.Time) int {
	return time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, tokyo).Day()
}

func TestRecurrenceExact(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	y2027, y2028 := jst(2027, 1, 1, 0, 0), jst(2028, 1, 1, 0, 0)

	t.Run("EveryThirdWednesdayOf2027", func(t *testing.T) {
		e := w.create(t, "相談タイム（毎月第3水曜日）", jst(2026, 12, 16, 15, 0), 60, "FREQ=MONTHLY;BYDAY=3WE")
		want := daysOf(y2027, y2028, func(d time.Time) bool { return d.Weekday() == time.Wednesday && d.Day() >= 15 && d.Day() <= 21 })
		// The same dates as a printed calendar shows.
		if want != "2027-01-20,2027-02-17,2027-03-17,2027-04-21,2027-05-19,2027-06-16,2027-07-21,2027-08-18,2027-09-15,2027-10-20,2027-11-17,2027-12-15" {
			t.Fatalf("independent list: %s", want)
		}
		if got := w.dates(t, e.ID, y2027, y2028); got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("LastFridayOfEachMonth", func(t *testing.T) {
		e := w.create(t, "産休・育休カフェ（毎月最終金曜日）", jst(2026, 12, 25, 12, 10), 40, "FREQ=MONTHLY;BYDAY=-1FR")
		want := daysOf(y2027, y2028, func(d time.Time) bool { return d.Weekday() == time.Friday && d.Day()+7 > lastDayOfMonth(d) })
		if got := w.dates(t, e.ID, y2027, y2028); got != want || strings.Count(got, ",") != 11 {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("February29OnlyInLeapYears", func(t *testing.T) {
		e := w.create(t, "閏日の点検", jst(2024, 2, 29, 9, 0), 60, "FREQ=YEARLY")
		want := daysOf(jst(2025, 1, 1, 0, 0), jst(2041, 1, 1, 0, 0), func(d time.Time) bool { return d.Month() == time.February && d.Day() == 29 })
		if want != "2028-02-29,2032-02-29,2036-02-29,2040-02-29" {
			t.Fatalf("independent list: %s", want)
		}
		if got := w.dates(t, e.ID, jst(2025, 1, 1, 0, 0), jst(2041, 1, 1, 0, 0)); got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("FifthThursdaySkipsMonthsWithoutOne", func(t *testing.T) {
		e := w.create(t, "第5木曜日の振り返り", jst(2026, 12, 31, 17, 0), 60, "FREQ=MONTHLY;BYDAY=5TH")
		want := daysOf(y2027, y2028, func(d time.Time) bool { return d.Weekday() == time.Thursday && d.Day() > 28 })
		if got := w.dates(t, e.ID, y2027, y2028); got != want || strings.Count(got, ",") != 3 {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("The31stAcrossTheYearBoundary", func(t *testing.T) {
		e := w.create(t, "月末の締め", jst(2026, 10, 31, 16, 0), 30, "FREQ=MONTHLY")
		if got := w.dates(t, e.ID, jst(2026, 11, 1, 0, 0), jst(2027, 5, 1, 0, 0)); got != "2026-12-31,2027-01-31,2027-03-31" {
			t.Fatalf("got %s", got)
		}
	})
	t.Run("WeeklyAcrossTheYearBoundary", func(t *testing.T) {
		e := w.create(t, "引き継ぎ書もくもく会", jst(2026, 12, 17, 16, 30), 75, "FREQ=WEEKLY;COUNT=4")
		if got := w.dates(t, e.ID, jst(2026, 12, 1, 0, 0), jst(2027, 3, 1, 0, 0)); got != "2026-12-17,2026-12-24,2026-12-31,2027-01-07" {
			t.Fatalf("got %s", got)
		}
	})
	t.Run("EveryTwoWeeksOnTuesdayAndThursday", func(t *testing.T) {
		e := w.create(t, "隔週の勉強会", jst(2027, 1, 5, 18, 0), 60, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH")
		if got := w.dates(t, e.ID, jst(2027, 1, 1, 0, 0), jst(2027, 2, 15, 0, 0)); got != "2027-01-05,2027-01-07,2027-01-19,2027-01-21,2027-02-02,2027-02-04" {
			t.Fatalf("got %s", got)
		}
		// Asking from the middle of the series gives the same dates.
		if got := w.dates(t, e.ID, jst(2027, 1, 20, 0, 0), jst(2027, 2, 3, 0, 0)); got != "2027-01-21,2027-02-02" {
			t.Fatalf("from the middle: %s", got)
		}
	})
	t.Run("EndingOnADate", func(t *testing.T) {
		// UNTIL is inclusive: the occurrence on 3 March is the last.
		e := w.create(t, "新採フォロー面談", jst(2027, 2, 3, 15, 0), 60, "FREQ=WEEKLY;UNTIL=20270303T060000Z")
		if got := w.dates(t, e.ID, y2027, y2028); got != "2027-02-03,2027-02-10,2027-02-17,2027-02-24,2027-03-03" {
			t.Fatalf("got %s", got)
		}
		stored, _ := w.db.EventByID(as(w.organiser), e.ID)
		if stored.SeriesEnd == nil || !stored.SeriesEnd.Equal(jst(2027, 3, 3, 15, 0)) {
			t.Fatalf("series end %v", stored.SeriesEnd)
		}
	})
	t.Run("EndingAfterACount", func(t *testing.T) {
		e := w.create(t, "全3回の連続講座", jst(2027, 4, 14, 14, 0), 90, "FREQ=MONTHLY;BYDAY=2WE;COUNT=3")
		if got := w.dates(t, e.ID, y2027, y2028); got != "2027-04-14,2027-05-12,2027-06-09" {
			t.Fatalf("got %s", got)
		}
		stored, _ := w.db.EventByID(as(w.organiser), e.ID)
		if stored.SeriesEnd == nil || !stored.SeriesEnd.Equal(jst(2027, 6, 9, 14, 0)) {
			t.Fatalf("series end %v", stored.SeriesEnd)
		}
	})
	t.Run("StartThatIsNotADateOfTheRuleMovesToTheFirstOne", func(t *testing.T) {
		// The form says 毎月第3水曜日 but the start is a Monday.
		e := w.create(t, "第3水曜日の会", jst(2027, 1, 4, 15, 0), 60, "FREQ=MONTHLY;BYDAY=3WE")
		if !e.Start.Equal(jst(2027, 1, 20, 15, 0)) || !e.End.Equal(jst(2027, 1, 20, 16, 0)) {
			t.Fatalf("start %v end %v", e.Start.In(tokyo), e.End.In(tokyo))
		}
	})
}

func TestParseRecurrence(t *testing.T) {
	t.Parallel()
	until := time.Date(2027, 3, 31, 14, 59, 59, 0, time.UTC)
	for rule, want := range map[string]model.Recurrence{
		"FREQ=MONTHLY;BYDAY=3WE":                            {Freq: model.FreqMonthly, Nth: 3, Weekday: time.Wednesday},
		"RRULE:FREQ=MONTHLY;BYDAY=-1FR":                     {Freq: model.FreqMonthly, Nth: -1, Weekday: time.Friday},
		"FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3":                  {Freq: model.FreqMonthly, Nth: 3, Weekday: time.Wednesday},
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,TU":                {Freq: model.FreqWeekly, Interval: 2, Weekdays: []time.Weekday{time.Tuesday, time.Thursday}},
		"FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR":                   {Freq: model.FreqWeekly, Weekdays: []time.Weekday{1, 2, 3, 4, 5}},
		"FREQ=YEARLY;BYMONTH=1;BYDAY=2MO;COUNT=5":           {Freq: model.FreqYearly, Month: time.January, Nth: 2, Weekday: time.Monday, Count: 5},
		"FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270331T145959Z": {Freq: model.FreqMonthly, MonthDay: -1, Until: &until},
		"FREQ=WEEKLY;WKST=SU":                               {Freq: model.FreqWeekly},
	} {
		got, err := model.ParseRecurrence(rule)
		if err != nil {
			t.Fatalf("%s: %v", rule, err)
		}
		if fmt.Sprint(got.RRule()) != fmt.Sprint(want.RRule()) || got.Nth != want.Nth || got.Interval != want.Interval {
			t.Fatalf("%s: got %+v (%s), want %+v (%s)", rule, got, got.RRule(), want, want.RRule())
		}
	}
	for _, rule := range []string{"FREQ=HOURLY", "FREQ=SOMETIMES", "BYDAY=MO", "FREQ=WEEKLY;BYWEEKNO=3", "FREQ=MONTHLY;BYDAY=MO",
		"FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z", "FREQ=MONTHLY;BYDAY=3WE,1MO", "FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;UNTIL=明日",
		"FREQ=YEARLY;BYDAY=2MO", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU", "FREQ=MONTHLY;BYMONTHDAY=32"} {
		_, err := model.ParseRecurrence(rule)
		var e *model.Error
		if model.ErrorCode(err) != model.EINVALID || !errorsAs(err, &e) || e.Field != "rrule" || !strings.HasPrefix(e.Message, "繰り返しの規則を読めません") {
			t.Errorf("%s: %v", rule, err)
		}
	}
	// What the form builds is written the way calendar programs read it.
	until2 := jst(2028, 3, 31, 23, 59)
	for _, c := range []struct {
		r    model.Recurrence
		want string
	}{
		{model.Recurrence{Freq: model.FreqMonthly, Nth: 3, Weekday: time.Wednesday}, "FREQ=MONTHLY;BYDAY=3WE"},
		{model.Recurrence{Freq: model.FreqMonthly, Nth: -1, Weekday: time.Friday, Count: 12}, "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12"},
		{model.Recurrence{Freq: model.FreqWeekly, Interval: 2, Weekdays: []time.Weekday{time.Thursday, time.Tuesday}, Until: &until2}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20280331T145900Z"},
		{model.Recurrence{Freq: model.FreqMonthly, MonthDay: 25}, "FREQ=MONTHLY;BYMONTHDAY=25"},
		{model.Recurrence{Freq: model.FreqYearly}, "FREQ=YEARLY"},
		{model.Recurrence{}, ""},
	} {
		if got := c.r.RRule(); got != c.want {
			t.Errorf("%+v: %s, want %s", c.r, got, c.want)
		}
	}
}

func errorsAs(err error, target **model.Error) bool { return errors.As(err, target) }
