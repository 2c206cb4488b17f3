package data

import (
	"context"
	"database/sql"
	"errors"
)

// SettingDemo is the settings key that `hiroba demo` writes (the time the
// demo was made): the file holds demo data, which --reset may write over.
const SettingDemo = "demo"

// IsDemo reports whether the database holds demo data that `hiroba demo`
// wrote.
func (db *DB) IsDemo(ctx context.Context) (bool, error) {
	var v string
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SettingDemo).Scan(&v)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
