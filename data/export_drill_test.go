package data

import (
	"context"
	"fmt"
	"strings"
)

// RowExists reports whether table has a row whose key, as json_array of
// its primary key, is key: how drills name rows.
func RowExists(db *DB, table, key string) (bool, error) {
	t, err := readTableInfo(context.Background(), db.read, "main", table)
	if err != nil {
		return false, err
	}
	var ok bool
	err = db.read.QueryRow(`SELECT EXISTS (SELECT 1 FROM `+ident(table)+` WHERE `+keyJSON("", t.key)+` = ?)`, key).Scan(&ok)
	return ok, err
}

// ForeignKeyCheck returns PRAGMA foreign_key_check's findings, one line
// each; a sound database has none.
func ForeignKeyCheck(db *DB) ([]string, error) {
	rows, err := db.read.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s row %v -> %s (%v)", table, rowid, parent, fk))
	}
	return out, rows.Err()
}

// Dump writes every row of every table, sorted, one line each, leaving
// out the tables and columns skip names (column "" for a whole table):
// for comparing two databases.
func Dump(db *DB, skip func(table, column string) bool) (string, error) {
	ctx := context.Background()
	names, err := QueryStrings(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, name := range names {
		if skip(name, "") {
			continue
		}
		t, err := readTableInfo(ctx, db.read, "main", name)
		if err != nil {
			return "", err
		}
		var cols []string
		for _, c := range t.cols {
			if !skip(name, c) {
				cols = append(cols, "quote("+ident(c)+")")
			}
		}
		if len(cols) == 0 {
			continue
		}
		lines, err := QueryStrings(db, `SELECT `+strings.Join(cols, ` || ' | ' || `)+` AS line FROM `+ident(name)+` ORDER BY line`)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "== %s (%d)\n%s\n", name, len(lines), strings.Join(lines, "\n"))
	}
	return b.String(), nil
}
