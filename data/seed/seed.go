// Package seed fills a hiroba database: Demo writes a small, hand-written
// data set for training sessions on a projector, Scale a large generated
// one for benchmarks. Both write raw SQL through data.DB.Bulk, because they
// create thousands of rows in one go and must set counters (reply_count,
// member_count, last_activity_at) that the store methods keep up one row at
// a time.
package seed

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// jst is Japan's time zone. A fixed zone rather than time.LoadLocation, so
// that the generators work on machines without tzdata (the disaster-drill
// laptops); Japan has no daylight saving time.
var jst = time.FixedZone("JST", 9*60*60)

// ts is how a time column is written.
func ts(t time.Time) string { return data.FormatTime(t) }

// day is how a date column (effective_date, questions_until) is written:
// the date in Japan.
func day(t time.Time) string { return t.In(jst).Format("2006-01-02") }

// refuseUnlessEmpty fails with ECONFLICT when the database already has
// staff. It runs inside the writing transaction, so that two generators
// started at once cannot both pass the check.
func refuseUnlessEmpty(tx *sql.Tx, db *data.DB) error {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM (SELECT 1 FROM staff LIMIT 1)`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return model.Keyed(model.ECONFLICT, "err.seed.not_empty", "%s にはすでにデータがあります。デモデータは空のデータベースにだけ書き込めます", db.Path)
	}
	return nil
}

// municipalities returns the ids of the municipalities by name.
func municipalities(tx *sql.Tx) (map[string]string, error) {
	rows, err := tx.Query(`SELECT id, name FROM municipalities`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[name] = id
	}
	return out, rows.Err()
}

// execer keeps the first error of a run of inserts, so that the writers
// read as a list of rows rather than a ladder of if err != nil.
type execer struct {
	tx  *sql.Tx
	err error
}

func (e *execer) exec(query string, args ...any) {
	if e.err != nil {
		return
	}
	if _, err := e.tx.Exec(query, args...); err != nil {
		e.err = fmt.Errorf("%.60s: %w", query, err)
	}
}

// stmt runs a prepared statement, keeping the first error like exec.
func (e *execer) stmt(s *sql.Stmt, args ...any) {
	if e.err != nil {
		return
	}
	if _, err := s.Exec(args...); err != nil {
		e.err = err
	}
}

// nullable returns nil for "", so that optional references stay NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

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

// PrintProgress returns a progress function for Scale that writes a line
// to w when a stage begins, at every tenth of it and when it ends, with
// the seconds since the first line:
//
//	返信  40% (400000/1000000) 21.3秒
//
// The seed command passes it standard error.
func PrintProgress(w io.Writer) func(stage string, done, total int) {
	start := time.Now()
	last := map[string]int{}
	return func(stage string, done, total int) {
		pct := 100
		if total > 0 {
			pct = done * 100 / total
		}
		if prev, ok := last[stage]; ok && prev == pct/10 {
			return
		}
		last[stage] = pct / 10
		fmt.Fprintf(w, "%s %3d%% (%d/%d) %.1f秒\n", stage, pct, done, total, time.Since(start).Seconds())
	}
}
