package data_test

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

// exchangeMeeting is 鈴木 健's 広域圏 20%ルール交流会, from 21 April 2027
// at 15:00 for 90 minutes, monthly on the third Wednesday when rule says
// so, in a community of his; forOccurrence is a plan to go to the
// occurrence at.
func (w *activityWorld) exchangeMeeting(t *testing.T, rule string) (event, community string, forOccurrence func(at time.Time) *model.Plan) {
	t.Helper()
	com := MustCreateCommunity(t, w.db, as(w.ken), "広域圏 交流の会", model.CategoryLocal, "", model.VisibilityOpen)
	start := time.Date(2027, 4, 21, 15, 0, 0, 0, tokyo)
	event = MustCreateEvent(t, w.db, com.ID, w.ken, "広域圏 20%ルール交流会", start, start.Add(90*time.Minute), rule, nil)
	return event, com.ID, func(at time.Time) *model.Plan {
		at = at.UTC()
		return &model.Plan{Target: model.PlanTarget{Kind: model.TargetEvent, ID: event, OccurrenceStart: &at}, Purpose: "他の自治体の取り組みを知るため", Minutes: 90}
	}
}

// planNews is s's inbox news of plans, by plan.
func (w *activityWorld) planNews(t *testing.T, s *model.Staff) map[string]model.InboxItem {
	t.Helper()
	items, err := w.db.Inbox(as(s), 50)
	must(t, err)
	out := map[string]model.InboxItem{}
	for _, it := range items {
		if it.Kind == model.InboxPlan {
			out[it.PlanID] = it
		}
	}
	return out
}

// When the event occurrence a plan is for is cancelled, the plan is
// withdrawn (it no longer takes any of the cap), its history says why,
// and both its author and the supervisor who approved it find it in
// their inbox; whoever cancelled is not told what they did. Plans for
// other occurrences, and for days already past, stay as they were.
func TestPlansOfACancelledOccurrence(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	series, _, forOccurrence := w.exchangeMeeting(t, "FREQ=MONTHLY;BYDAY=3WE")
	start := time.Date(2027, 4, 21, 15, 0, 0, 0, tokyo)
	april := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(start))
	may := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(start.AddDate(0, 0, 28)))
	june := w.mustSubmit(t, w.aoi, forOccurrence(start.AddDate(0, 0, 56)))
	july := w.mustApprove(t, w.aoi, w.hosa, forOccurrence(time.Date(2027, 7, 21, 15, 0, 0, 0, tokyo)))
	for _, s := range []*model.Staff{w.aoi, w.kacho, w.hosa} {
		for _, p := range []*model.Plan{april, may, june, july} {
			if err := db.MarkPlanRead(as(s), p.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	news := func(s *model.Staff) map[string]model.InboxItem { return w.planNews(t, s) }
	state := func(p *model.Plan) model.PlanState { return w.plan(t, as(w.aoi), p.ID).State }

	must(t, db.CancelOccurrence(as(w.ken), series, start.AddDate(0, 0, 28)))
	t.Run("OneOccurrence", func(t *testing.T) {
		if got := w.plan(t, as(w.aoi), may.ID); got.State != model.PlanWithdrawn ||
			got.History[len(got.History)-1].Kind != model.ActCancel || got.History[len(got.History)-1].ActorName != w.ken.Name {
			t.Fatalf("the May plan %s, history %+v", got.State, got.History)
		}
		if state(april) != model.PlanApproved || state(june) != model.PlanSubmitted || state(july) != model.PlanApproved {
			t.Fatal("plans of other occurrences changed")
		}
		if it, ok := news(w.aoi)[may.ID]; !ok || it.PlanEvent != string(model.ActCancel) || it.AuthorName != w.ken.Name {
			t.Errorf("the author's inbox %+v", news(w.aoi))
		}
		if it, ok := news(w.kacho)[may.ID]; !ok || it.PlanEvent != string(model.ActCancel) || it.AuthorName != w.aoi.Name {
			t.Errorf("the inbox of the supervisor who approved it %+v", news(w.kacho))
		}
		if _, ok := news(w.hosa)[may.ID]; ok {
			t.Error("a supervisor who did not approve it is told")
		}
		l, err := db.Ledger(as(w.aoi), "", model.Date(2027, 5, 10))
		must(t, err)
		if l.Month.Approved != 0 || l.Month.Waiting != 0 {
			t.Errorf("May still counts the withdrawn plan: %+v", l.Month)
		}
		must(t, db.MarkPlanRead(as(w.kacho), may.ID))
		if _, ok := news(w.kacho)[may.ID]; ok {
			t.Error("read news stays")
		}
	})

	// From June on: a plan waiting and one approved by the other
	// supervisor; the plans' author cancels them herself, as the one who
	// now looks after the event.
	MustExec(t, db, `UPDATE events SET created_by = ? WHERE id = ?`, w.aoi.ID, series)
	must(t, db.CancelFollowing(as(w.aoi), series, start.AddDate(0, 0, 56)))
	t.Run("ThisAndFollowing", func(t *testing.T) {
		if state(june) != model.PlanWithdrawn || state(july) != model.PlanWithdrawn || state(april) != model.PlanApproved {
			t.Fatalf("states %s %s %s", state(april), state(june), state(july))
		}
		if _, ok := news(w.aoi)[july.ID]; ok {
			t.Error("the author is told of her own cancellation")
		}
		if _, ok := news(w.hosa)[july.ID]; !ok {
			t.Errorf("the supervisor who approved the July plan is not told: %+v", news(w.hosa))
		}
		if _, ok := news(w.kacho)[june.ID]; ok {
			t.Error("a supervisor is told of a plan nobody had decided")
		}
	})

	// The April meeting took place; cancelling the whole series the next
	// day leaves its plan approved, for the hours to be recorded.
	w.clock.set(model.Date(2027, 4, 22))
	must(t, db.CancelEvent(as(w.ken), series))
	t.Run("PastOccurrences", func(t *testing.T) {
		if state(april) != model.PlanApproved {
			t.Fatalf("the April plan is %s", state(april))
		}
		must(t, db.RecordHours(as(w.aoi), april.ID, 90))
	})
}

// A calendar file that says an event is CANCELLED withdraws its plans as
// cancelling it in hiroba does.
func TestPlansOfAnEventCancelledByACalendarFile(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	ev, com, forOccurrence := w.exchangeMeeting(t, "")
	p := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(time.Date(2027, 4, 21, 15, 0, 0, 0, tokyo)))
	file := strings.Join([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//hiroba test//JA", "BEGIN:VEVENT",
		"UID:" + ev + "@hiroba", "DTSTART;TZID=Asia/Tokyo:20270421T150000", "DTEND;TZID=Asia/Tokyo:20270421T163000",
		"SUMMARY:広域圏 20%ルール交流会", "STATUS:CANCELLED", "END:VEVENT", "END:VCALENDAR", ""}, "\r\n")
	mustImport(t, as(w.ken), db, []byte(file), com)
	if got := w.plan(t, as(w.aoi), p.ID); got.State != model.PlanWithdrawn || got.History[len(got.History)-1].Kind != model.ActCancel {
		t.Fatalf("the plan is %s after the file cancelled its event", got.State)
	}
}
