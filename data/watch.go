package data

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// watch notices public writes by anyone: other processes through the
// file's 'public' change counter (migration 0006), read through the
// reading pool, and this process's own writes through a counter that
// writeTx bumps at once. Drafts and read marks bump neither. A file
// without the counter (an older schema opened read-only) is watched
// through PRAGMA data_version on one dedicated connection, where it
// changes on any other connection's commit; so is a remote database.
type watch struct {
	gen atomic.Uint64 // bumped by every public write transaction of this DB

	mu      sync.Mutex
	db      *sql.DB   // one connection, opened on first use
	conn    *sql.Conn // the dedicated connection
	version int64     // last counter (or data_version) read
	read    bool      // version has been read
	outside uint64    // how many times data_version changed
	polled  time.Time
	// lost: the last look could not reach a remote database (Reconnecting).
	lost atomic.Bool
}

// watchMinInterval bounds how often data_version is read however many
// sessions ask: one server serves many people from one DB.
const watchMinInterval = 150 * time.Millisecond

// Changes returns a number that grows whenever anything was committed to
// the database since the last call, by this process or another; compare
// it with the one seen before. It never fails: a database that cannot be
// read reports no change.
func (db *DB) Changes() uint64 {
	w := &db.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if now := time.Now(); now.Sub(w.polled) >= watchMinInterval {
		w.polled = now
		if v, ok := w.dataVersion(db); ok {
			if w.read && v != w.version {
				w.outside++
			}
			w.version, w.read = v, true
		}
	}
	return w.gen.Load() + w.outside
}

// LookNow makes the next Changes read the file's counter however little
// time passed since it last did (watchMinInterval), as a screen's next
// look after that time would: tests of this and other packages need not
// sleep through it.
func (db *DB) LookNow() {
	db.watch.mu.Lock()
	defer db.watch.mu.Unlock()
	db.watch.polled = time.Time{}
}

func (w *watch) dataVersion(db *DB) (int64, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if db.publicCounter && db.remote == nil {
		// The counter is a row: any reading connection sees its latest
		// value, and a connection of its own would read the whole schema
		// first (about 2.6 ms, in every process and every test).
		var v int64
		if err := db.read.QueryRowContext(ctx, `SELECT n FROM change_counters WHERE name = 'public'`).Scan(&v); err != nil {
			return 0, false
		}
		return v, true
	}
	if w.conn == nil {
		if w.db == nil {
			pool, err := db.watchPool()
			if err != nil {
				return 0, false
			}
			pool.SetMaxOpenConns(1)
			w.db = pool
		}
		conn, err := w.db.Conn(ctx)
		if err != nil {
			w.lost.Store(db.remote != nil)
			return 0, false
		}
		w.conn = conn
	}
	query := `PRAGMA data_version`
	if db.publicCounter {
		query = `SELECT n FROM change_counters WHERE name = 'public'`
	}
	var v int64
	if err := w.conn.QueryRowContext(ctx, query).Scan(&v); err != nil {
		w.lost.Store(db.remote != nil)
		w.conn.Close()
		w.conn = nil
		return 0, false
	}
	w.lost.Store(false)
	return v, true
}

// watchPool opens the watcher's own pool: on the file, or through the
// remote database's connector.
func (db *DB) watchPool() (*sql.DB, error) {
	if db.remote != nil {
		return sql.OpenDB(db.remote.Connector), nil
	}
	return sql.Open("sqlite3", db.dsn(true))
}

func (w *watch) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil {
		w.conn.Close()
		w.conn = nil
	}
	if w.db != nil {
		w.db.Close()
		w.db = nil
	}
}
