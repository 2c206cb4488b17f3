package data

import (
	"context"
	"database/sql"
)

// SupervisorLines is supervisorLines in a read transaction, for tests.
func SupervisorLines(db *DB, ids []string) (map[string][]string, error) {
	var out map[string][]string
	err := db.readTx(context.Background(), func(tx *sql.Tx) (err error) {
		out, err = supervisorLines(context.Background(), tx, ids)
		return err
	})
	return out, err
}
