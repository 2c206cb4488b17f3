package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// Who administers the database is asked at every session start: its
// queries read migration 18's partial indexes, never the whole staff
// table, and sort nothing. (Without them, 2 ms a call on the scale-1
// file; see BenchmarkIsAdmin.)
func TestAdministratorsReadIndexes(t *testing.T) {
	t.Parallel()
	db := newFile(t)
	for name, query := range map[string]string{"isAdmin": isAdminQuery, "administrators": administrators} {
		plan := planOf(t, db, query, "01STAFF")
		for _, step := range plan {
			if step == "SCAN staff" || strings.Contains(step, "TEMP B-TREE") {
				t.Errorf("%s reads the whole staff table or sorts it:\n%s", name, strings.Join(plan, "\n"))
				break
			}
		}
	}
}

// A community's pane, on the first screen, reads its first members in
// order from migration 19's index, sorting none of them; and which
// members-only communities the viewer is not in is read from the viewer's
// memberships, not asked of each such community.
func TestCommunityPaneReadsIndexes(t *testing.T) {
	t.Parallel()
	db := newFile(t)
	plan := planOf(t, db, membersInOrder+` LIMIT 12`, "01COMMUNITY")
	if joined := strings.Join(plan, "\n"); strings.Contains(joined, "TEMP B-TREE") || !strings.Contains(joined, "memberships_in_order") {
		t.Errorf("a community's first members are sorted, or not read in order:\n%s", joined)
	}
	plan = planOf(t, db, hiddenCommunityIDsOf, sql.Named("viewer", "01STAFF"))
	if joined := strings.Join(plan, "\n"); strings.Contains(joined, "CORRELATED") || !strings.Contains(joined, "memberships_by_staff") {
		t.Errorf("the communities hidden from the viewer are asked one by one:\n%s", joined)
	}
}

// planOf returns the steps of SQLite's plan for query.
func planOf(t *testing.T, db *DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.read.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// newFile opens a new database in the test's folder, closed when the test
// ends: for the tests inside the package.
func newFile(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "hiroba.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
