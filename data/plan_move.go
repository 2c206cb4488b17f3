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
	rows, err := tx.QueryContext(ctx, `SELECT id, state, start_date, end_date FROM plans
		WHERE target_kind = 'event' AND target_id = ? AND occurrence_start = ? ORDER BY id`, fromID, fromKey)
	if err != nil {
		return err
	}
	type plan struct {
		id, from, to string
		state        model.PlanState
	}
	plans, err := collect(rows, func(r rowScanner) (*plan, error) {
		var p plan
		return &p, r.Scan(&p.id, &p.state, &p.from, &p.to)
	})
	if err != nil {
		return err
	}
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
			_, err = tx.ExecContext(ctx, `UPDATE plans SET start_date = ?, end_date = ?, state = ?, submitted_at = ?,
				decided_by = NULL, decided_at = NULL, updated_at = ? WHERE id = ?`, from, to, string(next), at, at, p.id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE plans SET start_date = ?, end_date = ?, updated_at = ? WHERE id = ?`, from, to, at, p.id)
		}
		if err != nil {
			return err
		}
		if err := addPlanEventAt(ctx, tx, p.id, model.ActMove, p.from+" → "+from, now); err != nil {
			return err
		}
	}
	return nil
}

// rekeyPlans is rekeyOccurrences for plans: those for an occurrence of
// event fromID at or after since follow it to event to, their keys
// shifted by delta; those whose occurrence is gone are withdrawn.
func rekeyPlans(ctx context.Context, tx *sql.Tx, now time.Time, fromID string, to *model.Event, since time.Time, delta time.Duration) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT occurrence_start FROM plans
		WHERE target_kind = 'event' AND target_id = ? AND occurrence_start >= ? ORDER BY occurrence_start`, fromID, fmtTime(since))
	if err != nil {
		return err
	}
	keys, err := collect(rows, func(r rowScanner) (*string, error) {
		var k string
		return &k, r.Scan(&k)
	})
	if err != nil {
		return err
	}
	for _, key := range keys {
		moved := parseTime(key).Add(delta)
		start, end, err := occurrenceAt(ctx, tx, to, moved)
		switch code := model.ErrorCode(err); {
		case err == nil:
			err = followPlans(ctx, tx, now, fromID, key, to.ID, fmtTime(moved), start, end)
		case code == model.ENOTFOUND || code == model.ECONFLICT:
			// No longer an occurrence, or a cancelled one.
			err = cancelPlans(ctx, tx, now, fromID, cancelledOccurrences{from: parseTime(key)})
		}
		if err != nil {
			return err
		}
	}
	return nil
}
