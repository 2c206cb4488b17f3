package data

import (
	"context"
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
		rows, err := db.read.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+query, "01STAFF")
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		for _, step := range plan {
			if step == "SCAN staff" || strings.Contains(step, "TEMP B-TREE") {
				t.Errorf("%s reads the whole staff table or sorts it:\n%s", name, strings.Join(plan, "\n"))
				break
			}
		}
	}
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
