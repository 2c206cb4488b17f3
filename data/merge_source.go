package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"hiroba/model"
)

// copySource is a drill copy opened for a merge. The merge never writes
// the copy: a copy of an older schema is migrated in a temporary file.
type copySource struct {
	path    string // the file given
	conn    *sql.DB
	drill   *model.DrillCopy
	version int    // the copy's schema version as given
	tmpDir  string // the migrated copy's folder, if any
}

func (c *copySource) Close() {
	if c.conn != nil {
		c.conn.Close()
	}
	if c.tmpDir != "" {
		os.RemoveAll(c.tmpDir)
	}
}

func damagedCopy(path string, err error) error {
	e := model.Keyed(model.ECORRUPT, "err.merge.damaged", "%s は壊れているか、hiroba の訓練用コピーではありません。何も変更していません", path)
	if err != nil {
		e.Message += fmt.Sprintf(" (%v)", err)
	}
	return e
}

// openCopy opens the drill copy at path for merging into db, and refuses,
// with a keyed error, a file that is missing, damaged or not a drill copy,
// a copy of another database, and a copy of a newer schema. A copy of an
// older schema is migrated forward in a temporary folder, its working
// copy and its recorded base alike.
func (db *DB) openCopy(ctx context.Context, path string) (*copySource, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil, model.Keyed(model.ENOTFOUND, "err.merge.nofile", "%s がありません", abs)
	} else if err != nil {
		return nil, err
	}
	notCopy := model.Keyed(model.EINVALID, "err.merge.notcopy", "%s は訓練用コピーではありません。hiroba snapshot で作ったファイルを指定してください", abs)
	if st.IsDir() {
		return nil, notCopy
	}
	if _, err := checkHeader(abs); err != nil {
		return nil, damagedCopy(abs, nil)
	}
	c := &copySource{path: abs}
	if err := c.open(ctx, abs); err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			c.Close()
		}
	}()
	var tables int
	if err := c.conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&tables); err != nil {
		return nil, damagedCopy(abs, err)
	}
	if tables == 0 {
		return nil, notCopy
	}
	if err := c.conn.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&c.version); err != nil {
		return nil, damagedCopy(abs, err)
	}
	if c.version > SchemaVersion() {
		return nil, model.Keyed(model.EUNSUPPORTED, "err.merge.schema",
			"%s は新しい hiroba (スキーマ %d) で書かれています。この hiroba はスキーマ %d までです。hiroba を更新してから取り込んでください", abs, c.version, SchemaVersion())
	}
	if isCopy, err := isDrillCopy(ctx, c.conn); err != nil {
		return nil, damagedCopy(abs, err)
	} else if !isCopy {
		return nil, notCopy
	}
	if c.drill, err = readDrillCopy(ctx, c.conn); err != nil {
		return nil, damagedCopy(abs, err)
	}
	id, err := databaseID(ctx, db.write)
	if err != nil {
		return nil, err
	}
	if c.drill.SourceID != id {
		return nil, model.Keyed(model.ECONFLICT, "err.merge.foreign",
			"%s はほかのデータベースから作った訓練用コピーです。取り込めるのは、コピーを作ったデータベースにだけです", abs)
	}
	var bad int
	if err := c.conn.QueryRowContext(ctx, `SELECT count(*) FROM drill_base_rows
		WHERE NOT json_valid(row_key) OR (row IS NOT NULL AND NOT json_valid(row))`).Scan(&bad); err != nil || bad > 0 {
		return nil, damagedCopy(abs, err)
	}
	if c.version < SchemaVersion() {
		if err := c.migrate(ctx, db); err != nil {
			return nil, err
		}
	}
	ok = true
	return c, nil
}

// open connects read-only to the file and checks that it is sound: the
// schema and the recorded base wholly; the rows the merge reads of the
// other tables, by key, fail as they are read if they are damaged. (A
// whole check of a copy at scale 1 takes ten seconds of a merge's
// eleven.)
func (c *copySource) open(ctx context.Context, path string) error {
	conn, err := sql.Open("sqlite3", fileURI(path, "mode=ro&_busy_timeout=10000"))
	if err != nil {
		return damagedCopy(c.path, err)
	}
	c.conn = conn
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'drill_base_rows'`).Scan(&n); err != nil {
		return damagedCopy(c.path, err)
	}
	check := `PRAGMA quick_check`
	if n > 0 {
		check = `PRAGMA quick_check(drill_base_rows)`
	}
	rows, err := conn.QueryContext(ctx, check)
	if err != nil {
		return damagedCopy(c.path, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return damagedCopy(c.path, err)
		}
		lines = append(lines, s)
	}
	if err := rows.Err(); err != nil {
		return damagedCopy(c.path, err)
	}
	if len(lines) != 1 || lines[0] != "ok" {
		return damagedCopy(c.path, errors.New(strings.Join(lines, "; ")))
	}
	return nil
}

// migrate brings a copy of an older schema up to this program's, in a
// temporary file: the working copy by the migrations, the recorded base
// rows as they are (a column added since reads as the working copy's).
func (c *copySource) migrate(ctx context.Context, db *DB) error {
	dir, err := os.MkdirTemp("", "hiroba-merge-*")
	if err != nil {
		return err
	}
	c.tmpDir = dir
	tmp := filepath.Join(dir, "copy.db")
	if _, err := c.conn.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return damagedCopy(c.path, err)
	}
	c.conn.Close()
	c.conn = nil
	m := &DB{Path: tmp, Now: db.Now}
	if m.write, err = sql.Open("sqlite3", fileURI(tmp, "_foreign_keys=on&_txlock=immediate&_busy_timeout=10000")); err != nil {
		return err
	}
	m.write.SetMaxOpenConns(1)
	err = m.migrate(ctx)
	m.write.Close()
	if err != nil {
		return model.Keyed(model.EUNSUPPORTED, "err.merge.migrate",
			"%s をスキーマ %d から %d に移行できませんでした。何も変更していません (%v)", c.path, c.version, SchemaVersion(), err)
	}
	return c.open(ctx, tmp)
}

// rowChange is one row the copy changed: as the base had it (nil: the copy
// added it) and as the copy has it (nil: the copy deleted it).
type rowChange struct {
	key     string // json_array of the primary key
	keyVals []any
	base    []any
	copy    []any
}

// changes reads the rows of table t that the copy changed, with the
// columns of t (the shared database's schema), ordered by key.
func (c *copySource) changes(ctx context.Context, t tableInfo) ([]rowChange, error) {
	ct, err := readTableInfo(ctx, c.conn, "main", t.name)
	if err != nil {
		return nil, damagedCopy(c.path, err)
	}
	if strings.Join(ct.cols, ",") != strings.Join(t.cols, ",") {
		return nil, model.Keyed(model.EUNSUPPORTED, "err.merge.columns",
			"%s の表 %s の列が共有のデータベースと違います。同じ版の hiroba で取り込んでください", c.path, t.name)
	}
	sel := []string{`row_key`, `row IS NULL`}
	for i := range t.key {
		sel = append(sel, fmt.Sprintf(`json_extract(row_key, '$[%d]')`, i))
	}
	for _, col := range t.cols {
		path := literal(`$."` + col + `"`)
		sel = append(sel, `json_extract(row, `+path+`)`, `json_type(row, `+path+`) IS NULL`)
	}
	rows, err := c.conn.QueryContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM drill_base_rows WHERE tbl = ? ORDER BY row_key`, t.name)
	if err != nil {
		return nil, damagedCopy(c.path, err)
	}
	var out []rowChange
	// missing: base columns the recorded row does not have, because a
	// migration added them after the copy recorded it.
	var missing [][]bool
	for rows.Next() {
		var ch rowChange
		var absent bool
		ch.keyVals = make([]any, len(t.key))
		base := make([]any, len(t.cols))
		miss := make([]bool, len(t.cols))
		dest := []any{&ch.key, &absent}
		for i := range ch.keyVals {
			dest = append(dest, &ch.keyVals[i])
		}
		for i := range base {
			dest = append(dest, &base[i], &miss[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return nil, damagedCopy(c.path, err)
		}
		if !absent {
			ch.base = base
		}
		out = append(out, ch)
		missing = append(missing, miss)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, damagedCopy(c.path, err)
	}
	stmt, err := c.conn.PrepareContext(ctx, `SELECT `+plainColumns(t.cols, "")+` FROM `+ident(t.name)+` WHERE `+keyWhere(t.key, ""))
	if err != nil {
		return nil, damagedCopy(c.path, err)
	}
	defer stmt.Close()
	for i := range out {
		ch := &out[i]
		if ch.copy, err = scanRow(stmt.QueryRowContext(ctx, ch.keyVals...), len(t.cols)); err != nil {
			return nil, damagedCopy(c.path, err)
		}
		// The copy's file may have been written by other means than
		// hiroba: its text reaches the shared database as clean as what
		// hiroba writes.
		for j, v := range ch.copy {
			if s, ok := v.(string); ok {
				ch.copy[j] = model.CleanText(s)
			}
		}
		if ch.base != nil {
			for j, m := range missing[i] {
				if m && ch.copy != nil {
					ch.base[j] = ch.copy[j]
				}
			}
		}
	}
	return out, nil
}

// plainColumns lists cols for a SELECT as plain values: the unary plus
// hides the declared type, so that the driver turns no column into a
// time.Time or a bool and every side compares alike.
func plainColumns(cols []string, alias string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = "+" + alias + ident(c)
	}
	return strings.Join(parts, ", ")
}

// keyWhere is the condition that the key columns equal the arguments.
func keyWhere(key []string, alias string) string {
	parts := make([]string, len(key))
	for i, k := range key {
		parts[i] = alias + ident(k) + " = ?"
	}
	return strings.Join(parts, " AND ")
}

// scanRow reads one row of n columns, or nil when there is none.
func scanRow(row *sql.Row, n int) ([]any, error) {
	vals := make([]any, n)
	dest := make([]any, n)
	for i := range vals {
		dest[i] = &vals[i]
	}
	err := row.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return vals, err
}
