package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hiroba/model"
	"hiroba/recur"
)

// "This and following": a series is ended before one of its occurrences,
// and what follows is either saved as a new series (UpdateFollowing) or
// dropped (CancelFollowing), each in one transaction.

// endBefore ends the series old just before its occurrence from and
// returns the rule it had and how many occurrences came before from. At
// the series' first occurrence there is nothing before: the caller
// changes or cancels the whole event instead.
func endBefore(ctx context.Context, tx *sql.Tx, old *model.Event, from, now time.Time) (*recur.Rule, int, error) {
	s := seriesOf(old)
	if !s.includes(from.In(s.loc)) {
		return nil, 0, occurrenceNotFound(old, from)
	}
	rule := parseRule(old.RRule)
	if rule == nil {
		return nil, 0, model.Keyed(model.ECONFLICT, "err.event.split", "「%s」の繰り返しは hiroba では分けられません (%s)", old.Title, model.CleanLine(old.RRule))
	}
	before := 0
	if rule.Count > 0 {
		// At most recur.MaxCount to count.
		s.starts(old.Start, func(t time.Time) bool {
			if !t.Before(from) {
				return false
			}
			before++
			return true
		})
	}
	last, _ := s.rec.Before(from)
	if _, err := tx.ExecContext(ctx, `UPDATE events SET rrule = ?, series_ends_at = ?, updated_at = ? WHERE id = ?`,
		rule.EndedBefore(from).Format(s.loc), fmtTime(last), fmtTime(now), old.ID); err != nil {
		return nil, 0, fmt.Errorf("予定の更新: %w", err)
	}
	return rule, before, nil
}

// UpdateFollowing ends the series before from and saves e as a new series
// from then on; see model.EventService.
func (db *DB) UpdateFollowing(ctx context.Context, e *model.Event, from time.Time) (string, error) {
	cleanEvent(e)
	if err := e.Validate(); err != nil {
		return "", err
	}
	var id string
	in := *e
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		*e = in // as it came, for a transaction run again
		old, err := editableEvent(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		now := db.Now()
		if old.RRule == "" || from.Equal(old.Start) {
			id = old.ID
			return updateEvent(ctx, tx, old, e, now)
		}
		rule, before, err := endBefore(ctx, tx, old, from, now)
		if err != nil {
			return err
		}
		next := *e
		next.ID, next.UID = "", ""
		if next.CommunityID != old.CommunityID {
			if _, err := memberOf(ctx, tx, next.CommunityID); err != nil {
				return err
			}
		}
		if next.TimeZone == "" {
			next.TimeZone = old.TimeZone
		}
		if next.RRule == old.RRule && rule.Count > 0 {
			// The same rule goes on for the occurrences that are left.
			next.RRule = rule.WithCount(max(rule.Count-before, 1)).Format(zone(next.TimeZone))
		}
		if err := insertEvent(ctx, tx, &next, old.CreatedBy, now); err != nil {
			return err
		}
		if err := reloadEvent(ctx, tx, &next); err != nil {
			return err
		}
		if err := rekeyOccurrences(ctx, tx, db.Now(), old.ID, &next, from, next.Start.Sub(from)); err != nil {
			return err
		}
		if err := promoteAll(ctx, tx, &next); err != nil {
			return err
		}
		*e, id = next, next.ID
		return nil
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// CancelFollowing cancels the occurrence of a series whose original start
// is from and every one after it, in one transaction: the series ends
// before from, and the answers and changes of the occurrences from then
// on go. At the series' first occurrence (or for a one-off event) it
// cancels the whole event.
func (db *DB) CancelFollowing(ctx context.Context, eventID string, from time.Time) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := editableEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		now := db.Now()
		if old.RRule == "" || !from.After(old.Start) {
			return cancelWhole(ctx, tx, now, old.ID)
		}
		if _, _, err := endBefore(ctx, tx, old, from, now); err != nil {
			return err
		}
		for _, table := range []string{"event_exceptions", "rsvps"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE event_id = ? AND occurrence_start >= ?`, old.ID, fmtTime(from)); err != nil {
				return err
			}
		}
		return cancelPlans(ctx, tx, now, old.ID, cancelledOccurrences{from: from, following: true})
	})
}
