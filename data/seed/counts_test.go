package seed

import (
	"context"
	"database/sql"
	"fmt"

	"hiroba/data"
)

// What the tests count in generated data, and the rows that must agree
// with each other: test code, though the generators' tests in package
// seed_test call them as seed.Counts and seed.Mismatches.

// countQueries name what Counts reports: the size of each table and of the
// subsets the demo promises (anonymous threads, members-only communities).
var countQueries = []struct{ name, query string }{
	{"municipalities", `SELECT count(*) FROM municipalities`},
	{"staff", `SELECT count(*) FROM staff`},
	{"staff.municipalities", `SELECT count(DISTINCT municipality_id) FROM staff`},
	{"communities", `SELECT count(*) FROM communities`},
	{"communities.area", `SELECT count(*) FROM communities WHERE municipality_id IS NULL`},
	{"communities.municipalities", `SELECT count(DISTINCT municipality_id) FROM communities`},
	{"communities.categories", `SELECT count(DISTINCT category) FROM communities`},
	{"communities.members_only", `SELECT count(*) FROM communities WHERE visibility = 'members'`},
	{"memberships", `SELECT count(*) FROM memberships`},
	{"memberships.organisers", `SELECT count(*) FROM memberships WHERE role = 'organiser'`},
	{"threads", `SELECT count(*) FROM threads`},
	{"threads.kinds", `SELECT count(DISTINCT kind) FROM threads`},
	{"threads.anonymous", `SELECT count(*) FROM threads WHERE anonymous = 1`},
	{"threads.resolved", `SELECT count(*) FROM threads WHERE resolved_reply_id IS NOT NULL`},
	{"threads.calls", `SELECT count(*) FROM threads WHERE kind = 'call'`},
	{"threads.calls_complete", `SELECT count(*) FROM threads WHERE kind = 'call' AND support_type IS NOT NULL AND slots > 0 AND deadline IS NOT NULL AND place IS NOT NULL`},
	{"threads.ideas", `SELECT count(*) FROM threads WHERE kind = 'idea'`},
	{"threads.with_2_to_8_replies", `SELECT count(*) FROM threads WHERE reply_count BETWEEN 2 AND 8`},
	{"threads.max_replies", `SELECT coalesce(max(reply_count), 0) FROM threads`},
	{"threads.helpful", `SELECT count(*) FROM threads WHERE helpful_count > 0`},
	{"replies", `SELECT count(*) FROM replies`},
	{"helpful_marks", `SELECT count(*) FROM helpful_marks`},
	{"call_applications", `SELECT count(*) FROM call_applications`},
	{"idea_team", `SELECT count(*) FROM idea_team`},
	{"follows", `SELECT count(*) FROM follows`},
	{"read_marks", `SELECT count(*) FROM read_marks`},
	{"handovers", `SELECT count(*) FROM handovers`},
	{"handovers.statuses", `SELECT count(DISTINCT status) FROM handovers`},
	{"handover_sections", `SELECT count(*) FROM handover_sections`},
	{"handover_sections.short", `SELECT count(*) FROM handover_sections WHERE length(body) < 80`},
	{"handover_revisions", `SELECT count(*) FROM handover_revisions`},
	{"handover_questions", `SELECT count(*) FROM handover_questions`},
	{"events", `SELECT count(*) FROM events`},
	{"events.recurring", `SELECT count(*) FROM events WHERE rrule <> ''`},
	{"events.third_wednesday", `SELECT count(*) FROM events WHERE rrule = 'FREQ=MONTHLY;BYDAY=3WE'`},
	{"events.yearly", `SELECT count(*) FROM events WHERE rrule LIKE 'FREQ=YEARLY%'`},
	{"events.online", `SELECT count(*) FROM events WHERE online_url <> '' AND place = ''`},
	{"events.hybrid", `SELECT count(*) FROM events WHERE online_url <> '' AND place <> ''`},
	{"events.with_capacity", `SELECT count(*) FROM events WHERE capacity > 0`},
	{"rsvps", `SELECT count(*) FROM rsvps`},
}

// mismatchQueries each count rows whose stored counters or references
// disagree with the rows they summarise; every one is 0 in a sound database.
var mismatchQueries = []struct{ name, query string }{
	{"threads.reply_count", `SELECT count(*) FROM threads t WHERE reply_count <> (SELECT count(*) FROM replies r WHERE r.thread_id = t.id AND r.deleted_at IS NULL)`},
	{"threads.helpful_count", `SELECT count(*) FROM threads t WHERE helpful_count <> (SELECT count(*) FROM helpful_marks m WHERE m.post_id = t.id)`},
	{"replies.helpful_count", `SELECT count(*) FROM replies r WHERE helpful_count <> (SELECT count(*) FROM helpful_marks m WHERE m.post_id = r.id)`},
	{"threads.last_activity_at", `SELECT count(*) FROM threads t WHERE last_activity_at <> max(created_at, coalesce((SELECT max(created_at) FROM replies r WHERE r.thread_id = t.id), ''))`},
	{"threads.resolved_reply_id", `SELECT count(*) FROM threads t WHERE resolved_reply_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.id = t.resolved_reply_id AND r.thread_id = t.id)`},
	{"communities.member_count", `SELECT count(*) FROM communities c WHERE member_count <> (SELECT count(*) FROM memberships m WHERE m.community_id = c.id)`},
	{"communities.organiser", `SELECT count(*) FROM communities c WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = c.id AND m.role = 'organiser')`},
	{"communities.last_activity_at", `SELECT count(*) FROM communities c WHERE last_activity_at < coalesce((SELECT max(last_activity_at) FROM threads t WHERE t.community_id = c.id), '')`},
	{"helpful_marks.post", `SELECT count(*) FROM helpful_marks m WHERE NOT EXISTS (SELECT 1 FROM threads WHERE id = m.post_id) AND NOT EXISTS (SELECT 1 FROM replies WHERE id = m.post_id)`},
	{"handovers.sections", `SELECT count(*) FROM handovers h WHERE (SELECT count(*) FROM handover_sections s WHERE s.handover_id = h.id) <> 6`},
	{"handovers.revision", `SELECT count(*) FROM handovers h WHERE NOT EXISTS (SELECT 1 FROM handover_revisions r WHERE r.handover_id = h.id AND r.number = h.revision)`},
	{"handovers.status_times", `SELECT count(*) FROM handovers WHERE (status <> 'draft') <> (handed_over_at IS NOT NULL) OR (status = 'acknowledged') <> (acknowledged_at IS NOT NULL)`},
	{"events.series_ends_at", `SELECT count(*) FROM events WHERE (rrule = '' AND series_ends_at IS NOT NULL) OR (rrule LIKE '%UNTIL=%') <> (series_ends_at IS NOT NULL)`},
	{"events.ends_at", `SELECT count(*) FROM events WHERE ends_at <= starts_at`},
	{"call_applications.over_slots", `SELECT count(*) FROM threads t WHERE kind = 'call' AND slots < (SELECT count(*) FROM call_applications a WHERE a.thread_id = t.id)`},
}

// Counts returns the number of rows of each table and of the subsets the
// demo promises, by name (see countQueries). It reads through db.Bulk
// because package data keeps its read connections to itself; it writes
// nothing.
func Counts(ctx context.Context, db *data.DB) (map[string]int, error) {
	return runCounts(ctx, db, countQueries)
}

// Mismatches returns, by name, how many rows have a counter or reference
// that disagrees with the rows it summarises (a thread's reply_count, a
// community's member_count …). Every value is 0 in a sound database. It
// scans whole tables: for tests and small databases.
func Mismatches(ctx context.Context, db *data.DB) (map[string]int, error) {
	return runCounts(ctx, db, mismatchQueries)
}

func runCounts(ctx context.Context, db *data.DB, queries []struct{ name, query string }) (map[string]int, error) {
	out := make(map[string]int, len(queries))
	err := db.Bulk(ctx, func(tx *sql.Tx) error {
		for _, q := range queries {
			var n int
			if err := tx.QueryRowContext(ctx, q.query).Scan(&n); err != nil {
				return fmt.Errorf("%s: %w", q.name, err)
			}
			out[q.name] = n
		}
		return nil
	})
	return out, err
}

// activityCounts are what Counts reports of the 20% rule.
var activityCounts = []struct{ name, query string }{
	{"supervisors", `SELECT count(*) FROM supervisors`},
	{"plans", `SELECT count(*) FROM plans`},
	{"plans.states", `SELECT count(DISTINCT state) FROM plans`},
	{"plans.targets", `SELECT count(DISTINCT target_kind) FROM plans`},
	{"plans.staff", `SELECT count(DISTINCT staff_id) FROM plans`},
	{"plan_events", `SELECT count(*) FROM plan_events`},
}

// activityMismatches are the 20% rule's rows that disagree with each
// other; every one is 0 in a sound database.
var activityMismatches = []struct{ name, query string }{
	{"plans.actual", `SELECT count(*) FROM plans WHERE (state = 'done') <> (actual_minutes IS NOT NULL) OR actual_minutes > minutes`},
	{"plans.decided", `SELECT count(*) FROM plans WHERE state IN ('approved', 'done', 'returned') AND decided_by IS NULL`},
	{"plans.submitted", `SELECT count(*) FROM plans WHERE (state = 'draft') <> (submitted_at IS NULL)`},
	{"plans.history", `SELECT count(*) FROM plans p WHERE NOT EXISTS (SELECT 1 FROM plan_events e WHERE e.plan_id = p.id AND e.kind = 'create')`},
	{"plans.self_decided", `SELECT count(*) FROM plans WHERE decided_by = staff_id`},
	{"plans.call_applied", `SELECT count(*) FROM plans p WHERE p.target_kind = 'call' AND p.state IN ('approved', 'done')
		AND NOT EXISTS (SELECT 1 FROM call_applications a WHERE a.thread_id = p.target_id AND a.staff_id = p.staff_id)`},
}

func init() {
	countQueries = append(countQueries, activityCounts...)
	mismatchQueries = append(mismatchQueries, activityMismatches...)
}

// Counts and Mismatches learn the tables of 人 here.
func init() {
	countQueries = append(countQueries, []struct{ name, query string }{
		{"staff_profiles", `SELECT count(*) FROM staff_profiles`},
		{"staff_profiles.hidden", `SELECT count(*) FROM staff_profiles WHERE hidden = 1`},
		{"staff_history", `SELECT count(*) FROM staff_history`},
		{"staff_topics", `SELECT count(*) FROM staff_topics`},
		{"fellow_programmes", `SELECT count(*) FROM fellow_programmes`},
		{"fellow_pairs.confirmed", `SELECT count(*) FROM fellow_pairs WHERE status = 'confirmed'`},
		{"fellow_pairs.ended", `SELECT count(*) FROM fellow_pairs WHERE status = 'ended'`},
		{"pair_meetings", `SELECT count(*) FROM pair_meetings`},
		{"pair_messages", `SELECT count(*) FROM pair_messages`},
		{"pair_feedback", `SELECT count(*) FROM pair_feedback`},
	}...)
	mismatchQueries = append(mismatchQueries, []struct{ name, query string }{
		{"people_text.staff", `SELECT count(*) FROM staff s WHERE NOT EXISTS (SELECT 1 FROM people_text t WHERE t.staff_id = s.id AND t.name = s.name AND t.department = s.department)`},
		{"people_text.history", `SELECT count(*) FROM staff_profiles p WHERE (SELECT count(*) FROM staff_history h WHERE h.staff_id = p.staff_id) <> (SELECT CASE WHEN history = '' THEN 0 ELSE length(history) - length(replace(history, char(10), '')) + 1 END FROM people_text t WHERE t.staff_id = p.staff_id)`},
		{"fellow_pairs.same_department", `SELECT count(*) FROM fellow_pairs x JOIN staff j ON j.id = x.junior_id JOIN staff f ON f.id = x.fellow_id WHERE j.municipality_id = f.municipality_id AND j.department = f.department`},
		{"fellow_pairs.over_cap", `SELECT count(*) FROM (SELECT x.fellow_id FROM fellow_pairs x JOIN fellow_programmes p ON p.id = x.programme_id WHERE x.status <> 'ended' GROUP BY x.programme_id, x.fellow_id, p.cap HAVING count(*) > p.cap)`},
		{"fellow_pairs.members", `SELECT count(*) FROM fellow_pairs x WHERE NOT EXISTS (SELECT 1 FROM programme_juniors j WHERE j.programme_id = x.programme_id AND j.staff_id = x.junior_id) OR NOT EXISTS (SELECT 1 FROM programme_fellows f WHERE f.programme_id = x.programme_id AND f.staff_id = x.fellow_id AND f.answer = 'accepted')`},
	}...)
}
