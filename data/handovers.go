package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"hiroba/model"
)

var _ model.HandoverService = (*DB)(nil)

// visibleHandover is the condition that the viewer may read the note h:
// its predecessor and successor always; staff of the same municipality and
// department; the whole municipality or area when the note says so. It
// takes @viewer and the viewer's @municipality and @department.
const visibleHandover = `(h.predecessor_id = @viewer OR h.successor_id = @viewer OR h.visibility = 'area'
	OR (h.municipality_id = @municipality AND (h.visibility = 'municipality' OR h.department = @department)))`

const handoverColumns = `h.id, h.municipality_id, mu.name, h.department, h.duty,
	h.predecessor_id, ps.name, coalesce(h.successor_id, ''), coalesce(ss.name, ''),
	h.effective_date, h.status, h.visibility, h.handed_over_at, h.acknowledged_at, h.ack_comment,
	h.questions_until, h.created_at, h.updated_at, h.revision`

const handoverFrom = ` FROM handovers h
	JOIN municipalities mu ON mu.id = h.municipality_id
	JOIN staff ps ON ps.id = h.predecessor_id
	LEFT JOIN staff ss ON ss.id = h.successor_id `

func scanHandover(row rowScanner) (*model.Handover, error) {
	var h model.Handover
	var effective, created, updated string
	var handed, acked, until sql.NullString
	if err := row.Scan(&h.ID, &h.MunicipalityID, &h.Municipality, &h.Department, &h.Duty,
		&h.PredecessorID, &h.PredecessorName, &h.SuccessorID, &h.SuccessorName,
		&effective, &h.Status, &h.Visibility, &handed, &acked, &h.AckComment,
		&until, &created, &updated, &h.Revision); err != nil {
		return nil, err
	}
	if t := nullDateOrTime(sql.NullString{String: effective, Valid: true}); t != nil {
		h.EffectiveDate = *t
	}
	h.HandedOverAt, h.AcknowledgedAt = nullTime(handed), nullTime(acked)
	h.QuestionsUntil = nullDateOrTime(until)
	h.CreatedAt, h.UpdatedAt = parseTime(created), parseTime(updated)
	return &h, nil
}

// handoverViewerArgs returns @viewer, @municipality and @department for
// the context's viewer; an unknown viewer sees only notes for the area.
func handoverViewerArgs(ctx context.Context, tx *sql.Tx) ([]any, error) {
	viewer := model.ViewerFrom(ctx)
	var municipality, department string
	err := tx.QueryRowContext(ctx, `SELECT municipality_id, department FROM staff WHERE id = ?`, viewer).Scan(&municipality, &department)
	if errors.Is(err, sql.ErrNoRows) {
		viewer = ""
	} else if err != nil {
		return nil, fmt.Errorf("職員 %s: %w", viewer, err)
	}
	return []any{sql.Named("viewer", viewer), sql.Named("municipality", municipality), sql.Named("department", department)}, nil
}

// FindHandovers returns one page, most recently updated first, of the
// handover notes the viewer may read, and the number of all matches.
// Sections are left out: HandoverByID has them.
func (db *DB) FindHandovers(ctx context.Context, f model.HandoverFilter) ([]model.Handover, int, error) {
	var out []model.Handover
	var total int
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		args, err := handoverViewerArgs(ctx, tx)
		if err != nil {
			return err
		}
		w := where{args: args}
		w.add(visibleHandover)
		if f.Status != "" {
			w.add(`h.status = @status`, sql.Named("status", f.Status))
		}
		switch f.Mine {
		case model.MineAsPredecessor:
			w.add(`h.predecessor_id = @viewer`)
		case model.MineAsSuccessor:
			w.add(`h.successor_id = @viewer`)
		case model.MineAsEither:
			w.add(`(h.predecessor_id = @viewer OR h.successor_id = @viewer)`)
		}
		if f.Department != "" {
			w.add(`h.municipality_id = @municipality AND h.department = @dept`, sql.Named("dept", f.Department))
		}
		for i, word := range strings.Fields(f.Query) {
			name := fmt.Sprintf("word%d", i)
			w.add(`(h.duty LIKE @`+name+` ESCAPE '\' OR h.department LIKE @`+name+` ESCAPE '\'
				OR EXISTS (SELECT 1 FROM handover_sections s WHERE s.handover_id = h.id AND s.title LIKE @`+name+` ESCAPE '\'))`,
				sql.Named(name, likePattern(word)))
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+handoverColumns+handoverFrom+w.String()+`
			ORDER BY h.updated_at DESC, h.id DESC LIMIT @limit OFFSET @offset`, w.page(f.Offset, f.Limit)...)
		if err != nil {
			return err
		}
		if out, err = collect(rows, scanHandover); err != nil {
			return err
		}
		total, err = countMatches(ctx, tx, f.Offset, f.Limit, len(out), `SELECT count(*) FROM handovers h `+w.String(), w.args)
		return err
	})
	if err != nil {
		return nil, 0, wrapOnce("引き継ぎ書の一覧", err)
	}
	return out, total, nil
}

// HandoverByID returns the note with its sections in order, or ENOTFOUND
// when it does not exist or the viewer may not read it.
func (db *DB) HandoverByID(ctx context.Context, id string) (*model.Handover, error) {
	var h *model.Handover
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		h, err = handoverByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, wrapOnce("引き継ぎ書 "+id, err)
	}
	return h, nil
}

func handoverByID(ctx context.Context, tx *sql.Tx, id string) (*model.Handover, error) {
	args, err := handoverViewerArgs(ctx, tx)
	if err != nil {
		return nil, err
	}
	h, err := scanHandover(tx.QueryRowContext(ctx, `SELECT `+handoverColumns+handoverFrom+`
		WHERE h.id = @id AND `+visibleHandover, append(args, sql.Named("id", id))...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.handover.not_found", "引き継ぎ書が見つかりません。前任・後任と同じ所属の職員だけが読めるものもあります")
	} else if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, position, title, body FROM handover_sections
		WHERE handover_id = ? ORDER BY position, id`, h.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	h.Sections = []model.HandoverSection{}
	for rows.Next() {
		var s model.HandoverSection
		if err := rows.Scan(&s.ID, &s.Position, &s.Title, &s.Body); err != nil {
			return nil, err
		}
		h.Sections = append(h.Sections, s)
	}
	return h, rows.Err()
}

// handoverZone is where a handover's dates fall: the day a question period
// ends is a day at city hall, whatever the server's zone.
var handoverZone = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return loc
	}
	return time.FixedZone("JST", 9*60*60)
}()

// today is the date at city hall now, as stored: 'YYYY-MM-DD'.
func (db *DB) today() string { return db.Now().In(handoverZone).Format(dateFormat) }

// CreateHandover saves a new draft with the viewer as predecessor, in the
// viewer's municipality and (unless h says) department. Its sections are
// h.Sections, or empty ones titled DefaultSectionTitles; that is revision
// 1. It sets h to the note as saved, under h.ID if the caller gave one
// (givenID).
func (db *DB) CreateHandover(ctx context.Context, h *model.Handover) error {
	h.Duty = model.CleanLine(strings.TrimSpace(h.Duty))
	h.Department = model.CleanLine(strings.TrimSpace(h.Department))
	if h.Visibility == "" {
		h.Visibility = model.HandoverVisDepartment
	}
	if err := h.Validate(); err != nil {
		return err
	}
	sections := h.Sections
	if len(sections) == 0 {
		for _, t := range model.DefaultSectionTitles {
			sections = append(sections, model.HandoverSection{Title: t})
		}
	}
	sections = cleanSections(sections)
	if err := model.ValidateSections(sections); err != nil {
		return err
	}
	now := db.Now()
	id := givenID(h.ID, now)
	in := *h
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		*h = in // as it came, for a transaction run again
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		done, err := written(ctx, tx, "handovers", "predecessor_id", id, me.ID)
		if err != nil {
			return err
		}
		if done {
			saved, err := handoverByID(ctx, tx, id)
			if err == nil {
				*h = *saved
			}
			return err
		}
		if h.Department == "" {
			h.Department = me.Department
		}
		successor, err := checkSuccessor(ctx, tx, me, h.SuccessorID)
		if err != nil {
			return err
		}
		at := fmtTime(now)
		var named any
		if successor != nil {
			named = at
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO handovers (id, municipality_id, department, duty, predecessor_id, successor_id,
			successor_named_at, effective_date, status, visibility, revision, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, 0, ?, ?)`,
			id, me.MunicipalityID, h.Department, h.Duty, me.ID, successor, named,
			h.EffectiveDate.Format(dateFormat), h.Visibility, at, at); err != nil {
			return fmt.Errorf("引き継ぎ書の作成: %w", err)
		}
		if err := writeSections(ctx, tx, id, me.ID, 0, nil, sections, now); err != nil {
			return err
		}
		saved, err := handoverByID(ctx, tx, id)
		if err != nil {
			return err
		}
		*h = *saved
		return nil
	})
}

// checkSuccessor returns the successor column for id: NULL for 未定, else
// an active staff member other than the predecessor.
func checkSuccessor(ctx context.Context, tx *sql.Tx, predecessor *model.Staff, id string) (any, error) {
	if id == "" {
		return nil, nil
	}
	s, err := staffByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if s.ID == predecessor.ID {
		return nil, model.FieldError("successor", "err.hand.self", "自分を後任にはできません")
	}
	if s.Status != model.StaffActive {
		return nil, model.FieldError("successor", "err.hand.inactive", "%s さんは利用できない状態のため、後任にできません", s.Name)
	}
	return s.ID, nil
}

// cleanSections makes the text of sections safe to store: titles one
// trimmed line, bodies without control characters.
func cleanSections(in []model.HandoverSection) []model.HandoverSection {
	out := make([]model.HandoverSection, len(in))
	for i, s := range in {
		out[i] = model.HandoverSection{ID: s.ID, Position: i, Title: model.CleanLine(strings.TrimSpace(s.Title)), Body: model.CleanText(s.Body)}
	}
	return out
}

// predecessorOnly refuses a change to h by anyone but its predecessor
// with the keyed sentence (key, ja) that names the change and takes the
// predecessor's name.
func predecessorOnly(me *model.Staff, h *model.Handover, key, ja string) error {
	if h.PredecessorID != me.ID {
		return model.Keyed(model.EFORBIDDEN, key, ja, h.PredecessorName)
	}
	return nil
}

// noteForChange returns the acting viewer and the note id, which the viewer
// must be able to read; who may change what is the caller's check.
func noteForChange(ctx context.Context, tx *sql.Tx, id string) (*model.Staff, *model.Handover, error) {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	h, err := handoverByID(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	return me, h, nil
}

// UpdateHandover changes the duty, department, effective date and
// visibility of the note h.ID; only its predecessor may.
func (db *DB) UpdateHandover(ctx context.Context, h *model.Handover) error {
	h.Duty = model.CleanLine(strings.TrimSpace(h.Duty))
	h.Department = model.CleanLine(strings.TrimSpace(h.Department))
	if err := h.Validate(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, cur, err := noteForChange(ctx, tx, h.ID)
		if err != nil {
			return err
		}
		if err := predecessorOnly(me, cur, "err.handover.predecessor.change", "引き継ぎ書を変更できるのは前任の %s さんだけです"); err != nil {
			return err
		}
		dept := h.Department
		if dept == "" {
			dept = cur.Department
		}
		if _, err := tx.ExecContext(ctx, `UPDATE handovers SET duty = ?, department = ?, effective_date = ?, visibility = ?, updated_at = ?
			WHERE id = ?`, h.Duty, dept, h.EffectiveDate.Format(dateFormat), h.Visibility, fmtTime(db.Now()), cur.ID); err != nil {
			return fmt.Errorf("引き継ぎ書の変更: %w", err)
		}
		saved, err := handoverByID(ctx, tx, cur.ID)
		if err != nil {
			return err
		}
		*h = *saved
		return nil
	})
}

// SaveSections replaces the sections of note id with sections, in that
// order: an entry with an ID keeps that section (renamed or edited), one
// without is added, and sections left out are removed. It keeps the whole
// note as a new revision and returns the note as saved. base is the
// revision the person started from; a note saved by someone else since is
// refused (ECONFLICT) so that nobody's text is overwritten unseen. A save
// that changes nothing keeps no revision.
func (db *DB) SaveSections(ctx context.Context, id string, base int, sections []model.HandoverSection) (*model.Handover, error) {
	sections = cleanSections(sections)
	if err := model.ValidateSections(sections); err != nil {
		return nil, err
	}
	var out *model.Handover
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, h, err := noteForChange(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := predecessorOnly(me, h, "err.handover.predecessor.edit", "引き継ぎ書を編集できるのは前任の %s さんだけです"); err != nil {
			return err
		}
		if base != h.Revision {
			return model.Keyed(model.ECONFLICT, "err.handover.stale", "編集中に引き継ぎ書が保存されました (第%d版)。開き直してから保存してください", h.Revision)
		}
		if sameSections(h.Sections, sections) {
			out = h
			return nil
		}
		if err := writeSections(ctx, tx, h.ID, me.ID, h.Revision, h.Sections, sections, db.Now()); err != nil {
			return err
		}
		out, err = handoverByID(ctx, tx, h.ID)
		return err
	})
	if err != nil {
		return nil, wrapOnce("引き継ぎ書の保存", err)
	}
	return out, nil
}

func sameSections(a, b []model.HandoverSection) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Title != b[i].Title || a[i].Body != b[i].Body {
			return false
		}
	}
	return true
}

// writeSections stores sections as the note's sections and as revision
// rev+1. old are the note's sections before; ids not among them are refused.
// The new sections get their ids in a copy: the caller's are left as they
// were for the transaction to run again.
func writeSections(ctx context.Context, tx *sql.Tx, noteID, authorID string, rev int, old, sections []model.HandoverSection, now time.Time) error {
	sections = slices.Clone(sections)
	known := map[string]bool{}
	for _, s := range old {
		known[s.ID] = true
	}
	kept := map[string]bool{}
	for i := range sections {
		s := &sections[i]
		if s.ID == "" {
			s.ID = model.NewID(now)
			if _, err := tx.ExecContext(ctx, `INSERT INTO handover_sections (id, handover_id, position, title, body) VALUES (?, ?, ?, ?, ?)`,
				s.ID, noteID, i, s.Title, s.Body); err != nil {
				return fmt.Errorf("見出しの追加: %w", err)
			}
		} else {
			if !known[s.ID] || kept[s.ID] {
				return model.Keyed(model.EINVALID, "err.handover.unknown_section", "この引き継ぎ書にない見出しです (%s)", s.ID)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE handover_sections SET position = ?, title = ?, body = ? WHERE id = ? AND handover_id = ?`,
				i, s.Title, s.Body, s.ID, noteID); err != nil {
				return fmt.Errorf("見出しの保存: %w", err)
			}
		}
		kept[s.ID] = true
	}
	for _, s := range old {
		if !kept[s.ID] {
			if _, err := tx.ExecContext(ctx, `DELETE FROM handover_sections WHERE id = ?`, s.ID); err != nil {
				return fmt.Errorf("見出しの削除: %w", err)
			}
		}
	}
	js, err := json.Marshal(sections)
	if err != nil {
		return err
	}
	at := fmtTime(now)
	if _, err := tx.ExecContext(ctx, `INSERT INTO handover_revisions (handover_id, number, author_id, created_at, sections) VALUES (?, ?, ?, ?, ?)`,
		noteID, rev+1, authorID, at, string(js)); err != nil {
		return fmt.Errorf("版の記録: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE handovers SET revision = ?, updated_at = ? WHERE id = ?`, rev+1, at, noteID); err != nil {
		return fmt.Errorf("版の記録: %w", err)
	}
	return nil
}

// SetSuccessor names the successor of note id ("" is 未定); only the
// predecessor may, and not after the successor has acknowledged.
func (db *DB) SetSuccessor(ctx context.Context, id, successorID string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, h, err := noteForChange(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := predecessorOnly(me, h, "err.handover.predecessor.successor", "後任を指名できるのは前任の %s さんだけです"); err != nil {
			return err
		}
		if h.Status == model.HandoverAcknowledged {
			return model.Keyed(model.ECONFLICT, "err.handover.successor_acknowledged", "後任の %s さんが受領確認済みのため、後任は変えられません", h.SuccessorName)
		}
		successor, err := checkSuccessor(ctx, tx, me, successorID)
		if err != nil {
			return err
		}
		// The time a successor was named tells them (the inbox); naming
		// the same person again changes nothing.
		now := fmtTime(db.Now())
		_, err = tx.ExecContext(ctx, `UPDATE handovers SET successor_id = @s,
			successor_named_at = CASE WHEN @s IS NULL THEN NULL WHEN successor_id IS @s THEN successor_named_at ELSE @now END,
			updated_at = @now WHERE id = @id`, sql.Named("s", successor), sql.Named("now", now), sql.Named("id", h.ID))
		return err
	})
}

// MarkHandedOver moves the draft note id to 引継済み; only its
// predecessor may. Questions are then open until questionsUntil, or a
// year after today when it is nil.
func (db *DB) MarkHandedOver(ctx context.Context, id string, questionsUntil *time.Time) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, h, err := noteForChange(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := predecessorOnly(me, h, "err.handover.predecessor.hand_over", "引継済みにできるのは前任の %s さんだけです"); err != nil {
			return err
		}
		if h.Status != model.HandoverDraft {
			return model.Keyed(model.ECONFLICT, "err.handover.already_handed_over", "この引き継ぎ書はすでに引継済みです")
		}
		now := db.Now()
		until := now.In(handoverZone).AddDate(1, 0, 0).Format(dateFormat)
		if questionsUntil != nil {
			until = questionsUntil.Format(dateFormat)
			if until < db.today() {
				return model.FieldError("questions_until", "err.hand.until", "質問の受付期限が過去の日付です")
			}
		}
		at := fmtTime(now)
		_, err = tx.ExecContext(ctx, `UPDATE handovers SET status = 'handed_over', handed_over_at = ?, questions_until = ?, updated_at = ?
			WHERE id = ?`, at, until, at, h.ID)
		return err
	})
}

// Acknowledge records the successor's confirmation of receipt of note id,
// with an optional comment. Only the successor may, and only once the note
// is handed over.
func (db *DB) Acknowledge(ctx context.Context, id, comment string) error {
	comment = strings.TrimSpace(model.CleanText(comment))
	if n := utf8.RuneCountInString(comment); n > model.MaxAckCommentLen {
		return model.FieldError("comment", "err.toolong", "長すぎます (%d 文字まで、いまは %d 文字)", model.MaxAckCommentLen, n)
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, h, err := noteForChange(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case h.SuccessorID == "":
			return model.Keyed(model.EFORBIDDEN, "err.handover.no_successor", "後任が未定のため、まだ受領確認できません。前任の %s さんが後任を決めてからです", h.PredecessorName)
		case h.SuccessorID != me.ID:
			return model.Keyed(model.EFORBIDDEN, "err.handover.successor_only", "受領確認できるのは後任の %s さんだけです", h.SuccessorName)
		case h.Status == model.HandoverDraft:
			return model.Keyed(model.ECONFLICT, "err.handover.still_draft", "この引き継ぎ書はまだ作成中です。前任の %s さんが引継済みにしてから受領確認してください", h.PredecessorName)
		case h.Status == model.HandoverAcknowledged:
			return model.Keyed(model.ECONFLICT, "err.handover.acknowledged", "この引き継ぎ書は受領確認済みです")
		}
		at := fmtTime(db.Now())
		_, err = tx.ExecContext(ctx, `UPDATE handovers SET status = 'acknowledged', acknowledged_at = ?, ack_comment = ?, updated_at = ?
			WHERE id = ?`, at, comment, at, h.ID)
		return err
	})
}
