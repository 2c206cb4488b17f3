package node

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// importBatch is how many rows one transaction of an import copies.
const importBatch = 500

// Imported says what an import copied: rows by table, in the order
// copied.
type Imported struct {
	Tables []string
	Rows   map[string]int
}

// Import copies the hiroba file at path into the cluster's database,
// which must hold nobody yet: every table people's writes fill, row for
// row. What the program derives is made again by the cluster itself: the
// search index from the rows (the triggers queue them, and the first
// writable open indexes the queue), the change counters from nothing. The
// file is only read. A file that is not a sound hiroba file of this
// program's schema, or is a drill copy, is refused.
func (c *Client) Import(ctx context.Context, path string) (*Imported, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := checkImportable(ctx, abs); err != nil {
		return nil, err
	}
	db, err := c.Open(data.Options{})
	if err != nil {
		return nil, err
	}
	empty, err := db.IsEmpty(ctx)
	db.Close()
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, model.Keyed(model.ECONFLICT, "err.cluster.import_not_empty", "%s: クラスタのデータベースにはすでに職員がいます。取り込めるのは作ったばかりのクラスタだけです", c.Name)
	}
	src, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: abs}).EscapedPath()+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return nil, err
	}
	defer src.Close()
	tables, err := importedTables(ctx, src)
	if err != nil {
		return nil, err
	}
	_, dialTLS := c.creds.tls()
	conn, err := newConnector(c.store(), dialTLS)
	if err != nil {
		return nil, err
	}
	dst := sql.OpenDB(conn)
	defer dst.Close()
	dst.SetMaxOpenConns(1)
	out := &Imported{Rows: map[string]int{}}
	for _, t := range tables {
		n, err := copyTable(ctx, src, dst, t)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		out.Tables, out.Rows[t] = append(out.Tables, t), n
	}
	if err := foreignKeysHold(ctx, dst); err != nil {
		return nil, err
	}
	// Opened writable, the database indexes what the triggers queued.
	db, err = c.Open(data.Options{})
	if err != nil {
		return nil, err
	}
	return out, db.Close()
}

// checkImportable refuses a file hiroba would not open, one of another
// schema than this program's, and a drill copy.
func checkImportable(ctx context.Context, path string) error {
	f, err := data.Open(path, data.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer f.Close()
	v, err := f.Version(ctx)
	if err != nil {
		return err
	}
	if v != data.SchemaVersion() {
		return model.Keyed(model.EUNSUPPORTED, "err.cluster.import_schema", "%s: スキーマ %d のファイルです (この hiroba は %d)。この hiroba で一度書き込みできる状態で開いてから取り込んでください", path, v, data.SchemaVersion())
	}
	if drill, err := f.DrillCopy(ctx); err != nil {
		return err
	} else if drill != nil {
		return model.Keyed(model.EINVALID, "err.cluster.import_drill", "%s は訓練用コピーです。訓練用コピーは hiroba merge で取り込んでください", path)
	}
	return nil
}

// importedTables are the tables of the file that people's writes fill,
// in the order the schema made them: not the search index, the change
// counters, the receipts of writes, the schema's record, or a drill's
// bookkeeping.
func importedTables(ctx context.Context, src *sql.DB) ([]string, error) {
	rows, err := src.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			return nil, err
		}
		if strings.HasPrefix(name, "sqlite_") || strings.HasPrefix(name, "search_") || strings.HasPrefix(name, "drill_") ||
			strings.HasPrefix(strings.ToUpper(create), "CREATE VIRTUAL") {
			continue
		}
		switch name {
		case "schema_migrations", "change_counters", "write_receipts":
			continue
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// copyTable copies every row of table, importBatch in a transaction.
// Rows are written OR REPLACE: a batch tried again after a lost leader
// writes the same, and rows the cluster's migrations or triggers made
// (the municipalities, people search's text) become the file's.
func copyTable(ctx context.Context, src, dst *sql.DB, table string) (int, error) {
	rows, err := src.QueryContext(ctx, `SELECT * FROM "`+table+`" ORDER BY rowid`)
	if err != nil {
		// A table WITHOUT ROWID is read in its key's order.
		if rows, err = src.QueryContext(ctx, `SELECT * FROM "`+table+`"`); err != nil {
			return 0, err
		}
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	insert := `INSERT OR REPLACE INTO "` + table + `" ("` + strings.Join(cols, `", "`) + `") VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
	var batch [][]any
	total := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := writeBatch(ctx, dst, insert, batch); err != nil {
			return err
		}
		total += len(batch)
		batch = batch[:0]
		return nil
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return 0, err
		}
		if batch = append(batch, vals); len(batch) == importBatch {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return total, flush()
}

// writeBatch writes rows in one transaction, with the checks of foreign
// keys off (a row may refer to one of a later batch; foreignKeysHold
// checks them all at the end), and tries it again while the cluster
// elects a leader.
func writeBatch(ctx context.Context, dst *sql.DB, insert string, rows [][]any) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := func() error {
			conn, err := dst.Conn(ctx)
			if err != nil {
				return err
			}
			defer conn.Close()
			if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
				return err
			}
			tx, err := conn.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			for _, r := range rows {
				if _, err := tx.ExecContext(ctx, insert, r...); err != nil {
					return err
				}
			}
			return tx.Commit()
		}()
		if err == nil || !transient(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// foreignKeysHold checks every foreign key of the imported rows.
func foreignKeysHold(ctx context.Context, dst *sql.DB) error {
	rows, err := dst.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		return fmt.Errorf("%s (row %d) refers to a row of %s that is not there", table, rowid.Int64, parent)
	}
	return rows.Err()
}
