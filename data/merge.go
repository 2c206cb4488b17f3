package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"hiroba/model"
)

// rollback ends a merge's transaction without writing: a dry run, or a
// merge that found nothing to do.
var rollback = errors.New("merge: roll back")

// Merge takes the drill copy at path back into the database, in one
// transaction: what the laptop added, changed and deleted, by the rules
// of mergeRules, with every conflict reported and every row that cannot
// be applied set aside (KeptRows), never dropped. It keeps the report
// (MergeReports). Merging the same copy again changes nothing, and copies
// taken from the same base merge to the same result in any order (but for
// the numbers of the handover revisions they add). Copies of one drill
// file (one snapshot id) on several laptops each merge against the
// snapshot's base: what the first merged is a change of the shared side
// for the next, so that an edit of the same row is a conflict, never
// overwritten; of those, the first merged stays in place. With opt.DryRun it
// works out the same report and writes nothing. A copy of another
// database, of a newer schema, or a damaged file is refused with a keyed
// error, and nothing changes. Administrators only.
func (db *DB) Merge(ctx context.Context, path string, opt model.MergeOptions) (*model.MergeReport, error) {
	if err := db.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := drillAdmin(ctx, tx); err != nil {
			return err
		}
		if isCopy, err := isDrillCopy(ctx, tx); err != nil {
			return err
		} else if isCopy {
			return model.Keyed(model.EINVALID, "err.merge.intocopy", "%s は訓練用コピーです。訓練用コピーは共有のデータベースに取り込んでください", db.Path)
		}
		return nil
	}); err != nil {
		return nil, wrapOnce("訓練用コピーの取り込み", err)
	}
	if db.write == nil {
		return nil, model.Keyed(model.EREADONLY, "err.merge.readonly", "%s は読み取り専用で開いているため、取り込めません", db.Path)
	}
	src, err := db.openCopy(ctx, path)
	if err != nil {
		return nil, err
	}
	defer src.Close()

	tables, err := mergeTables(ctx, db.write)
	if err != nil {
		return nil, err
	}
	changes := make([][]rowChange, len(tables))
	for i, t := range tables {
		if changes[i], err = src.changes(ctx, t.tableInfo); err != nil {
			return nil, err
		}
	}
	now := db.Now()
	report := &model.MergeReport{
		ID: model.NewID(now), SnapshotID: src.drill.SnapshotID, SourceID: src.drill.SourceID,
		MunicipalityID: src.drill.MunicipalityID, TakenAt: src.drill.TakenAt, MergedAt: parseTime(fmtTime(now)),
		DryRun: opt.DryRun, CopySchema: src.version, Tables: []model.MergeTableCount{}, Items: []model.MergeItem{},
	}
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		by, err := drillAdmin(ctx, tx)
		if err != nil {
			return err
		}
		report.MergedBy = by
		m := &merger{ctx: ctx, tx: tx, snap: src.drill.SnapshotID, now: fmtTime(now), taken: fmtTime(src.drill.TakenAt),
			report: report, laptopNames: laptopNames(tables, changes), counts: map[string]*model.MergeTableCount{}, stmts: map[string]*sql.Stmt{},
			fks: map[string][]foreignKey{}, bound: map[string]*boundTable{},
			threads: map[string]bool{}, replies: map[string]bool{}, communities: map[string]bool{},
			handovers: map[string]bool{}, people: map[string]bool{}, occurrences: map[[2]string]bool{},
			events: map[string]bool{}, exceptions: map[[2]string]bool{}}
		defer func() {
			for _, s := range m.stmts {
				s.Close()
			}
		}()
		for i, b := range tables {
			m.bound[b.name] = b
			for _, ch := range changes[i] {
				if err := m.mergeRow(b, ch); err != nil {
					return fmt.Errorf("%s %s: %w", b.name, ch.key, err)
				}
			}
		}
		if err := m.recompute(); err != nil {
			return err
		}
		m.counted()
		if !report.Changed() {
			return rollback
		}
		js, err := json.Marshal(report)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO merge_reports (id, snapshot_id, merged_at, merged_by, report) VALUES (?, ?, ?, ?, ?)`,
			report.ID, report.SnapshotID, fmtTime(now), by, string(js)); err != nil {
			return err
		}
		if opt.DryRun {
			return rollback
		}
		return nil
	})
	if err != nil && !errors.Is(err, rollback) {
		return nil, wrapOnce("訓練用コピーの取り込み", err)
	}
	return report, nil
}

// laptopNames are the names of the staff a copy registered, by id: the
// merge does not take them (staff are reported, never applied), and the
// report and the rows set aside name them as the laptop did.
func laptopNames(tables []*boundTable, changes [][]rowChange) map[string]string {
	out := map[string]string{}
	for i, b := range tables {
		if b.name != "staff" {
			continue
		}
		for _, ch := range changes[i] {
			id, _ := b.value(ch.copy, "id").(string)
			name, _ := b.value(ch.copy, "name").(string)
			if ch.base == nil && id != "" && name != "" {
				out[id] = model.CleanLine(name)
			}
		}
	}
	return out
}

// mergeTables returns the tracked tables of the shared schema, bound to
// their rules, in merge order.
func mergeTables(ctx context.Context, q querier) ([]*boundTable, error) {
	tables, err := trackedTables(ctx, q)
	if err != nil {
		return nil, err
	}
	rank := map[string]int{}
	for i, n := range mergeOrder {
		rank[n] = i
	}
	sort.SliceStable(tables, func(i, j int) bool {
		ri, ok := rank[tables[i].name]
		if !ok {
			ri = len(mergeOrder)
		}
		rj, ok := rank[tables[j].name]
		if !ok {
			rj = len(mergeOrder)
		}
		return ri < rj
	})
	out := make([]*boundTable, len(tables))
	for i, t := range tables {
		out[i] = bindTable(t)
	}
	return out, nil
}

// recompute sets the derived values of every touched row from the rows
// they count: reply and helpful counts, member counts, last activity,
// revision numbers, who has a seat, and people search's text of a
// profile (written in Go by SaveProfile, so no trigger keeps it). Only
// values that differ are written.
func (m *merger) recompute() error {
	for _, id := range sortedKeys(m.people) {
		if err := refreshPeopleText(m.ctx, m.tx, id); err != nil {
			return err
		}
	}
	for _, id := range sortedKeys(m.threads) {
		if _, err := m.exec(`UPDATE main.threads SET reply_count = r.n, helpful_count = h.n, last_activity_at = max(last_activity_at, r.last)
			FROM (SELECT count(*) AS n, coalesce(max(created_at), '') AS last FROM main.replies WHERE thread_id = ?1) r,
				(SELECT count(*) AS n FROM main.helpful_marks WHERE post_id = ?1) h
			WHERE id = ?1 AND (reply_count <> r.n OR helpful_count <> h.n OR last_activity_at < r.last)`, id); err != nil {
			return err
		}
		row, err := m.queryRow(`SELECT community_id FROM main.threads WHERE id = ?`, id)
		if err != nil {
			return err
		}
		var community string
		if err := row.Scan(&community); err == nil {
			m.communities[community] = true
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	for _, id := range sortedKeys(m.replies) {
		if _, err := m.exec(`UPDATE main.replies SET helpful_count = h.n
			FROM (SELECT count(*) AS n FROM main.helpful_marks WHERE post_id = ?1) h
			WHERE id = ?1 AND helpful_count <> h.n`, id); err != nil {
			return err
		}
	}
	for _, id := range sortedKeys(m.communities) {
		if _, err := m.exec(`UPDATE main.communities SET member_count = mc.n, last_activity_at = max(last_activity_at, t.last)
			FROM (SELECT count(*) AS n FROM main.memberships WHERE community_id = ?1) mc,
				(SELECT coalesce(max(last_activity_at), '') AS last FROM main.threads WHERE community_id = ?1) t
			WHERE id = ?1 AND (member_count <> mc.n OR last_activity_at < t.last)`, id); err != nil {
			return err
		}
	}
	for _, id := range sortedKeys(m.handovers) {
		if _, err := m.exec(`UPDATE main.handovers SET revision = r.n
			FROM (SELECT coalesce(max(number), 0) AS n FROM main.handover_revisions WHERE handover_id = ?1) r
			WHERE id = ?1 AND revision <> r.n`, id); err != nil {
			return err
		}
	}
	for _, o := range sortedOccurrences(m.occurrences) {
		if err := m.seat(o[0], o[1]); err != nil {
			return err
		}
	}
	return m.cancelPlans()
}

// cancelPlans withdraws the plans for what the copy cancelled, as a
// cancellation on the shared side does (plan_cancel.go): an event
// cancelled whole, or one occurrence; and moves those of an occurrence
// the copy moved (plan_move.go). The step is recorded as the organiser's,
// who did it on the laptop.
func (m *merger) cancelPlans() error {
	now := parseTime(m.now)
	organiser := func(eventID string) (string, bool, error) {
		row, err := m.queryRow(`SELECT organiser_id, cancelled_at IS NOT NULL FROM main.events WHERE id = ?`, eventID)
		if err != nil {
			return "", false, err
		}
		var id string
		var whole bool
		if err := row.Scan(&id, &whole); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", false, err
		}
		return id, whole, nil
	}
	for _, id := range sortedKeys(m.events) {
		who, whole, err := organiser(id)
		if err != nil {
			return err
		}
		if whole {
			if err := cancelPlans(model.WithViewer(m.ctx, who), m.tx, now, id, cancelledOccurrences{}); err != nil {
				return err
			}
			continue
		}
		if err := m.followOneOff(model.WithViewer(m.ctx, who), now, id); err != nil {
			return err
		}
	}
	for _, o := range sortedOccurrences(m.exceptions) {
		row, err := m.queryRow(`SELECT cancelled, coalesce(new_start, ''), coalesce(new_end, '') FROM main.event_exceptions
			WHERE event_id = ? AND occurrence_start = ?`, o[0], o[1])
		if err != nil {
			return err
		}
		var cancelled bool
		var start, end string
		if err := row.Scan(&cancelled, &start, &end); errors.Is(err, sql.ErrNoRows) || !cancelled && start == "" {
			continue
		} else if err != nil {
			return err
		}
		who, _, err := organiser(o[0])
		if err != nil {
			return err
		}
		as := model.WithViewer(m.ctx, who)
		if cancelled {
			err = cancelPlans(as, m.tx, now, o[0], cancelledOccurrences{from: parseTime(o[1])})
		} else {
			// Moved on the laptop: the plans follow (plan_move.go).
			err = followPlans(as, m.tx, now, o[0], o[1], o[0], o[1], parseTime(start), parseTime(end))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// followOneOff moves the plans for a one-off event that the copy moved to
// its new start. (A series whose times the copy changed leaves the plans
// that only the shared side had where they were: the copy does not say by
// how much its occurrences moved.)
func (m *merger) followOneOff(ctx context.Context, now time.Time, eventID string) error {
	row, err := m.queryRow(`SELECT rrule, starts_at, ends_at FROM main.events WHERE id = ?`, eventID)
	if err != nil {
		return err
	}
	var rule, start, end string
	if err := row.Scan(&rule, &start, &end); errors.Is(err, sql.ErrNoRows) || err == nil && rule != "" {
		return nil
	} else if err != nil {
		return err
	}
	plans, err := plansFor(ctx, m.tx, eventID, "", "")
	if err != nil {
		return err
	}
	var away []eventPlan
	for _, p := range plans {
		if p.key != start {
			away = append(away, p)
		}
	}
	return movePlans(ctx, m.tx, now, away, eventID, start, parseTime(start), parseTime(end))
}

// seat decides again who of one occurrence's yes answers has a place and
// who waits: those the shared side seated keep their places, then the
// rest in the order they answered. Answers from merges come after every
// answer given on the shared side, so that whichever copy is merged first
// gets no advantage.
func (m *merger) seat(eventID, start string) error {
	b, err := m.table("rsvps")
	if err != nil {
		return err
	}
	var capacity int
	row, err := m.queryRow(`SELECT capacity FROM main.events WHERE id = ?`, eventID)
	if err != nil {
		return err
	}
	if err := row.Scan(&capacity); errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	s, err := m.stmt(`SELECT ` + plainColumns(b.cols, "") + `, json_array(` + plainColumns(b.key, "") + `)
		FROM main.rsvps WHERE event_id = ? AND occurrence_start = ? AND response = 'yes'`)
	if err != nil {
		return err
	}
	rows, err := s.QueryContext(m.ctx, eventID, start)
	if err != nil {
		return err
	}
	type answer struct {
		row    []any
		key    string
		merged bool
	}
	var answers []answer
	for rows.Next() {
		a := answer{row: make([]any, len(b.cols))}
		dest := make([]any, 0, len(b.cols)+1)
		for i := range a.row {
			dest = append(dest, &a.row[i])
		}
		if err := rows.Scan(append(dest, &a.key)...); err != nil {
			rows.Close()
			return err
		}
		answers = append(answers, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range answers {
		a := &answers[i]
		if a.merged, err = m.exists(`SELECT 1 FROM merge_ledger WHERE tbl = 'rsvps' AND row_key = ? AND grp = 'answer' AND hash = ? AND outcome = 'applied'`,
			a.key, b.groupHash(a.row, "answer")); err != nil {
			return err
		}
	}
	num := func(a answer) int64 { n, _ := b.value(a.row, "waitlisted").(int64); return n }
	str := func(a answer, col string) string { s, _ := b.value(a.row, col).(string); return s }
	sort.Slice(answers, func(i, j int) bool {
		x, y := answers[i], answers[j]
		if x.merged != y.merged {
			return !x.merged
		}
		if !x.merged && num(x) != num(y) {
			return num(x) < num(y)
		}
		if str(x, "updated_at") != str(y, "updated_at") {
			return str(x, "updated_at") < str(y, "updated_at")
		}
		return str(x, "staff_id") < str(y, "staff_id")
	})
	for i, a := range answers {
		var wait int64
		if capacity > 0 && i >= capacity {
			wait = 1
		}
		if wait == num(a) {
			continue
		}
		if _, err := m.exec(`UPDATE main.rsvps SET waitlisted = ? WHERE event_id = ? AND occurrence_start = ? AND staff_id = ?`,
			wait, eventID, start, str(a, "staff_id")); err != nil {
			return err
		}
	}
	return nil
}

// MergeReports returns the reports of every merge, newest first; for
// administrators.
func (db *DB) MergeReports(ctx context.Context) ([]model.MergeReport, error) {
	var out []model.MergeReport
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := drillAdmin(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT report FROM merge_reports ORDER BY merged_at DESC, id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var js string
			var r model.MergeReport
			if err := rows.Scan(&js); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(js), &r); err != nil {
				return err
			}
			if err := hideAnonymousAuthors(ctx, tx, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrapOnce("取り込みの記録", err)
	}
	return out, nil
}

// hideAnonymousAuthors takes the author out of a kept report's lines of
// anonymous threads and replies, as the merge now leaves them out: the
// reports kept before it did name them.
func hideAnonymousAuthors(ctx context.Context, tx *sql.Tx, r *model.MergeReport) error {
	for i := range r.Items {
		it := &r.Items[i]
		if it.AuthorID == "" || it.Table != "threads" && it.Table != "replies" {
			continue
		}
		var key []string
		if err := json.Unmarshal([]byte(it.Key), &key); err != nil || len(key) != 1 {
			it.AuthorID, it.AuthorName, it.Anonymous = "", "", true
			continue
		}
		var anonymous bool
		err := tx.QueryRowContext(ctx, `SELECT anonymous FROM `+it.Table+` WHERE id = ?`, key[0]).Scan(&anonymous)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if anonymous || errors.Is(err, sql.ErrNoRows) {
			it.AuthorID, it.AuthorName, it.Anonymous = "", "", anonymous || it.Anonymous
		}
	}
	return nil
}

// KeptRows returns what merges kept aside, newest first: the viewer's own
// (their edit notes and set-aside rows), or everyone's for an
// administrator. targetID, when not "", keeps those of one thread, note
// or event.
func (db *DB) KeptRows(ctx context.Context, targetID string) ([]model.KeptRow, error) {
	var out []model.KeptRow
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		all := isOperator(ctx)
		if viewer := model.ViewerFrom(ctx); viewer != "" && !all {
			var err error
			if all, err = isAdmin(ctx, tx, viewer); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, kind, merge_id, snapshot_id, tbl, row_key, reason, author_id, target_id, content, created_at,
			`+keptAnonymous+`, done_at, coalesce(done_by, ''), `+keptAuthorName+`, `+keptTargetTitle+`, `+keptTargetTable+`
			FROM merge_kept k WHERE (@all OR (author_id <> '' AND author_id = @viewer)) AND (@target = '' OR target_id = @target)
			ORDER BY created_at DESC, id`, sql.Named("all", all), sql.Named("viewer", model.ViewerFrom(ctx)), sql.Named("target", targetID))
		if err != nil {
			return err
		}
		out, err = collect(rows, scanKept)
		return err
	})
	if err != nil {
		return nil, wrapOnce("取り込めなかった内容", err)
	}
	// An anonymous post's author is its author's to see, as everywhere
	// (authorIDColumn): an administrator sees 匿名.
	for i := range out {
		if k := &out[i]; k.Anonymous && k.AuthorID != model.ViewerFrom(ctx) {
			k.AuthorID, k.AuthorName = "", ""
			delete(k.Content, "author_id")
			delete(k.Content, "author_name")
		}
	}
	return out, nil
}

// keptAnonymous says whether a kept thread or reply is anonymous: as the
// laptop wrote it when the kept columns hold it, else as it is now.
const keptAnonymous = `CASE tbl
	WHEN 'threads' THEN coalesce(json_extract(content, '$.anonymous'), (SELECT anonymous FROM threads WHERE id = json_extract(content, '$.id')), 0)
	WHEN 'replies' THEN coalesce(json_extract(content, '$.anonymous'), (SELECT anonymous FROM replies WHERE id = json_extract(content, '$.id')), 0)
	ELSE 0 END <> 0`

// keptAuthorName is a kept row's author's name: the shared database's,
// else the laptop's for someone registered there (Merge keeps it).
const keptAuthorName = `coalesce((SELECT name FROM staff WHERE id = k.author_id AND k.author_id <> ''),
	json_extract(k.content, '$.author_name'), '')`

// keptTargetTitle is the title of what a kept row belongs to, as the
// shared database has it (a reply's is its thread's, for a helpful mark),
// else as a row kept beside it has it (whose target is itself: found by
// the index on targets).
const keptTargetTitle = `coalesce(
	(SELECT title FROM threads WHERE id = k.target_id),
	(SELECT t.title FROM replies r JOIN threads t ON t.id = r.thread_id WHERE r.id = k.target_id),
	(SELECT duty FROM handovers WHERE id = k.target_id),
	(SELECT title FROM events WHERE id = k.target_id),
	(SELECT name FROM communities WHERE id = k.target_id),
	(SELECT coalesce(json_extract(o.content, '$.title'), json_extract(o.content, '$.duty'), json_extract(o.content, '$.name'))
		FROM merge_kept o WHERE o.target_id = k.target_id AND o.tbl IN ('threads', 'handovers', 'events', 'communities')
			AND o.row_key = json_array(k.target_id)
		ORDER BY o.created_at DESC LIMIT 1),
	'')`

// keptTargetTable is the table where the shared database has what a kept
// row belongs to, "" when it has not.
const keptTargetTable = `CASE
	WHEN EXISTS (SELECT 1 FROM threads WHERE id = k.target_id) THEN 'threads'
	WHEN EXISTS (SELECT 1 FROM handovers WHERE id = k.target_id) THEN 'handovers'
	WHEN EXISTS (SELECT 1 FROM events WHERE id = k.target_id) THEN 'events'
	WHEN EXISTS (SELECT 1 FROM communities WHERE id = k.target_id) THEN 'communities'
	ELSE '' END`

// SetKeptDone marks a kept row done, or not done again, for the person
// it is for (its author) or an administrator; to anyone else it does not
// exist. Done again keeps the first time and who.
func (db *DB) SetKeptDone(ctx context.Context, id string, done bool) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var author string
		err := tx.QueryRowContext(ctx, `SELECT author_id FROM merge_kept WHERE id = ?`, id).Scan(&author)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		notFound := model.Keyed(model.ENOTFOUND, "err.kept.notfound", "取り込めなかった内容が見つかりません")
		admin, aerr := viewerAdmin(ctx, tx)
		if aerr != nil {
			return aerr
		}
		if !admin {
			me, err := actingStaff(ctx, tx)
			if err != nil {
				return err
			}
			if author == "" || author != me.ID {
				return notFound
			}
		}
		if errors.Is(err, sql.ErrNoRows) {
			return notFound
		}
		if done {
			_, err = tx.ExecContext(ctx, `UPDATE merge_kept SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL`,
				fmtTime(db.Now()), nullable(model.ViewerFrom(ctx)), id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE merge_kept SET done_at = NULL, done_by = NULL WHERE id = ?`, id)
		}
		return err
	})
	return wrapOnce("取り込めなかった内容", err)
}

func scanKept(row rowScanner) (*model.KeptRow, error) {
	var k model.KeptRow
	var content, created string
	var done sql.NullString
	if err := row.Scan(&k.ID, &k.Kind, &k.MergeID, &k.SnapshotID, &k.Table, &k.Key, &k.Reason, &k.AuthorID, &k.TargetID, &content, &created, &k.Anonymous,
		&done, &k.DoneBy, &k.AuthorName, &k.TargetTitle, &k.TargetTable); err != nil {
		return nil, err
	}
	k.DoneAt = nullTime(done)
	if err := json.Unmarshal([]byte(content), &k.Content); err != nil {
		return nil, err
	}
	for _, c := range []string{"title", "name", "duty"} {
		if s, ok := k.Content[c].(string); ok && k.Title == "" {
			k.Title = s
		}
	}
	for _, c := range []string{"body", "description", "comment"} {
		if s, ok := k.Content[c].(string); ok && k.Body == "" {
			k.Body = s
		}
	}
	k.CreatedAt = parseTime(created)
	return &k, nil
}
