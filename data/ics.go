package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"hiroba/ical"
	"hiroba/model"
)

// iCalendar in and out: ical reads and writes the files; this file loads
// what an export needs and saves what an import read.

// ICSExport says what to export. A zero From or To leaves that side open;
// with a window, only events with an occurrence in it are written (whole
// series, with their rules).
type ICSExport struct {
	CommunityID string
	From, To    time.Time
}

// ExportICS writes the events the viewer can see as one VCALENDAR
// (ical.Write), and returns how many events (VEVENTs without
// RECURRENCE-ID) it wrote. Cancelled events are left out.
func (db *DB) ExportICS(ctx context.Context, w io.Writer, opt ICSExport) (int, error) {
	var inWindow map[string]bool
	if !opt.From.IsZero() || !opt.To.IsZero() {
		from, to := opt.From, opt.To
		if from.IsZero() {
			from = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		if to.IsZero() {
			to = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		os, err := db.Occurrences(ctx, from, to, opt.CommunityID)
		if err != nil {
			return 0, err
		}
		inWindow = map[string]bool{}
		for _, o := range os {
			inWindow[o.Event.ID] = true
		}
	}
	var events []*ical.Event
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		if opt.CommunityID != "" {
			if _, err := communityByID(ctx, tx, opt.CommunityID); err != nil {
				return err
			}
		}
		events, err = exportedEvents(ctx, tx, opt.CommunityID, inWindow)
		return err
	})
	if err != nil {
		return 0, wrapOnce("iCalendar の書き出し", err)
	}

	if err := ical.Write(w, events); err != nil {
		return 0, fmt.Errorf("iCalendar の書き出し: %w", err)
	}
	return len(events), nil
}

// exportedEvents reads the visible, not cancelled events of the community
// ("" for all), in order of start; with inWindow, only those in it.
func exportedEvents(ctx context.Context, tx *sql.Tx, communityID string, inWindow map[string]bool) ([]*ical.Event, error) {
	w := where{args: []any{sql.Named("viewer", model.ViewerFrom(ctx))}}
	w.add(`e.cancelled_at IS NULL`)
	w.add(visibleCommunity)
	if communityID != "" {
		w.add(`e.community_id = @community`, sql.Named("community", communityID))
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.uid, e.title, e.description, e.place, e.online_url, e.rrule, e.timezone,
		e.starts_at, e.ends_at, e.updated_at, e.all_day, e.twenty_percent, e.capacity
		FROM events e JOIN communities c ON c.id = e.community_id `+w.String()+` ORDER BY e.starts_at, e.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ical.Event
	byID := map[string]*ical.Event{}
	for rows.Next() {
		var e ical.Event
		var start, end, updated string
		if err := rows.Scan(&e.ID, &e.UID, &e.Title, &e.Description, &e.Place, &e.OnlineURL, &e.RRule, &e.TimeZone,
			&start, &end, &updated, &e.AllDay, &e.TwentyPercent, &e.Capacity); err != nil {
			return nil, err
		}
		if inWindow != nil && !inWindow[e.ID] {
			continue
		}
		e.Start, e.End, e.UpdatedAt = parseTime(start), parseTime(end), parseTime(updated)
		out = append(out, &e)
		if e.RRule != "" {
			byID[e.ID] = &e
		}
	}
	if err := rows.Err(); err != nil || len(byID) == 0 {
		return out, err
	}
	xrows, err := tx.QueryContext(ctx, `SELECT x.event_id, x.occurrence_start, x.cancelled, x.new_start, x.new_end
		FROM event_exceptions x JOIN events e ON e.id = x.event_id JOIN communities c ON c.id = e.community_id
		`+w.String()+` AND e.rrule <> '' ORDER BY x.event_id, x.occurrence_start`, w.args...)
	if err != nil {
		return nil, err
	}
	defer xrows.Close()
	for xrows.Next() {
		var id, original string
		var cancelled bool
		var newStart, newEnd sql.NullString
		if err := xrows.Scan(&id, &original, &cancelled, &newStart, &newEnd); err != nil {
			return nil, err
		}
		e := byID[id]
		if e == nil || !cancelled && !newStart.Valid {
			continue // not exported, or neither cancelled nor moved
		}
		x := ical.Change{Original: parseTime(original)}
		if !cancelled {
			x.Start = parseTime(newStart.String)
			x.End = x.Start.Add(e.End.Sub(e.Start))
			if t := nullTime(newEnd); t != nil {
				x.End = *t
			}
		}
		e.Changes = append(e.Changes, x)
	}
	return out, xrows.Err()
}

// icsWhen formats a start or end: a DATE for all-day events, else a local
// time with TZID, or a UTC time for a series defined in another zone
// (whose rule must expand where it was defined; the file carries only the

type ICSImport struct {
	Created, Updated, Unchanged, Skipped int
	Warnings                             []error // keyed, each at its line
}

// ImportICS reads an iCalendar file and saves its events in one
// transaction: all of them, or, when anything is wrong, none. An event
// whose UID is already in the database is updated (in its own community,
// by an organiser of it or the event's creator); a new one goes into the
// community communityID (an id or an exact name), of which the viewer
// must be a member. communityID may be "" when every event is already known.
// A malformed file is refused with an EINVALID error that names the line
// (ical.Read).
func (db *DB) ImportICS(ctx context.Context, r io.Reader, communityID string) (*ICSImport, error) {
	f, err := ical.Read(r)
	if err != nil {
		return nil, err
	}
	var res *ICSImport
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		// A busy transaction runs again whole: count from nothing each time.
		res = &ICSImport{Skipped: f.Skipped, Warnings: slices.Clone(f.Warnings)}
		return db.saveImported(ctx, tx, f.Events, communityID, res)
	})
	if err != nil {
		return nil, wrapOnce("iCalendar の取り込み", err)
	}
	return res, nil
}

// saveImported writes the events read from a file, in the caller's
// transaction, with the event store's own rules: members of a community
// add events (insertEvent, as CreateEvent), its organisers and an event's
// creator change it, and rules are stored in canonical form.
func (db *DB) saveImported(ctx context.Context, tx *sql.Tx, events []*ical.Event, communityID string, res *ICSImport) error {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return err
	}
	var target *model.Community
	if communityID != "" {
		if target, err = importTarget(ctx, tx, communityID); err != nil {
			return err
		}
	}
	var homeless []*ical.Event // new events with no community given
	for _, e := range events {
		ev := &e.Event
		seriesEnd, err := normalizeRule(ev)
		if err != nil {
			return ical.AtLine(e.Line, err)
		}
		var id string
		err = tx.QueryRowContext(ctx, `SELECT id FROM events WHERE uid = ?`, ev.UID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			switch {
			case e.Cancelled:
				res.Skipped++
			case target == nil:
				homeless = append(homeless, e)
			default:
				ev.CommunityID, ev.OrganiserID = target.ID, ""
				if err := insertEvent(ctx, tx, ev, me.ID, db.Now()); err != nil {
					return ical.AtLine(e.Line, err)
				}
				if err := saveChanges(ctx, tx, ev.ID, e); err != nil {
					return err
				}
				res.Created++
			}
			continue
		} else if err != nil {
			return fmt.Errorf("UID %s: %w", ev.UID, err)
		}

		old, err := eventByID(ctx, tx, id)
		if model.ErrorCode(err) == model.ENOTFOUND {
			return model.Keyed(model.EFORBIDDEN, "err.ics.uid_hidden", "%d 行目: UID %s の予定は、あなたが見られないコミュニティにすでにあります", e.Line, ical.Excerpt(ev.UID))
		} else if err != nil {
			return err
		}
		forbidden := func() error {
			return model.Keyed(model.EFORBIDDEN, "err.ics.not_yours", "%d 行目: 「%s」はコミュニティ「%s」の予定です。変えられるのは作った人とコミュニティの世話役だけです", e.Line, old.Title, old.CommunityName)
		}
		if old.Cancelled {
			res.Skipped++
			res.Warnings = append(res.Warnings, ical.LineError(e.Line, "err.ics.cancelled_kept", "「%s」は hiroba で中止になっているため、変えませんでした", old.Title))
			continue
		}
		now := fmtTime(db.Now())
		if e.Cancelled {
			if !old.CanEdit {
				return forbidden()
			}
			if _, err := tx.ExecContext(ctx, `UPDATE events SET cancelled_at = ?, updated_at = ? WHERE id = ?`, now, now, id); err != nil {
				return err
			}
			res.Updated++
			continue
		}
		if !e.HasCapacity {
			ev.Capacity = old.Capacity
		}
		if !e.HasTwentyPercent {
			ev.TwentyPercent = old.TwentyPercent
		}
		changed, err := importedChanged(ctx, tx, old, e)
		if err != nil {
			return err
		}
		if !changed {
			res.Unchanged++ // even for those who may not change it
			continue
		}
		if !old.CanEdit {
			return forbidden()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET title = ?, description = ?, starts_at = ?, ends_at = ?, all_day = ?,
			timezone = ?, place = ?, online_url = ?, capacity = ?, twenty_percent = ?, rrule = ?, series_ends_at = ?, updated_at = ?
			WHERE id = ?`, ev.Title, ev.Description, fmtTime(ev.Start), fmtTime(ev.End), ev.AllDay, ev.TimeZone, ev.Place,
			ev.OnlineURL, ev.Capacity, ev.TwentyPercent, ev.RRule, nullTimeArg(seriesEnd), now, id); err != nil {
			return fmt.Errorf("予定 %s の更新: %w", id, err)
		}
		if err := saveChanges(ctx, tx, id, e); err != nil {
			return err
		}
		res.Updated++
	}
	if len(homeless) > 0 {
		first := homeless[0]
		if mine := memberList(ctx, tx, me.ID); len(mine) > 0 {
			return model.Keyed(model.EINVALID, "err.ics.homeless", "新しい予定が %d 件あります (%d 行目の「%s」など)。取り込み先のコミュニティを指定してください。あなたが参加しているコミュニティ: %s",
				len(homeless), first.Line, first.Title, mine)
		}
		return model.Keyed(model.EINVALID, "err.ics.homeless.none", "新しい予定が %d 件あります (%d 行目の「%s」など)。取り込み先のコミュニティを指定してください。あなたはまだどのコミュニティにも参加していません",
			len(homeless), first.Line, first.Title)
	}
	return nil
}

// importTarget finds the community new events go into, by id or exact
// name, and checks that the viewer may add events to it.
func importTarget(ctx context.Context, tx *sql.Tx, idOrName string) (*model.Community, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id FROM communities c WHERE (c.id = @q OR c.name = @q) AND `+visibleCommunity,
		sql.Named("q", idOrName), sql.Named("viewer", model.ViewerFrom(ctx)))
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	switch len(ids) {
	case 0:
		return nil, model.Keyed(model.ENOTFOUND, "err.community.name_not_found", "コミュニティ「%s」が見つかりません", model.CleanLine(idOrName))
	case 1:
		return memberOf(ctx, tx, ids[0])
	}
	return nil, model.Keyed(model.EINVALID, "err.community.name_ambiguous", "「%s」という名前のコミュニティが %d つあります。ID で指定してください", model.CleanLine(idOrName), len(ids))
}

// memberList names the communities the staff member belongs to, for a
// message that asks which one to use.
func memberList(ctx context.Context, tx *sql.Tx, staffID string) model.List {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.name FROM memberships m JOIN communities c ON c.id = m.community_id
		WHERE m.staff_id = ? ORDER BY m.role = 'organiser' DESC, c.name, c.id LIMIT 10`, staffID)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var list model.List
	for rows.Next() {
		var id, name string
		if rows.Scan(&id, &name) == nil {
			list = append(list, fmt.Sprintf("%s (%s)", model.CleanLine(name), id))
		}
	}
	return list
}

// saveChanges replaces the event's cancelled and moved occurrences with
// those of the file, which is the source of the series.
func saveChanges(ctx context.Context, tx *sql.Tx, id string, e *ical.Event) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_exceptions WHERE event_id = ?`, id); err != nil {
		return err
	}
	for _, x := range e.Changes {
		var start, end any
		if !x.Start.IsZero() {
			start, end = fmtTime(x.Start), fmtTime(x.End)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled, new_start, new_end)
			VALUES (?, ?, ?, ?, ?)`, id, fmtTime(x.Original), x.Start.IsZero(), start, end); err != nil {
			return fmt.Errorf("%d 行目の予定の例外: %w", e.Line, err)
		}
	}
	return nil
}

// importedChanged reports whether the file says anything about the stored
// event old that the database does not already hold. series_ends_at is
// left out: it follows from the start and the rule, and other writers
// store UNTIL there rather than the last start.
func importedChanged(ctx context.Context, tx *sql.Tx, old *model.Event, e *ical.Event) (bool, error) {
	ev := &e.Event
	if ev.Title != old.Title || ev.Description != old.Description || !ev.Start.Equal(old.Start) || !ev.End.Equal(old.End) ||
		ev.AllDay != old.AllDay || ev.TimeZone != old.TimeZone || ev.Place != old.Place || ev.OnlineURL != old.OnlineURL ||
		ev.Capacity != old.Capacity || ev.TwentyPercent != old.TwentyPercent || ev.RRule != old.RRule {
		return true, nil
	}
	var want []string
	for _, x := range e.Changes {
		want = append(want, exceptionKey(x.Original, x.Start, x.End))
	}
	rows, err := tx.QueryContext(ctx, `SELECT occurrence_start, cancelled, new_start, new_end FROM event_exceptions WHERE event_id = ?`, old.ID)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var have []string
	for rows.Next() {
		var original string
		var cancelled bool
		var newStart, newEnd sql.NullString
		if err := rows.Scan(&original, &cancelled, &newStart, &newEnd); err != nil {
			return false, err
		}
		var start, end time.Time
		if !cancelled && newStart.Valid {
			start = parseTime(newStart.String)
			end = start
			if t := nullTime(newEnd); t != nil {
				end = *t
			}
		}
		have = append(have, exceptionKey(parseTime(original), start, end))
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	sort.Strings(want)
	sort.Strings(have)
	return strings.Join(want, "\n") != strings.Join(have, "\n"), nil
}

// exceptionKey is an exception as text, for comparing; a zero start means
// cancelled.
func exceptionKey(original, start, end time.Time) string {
	if start.IsZero() {
		return fmtTime(original) + " cancelled"
	}
	return fmtTime(original) + " " + fmtTime(start) + " " + fmtTime(end)
}
