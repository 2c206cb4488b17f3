package data_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
)

// A log grown past a megabyte is copied back into the file soon after the
// write, off the write path; a few small writes leave the file alone until
// it is closed, and nothing is lost either way.
func TestCheckpointAfterTheLogGrows(t *testing.T) {
	t.Parallel()
	// It waits for the checkpointer twice: 1.3 s at the program's 500 ms.
	// Other tests that run meanwhile copy a large log back more often.
	defer data.SetCheckpointEvery(100 * time.Millisecond)()
	path := filepath.Join(t.TempDir(), "wal.db")
	db := datatest.OpenNew(t, path, data.Options{})
	size := func() int64 {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	put := func(key string, n int) {
		err := db.Bulk(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)`, key, strings.Repeat("広", n))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	modified := func() time.Time {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return st.ModTime()
	}
	before, was := size(), modified()
	put("small", 100)
	time.Sleep(100 * time.Millisecond)
	if got := modified(); !got.Equal(was) {
		t.Errorf("a small write was copied into the file at once (modified %v, then %v)", was, got)
	}
	for i := range 4 {
		put("big"+string(rune('a'+i)), 150_000) // 450 KB each
	}
	deadline := time.Now().Add(5 * time.Second)
	for size() < before+1<<20 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := size(); got < before+1<<20 {
		t.Fatalf("the file did not take the log back: %d -> %d bytes", before, got)
	}
	// After the copy, the log starts again small: one more small write
	// stays in it.
	every := data.CheckpointEvery()          // 100 ms here, 500 in the program
	time.Sleep(every + 100*time.Millisecond) // the checkpointer runs at most once in every
	put("small2", 100)
	was = modified()
	time.Sleep(2*every + 100*time.Millisecond)
	if got := modified(); !got.Equal(was) {
		t.Errorf("after the first copy, a small write was copied into the file at once (modified %v, then %v)", was, got)
	}
	db.Close()
	db, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.Bulk(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT count(*) FROM settings WHERE key IN ('small', 'biga', 'bigd', 'small2')`).Scan(&n)
	}); err != nil || n != 4 {
		t.Fatalf("after closing, %d of 4 settings (%v)", n, err)
	}
}
