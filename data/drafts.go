package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"hiroba/model"
)

var _ model.DraftService = (*DB)(nil)

// SaveDraft stores d for the viewer. Drafts are saved as they are typed, so
// the text is kept as typed (control characters are removed when it is
// posted, not here) and the whole save is one short statement.
func (db *DB) SaveDraft(ctx context.Context, d *model.Draft) error {
	viewer := model.ViewerFrom(ctx)
	if viewer == "" {
		return model.Keyed(model.EFORBIDDEN, "err.staff.nobody", "職員として名乗ってから操作してください")
	}
	meta, err := json.Marshal(d.Meta)
	if err != nil {
		return err
	}
	now := db.Now()
	err = db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO drafts (staff_id, context, title, body, meta, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (staff_id, context) DO UPDATE SET title = excluded.title, body = excluded.body,
				meta = excluded.meta, updated_at = excluded.updated_at`,
			viewer, d.Context, d.Title, d.Body, string(meta), fmtTime(now))
		return err
	})
	if err != nil {
		return wrapOnce("下書きの保存", err)
	}
	d.UpdatedAt = parseTime(fmtTime(now))
	return nil
}

// DraftByContext returns the viewer's draft for context, or ENOTFOUND.
func (db *DB) DraftByContext(ctx context.Context, context string) (*model.Draft, error) {
	d := model.Draft{Context: context}
	var meta, updated string
	err := db.read.QueryRowContext(ctx, `SELECT title, body, meta, updated_at FROM drafts WHERE staff_id = ? AND context = ?`,
		model.ViewerFrom(ctx), context).Scan(&d.Title, &d.Body, &meta, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.draft.not_found", "下書きはありません")
	} else if err != nil {
		return nil, fmt.Errorf("下書きの読み込み: %w", err)
	}
	if err := json.Unmarshal([]byte(meta), &d.Meta); err != nil {
		d.Meta = nil
	}
	d.UpdatedAt = parseTime(updated)
	return &d, nil
}

// DeleteDraft removes the viewer's draft for context, if any.
func (db *DB) DeleteDraft(ctx context.Context, context string) error {
	err := db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE staff_id = ? AND context = ?`, model.ViewerFrom(ctx), context)
		return err
	})
	return wrapOnce("下書きの削除", err)
}
