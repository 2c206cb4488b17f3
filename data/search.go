package data

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"hiroba/model"
)

var _ model.SearchService = (*DB)(nil)

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
	if err := retryBusy(ctx, func() error {
		return db.write.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'search_pending'`).Scan(&n)
	}); err != nil || n == 0 {
		return err
	}
	db.searchReady = true
	if err := retryBusy(ctx, func() error {
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

// querier is a transaction or a connection pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
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

// Ranking. Candidates are the newest matches (docid order), plus the
// newest whose title matches, each bounded; they are scored by their hits
// (matchScore), with a bonus of up to recencyWeight for being newer among
// the candidates.
const (
	candidatesAll   = 1000
	candidatesTitle = 300
	titleWeight     = 4.0
	recencyWeight   = 0.3
	bm25K1          = 1.2
	snippetRunes    = 80
)

type searchCandidate struct {
	docid           int64
	kind, ref, comm string
	score           float64
}

// Search finds threads, replies, handover notes and their sections, events
// and communities that match every term of query, best first. It returns
// only what the viewer may open: no members-only community of which the
// viewer is not a member, no hidden or deleted post, no note the viewer
// may not read; an anonymous author is AnonymousName.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]model.SearchResult, error) {
	return db.search(ctx, query, limit, false)
}

func (db *DB) search(ctx context.Context, query string, limit int, exhaustive bool) ([]model.SearchResult, error) {
	terms := model.ParseSearchQuery(query)
	if len(terms) == 0 || limit <= 0 {
		return []model.SearchResult{}, nil
	}
	var out []model.SearchResult
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		cands, err := db.searchCandidates(ctx, tx, terms, exhaustive)
		if err != nil {
			return err
		}
		out, err = searchDetails(ctx, tx, cands, query, limit)
		return err
	})
	if err != nil {
		if strings.Contains(err.Error(), "no such table: search_") {
			return nil, model.Errorf(model.EUNSUPPORTED, "%s: 検索の索引がまだありません。書き込みできる状態で一度 hiroba を開いてください", db.Path)
		}
		return nil, wrapOnce("検索", err)
	}
	if out == nil {
		out = []model.SearchResult{}
	}
	return out, nil
}

// matchExpr writes terms as an FTS4 query: every term, each a phrase of
// tokens, prefixed with a column name if column is not empty.
func matchExpr(terms []model.SearchTerm, column string) string {
	var parts []string
	for _, t := range terms {
		p := `"` + strings.Join(t.Tokens, " ")
		if t.Prefix {
			p += "*"
		}
		p += `"`
		if column != "" {
			p = column + ":" + p
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

// searchCandidates returns the candidates of a search, best first:
// the newest candidatesTitle documents whose title matches and the newest
// candidatesAll that match anywhere, leaving out members-only communities
// the viewer is not in. exhaustive reads every bucket to the end, the way
// one query over the whole index did, for tests to compare with.
func (db *DB) searchCandidates(ctx context.Context, tx *sql.Tx, terms []model.SearchTerm, exhaustive bool) ([]searchCandidate, error) {
	hidden := map[string]bool{}
	// 'members' is every visibility but 'open', said so that the partial
	// index communities_members_only serves.
	rows, err := searchQuery(ctx, tx, `SELECT c.id FROM communities c WHERE c.visibility = 'members' AND NOT `+visibleCommunity,
		sql.Named("viewer", model.ViewerFrom(ctx)))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		hidden[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	var last int64
	rows, err = searchQuery(ctx, tx, `SELECT n FROM change_counters WHERE name = 'search_docid'`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		err = rows.Scan(&last)
	}
	rows.Close()
	if err != nil || rows.Err() != nil {
		return nil, errors.Join(err, rows.Err())
	}
	prepared, err := db.matchStatement()
	if err != nil {
		return nil, err
	}
	match := tx.StmtContext(ctx, prepared)
	defer match.Close()
	byDoc := map[int64]*searchCandidate{}
	var cands []*searchCandidate
	for _, q := range []struct {
		expr  string
		limit int
	}{{matchExpr(terms, "title"), candidatesTitle}, {matchExpr(terms, ""), candidatesAll}} {
		var matches []searchCandidate
		var err error
		if exhaustive {
			matches, err = everyMatch(ctx, match, q.expr, searchBucket(last))
			matches = matches[:min(len(matches), q.limit)]
		} else {
			matches, err = newestMatches(ctx, match, q.expr, searchBucket(last), q.limit)
		}
		if err != nil {
			return nil, err
		}
		// Rows of hidden communities count towards the limit, as they did
		// under one LIMIT over the whole index.
		for _, c := range matches {
			if byDoc[c.docid] != nil || hidden[c.comm] {
				continue
			}
			byDoc[c.docid] = &c
			cands = append(cands, &c)
		}
	}
	if len(cands) == 0 {
		return nil, nil
	}
	lo, hi := cands[0].docid, cands[0].docid
	for _, c := range cands {
		lo, hi = min(lo, c.docid), max(hi, c.docid)
	}
	for _, c := range cands {
		if hi > lo {
			c.score *= 1 + recencyWeight*float64(c.docid-lo)/float64(hi-lo)
		}
	}
	// Docids differ, so the order is total: sorting pointers is as good as
	// a stable sort of the values, and moves less.
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].docid > cands[j].docid
	})
	out := make([]searchCandidate, len(cands))
	for i, c := range cands {
		out[i] = *c
	}
	return out, nil
}

// searchTrace, as a context value, is a *[]SQLStatement to which a search
// adds each query it runs: the benchmark times the same SQL on a plain
// connection.
type searchTrace struct{}

// SQLStatement is one query with its arguments.
type SQLStatement struct {
	Query string
	Args  []any
}

func searchQuery(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	traceQuery(ctx, query, args...)
	return tx.QueryContext(ctx, query, args...)
}

func traceQuery(ctx context.Context, query string, args ...any) {
	if trace, ok := ctx.Value(searchTrace{}).(*[]SQLStatement); ok {
		*trace = append(*trace, SQLStatement{query, args})
	}
}

// matchStatement returns matchQuery prepared on the read pool, once: each
// connection compiles it once, not every search on every bucket.
func (db *DB) matchStatement() (*sql.Stmt, error) {
	db.match.once.Do(func() {
		db.match.stmt, db.match.err = db.read.Prepare(matchQuery)
	})
	return db.match.stmt, db.match.err
}

// preparedMatch is matchQuery prepared on the read pool.
type preparedMatch struct {
	once sync.Once
	stmt *sql.Stmt
	err  error
}

func (m *preparedMatch) close() {
	if m.stmt != nil {
		m.stmt.Close()
	}
}

// matchQuery reads the matches of one bucket, newest first, scored.
const matchQuery = `SELECT f.docid, d.kind, d.ref_id, d.community_id, matchinfo(search_fts, 'pcy')
	FROM search_fts f JOIN search_docs d ON d.docid = f.docid
	WHERE search_fts MATCH ? AND f.bucket = ? ORDER BY f.docid DESC LIMIT ?`

// newestMatches returns the newest limit documents that match expr,
// reading the buckets of the index from the newest (top) down until it
// has them.
func newestMatches(ctx context.Context, match *sql.Stmt, expr string, top int64, limit int) ([]searchCandidate, error) {
	var out []searchCandidate
	for b := top; b >= 0 && len(out) < limit; b-- {
		var err error
		if out, err = scanMatches(ctx, match, out, expr, b, limit-len(out)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// everyMatch returns every document that matches expr in buckets 0 to
// top, newest first: what one query over an index without buckets read.
func everyMatch(ctx context.Context, match *sql.Stmt, expr string, top int64) ([]searchCandidate, error) {
	var out []searchCandidate
	for b := int64(0); b <= top; b++ {
		var err error
		if out, err = scanMatches(ctx, match, out, expr, b, -1); err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].docid > out[j].docid })
	return out, nil
}

// scanMatches adds the matches of expr in one bucket, newest first, at
// most limit (-1: all), to out; match is matchQuery, prepared once for
// every bucket a search reads.
func scanMatches(ctx context.Context, match *sql.Stmt, out []searchCandidate, expr string, bucket int64, limit int) ([]searchCandidate, error) {
	traceQuery(ctx, matchQuery, expr, bucket, limit)
	rows, err := match.QueryContext(ctx, expr, bucket, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c searchCandidate
		var info []byte
		if err := rows.Scan(&c.docid, &c.kind, &c.ref, &c.comm, &info); err != nil {
			return nil, err
		}
		c.score = matchScore(info)
		out = append(out, c)
	}
	return out, rows.Err()
}

// matchScore scores one row from matchinfo 'pcy': phrases, columns, then
// per phrase and column the hits in this row. Each term counts with
// BM25's saturation of repeated hits, a title hit titleWeight times a body
// hit. BM25's inverse document frequency and length normalisation are left
// out: they need matchinfo's statistics over every matching row ('x', 'l'),
// which cost 10 to 35 ms for a word in 100,000 rows or more.
func matchScore(info []byte) float64 {
	u := func(i int) float64 {
		if 4*i+4 > len(info) {
			return 0
		}
		return float64(binary.NativeEndian.Uint32(info[4*i:]))
	}
	p, c := int(u(0)), int(u(1))
	var score float64
	for i := 0; i < p; i++ {
		for j := 0; j < c; j++ {
			tf := u(2 + i*c + j)
			if tf == 0 {
				continue
			}
			w := 1.0
			if j == 0 {
				w = titleWeight
			}
			score += w * tf * (bm25K1 + 1) / (tf + bm25K1)
		}
	}
	return score
}

// searchDetails reads the best candidates from their own tables, checking
// again that the viewer may see each, until it has limit results.
func searchDetails(ctx context.Context, tx *sql.Tx, cands []searchCandidate, query string, limit int) ([]model.SearchResult, error) {
	var handoverArgs []any
	var out []model.SearchResult
	for len(cands) > 0 && len(out) < limit {
		// Nearly every candidate can be seen: read a few more than needed.
		chunk := cands[:min(len(cands), limit-len(out)+10)]
		cands = cands[len(chunk):]
		byKind := map[string][]string{}
		for _, c := range chunk {
			byKind[c.kind] = append(byKind[c.kind], c.ref)
		}
		found := map[[2]string]model.SearchResult{}
		for kind, ids := range byKind {
			args := viewerArgs(ctx)
			if kind == model.SearchHandover || kind == model.SearchSection {
				if handoverArgs == nil {
					var err error
					if handoverArgs, err = handoverViewerArgs(ctx, tx); err != nil {
						return nil, err
					}
				}
				args = append([]any{}, handoverArgs...)
			}
			marks := make([]string, len(ids))
			for i, id := range ids {
				marks[i] = fmt.Sprintf("@id%d", i)
				args = append(args, sql.Named(fmt.Sprintf("id%d", i), id))
			}
			rows, err := searchQuery(ctx, tx, fmt.Sprintf(searchDetailQueries[kind], strings.Join(marks, ", ")), args...)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", kind, err)
			}
			for rows.Next() {
				var r model.SearchResult
				var ref, body, at string
				if err := rows.Scan(&ref, &r.ID, &r.Anchor, &r.Title, &body, &r.Author, &r.Community, &at); err != nil {
					rows.Close()
					return nil, err
				}
				r.Type = kind
				// The snippet is made for the results shown only: a chunk
				// reads twice as many as it may need.
				r.Snippet = body
				r.At = parseTime(at)
				if r.At.IsZero() {
					if t := nullDateOrTime(sql.NullString{String: at, Valid: true}); t != nil {
						r.At = *t
					}
				}
				found[[2]string{kind, ref}] = r
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
		for _, c := range chunk {
			if r, ok := found[[2]string{c.kind, c.ref}]; ok && len(out) < limit {
				r.Title = model.CleanLine(r.Title)
				r.Author = model.CleanLine(r.Author)
				r.Community = model.CleanLine(r.Community)
				r.Snippet = model.SearchSnippet(r.Snippet, query, snippetRunes)
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// searchDetailQueries read, for each kind, the result of the rows in the
// given ids that the viewer may see: ref, id, anchor, title, body (for the
// snippet), author, community and time. They use the same conditions as
// the screens (visibleCommunity, visibleHandover, authorNameColumn).
var searchDetailQueries = map[string]string{
	model.SearchThread: `SELECT p.id, p.id, '', p.title, p.body, ` + authorNameColumn + `, c.name, p.created_at
		FROM threads p JOIN communities c ON c.id = p.community_id JOIN staff a ON a.id = p.author_id
		WHERE p.id IN (%s) AND p.hidden = 0 AND p.deleted_at IS NULL AND ` + visibleCommunity,
	model.SearchReply: `SELECT p.id, t.id, p.id, t.title, p.body, ` + authorNameColumn + `, c.name, p.created_at
		FROM replies p JOIN threads t ON t.id = p.thread_id JOIN communities c ON c.id = t.community_id
		JOIN staff a ON a.id = p.author_id
		WHERE p.id IN (%s) AND p.hidden = 0 AND p.deleted_at IS NULL AND t.hidden = 0 AND ` + visibleCommunity,
	model.SearchHandover: `SELECT h.id, h.id, '', h.duty, h.department || ' ' || mu.name, '', '', h.updated_at
		FROM handovers h JOIN municipalities mu ON mu.id = h.municipality_id
		WHERE h.id IN (%s) AND ` + visibleHandover,
	model.SearchSection: `SELECT s.id, h.id, s.id, h.duty || ' / ' || s.title, s.body, '', '', h.updated_at
		FROM handover_sections s JOIN handovers h ON h.id = s.handover_id
		WHERE s.id IN (%s) AND ` + visibleHandover,
	model.SearchEvent: `SELECT e.id, e.id, '', e.title, e.description || ' ' || e.place, '', c.name, e.starts_at
		FROM events e JOIN communities c ON c.id = e.community_id
		WHERE e.id IN (%s) AND e.cancelled_at IS NULL AND ` + visibleCommunity,
	model.SearchCommunity: `SELECT c.id, c.id, '', c.name, c.summary || ' ' || c.description, '', '', c.last_activity_at
		FROM communities c WHERE c.id IN (%s) AND ` + visibleCommunity,
}
