package data

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"time"

	"hiroba/ical"
	"hiroba/model"
)

// iCalendar in and out: ical reads and writes the files; this file loads
// what an export needs, ics_import.go saves what an import read.

// CancelledRetention is how long after it was cancelled an event is still
// exported, as STATUS:CANCELLED, so that a calendar that imported it
// earlier learns of it. Cancelled occurrences of a series are written as
// long as the series is.
const CancelledRetention = 180 * 24 * time.Hour

// ICSExport says what to export. A zero From or To leaves that side open;
// with a window, only events with an occurrence in it are written (whole
// series, with their rules).
type ICSExport struct {
	CommunityID string
	From, To    time.Time
}

// ExportICS writes the events the viewer can see as one VCALENDAR
// (ical.Write) named after the community (hiroba for all), and returns
// how many events (VEVENTs without RECURRENCE-ID) it wrote. Events
// cancelled within CancelledRetention are written as STATUS:CANCELLED.
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
	cal := ical.Calendar{Name: "hiroba"}
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		if opt.CommunityID != "" {
			c, err := communityByID(ctx, tx, opt.CommunityID)
			if err != nil {
				return err
			}
			cal.Name = c.Name
		}
		cal.Events, err = exportedEvents(ctx, tx, opt.CommunityID, inWindow, db.Now().Add(-CancelledRetention))
		return err
	})
	if err != nil {
		return 0, wrapOnce("iCalendar の書き出し", err)
	}
	if err := ical.Write(w, cal); err != nil {
		return 0, fmt.Errorf("iCalendar の書き出し: %w", err)
	}
	return len(cal.Events), nil
}

// exportedEvents reads the visible events of the community ("" for all)
// that are not cancelled, or were cancelled after since, in order of
// start; with inWindow, only those in it and those cancelled.
func exportedEvents(ctx context.Context, tx *sql.Tx, communityID string, inWindow map[string]bool, since time.Time) ([]*ical.Event, error) {
	w := where{args: []any{sql.Named("viewer", model.ViewerFrom(ctx))}}
	w.add(`(e.cancelled_at IS NULL OR e.cancelled_at >= @since)`, sql.Named("since", fmtTime(since)))
	w.add(visibleCommunity)
	if communityID != "" {
		w.add(`e.community_id = @community`, sql.Named("community", communityID))
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.uid, e.title, e.description, e.place, e.online_url, e.rrule, e.timezone,
		e.starts_at, e.ends_at, e.updated_at, e.all_day, e.twenty_percent, e.capacity, e.series_ends_at, e.cancelled_at IS NOT NULL
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
		var seriesEnd sql.NullString
		if err := rows.Scan(&e.ID, &e.UID, &e.Title, &e.Description, &e.Place, &e.OnlineURL, &e.RRule, &e.TimeZone,
			&start, &end, &updated, &e.AllDay, &e.TwentyPercent, &e.Capacity, &seriesEnd, &e.Cancelled); err != nil {
			return nil, err
		}
		e.Start, e.End, e.UpdatedAt, e.SeriesEnd = parseTime(start), parseTime(end), parseTime(updated), nullTime(seriesEnd)
		if inWindow != nil && !inWindow[e.ID] && !e.Cancelled {
			continue // a cancelled one has no occurrences, and its subscribers must learn of it
		}
		out = append(out, &e)
		if e.RRule != "" {
			byID[e.ID] = &e
		}
	}
	if err := rows.Err(); err != nil || len(byID) == 0 {
		return out, err
	}
	xrows, err := tx.QueryContext(ctx, `SELECT x.event_id, x.occurrence_start, x.cancelled, x.new_start, x.new_end, x.title, x.place, x.description
		FROM event_exceptions x JOIN events e ON e.id = x.event_id JOIN communities c ON c.id = e.community_id
		`+w.String()+` AND e.rrule <> '' ORDER BY x.event_id, x.occurrence_start`, w.args...)
	if err != nil {
		return nil, err
	}
	defer xrows.Close()
	for xrows.Next() {
		id, x, err := scanException(xrows)
		if err != nil {
			return nil, err
		}
		e := byID[id]
		if e == nil {
			continue
		}
		c := ical.Change{Original: x.original, Cancelled: x.cancelled, Start: x.start, End: x.end}
		if x.text != nil {
			c.Title, c.Place, c.Description = x.text.Title, x.text.Place, x.text.Description
		}
		if !c.Cancelled && !c.Moved() && x.text == nil {
			continue // says nothing
		}
		e.Changes = append(e.Changes, c)
	}
	return out, xrows.Err()
}
