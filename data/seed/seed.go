// Package seed fills a hiroba database: Demo writes a small, hand-written
// data set for training sessions on a projector, Scale a large generated
// one for benchmarks. Both write raw SQL through data.DB.Bulk, because they
// create thousands of rows in one go and must set counters (reply_count,
// member_count, last_activity_at) that the store methods keep up one row at
// a time.
package seed

import (
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
