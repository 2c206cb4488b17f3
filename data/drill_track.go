package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"hiroba/model"
)

// A drill copy keeps the base it was taken from copy-on-write: triggers on
// every tracked table record a row as it was before the copy first changed
// it (drill_base_rows). The file is then barely larger than the database,
// taking it costs no more than a backup, and the merge reads only what the
// laptop changed, never whole tables.

// querier is what *sql.DB, *sql.Tx and *sql.Conn share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tableInfo is one table's columns and primary key, as the schema says.
type tableInfo struct {
	name string
	cols []string
	key  []string // the primary key, or every column when it has none
	// blob: a column is declared BLOB, which JSON cannot hold; such a
	// table is not tracked.
	blob bool
}

// untracked are the tables a drill neither tracks nor merges: derived
// (the search index, change counters, people search's text, which its
// store and triggers keep), bookkeeping, or the schema's own. A derived
// table a later migration adds belongs here: otherwise a merge takes its
// rows for what people wrote.
func untracked(name string) bool {
	for _, p := range []string{"sqlite_", "search_", "drill_", "merge_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return name == "schema_migrations" || name == "change_counters" || name == "people_text" || name == "write_receipts"
}

// trackedTables returns the tables whose rows a drill copy tracks, in the
// schema's order: every table but the untracked ones, virtual tables and
// their shadow tables, and tables with BLOB columns.
func trackedTables(ctx context.Context, q querier) ([]tableInfo, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	type entry struct{ name, sql string }
	var all []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.name, &e.sql); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var virtual []string
	for _, e := range all {
		if strings.HasPrefix(strings.ToUpper(e.sql), "CREATE VIRTUAL") {
			virtual = append(virtual, e.name)
		}
	}
	var out []tableInfo
next:
	for _, e := range all {
		if untracked(e.name) {
			continue
		}
		for _, v := range virtual {
			if e.name == v || strings.HasPrefix(e.name, v+"_") {
				continue next
			}
		}
		t, err := readTableInfo(ctx, q, "main", e.name)
		if err != nil {
			return nil, err
		}
		if !t.blob {
			out = append(out, t)
		}
	}
	return out, nil
}

// readTableInfo reads one table's columns and key from schema.
func readTableInfo(ctx context.Context, q querier, schema, name string) (tableInfo, error) {
	t := tableInfo{name: name}
	rows, err := q.QueryContext(ctx, `SELECT name, upper(type), pk FROM pragma_table_info(?, ?) ORDER BY cid`, name, schema)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	pk := map[int]string{}
	for rows.Next() {
		var col, typ string
		var n int
		if err := rows.Scan(&col, &typ, &n); err != nil {
			return t, err
		}
		t.cols = append(t.cols, col)
		if n > 0 {
			pk[n] = col
		}
		if strings.Contains(typ, "BLOB") {
			t.blob = true
		}
	}
	if err := rows.Err(); err != nil {
		return t, err
	}
	for i := 1; i <= len(pk); i++ {
		t.key = append(t.key, pk[i])
	}
	if len(t.key) == 0 {
		t.key = append([]string{}, t.cols...)
	}
	return t, nil
}

// ident quotes an SQL identifier.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// literal quotes an SQL string.
func literal(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

// keyJSON is the SQL expression of a row's key as drill_base_rows and
// merge_ledger hold it; prefix is "old.", "new." or a table alias.
func keyJSON(prefix string, key []string) string {
	parts := make([]string, len(key))
	for i, k := range key {
		parts[i] = prefix + ident(k)
	}
	return "json_array(" + strings.Join(parts, ", ") + ")"
}

// rowJSON is the SQL expression of a whole row as a JSON object.
func rowJSON(prefix string, cols []string) string {
	parts := make([]string, 0, 2*len(cols))
	for _, c := range cols {
		parts = append(parts, literal(c), prefix+ident(c))
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

// installTracking (re)creates the tracking triggers of every tracked
// table, so that tables and columns a migration added are tracked too.
func installTracking(ctx context.Context, q querier) error {
	rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'drill\_track\_%' ESCAPE '\'`)
	if err != nil {
		return err
	}
	var old []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		old = append(old, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, n := range old {
		if _, err := q.ExecContext(ctx, `DROP TRIGGER `+ident(n)); err != nil {
			return err
		}
	}
	tables, err := trackedTables(ctx, q)
	if err != nil {
		return err
	}
	const when = ` WHEN (SELECT tracking FROM drill_copy LIMIT 1) = 1`
	for _, t := range tables {
		name := literal(t.name)
		// Only the first change of a row is recorded. Not with INSERT OR
		// IGNORE: inside a trigger, an upsert's DO UPDATE overrides the
		// IGNORE and the second change of a row would fail.
		record := func(prefix, row string) string {
			key := keyJSON(prefix, t.key)
			return `INSERT INTO drill_base_rows (tbl, row_key, row) SELECT ` + name + `, ` + key + `, ` + row +
				` WHERE NOT EXISTS (SELECT 1 FROM drill_base_rows WHERE tbl = ` + name + ` AND row_key = ` + key + `);`
		}
		base := "drill_track_" + t.name
		stmts := []string{
			`CREATE TRIGGER ` + ident(base+"_insert") + ` AFTER INSERT ON ` + ident(t.name) + when + ` BEGIN ` + record("new.", "NULL") + ` END`,
			`CREATE TRIGGER ` + ident(base+"_update") + ` BEFORE UPDATE ON ` + ident(t.name) + when + ` BEGIN ` + record("old.", rowJSON("old.", t.cols)) + ` END`,
			// A changed key is a row deleted and another added.
			`CREATE TRIGGER ` + ident(base+"_rekey") + ` AFTER UPDATE ON ` + ident(t.name) + when +
				` AND ` + keyJSON("new.", t.key) + ` <> ` + keyJSON("old.", t.key) + ` BEGIN ` + record("new.", "NULL") + ` END`,
			`CREATE TRIGGER ` + ident(base+"_delete") + ` BEFORE DELETE ON ` + ident(t.name) + when + ` BEGIN ` + record("old.", rowJSON("old.", t.cols)) + ` END`,
		}
		for _, s := range stmts {
			if _, err := q.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("訓練用コピーの変更記録 (%s): %w", t.name, err)
			}
		}
	}
	return nil
}

// isDrillCopy reports whether the database has a drill_copy row.
func isDrillCopy(ctx context.Context, q querier) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'drill_copy'`).Scan(&n); err != nil || n == 0 {
		return false, err
	}
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM drill_copy`).Scan(&n)
	return n > 0, err
}

// pauseTracking runs migrate, which brings the schema up to date. On a
// drill copy it stops tracking meanwhile, so that rows a migration
// rewrites are not taken for the laptop's changes, and tracks the tables
// as they now are afterwards.
func (db *DB) pauseTracking(ctx context.Context, migrate func() error) error {
	var version int
	err := db.write.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version)
	if err != nil || version >= SchemaVersion() {
		// A new file has no schema_migrations yet: nothing to pause.
		return migrate()
	}
	isCopy, err := isDrillCopy(ctx, db.write)
	if err != nil {
		return err
	}
	if !isCopy {
		return migrate()
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE drill_copy SET tracking = 0`); err != nil {
		return db.wrapWriteErr(err)
	}
	err = migrate()
	// Tracking resumes even when a migration failed, so that the copy
	// never goes on untracked.
	if e := db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		if err := installTracking(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE drill_copy SET tracking = 1`)
		return err
	}); err == nil {
		err = e
	}
	return err
}

// DrillCopy returns what the database is a drill copy of, or nil when it
// is not one: what the screen's 訓練用コピー mark shows.
func (db *DB) DrillCopy(ctx context.Context) (*model.DrillCopy, error) {
	conn := db.read
	isCopy, err := isDrillCopy(ctx, conn)
	if err != nil || !isCopy {
		return nil, err
	}
	return readDrillCopy(ctx, conn)
}

// DrillStaff returns the active staff a drill copy was taken with, in the
// order of FindStaff: not those registered on the copy (their row's base
// is "none"); nil when the database is no drill copy.
func (db *DB) DrillStaff(ctx context.Context) ([]model.Staff, error) {
	var out []model.Staff
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if isCopy, err := isDrillCopy(ctx, tx); err != nil || !isCopy {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+staffColumns+`
			FROM staff s JOIN municipalities mu ON mu.id = s.municipality_id
			WHERE s.status = 'active' AND NOT EXISTS (SELECT 1 FROM drill_base_rows b
				WHERE b.tbl = 'staff' AND b.row_key = `+keyJSON("s.", []string{"id"})+` AND b.row IS NULL)
			ORDER BY mu.sort, s.name, s.id`)
		if err != nil {
			return err
		}
		out, err = collect(rows, scanStaff)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("訓練用コピーの職員: %w", err)
	}
	return out, nil
}

func readDrillCopy(ctx context.Context, q querier) (*model.DrillCopy, error) {
	var d model.DrillCopy
	var taken string
	err := q.QueryRowContext(ctx, `SELECT d.snapshot_id, d.source_id, d.schema_version, d.taken_at, d.municipality_id, coalesce(mu.name, '')
		FROM drill_copy d LEFT JOIN municipalities mu ON mu.id = d.municipality_id LIMIT 1`).
		Scan(&d.SnapshotID, &d.SourceID, &d.SchemaVersion, &taken, &d.MunicipalityID, &d.Municipality)
	if err != nil {
		return nil, err
	}
	d.TakenAt = parseTime(taken)
	return &d, nil
}

// DatabaseID returns the database's stable identity, which its drill
// copies carry; "" for a file of a schema before identities (opened
// read-only, so not migrated).
func (db *DB) DatabaseID(ctx context.Context) (string, error) {
	return databaseID(ctx, db.read)
}

func databaseID(ctx context.Context, q querier) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'database_id'`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}
