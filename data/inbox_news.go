package data

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"hiroba/model"
)

// News for the inbox beyond replies and plans (issue 12): the steps of a
// handover note told to the people in it (the successor when named and
// when it is handed over, the predecessor when it is acknowledged, the
// asker when their question is answered), and an occurrence cancelled
// after the viewer said they would come. Each stays until the viewer
// opens the note (MarkHandoverRead) or sees the cancellation
// (MarkCancellationSeen), and for at most planInboxReach.

// handoverNews returns the viewer's unread news of handover notes, newest
// first.
func handoverNews(ctx context.Context, tx *sql.Tx, now time.Time, limit int) ([]model.InboxItem, error) {
	args, err := handoverViewerArgs(ctx, tx)
	if err != nil || model.ViewerFrom(ctx) == "" {
		return nil, err
	}
	args = append(args, sql.Named("since", fmtTime(now.Add(-planInboxReach))), sql.Named("limit", limit))
	rows, err := tx.QueryContext(ctx, `SELECT n.id, h.duty, n.kind, coalesce(s.name, ''), n.snippet, n.at, n.qid
		FROM (
			SELECT id, 'named' AS kind, predecessor_id AS actor, '' AS snippet, successor_named_at AS at, '' AS qid
				FROM handovers WHERE successor_id = @viewer AND successor_named_at > @since
			UNION ALL
			SELECT id, 'handed', predecessor_id, '', handed_over_at, ''
				FROM handovers WHERE successor_id = @viewer AND handed_over_at > @since
			UNION ALL
			SELECT id, 'acknowledged', successor_id, ack_comment, acknowledged_at, ''
				FROM handovers WHERE predecessor_id = @viewer AND acknowledged_at > @since
			UNION ALL
			SELECT handover_id, 'answered', answered_by, answer, answered_at, id
				FROM handover_questions WHERE author_id = @viewer AND answered_at > @since
		) n
		JOIN handovers h ON h.id = n.id
		LEFT JOIN staff s ON s.id = n.actor
		WHERE `+visibleHandover+`
		AND n.at > coalesce((SELECT read_at FROM read_marks WHERE staff_id = @viewer AND target_id = n.id), '')
		ORDER BY n.at DESC LIMIT @limit`, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row rowScanner) (*model.InboxItem, error) {
		it := model.InboxItem{Kind: model.InboxHandover}
		var at string
		if err := row.Scan(&it.HandoverID, &it.ThreadTitle, &it.HandoverEvent, &it.AuthorName, &it.Snippet, &at, &it.QuestionID); err != nil {
			return nil, err
		}
		it.At = parseTime(at)
		it.Snippet = strings.Join(strings.Fields(model.CleanLine(it.Snippet)), " ")
		return &it, nil
	})
}

// cancelledNews returns the occurrences the viewer said yes or maybe to
// that were cancelled since (the one occurrence, the event, or the rest
// of its series), from yesterday on, newest cancellation first. Who
// cancelled is the event's organiser.
func cancelledNews(ctx context.Context, tx *sql.Tx, now time.Time, limit int) ([]model.InboxItem, error) {
	viewer := model.ViewerFrom(ctx)
	if viewer == "" {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT r.event_id, e.title, r.occurrence_start, coalesce(e.cancelled_at, e.updated_at), coalesce(s.name, '')
		FROM rsvps r JOIN events e ON e.id = r.event_id LEFT JOIN staff s ON s.id = e.organiser_id
		WHERE r.staff_id = @viewer AND r.response IN ('yes', 'maybe') AND r.occurrence_start > @since
		AND (e.cancelled_at IS NOT NULL AND r.occurrence_start > e.cancelled_at
			OR EXISTS (SELECT 1 FROM event_exceptions x WHERE x.event_id = r.event_id AND x.occurrence_start = r.occurrence_start AND x.cancelled = 1)
			OR e.rrule <> '' AND e.series_ends_at IS NOT NULL AND r.occurrence_start > e.series_ends_at)
		AND NOT EXISTS (SELECT 1 FROM read_marks m WHERE m.staff_id = @viewer AND m.target_id = 'cancel:' || r.event_id || '@' || r.occurrence_start)
		ORDER BY 4 DESC, r.occurrence_start LIMIT @limit`,
		sql.Named("viewer", viewer), sql.Named("since", fmtTime(now.AddDate(0, 0, -1))), sql.Named("limit", limit))
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row rowScanner) (*model.InboxItem, error) {
		it := model.InboxItem{Kind: model.InboxCancelled}
		var start, at string
		if err := row.Scan(&it.EventID, &it.ThreadTitle, &start, &at, &it.AuthorName); err != nil {
			return nil, err
		}
		t := parseTime(start)
		it.OccurrenceStart, it.At = &t, parseTime(at)
		return &it, nil
	})
}

// MarkHandoverRead records that the viewer read note id, which they must
// be able to read: its news leave their inbox.
func (db *DB) MarkHandoverRead(ctx context.Context, id string) error {
	err := db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := handoverByID(ctx, tx, id); err != nil {
			return err
		}
		return markRead(ctx, tx, me.ID, id, fmtTime(db.Now()))
	})
	return wrapOnce("既読の記録", err)
}

// MarkCancellationSeen records that the viewer saw that the occurrence of
// event eventID originally at start was cancelled.
func (db *DB) MarkCancellationSeen(ctx context.Context, eventID string, start time.Time) error {
	err := db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		return markRead(ctx, tx, me.ID, "cancel:"+eventID+"@"+fmtTime(start), fmtTime(db.Now()))
	})
	return wrapOnce("既読の記録", err)
}
