package data

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"sync"
	"time"

	"hiroba/model"
)

// The calendar's index: a month grid counts thousands of occurrences, and
// SQLite spends about 300 ns on each row it groups, which alone would take
// most of the 5 ms a month view may cost. So each DB keeps in memory what
// finding a window's occurrences needs of every event that is not
// cancelled (times, community, rule; about 100 bytes an event, 5 MB at
// 50,000 events), and reads the rest only for the occurrences shown.
//
// The copy is trusted while the counter that migration 0005's triggers
// bump on every change to events and their exceptions is the one it was
// read under, whichever process wrote; the first read after a change
// loads it again in the reading transaction. A file without the counters
// (older schema, opened read-only) loads it for every read.

// calIndex is every event that is not cancelled, as finding occurrences
// needs it.
type calIndex struct {
	version int64
	oneOffs []oneOff // in order of start
	series  []*series
}

// oneOff is a one-off event's times (Unix milliseconds) and community.
type oneOff struct {
	id, communityID string
	start, end      int64
}

// viewerAccess is what a viewer may see and organise, read under an
// 'access' counter.
type viewerAccess struct {
	version   int64
	hidden    map[string]bool // members-only communities the viewer is not in
	organises map[string]bool
}

// calCache is a DB's calendar index and its viewers' access.
type calCache struct {
	mu     sync.Mutex
	index  *calIndex
	access map[string]*viewerAccess // by viewer
}

// maxCachedViewers bounds the access entries kept: one per person, so a
// server with many sessions forgets the oldest rather than grow.
const maxCachedViewers = 1000

// counters reads the change counters; ok is false when the schema has
// none (db.hasCounters).
func (db *DB) counters(ctx context.Context, tx *sql.Tx) (events, access int64, ok bool, err error) {
	if !db.hasCounters {
		return 0, 0, false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT name, n FROM change_counters`)
	if err != nil {
		return 0, 0, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return 0, 0, false, err
		}
		switch name {
		case "events":
			events = n
		case "access":
			access = n
		}
	}
	return events, access, true, rows.Err()
}

// calendarState returns the calendar index and the viewer's access as of
// tx, from the cache when the counters say it is current. For one
// community (communityID not "") with no current index in the cache, it
// reads only that community's events and caches nothing of them: a
// community's page shows its next events without loading all 50,000.
func (db *DB) calendarState(ctx context.Context, tx *sql.Tx, communityID string) (*calIndex, *viewerAccess, error) {
	events, access, ok, err := db.counters(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	viewer := model.ViewerFrom(ctx)
	c := &db.cal
	c.mu.Lock()
	idx := c.index
	va := c.access[viewer]
	c.mu.Unlock()
	part := false // idx holds one community's events: not for the cache
	if !ok || idx == nil || idx.version != events {
		if idx, err = loadCalIndex(ctx, tx, communityID); err != nil {
			return nil, nil, err
		}
		idx.version = events
		part = communityID != ""
	}
	if !ok || va == nil || va.version != access {
		va = &viewerAccess{version: access}
		if va.hidden, err = hiddenCommunityIDs(ctx, tx); err != nil {
			return nil, nil, err
		}
		if va.organises, err = organiserOf(ctx, tx); err != nil {
			return nil, nil, err
		}
	}
	if ok {
		c.mu.Lock()
		// A concurrent reader may have loaded a newer copy; keep the newest.
		if !part && (c.index == nil || c.index.version <= idx.version) {
			c.index = idx
		}
		if c.access == nil || len(c.access) >= maxCachedViewers {
			c.access = map[string]*viewerAccess{}
		}
		if old := c.access[viewer]; old == nil || old.version <= va.version {
			c.access[viewer] = va
		}
		c.mu.Unlock()
	}
	return idx, va, nil
}

// loadCalIndex reads every event that is not cancelled: the one-offs
// from the index events_oneoff_ids, the series from events_series; or,
// for communityID not "", those of one community (events_by_community).
func loadCalIndex(ctx context.Context, tx *sql.Tx, communityID string) (*calIndex, error) {
	idx := &calIndex{}
	where := ""
	if communityID != "" {
		where = " AND e.community_id = @community"
	}
	community := sql.Named("community", communityID)
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.community_id, e.starts_at, e.ends_at
		FROM events e WHERE e.rrule = '' AND e.cancelled_at IS NULL`+where+` ORDER BY e.starts_at`, community)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// Communities repeat: share one string per community.
	names := map[string]string{}
	for rows.Next() {
		var o oneOff
		var start, end string
		if err := rows.Scan(&o.id, &o.communityID, &start, &end); err != nil {
			return nil, err
		}
		if c, ok := names[o.communityID]; ok {
			o.communityID = c
		} else {
			names[o.communityID] = o.communityID
		}
		o.start, o.end = parseStoredTime(start).UnixMilli(), parseStoredTime(end).UnixMilli()
		idx.oneOffs = append(idx.oneOffs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	// Stored times sort as text in time order; one written by another
	// program in another format may not.
	byStart := func(a, b oneOff) int { return cmp.Compare(a.start, b.start) }
	if !slices.IsSortedFunc(idx.oneOffs, byStart) {
		slices.SortStableFunc(idx.oneOffs, byStart)
	}

	srows, err := tx.QueryContext(ctx, `SELECT e.id, e.community_id, e.starts_at, e.ends_at, e.rrule,
			nullif(e.timezone, 'Asia/Tokyo'), e.series_ends_at
		FROM events e WHERE e.rrule <> '' AND e.cancelled_at IS NULL`+where, community)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var s series
		var start, end string
		var tz, seriesEnd sql.NullString
		if err := srows.Scan(&s.id, &s.communityID, &start, &end, &s.rrule, &tz, &seriesEnd); err != nil {
			return nil, err
		}
		s.start, s.end, s.loc = parseStoredTime(start), parseStoredTime(end), zone(tz.String)
		if seriesEnd.Valid {
			t := parseStoredTime(seriesEnd.String)
			s.seriesEnd = &t
		}
		s.prepare()
		idx.series = append(idx.series, &s)
	}
	return idx, srows.Err()
}

// windowOccs returns the occurrences overlapping w of the events the
// viewer can see (of one community unless communityID is ""), unordered.
func (db *DB) windowOccs(ctx context.Context, tx *sql.Tx, w window, communityID string) ([]occ, *viewerAccess, error) {
	var out []occ
	va, err := db.eachWindowOcc(ctx, tx, w, communityID, func(o occ) { out = append(out, o) })
	return out, va, err
}

// eachWindowOcc calls yield with each occurrence windowOccs returns.
func (db *DB) eachWindowOcc(ctx context.Context, tx *sql.Tx, w window, communityID string, yield func(occ)) (*viewerAccess, error) {
	idx, va, err := db.calendarState(ctx, tx, communityID)
	if err != nil {
		return nil, err
	}
	visible := func(community string) bool {
		return !va.hidden[community] && (communityID == "" || community == communityID)
	}
	lookback, from, to := w.from.Add(-maxOneOffSpan).UnixMilli(), w.from.UnixMilli(), w.to.UnixMilli()
	i, _ := slices.BinarySearchFunc(idx.oneOffs, lookback, func(o oneOff, t int64) int { return cmp.Compare(o.start, t) })
	for _, o := range idx.oneOffs[i:] {
		if o.start >= to {
			break
		}
		if (o.end > from || o.start >= from) && visible(o.communityID) {
			start, end := time.UnixMilli(o.start).UTC(), time.UnixMilli(o.end).UTC()
			yield(occ{eventID: o.id, start: start, end: end, original: start})
		}
	}

	wlookback := w.from.Add(-maxOneOffSpan)
	var list []*series
	for _, s := range idx.series {
		if s.start.Before(w.to) && (s.seriesEnd == nil || !s.seriesEnd.Before(wlookback)) && visible(s.communityID) {
			list = append(list, s)
		}
	}
	if len(list) == 0 {
		return va, nil
	}
	exceptions, err := windowExceptions(ctx, tx, w)
	if err != nil {
		return nil, err
	}
	var buf []occ
	for _, s := range list {
		buf = s.expand(w, exceptions[s.id], buf[:0])
		for _, o := range buf {
			yield(o)
		}
	}
	return va, nil
}

// windowExceptions reads the exceptions that may concern the window:
// those whose original or new start is near it. They are few.
func windowExceptions(ctx context.Context, tx *sql.Tx, w window) (map[string]map[int64]exception, error) {
	lookback := w.from.Add(-maxOneOffSpan)
	rows, err := tx.QueryContext(ctx, `SELECT `+exceptionColumns+`
		FROM event_exceptions
		WHERE (occurrence_start >= @lookback AND occurrence_start < @to) OR (new_start >= @lookback AND new_start < @to)`,
		sql.Named("lookback", fmtTime(lookback)), sql.Named("to", fmtTime(w.to)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[int64]exception{}
	for rows.Next() {
		id, x, err := scanException(rows)
		if err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[int64]exception{}
		}
		out[id][x.original.UnixMilli()] = x
	}
	return out, rows.Err()
}
