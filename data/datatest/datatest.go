// Package datatest holds what tests of several packages need of a
// database file.
package datatest

import (
	"database/sql"
	"os/exec"
	"testing"

	_ "github.com/mattn/go-sqlite3" // the plain connection of WriteOutside
)

// WriteOutside runs SQL on the file as another program would: the sqlite3
// shell when there is one, else a plain SQLite connection that knows
// nothing of hiroba.
func WriteOutside(tb testing.TB, path, query string) {
	tb.Helper()
	if shell, err := exec.LookPath("sqlite3"); err == nil {
		if out, err := exec.Command(shell, "-cmd", ".timeout 10000", path, query).CombinedOutput(); err != nil {
			tb.Fatalf("sqlite3: %v %s", err, out)
		}
		return
	}
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=10000")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(query); err != nil {
		tb.Fatal(err)
	}
}
