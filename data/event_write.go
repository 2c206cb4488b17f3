package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"hiroba/model"
	"hiroba/recur"
)

func cleanEvent(e *model.Event) {
	e.Title = model.CleanLine(strings.TrimSpace(e.Title))
	e.Place = model.CleanLine(strings.TrimSpace(e.Place))
	e.OnlineURL = model.CleanLine(strings.TrimSpace(e.OnlineURL))
	e.Description = model.CleanText(e.Description)
	e.RRule = strings.TrimSpace(e.RRule)
}

// seriesOf is what expanding e needs.
func seriesOf(e *model.Event) *series {
	s := &series{id: e.ID, communityID: e.CommunityID, start: e.Start, end: e.End, rrule: e.RRule, loc: zone(e.TimeZone), seriesEnd: e.SeriesEnd}
	s.prepare()
	return s
}

// normalizeRule checks e's rule (recur.Check) and writes it in canonical
// form (a floating UNTIL read in the event's zone), moves e.Start to the
// rule's first date if it is not one, keeping the length, and returns the
// last start of a series that ends (nil otherwise).
func normalizeRule(e *model.Event) (*time.Time, error) {
	if e.RRule == "" {
		return nil, nil
	}
	loc := zone(e.TimeZone)
	rule, s, err := recur.Check(e.RRule, e.Start, loc)
	if err != nil {
		return nil, err
	}
	first, _ := s.First()
	if !first.Equal(e.Start) {
		dur := e.End.Sub(e.Start)
		e.Start, e.End = first.UTC(), first.Add(dur).UTC()
	}
	e.RRule = rule.Format(loc)
	if last, ok := s.Last(); ok {
		t := last.UTC()
		return &t, nil
	}
	return nil, nil
}

// insertEvent saves a validated, cleaned e as a new event created by
// createdBy, under e.ID if it has one (eventRow), and sets its ID, UID and
// the stored values.
func insertEvent(ctx context.Context, tx *sql.Tx, e *model.Event, createdBy string, now time.Time) error {
	if e.OrganiserID == "" {
		e.OrganiserID = createdBy
	}
	if _, err := staffByID(ctx, tx, e.OrganiserID); model.ErrorCode(err) == model.ENOTFOUND {
		return model.FieldError("organiser", "err.event.organiser", "担当者 %s は登録されていません", e.OrganiserID)
	} else if err != nil {
		return err
	}
	if e.TimeZone == "" {
		e.TimeZone = model.DefaultTimeZone
	}
	seriesEnd, err := normalizeRule(e)
	if err != nil {
		return err
	}
	if e.UID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE uid = ?`, e.UID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.Keyed(model.ECONFLICT, "err.event.uid_exists", "UID %s の予定はすでにあります", e.UID)
		}
	}
	return insertNewEvent(ctx, tx, e, createdBy, now, seriesEnd)
}

// insertEventSQL inserts an event; eventRow gives its arguments.
const insertEventSQL = `INSERT INTO events (id, uid, community_id, title, description, starts_at, ends_at,
		all_day, timezone, place, online_url, capacity, organiser_id, twenty_percent, rrule, series_ends_at,
		created_by, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// eventRow sets e's ID (the one it has, given by its creator, or a new
// one: givenID) and UID (a new one unless set) and returns the arguments
// of insertEventSQL for it.
func eventRow(e *model.Event, createdBy string, now time.Time, seriesEnd *time.Time) []any {
	if e.TimeZone == "" {
		e.TimeZone = model.DefaultTimeZone
	}
	e.ID = givenID(e.ID, now)
	if e.UID == "" {
		e.UID = strings.ToLower(e.ID) + "@hiroba"
	}
	at := fmtTime(now)
	return []any{e.ID, e.UID, e.CommunityID, e.Title, e.Description, fmtTime(e.Start), fmtTime(e.End),
		e.AllDay, e.TimeZone, e.Place, e.OnlineURL, e.Capacity, e.OrganiserID, e.TwentyPercent, e.RRule, nullTimeArg(seriesEnd),
		createdBy, at, at}
}

// insertNewEvent writes the row of e, whose rule is normalized (seriesEnd
// is its last start), whose organiser exists and whose UID ("" for a new
// one) is not in the database; it sets e's ID and UID.
func insertNewEvent(ctx context.Context, tx *sql.Tx, e *model.Event, createdBy string, now time.Time, seriesEnd *time.Time) error {
	if _, err := tx.ExecContext(ctx, insertEventSQL, eventRow(e, createdBy, now, seriesEnd)...); err != nil {
		return fmt.Errorf("予定の作成: %w", err)
	}
	return nil
}

func nullTimeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return fmtTime(*t)
}

// memberOf returns the community, ENOTFOUND when the viewer cannot see it
// and EFORBIDDEN when the viewer is not a member.
func memberOf(ctx context.Context, tx *sql.Tx, communityID string) (*model.Community, error) {
	c, err := communityByID(ctx, tx, communityID)
	if err != nil {
		return nil, err
	}
	if c.ViewerRole == "" {
		return nil, model.Keyed(model.EFORBIDDEN, "err.event.members_only", "「%s」の予定を作れるのは参加者だけです。先にコミュニティに参加してください", c.Name)
	}
	return c, nil
}

// CreateEvent saves e with the viewer as creator (and organiser unless
// e.OrganiserID names one), under e.ID if the caller gave one (givenID),
// and sets e from what was stored.
func (db *DB) CreateEvent(ctx context.Context, e *model.Event) error {
	cleanEvent(e)
	if err := e.Validate(); err != nil {
		return err
	}
	e.ID = givenID(e.ID, db.Now())
	in := *e
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		*e = in // as it came, for a transaction run again
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		done, err := written(ctx, tx, "events", "created_by", e.ID, me.ID)
		if err != nil {
			return err
		}
		if done {
			return reloadEvent(ctx, tx, e)
		}
		if _, err := memberOf(ctx, tx, e.CommunityID); err != nil {
			return err
		}
		if err := insertEvent(ctx, tx, e, me.ID, db.Now()); err != nil {
			return err
		}
		return reloadEvent(ctx, tx, e)
	})
}

func reloadEvent(ctx context.Context, tx *sql.Tx, e *model.Event) error {
	stored, err := eventByID(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	*e = *stored
	return nil
}

// editableEvent returns the event if the viewer may change it: its creator
// or an organiser of its community, and it is not cancelled.
func editableEvent(ctx context.Context, tx *sql.Tx, id string) (*model.Event, error) {
	if _, err := actingStaff(ctx, tx); err != nil {
		return nil, err
	}
	e, err := eventByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !e.CanEdit {
		return nil, model.Keyed(model.EFORBIDDEN, "err.event.change_forbidden", "「%s」を変更できるのは、作った人とコミュニティの世話役だけです", e.Title)
	}
	if e.Cancelled {
		return nil, model.Keyed(model.ECONFLICT, "err.event.is_cancelled", "「%s」は中止になっています", e.Title)
	}
	return e, nil
}

// UpdateEvent saves the whole series e.
func (db *DB) UpdateEvent(ctx context.Context, e *model.Event) error {
	cleanEvent(e)
	if err := e.Validate(); err != nil {
		return err
	}
	in := *e
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		*e = in // as it came, for a transaction run again
		old, err := editableEvent(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		return updateEvent(ctx, tx, old, e, db.Now())
	})
}

func updateEvent(ctx context.Context, tx *sql.Tx, old, e *model.Event, now time.Time) error {
	if e.CommunityID != old.CommunityID {
		if _, err := memberOf(ctx, tx, e.CommunityID); err != nil {
			return err
		}
	}
	if e.OrganiserID == "" {
		e.OrganiserID = old.OrganiserID
	}
	if _, err := staffByID(ctx, tx, e.OrganiserID); model.ErrorCode(err) == model.ENOTFOUND {
		return model.FieldError("organiser", "err.event.organiser", "担当者 %s は登録されていません", e.OrganiserID)
	} else if err != nil {
		return err
	}
	if e.TimeZone == "" {
		e.TimeZone = old.TimeZone
	}
	seriesEnd, err := normalizeRule(e)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE events SET community_id = ?, title = ?, description = ?, starts_at = ?, ends_at = ?,
			all_day = ?, timezone = ?, place = ?, online_url = ?, capacity = ?, organiser_id = ?, twenty_percent = ?,
			rrule = ?, series_ends_at = ?, updated_at = ?
		WHERE id = ?`,
		e.CommunityID, e.Title, e.Description, fmtTime(e.Start), fmtTime(e.End), e.AllDay, e.TimeZone, e.Place, e.OnlineURL,
		e.Capacity, e.OrganiserID, e.TwentyPercent, e.RRule, nullTimeArg(seriesEnd), fmtTime(now), old.ID); err != nil {
		return fmt.Errorf("予定の更新: %w", err)
	}
	e.ID = old.ID
	if err := reloadEvent(ctx, tx, e); err != nil {
		return err
	}
	if err := rekeyOccurrences(ctx, tx, now, old.ID, e, time.Time{}, e.Start.Sub(old.Start)); err != nil {
		return err
	}
	// A larger capacity gives places to those waiting.
	if e.Capacity == 0 || e.Capacity > old.Capacity {
		return promoteAll(ctx, tx, e)
	}
	return nil
}

// rekeyOccurrences moves the exceptions and RSVPs of event fromID whose
// original start is at or after since to the event to, their keys shifted
// by delta, and drops those whose new key is not an occurrence of to; the
// plans for them follow (rekeyPlans), as of now.
func rekeyOccurrences(ctx context.Context, tx *sql.Tx, now time.Time, fromID string, to *model.Event, since time.Time, delta time.Duration) error {
	if err := rekeyRows(ctx, tx, fromID, to, since, delta); err != nil {
		return err
	}
	return rekeyPlans(ctx, tx, now, fromID, to, since, delta)
}

func rekeyRows(ctx context.Context, tx *sql.Tx, fromID string, to *model.Event, since time.Time, delta time.Duration) error {
	s := seriesOf(to)
	valid := func(t time.Time) bool {
		if to.RRule == "" {
			return t.Equal(to.Start)
		}
		return s.includes(t.In(s.loc))
	}
	shift := func(key string) (string, bool) {
		t := parseTime(key).Add(delta)
		return fmtTime(t), valid(t)
	}
	args := []any{sql.Named("from", fmtTime(since)), sql.Named("id", fromID)}

	type xrow struct {
		start                                       string
		cancelled                                   bool
		newStart, newEnd, title, place, description sql.NullString
	}
	var xs []xrow
	rows, err := tx.QueryContext(ctx, `SELECT occurrence_start, cancelled, new_start, new_end, title, place, description FROM event_exceptions
		WHERE event_id = @id AND occurrence_start >= @from`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var x xrow
		if err := rows.Scan(&x.start, &x.cancelled, &x.newStart, &x.newEnd, &x.title, &x.place, &x.description); err != nil {
			rows.Close()
			return err
		}
		xs = append(xs, x)
	}
	rows.Close()
	type rrow struct {
		start, staff, response, created, updated string
		waitlisted                               bool
	}
	var rs []rrow
	rows, err = tx.QueryContext(ctx, `SELECT occurrence_start, staff_id, response, waitlisted, created_at, updated_at FROM rsvps
		WHERE event_id = @id AND occurrence_start >= @from`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r rrow
		if err := rows.Scan(&r.start, &r.staff, &r.response, &r.waitlisted, &r.created, &r.updated); err != nil {
			rows.Close()
			return err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if fromID == to.ID && delta == 0 {
		// Keys stay; only those that are no longer occurrences go.
		for _, x := range xs {
			if !valid(parseTime(x.start)) {
				if _, err := tx.ExecContext(ctx, `DELETE FROM event_exceptions WHERE event_id = ? AND occurrence_start = ?`, fromID, x.start); err != nil {
					return err
				}
			}
		}
		for _, r := range rs {
			if !valid(parseTime(r.start)) {
				if _, err := tx.ExecContext(ctx, `DELETE FROM rsvps WHERE event_id = ? AND occurrence_start = ? AND staff_id = ?`, fromID, r.start, r.staff); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_exceptions WHERE event_id = @id AND occurrence_start >= @from`, args...); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rsvps WHERE event_id = @id AND occurrence_start >= @from`, args...); err != nil {
		return err
	}
	for _, x := range xs {
		if key, ok := shift(x.start); ok {
			if _, err := tx.ExecContext(ctx, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled, new_start, new_end, title, place, description)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, to.ID, key, x.cancelled, x.newStart, x.newEnd, x.title, x.place, x.description); err != nil {
				return err
			}
		}
	}
	for _, r := range rs {
		if key, ok := shift(r.start); ok {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rsvps (event_id, occurrence_start, staff_id, response, waitlisted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				to.ID, key, r.staff, r.response, r.waitlisted, r.created, r.updated); err != nil {
				return err
			}
		}
	}
	return nil
}

func occurrenceNotFound(e *model.Event, at time.Time) error {
	return model.Keyed(model.ENOTFOUND, "err.event.no_occurrence", "「%s」に %s の回はありません", e.Title, at.In(zone(e.TimeZone)).Format("2006-01-02 15:04"))
}

// MoveOccurrence moves one occurrence of a series; for a one-off event it
// moves the event, and its answers with it.
func (db *DB) MoveOccurrence(ctx context.Context, eventID string, originalStart, newStart, newEnd time.Time) error {
	if newEnd.Before(newStart) {
		return model.FieldError("end", "err.event.end", "終了 (%s) が開始 (%s) より前です", newEnd.Format("2006-01-02 15:04"), newStart.Format("2006-01-02 15:04"))
	}
	if newStart.IsZero() {
		return model.FieldError("start", "err.event.start", "開始日時を入れてください")
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		e, err := editableEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		now := fmtTime(db.Now())
		if e.RRule == "" {
			if !originalStart.Equal(e.Start) {
				return occurrenceNotFound(e, originalStart)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE events SET starts_at = ?, ends_at = ?, updated_at = ? WHERE id = ?`,
				fmtTime(newStart), fmtTime(newEnd), now, e.ID); err != nil {
				return err
			}
			moved := *e
			moved.Start, moved.End = newStart, newEnd
			return rekeyOccurrences(ctx, tx, db.Now(), e.ID, &moved, time.Time{}, newStart.Sub(originalStart))
		}
		if _, _, err := occurrenceAt(ctx, tx, e, originalStart); err != nil {
			return err
		}
		key := fmtTime(originalStart)
		if newStart.Equal(originalStart) && newEnd.Equal(originalStart.Add(e.End.Sub(e.Start))) {
			// Back where the rule puts it: what it says of its own stays.
			_, err = tx.ExecContext(ctx, `UPDATE event_exceptions SET new_start = NULL, new_end = NULL WHERE event_id = ? AND occurrence_start = ?`, e.ID, key)
			if err == nil {
				_, err = tx.ExecContext(ctx, `DELETE FROM event_exceptions WHERE event_id = ? AND occurrence_start = ? AND cancelled = 0
					AND coalesce(title, '') = '' AND coalesce(place, '') = '' AND coalesce(description, '') = ''`, e.ID, key)
			}
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled, new_start, new_end)
				VALUES (?, ?, 0, ?, ?)
				ON CONFLICT (event_id, occurrence_start) DO UPDATE SET cancelled = 0, new_start = excluded.new_start, new_end = excluded.new_end`,
				e.ID, key, fmtTime(newStart), fmtTime(newEnd))
		}
		if err != nil {
			return fmt.Errorf("回の移動: %w", err)
		}
		if err := followPlans(ctx, tx, db.Now(), e.ID, key, e.ID, key, newStart, newEnd); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE events SET updated_at = ? WHERE id = ?`, now, e.ID)
		return err
	})
}

// CancelOccurrence cancels one occurrence of a series; for a one-off event
// it cancels the event.
func (db *DB) CancelOccurrence(ctx context.Context, eventID string, originalStart time.Time) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		e, err := editableEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		at := db.Now()
		now := fmtTime(at)
		if e.RRule == "" {
			if !originalStart.Equal(e.Start) {
				return occurrenceNotFound(e, originalStart)
			}
			return cancelWhole(ctx, tx, at, e.ID)
		}
		if _, _, err := occurrenceAt(ctx, tx, e, originalStart); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled) VALUES (?, ?, 1)
			ON CONFLICT (event_id, occurrence_start) DO UPDATE SET cancelled = 1, new_start = NULL, new_end = NULL`,
			e.ID, fmtTime(originalStart)); err != nil {
			return fmt.Errorf("回の中止: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET updated_at = ? WHERE id = ?`, now, e.ID); err != nil {
			return err
		}
		return cancelPlans(ctx, tx, at, e.ID, cancelledOccurrences{from: originalStart})
	})
}

// CancelEvent cancels the event and every occurrence of it.
func (db *DB) CancelEvent(ctx context.Context, eventID string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		e, err := editableEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		return cancelWhole(ctx, tx, db.Now(), e.ID)
	})
}

// occurrenceAt returns the times of the occurrence of e whose original
// start is original: ENOTFOUND when there is none, ECONFLICT when it was
// cancelled.
func occurrenceAt(ctx context.Context, tx *sql.Tx, e *model.Event, original time.Time) (time.Time, time.Time, error) {
	if e.RRule == "" {
		if !original.Equal(e.Start) {
			return time.Time{}, time.Time{}, occurrenceNotFound(e, original)
		}
		return e.Start, e.End, nil
	}
	s := seriesOf(e)
	if !s.includes(original.In(s.loc)) {
		return time.Time{}, time.Time{}, occurrenceNotFound(e, original)
	}
	_, x, err := scanException(tx.QueryRowContext(ctx, `SELECT `+exceptionColumns+`
		FROM event_exceptions WHERE event_id = ? AND occurrence_start = ?`, e.ID, fmtTime(original)))
	switch {
	case err == sql.ErrNoRows:
		return original, original.Add(e.End.Sub(e.Start)), nil
	case err != nil:
		return time.Time{}, time.Time{}, err
	case x.cancelled:
		return time.Time{}, time.Time{}, model.Keyed(model.ECONFLICT, "err.event.occurrence_cancelled", "「%s」の %s の回は中止になりました", e.Title, original.In(s.loc).Format("2006-01-02 15:04"))
	case !x.start.IsZero():
		return x.start, x.end, nil
	}
	return original, original.Add(e.End.Sub(e.Start)), nil
}
