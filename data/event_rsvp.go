package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hiroba/model"
)

// SetRSVP records the viewer's answer to one occurrence and returns whether
// a yes went on the waiting list.
func (db *DB) SetRSVP(ctx context.Context, eventID string, originalStart time.Time, response string) (bool, error) {
	switch response {
	case model.RSVPYes, model.RSVPMaybe, model.RSVPNo:
	default:
		return false, model.FieldError("response", "err.event.response", "参加・未定・不参加のどれかを選んでください")
	}
	var waitlisted bool
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		e, err := eventByID(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if e.Cancelled {
			return model.Keyed(model.ECONFLICT, "err.event.cancelled", "「%s」は中止になりました", e.Title)
		}
		_, end, err := occurrenceAt(ctx, tx, e, originalStart)
		if err != nil {
			return err
		}
		now := db.Now()
		if !end.After(now) {
			return model.Keyed(model.ECONFLICT, "err.event.occurrence_over", "「%s」のこの回は終わっています", e.Title)
		}
		key := fmtTime(originalStart)
		var old struct {
			response   string
			waitlisted bool
		}
		err = tx.QueryRowContext(ctx, `SELECT response, waitlisted FROM rsvps WHERE event_id = ? AND occurrence_start = ? AND staff_id = ?`,
			e.ID, key, me.ID).Scan(&old.response, &old.waitlisted)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if old.response == response {
			// The same answer again keeps the place in the queue.
			waitlisted = old.waitlisted
			return nil
		}
		if response == model.RSVPYes && e.Capacity > 0 {
			going, err := goingCount(ctx, tx, e.ID, key)
			if err != nil {
				return err
			}
			waitlisted = going >= e.Capacity
		}
		at := fmtTime(now)
		if _, err := tx.ExecContext(ctx, `INSERT INTO rsvps (event_id, occurrence_start, staff_id, response, waitlisted, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (event_id, occurrence_start, staff_id) DO UPDATE SET response = excluded.response,
				waitlisted = excluded.waitlisted, updated_at = excluded.updated_at`,
			e.ID, key, me.ID, response, waitlisted, at, at); err != nil {
			return fmt.Errorf("出欠の登録: %w", err)
		}
		if old.response == model.RSVPYes && !old.waitlisted {
			return promote(ctx, tx, e.ID, key, e.Capacity)
		}
		return nil
	})
	if err != nil {
		return false, wrapOnce("出欠", err)
	}
	return waitlisted, nil
}

func goingCount(ctx context.Context, tx *sql.Tx, eventID, key string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rsvps WHERE event_id = ? AND occurrence_start = ? AND response = 'yes' AND waitlisted = 0`,
		eventID, key).Scan(&n)
	return n, err
}

// promote gives free places of one occurrence to those waiting, in order of
// answer. Capacity 0 means no limit.
func promote(ctx context.Context, tx *sql.Tx, eventID, key string, capacity int) error {
	free := -1
	if capacity > 0 {
		going, err := goingCount(ctx, tx, eventID, key)
		if err != nil {
			return err
		}
		if free = capacity - going; free <= 0 {
			return nil
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE rsvps SET waitlisted = 0
		WHERE event_id = ? AND occurrence_start = ? AND staff_id IN (
			SELECT staff_id FROM rsvps WHERE event_id = ? AND occurrence_start = ? AND response = 'yes' AND waitlisted = 1
			ORDER BY updated_at, staff_id LIMIT ?)`, eventID, key, eventID, key, free)
	if err != nil {
		return fmt.Errorf("キャンセル待ちの繰り上げ: %w", err)
	}
	return nil
}

// promoteAll runs promote for every occurrence of e that has someone
// waiting, after its capacity grew.
func promoteAll(ctx context.Context, tx *sql.Tx, e *model.Event) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT occurrence_start FROM rsvps WHERE event_id = ? AND waitlisted = 1`, e.ID)
	if err != nil {
		return err
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range keys {
		if err := promote(ctx, tx, e.ID, k, e.Capacity); err != nil {
			return err
		}
	}
	return nil
}

// Attendees returns the answers to one occurrence; see
// model.EventService.
func (db *DB) Attendees(ctx context.Context, eventID string, originalStart time.Time) ([]model.Attendee, error) {
	var out []model.Attendee
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		e, err := eventByID(ctx, tx, eventID)
		if err != nil {
			return err
		}
		q := `SELECT r.staff_id, s.name, r.response, r.waitlisted, r.updated_at
			FROM rsvps r JOIN staff s ON s.id = r.staff_id
			WHERE r.event_id = ? AND r.occurrence_start = ?`
		args := []any{e.ID, fmtTime(originalStart)}
		if !e.CanEdit {
			q += ` AND r.staff_id = ?`
			args = append(args, model.ViewerFrom(ctx))
		}
		rows, err := tx.QueryContext(ctx, q+`
			ORDER BY CASE WHEN r.response = 'yes' AND r.waitlisted = 0 THEN 0 WHEN r.response = 'yes' THEN 1
				WHEN r.response = 'maybe' THEN 2 ELSE 3 END, r.updated_at, r.staff_id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a model.Attendee
			var at string
			if err := rows.Scan(&a.StaffID, &a.Name, &a.Response, &a.Waitlisted, &at); err != nil {
				return err
			}
			a.At = parseTime(at)
			out = append(out, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrapOnce("参加者の一覧", err)
	}
	return out, nil
}

// myEventsReach is how far before or after the window the original start
// of a moved occurrence may be and the occurrence still be found.
const myEventsReach = 366 * 24 * time.Hour

// MyEvents returns the occurrences overlapping [from, to) that the viewer
// answered yes to, in order of start. Cancelled ones, and answers to
// occurrences that no longer exist, are left out.
func (db *DB) MyEvents(ctx context.Context, from, to time.Time) ([]model.Occurrence, error) {
	var out []model.Occurrence
	viewer := model.ViewerFrom(ctx)
	if viewer == "" {
		return out, nil
	}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT event_id, occurrence_start FROM rsvps
			WHERE staff_id = ? AND occurrence_start >= ? AND occurrence_start < ? AND response = 'yes'`,
			viewer, fmtTime(from.Add(-myEventsReach)), fmtTime(to.Add(myEventsReach)))
		if err != nil {
			return err
		}
		var keys []occurrenceKey
		var ids []string
		events := map[string]*model.Event{}
		for rows.Next() {
			var id, start string
			if err := rows.Scan(&id, &start); err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, occurrenceKey{id, parseTime(start).UnixMilli()})
			if _, ok := events[id]; !ok {
				events[id] = nil
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(keys) == 0 {
			return err
		}
		editable, err := organiserOf(ctx, tx)
		if err != nil {
			return err
		}
		if err := eventsByIDs(ctx, tx, ids, events, editable); err != nil {
			return err
		}
		if err := fillNames(ctx, tx, events); err != nil {
			return err
		}
		w := window{from, to}
		for _, k := range keys {
			e := events[k.id]
			if e == nil || e.Cancelled {
				continue // not visible any more, or cancelled
			}
			original := time.UnixMilli(k.ms).UTC()
			start, end, err := occurrenceAt(ctx, tx, e, original)
			if model.ErrorCode(err) == model.ENOTFOUND || model.ErrorCode(err) == model.ECONFLICT {
				continue
			} else if err != nil {
				return err
			}
			if w.overlaps(start, end) {
				out = append(out, model.Occurrence{Event: e, Start: start, End: end, OriginalStart: original, Moved: !start.Equal(original)})
			}
		}
		if err := addRSVPCounts(ctx, tx, out); err != nil {
			return err
		}
		sortOccurrences(out)
		return nil
	})
	if err != nil {
		return nil, wrapOnce("参加する予定", err)
	}
	return out, nil
}
