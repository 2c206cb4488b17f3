package data_test

import (
	"testing"

	"hiroba/model"
)

// A date of a series cancelled on its own and a cancelled one-off event
// stay known for a day's list to show as 中止; a series cancelled whole
// does not fill every later week with them; a members-only community's
// stay its members'.
func TestCancelledOccurrences(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	outsider := MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	open := MustCreateCommunity(t, db, as(hanako), "聞きにくいことを聞ける場所", model.CategoryConsultation, "", model.VisibilityOpen)
	secret := MustCreateCommunity(t, db, as(hanako), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
	ctx := as(hanako)
	weekly := MustCreateEvent(t, db, open.ID, hanako, "週例ミーティング", jst(2027, 4, 2, 15, 0), jst(2027, 4, 2, 16, 0), "FREQ=WEEKLY", nil)
	once := MustCreateEvent(t, db, open.ID, hanako, "決算説明会", jst(2027, 4, 14, 10, 0), jst(2027, 4, 14, 12, 0), "", nil)
	gone := MustCreateEvent(t, db, open.ID, hanako, "朝の勉強会", jst(2027, 4, 5, 8, 0), jst(2027, 4, 5, 8, 30), "FREQ=DAILY", nil)
	hidden := MustCreateEvent(t, db, secret.ID, hanako, "本音の会", jst(2027, 4, 20, 18, 0), jst(2027, 4, 20, 19, 0), "", nil)
	for _, err := range []error{
		db.CancelOccurrence(ctx, weekly, jst(2027, 4, 9, 15, 0)),
		db.CancelOccurrence(ctx, once, jst(2027, 4, 14, 10, 0)),
		db.CancelEvent(ctx, gone),
		db.CancelEvent(ctx, hidden),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	april := func(viewer *model.Staff) []model.Occurrence {
		t.Helper()
		os, err := db.CancelledOccurrences(as(viewer), jst(2027, 4, 1, 0, 0), jst(2027, 5, 1, 0, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		return os
	}
	os := april(hanako)
	if got := occurrenceDates(os); got != "04-09,04-14,04-20" {
		t.Fatalf("cancelled in April: %s", got)
	}
	if os[0].Event.ID != weekly || os[0].Event.Title != "週例ミーティング" || os[0].End.Sub(os[0].Start).Minutes() != 60 || !os[0].Event.CanEdit {
		t.Errorf("the cancelled date of the series: %+v %v-%v", os[0].Event, os[0].Start, os[0].End)
	}
	if os[1].Event.ID != once || os[1].Event.CommunityName != "聞きにくいことを聞ける場所" {
		t.Errorf("the cancelled one-off: %+v", os[1].Event)
	}
	if got := occurrenceDates(april(outsider)); got != "04-09,04-14" {
		t.Errorf("an outsider sees %s", got)
	}
	// The window holds what overlaps it, as Occurrences does.
	day, err := db.CancelledOccurrences(ctx, jst(2027, 4, 9, 0, 0), jst(2027, 4, 10, 0, 0), open.ID)
	if err != nil || occurrenceDates(day) != "04-09" {
		t.Errorf("9 April: %s %v", occurrenceDates(day), err)
	}
}
