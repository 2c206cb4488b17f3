package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // city hall PCs (Windows) may have no zoneinfo

	"hiroba/model"

	"github.com/teambition/rrule-go"
)

var _ model.EventService = (*DB)(nil)

// maxOneOffSpan is the longest one-off event the calendar finds when it
// began before the window: the schema has no index on ends_at, and without
// a lower bound on starts_at every earlier event would have to be read.
const maxOneOffSpan = 31 * 24 * time.Hour

// maxRuleSteps bounds the expansion of one rule, so that a rule such as
// FREQ=MINUTELY started years ago cannot stall the calendar.
const maxRuleSteps = 100000

const eventColumns = `e.id, e.community_id, c.name, e.title, e.description, e.starts_at, e.ends_at, e.all_day,
	e.timezone, e.place, e.online_url, e.capacity, e.organiser_id, o.name, e.twenty_percent, e.rrule, e.uid`

const eventFrom = ` FROM events e
	JOIN communities c ON c.id = e.community_id
	JOIN staff o ON o.id = e.organiser_id `

// event is a stored event with what expanding it needs.
type event struct {
	*model.Event
	timezone string
}

func scanEvent(row rowScanner) (*event, error) {
	e := event{Event: &model.Event{}}
	var start, end string
	if err := row.Scan(&e.ID, &e.CommunityID, &e.CommunityName, &e.Title, &e.Description, &start, &end, &e.AllDay,
		&e.timezone, &e.Place, &e.OnlineURL, &e.Capacity, &e.OrganiserID, &e.OrganiserName, &e.TwentyPercent,
		&e.RRule, &e.UID); err != nil {
		return nil, err
	}
	e.Start, e.End = parseTime(start), parseTime(end)
	return &e, nil
}

// Occurrences returns every occurrence that overlaps [from, to) (starts
// before to and ends after from) of the events of communities the viewer
// can see, in order of start. communityID "" means all communities.
// Recurring events are expanded in their own time zone; cancelled events
// and cancelled occurrences are left out, and moved occurrences appear at
// their new time. A one-off event that began more than maxOneOffSpan
// before from is not found (see maxOneOffSpan).
func (db *DB) Occurrences(ctx context.Context, from, to time.Time, communityID string) ([]model.Occurrence, error) {
	var out []model.Occurrence
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = occurrences(ctx, tx, from, to, communityID)
		return err
	})
	if err != nil {
		return nil, wrapOnce("予定の一覧", err)
	}
	return out, nil
}

func occurrences(ctx context.Context, tx *sql.Tx, from, to time.Time, communityID string) ([]model.Occurrence, error) {
	w := where{args: []any{
		sql.Named("viewer", model.ViewerFrom(ctx)),
		sql.Named("from", fmtTime(from)),
		sql.Named("to", fmtTime(to)),
	}}
	w.add(`e.cancelled_at IS NULL`)
	w.add(visibleCommunity)
	if communityID != "" {
		w.add(`e.community_id = @community`, sql.Named("community", communityID))
	}
	// One-off and recurring events are found by different indexes, hence
	// two queries. CROSS JOIN keeps events the outer loop, so that the
	// range on starts_at (events_by_start, or events_by_community for one
	// community) bounds the work rather than the number of communities.
	oneOff := `SELECT ` + eventColumns + ` FROM events e
		CROSS JOIN communities c ON c.id = e.community_id
		JOIN staff o ON o.id = e.organiser_id ` + w.String() + `
		AND e.rrule = '' AND e.starts_at >= @lookback AND e.starts_at < @to AND e.ends_at > @from`
	// The partial index events_recurring holds the recurring events only.
	recurring := `SELECT ` + eventColumns + ` FROM events e INDEXED BY events_recurring
		CROSS JOIN communities c ON c.id = e.community_id
		JOIN staff o ON o.id = e.organiser_id ` + w.String() + `
		AND e.rrule <> '' AND e.starts_at < @to AND (e.series_ends_at IS NULL OR e.series_ends_at >= @from)`
	w.args = append(w.args, sql.Named("lookback", fmtTime(from.Add(-maxOneOffSpan))))

	var out []model.Occurrence
	events, err := queryEvents(ctx, tx, oneOff, w.args)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		out = append(out, model.Occurrence{Event: e.Event, Start: e.Start, End: e.End})
	}

	series, err := queryEvents(ctx, tx, recurring, w.args)
	if err != nil || len(series) == 0 {
		return sortOccurrences(out), err
	}
	exceptions, err := eventExceptions(ctx, tx, series)
	if err != nil {
		return nil, err
	}
	zones := map[string]*time.Location{}
	for _, e := range series {
		out = append(out, expand(e, zones, exceptions[e.ID], from, to)...)
	}
	return sortOccurrences(out), nil
}

func queryEvents(ctx context.Context, tx *sql.Tx, query string, args []any) ([]*event, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// exception is one cancelled or moved occurrence; a zero Start means
// cancelled.
type exception struct {
	Start, End time.Time
}

// eventExceptions returns the exceptions of the events, by event id and
// then by the original start in Unix milliseconds.
func eventExceptions(ctx context.Context, tx *sql.Tx, events []*event) (map[string]map[int64]exception, error) {
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT event_id, occurrence_start, cancelled, new_start, new_end
		FROM event_exceptions WHERE event_id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("予定の例外: %w", err)
	}
	defer rows.Close()
	out := map[string]map[int64]exception{}
	for rows.Next() {
		var id, original string
		var cancelled bool
		var newStart, newEnd sql.NullString
		if err := rows.Scan(&id, &original, &cancelled, &newStart, &newEnd); err != nil {
			return nil, err
		}
		var x exception
		if !cancelled && newStart.Valid {
			x.Start = parseTime(newStart.String)
			if t := nullTime(newEnd); t != nil {
				x.End = *t
			}
		} else if !cancelled {
			continue // neither cancelled nor moved: nothing to apply
		}
		if out[id] == nil {
			out[id] = map[int64]exception{}
		}
		out[id][parseTime(original).UnixMilli()] = x
	}
	return out, rows.Err()
}

// expand returns the occurrences of the recurring event e that overlap
// [from, to), with its exceptions applied. A rule that cannot be read
// leaves the event as a one-off, so that it is still seen.
func expand(e *event, zones map[string]*time.Location, exceptions map[int64]exception, from, to time.Time) []model.Occurrence {
	dur := e.End.Sub(e.Start)
	overlaps := func(start, end time.Time) bool { return start.Before(to) && end.After(from) }
	occurrence := func(start, end time.Time) model.Occurrence {
		return model.Occurrence{Event: e.Event, Start: start, End: end}
	}
	rule, err := recurrence(e, zones)
	if err != nil {
		if overlaps(e.Start, e.End) {
			return []model.Occurrence{occurrence(e.Start, e.End)}
		}
		return nil
	}

	var out []model.Occurrence
	applied := map[int64]bool{}
	next := rule.Iterator()
	for i := 0; i < maxRuleSteps; i++ {
		start, ok := next()
		if !ok || !start.Before(to) {
			break
		}
		key := start.UnixMilli()
		if x, ok := exceptions[key]; ok {
			applied[key] = true
			if !x.Start.IsZero() && overlaps(x.Start, x.movedEnd(dur)) {
				out = append(out, occurrence(x.Start, x.movedEnd(dur)))
			}
			continue
		}
		if end := start.Add(dur); overlaps(start, end) {
			out = append(out, occurrence(start.UTC(), end.UTC()))
		}
	}
	// Occurrences moved into the window from outside it.
	for key, x := range exceptions {
		if applied[key] || x.Start.IsZero() || !overlaps(x.Start, x.movedEnd(dur)) {
			continue
		}
		original := time.UnixMilli(key)
		if len(rule.Between(original, original, true)) > 0 {
			out = append(out, occurrence(x.Start, x.movedEnd(dur)))
		}
	}
	return out
}

// movedEnd is the end of a moved occurrence: as stored, or its start plus
// the usual length.
func (x exception) movedEnd(dur time.Duration) time.Time {
	if x.End.IsZero() {
		return x.Start.Add(dur)
	}
	return x.End
}

// recurrence reads the event's RRULE in the event's time zone, starting at
// the event's first start.
func recurrence(e *event, zones map[string]*time.Location) (*rrule.RRule, error) {
	loc, ok := zones[e.timezone]
	if !ok {
		var err error
		if loc, err = time.LoadLocation(e.timezone); err != nil {
			loc = time.UTC
		}
		zones[e.timezone] = loc
	}
	opt, err := rrule.StrToROptionInLocation(strings.TrimPrefix(e.RRule, "RRULE:"), loc)
	if err != nil {
		return nil, err
	}
	opt.Dtstart = e.Start.In(loc)
	return rrule.NewRRule(*opt)
}

func sortOccurrences(out []model.Occurrence) []model.Occurrence {
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].Event.ID < out[j].Event.ID
	})
	return out
}

// EventByID returns the event, or ENOTFOUND when it does not exist, was
// cancelled, or belongs to a community the viewer cannot see.
func (db *DB) EventByID(ctx context.Context, id string) (*model.Event, error) {
	var e *event
	var cancelled sql.NullString
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		e, err = scanEvent(tx.QueryRowContext(ctx, `SELECT `+eventColumns+eventFrom+`
			WHERE e.id = @id AND `+visibleCommunity,
			sql.Named("id", id), sql.Named("viewer", model.ViewerFrom(ctx))))
		if errors.Is(err, sql.ErrNoRows) {
			return model.Errorf(model.ENOTFOUND, "予定が見つかりません。削除されたか、参加者だけに公開されたコミュニティのものです")
		} else if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT cancelled_at FROM events WHERE id = ?`, id).Scan(&cancelled)
	})
	if err != nil {
		return nil, wrapOnce("予定 "+id, err)
	}
	if cancelled.Valid {
		return nil, model.Errorf(model.ENOTFOUND, "「%s」は中止になりました", e.Title)
	}
	return e.Event, nil
}
