package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

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
	h.updated_at, h.revision`

const handoverFrom = ` FROM handovers h
	JOIN municipalities mu ON mu.id = h.municipality_id
	JOIN staff ps ON ps.id = h.predecessor_id
	LEFT JOIN staff ss ON ss.id = h.successor_id `

func scanHandover(row rowScanner) (*model.Handover, error) {
	var h model.Handover
	var effective, updated string
	var handed, acked sql.NullString
	if err := row.Scan(&h.ID, &h.MunicipalityID, &h.Municipality, &h.Department, &h.Duty,
		&h.PredecessorID, &h.PredecessorName, &h.SuccessorID, &h.SuccessorName,
		&effective, &h.Status, &h.Visibility, &handed, &acked, &h.AckComment,
		&updated, &h.Revision); err != nil {
		return nil, err
	}
	if t := nullDateOrTime(sql.NullString{String: effective, Valid: true}); t != nil {
		h.EffectiveDate = *t
	}
	h.HandedOverAt, h.AcknowledgedAt = nullTime(handed), nullTime(acked)
	h.UpdatedAt = parseTime(updated)
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
		for i, word := range strings.Fields(f.Query) {
			name := fmt.Sprintf("word%d", i)
			w.add(`(h.duty LIKE @`+name+` ESCAPE '\' OR h.department LIKE @`+name+` ESCAPE '\')`, sql.Named(name, likePattern(word)))
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
		return nil, model.Errorf(model.ENOTFOUND, "引き継ぎ書が見つかりません。前任・後任と同じ所属の職員だけが読めるものもあります")
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
