package data

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"hiroba/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// writeTx runs fn in an immediate transaction and commits it, counting
// it as a change others see: in the file's 'public' counter, which other
// processes poll (watch.go), and in this process at once.
func (db *DB) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	err := db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		if err := fn(tx); err != nil || !db.publicCounter {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE change_counters SET n = n + 1 WHERE name = 'public'`)
		return err
	})
	if err != nil {
		return err
	}
	db.watch.gen.Add(1)
	return nil
}

// writePrivateTx is writeTx for what only its writer sees, such as drafts
// and read marks: other screens and sessions of this process have nothing
// to reload, so it does not count as a change (Changes).
//
// Another writer holding the file (another process, or the other
// connections of a shared file) is waited for: a transaction that meets
// it is rolled back and run again whole, fn included, with growing and
// jittered pauses, for up to busyPatience (retry). A database reached
// through a cluster (remote.go) also runs it again after losing its
// connection, for up to lostPatience, even when the COMMIT itself failed
// and may have committed: every call leaves a receipt in its transaction
// (write_receipts, migration 12), and a run that finds the receipt of an
// earlier run knows that run committed, and stops there. So a write is
// done once however often it is tried, and fn must be safe to run again:
// it may change nothing outside the transaction but what a later run sets
// again, as a run that did not commit is followed by another.
func (db *DB) writePrivateTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.write == nil {
		return db.readOnlyError()
	}
	if err := db.checkFile(); err != nil {
		return err
	}
	receipt := model.NewID(db.Now())
	return db.wrapWriteErr(db.retry(ctx, func() error {
		tx, err := db.write.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if done, err := db.takeReceipt(ctx, tx, receipt); err != nil || done {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		if err := db.indexChanges(ctx, tx); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return &commitError{err}
		}
		if db.load == nil {
			db.checkpoints.wrote()
		}
		return nil
	}))
}

// commitError is a COMMIT that failed: through a cluster it may have
// committed all the same.
type commitError struct{ err error }

func (e *commitError) Error() string { return e.err.Error() }
func (e *commitError) Unwrap() error { return e.err }

// receiptsKept is how long a write's receipt is kept: far longer than
// any write is tried again.
const receiptsKept = 10 * time.Minute

// takeReceipt records the receipt of a write in its transaction, and
// reports whether an earlier run of the same write had already committed
// it. Once a minute it also forgets the receipts older than receiptsKept:
// receipts are ids made by model.NewID, whose first ten characters are
// the time, so those older are the ids below the cutoff's first ten.
func (db *DB) takeReceipt(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	if !db.receipts || db.remote == nil {
		// Only a remote database's COMMIT is tried again (transient): on
		// a file a failed COMMIT did not commit, and a receipt would cost
		// every write a row and a page of the log for nothing.
		return false, nil
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO write_receipts (id) VALUES (?) ON CONFLICT DO NOTHING`, id)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err == nil, err
	}
	now := db.Now()
	if last := db.receiptsPruned.Load(); now.Unix()-last < 60 && now.Unix() >= last {
		return false, nil
	}
	db.receiptsPruned.Store(now.Unix())
	_, err = tx.ExecContext(ctx, `DELETE FROM write_receipts WHERE id < ?`, model.NewID(now.Add(-receiptsKept))[:10])
	return false, err
}

// busyPatience is how long, in all, a transaction waits for other
// writers before it gives up: long enough for every other writer that
// is alive to finish, however many there are on a busy machine.
var busyPatience = 2 * time.Minute

// lostPatience is how long a database reached through a cluster may stay
// out of reach before what was being done is given up: a cluster that
// lost its leader elects another in a few seconds.
var lostPatience = 30 * time.Second

// isBusy reports whether err says that another connection holds the
// database: SQLITE_BUSY or SQLITE_LOCKED, or those words from a driver
// that does not give SQLite's codes (a dqlite cluster says "database is
// locked" at once instead of waiting).
func isBusy(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked
	}
	return err != nil && strings.Contains(err.Error(), "database is locked")
}

// retry runs attempt until it returns anything but busy or a lost
// connection (Remote.Transient), the context ends, or busyPatience has
// passed since the first try, lostPatience since the connection was lost.
// Between attempts it waits from 2 ms, doubling up to half a second, each
// pause drawn at random from half to one and a half of that, so that
// writers that met do not meet again in step. While the connection is
// lost the database says so (Reconnecting).
func (db *DB) retry(ctx context.Context, attempt func() error) error {
	return db.retryWithin(ctx, busyPatience, attempt)
}

// retryWithin is retry, giving up on busy after patience.
func (db *DB) retryWithin(ctx context.Context, patience time.Duration, attempt func() error) error {
	start := time.Now()
	var lostSince time.Time
	defer func() {
		if !lostSince.IsZero() {
			db.lost.Add(-1)
		}
	}()
	backoff := 2 * time.Millisecond
	for {
		err := attempt()
		lost := err != nil && db.transient(err)
		if lost && lostSince.IsZero() {
			lostSince = time.Now()
			db.lost.Add(1)
		}
		switch {
		case err == nil:
			return nil
		case lost:
			if time.Since(lostSince) > lostPatience {
				return db.lostError(err)
			}
		case !isBusy(err) || time.Since(start) > patience:
			return err
		}
		pause := time.NewTimer(backoff/2 + rand.N(backoff))
		select {
		case <-ctx.Done():
			pause.Stop()
			if lost {
				return db.lostError(err)
			}
			return err
		case <-pause.C:
		}
		backoff = min(2*backoff, 500*time.Millisecond)
	}
}
