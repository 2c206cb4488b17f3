package data

import (
	"database/sql"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// In WAL mode SQLite copies the log back into the file (a checkpoint)
// after the commit that takes the log past 1,000 pages, in the committing
// connection, and syncs the file to the disk while doing it. On a busy
// disk that sync took hundreds of milliseconds, so one reply in twenty
// stalled (PostReply p95 205 ms). The writer does not checkpoint here
// (wal_autocheckpoint=0): a goroutine does, on a connection of its own,
// at most every checkpointEvery after a write. It is PASSIVE: it never
// waits for a reader or the writer, and copies what it can. Closing the
// last connection checkpoints the rest, as before.

// checkpointEvery bounds how often the checkpointer runs, in nanoseconds:
// the log grows by what is written in that time at most. 500 ms; atomic
// only so that the checkpointer's test can wait less for it while other
// tests run (SetCheckpointEvery in export_test.go).
var checkpointEvery = func() *atomic.Int64 {
	var d atomic.Int64
	d.Store(int64(500 * time.Millisecond))
	return &d
}()

// checkpointFrom is how large the log grows before the checkpointer copies
// it back: readers read a small log as fast as the file, and a process
// that writes little (a command, a test, a person reading) never opens the
// checkpointer's connection, which reads the whole schema first (about
// 2.6 ms). Closing the last connection copies what is left.
const checkpointFrom = 1 << 20

type checkpointer struct {
	kick    chan struct{} // a write committed
	stop    chan struct{}
	stopped sync.Once
	done    sync.WaitGroup
}

// startCheckpoints hands the writer's checkpoints to a goroutine. A shared
// file (rollback journal) has no log.
func (db *DB) startCheckpoints() error {
	if db.write == nil || db.Shared {
		return nil
	}
	// The log's size on disk is what the checkpointer goes by
	// (checkpointFrom): SQLite reuses a log from its start after a
	// checkpoint but leaves the file as long as it grew, unless told to
	// cut it back when it starts again from the top.
	if _, err := db.write.Exec(`PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 0`); err != nil {
		return err
	}
	// Its connection is made at the first checkpoint, after a write, not
	// before the first frame (reading the schema takes 2 ms); only once
	// checkFile finds the file that was opened, and with mode=rw, which
	// never makes a file: one removed under the program stays removed.
	conn, err := sql.Open("sqlite3", db.dsn(false)+"&mode=rw")
	if err != nil {
		return err
	}
	conn.SetMaxOpenConns(1)
	c := &checkpointer{kick: make(chan struct{}, 1), stop: make(chan struct{})}
	db.checkpoints = c
	c.done.Add(1)
	go c.run(conn, db.Path+"-wal", db.checkFile)
	return nil
}

// wrote tells the checkpointer that a write committed.
func (c *checkpointer) wrote() {
	if c == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run(conn *sql.DB, wal string, checkFile func() error) {
	defer c.done.Done()
	defer conn.Close()
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
		}
		// A failed checkpoint (the file busy) is tried again after the
		// next write; the writer's own errors say what is wrong. A file
		// no longer at its path is left alone.
		if st, err := os.Stat(wal); err == nil && st.Size() < checkpointFrom {
			continue
		}
		if checkFile() == nil {
			conn.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
		select {
		case <-c.stop:
			return
		case <-time.After(time.Duration(checkpointEvery.Load())):
		}
	}
}

// close stops the checkpointer and waits for it.
func (c *checkpointer) close() {
	if c == nil {
		return
	}
	c.stopped.Do(func() { close(c.stop) })
	c.done.Wait()
}
