package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"hiroba/model"
)

// Indexing for search: triggers queue every changed row in search_pending
// (migrations 3 and 7); every write transaction indexes the queue before
// it commits, and the first writable open indexes what others left.

// IndexProgress, when set, hears how far a long indexing run (the first
// open after the search migration, at most once per database) has come.
// The command line points it at standard error.
var IndexProgress func(done, total int, elapsed time.Duration)

// indexProgressMin is the backlog above which IndexProgress is told.
const indexProgressMin = 20000

// indexBatch is how many changed rows one transaction of the first
// indexing writes: small enough that other writers wait only briefly.
const indexBatch = 20000

// openSearch notes whether the schema has the search tables and, when the
// file is writable, indexes every row changed since the index was last
// brought up to date: after the migration that is everything, in batches
// of their own transactions.
func (db *DB) openSearch(ctx context.Context) error {
	var n, total int
	if err := db.retry(ctx, func() error {
		return db.write.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'search_pending'`).Scan(&n)
	}); err != nil || n == 0 {
		return err
	}
	db.searchReady = true
	if err := db.retry(ctx, func() error {
		return db.write.QueryRowContext(ctx, `SELECT count(*) FROM search_pending`).Scan(&total)
	}); err != nil || total == 0 {
		return err
	}
	start := time.Now()
	report := IndexProgress
	if total < indexProgressMin {
		report = nil
	}
	done := 0
	if report != nil {
		report(0, total, 0)
	}
	// Each batch commits on its own: writeTx must not index the rest of
	// the queue in the same transaction.
	ctx = context.WithValue(ctx, batchIndexing{}, true)
	for {
		var n int
		err := db.writeTx(ctx, func(tx *sql.Tx) (err error) {
			n, err = indexPending(ctx, tx, indexBatch)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: 検索の索引: %w", db.Path, err)
		}
		if n == 0 {
			break
		}
		done += n
		if report != nil && done < total {
			report(done, total, time.Since(start))
		}
	}
	if done >= indexProgressMin {
		// Many small segments slow every query; merge them once.
		if err := db.writeTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO search_fts(search_fts) VALUES ('optimize')`)
			return err
		}); err != nil {
			return fmt.Errorf("%s: 検索の索引: %w", db.Path, err)
		}
	}
	if report != nil {
		report(total, total, time.Since(start))
	}
	return nil
}

// indexChanges brings the index up to date with everything tx changed; it
// runs in every write transaction just before it commits.
func (db *DB) indexChanges(ctx context.Context, tx *sql.Tx) error {
	if !db.searchReady || db.load != nil || ctx.Value(batchIndexing{}) != nil {
		return nil
	}
	for {
		n, err := indexPending(ctx, tx, 2000)
		if err != nil || n == 0 {
			return err
		}
	}
}

// batchIndexing marks the context of openSearch's batches.
type batchIndexing struct{}

// indexSources say, for each kind, how to read what is indexed: id,
// community, title and body of the rows whose ids the subquery in %s
// names, if they may be found at all (hidden, deleted and cancelled rows
// are left out of the index).
var indexSources = map[string]string{
	model.SearchThread: `SELECT t.id, t.community_id, t.title || ' ' || t.tags, t.body FROM threads t
		WHERE t.id IN (%s) AND t.hidden = 0 AND t.deleted_at IS NULL`,
	model.SearchReply: `SELECT r.id, coalesce(t.community_id, ''), '', r.body FROM replies r LEFT JOIN threads t ON t.id = r.thread_id
		WHERE r.id IN (%s) AND r.hidden = 0 AND r.deleted_at IS NULL`,
	model.SearchHandover: `SELECT h.id, '', h.duty, h.department || ' ' || coalesce(mu.name, '') FROM handovers h
		LEFT JOIN municipalities mu ON mu.id = h.municipality_id WHERE h.id IN (%s)`,
	model.SearchSection: `SELECT s.id, '', s.title, s.body FROM handover_sections s WHERE s.id IN (%s)`,
	model.SearchEvent: `SELECT e.id, e.community_id, e.title, e.description || ' ' || e.place FROM events e
		WHERE e.id IN (%s) AND e.cancelled_at IS NULL`,
	model.SearchCommunity: `SELECT c.id, c.id, c.name, c.summary || ' ' || c.description FROM communities c WHERE c.id IN (%s)`,
}

// searchFTSSchema is search_fts as migration 7 made it.
const searchFTSSchema = `CREATE VIRTUAL TABLE search_fts USING fts4(content="search_old", title, body, tokenize=simple, order=DESC, matchinfo=fts3, languageid="bucket")`

// searchBucketBits: a document's bucket of the index is its docid shifted
// right by this many bits (migration 7). It is fixed for the life of a
// file; tests lower it to have many buckets in a small database.
var searchBucketBits = 18

func searchBucket(docid int64) int64 { return docid >> searchBucketBits }

type indexDoc struct {
	community, title, body string
}

// pendingDoc is one row of search_pending: what changed, and the text it
// had when it was indexed if it was (old is nil for a row not indexed).
type pendingDoc struct {
	seq       int64
	kind, ref string
	old       *[2]string
	// doc is what to index now, tokenized; nil if the row is not to be
	// found (gone, hidden, deleted).
	doc *indexDoc
}

// readPending reads up to limit rows of search_pending after seq, oldest
// first, with what each is to be indexed with now.
func readPending(ctx context.Context, q querier, after int64, limit int) ([]pendingDoc, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, kind, ref_id, old_title, old_body FROM search_pending
		WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	var batch []pendingDoc
	kinds := map[string]bool{}
	for rows.Next() {
		var p pendingDoc
		var oldTitle, oldBody sql.NullString
		if err := rows.Scan(&p.seq, &p.kind, &p.ref, &oldTitle, &oldBody); err != nil {
			rows.Close()
			return nil, err
		}
		if oldTitle.Valid || oldBody.Valid {
			p.old = &[2]string{oldTitle.String, oldBody.String}
		}
		batch = append(batch, p)
		kinds[p.kind] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(batch) == 0 {
		return nil, err
	}
	lo, hi := batch[0].seq, batch[len(batch)-1].seq
	type key struct{ kind, ref string }
	docs := map[key]indexDoc{}
	for kind := range kinds {
		query, ok := indexSources[kind]
		if !ok {
			continue
		}
		rows, err := q.QueryContext(ctx, fmt.Sprintf(query,
			`SELECT ref_id FROM search_pending WHERE kind = ? AND seq BETWEEN ? AND ?`), kind, lo, hi)
		if err != nil {
			return nil, fmt.Errorf("検索の索引 (%s): %w", kind, err)
		}
		for rows.Next() {
			var id string
			var d indexDoc
			if err := rows.Scan(&id, &d.community, &d.title, &d.body); err != nil {
				rows.Close()
				return nil, err
			}
			docs[key{kind, id}] = d
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	tokenizeDocs(batch, func(p *pendingDoc) (indexDoc, bool) {
		d, ok := docs[key{p.kind, p.ref}]
		return d, ok
	})
	return batch, nil
}

// tokenizeDocs sets the doc of each row of batch that doc finds. A large
// batch (the first indexing, a generated database) is split between the
// processors.
func tokenizeDocs(batch []pendingDoc, doc func(*pendingDoc) (indexDoc, bool)) {
	work := func(part []pendingDoc) {
		for i := range part {
			if d, ok := doc(&part[i]); ok {
				part[i].doc = &indexDoc{community: d.community, title: model.SearchTokens(d.title), body: model.SearchTokens(d.body)}
			}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if len(batch) < 2000 || workers < 2 {
		work(batch)
		return
	}
	var wg sync.WaitGroup
	per := (len(batch) + workers - 1) / workers
	for from := 0; from < len(batch); from += per {
		wg.Add(1)
		go func(part []pendingDoc) {
			defer wg.Done()
			work(part)
		}(batch[from:min(from+per, len(batch))])
	}
	wg.Wait()
}

// indexPending indexes up to limit rows of search_pending, oldest first
// so that docids keep the order things were written in, and removes them
// from it. It returns how many it took.
//
// search_fts keeps no text (migration 7): a document's tokens are removed
// by putting the tokens it was indexed with, recomputed from the old text
// the triggers kept, into search_old for the moment of the DELETE. Docids
// are never reused (the 'search_docid' counter), so that tokens of a
// removed document whose old text was unknown can never match another.
func indexPending(ctx context.Context, tx *sql.Tx, limit int) (int, error) {
	batch, err := readPending(ctx, tx, math.MinInt64, limit)
	if err != nil || len(batch) == 0 {
		return 0, err
	}
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT n FROM change_counters WHERE name = 'search_docid'`).Scan(&next); err != nil {
		return 0, fmt.Errorf("検索の索引: %w", err)
	}
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, s := range stmts {
			s.Close()
		}
	}()
	exec := func(q string, args ...any) (sql.Result, error) {
		s, ok := stmts[q]
		if !ok {
			var err error
			if s, err = tx.PrepareContext(ctx, q); err != nil {
				return nil, err
			}
			stmts[q] = s
		}
		return s.ExecContext(ctx, args...)
	}
	find, err := tx.PrepareContext(ctx, `SELECT docid FROM search_docs WHERE kind = ? AND ref_id = ?`)
	if err != nil {
		return 0, err
	}
	defer find.Close()

	for _, p := range batch {
		var docid int64
		err := find.QueryRowContext(ctx, p.kind, p.ref).Scan(&docid)
		if err == sql.ErrNoRows {
			docid = 0
		} else if err != nil {
			return 0, err
		}
		if docid != 0 && p.old != nil {
			if _, err := exec(`INSERT INTO search_old (docid, title, body, bucket) VALUES (?, ?, ?, ?)`,
				docid, model.SearchTokens(p.old[0]), model.SearchTokens(p.old[1]), searchBucket(docid)); err != nil {
				return 0, err
			}
			if _, err := exec(`DELETE FROM search_fts WHERE docid = ?`, docid); err != nil {
				return 0, err
			}
			if _, err := exec(`DELETE FROM search_old WHERE docid = ?`, docid); err != nil {
				return 0, err
			}
		}
		d := p.doc
		switch {
		case d == nil && docid != 0:
			if _, err := exec(`DELETE FROM search_docs WHERE docid = ?`, docid); err != nil {
				return 0, err
			}
			continue
		case d == nil:
			continue
		case docid != 0:
			if _, err := exec(`UPDATE search_docs SET community_id = ? WHERE docid = ?`, d.community, docid); err != nil {
				return 0, err
			}
		default:
			next++
			docid = next
			if _, err := exec(`INSERT INTO search_docs (docid, kind, ref_id, community_id) VALUES (?, ?, ?, ?)`, docid, p.kind, p.ref, d.community); err != nil {
				return 0, err
			}
		}
		if _, err := exec(`INSERT INTO search_fts (docid, title, body, bucket) VALUES (?, ?, ?, ?)`, docid, d.title, d.body, searchBucket(docid)); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE change_counters SET n = ? WHERE name = 'search_docid'`, next); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_pending WHERE seq BETWEEN ? AND ?`, batch[0].seq, batch[len(batch)-1].seq); err != nil {
		return 0, err
	}
	return len(batch), nil
}
