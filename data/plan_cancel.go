package data

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"hiroba/model"
)

// Plans whose event occurrence is cancelled. Whoever cancels an event,
// an occurrence or a series from one occurrence on (CancelEvent,
// CancelOccurrence, CancelFollowing, a calendar file that says
// CANCELLED), the plans waiting or approved for what was cancelled are
// withdrawn in the same transaction (model.ActCancel): they no longer
// take any of the cap, and their author and the supervisor who approved
// them find the step in their inbox (planInbox). A plan whose days are
// all past is left as it is: the activity took place, and its hours may
// still be recorded.

// cancelledOccurrences names what a cancellation takes of an event: every
// occurrence (from zero), the one whose original start is from, or that
// one and every one after it (following).
type cancelledOccurrences struct {
	from      time.Time
	following bool
}

// cancelWhole cancels event id and every occurrence of it at now, and
// withdraws the plans for them: every way an event ends whole (one-off
// cancelled, the event cancelled, this and following from the first, an
// import of a cancelled event) goes through here.
func cancelWhole(ctx context.Context, tx *sql.Tx, now time.Time, id string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE events SET cancelled_at = ?, updated_at = ? WHERE id = ?`, fmtTime(now), fmtTime(now), id); err != nil {
		return err
	}
	return cancelPlans(ctx, tx, now, id, cancelledOccurrences{})
}

// cancelPlans withdraws the plans waiting or approved for the occurrences
// c of event eventID whose last day is not past at now, recording the
// step as the context's viewer's.
func cancelPlans(ctx context.Context, tx *sql.Tx, now time.Time, eventID string, c cancelledOccurrences) error {
	from := ""
	if !c.from.IsZero() {
		from = fmtTime(c.from)
	}
	var states []string
	for _, s := range model.PlanStates {
		if s.Allows(model.ActCancel) {
			states = append(states, literal(string(s)))
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, state, end_date FROM plans
		WHERE target_kind = 'event' AND target_id = @event AND state IN (`+strings.Join(states, ", ")+`) AND end_date >= @today
		AND (@from = '' OR occurrence_start = @from OR @following AND occurrence_start > @from)
		ORDER BY id`,
		sql.Named("event", eventID), sql.Named("today", fmtDate(model.Day(now, handoverZone))),
		sql.Named("from", from), sql.Named("following", c.following))
	if err != nil {
		return err
	}
	plans, err := collect(rows, func(r rowScanner) (*eventPlan, error) {
		var p eventPlan
		return &p, r.Scan(&p.id, &p.state, &p.to)
	})
	if err != nil {
		return err
	}
	return withdrawPlans(ctx, tx, now, plans)
}

// withdrawPlans withdraws those of plans whose occurrence was cancelled
// or is gone (model.ActCancel): waiting or approved, their last day not
// past at now.
func withdrawPlans(ctx context.Context, tx *sql.Tx, now time.Time, plans []eventPlan) error {
	at, today := fmtTime(now), fmtDate(model.Day(now, handoverZone))
	for _, p := range plans {
		if !p.state.Allows(model.ActCancel) || p.to < today {
			continue
		}
		next, err := p.state.Next(model.ActCancel)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET state = ?, updated_at = ? WHERE id = ?`, string(next), at, p.id); err != nil {
			return err
		}
		if err := addPlanEventAt(ctx, tx, p.id, model.ActCancel, "", now); err != nil {
			return err
		}
	}
	return nil
}
