package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // city hall PCs (Windows) may have no zoneinfo

	"hiroba/model"
	"hiroba/recur"
)

var _ model.EventService = (*DB)(nil)

// maxOneOffSpan is the longest event the calendar finds when it began
// before the window: without a lower bound on starts_at every earlier event
// would have to be read. The same bound limits how long one occurrence of
// a series may last.
const maxOneOffSpan = 31 * 24 * time.Hour

// eventColumns are read by scanEvent; description is added by
// eventColumnsFull only where one event is shown.
const eventColumns = `e.id, e.community_id, c.name, e.title, e.starts_at, e.ends_at, e.all_day,
	e.timezone, e.place, e.online_url, e.capacity, e.organiser_id, o.name, e.twenty_percent, e.rrule,
	e.series_ends_at, e.uid, e.created_by, e.updated_at, e.cancelled_at`

// listColumns are eventColumns without the joins: lists fill in the
// community and organiser names afterwards, once per name (fillNames),
// which saves two lookups per event.
var listColumns = strings.NewReplacer("c.name", "''", "o.name", "''").Replace(eventColumns)

const eventFrom = ` FROM events e
	JOIN communities c ON c.id = e.community_id
	JOIN staff o ON o.id = e.organiser_id `

// hiddenCommunities is the condition that the event e is not in a
// members-only community the viewer (@viewer) does not belong to. SQLite
// computes the list once per query, which is cheaper than looking up each
// event's community.
const hiddenCommunities = `e.community_id NOT IN (` + hiddenCommunityIDsOf + `)`

func scanEvent(row rowScanner, withDescription bool) (*model.Event, error) {
	e := &model.Event{}
	var start, end, updated string
	var seriesEnd, cancelled sql.NullString
	dest := []any{&e.ID, &e.CommunityID, &e.CommunityName, &e.Title, &start, &end, &e.AllDay,
		&e.TimeZone, &e.Place, &e.OnlineURL, &e.Capacity, &e.OrganiserID, &e.OrganiserName, &e.TwentyPercent,
		&e.RRule, &seriesEnd, &e.UID, &e.CreatedBy, &updated, &cancelled}
	if withDescription {
		dest = append(dest, &e.Description)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	e.Start, e.End, e.UpdatedAt = parseStoredTime(start), parseStoredTime(end), parseStoredTime(updated)
	e.SeriesEnd, e.Cancelled = nullTime(seriesEnd), cancelled.Valid
	return e, nil
}

// zone is the time zone named name, model.DefaultTimeZone for "" or an
// unknown name (model.Zone keeps them).
func zone(name string) *time.Location { return (&model.Event{TimeZone: name}).Location() }

// rules caches rules read by their text, which is all reading depends
// on; so no entry ever goes stale, and events sharing a rule share it.
var rules sync.Map // string -> *recur.Rule (nil: unreadable)

func parseRule(text string) *recur.Rule {
	if r, ok := rules.Load(text); ok {
		return r.(*recur.Rule)
	}
	r, err := recur.Parse(text)
	if err != nil {
		r = nil
	}
	rules.Store(text, r)
	return r
}

// series is a recurring event as much as expanding it needs.
type series struct {
	id, communityID string
	start, end      time.Time
	rrule           string
	loc             *time.Location
	seriesEnd       *time.Time
	// rec is the rule anchored at the start; nil for a rule that cannot
	// be read (a row written by another program), whose first start then
	// stands alone, so that the event is still seen.
	rec *recur.Series
}

// prepare reads the rule once for the many expansions of a series.
func (s *series) prepare() {
	if r := parseRule(s.rrule); r != nil {
		s.rec = recur.New(r, s.start, s.loc)
	}
}

// starts calls yield with the rule's starts from from on, in order, until
// yield returns false.
func (s *series) starts(from time.Time, yield func(time.Time) bool) {
	if s.rec != nil {
		s.rec.Each(from, yield)
		return
	}
	if first := s.start.In(s.loc); !first.Before(from) {
		yield(first)
	}
}

// between calls yield with the rule's starts in [from, to), in order,
// looking no further than to.
func (s *series) between(from, to time.Time, yield func(time.Time) bool) {
	if s.rec != nil {
		s.rec.Range(from, to, yield)
		return
	}
	if first := s.start.In(s.loc); !first.Before(from) && first.Before(to) {
		yield(first)
	}
}

// includes reports whether t is an occurrence of the rule (recur's
// Includes), or the first start of a series without a readable rule.
func (s *series) includes(t time.Time) bool {
	if s.rec != nil {
		return s.rec.Includes(t)
	}
	return s.start.Equal(t)
}

// exception is one cancelled, moved or changed occurrence.
type exception struct {
	original   time.Time
	cancelled  bool
	start, end time.Time             // a moved occurrence's new times
	text       *model.OccurrenceText // nil: what the series says
}

// exceptionColumns are read by scanException.
const exceptionColumns = `event_id, occurrence_start, cancelled, new_start, new_end, title, place, description`

// occ is an occurrence before the event's details are read.
type occ struct {
	eventID              string
	start, end, original time.Time
	moved                bool
	text                 *model.OccurrenceText
}

// window is [from, to) and what overlapping it means. An occurrence
// overlaps when it starts before to and ends after from; one without
// length overlaps when it starts in the window.
type window struct{ from, to time.Time }

func (w window) overlaps(start, end time.Time) bool {
	return start.Before(w.to) && (end.After(w.from) || !start.Before(w.from))
}

// expand appends the occurrences of s that overlap w, with its exceptions
// (by original start in Unix milliseconds) applied.
func (s *series) expand(w window, exceptions map[int64]exception, out []occ) []occ {
	dur := s.end.Sub(s.start)
	s.between(w.from.Add(-dur), w.to, func(t time.Time) bool {
		x, ok := exceptions[t.UnixMilli()]
		if ok && (x.cancelled || !x.start.IsZero()) {
			return true // cancelled, or moved: added below
		}
		if end := t.Add(dur); w.overlaps(t, end) {
			out = append(out, occ{eventID: s.id, start: t.UTC(), end: end.UTC(), original: t.UTC(), text: x.text})
		}
		return true
	})
	for _, x := range exceptions {
		if x.cancelled || x.start.IsZero() || !w.overlaps(x.start, x.end) || !s.includes(x.original.In(s.loc)) {
			continue
		}
		out = append(out, occ{eventID: s.id, start: x.start, end: x.end, original: x.original, moved: true, text: x.text})
	}
	return out
}

// hiddenCommunityIDs returns the members-only communities the viewer does
// not belong to.
func hiddenCommunityIDs(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, hiddenCommunityIDsOf, sql.Named("viewer", model.ViewerFrom(ctx)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

func scanException(row rowScanner) (string, exception, error) {
	var id, original string
	var x exception
	var newStart, newEnd, title, place, description sql.NullString
	if err := row.Scan(&id, &original, &x.cancelled, &newStart, &newEnd, &title, &place, &description); err != nil {
		return "", x, err
	}
	x.original = parseTime(original)
	if title.String != "" || place.String != "" || description.String != "" {
		x.text = &model.OccurrenceText{Title: title.String, Place: place.String, Description: description.String}
	}
	if !x.cancelled && newStart.Valid {
		x.start = parseTime(newStart.String)
		x.end = x.start
		if t := nullTime(newEnd); t != nil {
			x.end = *t
		}
	}
	return id, x, nil
}

// Occurrences returns every occurrence that overlaps [from, to) (starts
// before to and ends after from) of the events of communities the viewer
// can see, in order of start. communityID "" means all communities.
// Recurring events are expanded in their own time zone; cancelled events
// and cancelled occurrences are left out, and moved occurrences appear at
// their new time. An event that began more than maxOneOffSpan before from
// is not found (see maxOneOffSpan). Descriptions are left empty.
func (db *DB) Occurrences(ctx context.Context, from, to time.Time, communityID string) ([]model.Occurrence, error) {
	out, _, err := db.agenda(ctx, from, to, 0, 0, communityID)
	return out, err
}

// NextOccurrences returns the first n occurrences (by start) that
// Occurrences would: only those are read in full. A community's pane
// shows five of its next events, and reading the details of all its
// occurrences in four months took most of the time of the pane's reads
// on the scale-1 file.
func (db *DB) NextOccurrences(ctx context.Context, from, to time.Time, communityID string, n int) ([]model.Occurrence, error) {
	if n <= 0 {
		return []model.Occurrence{}, nil
	}
	out, _, err := db.agenda(ctx, from, to, 0, n, communityID)
	return out, err
}

// Agenda returns what Occurrences does, but only the first perDay
// occurrences (by start) of each day of from's location, and how many
// each day has in all, as OccurrenceDays counts them: a screen reads the
// details of what it can show. An occurrence that spans days is kept when
// it is among the first of any of them. perDay 0 keeps every occurrence.
func (db *DB) Agenda(ctx context.Context, from, to time.Time, perDay int, communityID string) ([]model.Occurrence, map[string]int, error) {
	return db.agenda(ctx, from, to, perDay, 0, communityID)
}

// agenda is Agenda keeping at most limit occurrences in all (0: no limit).
func (db *DB) agenda(ctx context.Context, from, to time.Time, perDay, limit int, communityID string) ([]model.Occurrence, map[string]int, error) {
	var out []model.Occurrence
	var counts map[string]int
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		w := window{from, to}
		found, va, err := db.windowOccs(ctx, tx, w, communityID)
		if err != nil {
			return err
		}
		slices.SortFunc(found, func(a, b occ) int {
			if c := a.start.Compare(b.start); c != 0 {
				return c
			}
			return cmp.Compare(a.eventID, b.eventID)
		})
		// In order of start, an occurrence is kept while a day it covers
		// has fewer than perDay counted so far.
		days := newDayCounts(from, to)
		kept := found[:0:0]
		for _, o := range found {
			if perDay <= 0 || days.fewer(o.start, o.end, perDay) {
				kept = append(kept, o)
			}
			days.add(o.start, o.end)
		}
		counts = days.byDate()
		if limit > 0 && len(kept) > limit {
			kept = kept[:limit]
		}
		out, err = occurrenceDetails(ctx, tx, kept, va)
		return err
	})
	if err != nil {
		return nil, nil, wrapOnce("予定の一覧", err)
	}
	return out, counts, nil
}

// occurrenceDetails reads the events of found, with their names and
// answer counts, and returns found as occurrences in its order.
func occurrenceDetails(ctx context.Context, tx *sql.Tx, found []occ, va *viewerAccess) ([]model.Occurrence, error) {
	events := map[string]*model.Event{}
	var ids []string
	for _, o := range found {
		if _, ok := events[o.eventID]; !ok {
			events[o.eventID] = nil
			ids = append(ids, o.eventID)
		}
	}
	if len(ids) == 0 {
		return []model.Occurrence{}, nil
	}
	if err := eventsByIDs(ctx, tx, ids, events, va.organises); err != nil {
		return nil, err
	}
	if err := fillNames(ctx, tx, events); err != nil {
		return nil, err
	}
	out := make([]model.Occurrence, 0, len(found))
	for _, o := range found {
		if e := events[o.eventID]; e != nil {
			oc := model.Occurrence{Event: e, Start: o.start, End: o.end, OriginalStart: o.original, Moved: o.moved, Text: o.text}
			oc.Event = oc.Shown(e)
			out = append(out, oc)
		}
	}
	if err := addRSVPCounts(ctx, tx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// dayCounts counts occurrences on each day of a window, in the location
// of its start. An occurrence counts on every day it overlaps; one that
// ends at midnight does not count on the day it ends.
type dayCounts struct {
	loc      *time.Location
	firstDay int   // localDay of the window's first day
	n        []int // per day
}

func newDayCounts(from, to time.Time) *dayCounts {
	loc := from.Location()
	first, last := localDay(from, loc), localDay(to.Add(-time.Nanosecond), loc)
	return &dayCounts{loc: loc, firstDay: first, n: make([]int, max(last-first+1, 0))}
}

// days returns the indexes of the first and last day an occurrence
// covers, within the window.
func (d *dayCounts) days(start, end time.Time) (int, int) {
	d1 := localDay(start, d.loc)
	d2 := d1
	if end.After(start) {
		d2 = localDay(end.Add(-time.Nanosecond), d.loc)
	}
	return max(d1-d.firstDay, 0), min(d2-d.firstDay, len(d.n)-1)
}

func (d *dayCounts) add(start, end time.Time) {
	i, j := d.days(start, end)
	for ; i <= j; i++ {
		d.n[i]++
	}
}

// fewer reports whether any day the occurrence covers has fewer than
// limit.
func (d *dayCounts) fewer(start, end time.Time, limit int) bool {
	i, j := d.days(start, end)
	for ; i <= j; i++ {
		if d.n[i] < limit {
			return true
		}
	}
	return false
}

// byDate is the counts by date (2006-01-02), leaving out empty days.
func (d *dayCounts) byDate() map[string]int {
	out := make(map[string]int, len(d.n))
	for i, n := range d.n {
		if n > 0 {
			out[time.Unix(int64(d.firstDay+i)*86400, 0).UTC().Format(dateFormat)] = n
		}
	}
	return out
}

// organiserOf returns the communities the viewer organises.
func organiserOf(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	out := map[string]bool{}
	viewer := model.ViewerFrom(ctx)
	if viewer == "" {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT community_id FROM memberships WHERE staff_id = ? AND role = 'organiser'`, viewer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// eventsByIDs reads the events with these ids that the viewer can see into
// events, without their descriptions and names (see fillNames).
func eventsByIDs(ctx context.Context, tx *sql.Tx, ids []string, events map[string]*model.Event, editable map[string]bool) error {
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+listColumns+` FROM events e WHERE e.id IN (SELECT value FROM json_each(@ids)) AND `+hiddenCommunities,
		sql.Named("ids", string(list)), sql.Named("viewer", model.ViewerFrom(ctx)))
	if err != nil {
		return err
	}
	defer rows.Close()
	viewer := model.ViewerFrom(ctx)
	for rows.Next() {
		e, err := scanEvent(rows, false)
		if err != nil {
			return err
		}
		e.CanEdit = e.CreatedBy == viewer && viewer != "" || editable[e.CommunityID]
		events[e.ID] = e
	}
	return rows.Err()
}

// fillNames sets the community and organiser names of the events.
func fillNames(ctx context.Context, tx *sql.Tx, events map[string]*model.Event) error {
	var communities, staff []string
	seen := map[string]string{}
	for _, e := range events {
		if e == nil {
			continue
		}
		if _, ok := seen[e.CommunityID]; !ok {
			seen[e.CommunityID] = ""
			communities = append(communities, e.CommunityID)
		}
		if _, ok := seen[e.OrganiserID]; !ok {
			seen[e.OrganiserID] = ""
			staff = append(staff, e.OrganiserID)
		}
	}
	if len(communities) > 0 {
		cs, err := json.Marshal(communities)
		if err != nil {
			return err
		}
		ss, err := json.Marshal(staff)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, name FROM communities WHERE id IN (SELECT value FROM json_each(?))
			UNION ALL SELECT id, name FROM staff WHERE id IN (SELECT value FROM json_each(?))`, string(cs), string(ss))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			seen[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, e := range events {
		if e != nil {
			e.CommunityName, e.OrganiserName = seen[e.CommunityID], seen[e.OrganiserID]
		}
	}
	return nil
}

// occurrenceKey names one occurrence: event id and original start.
type occurrenceKey struct {
	id string
	ms int64
}

// addRSVPCounts fills in Going, Waiting and the viewer's answer.
func addRSVPCounts(ctx context.Context, tx *sql.Tx, out []model.Occurrence) error {
	if len(out) == 0 {
		return nil
	}
	lo, hi := out[0].OriginalStart, out[0].OriginalStart
	ids := make([]string, 0, len(out))
	seen := map[string]bool{}
	for _, o := range out {
		if o.OriginalStart.Before(lo) {
			lo = o.OriginalStart
		}
		if o.OriginalStart.After(hi) {
			hi = o.OriginalStart
		}
		if !seen[o.Event.ID] {
			seen[o.Event.ID] = true
			ids = append(ids, o.Event.ID)
		}
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT r.event_id, r.occurrence_start,
			sum(r.response = 'yes' AND r.waitlisted = 0), sum(r.response = 'yes' AND r.waitlisted = 1),
			max(CASE WHEN r.staff_id = @viewer THEN r.response ELSE '' END),
			max(r.staff_id = @viewer AND r.waitlisted = 1)
		FROM rsvps r
		WHERE r.event_id IN (SELECT value FROM json_each(@ids)) AND r.occurrence_start >= @lo AND r.occurrence_start <= @hi
		GROUP BY r.event_id, r.occurrence_start`,
		sql.Named("viewer", model.ViewerFrom(ctx)), sql.Named("ids", string(list)),
		sql.Named("lo", fmtTime(lo)), sql.Named("hi", fmtTime(hi)))
	if err != nil {
		return err
	}
	defer rows.Close()
	type counts struct {
		going, waiting int
		mine           string
		myWaitlisted   bool
	}
	byKey := map[occurrenceKey]counts{}
	for rows.Next() {
		var id, start string
		var c counts
		if err := rows.Scan(&id, &start, &c.going, &c.waiting, &c.mine, &c.myWaitlisted); err != nil {
			return err
		}
		byKey[occurrenceKey{id, parseTime(start).UnixMilli()}] = c
	}
	if err := rows.Err(); err != nil || len(byKey) == 0 {
		return err
	}
	for i := range out {
		if c, ok := byKey[occurrenceKey{out[i].Event.ID, out[i].OriginalStart.UnixMilli()}]; ok {
			out[i].Going, out[i].Waiting, out[i].MyResponse, out[i].MyWaitlisted = c.going, c.waiting, c.mine, c.myWaitlisted
		}
	}
	return nil
}

func sortOccurrences(out []model.Occurrence) {
	slices.SortStableFunc(out, func(a, b model.Occurrence) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.Event.ID, b.Event.ID)
	})
}

// OccurrenceDays counts the occurrences Occurrences would return per day
// of from's location, without reading their details.
func (db *DB) OccurrenceDays(ctx context.Context, from, to time.Time, communityID string) (map[string]int, error) {
	days := newDayCounts(from, to)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		_, err := db.eachWindowOcc(ctx, tx, window{from, to}, communityID, func(o occ) { days.add(o.start, o.end) })
		return err
	})
	if err != nil {
		return nil, wrapOnce("予定の日ごとの数", err)
	}
	return days.byDate(), nil
}

// localDay numbers the day of t in loc: days since 1970-01-01 there.
func localDay(t time.Time, loc *time.Location) int {
	_, off := t.In(loc).Zone()
	s := t.Unix() + int64(off)
	if s < 0 {
		return int((s - 86399) / 86400)
	}
	return int(s / 86400)
}

// parseStoredTime reads the stored format 2006-01-02T15:04:05.000Z
// without time.Parse's generality, which the calendar's thousands of rows
// notice; anything else goes to parseTime.
func parseStoredTime(s string) time.Time {
	if len(s) != len(timeFormat) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return parseTime(s)
	}
	n := func(i, j int) int {
		v := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, h, mi, sec, ms := n(0, 4), n(5, 7), n(8, 10), n(11, 13), n(14, 16), n(17, 19), n(20, 23)
	if y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0 {
		return parseTime(s)
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ms*int(time.Millisecond), time.UTC)
}

// EventByID returns the event with its description, or ENOTFOUND when it
// does not exist or belongs to a community the viewer cannot see. A
// cancelled event is returned with Cancelled set.
func (db *DB) EventByID(ctx context.Context, id string) (*model.Event, error) {
	var e *model.Event
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		e, err = eventByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, wrapOnce("予定 "+id, err)
	}
	if e.RRule != "" {
		seriesOf(e).starts(db.Now(), func(t time.Time) bool {
			e.Next = append(e.Next, t.UTC())
			return len(e.Next) < model.NextStarts
		})
	}
	return e, nil
}

func eventByID(ctx context.Context, tx *sql.Tx, id string) (*model.Event, error) {
	viewer := model.ViewerFrom(ctx)
	e, err := scanEvent(tx.QueryRowContext(ctx, `SELECT `+eventColumns+`, e.description`+eventFrom+`
		WHERE e.id = @id AND `+hiddenCommunities, sql.Named("id", id), sql.Named("viewer", viewer)), true)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.event.not_found", "予定が見つかりません。削除されたか、参加者だけに公開されたコミュニティのものです")
	} else if err != nil {
		return nil, err
	}
	if viewer != "" {
		var organiser int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships WHERE community_id = ? AND staff_id = ? AND role = 'organiser'`,
			e.CommunityID, viewer).Scan(&organiser); err != nil {
			return nil, err
		}
		e.CanEdit = e.CreatedBy == viewer || organiser > 0
	}
	return e, nil
}
