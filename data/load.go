package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"time"

	"hiroba/model"
)

// A generator (seed.Scale) fills a new database with millions of rows.
// Written the way the program writes (synced, indexed for search in each
// transaction, every index kept up to date row by row) that took eleven
// minutes at the benchmark scale; a load does it in about a minute:
//
//   - the file is not synced until the end, and its secondary indexes are
//     dropped and made again at the end, from sorted data;
//   - the search index is built beside it, in a file of its own, by a
//     second goroutine that follows search_pending as the generator
//     commits, so that the two processors share the work; at the end the
//     finished index is merged into one segment and copied in.
//
// The file stays in WAL mode throughout, so that the builder can read
// what the generator has committed while it writes the rest.

// settingLoading marks a file whose load has not finished: its indexes
// are missing. Open refuses it.
const settingLoading = "loading"

// load is the state of a load between BeginLoad and EndLoad.
type load struct {
	indexes []string      // the CREATE INDEX statements dropped for the load
	side    string        // the file the search index is built in
	stop    chan struct{} // the generator is done: index the rest
	abort   chan struct{} // the load failed: stop
	done    chan error
	indexed atomic.Int64 // documents the builder has indexed
}

// LoadProgress hears how far the search indexing at the end of a load has
// come: done of total documents.
type LoadProgress func(done, total int)

// BeginLoad readies a new, empty database for a generator that writes a
// large number of rows through Bulk and only inserts (seed.Scale). Until
// EndLoad nothing is synced to the disk, the secondary indexes are
// missing and search finds nothing new. If the program stops before
// EndLoad the file is of no use: Open refuses it, and it is to be removed.
// A database that already holds staff is refused with ECONFLICT.
func (db *DB) BeginLoad(ctx context.Context) error {
	if db.write == nil {
		return db.readOnlyError()
	}
	if db.load != nil {
		return nil
	}
	if db.remote != nil {
		// The load writes beside the file and attaches it; a cluster
		// starts from a file instead (hiroba cluster import).
		return model.Keyed(model.EUNSUPPORTED, "err.cluster.no_load", "%s: クラスタには生成データを直接書き込めません。ファイルに生成してから hiroba cluster import で取り込んでください", db.Path)
	}
	var staff, docs int
	if err := db.write.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (SELECT 1 FROM staff LIMIT 1)),
		(SELECT count(*) FROM (SELECT 1 FROM search_docs LIMIT 1))`).Scan(&staff, &docs); err != nil {
		return db.wrapWriteErr(err)
	}
	if staff > 0 || docs > 0 {
		return model.Keyed(model.ECONFLICT, "err.load.not_empty", "%s にはすでにデータがあります。生成データは空のデータベースにだけ書き込めます", db.Path)
	}
	l := &load{side: db.Path + "-load-index", stop: make(chan struct{}), abort: make(chan struct{}), done: make(chan error, 1)}
	err := db.Bulk(ctx, func(tx *sql.Tx) error {
		l.indexes = nil
		rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
		if err != nil {
			return err
		}
		var names []string
		for rows.Next() {
			var name, sql string
			if err := rows.Scan(&name, &sql); err != nil {
				rows.Close()
				return err
			}
			names, l.indexes = append(names, name), append(l.indexes, sql)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, name := range names {
			if _, err := tx.ExecContext(ctx, `DROP INDEX "`+name+`"`); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')`, settingLoading)
		return err
	})
	if err != nil {
		return err
	}
	// A shared file is in WAL for the load too: the builder reads while the
	// generator writes. Nobody else can be using a file being made.
	for _, p := range []string{`PRAGMA journal_mode = WAL`, `PRAGMA synchronous = OFF`, `PRAGMA wal_autocheckpoint = 1000`} {
		if _, err := db.write.ExecContext(ctx, p); err != nil {
			return db.wrapWriteErr(fmt.Errorf("%s: %w", p, err))
		}
	}
	os.Remove(l.side)
	db.load = l
	go func() { l.done <- db.buildIndex(l) }()
	return nil
}

// EndLoad makes the indexes again, waits for the search index, copies it
// in, and syncs the file: it is then a database like any other. progress,
// if not nil, hears how far the search index has come.
func (db *DB) EndLoad(ctx context.Context, progress LoadProgress) error {
	l := db.load
	if l == nil {
		return nil
	}
	defer func() { db.load = nil }()
	defer os.Remove(l.side)
	close(l.stop)
	if progress == nil {
		progress = func(int, int) {}
	}
	var total int
	if err := db.write.QueryRowContext(ctx, `SELECT count(*) FROM search_pending`).Scan(&total); err != nil {
		return db.wrapWriteErr(err)
	}
	progress(int(l.indexed.Load()), total)

	// The indexes are made while the builder finishes.
	err := db.Bulk(ctx, func(tx *sql.Tx) error {
		for _, q := range l.indexes {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%.60s: %w", q, err)
			}
		}
		return nil
	})
	if err != nil {
		<-l.done
		return err
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case err = <-l.done:
			if err != nil {
				return fmt.Errorf("%s: 検索の索引: %w", db.Path, err)
			}
			progress(total, total)
			return db.finishLoad(ctx, l)
		case <-tick.C:
			progress(min(int(l.indexed.Load()), total), total)
		}
	}
}

// AbandonLoad ends a load that failed: the builder stops and its file is
// removed. The database keeps the mark of an unfinished load, so that
// Open refuses it.
func (db *DB) AbandonLoad() {
	l := db.load
	if l == nil {
		return
	}
	db.load = nil
	close(l.abort)
	<-l.done
	os.Remove(l.side)
}

// finishLoad copies the built index in, forgets what was pending, gives
// the file its usual syncing and syncs it.
func (db *DB) finishLoad(ctx context.Context, l *load) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return db.wrapWriteErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS load`, sideDSN(l.side)); err != nil {
		return fmt.Errorf("%s: %w", l.side, err)
	}
	err = func() error {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		for _, q := range []string{
			`INSERT INTO search_docs (docid, kind, ref_id, community_id) SELECT docid, kind, ref_id, community_id FROM load.docs ORDER BY docid`,
			`INSERT INTO search_fts_segments SELECT * FROM load.search_fts_segments`,
			`INSERT INTO search_fts_segdir SELECT * FROM load.search_fts_segdir`,
			`INSERT OR REPLACE INTO search_fts_stat SELECT * FROM load.search_fts_stat`,
			`UPDATE change_counters SET n = (SELECT coalesce(max(docid), 0) FROM search_docs) WHERE name = 'search_docid'`,
			`DELETE FROM search_pending`,
			`DELETE FROM settings WHERE key = '` + settingLoading + `'`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%.50s: %w", q, err)
			}
		}
		return tx.Commit()
	}()
	if _, e := conn.ExecContext(ctx, `DETACH DATABASE load`); err == nil && e != nil {
		err = e
	}
	if err != nil {
		return db.wrapWriteErr(err)
	}
	pragmas := []string{`PRAGMA synchronous = NORMAL`, `PRAGMA wal_checkpoint(TRUNCATE)`, `PRAGMA wal_autocheckpoint = 0`}
	if db.Shared {
		pragmas = []string{`PRAGMA synchronous = FULL`, `PRAGMA journal_mode = DELETE`}
	}
	for _, p := range pragmas {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return db.wrapWriteErr(fmt.Errorf("%s: %w", p, err))
		}
	}
	return syncFile(db.Path)
}

func sideDSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?_journal_mode=OFF&_synchronous=OFF&_cache_size=-131072"
}

// buildIndex indexes, in the load's side file, every document search_pending
// names, in its order, as the generator commits them; once EndLoad says
// the generator is done, it indexes the rest, merges the index into one
// segment and returns. One goroutine reads and tokenizes the next batch
// while this one writes the last.
func (db *DB) buildIndex(l *load) error {
	ctx := context.Background()
	read, err := sql.Open("sqlite3", db.dsn(true))
	if err != nil {
		return err
	}
	defer read.Close()
	read.SetMaxOpenConns(1)
	side, err := sql.Open("sqlite3", sideDSN(l.side))
	if err != nil {
		return err
	}
	defer side.Close()
	side.SetMaxOpenConns(1)
	for _, q := range []string{searchFTSSchema,
		`CREATE TABLE docs (docid INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref_id TEXT NOT NULL, community_id TEXT NOT NULL)`} {
		if _, err := side.ExecContext(ctx, q); err != nil {
			return err
		}
	}

	batches := make(chan []pendingDoc, 2)
	readErr := make(chan error, 1)
	quit := make(chan struct{})
	// The reader stops before read is closed: a query of its still
	// running after the return would hold a connection (read-only) past
	// Close, leaving the file's -wal and -shm behind.
	defer func() {
		close(quit)
		for range batches {
		}
	}()
	go func() {
		defer close(batches)
		var last int64
		for {
			finishing := false
			select {
			case <-l.stop:
				finishing = true
			default:
			}
			batch, err := readPending(ctx, read, last, 20000)
			if err != nil {
				readErr <- err
				return
			}
			if len(batch) == 0 {
				if finishing {
					return
				}
				select {
				case <-l.stop:
				case <-l.abort:
					return
				case <-quit:
					return
				case <-time.After(50 * time.Millisecond):
				}
				continue
			}
			last = batch[len(batch)-1].seq
			select {
			case batches <- batch:
			case <-quit:
				return
			case <-l.abort:
				return
			}
		}
	}()

	var docid int64
	for batch := range batches {
		select {
		case <-l.abort:
			return errors.New("load abandoned")
		default:
		}
		err := func() error {
			tx, err := side.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			doc, err := tx.PrepareContext(ctx, `INSERT INTO docs (docid, kind, ref_id, community_id) VALUES (?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer doc.Close()
			fts, err := tx.PrepareContext(ctx, `INSERT INTO search_fts (docid, title, body, bucket) VALUES (?, ?, ?, ?)`)
			if err != nil {
				return err
			}
			defer fts.Close()
			for _, p := range batch {
				if p.old != nil {
					return errors.New("a load only inserts: " + p.kind + " " + p.ref + " changed")
				}
				if p.doc == nil {
					continue
				}
				docid++
				if _, err := doc.ExecContext(ctx, docid, p.kind, p.ref, p.doc.community); err != nil {
					return err
				}
				if _, err := fts.ExecContext(ctx, docid, p.doc.title, p.doc.body, searchBucket(docid)); err != nil {
					return err
				}
			}
			return tx.Commit()
		}()
		if err != nil {
			return err
		}
		l.indexed.Add(int64(len(batch)))
	}
	select {
	case err := <-readErr:
		return err
	case <-l.abort:
		return errors.New("load abandoned")
	default:
	}
	_, err = side.ExecContext(ctx, `INSERT INTO search_fts(search_fts) VALUES ('optimize')`)
	return err
}

// syncFile writes what the operating system holds of the file to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
