package data

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// watch notices commits by anyone: other processes through PRAGMA
// data_version on one dedicated connection (the number is per connection,
// and changes when another connection commits), and this process's own
// writes through a counter that writeTx bumps at once.
type watch struct {
	gen atomic.Uint64 // bumped by every write transaction of this DB

	mu      sync.Mutex
	db      *sql.DB   // one connection, opened on first use
	conn    *sql.Conn // the dedicated connection
	version int64     // last data_version read
	outside uint64    // how many times data_version changed
	polled  time.Time
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
			if w.version != 0 && v != w.version {
				w.outside++
			}
			w.version = v
		}
	}
	return w.gen.Load() + w.outside
}

func (w *watch) dataVersion(db *DB) (int64, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if w.conn == nil {
		if w.db == nil {
			pool, err := sql.Open("sqlite3", db.dsn(true))
			if err != nil {
				return 0, false
			}
			pool.SetMaxOpenConns(1)
			w.db = pool
		}
		conn, err := w.db.Conn(ctx)
		if err != nil {
			return 0, false
		}
		w.conn = conn
	}
	var v int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		w.conn.Close()
		w.conn = nil
		return 0, false
	}
	return v, true
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
