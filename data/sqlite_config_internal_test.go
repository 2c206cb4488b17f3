package data

import "testing"

// SQLite's memory statistics are off before its first connection: with
// them, every allocation of every connection took one mutex, a quarter of
// the data tests' CPU. sqlite3_config refuses once SQLite has started, so
// an init that opened a database first would turn this off unseen.
func TestSQLiteKeepsNoMemoryStatistics(t *testing.T) {
	if memStatusOff != 0 {
		t.Fatalf("sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) answered %d, not SQLITE_OK", memStatusOff)
	}
}
