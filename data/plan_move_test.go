package data_test

import (
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// When the occurrence a plan is for moves to other days, the plan's days
// follow it with a step of its own that its author finds in their inbox;
// one approved waits for a decision again, and the supervisor who
// approved it is told. An occurrence moved within its day changes no
// plan; the plans keep pointing at their occurrence, so they can still be
// changed or withdrawn.
func TestPlansFollowAMovedOccurrence(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	series, _, forOccurrence := w.exchangeMeeting(t, "FREQ=MONTHLY;BYDAY=3WE")
	april := time.Date(2027, 4, 21, 15, 0, 0, 0, tokyo)
	may := time.Date(2027, 5, 19, 15, 0, 0, 0, tokyo)
	june := time.Date(2027, 6, 16, 15, 0, 0, 0, tokyo)
	aprilPlan := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(april))
	mayPlan := w.mustSubmit(t, w.aoi, forOccurrence(may))
	junePlan := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(june))
	for _, s := range []*model.Staff{w.aoi, w.kacho} {
		for _, p := range []*model.Plan{aprilPlan, mayPlan, junePlan} {
			must(t, db.MarkPlanRead(as(s), p.ID))
		}
	}
	news := func(s *model.Staff) map[string]model.InboxItem { return w.planNews(t, s) }

	must(t, db.MoveOccurrence(as(w.ken), series, april, april.AddDate(0, 0, 1), april.AddDate(0, 0, 1).Add(90*time.Minute)))
	must(t, db.MoveOccurrence(as(w.ken), series, may, may.AddDate(0, 0, 7), may.AddDate(0, 0, 7).Add(90*time.Minute)))
	must(t, db.MoveOccurrence(as(w.ken), series, june, june.Add(2*time.Hour), june.Add(3*time.Hour)))

	got := w.plan(t, as(w.aoi), aprilPlan.ID)
	if last := got.History[len(got.History)-1]; got.State != model.PlanSubmitted || !got.Start.Equal(model.Date(2027, 4, 22)) ||
		last.Kind != model.ActMove || last.ActorName != w.ken.Name || got.DecidedBy != "" {
		t.Fatalf("the approved April plan after its day moved: %s from %s, decided by %q, history %+v", got.State, got.Start, got.DecidedBy, got.History)
	}
	if it, ok := news(w.aoi)[aprilPlan.ID]; !ok || it.PlanEvent != string(model.ActMove) || it.AuthorName != w.ken.Name {
		t.Errorf("the author's inbox %+v", news(w.aoi))
	}
	if it, ok := news(w.kacho)[aprilPlan.ID]; !ok || it.PlanEvent != string(model.ActMove) || it.AuthorName != w.aoi.Name {
		t.Errorf("the supervisor who approved the April plan is not told it moved: %+v", news(w.kacho))
	}
	if got.Comment != "" {
		t.Errorf("the approval's comment %q stays on a plan waiting again", got.Comment)
	}
	got = w.plan(t, as(w.aoi), mayPlan.ID)
	if got.State != model.PlanSubmitted || !got.Start.Equal(model.Date(2027, 5, 26)) || got.History[len(got.History)-1].Kind != model.ActMove {
		t.Errorf("the waiting May plan: %s from %s, history %+v", got.State, got.Start, got.History)
	}
	got = w.plan(t, as(w.aoi), junePlan.ID)
	if got.State != model.PlanApproved || !got.Start.Equal(model.Date(2027, 6, 16)) || got.History[len(got.History)-1].Kind == model.ActMove {
		t.Errorf("the June plan, moved within its day: %s from %s, history %+v", got.State, got.Start, got.History)
	}
	must(t, db.WithdrawPlan(as(w.aoi), mayPlan.ID, ""))
}

// A series whose times change takes its plans along: the same days keep
// their approval, a start on another day moves the plan; a plan for a
// one-off event that moves follows it. Each still names its occurrence.
func TestPlansFollowAChangedSeries(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	series, community, forOccurrence := w.exchangeMeeting(t, "FREQ=MONTHLY;BYDAY=3WE")
	may := time.Date(2027, 5, 19, 15, 0, 0, 0, tokyo)
	mayPlan := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(may))

	e, err := db.EventByID(as(w.ken), series)
	must(t, err)
	e.Start, e.End = e.Start.Add(time.Hour), e.End.Add(time.Hour) // 16:00 instead of 15:00
	must(t, db.UpdateEvent(as(w.ken), e))
	got := w.plan(t, as(w.aoi), mayPlan.ID)
	if got.State != model.PlanApproved || got.Target.OccurrenceStart == nil || !got.Target.OccurrenceStart.Equal(may.Add(time.Hour)) {
		t.Fatalf("an hour later on the same day: %s, occurrence %v", got.State, got.Target.OccurrenceStart)
	}
	if again, err := db.PlanDraftFor(as(w.aoi), got.Target); err != nil || !again.Start.Equal(model.Date(2027, 5, 19)) {
		t.Fatalf("the plan's occurrence after the change: %+v %v", again, err)
	}

	start := time.Date(2027, 5, 12, 10, 0, 0, 0, tokyo)
	once := MustCreateEvent(t, db, community, w.ken, "決算の勉強会", start, start.Add(2*time.Hour), "", nil)
	at := start.UTC()
	one := w.mustApprove(t, w.aoi, w.kacho, &model.Plan{Target: model.PlanTarget{Kind: model.TargetEvent, ID: once, OccurrenceStart: &at},
		Purpose: "決算の流れを知るため", Minutes: 120})
	later := start.AddDate(0, 0, 2)
	must(t, db.MoveOccurrence(as(w.ken), once, start, later, later.Add(2*time.Hour)))
	got = w.plan(t, as(w.aoi), one.ID)
	if got.State != model.PlanSubmitted || !got.Start.Equal(model.Date(2027, 5, 14)) || !got.Target.OccurrenceStart.Equal(later) {
		t.Fatalf("the one-off event moved two days: %s from %s, occurrence %v", got.State, got.Start, got.Target.OccurrenceStart)
	}
	must(t, db.WithdrawPlan(as(w.aoi), one.ID, ""))
}

// A weekly series that starts a week later moves each plan one week,
// once: a plan shifted onto the next one's date does not move again with
// that one.
func TestPlansFollowASeriesAWeekLater(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	series, _, forOccurrence := w.exchangeMeeting(t, "FREQ=WEEKLY;BYDAY=WE")
	first := time.Date(2027, 4, 21, 15, 0, 0, 0, tokyo)
	one := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(first))
	two := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(first.AddDate(0, 0, 7)))

	e, err := db.EventByID(as(w.ken), series)
	must(t, err)
	e.Start, e.End = e.Start.AddDate(0, 0, 7), e.End.AddDate(0, 0, 7)
	must(t, db.UpdateEvent(as(w.ken), e))
	for _, c := range []struct {
		plan *model.Plan
		day  time.Time
	}{{one, model.Date(2027, 4, 28)}, {two, model.Date(2027, 5, 5)}} {
		got := w.plan(t, as(w.aoi), c.plan.ID)
		moves := 0
		for _, h := range got.History {
			if h.Kind == model.ActMove {
				moves++
			}
		}
		if !got.Start.Equal(c.day) || moves != 1 {
			t.Errorf("a plan now from %s with %d moves, want from %s with one", got.Start, moves, c.day)
		}
	}
}

// A calendar file imported again that moves one occurrence of a series
// (RECURRENCE-ID) takes the plan for it along, as the screen does.
func TestPlansFollowAnImportedMove(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	series, community, forOccurrence := w.exchangeMeeting(t, "FREQ=MONTHLY;BYDAY=3WE")
	may := time.Date(2027, 5, 19, 15, 0, 0, 0, tokyo)
	p := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(may))
	e, err := db.EventByID(as(w.ken), series)
	must(t, err)
	file := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:" + e.UID + "\r\nSUMMARY:" + e.Title + "\r\nDTSTART;TZID=Asia/Tokyo:20270421T150000\r\n" +
		"DTEND;TZID=Asia/Tokyo:20270421T163000\r\nRRULE:FREQ=MONTHLY;BYDAY=3WE\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:" + e.UID + "\r\nSUMMARY:" + e.Title + "\r\nRECURRENCE-ID;TZID=Asia/Tokyo:20270519T150000\r\n" +
		"DTSTART;TZID=Asia/Tokyo:20270526T150000\r\nDTEND;TZID=Asia/Tokyo:20270526T163000\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	res, err := db.ImportICS(as(w.ken), strings.NewReader(file), data.ICSImportOptions{CommunityID: community})
	must(t, err)
	if res.Updated != 1 {
		t.Fatalf("import %+v", res)
	}
	got := w.plan(t, as(w.aoi), p.ID)
	if got.State != model.PlanSubmitted || !got.Start.Equal(model.Date(2027, 5, 26)) || got.History[len(got.History)-1].Kind != model.ActMove {
		t.Fatalf("after the import the plan is %s from %s, history %+v", got.State, got.Start, got.History)
	}
}
