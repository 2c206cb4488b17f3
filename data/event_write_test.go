package data_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
	"hiroba/recur"
)

// times lists occurrences as "01-02 15:04" in Tokyo, with the event's
// place when asked.
func times(os []model.Occurrence, withPlace bool) string {
	var out []string
	for _, o := range os {
		s := o.Start.In(tokyo).Format("01-02 15:04")
		if withPlace {
			s += " " + o.Event.Place
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

func TestEventValidation(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	ctx := as(w.organiser)
	good := func() *model.Event {
		return &model.Event{CommunityID: w.community.ID, Title: "相談タイム", Start: jst(2027, 1, 20, 15, 0), End: jst(2027, 1, 20, 16, 0), RRule: "FREQ=MONTHLY;BYDAY=3WE"}
	}
	for name, c := range map[string]struct {
		change  func(e *model.Event)
		field   string
		message string
	}{
		"EmptyTitle":        {func(e *model.Event) { e.Title = " \x1b\x07\u202e " }, "title", "入力してください"},
		"EndBeforeStart":    {func(e *model.Event) { e.End = jst(2027, 1, 20, 14, 0) }, "end", "終了 (2027-01-20 14:00) が開始 (2027-01-20 15:00) より前です"},
		"RuleWithoutDate":   {func(e *model.Event) { e.RRule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }, "rrule", "この繰り返しでは、開始日 2027-01-20 以降に一度も日付がありません"},
		"UntilBeforeStart":  {func(e *model.Event) { e.RRule = "FREQ=WEEKLY;UNTIL=20261231T000000Z" }, "rrule", "一度も日付がありません"},
		"UnparseableRule":   {func(e *model.Event) { e.RRule = "FREQ=SOMETIMES" }, "rrule", "FREQ=SOMETIMES は使えません"},
		"NegativeCapacity":  {func(e *model.Event) { e.Capacity = -1 }, "capacity", "定員は 0 以上にしてください"},
		"LongDescription":   {func(e *model.Event) { e.Description = strings.Repeat("あ", 100001) }, "description", "長すぎます (100000 文字まで、いまは 100001 文字)"},
		"NotAnURL":          {func(e *model.Event) { e.OnlineURL = "javascript:alert(1)" }, "online_url", "https://"},
		"NoCommunity":       {func(e *model.Event) { e.CommunityID = "" }, "community", "コミュニティを選んでください"},
		"UnknownTimeZone":   {func(e *model.Event) { e.TimeZone = "Asia/Koriyama" }, "timezone", "タイムゾーン Asia/Koriyama は使えません"},
		"IntervalTooLarge":  {func(e *model.Event) { e.RRule = "FREQ=WEEKLY;INTERVAL=1000001" }, "rrule", "INTERVAL=1000001 は使えません"},
		"NoStart":           {func(e *model.Event) { e.Start, e.End = time.Time{}, time.Time{} }, "start", "開始日時を入れてください"},
		"RuleOutsideSubset": {func(e *model.Event) { e.RRule = "FREQ=MINUTELY" }, "rrule", "FREQ=MINUTELY には対応していません"},
	} {
		t.Run(name, func(t *testing.T) {
			e := good()
			c.change(e)
			err := w.db.CreateEvent(ctx, e)
			var me *model.Error
			if !errorsAs(err, &me) || me.Code != model.EINVALID || me.Field != c.field || !strings.Contains(me.Message, c.message) || me.Key == "" {
				t.Fatalf("got %#v, want field %s with %q", me, c.field, c.message)
			}
			if n := MustQueryInt(t, w.db, `SELECT count(*) FROM events`); n != 0 {
				t.Fatalf("%d events saved", n)
			}
		})
	}
	t.Run("AbsurdCountStopsAtTheLimit", func(t *testing.T) {
		e := good()
		e.RRule = "FREQ=DAILY;COUNT=1073741824"
		if err := w.db.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.SeriesEnd == nil || !e.SeriesEnd.Equal(e.Start.AddDate(0, 0, recur.MaxCount-1)) {
			t.Fatalf("series end %v", e.SeriesEnd)
		}
		MustExec(t, w.db, `DELETE FROM events`)
	})
	t.Run("OK", func(t *testing.T) {
		e := good()
		e.Title = "相談タイム\x1b]52;c;ZXZpbA==\x07（毎月第3水曜日）"
		e.Description = "業務の不明点、なんでもどうぞ。\u202e"
		if err := w.db.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.ID == "" || !strings.HasSuffix(e.UID, "@hiroba") || e.CreatedBy != w.organiser.ID || e.OrganiserName != "安積 花子" ||
			e.CommunityName != "聞きにくいことを聞ける場所" || !e.CanEdit || e.TimeZone != "Asia/Tokyo" {
			t.Fatalf("%+v", e)
		}
		if strings.ContainsAny(e.Title+e.Description, "\x1b\x07\u202e") {
			t.Fatalf("control characters kept: %q %q", e.Title, e.Description)
		}
	})
}

func TestEventPermissions(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	member := MustCreateStaff(t, w.db, "須賀川 次郎", sukagawa, "総務課")
	creator := MustCreateStaff(t, w.db, "田村 三郎", koriyama, "財政課")
	outsider := MustCreateStaff(t, w.db, "三春 一郎", miharu, "企画課")
	for _, s := range []*model.Staff{member, creator} {
		if err := w.db.Join(as(s), w.community.ID); err != nil {
			t.Fatal(err)
		}
	}
	start := jst(2027, 2, 10, 17, 30)
	e := &model.Event{CommunityID: w.community.ID, Title: "座談会「税務部ってどんなところ？」", Start: start, End: start.Add(time.Hour)}

	t.Run("NonMemberCannotCreate", func(t *testing.T) {
		err := w.db.CreateEvent(as(outsider), &model.Event{CommunityID: w.community.ID, Title: "勝手な会", Start: start, End: start.Add(time.Hour)})
		wantCode(t, err, model.EFORBIDDEN)
		if !strings.Contains(model.ErrorMessage(err), "参加者だけ") {
			t.Fatal(err)
		}
		wantCode(t, w.db.CreateEvent(context.Background(), &model.Event{CommunityID: w.community.ID, Title: "名無し", Start: start, End: start}), model.EFORBIDDEN)
	})
	t.Run("MemberCreates", func(t *testing.T) {
		if err := w.db.CreateEvent(as(creator), e); err != nil {
			t.Fatal(err)
		}
		if e.OrganiserID != creator.ID || !e.CanEdit {
			t.Fatalf("%+v", e)
		}
	})
	t.Run("OtherMemberCannotEdit", func(t *testing.T) {
		other, err := w.db.EventByID(as(member), e.ID)
		if err != nil || other.CanEdit {
			t.Fatalf("%+v %v", other, err)
		}
		changed := *other
		changed.Title = "乗っ取り"
		wantCode(t, w.db.UpdateEvent(as(member), &changed), model.EFORBIDDEN)
		_, err = w.db.UpdateFollowing(as(member), &changed, start)
		wantCode(t, err, model.EFORBIDDEN)
		wantCode(t, w.db.MoveOccurrence(as(member), e.ID, start, start.Add(time.Hour), start.Add(2*time.Hour)), model.EFORBIDDEN)
		wantCode(t, w.db.CancelOccurrence(as(member), e.ID, start), model.EFORBIDDEN)
		err = w.db.CancelEvent(as(member), e.ID)
		wantCode(t, err, model.EFORBIDDEN)
		if !strings.Contains(model.ErrorMessage(err), "作った人とコミュニティの世話役だけ") {
			t.Fatal(err)
		}
		if got, _ := w.db.EventByID(as(w.organiser), e.ID); got.Title != "座談会「税務部ってどんなところ？」" || got.Cancelled {
			t.Fatalf("changed: %+v", got)
		}
	})
	t.Run("CreatorAndOrganiserEdit", func(t *testing.T) {
		for _, s := range []*model.Staff{creator, w.organiser} {
			mine, err := w.db.EventByID(as(s), e.ID)
			if err != nil || !mine.CanEdit {
				t.Fatalf("%s: %+v %v", s.Name, mine, err)
			}
			mine.Place = s.Name + "の会議室"
			if err := w.db.UpdateEvent(as(s), mine); err != nil {
				t.Fatal(err)
			}
		}
		got, _ := w.db.EventByID(as(member), e.ID)
		if got.Place != "安積 花子の会議室" {
			t.Fatalf("place %q", got.Place)
		}
	})
	t.Run("MembersOnlyInvisibleInEveryPath", func(t *testing.T) {
		secret := MustCreateCommunity(t, w.db, as(w.organiser), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
		hidden := &model.Event{CommunityID: secret.ID, Title: "異動内示後の相談会", Start: jst(2027, 3, 18, 18, 0), End: jst(2027, 3, 18, 19, 0), Capacity: 5}
		if err := w.db.CreateEvent(as(w.organiser), hidden); err != nil {
			t.Fatal(err)
		}
		ctx := as(outsider)
		err := w.db.CreateEvent(ctx, &model.Event{CommunityID: secret.ID, Title: "覗き見", Start: start, End: start})
		wantCode(t, err, model.ENOTFOUND)
		_, err = w.db.EventByID(ctx, hidden.ID)
		wantCode(t, err, model.ENOTFOUND)
		_, err = w.db.SetRSVP(ctx, hidden.ID, hidden.Start, model.RSVPYes)
		wantCode(t, err, model.ENOTFOUND)
		_, err = w.db.Attendees(ctx, hidden.ID, hidden.Start)
		wantCode(t, err, model.ENOTFOUND)
		wantCode(t, w.db.CancelEvent(ctx, hidden.ID), model.ENOTFOUND)
		for _, c := range []string{"", secret.ID} {
			os, err := w.db.Occurrences(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), c)
			if err != nil || len(os) != 0 {
				t.Fatalf("occurrences %q: %s %v", c, times(os, false), err)
			}
			days, err := w.db.OccurrenceDays(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), c)
			if err != nil || len(days) != 0 {
				t.Fatalf("days %q: %v %v", c, days, err)
			}
		}
		os, _ := w.db.Occurrences(as(w.organiser), jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), secret.ID)
		if times(os, false) != "03-18 18:00" {
			t.Fatalf("member sees %s", times(os, false))
		}
	})
}

func TestCancelAndMoveOccurrence(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	ctx := as(w.organiser)
	e := w.create(t, "相談タイム（毎月第3水曜日）", jst(2027, 1, 20, 15, 0), 60, "FREQ=MONTHLY;BYDAY=3WE")
	spring := func() []model.Occurrence {
		t.Helper()
		os, err := w.db.Occurrences(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 7, 1, 0, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		return os
	}
	if got := times(spring(), false); got != "03-17 15:00,04-21 15:00,05-19 15:00,06-16 15:00" {
		t.Fatalf("before: %s", got)
	}
	t.Run("CancelOne", func(t *testing.T) {
		if err := w.db.CancelOccurrence(ctx, e.ID, jst(2027, 4, 21, 15, 0)); err != nil {
			t.Fatal(err)
		}
		if got := times(spring(), false); got != "03-17 15:00,05-19 15:00,06-16 15:00" {
			t.Fatalf("got %s", got)
		}
		_, err := w.db.SetRSVP(ctx, e.ID, jst(2027, 4, 21, 15, 0), model.RSVPYes)
		wantCode(t, err, model.ECONFLICT)
	})
	t.Run("MoveOne", func(t *testing.T) {
		// The May meeting moves to Friday 21 May, 10:00-11:30.
		if _, err := w.db.SetRSVP(ctx, e.ID, jst(2027, 5, 19, 15, 0), model.RSVPYes); err != nil {
			t.Fatal(err)
		}
		if err := w.db.MoveOccurrence(ctx, e.ID, jst(2027, 5, 19, 15, 0), jst(2027, 5, 21, 10, 0), jst(2027, 5, 21, 11, 30)); err != nil {
			t.Fatal(err)
		}
		os := spring()
		if got := times(os, false); got != "03-17 15:00,05-21 10:00,06-16 15:00" {
			t.Fatalf("got %s", got)
		}
		moved := os[1]
		if !moved.Moved || !moved.OriginalStart.Equal(jst(2027, 5, 19, 15, 0)) || !moved.End.Equal(jst(2027, 5, 21, 11, 30)) ||
			moved.Going != 1 || moved.MyResponse != model.RSVPYes || os[0].Moved || !os[0].OriginalStart.Equal(os[0].Start) {
			t.Fatalf("moved %+v, other %+v", moved, os[0])
		}
		days, err := w.db.OccurrenceDays(ctx, jst(2027, 5, 1, 0, 0), jst(2027, 6, 1, 0, 0), "")
		if err != nil || fmt.Sprint(days) != "map[2027-05-21:1]" {
			t.Fatalf("days %v %v", days, err)
		}
		// Moving into another month shows there, and not at the old date.
		if err := w.db.MoveOccurrence(ctx, e.ID, jst(2027, 6, 16, 15, 0), jst(2027, 7, 1, 15, 0), jst(2027, 7, 1, 16, 0)); err != nil {
			t.Fatal(err)
		}
		july, _ := w.db.Occurrences(ctx, jst(2027, 7, 1, 0, 0), jst(2027, 8, 1, 0, 0), "")
		if got := times(july, false); got != "07-01 15:00,07-21 15:00" {
			t.Fatalf("july %s", got)
		}
		if got := times(spring(), false); got != "03-17 15:00,05-21 10:00" {
			t.Fatalf("spring %s", got)
		}
	})
	t.Run("NoSuchOccurrence", func(t *testing.T) {
		err := w.db.MoveOccurrence(ctx, e.ID, jst(2027, 3, 18, 15, 0), jst(2027, 3, 19, 15, 0), jst(2027, 3, 19, 16, 0))
		wantCode(t, err, model.ENOTFOUND)
		err = w.db.MoveOccurrence(ctx, e.ID, jst(2027, 3, 17, 15, 0), jst(2027, 3, 19, 15, 0), jst(2027, 3, 19, 14, 0))
		wantCode(t, err, model.EINVALID)
		wantCode(t, w.db.CancelOccurrence(ctx, e.ID, jst(2027, 3, 16, 15, 0)), model.ENOTFOUND)
	})
	t.Run("CancelEvent", func(t *testing.T) {
		if err := w.db.CancelEvent(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		if os := spring(); len(os) != 0 {
			t.Fatalf("cancelled event still shows %s", times(os, false))
		}
		got, err := w.db.EventByID(ctx, e.ID)
		if err != nil || !got.Cancelled {
			t.Fatalf("%+v %v", got, err)
		}
		wantCode(t, w.db.CancelOccurrence(ctx, e.ID, jst(2027, 3, 17, 15, 0)), model.ECONFLICT)
	})
}

func TestUpdateSeries(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	ctx := as(w.organiser)
	aoi := MustCreateStaff(t, w.db, "高野 葵", koriyama, "財政課")
	year := func() string {
		t.Helper()
		os, err := w.db.Occurrences(ctx, jst(2027, 1, 1, 0, 0), jst(2028, 1, 1, 0, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		return times(os, true)
	}

	t.Run("ThisAndFollowing", func(t *testing.T) {
		e := w.create(t, "相談タイム（毎月第3水曜日）", jst(2027, 1, 20, 15, 0), 60, "FREQ=MONTHLY;BYDAY=3WE;COUNT=6")
		for _, d := range []time.Time{jst(2027, 3, 17, 15, 0), jst(2027, 5, 19, 15, 0)} {
			if _, err := w.db.SetRSVP(as(aoi), e.ID, d, model.RSVPYes); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.db.CancelOccurrence(ctx, e.ID, jst(2027, 6, 16, 15, 0)); err != nil {
			t.Fatal(err)
		}
		// From April on: 16:00 in another room.
		next, _ := w.db.EventByID(ctx, e.ID)
		next.Start, next.End = jst(2027, 4, 21, 16, 0), jst(2027, 4, 21, 17, 0)
		next.Place = "第2会議室"
		id, err := w.db.UpdateFollowing(ctx, next, jst(2027, 4, 21, 15, 0))
		if err != nil {
			t.Fatal(err)
		}
		if id == e.ID || next.ID != id || next.UID == e.UID {
			t.Fatalf("new series %s (%s), old %s", id, next.UID, e.ID)
		}
		want := "01-20 15:00 郡山市役所 本庁舎3階 第1会議室,02-17 15:00 郡山市役所 本庁舎3階 第1会議室,03-17 15:00 郡山市役所 本庁舎3階 第1会議室," +
			"04-21 16:00 第2会議室,05-19 16:00 第2会議室"
		if got := year(); got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
		old, _ := w.db.EventByID(ctx, e.ID)
		if old.SeriesEnd == nil || !old.SeriesEnd.Equal(jst(2027, 3, 17, 15, 0)) || !strings.Contains(old.RRule, "UNTIL=") || next.RRule != "FREQ=MONTHLY;BYDAY=3WE;COUNT=3" {
			t.Fatalf("old %s %v, new %s", old.RRule, old.SeriesEnd, next.RRule)
		}
		// The answers went with their occurrences.
		mine, err := w.db.MyEvents(as(aoi), jst(2027, 1, 1, 0, 0), jst(2028, 1, 1, 0, 0))
		if err != nil || times(mine, true) != "03-17 15:00 郡山市役所 本庁舎3階 第1会議室,05-19 16:00 第2会議室" || mine[1].Event.ID != id {
			t.Fatalf("my events %s %v", times(mine, true), err)
		}
		for _, id := range []string{id, e.ID} {
			if err := w.db.CancelEvent(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Run("WholeSeries", func(t *testing.T) {
		e := w.create(t, "庶務担当者の会", jst(2027, 1, 28, 15, 30), 30, "FREQ=MONTHLY;BYDAY=4TH")
		if _, err := w.db.SetRSVP(as(aoi), e.ID, jst(2027, 2, 25, 15, 30), model.RSVPYes); err != nil {
			t.Fatal(err)
		}
		e.Start, e.End = jst(2027, 1, 28, 14, 0), jst(2027, 1, 28, 15, 0)
		if err := w.db.UpdateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		os, _ := w.db.Occurrences(as(aoi), jst(2027, 2, 1, 0, 0), jst(2027, 3, 1, 0, 0), "")
		if times(os, false) != "02-25 14:00" || os[0].MyResponse != model.RSVPYes || os[0].Going != 1 {
			t.Fatalf("%s %+v", times(os, false), os)
		}
		// Every other month: February is no longer a date, and its answer
		// goes.
		e.RRule = "FREQ=MONTHLY;INTERVAL=2;BYDAY=4TH"
		if err := w.db.UpdateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		if n := MustQueryInt(t, w.db, `SELECT count(*) FROM rsvps WHERE event_id = ?`, e.ID); n != 0 {
			t.Fatalf("%d answers to dates that no longer exist", n)
		}
	})
}

// TestOccurrenceDays checks the grid's counts against the agenda's
// occurrences, day by day, with events over several days, all-day events,
// events ending at midnight, and moved and cancelled occurrences.
func TestOccurrenceDays(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	ctx := as(w.organiser)
	w.create(t, "相談タイム", jst(2027, 1, 20, 15, 0), 60, "FREQ=MONTHLY;BYDAY=3WE")
	study := w.create(t, "隔週の勉強会", jst(2027, 1, 5, 18, 0), 60, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH")
	w.create(t, "防災週間の展示", jst(2027, 2, 27, 9, 0), 60*24*4+8*60, "")
	allDay := &model.Event{CommunityID: w.community.ID, Title: "予算要求 締切", Start: jst(2027, 3, 10, 0, 0), End: jst(2027, 3, 11, 0, 0), AllDay: true}
	if err := w.db.CreateEvent(ctx, allDay); err != nil {
		t.Fatal(err)
	}
	w.create(t, "夜間の訓練", jst(2027, 3, 24, 21, 0), 180, "")
	w.create(t, "月末の締め切り", jst(2027, 3, 31, 23, 0), 60, "")
	if err := w.db.CancelOccurrence(ctx, study.ID, jst(2027, 3, 16, 18, 0)); err != nil {
		t.Fatal(err)
	}
	if err := w.db.MoveOccurrence(ctx, study.ID, jst(2027, 3, 18, 18, 0), jst(2027, 3, 19, 18, 0), jst(2027, 3, 19, 19, 0)); err != nil {
		t.Fatal(err)
	}
	from, to := jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0)
	days, err := w.db.OccurrenceDays(ctx, from, to, "")
	if err != nil {
		t.Fatal(err)
	}
	os, err := w.db.Occurrences(ctx, from, to, "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, o := range os {
		for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
			if o.Start.Before(d.AddDate(0, 0, 1)) && o.End.After(d) {
				want[d.Format("2006-01-02")]++
			}
		}
	}
	if fmt.Sprint(days) != fmt.Sprint(want) {
		t.Fatalf("grid   %v\nagenda %v", days, want)
	}
	for day, n := range map[string]int{"2027-03-01": 1, "2027-03-02": 2, "2027-03-03": 1, "2027-03-04": 1, "2027-03-10": 1, "2027-03-11": 0, "2027-03-16": 0, "2027-03-19": 1, "2027-03-24": 1, "2027-03-25": 0, "2027-03-31": 1} {
		if days[day] != n {
			t.Errorf("%s: %d, want %d (%v)", day, days[day], n, days)
		}
	}
}

// TestSeriesChangedElsewhere: every event is kept in memory between
// queries (see calendar_index.go); a change made through another
// connection to the same file, by a process whose clock is behind, must
// still be seen at once.
func TestSeriesChangedElsewhere(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	ctx := as(w.organiser)
	other, err := data.Open(w.db.Path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tick(other, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)) // half a year behind
	e := w.create(t, "相談タイム", jst(2027, 1, 20, 15, 0), 60, "FREQ=MONTHLY;BYDAY=3WE")
	march := func() string {
		t.Helper()
		os, err := w.db.Occurrences(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		days, err := w.db.OccurrenceDays(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		return times(os, false) + " " + fmt.Sprint(days)
	}
	if got := march(); got != "03-17 15:00 map[2027-03-17:1]" {
		t.Fatal(got)
	}
	changed, _ := other.EventByID(ctx, e.ID)
	changed.RRule = "FREQ=MONTHLY;BYDAY=-1FR"
	changed.Start, changed.End = jst(2027, 1, 29, 15, 0), jst(2027, 1, 29, 16, 0)
	if err := other.UpdateEvent(ctx, changed); err != nil {
		t.Fatal(err)
	}
	if got := march(); got != "03-26 15:00 map[2027-03-26:1]" {
		t.Fatalf("after an edit elsewhere: %s", got)
	}
	second := &model.Event{CommunityID: w.community.ID, Title: "隔週の勉強会", Start: jst(2027, 3, 2, 18, 0), End: jst(2027, 3, 2, 19, 0), RRule: "FREQ=WEEKLY;INTERVAL=2"}
	if err := other.CreateEvent(ctx, second); err != nil {
		t.Fatal(err)
	}
	if got := march(); got != "03-02 18:00,03-16 18:00,03-26 15:00,03-30 18:00 map[2027-03-02:1 2027-03-16:1 2027-03-26:1 2027-03-30:1]" {
		t.Fatalf("after a new series elsewhere: %s", got)
	}
	if err := other.CancelEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if got := march(); got != "03-02 18:00,03-16 18:00,03-30 18:00 map[2027-03-02:1 2027-03-16:1 2027-03-30:1]" {
		t.Fatalf("after a cancel elsewhere: %s", got)
	}
	if err := other.CancelOccurrence(ctx, second.ID, jst(2027, 3, 16, 18, 0)); err != nil {
		t.Fatal(err)
	}
	oneOff := &model.Event{CommunityID: w.community.ID, Title: "年度末の交流会", Start: jst(2027, 3, 25, 18, 0), End: jst(2027, 3, 25, 20, 0)}
	if err := other.CreateEvent(ctx, oneOff); err != nil {
		t.Fatal(err)
	}
	if got := march(); got != "03-02 18:00,03-25 18:00,03-30 18:00 map[2027-03-02:1 2027-03-25:1 2027-03-30:1]" {
		t.Fatalf("after a cancelled occurrence and a new event elsewhere: %s", got)
	}
}

// TestCalendarAccessChangedElsewhere: who may see a members-only
// community's events is kept between queries too; joining it through
// another connection shows them at once.
func TestCalendarAccessChangedElsewhere(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	closed := MustCreateCommunity(t, w.db, as(w.organiser), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
	e := &model.Event{CommunityID: closed.ID, Title: "異動前夜の茶話会", Start: jst(2027, 3, 12, 18, 0), End: jst(2027, 3, 12, 19, 0)}
	if err := w.db.CreateEvent(as(w.organiser), e); err != nil {
		t.Fatal(err)
	}
	reader := MustCreateStaff(t, w.db, "三春 一郎", miharu, "企画課")
	march := func() int {
		t.Helper()
		days, err := w.db.OccurrenceDays(as(reader), jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		return days["2027-03-12"]
	}
	if n := march(); n != 0 {
		t.Fatalf("a non-member counts %d events of a members-only community", n)
	}
	other, err := data.Open(w.db.Path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	MustExec(t, other, `INSERT INTO memberships (community_id, staff_id, role, joined_at) VALUES (?, ?, 'member', ?)`,
		closed.ID, reader.ID, data.FormatTime(other.Now()))
	if n := march(); n != 1 {
		t.Fatalf("after joining elsewhere: %d events, want 1", n)
	}
}

// TestAgendaPerDay: the agenda reads the details of the first events of
// each day only, and says how many each day has.
func TestAgendaPerDay(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	ctx := as(w.organiser)
	for h := 9; h < 17; h++ {
		w.create(t, fmt.Sprintf("%d時の相談", h), jst(2027, 3, 3, h, 0), 30, "")
	}
	w.create(t, "二日がかりの研修", jst(2027, 3, 3, 20, 0), 60*16, "")
	w.create(t, "朝の体操", jst(2027, 3, 4, 8, 0), 10, "FREQ=DAILY;COUNT=3")
	os, counts, err := w.db.Agenda(ctx, jst(2027, 3, 3, 0, 0), jst(2027, 3, 6, 0, 0), 3, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "03-03 09:00,03-03 10:00,03-03 11:00,03-03 20:00,03-04 08:00,03-05 08:00"
	if got := times(os, false); got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	if fmt.Sprint(counts) != "map[2027-03-03:9 2027-03-04:2 2027-03-05:1]" {
		t.Fatalf("counts %v", counts)
	}
	all, _, err := w.db.Agenda(ctx, jst(2027, 3, 3, 0, 0), jst(2027, 3, 6, 0, 0), 0, "")
	if err != nil || len(all) != 11 {
		t.Fatalf("every occurrence: %d, %v", len(all), err)
	}
}

// TestCalendarReadersShareTheIndex: the sessions of a server read the
// calendar at once while someone creates events; each read sees a
// consistent count (run with -race).
func TestCalendarReadersShareTheIndex(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	ctx := as(w.organiser)
	w.create(t, "相談タイム", jst(2027, 1, 20, 15, 0), 60, "FREQ=MONTHLY;BYDAY=3WE")
	from, to := jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				os, counts, err := w.db.Agenda(ctx, from, to, 2, "")
				if err != nil {
					errs <- err
					return
				}
				total := 0
				for _, n := range counts {
					total += n
				}
				if len(os) == 0 || total < len(os) {
					errs <- fmt.Errorf("%d occurrences shown of %d counted", len(os), total)
					return
				}
			}
		}()
	}
	for i := 0; i < 10; i++ {
		w.create(t, fmt.Sprintf("勉強会%d", i), jst(2027, 3, 2+i, 18, 0), 60, "")
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	days, err := w.db.OccurrenceDays(ctx, from, to, "")
	if err != nil || len(days) != 11 {
		t.Fatalf("after the writes: %v, %v", days, err)
	}
}
