package data_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// An occurrence cancelled on a drill laptop withdraws, when the copy is
// merged, the plans for it that the laptop never saw (made on the shared
// side during the drill), as a cancellation on the shared side does; the
// step is the organiser's. Plans for other occurrences stay.
func TestMergedCancellationWithdrawsPlans(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	series, _, forOccurrence := w.exchangeMeeting(t, "FREQ=MONTHLY;BYDAY=3WE")
	april := time.Date(2027, 4, 21, 15, 0, 0, 0, tokyo)
	may := april.AddDate(0, 0, 28)
	aprilPlan := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(april))

	op := data.AsOperator(context.Background())
	out := drillCopy(t, w.db)
	mayPlan := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(may))
	laptop := openLaptop(t, out, w.clock.read().Add(time.Hour))
	must(t, laptop.CancelOccurrence(as(w.ken), series, may))
	laptop.Close()
	if got := w.plan(t, as(w.aoi), mayPlan.ID); got.State != model.PlanApproved {
		t.Fatalf("the May plan is %s before the merge", got.State)
	}

	_, err := w.db.Merge(op, out, model.MergeOptions{})
	must(t, err)
	got := w.plan(t, as(w.aoi), mayPlan.ID)
	if last := got.History[len(got.History)-1]; got.State != model.PlanWithdrawn || last.Kind != model.ActCancel || last.ActorName != w.ken.Name {
		t.Fatalf("after the merge the May plan is %s, history %+v", got.State, got.History)
	}
	if got := w.plan(t, as(w.aoi), aprilPlan.ID); got.State != model.PlanApproved {
		t.Errorf("the April plan is %s", got.State)
	}
}

// An occurrence moved on a drill laptop takes along, when merged, the
// plans for it that the laptop never saw, as a move on the shared side
// does.
func TestMergedMoveMovesPlans(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	series, _, forOccurrence := w.exchangeMeeting(t, "FREQ=MONTHLY;BYDAY=3WE")
	may := time.Date(2027, 5, 19, 15, 0, 0, 0, tokyo)
	op := data.AsOperator(context.Background())
	out := drillCopy(t, w.db)
	mayPlan := w.mustApprove(t, w.aoi, w.kacho, forOccurrence(may))
	laptop := openLaptop(t, out, w.clock.read().Add(time.Hour))
	later := may.AddDate(0, 0, 7)
	must(t, laptop.MoveOccurrence(as(w.ken), series, may, later, later.Add(90*time.Minute)))
	laptop.Close()

	_, err := w.db.Merge(op, out, model.MergeOptions{})
	must(t, err)
	got := w.plan(t, as(w.aoi), mayPlan.ID)
	if last := got.History[len(got.History)-1]; got.State != model.PlanSubmitted || !got.Start.Equal(model.Date(2027, 5, 26)) || last.Kind != model.ActMove || last.ActorName != w.ken.Name {
		t.Fatalf("after the merge the May plan is %s from %s, history %+v", got.State, got.Start, got.History)
	}
}

// A one-off event moved on a drill laptop takes along, when merged, the
// plans for it made on the shared side meanwhile.
func TestMergedMoveOfAOneOffEventMovesPlans(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	_, community, _ := w.exchangeMeeting(t, "")
	start := time.Date(2027, 5, 12, 10, 0, 0, 0, tokyo)
	once := MustCreateEvent(t, w.db, community, w.ken, "決算の勉強会", start, start.Add(2*time.Hour), "", nil)
	op := data.AsOperator(context.Background())
	out := drillCopy(t, w.db)
	at := start.UTC()
	p := w.mustApprove(t, w.aoi, w.kacho, &model.Plan{Target: model.PlanTarget{Kind: model.TargetEvent, ID: once, OccurrenceStart: &at},
		Purpose: "決算の流れを知るため", Minutes: 120})
	laptop := openLaptop(t, out, w.clock.read().Add(time.Hour))
	later := start.AddDate(0, 0, 2)
	must(t, laptop.MoveOccurrence(as(w.ken), once, start, later, later.Add(2*time.Hour)))
	laptop.Close()

	_, err := w.db.Merge(op, out, model.MergeOptions{})
	must(t, err)
	got := w.plan(t, as(w.aoi), p.ID)
	if got.State != model.PlanSubmitted || !got.Start.Equal(model.Date(2027, 5, 14)) || !got.Target.OccurrenceStart.Equal(later) {
		t.Fatalf("after the merge the plan is %s from %s for %v", got.State, got.Start, got.Target.OccurrenceStart)
	}
}

// drillCopy writes a drill copy of the whole file of db, as the operator
// does before a drill, and returns where.
func drillCopy(t *testing.T, db *data.DB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "drill.hiroba")
	if _, err := db.Snapshot(data.AsOperator(context.Background()), out, model.SnapshotOptions{}); err != nil {
		t.Fatal(err)
	}
	return out
}
