package data

import (
	"context"
	"database/sql"
	"time"

	"hiroba/model"
)

// QueryStrings runs a query of one text column on the read pool, for
// tests that check rows no service lists.
func QueryStrings(db *DB, query string) ([]string, error) {
	rows, err := db.read.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ForgetCalendar drops the calendar's in-memory index, as a change to any
// event by anyone would, so that benchmarks can measure the read after it.
func ForgetCalendar(db *DB) {
	db.cal.mu.Lock()
	db.cal.index, db.cal.access = nil, nil
	db.cal.mu.Unlock()
}

// SearchExhaustive is Search reading every match of every bucket of the
// index, as one query over the whole index did before the buckets.
func SearchExhaustive(db *DB, ctx context.Context, query string, limit int) ([]model.SearchResult, error) {
	return db.search(ctx, query, limit, true)
}

// SetSearchBucketBits sets how many docids share a bucket of the search
// index (2^bits) for databases made until the returned func restores it.
func SetSearchBucketBits(bits int) (restore func()) {
	old := searchBucketBits
	searchBucketBits = bits
	return func() { searchBucketBits = old }
}

// SearchCandidateIDs returns the docids of a search's candidates, best
// first, read bucket by bucket or, exhaustive, from every match.
func SearchCandidateIDs(db *DB, ctx context.Context, query string, exhaustive bool) ([]int64, error) {
	var out []int64
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		cands, err := db.searchCandidates(ctx, tx, model.ParseSearchQuery(query), exhaustive)
		for _, c := range cands {
			out = append(out, c.docid)
		}
		return err
	})
	return out, err
}

// SearchSQL runs a search and returns every query it ran, in order.
func SearchSQL(db *DB, ctx context.Context, query string, limit int) ([]SQLStatement, error) {
	var trace []SQLStatement
	_, err := db.Search(context.WithValue(ctx, searchTrace{}, &trace), query, limit)
	return trace, err
}

// SetBusyPatience sets how long a transaction waits for other writers,
// until the returned func restores it.
func SetBusyPatience(d time.Duration) (restore func()) {
	old := busyPatience
	busyPatience = d
	return func() { busyPatience = old }
}

// CountAs runs a query of one count with @viewer (the context's viewer)
// and @cap (model.MaxUnreadCount+1) on the read pool.
func CountAs(db *DB, ctx context.Context, query string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, query, sql.Named("viewer", model.ViewerFrom(ctx)), sql.Named("cap", model.MaxUnreadCount+1)).Scan(&n)
	return n, err
}

// CheckpointInline makes db checkpoint in the writing connection, as SQLite
// does by itself (on), or in its checkpointer (off), to compare the two.
func CheckpointInline(db *DB, on bool) error {
	db.checkpoints.close()
	db.checkpoints = nil
	if on {
		_, err := db.write.Exec(`PRAGMA wal_autocheckpoint = 1000`)
		return err
	}
	return db.startCheckpoints()
}

// SearchMatchQuery is the query a search runs on each bucket of the index.
const SearchMatchQuery = matchQuery

// SetLostPatience sets how long a remote database may stay out of reach
// before what was being done is given up, until the returned func
// restores it.
func SetLostPatience(d time.Duration) (restore func()) {
	old := lostPatience
	lostPatience = d
	return func() { lostPatience = old }
}

// SetLeaveWALPatience sets how long leaving WAL waits for the file's
// other connections, until the returned func restores it.
func SetLeaveWALPatience(d time.Duration) (restore func()) {
	old := leaveWALPatience
	leaveWALPatience = d
	return func() { leaveWALPatience = old }
}
