package data

import (
	"context"
	"database/sql"
	"time"

	"hiroba/model"
)

// Plans whose event occurrence moves. An occurrence moved on its own
// (MoveOccurrence), a one-off event moved, or a series whose times or rule
// changed (UpdateEvent, UpdateFollowing: rekeyOccurrences) takes the plans
// for it along, in the same transaction: each keeps pointing at its
// occurrence, and one not past takes the occurrence's new days with a
// step of its own (model.ActMove) that its author finds in their inbox.
// One waiting or approved then waits for a supervisor's decision again:
// the approval was for the days it had. A plan whose occurrence is gone
// from the series is withdrawn as for a cancellation (cancelPlans).

// followPlans moves the plans for occurrence fromKey of event fromID to
// occurrence toKey of event toID, which now runs from start to end,
// recording the step as the context's viewer's.
func followPlans(ctx context.Context, tx *sql.Tx, now time.Time, fromID, fromKey, toID, toKey string, start, end time.Time) error {
	plans, err := plansFor(ctx, tx, fromID, fromKey, fromKey)
	if err != nil {
		return err
	}
	return movePlans(ctx, tx, now, plans, toID, toKey, start, end)
}

// eventPlan is a plan for an event occurrence, as followPlans moves it.
type eventPlan struct {
	id, key, from, to string
	state             model.PlanState
}

// plansFor returns the plans for the occurrences of event eventID whose
// keys are in [first, last], "" for no bound.
func plansFor(ctx context.Context, tx *sql.Tx, eventID, first, last string) ([]eventPlan, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, occurrence_start, state, start_date, end_date FROM plans
		WHERE target_kind = 'event' AND target_id = @event AND occurrence_start >= @first AND (@last = '' OR occurrence_start <= @last)
		ORDER BY occurrence_start, id`, sql.Named("event", eventID), sql.Named("first", first), sql.Named("last", last))
	if err != nil {
		return nil, err
	}
	return collect(rows, func(r rowScanner) (*eventPlan, error) {
		var p eventPlan
		return &p, r.Scan(&p.id, &p.key, &p.state, &p.from, &p.to)
	})
}

// movePlans moves plans to occurrence toKey of event toID, which runs
// from start to end.
func movePlans(ctx context.Context, tx *sql.Tx, now time.Time, plans []eventPlan, toID, toKey string, start, end time.Time) error {
	first := model.Day(start, handoverZone)
	last := model.Day(end.Add(-time.Nanosecond), handoverZone)
	if last.Before(first) {
		last = first
	}
	from, to, today, at := fmtDate(first), fmtDate(last), fmtDate(model.Day(now, handoverZone)), fmtTime(now)
	for _, p := range plans {
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET target_id = ?, occurrence_start = ? WHERE id = ?`, toID, toKey, p.id); err != nil {
			return err
		}
		if !p.state.Allows(model.ActMove) || p.to < today || p.from == from && p.to == to {
			// Past, done or withdrawn, or on the same days: the days stay.
			continue
		}
		next, err := p.state.Next(model.ActMove)
		if err != nil {
			return err
		}
		if next == model.PlanSubmitted {
			// The decision was for the old days: it goes, with its comment
			// (the history keeps both). It keeps its place among the plans
			// waiting; the supervisor who approved it is told (planInbox).
			_, err = tx.ExecContext(ctx, `UPDATE plans SET start_date = ?, end_date = ?, state = ?,
				decided_by = NULL, decided_at = NULL, comment = '', updated_at = ? WHERE id = ?`, from, to, string(next), at, p.id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE plans SET start_date = ?, end_date = ?, updated_at = ? WHERE id = ?`, from, to, at, p.id)
		}
		if err != nil {
			return err
		}
		if err := addPlanEventAt(ctx, tx, p.id, model.ActMove, model.MoveComment(p.from, from), now); err != nil {
			return err
		}
	}
	return nil
}

// rekeyPlans is rekeyOccurrences for plans: those for an occurrence of
// event fromID at or after since follow it to event to, their keys
// shifted by delta; those whose occurrence is gone are withdrawn.
func rekeyPlans(ctx context.Context, tx *sql.Tx, now time.Time, fromID string, to *model.Event, since time.Time, delta time.Duration) error {
	// Every plan is read before any moves: a key shifted onto one not yet
	// handled would otherwise move again with that one's plans.
	plans, err := plansFor(ctx, tx, fromID, fmtTime(since), "")
	if err != nil {
		return err
	}
	for len(plans) > 0 {
		key := plans[0].key
		n := 1
		for n < len(plans) && plans[n].key == key {
			n++
		}
		same := plans[:n]
		plans = plans[n:]
		moved := parseTime(key).Add(delta)
		start, end, err := occurrenceAt(ctx, tx, to, moved)
		switch code := model.ErrorCode(err); {
		case err == nil:
			err = movePlans(ctx, tx, now, same, to.ID, fmtTime(moved), start, end)
		case code == model.ENOTFOUND || code == model.ECONFLICT:
			// No longer an occurrence, or a cancelled one: withdrawn as
			// for a cancellation.
			err = withdrawPlans(ctx, tx, now, same)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
