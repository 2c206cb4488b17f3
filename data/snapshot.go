package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"hiroba/model"
)

// fileURI is the connection string of the file at path with query q.
func fileURI(path, q string) string {
	s := "file:" + (&url.URL{Path: path}).EscapedPath()
	if q != "" {
		s += "?" + q
	}
	return s
}

// drillAdmin refuses anyone but an administrator or the operator: a copy
// holds what many people wrote, and a merge writes for all of them.
func drillAdmin(ctx context.Context, tx *sql.Tx) (string, error) {
	if isOperator(ctx) {
		return "", nil
	}
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return "", err
	}
	ok, err := isAdmin(ctx, tx, me.ID)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", model.Keyed(model.EFORBIDDEN, "err.drill.admin", "訓練用コピーの作成と取り込みは管理者だけができます")
	}
	return me.ID, nil
}

// Snapshot writes a drill copy of the database to the new file out: a
// working copy that hiroba opens like any database (hiroba --db out), and
// the base it was taken from, kept copy-on-write inside it, with this
// database's identity, the schema version and the time taken. With
// opt.MunicipalityID the copy holds only what that municipality's staff
// can see. The file appears only once it is complete. Administrators only.
func (db *DB) Snapshot(ctx context.Context, out string, opt model.SnapshotOptions) (*model.Snapshot, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	var d model.DrillCopy
	err = db.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := drillAdmin(ctx, tx); err != nil {
			return err
		}
		if isCopy, err := isDrillCopy(ctx, tx); err != nil {
			return err
		} else if isCopy {
			return model.Keyed(model.ECONFLICT, "err.snapshot.copy", "訓練用コピーからは訓練用コピーを作れません。共有のデータベースから作ってください")
		}
		if d.SourceID, err = databaseID(ctx, tx); err != nil {
			return err
		} else if d.SourceID == "" {
			return model.Keyed(model.EUNSUPPORTED, "err.snapshot.schema", "%s は古い形式のままです。一度書き込みできる状態で開いてから訓練用コピーを作ってください", db.Path)
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&d.SchemaVersion); err != nil {
			return err
		}
		if opt.MunicipalityID == "" {
			return nil
		}
		if d.SchemaVersion != SchemaVersion() {
			return model.Keyed(model.EUNSUPPORTED, "err.snapshot.schema", "%s は古い形式のままです。一度書き込みできる状態で開いてから訓練用コピーを作ってください", db.Path)
		}
		err := tx.QueryRowContext(ctx, `SELECT name FROM municipalities WHERE id = ?`, opt.MunicipalityID).Scan(&d.Municipality)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Keyed(model.EINVALID, "err.snapshot.municipality", "自治体 %s はありません", opt.MunicipalityID)
		}
		return err
	})
	if err != nil {
		return nil, wrapOnce("訓練用コピー", err)
	}
	if _, err := os.Stat(abs); err == nil {
		return nil, model.Keyed(model.ECONFLICT, "err.snapshot.exists", "%s はすでにあります。上書きはしません", abs)
	}
	now := db.Now()
	d.SnapshotID = model.NewID(now)
	d.TakenAt = parseTime(fmtTime(now))
	d.MunicipalityID = opt.MunicipalityID

	var suffix [6]byte
	rand.Read(suffix[:])
	tmp := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".partial-"+hex.EncodeToString(suffix[:]))
	defer removeDBFiles(tmp)
	if d.MunicipalityID == "" {
		err = db.Backup(ctx, tmp)
	} else {
		err = db.writeFiltered(ctx, tmp, d.MunicipalityID)
	}
	if err != nil {
		return nil, fmt.Errorf("訓練用コピー %s: %w", abs, err)
	}
	if err := finishCopy(ctx, tmp, &d); err != nil {
		return nil, fmt.Errorf("訓練用コピー %s: %w", abs, err)
	}
	if _, err := os.Stat(abs); err == nil {
		return nil, model.Keyed(model.ECONFLICT, "err.snapshot.exists", "%s はすでにあります。上書きはしません", abs)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return nil, fmt.Errorf("訓練用コピー %s: %w", abs, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	return &model.Snapshot{DrillCopy: d, Path: abs, Size: st.Size()}, nil
}

// removeDBFiles removes a database file and its journals, if they exist.
func removeDBFiles(path string) {
	for _, s := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + s)
	}
}

// finishCopy makes the database at path a drill copy: its drill_copy row,
// no base rows yet, every tracked table tracked. It leaves it as one file
// (no write-ahead log), ready to be carried.
func finishCopy(ctx context.Context, path string, d *model.DrillCopy) error {
	conn, err := sql.Open("sqlite3", fileURI(path, "_foreign_keys=on&_busy_timeout=10000"))
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM drill_base_rows`, `DELETE FROM drill_copy`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO drill_copy (snapshot_id, source_id, schema_version, taken_at, municipality_id, tracking)
		VALUES (?, ?, ?, ?, ?, 1)`, d.SnapshotID, d.SourceID, d.SchemaVersion, fmtTime(d.TakenAt), d.MunicipalityID); err != nil {
		return err
	}
	if err := installTracking(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `PRAGMA journal_mode = DELETE`)
	return err
}

// staffOf is the condition that the staff id in column col belongs to the
// municipality @m.
func staffOf(col string) string {
	return col + ` IN (SELECT id FROM main.staff WHERE municipality_id = @m)`
}

// snapshotFilters say, table by table and parents first, which rows a
// copy for one municipality (@m) holds: what its staff can see (the rules
// of visibleCommunity and visibleHandover), their own private rows (read
// marks, follows, drafts), and everyone's names. t is the source's row;
// main already holds the rows copied before. Tables not listed (SSH keys,
// bookkeeping, tables this list does not know yet) stay empty.
var snapshotFilters = []struct{ table, where string }{
	{"municipalities", ``},
	{"staff", ``},
	{"settings", ``},
	{"communities", `t.visibility = 'open' OR EXISTS (SELECT 1 FROM src.memberships m JOIN src.staff s ON s.id = m.staff_id
		WHERE m.community_id = t.id AND s.municipality_id = @m)`},
	{"memberships", `t.community_id IN (SELECT id FROM main.communities)`},
	{"threads", `t.hidden = 0 AND t.community_id IN (SELECT id FROM main.communities)`},
	{"replies", `t.hidden = 0 AND t.thread_id IN (SELECT id FROM main.threads)`},
	{"helpful_marks", `t.post_id IN (SELECT id FROM main.threads UNION ALL SELECT id FROM main.replies)`},
	{"call_applications", `t.thread_id IN (SELECT id FROM main.threads)`},
	{"idea_team", `t.thread_id IN (SELECT id FROM main.threads)`},
	{"follows", `t.thread_id IN (SELECT id FROM main.threads) AND ` + staffOf("t.staff_id")},
	{"handovers", `t.visibility = 'area' OR ` + staffOf("t.predecessor_id") + ` OR ` + staffOf("t.successor_id") + `
		OR (t.municipality_id = @m AND (t.visibility = 'municipality'
			OR t.department IN (SELECT department FROM main.staff WHERE municipality_id = @m)))`},
	{"handover_sections", `t.handover_id IN (SELECT id FROM main.handovers)`},
	{"handover_revisions", `t.handover_id IN (SELECT id FROM main.handovers)`},
	{"handover_questions", `t.handover_id IN (SELECT id FROM main.handovers)`},
	{"read_marks", staffOf("t.staff_id") + ` AND (t.target_id IN (SELECT id FROM main.threads) OR t.target_id IN (SELECT id FROM main.handovers))`},
	{"events", `t.community_id IN (SELECT id FROM main.communities)`},
	{"event_exceptions", `t.event_id IN (SELECT id FROM main.events)`},
	{"rsvps", `t.event_id IN (SELECT id FROM main.events)`},
	{"drafts", staffOf("t.staff_id")},
}

// writeFiltered writes a new database at path holding what the staff of
// municipality m can see, read in one transaction so that it is one
// moment of the source, and indexes it for search.
func (db *DB) writeFiltered(ctx context.Context, path, m string) error {
	fresh, err := Open(path, Options{Now: db.Now})
	if err != nil {
		return err
	}
	fresh.Close()
	conn, err := sql.Open("sqlite3", fileURI(path, "_foreign_keys=on&_busy_timeout=10000"))
	if err != nil {
		return err
	}
	defer conn.Close()
	c, err := conn.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	// The attachment ends with the connection.
	if _, err := c.ExecContext(ctx, `ATTACH DATABASE ? AS src`, fileURI(db.Path, "mode=ro")); err != nil {
		return err
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The new file's migrations wrote the municipalities and its own
	// settings (a fresh identity among them); the source's replace them.
	for _, q := range []string{`DELETE FROM main.settings`, `DELETE FROM main.municipalities`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	for _, f := range snapshotFilters {
		t, err := readTableInfo(ctx, tx, "main", f.table)
		if err != nil {
			return err
		}
		cols := ""
		for i, c := range t.cols {
			if i > 0 {
				cols += ", "
			}
			cols += ident(c)
		}
		q := `INSERT INTO main.` + ident(f.table) + ` (` + cols + `) SELECT ` + cols + ` FROM src.` + ident(f.table) + ` t`
		if f.where != "" {
			q += ` WHERE ` + f.where
		}
		if _, err := tx.ExecContext(ctx, q, sql.Named("m", m)); err != nil {
			return fmt.Errorf("%s: %w", f.table, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	c.Close()
	conn.Close()
	// Opening indexes what the inserts queued for search, as after any
	// write.
	indexed, err := Open(path, Options{Now: db.Now})
	if err != nil {
		return err
	}
	return indexed.Close()
}
