package data

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"hiroba/model"
)

// CancelledOccurrences returns the occurrences cancelled one by one that
// would have overlapped [from, to): a date of a series cancelled on its
// own, or a cancelled one-off event; in order of start, with the events'
// names, for a day's list to show as 中止. A series cancelled whole, or
// from a date on, is not among them: its dates would fill every later
// week. Members-only communities' stay their members', as in Occurrences.
func (db *DB) CancelledOccurrences(ctx context.Context, from, to time.Time, communityID string) ([]model.Occurrence, error) {
	var out []model.Occurrence
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.starts_at, e.ends_at, NULL, NULL FROM events e
			WHERE e.cancelled_at IS NOT NULL AND e.rrule = '' AND e.starts_at >= @lookback AND e.starts_at < @to
				AND (@community = '' OR e.community_id = @community) AND `+hiddenCommunities+`
			UNION ALL
			SELECT e.id, e.starts_at, e.ends_at, x.occurrence_start, x.title FROM event_exceptions x JOIN events e ON e.id = x.event_id
			WHERE x.cancelled = 1 AND e.cancelled_at IS NULL AND x.occurrence_start >= @lookback AND x.occurrence_start < @to
				AND (e.series_ends_at IS NULL OR x.occurrence_start <= e.series_ends_at)
				AND (@community = '' OR e.community_id = @community) AND `+hiddenCommunities,
			sql.Named("lookback", fmtTime(from.Add(-maxOneOffSpan))), sql.Named("to", fmtTime(to)),
			sql.Named("community", communityID), sql.Named("viewer", model.ViewerFrom(ctx)))
		if err != nil {
			return err
		}
		defer rows.Close()
		w := window{from, to}
		var found []occ
		for rows.Next() {
			var id, start, end string
			var original, title sql.NullString
			if err := rows.Scan(&id, &start, &end, &original, &title); err != nil {
				return err
			}
			s, e := parseStoredTime(start), parseStoredTime(end)
			if original.Valid {
				o := parseStoredTime(original.String)
				s, e = o, o.Add(e.Sub(s))
			}
			if !w.overlaps(s, e) {
				continue
			}
			o := occ{eventID: id, start: s.UTC(), end: e.UTC(), original: s.UTC()}
			if title.String != "" {
				o.text = &model.OccurrenceText{Title: title.String}
			}
			found = append(found, o)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		slices.SortFunc(found, func(a, b occ) int {
			if c := a.start.Compare(b.start); c != 0 {
				return c
			}
			return cmp.Compare(a.eventID, b.eventID)
		})
		organises, err := organiserOf(ctx, tx)
		if err != nil {
			return err
		}
		out, err = occurrenceDetails(ctx, tx, found, &viewerAccess{organises: organises})
		return err
	})
	if err != nil {
		return nil, wrapOnce("中止した予定の一覧", err)
	}
	return out, nil
}
