package data

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"hiroba/model"
)

var _ model.SearchService = (*DB)(nil)

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
// may not read; an anonymous author is empty, unless the viewer wrote it.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]model.SearchResult, error) {
	return db.search(ctx, query, limit, false)
}

func (db *DB) search(ctx context.Context, query string, limit int, exhaustive bool) ([]model.SearchResult, error) {
	terms := model.ParseSearchQuery(query)
	if len(terms) == 0 || limit <= 0 {
		return []model.SearchResult{}, nil
	}
	// The bucket query is prepared on the reading pool before this search
	// holds a connection: prepared inside its transaction, the first
	// searches of a process hung for good once four of them held every
	// connection, the first waiting for a fifth to prepare on and the rest
	// for it (typing a word in the interface started one per key).
	_, err := db.matchStatement()
	var out []model.SearchResult
	if err == nil {
		err = db.readTx(ctx, func(tx *sql.Tx) error {
			cands, err := db.rankedCandidates(ctx, tx, terms, exhaustive)
			if err != nil {
				return err
			}
			out, err = searchDetails(ctx, tx, &cands, query, limit)
			return err
		})
	}
	if err != nil {
		if strings.Contains(err.Error(), "no such table: search_") {
			return nil, model.Keyed(model.EUNSUPPORTED, "err.search.no_index", "%s: 検索の索引がまだありません。書き込みできる状態で一度 hiroba を開いてください", db.Path)
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

// searchCandidates returns the candidates of a search, best first
// (rankedCandidates, every one).
func (db *DB) searchCandidates(ctx context.Context, tx *sql.Tx, terms []model.SearchTerm, exhaustive bool) ([]searchCandidate, error) {
	cands, err := db.rankedCandidates(ctx, tx, terms, exhaustive)
	return cands.take(len(cands)), err
}

// rankedCandidates returns the candidates of a search, to take best first:
// the newest candidatesTitle documents whose title matches and the newest
// candidatesAll that match anywhere, leaving out members-only communities
// the viewer is not in. exhaustive reads every bucket to the end, the way
// one query over the whole index did, for tests to compare with.
func (db *DB) rankedCandidates(ctx context.Context, tx *sql.Tx, terms []model.SearchTerm, exhaustive bool) (candidateHeap, error) {
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
	var buckets [2][]searchCandidate
	for i, q := range []struct {
		expr  string
		limit int
	}{{matchExpr(terms, "title"), candidatesTitle}, {matchExpr(terms, ""), candidatesAll}} {
		var err error
		if exhaustive {
			buckets[i], err = everyMatch(ctx, match, q.expr, searchBucket(last))
			buckets[i] = buckets[i][:min(len(buckets[i]), q.limit)]
		} else {
			buckets[i], err = newestMatches(ctx, match, q.expr, searchBucket(last), q.limit)
		}
		if err != nil {
			return nil, err
		}
	}
	return rankCandidates(buckets[0], buckets[1], hidden), nil
}

// rankCandidates returns the title matches and then the other matches,
// each newest first (as newestMatches returns them), to take best first,
// leaving out hidden communities and, among the others, the documents
// found by title, whose title score counts. Rows of hidden communities
// count towards the limits, as they did under one LIMIT over the whole
// index.
func rankCandidates(title, all []searchCandidate, hidden map[string]bool) candidateHeap {
	cands := make([]searchCandidate, 0, len(title)+len(all))
	for _, c := range title {
		if !hidden[c.comm] {
			cands = append(cands, c)
		}
	}
	// Both lists are newest first: one walk down the titles finds the
	// documents already taken, with no set of them.
	t := 0
	for _, c := range all {
		for t < len(title) && title[t].docid > c.docid {
			t++
		}
		if t < len(title) && title[t].docid == c.docid || hidden[c.comm] {
			continue
		}
		cands = append(cands, c)
	}
	if len(cands) == 0 {
		return nil
	}
	lo, hi := cands[0].docid, cands[0].docid
	for _, c := range cands {
		lo, hi = min(lo, c.docid), max(hi, c.docid)
	}
	if hi > lo {
		for i := range cands {
			c := &cands[i]
			c.score *= 1 + recencyWeight*float64(c.docid-lo)/float64(hi-lo)
		}
	}
	h := candidateHeap(cands)
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	return h
}

// candidateHeap holds candidates as a heap, the best first: a search shows
// 50 of up to 1,300, and taking them one by one orders no more than that.
type candidateHeap []searchCandidate

// before reports whether candidate i goes before j: the higher score, or
// the newer. Docids differ, so the order is total.
func (h candidateHeap) before(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score > h[j].score
	}
	return h[i].docid > h[j].docid
}

func (h candidateHeap) down(i int) {
	for {
		j := 2*i + 1
		if j >= len(h) {
			return
		}
		if j+1 < len(h) && h.before(j+1, j) {
			j++
		}
		if !h.before(j, i) {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

// take removes the best n candidates (or as many as there are) and
// returns them, best first.
func (h *candidateHeap) take(n int) []searchCandidate {
	out := make([]searchCandidate, 0, min(n, len(*h)))
	for len(out) < n && len(*h) > 0 {
		old := *h
		out = append(out, old[0])
		last := len(old) - 1
		old[0] = old[last]
		*h = old[:last]
		h.down(0)
	}
	return out
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
	out := make([]searchCandidate, 0, limit)
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
	// Scanned into once, not a candidate per row; the matchinfo is read
	// where the driver holds it, not copied.
	var c searchCandidate
	var info sql.RawBytes
	dest := []any{&c.docid, &c.kind, &c.ref, &c.comm, &info}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
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
func searchDetails(ctx context.Context, tx *sql.Tx, cands *candidateHeap, query string, limit int) ([]model.SearchResult, error) {
	var handoverArgs []any
	var out []model.SearchResult
	for len(*cands) > 0 && len(out) < limit {
		// Nearly every candidate can be seen: read a few more than needed.
		chunk := cands.take(limit - len(out) + 10)
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
				name := "id" + strconv.Itoa(i)
				marks[i] = "@" + name
				args = append(args, sql.Named(name, id))
			}
			rows, err := searchQuery(ctx, tx, fmt.Sprintf(searchDetailQueries[kind], strings.Join(marks, ", ")), args...)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", kind, err)
			}
			for rows.Next() {
				var r model.SearchResult
				var ref, body, at string
				if err := rows.Scan(&ref, &r.ID, &r.Anchor, &r.Title, &body, &r.Author, &r.Anonymous, &r.Mine, &r.Community, &at); err != nil {
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
// snippet), author, whether it is anonymous and the viewer's, community
// and time. They use the same conditions as the screens
// (visibleCommunity, visibleHandover, authorNameColumn).
var searchDetailQueries = map[string]string{
	model.SearchThread: `SELECT p.id, p.id, '', p.title, p.body, ` + authorNameColumn + `, p.anonymous, ` + mineColumn + `, c.name, p.created_at
		FROM threads p JOIN communities c ON c.id = p.community_id JOIN staff a ON a.id = p.author_id
		WHERE p.id IN (%s) AND p.hidden = 0 AND p.deleted_at IS NULL AND ` + visibleCommunity,
	model.SearchReply: `SELECT p.id, t.id, p.id, t.title, p.body, ` + authorNameColumn + `, p.anonymous, ` + mineColumn + `, c.name, p.created_at
		FROM replies p JOIN threads t ON t.id = p.thread_id JOIN communities c ON c.id = t.community_id
		JOIN staff a ON a.id = p.author_id
		WHERE p.id IN (%s) AND p.hidden = 0 AND p.deleted_at IS NULL AND t.hidden = 0 AND ` + visibleCommunity,
	model.SearchHandover: `SELECT h.id, h.id, '', h.duty, h.department || ' ' || mu.name, '', 0, 0, '', h.updated_at
		FROM handovers h JOIN municipalities mu ON mu.id = h.municipality_id
		WHERE h.id IN (%s) AND ` + visibleHandover,
	model.SearchSection: `SELECT s.id, h.id, s.id, h.duty || ' / ' || s.title, s.body, '', 0, 0, '', h.updated_at
		FROM handover_sections s JOIN handovers h ON h.id = s.handover_id
		WHERE s.id IN (%s) AND ` + visibleHandover,
	model.SearchEvent: `SELECT e.id, e.id, '', e.title, e.description || ' ' || e.place, '', 0, 0, c.name, e.starts_at
		FROM events e JOIN communities c ON c.id = e.community_id
		WHERE e.id IN (%s) AND e.cancelled_at IS NULL AND ` + visibleCommunity,
	model.SearchCommunity: `SELECT c.id, c.id, '', c.name, c.summary || ' ' || c.description, '', 0, 0, '', c.last_activity_at
		FROM communities c WHERE c.id IN (%s) AND ` + visibleCommunity,
}
