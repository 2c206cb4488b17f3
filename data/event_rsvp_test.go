package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

func attendeeList(as []model.Attendee) string {
	var out []string
	for _, a := range as {
		s := a.Name + ":" + a.Response
		if a.Waitlisted {
			s += "(待)"
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

func TestRSVP(t *testing.T) {
	t.Parallel()
	w := newCalendarWorld(t)
	staff := map[string]*model.Staff{}
	for _, name := range []string{"高野 葵", "石川 結衣", "本宮 健太", "小野 真奈", "鏡石 翔太"} {
		staff[name] = MustCreateStaff(t, w.db, name, koriyama, "総務課")
	}
	// 産休・育休カフェ, 2 seats, every second Friday.
	cafe := &model.Event{CommunityID: w.community.ID, Title: "産休・育休カフェ", Start: jst(2027, 1, 8, 12, 10), End: jst(2027, 1, 8, 12, 50),
		Capacity: 2, RRule: "FREQ=MONTHLY;BYDAY=2FR"}
	if err := w.db.CreateEvent(as(w.organiser), cafe); err != nil {
		t.Fatal(err)
	}
	feb, mar := jst(2027, 2, 12, 12, 10), jst(2027, 3, 12, 12, 10)
	answer := func(name string, at time.Time, response string) bool {
		t.Helper()
		waitlisted, err := w.db.SetRSVP(as(staff[name]), cafe.ID, at, response)
		if err != nil {
			t.Fatal(err)
		}
		return waitlisted
	}
	occurrence := func(name string, at time.Time) model.Occurrence {
		t.Helper()
		os, err := w.db.Occurrences(as(staff[name]), at, at.Add(time.Minute), "")
		if err != nil || len(os) != 1 {
			t.Fatalf("%v %v", os, err)
		}
		return os[0]
	}
	organiserSees := func(at time.Time) string {
		t.Helper()
		list, err := w.db.Attendees(as(w.organiser), cafe.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		return attendeeList(list)
	}

	t.Run("WaitingListInOrderOfAnswer", func(t *testing.T) {
		if answer("高野 葵", feb, model.RSVPYes) || answer("石川 結衣", feb, model.RSVPYes) {
			t.Fatal("waitlisted with seats free")
		}
		if !answer("本宮 健太", feb, model.RSVPYes) || !answer("小野 真奈", feb, model.RSVPYes) {
			t.Fatal("not waitlisted when full")
		}
		answer("鏡石 翔太", feb, model.RSVPMaybe)
		o := occurrence("本宮 健太", feb)
		if o.Going != 2 || o.Waiting != 2 || o.MyResponse != model.RSVPYes || !o.MyWaitlisted {
			t.Fatalf("%+v", o)
		}
		if got := organiserSees(feb); got != "高野 葵:yes,石川 結衣:yes,本宮 健太:yes(待),小野 真奈:yes(待),鏡石 翔太:maybe" {
			t.Fatalf("organiser sees %s", got)
		}
	})
	t.Run("SameAnswerKeepsThePlace", func(t *testing.T) {
		if !answer("小野 真奈", feb, model.RSVPYes) {
			t.Fatal("jumped the queue")
		}
		if got := organiserSees(feb); !strings.Contains(got, "本宮 健太:yes(待),小野 真奈:yes(待)") {
			t.Fatal(got)
		}
	})
	t.Run("CancellingMovesTheFirstWaitingUp", func(t *testing.T) {
		answer("石川 結衣", feb, model.RSVPNo)
		if got := organiserSees(feb); got != "高野 葵:yes,本宮 健太:yes,小野 真奈:yes(待),鏡石 翔太:maybe,石川 結衣:no" {
			t.Fatalf("after a no: %s", got)
		}
		answer("高野 葵", feb, model.RSVPMaybe)
		if got := organiserSees(feb); got != "本宮 健太:yes,小野 真奈:yes,鏡石 翔太:maybe,高野 葵:maybe,石川 結衣:no" {
			t.Fatalf("after a maybe: %s", got)
		}
		// Coming back means the end of the queue.
		if !answer("石川 結衣", feb, model.RSVPYes) {
			t.Fatal("came back ahead of the queue")
		}
	})
	t.Run("PerOccurrenceNotPerSeries", func(t *testing.T) {
		o := occurrence("本宮 健太", mar)
		if o.Going != 0 || o.Waiting != 0 || o.MyResponse != "" {
			t.Fatalf("March has February's answers: %+v", o)
		}
		if answer("本宮 健太", mar, model.RSVPYes) {
			t.Fatal("waitlisted in an empty March")
		}
		mine, err := w.db.MyEvents(as(staff["本宮 健太"]), jst(2027, 1, 1, 0, 0), jst(2027, 12, 1, 0, 0))
		if err != nil || times(mine, false) != "02-12 12:10,03-12 12:10" {
			t.Fatalf("my events %s %v", times(mine, false), err)
		}
		waiting, _ := w.db.MyEvents(as(staff["石川 結衣"]), jst(2027, 1, 1, 0, 0), jst(2027, 12, 1, 0, 0))
		if len(waiting) != 1 || !waiting[0].MyWaitlisted {
			t.Fatalf("waiting list in my events: %+v", waiting)
		}
		if maybe, _ := w.db.MyEvents(as(staff["高野 葵"]), jst(2027, 1, 1, 0, 0), jst(2027, 12, 1, 0, 0)); len(maybe) != 0 {
			t.Fatalf("maybe in my events: %s", times(maybe, false))
		}
	})
	t.Run("OnlyOrganisersSeeNames", func(t *testing.T) {
		list, err := w.db.Attendees(as(staff["本宮 健太"]), cafe.ID, feb)
		if err != nil || attendeeList(list) != "本宮 健太:yes" {
			t.Fatalf("a participant sees %s %v", attendeeList(list), err)
		}
		if o := occurrence("鏡石 翔太", feb); o.Going != 2 || o.Waiting != 1 {
			t.Fatalf("counts for everyone: %+v", o)
		}
	})
	t.Run("LargerCapacityGivesPlaces", func(t *testing.T) {
		e, _ := w.db.EventByID(as(w.organiser), cafe.ID)
		e.Capacity = 3
		if err := w.db.UpdateEvent(as(w.organiser), e); err != nil {
			t.Fatal(err)
		}
		if got := organiserSees(feb); !strings.HasPrefix(got, "本宮 健太:yes,小野 真奈:yes,石川 結衣:yes,") {
			t.Fatalf("after capacity 3: %s", got)
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		_, err := w.db.SetRSVP(as(staff["高野 葵"]), cafe.ID, feb, "たぶん")
		wantCode(t, err, model.EINVALID)
		_, err = w.db.SetRSVP(as(staff["高野 葵"]), cafe.ID, jst(2027, 2, 13, 12, 10), model.RSVPYes)
		wantCode(t, err, model.ENOTFOUND)
		// The clock is at 2027-01-04: January's café is still to come, but
		// one that has ended takes no answers.
		past := &model.Event{CommunityID: w.community.ID, Title: "年末の振り返り", Start: jst(2026, 12, 25, 15, 0), End: jst(2026, 12, 25, 16, 0)}
		if err := w.db.CreateEvent(as(w.organiser), past); err != nil {
			t.Fatal(err)
		}
		_, err = w.db.SetRSVP(as(staff["高野 葵"]), past.ID, past.Start, model.RSVPYes)
		wantCode(t, err, model.ECONFLICT)
		_, err = w.db.SetRSVP(contextWithNobody(), cafe.ID, feb, model.RSVPYes)
		wantCode(t, err, model.EFORBIDDEN)
	})
}

func contextWithNobody() context.Context { return context.Background() }
