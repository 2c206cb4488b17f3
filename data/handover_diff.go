package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"hiroba/model"
)

// Revisions returns the revisions of note id, newest first, without their
// sections; ENOTFOUND when the viewer may not read the note.
func (db *DB) Revisions(ctx context.Context, id string) ([]model.HandoverRevision, error) {
	var out []model.HandoverRevision
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		h, err := handoverByID(ctx, tx, id)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT r.number, r.author_id, s.name, r.created_at
			FROM handover_revisions r JOIN staff s ON s.id = r.author_id
			WHERE r.handover_id = ? ORDER BY r.number DESC`, h.ID)
		if err != nil {
			return err
		}
		out, err = collect(rows, func(row rowScanner) (*model.HandoverRevision, error) {
			var r model.HandoverRevision
			var created string
			if err := row.Scan(&r.Number, &r.AuthorID, &r.AuthorName, &created); err != nil {
				return nil, err
			}
			r.CreatedAt = parseTime(created)
			return &r, nil
		})
		return err
	})
	if err != nil {
		return nil, wrapOnce("引き継ぎ書の版", err)
	}
	return out, nil
}

// revisionSections reads the sections one revision kept.
func revisionSections(ctx context.Context, tx *sql.Tx, noteID string, number int) ([]model.HandoverSection, error) {
	var js string
	err := tx.QueryRowContext(ctx, `SELECT sections FROM handover_revisions WHERE handover_id = ? AND number = ?`, noteID, number).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.handover.no_revision", "第%d版はありません", number)
	} else if err != nil {
		return nil, err
	}
	var out []model.HandoverSection
	if err := json.Unmarshal([]byte(js), &out); err != nil {
		return nil, fmt.Errorf("第%d版: %w", number, err)
	}
	// The stored order is the order; revisions written by the demo and
	// scale generators carry neither ids nor positions.
	for i := range out {
		out[i].Position = i
	}
	return out, nil
}

// DiffRevisions compares revision from of note id with revision to,
// section by section in the order of to, sections removed since last.
// Sections are matched by id, so a renamed section shows its old title
// and the changes of its body.
func (db *DB) DiffRevisions(ctx context.Context, id string, from, to int) ([]model.SectionDiff, error) {
	var out []model.SectionDiff
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		h, err := handoverByID(ctx, tx, id)
		if err != nil {
			return err
		}
		a, err := revisionSections(ctx, tx, h.ID, from)
		if err != nil {
			return err
		}
		b, err := revisionSections(ctx, tx, h.ID, to)
		if err != nil {
			return err
		}
		out = DiffSections(a, b)
		return nil
	})
	if err != nil {
		return nil, wrapOnce("版の比較", err)
	}
	return out, nil
}

// diffContext is how many unchanged lines stand around each change.
const diffContext = 2

// DiffSections compares two versions of a note's sections, in the order
// of b, then the sections of a that b no longer has. Sections are matched
// by id, or by title when a revision kept no ids.
func DiffSections(a, b []model.HandoverSection) []model.SectionDiff {
	match := make([]int, len(b)) // index in a of b's section, or -1
	used := make([]bool, len(a))
	byID := map[string]int{}
	for i, s := range a {
		if s.ID != "" {
			byID[s.ID] = i
		}
	}
	for j, s := range b {
		match[j] = -1
		if i, ok := byID[s.ID]; ok && s.ID != "" && !used[i] {
			match[j], used[i] = i, true
		}
	}
	for j, s := range b {
		if match[j] >= 0 {
			continue
		}
		for i, o := range a {
			if !used[i] && o.Title == s.Title && (o.ID == "" || s.ID == "") {
				match[j], used[i] = i, true
				break
			}
		}
	}
	var out []model.SectionDiff
	for j, s := range b {
		d := model.SectionDiff{Title: s.Title, NewPosition: s.Position, OldPosition: -1}
		ok := match[j] >= 0
		var prev model.HandoverSection
		if ok {
			prev = a[match[j]]
		}
		switch {
		case !ok:
			d.Change = model.SectionAdded
			d.Lines = diffLines("", s.Body)
		default:
			d.OldPosition = prev.Position
			if prev.Title != s.Title {
				d.OldTitle = prev.Title
			}
			d.Lines = diffLines(prev.Body, s.Body)
			d.Change = model.SectionSame
			if d.OldTitle != "" || len(d.Lines) > 0 {
				d.Change = model.SectionChanged
			}
		}
		out = append(out, d)
	}
	for i, s := range a {
		if !used[i] {
			out = append(out, model.SectionDiff{Title: s.Title, Change: model.SectionRemoved, OldPosition: s.Position, NewPosition: -1,
				Lines: diffLines(s.Body, "")})
		}
	}
	return out
}

// diffLines is the line diff of two bodies with diffContext lines of
// context around changes; nil when they are equal. go-udiff (Myers' diff,
// the one gopls uses) does the work.
func diffLines(a, b string) []model.DiffLine {
	if a == b {
		return nil
	}
	if a != "" && !strings.HasSuffix(a, "\n") {
		a += "\n"
	}
	if b != "" && !strings.HasSuffix(b, "\n") {
		b += "\n"
	}
	u, err := udiff.ToUnifiedDiff("a", "b", a, udiff.Lines(a, b), diffContext)
	if err != nil {
		// Cannot happen: the edits are udiff's own for a.
		return []model.DiffLine{{Op: model.DiffRemoved, Text: a}, {Op: model.DiffAdded, Text: b}}
	}
	var out []model.DiffLine
	for i, h := range u.Hunks {
		if i > 0 || h.FromLine > 1 {
			out = append(out, model.DiffLine{Op: model.DiffGap, Text: fmt.Sprint(h.FromLine)})
		}
		for _, l := range h.Lines {
			op := model.DiffSame
			switch l.Kind {
			case udiff.Delete:
				op = model.DiffRemoved
			case udiff.Insert:
				op = model.DiffAdded
			}
			out = append(out, model.DiffLine{Op: op, Text: strings.TrimSuffix(l.Content, "\n")})
		}
	}
	return out
}
