package data

import (
	"context"
	"database/sql/driver"
	"errors"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The connection strings of a database's pools, and the writer's
// connector (Open).

// dsn returns the connection string; every connection of the pool gets the
// same pragmas from it.
func (db *DB) dsn(reader bool) string {
	return db.connString(db.dsnValues(reader))
}

func (db *DB) connString(q url.Values) string {
	return "file:" + (&url.URL{Path: db.Path}).EscapedPath() + "?" + q.Encode()
}

func (db *DB) dsnValues(reader bool) url.Values {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	if db.Shared {
		q.Set("_journal_mode", "DELETE")
		q.Set("_synchronous", "FULL")
	} else if !db.ReadOnly {
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
	}
	if reader {
		// The writer sets the journal mode, which the file keeps, and
		// readers write nothing: their connection string is the same
		// before the file is known to be shared (Open's ReadSoon) and
		// after.
		q.Del("_journal_mode")
		q.Del("_synchronous")
		q.Set("_query_only", "on")
		// Keep each reader's recent statements prepared: the schema is
		// large (260 objects, 134 triggers), and preparing every query
		// anew took 15% of a 50-session server's CPU. The writer prepares
		// afresh: its statements compile the triggers and are not hot.
		q.Set("_stmt_cache_size", "32")
	} else {
		q.Set("_txlock", "immediate")
	}
	if db.ReadOnly {
		q.Set("mode", "ro")
		q.Del("_journal_mode")
		if db.readOnlyWhy != nil && db.readOnlyWhy.Key != "err.db.read_only_file" && !exists(db.Path+"-wal") {
			// Nothing can write a file on a read-only drive or in a folder
			// that takes no journal, and SQLite cannot make the WAL index
			// it reads a WAL file through: read the file as it is.
			q.Set("immutable", "1")
		}
	}
	// 2 MB of pages for each reader (up to four), as sqlite3 keeps; the
	// system keeps the file in memory besides. At 16 MB the interface
	// reached 104 MB at scale 1 (issue 16: 80 at most), and searches were
	// no faster; at 4 MB it reached 76 to 81 MB, at 2 MB 67 to 71, with
	// searches, long threads and 50 SSH sessions as fast in the same runs.
	// The writer and the checkpointer read little: 1 MB each.
	q.Set("_cache_size", strconv.Itoa(-cacheKiB(reader)))
	return q
}

// cacheKiB is a connection's page cache (dsn): what an import that asks
// for more goes back to.
func cacheKiB(reader bool) int {
	if reader {
		return 2000
	}
	return 1000
}

// firstWriterDSN is the writer's first connection string: dsn without the
// journal mode and the sync, which the file's shared mark decides and the
// connection reads first (Open, probeConn). A connection string with a
// journal mode would change a foreign file before it is refused.
func (db *DB) firstWriterDSN() string {
	q := db.dsnValues(false)
	q.Del("_journal_mode")
	q.Del("_synchronous")
	return db.connString(q)
}

// leaveWALPatience is how long leaving WAL waits for the other
// connections to the file to close.
var leaveWALPatience = time.Second

// readersIdle is how many reader connections stay open unused, as
// database/sql keeps by default.
const readersIdle = 2

// setJournal gives the writer the journal mode and sync that the file's
// shared mark asks for (dsn), and gives them to a connection made later
// in its place.
func (db *DB) setJournal(ctx context.Context) error {
	mode, sync := "WAL", "NORMAL"
	if db.Shared {
		mode, sync = "DELETE", "FULL"
		if db.read != nil {
			// Leaving WAL needs the file to itself: idle readers close.
			db.read.SetMaxIdleConns(0)
			defer db.read.SetMaxIdleConns(readersIdle)
		}
	}
	if err := db.setJournalMode(ctx, mode); err != nil {
		return err
	}
	if _, err := db.write.ExecContext(ctx, `PRAGMA synchronous = `+sync); err != nil {
		return err
	}
	if db.writer != nil {
		db.writer.use(db.dsn(false))
	}
	return nil
}

// errFileInUse: leaving WAL found the file open elsewhere; the caller
// says what could not be done (sharedInUseError, sharedOpenError).
var errFileInUse = errors.New("data: the file is open in another process")

// setJournalMode sets the writer's journal mode. SQLite refuses at once
// (busy) to leave WAL while another connection has the file open: a read
// of this process's under way (a screen's, the live poll) ends soon;
// another process's hiroba, open on it for hours, does not
// (errFileInUse). Entering WAL waits as writers wait for each other.
func (db *DB) setJournalMode(ctx context.Context, mode string) error {
	set := func() error {
		_, err := db.write.ExecContext(ctx, `PRAGMA journal_mode = `+mode)
		return err
	}
	if mode == "WAL" {
		return db.retry(ctx, set)
	}
	err := db.retryWithin(ctx, leaveWALPatience, set)
	if isBusy(err) {
		return errFileInUse
	}
	return err
}

// writerConnector makes the writer's connection from the connection string
// of the moment: the first one is made before the file is known to be
// hiroba's (firstWriterDSN), one made after a lost connection gets what
// setJournal last set.
type writerConnector struct {
	dsn atomic.Pointer[string]
}

func newWriterConnector(dsn string) *writerConnector {
	c := &writerConnector{}
	c.use(dsn)
	return c
}

func (c *writerConnector) use(dsn string) { c.dsn.Store(&dsn) }

func (c *writerConnector) Connect(context.Context) (driver.Conn, error) {
	return c.Driver().Open(*c.dsn.Load())
}

func (c *writerConnector) Driver() driver.Driver { return &sqlite3.SQLiteDriver{} }
