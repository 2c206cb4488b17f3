package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"math"
	"strings"

	"hiroba/model"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The merge compares three versions of every row the copy changed: the
// base (as the copy was taken), the copy's and the shared one, column
// group by column group, by hashes of their values; the ledger says what
// an earlier merge of the same snapshot already took in. It relies on keys (ULIDs: 80 random
// bits) to tell rows apart and on content to tell changes apart; clocks
// decide only which of two answers to the same event is later (rsvps), and
// which of two laptops' edits of the same text stays in place (both are
// kept).

// absent is the hash of a row or group that does not exist.
const absent = "-"

func writeValue(h hash.Hash, v any) {
	var n [8]byte
	switch x := v.(type) {
	case nil:
		h.Write([]byte{'n'})
	case int64:
		h.Write([]byte{'i'})
		binary.BigEndian.PutUint64(n[:], uint64(x))
		h.Write(n[:])
	case bool:
		h.Write([]byte{'i'})
		if x {
			n[7] = 1
		}
		h.Write(n[:])
	case float64:
		h.Write([]byte{'f'})
		binary.BigEndian.PutUint64(n[:], math.Float64bits(x))
		h.Write(n[:])
	case string:
		h.Write([]byte{'s'})
		binary.BigEndian.PutUint64(n[:], uint64(len(x)))
		h.Write(n[:])
		h.Write([]byte(x))
	case []byte:
		h.Write([]byte{'b'})
		binary.BigEndian.PutUint64(n[:], uint64(len(x)))
		h.Write(n[:])
		h.Write(x)
	default:
		fmt.Fprintf(h, "?%T:%v", x, x)
	}
}

// hashOf hashes the columns idx of row; absent for no row.
func hashOf(row []any, idx []int) string {
	if row == nil {
		return absent
	}
	h := sha256.New()
	for _, i := range idx {
		writeValue(h, row[i])
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func (b *boundTable) rowHash(row []any) string { return hashOf(row, b.compared) }

func (b *boundTable) groupHash(row []any, g string) string { return hashOf(row, b.groupCols[g]) }

// stampOf is the row's stamp column as text ("" when none).
func (b *boundTable) stampOf(row []any) string {
	s, _ := b.value(row, b.stamp).(string)
	return s
}

// deletedIn reports whether group g of row is a deleted post.
func (b *boundTable) deletedIn(row []any, g string) bool {
	return b.deleted != "" && b.groupOf[b.deleted] == g && b.value(row, b.deleted) != nil
}

// laterWins reports whether the table's stamp belongs to a later-wins
// answer, and so travels with it rather than keeping the later of two.
func (b *boundTable) laterWins() bool {
	for _, r := range b.rules {
		if r == ruleLaterWins {
			return true
		}
	}
	return false
}

type ledgerEntry struct{ hash, stamp, outcome string }

// merger is one merge of one copy, inside the shared database's write
// transaction.
type merger struct {
	ctx    context.Context
	tx     *sql.Tx
	snap   string // the copy's snapshot id
	now    string
	taken  string
	report *model.MergeReport
	// laptopNames are the names of the staff the copy registered.
	laptopNames map[string]string
	counts      map[string]*model.MergeTableCount
	order       []string // tables in the order they were first counted
	stmts       map[string]*sql.Stmt
	fks         map[string][]foreignKey
	bound       map[string]*boundTable
	// touched rows, whose derived values are recomputed at the end:
	// counts, revision numbers, seats, and people search's text of the
	// staff whose profile rows changed.
	threads, replies, communities, handovers, people map[string]bool
	occurrences                                      map[[2]string]bool
	// events and exceptions (event_id, occurrence_start) the copy changed:
	// the plans for what it cancelled are withdrawn (cancelPlans).
	events     map[string]bool
	exceptions map[[2]string]bool
}

type foreignKey struct {
	parent   string
	from, to []string
}

func (m *merger) stmt(q string) (*sql.Stmt, error) {
	if s, ok := m.stmts[q]; ok {
		return s, nil
	}
	s, err := m.tx.PrepareContext(m.ctx, q)
	if err == nil {
		m.stmts[q] = s
	}
	return s, err
}

func (m *merger) exec(q string, args ...any) (sql.Result, error) {
	s, err := m.stmt(q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(m.ctx, args...)
}

func (m *merger) queryRow(q string, args ...any) (*sql.Row, error) {
	s, err := m.stmt(q)
	if err != nil {
		return nil, err
	}
	return s.QueryRowContext(m.ctx, args...), nil
}

func (m *merger) count(table string) *model.MergeTableCount {
	c, ok := m.counts[table]
	if !ok {
		c = &model.MergeTableCount{Table: table}
		m.counts[table] = c
		m.order = append(m.order, table)
	}
	return c
}

// counted copies the counts into the report, in merge order.
func (m *merger) counted() {
	m.report.Tables = m.report.Tables[:0]
	for _, t := range m.order {
		m.report.Tables = append(m.report.Tables, *m.counts[t])
	}
}

// current reads the shared database's version of the row.
func (m *merger) current(b *boundTable, keyVals []any) ([]any, error) {
	row, err := m.queryRow(`SELECT `+plainColumns(b.cols, "")+` FROM main.`+ident(b.name)+` WHERE `+keyWhere(b.key, ""), keyVals...)
	if err != nil {
		return nil, err
	}
	return scanRow(row, len(b.cols))
}

func (m *merger) ledger(table, key string) (map[string]ledgerEntry, error) {
	s, err := m.stmt(`SELECT grp, hash, stamp, outcome FROM merge_ledger WHERE snapshot_id = ? AND tbl = ? AND row_key = ?`)
	if err != nil {
		return nil, err
	}
	rows, err := s.QueryContext(m.ctx, m.snap, table, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]ledgerEntry{}
	for rows.Next() {
		var g string
		var e ledgerEntry
		if err := rows.Scan(&g, &e.hash, &e.stamp, &e.outcome); err != nil {
			return nil, err
		}
		out[g] = e
	}
	return out, rows.Err()
}

// record notes in the ledger what became of group g (or "*", the row) of
// the copy's row.
func (m *merger) record(snap, table, key, g, hash, stamp, outcome string) error {
	_, err := m.exec(`INSERT INTO merge_ledger (snapshot_id, tbl, row_key, grp, hash, stamp, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (snapshot_id, tbl, row_key, grp) DO UPDATE SET hash = excluded.hash, stamp = excluded.stamp, outcome = excluded.outcome`,
		snap, table, key, g, hash, stamp, outcome)
	return err
}

// owner returns the snapshot whose merge put the value with hash into the
// shared row, if another copy's merge did, and the stamp it came with.
func (m *merger) owner(table, key, g, hash string) (snap, stamp string, err error) {
	row, err := m.queryRow(`SELECT snapshot_id, stamp FROM merge_ledger
		WHERE tbl = ? AND row_key = ? AND grp = ? AND hash = ? AND outcome = 'applied' AND snapshot_id <> ?
		ORDER BY snapshot_id LIMIT 1`, table, key, g, hash, m.snap)
	if err != nil {
		return "", "", err
	}
	err = row.Scan(&snap, &stamp)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return snap, stamp, err
}

// summary is the start of the row's text for a report.
func (b *boundTable) summaryOf(row []any) string {
	var parts []string
	for _, c := range b.summary {
		if s, ok := b.value(row, c).(string); ok && s != "" {
			parts = append(parts, s)
		}
	}
	return model.Excerpt(strings.Join(strings.Fields(model.CleanLine(strings.Join(parts, " "))), " "), 60)
}

func (b *boundTable) authorOf(row []any) string {
	col := b.author
	if col == "" {
		col = b.actor
	}
	s, _ := b.value(row, col).(string)
	return s
}

func (b *boundTable) targetOf(row []any) string {
	col := b.target
	if col == "" {
		col = b.key[0]
	}
	s, _ := b.value(row, col).(string)
	return s
}

// item adds a line to the report. The author of an anonymous thread or
// reply is named in it to nobody, as nowhere else (the kept row of one
// says 匿名 too): every administrator reads the reports that are kept.
// The post is anonymous if the copy or the shared file says so.
func (m *merger) item(b *boundTable, key, outcome, reason string, row []any, kept string) {
	author := b.authorOf(row)
	anonymous := false
	if n, ok := b.value(row, "anonymous").(int64); ok && n != 0 {
		anonymous = true
	} else if id, ok := b.value(row, "id").(string); ok && (b.name == "threads" || b.name == "replies") {
		anonymous = m.anonymousShared(b.name, id)
	}
	if anonymous {
		author = ""
	}
	m.report.Items = append(m.report.Items, model.MergeItem{Table: b.name, Key: key, Outcome: outcome, Reason: reason,
		AuthorID: author, AuthorName: m.laptopNames[author], Anonymous: anonymous, Summary: b.summaryOf(row), KeptID: kept})
}

// anonymousShared reports whether the thread or reply id is anonymous in
// the shared file; one that cannot be read counts as anonymous.
func (m *merger) anonymousShared(table, id string) bool {
	row, err := m.queryRow(`SELECT anonymous FROM main.`+table+` WHERE id = ?`, id)
	if err != nil {
		return true
	}
	var anonymous bool
	if err := row.Scan(&anonymous); err != nil {
		return !errors.Is(err, sql.ErrNoRows)
	}
	return anonymous
}

// keep stores a laptop's version of the group g (every column for "*")
// of a row as a kept row, once: its id comes from the copy, the row and
// the version. It returns the id.
func (m *merger) keep(snap string, b *boundTable, key, g, kind, reason string, row []any) (string, error) {
	cols := b.groupCols[g]
	if g == "*" {
		cols = make([]int, len(b.cols))
		for i := range cols {
			cols[i] = i
		}
	}
	content := map[string]any{}
	for _, i := range b.key {
		content[i] = row[b.index[i]]
	}
	for _, i := range cols {
		content[b.cols[i]] = row[i]
	}
	for _, c := range append([]string{b.actor, b.author}, b.summary...) {
		if i, ok := b.index[c]; ok && c != "" {
			content[c] = row[i]
		}
	}
	if name, ok := m.laptopNames[b.authorOf(row)]; ok {
		content["author_name"] = name
	}
	js, err := json.Marshal(content)
	if err != nil {
		return "", err
	}
	id := model.DerivedID(snap, b.name, key, g, hashOf(row, cols))
	_, err = m.exec(`INSERT INTO merge_kept (id, kind, merge_id, snapshot_id, tbl, row_key, grp, reason, author_id, target_id, content, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		id, kind, m.report.ID, snap, b.name, key, g, reason, b.authorOf(row), b.targetOf(row), string(js), m.now)
	return id, err
}

// isConstraint reports whether err is the shared database refusing a row:
// a duplicate, a failed check or a missing parent.
func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}

// foreignKeys returns the foreign keys of table, from the shared schema.
func (m *merger) foreignKeys(b *boundTable) ([]foreignKey, error) {
	if fks, ok := m.fks[b.name]; ok {
		return fks, nil
	}
	rows, err := m.tx.QueryContext(m.ctx, `SELECT id, "table", "from", coalesce("to", '') FROM pragma_foreign_key_list(?) ORDER BY id, seq`, b.name)
	if err != nil {
		return nil, err
	}
	byID := map[int]*foreignKey{}
	var ids []int
	for rows.Next() {
		var id int
		var parent, from, to string
		if err := rows.Scan(&id, &parent, &from, &to); err != nil {
			rows.Close()
			return nil, err
		}
		fk, ok := byID[id]
		if !ok {
			fk = &foreignKey{parent: parent}
			byID[id] = fk
			ids = append(ids, id)
		}
		fk.from = append(fk.from, from)
		fk.to = append(fk.to, to)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []foreignKey
	for _, id := range ids {
		fk := byID[id]
		if fk.to[0] == "" {
			p, err := readTableInfo(m.ctx, m.tx, "main", fk.parent)
			if err != nil {
				return nil, err
			}
			fk.to = p.key
		}
		out = append(out, *fk)
	}
	m.fks[b.name] = out
	return out, nil
}

// exists reports whether the query finds a row.
func (m *merger) exists(q string, args ...any) (bool, error) {
	row, err := m.queryRow(`SELECT EXISTS (`+q+`)`, args...)
	if err != nil {
		return false, err
	}
	var ok bool
	err = row.Scan(&ok)
	return ok, err
}

// applicable returns why the copy's row cannot be added to the shared
// database ("" when it can): its writer is not an active staff member
// there, what it belongs to is missing, its thread was deleted or its
// community became members-only there. A deletion or a visibility that
// another copy's merge brought does not count: the result must not
// depend on which copy is merged first.
func (m *merger) applicable(b *boundTable, row []any) (string, error) {
	if b.actor != "" {
		id, _ := b.value(row, b.actor).(string)
		ok, err := m.exists(`SELECT 1 FROM main.staff WHERE id = ? AND status = 'active'`, id)
		if err != nil || !ok {
			return "merge.reason.unknown_staff", err
		}
	}
	fks, err := m.foreignKeys(b)
	if err != nil {
		return "", err
	}
	for _, fk := range fks {
		args := make([]any, len(fk.from))
		missing := false
		for i, c := range fk.from {
			args[i] = b.value(row, c)
			missing = missing || args[i] == nil
		}
		if missing {
			continue
		}
		ok, err := m.exists(`SELECT 1 FROM main.`+ident(fk.parent)+` WHERE `+keyWhere(fk.to, ""), args...)
		if err != nil {
			return "", err
		}
		if !ok && fk.parent == "staff" {
			return "merge.reason.unknown_staff", nil
		} else if !ok {
			return "merge.reason.missing_parent", nil
		}
	}
	str := func(col string) string { s, _ := b.value(row, col).(string); return s }
	switch b.name {
	case "threads", "events":
		return m.membersOnly(str("community_id"), str(b.actor))
	case "replies", "call_applications":
		if reason, err := m.threadDeleted(str("thread_id")); reason != "" || err != nil {
			return reason, err
		}
		if b.name == "replies" {
			var community string
			if err := m.tx.QueryRowContext(m.ctx, `SELECT community_id FROM main.threads WHERE id = ?`, str("thread_id")).Scan(&community); err != nil {
				return "", err
			}
			return m.membersOnly(community, str(b.actor))
		}
	case "helpful_marks":
		ok, err := m.exists(`SELECT 1 FROM main.threads WHERE id = ?1 UNION ALL SELECT 1 FROM main.replies WHERE id = ?1`, str("post_id"))
		if err != nil || !ok {
			return "merge.reason.missing_parent", err
		}
	case "read_marks":
		ok, err := m.exists(`SELECT 1 FROM main.threads WHERE id = ?1 UNION ALL SELECT 1 FROM main.handovers WHERE id = ?1`, str("target_id"))
		if err != nil || !ok {
			return "merge.reason.missing_parent", err
		}
	}
	return "", nil
}

// table returns the merge rule of a table bound to its shared columns.
func (m *merger) table(name string) (*boundTable, error) {
	if b, ok := m.bound[name]; ok {
		return b, nil
	}
	t, err := readTableInfo(m.ctx, m.tx, "main", name)
	if err != nil {
		return nil, err
	}
	m.bound[name] = bindTable(t)
	return m.bound[name], nil
}

// sharedGroup reads group g of a shared row and whether a merge (of this
// copy or another) put it there.
func (m *merger) sharedGroup(table, id, g string) (row []any, b *boundTable, merged bool, err error) {
	if b, err = m.table(table); err != nil {
		return nil, nil, false, err
	}
	if row, err = m.current(b, []any{id}); err != nil || row == nil {
		return row, b, false, err
	}
	var key string
	if q, err := m.queryRow(`SELECT json_array(?)`, id); err != nil {
		return nil, nil, false, err
	} else if err := q.Scan(&key); err != nil {
		return nil, nil, false, err
	}
	merged, err = m.exists(`SELECT 1 FROM merge_ledger WHERE tbl = ? AND row_key = ? AND grp = ? AND hash = ? AND outcome = 'applied'`,
		table, key, g, b.groupHash(row, g))
	return row, b, merged, err
}

func (m *merger) threadDeleted(threadID string) (string, error) {
	row, b, merged, err := m.sharedGroup("threads", threadID, "text")
	if err != nil || row == nil || merged {
		return "", err
	}
	if b.value(row, "deleted_at") != nil {
		return "merge.reason.thread_deleted", nil
	}
	return "", nil
}

func (m *merger) membersOnly(communityID, staffID string) (string, error) {
	row, b, merged, err := m.sharedGroup("communities", communityID, "access")
	if err != nil || row == nil || merged || b.value(row, "visibility") != model.VisibilityMembers {
		return "", err
	}
	ok, err := m.exists(`SELECT 1 FROM main.memberships WHERE community_id = ? AND staff_id = ?`, communityID, staffID)
	if err != nil || ok {
		return "", err
	}
	return "merge.reason.members_only", nil
}

// insert adds the copy's row; stamp, when not "", replaces its stamp.
func (m *merger) insert(b *boundTable, row []any, stamp string) error {
	vals := append([]any{}, row...)
	if stamp != "" {
		vals[b.index[b.stamp]] = stamp
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(b.cols)), ", ")
	cols := make([]string, len(b.cols))
	for i, c := range b.cols {
		cols[i] = ident(c)
	}
	_, err := m.exec(`INSERT INTO main.`+ident(b.name)+` (`+strings.Join(cols, ", ")+`) VALUES (`+marks+`)`, vals...)
	return err
}

// update writes the copy's values of group g into the shared row.
func (m *merger) update(b *boundTable, keyVals, row []any, g string) error {
	var sets []string
	var args []any
	for _, i := range b.groupCols[g] {
		sets = append(sets, ident(b.cols[i])+" = ?")
		args = append(args, row[i])
	}
	if b.laterWins() {
		sets = append(sets, ident(b.stamp)+" = ?")
		args = append(args, b.value(row, b.stamp))
	}
	_, err := m.exec(`UPDATE main.`+ident(b.name)+` SET `+strings.Join(sets, ", ")+` WHERE `+keyWhere(b.key, ""), append(args, keyVals...)...)
	return err
}

// bumpStamp keeps the later of the shared and the copy's stamp: every
// copy that changed the row moves it on, whichever version stays. (A
// later-wins answer's stamp moves only with the answer, or when both
// sides gave the same.)
func (m *merger) bumpStamp(b *boundTable, keyVals []any, shared, copy string) error {
	if b.stamp == "" || copy <= shared {
		return nil
	}
	_, err := m.exec(`UPDATE main.`+ident(b.name)+` SET `+ident(b.stamp)+` = ? WHERE `+keyWhere(b.key, ""), append([]any{copy}, keyVals...)...)
	return err
}
