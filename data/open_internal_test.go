package data

import (
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
