package data

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"hiroba/model"
)

// planInboxReach is how far back decisions on the viewer's plans stay in
// the inbox when never read.
const planInboxReach = 92 * 24 * time.Hour

// planInbox returns the viewer's news about plans that they have not
// marked read (MarkPlanRead), newest first: decisions by others on their
// own plans and their withdrawal or move when the event occurrence was
// cancelled or moved (named by who did it), the same withdrawal and move
// of plans they approved (named by whose plan it is; a moved plan waits
// for their decision again), and plans waiting for their decision.
func planInbox(ctx context.Context, tx *sql.Tx, now time.Time, limit int) ([]model.InboxItem, error) {
	viewer := model.ViewerFrom(ctx)
	if viewer == "" {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT * FROM (
		SELECT p.id, p.title, e.kind, coalesce(s.name, ''), e.comment, e.created_at, e.id AS event_id
		FROM plans p JOIN plan_events e ON e.plan_id = p.id LEFT JOIN staff s ON s.id = e.actor_id
		WHERE p.staff_id = @viewer AND e.kind IN ('approve', 'return', 'revoke', 'cancel', 'move') AND e.actor_id IS NOT @viewer
		AND e.created_at > @since
		AND e.created_at > coalesce((SELECT read_at FROM read_marks WHERE staff_id = @viewer AND target_id = p.id), '')
		UNION ALL
		SELECT p.id, p.title, e.kind, a.name, e.comment, e.created_at, e.id
		FROM plan_events e JOIN plans p ON p.id = e.plan_id JOIN staff a ON a.id = p.staff_id
		WHERE e.kind = 'cancel' AND e.created_at > @since AND p.decided_by = @viewer AND p.staff_id <> @viewer
		AND e.actor_id IS NOT @viewer
		AND e.created_at > coalesce((SELECT read_at FROM read_marks WHERE staff_id = @viewer AND target_id = p.id), '')
		UNION ALL
		SELECT p.id, p.title, e.kind, a.name, e.comment, e.created_at, e.id
		FROM plan_events e JOIN plans p ON p.id = e.plan_id JOIN staff a ON a.id = p.staff_id
		WHERE e.kind = 'move' AND e.created_at > @since AND p.staff_id <> @viewer AND e.actor_id IS NOT @viewer
		AND EXISTS (SELECT 1 FROM plan_events d WHERE d.plan_id = p.id AND d.kind = 'approve' AND d.actor_id = @viewer)
		AND e.created_at > coalesce((SELECT read_at FROM read_marks WHERE staff_id = @viewer AND target_id = p.id), '')
		) ORDER BY created_at DESC, event_id DESC LIMIT @limit`,
		sql.Named("viewer", viewer), sql.Named("since", fmtTime(now.Add(-planInboxReach))), sql.Named("limit", limit))
	if err != nil {
		return nil, err
	}
	out, err := collect(rows, func(row rowScanner) (*model.InboxItem, error) {
		it := model.InboxItem{Kind: model.InboxPlan}
		var at string
		var eventID string
		if err := row.Scan(&it.PlanID, &it.ThreadTitle, &it.PlanEvent, &it.AuthorName, &it.Snippet, &at, &eventID); err != nil {
			return nil, err
		}
		it.At = parseTime(at)
		return &it, nil
	})
	if err != nil {
		return nil, err
	}
	waiting, err := waitingFor(ctx, tx, newCharts(ctx, tx))
	if err != nil {
		return nil, err
	}
	for _, p := range waiting {
		var read string
		err := tx.QueryRowContext(ctx, `SELECT read_at FROM read_marks WHERE staff_id = ? AND target_id = ?`, viewer, p.ID).Scan(&read)
		if err != nil && err != sql.ErrNoRows {
			return nil, err
		}
		if p.SubmittedAt == nil || fmtTime(*p.SubmittedAt) <= read {
			continue
		}
		out = append(out, model.InboxItem{Kind: model.InboxPlan, PlanID: p.ID, PlanEvent: string(model.ActSubmit),
			ThreadTitle: p.Title, AuthorName: p.StaffName, Snippet: p.Purpose, At: *p.SubmittedAt})
	}
	return out, nil
}

// mergeInbox puts plan news among the replies, newest first, and keeps
// limit items.
func mergeInbox(replies, plans []model.InboxItem, limit int) []model.InboxItem {
	if len(plans) == 0 {
		return replies
	}
	out := append(replies, plans...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
