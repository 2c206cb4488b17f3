package data

import (
	"os"
	"testing"

	"hiroba/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// A file another program keeps locked while it is opened is said to be
// in use, not damaged: the probe reads through a connection that waits
// for locks, and SQLITE_BUSY once read as "restore it from a backup".
func TestLockedFileIsNotCalledDamaged(t *testing.T) {
	for _, code := range []sqlite3.ErrNo{sqlite3.ErrBusy, sqlite3.ErrLocked} {
		err := corruptError("/tmp/hiroba.db", sqlite3.Error{Code: code})
		if e, ok := err.(*model.Error); !ok || e.Key != "err.db.busy_open" {
			t.Errorf("%v: %v", code, err)
		}
	}
	if err := corruptError("/tmp/hiroba.db", sqlite3.Error{Code: sqlite3.ErrCorrupt}); model.ErrorCode(err) != model.ECORRUPT {
		t.Errorf("a damaged file: %v", err)
	}
}

// A file whose last write was cut off (its process killed in shared mode)
// has a journal to roll back, which the probe's read-only reader may not
// do: that is said as such, not as damage, and Open for writing lets its
// writer roll it back (TestKilledWriter/Shared met this about once in 25
// runs of 20 kills; none in 60 since).
func TestInterruptedWriteIsNotCalledDamaged(t *testing.T) {
	err := corruptError("/tmp/hiroba.db", sqlite3.Error{Code: sqlite3.ErrReadonly, ExtendedCode: sqlite3.ErrReadonlyRollback})
	if e, ok := err.(*model.Error); !ok || e.Key != "err.db.interrupted" || !isInterrupted(err) {
		t.Errorf("a journal to roll back: %v", err)
	}
	if isInterrupted(corruptError("/tmp/hiroba.db", sqlite3.Error{Code: sqlite3.ErrCorrupt})) {
		t.Error("a damaged file is said to be an interrupted write")
	}
}

// A file migrated when it opens leaves no migration in its WAL: every
// reader of a large file looked through the rebuilt table's pages there
// (28 MB at scale 1) until the program closed cleanly.
func TestMigrationLeavesNoWAL(t *testing.T) {
	t.Parallel()
	old := oldFile(t, SchemaVersion()-1)
	path := old.Path
	old.write.Close()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		t.Fatalf("the WAL holds %d bytes after the migration", st.Size())
	}
}
