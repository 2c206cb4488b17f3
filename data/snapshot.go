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
	// VACUUM INTO (Backup) rather than SQLite's page-by-page backup,
	// which is quicker but would carry the free pages, and with them
	// what was deleted before.
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
	return col + ` IN (SELECT id FROM staff WHERE municipality_id = @m)`
}

// snapshotKeep says, table by table, which rows a copy for one
// municipality (@m) keeps: what its staff can see (the rules of
// visibleCommunity and visibleHandover; hidden posts nobody sees), their
// own private rows (read marks, follows, drafts), and everyone's names.
// Rows of a removed community, thread, note or event go with it (ON
// DELETE CASCADE). Tables not listed here are kept whole; those in
// snapshotEmpty, and tables this list does not know (a later migration's),
// are emptied.
//
// Private rows go first: a removed thread's follows are found by reading
// the whole table (no index leads from a thread to them), which is then
// smaller.
var snapshotKeep = []struct{ table, keep string }{
	{"follows", staffOf("staff_id")},
	{"read_marks", staffOf("staff_id")},
	{"drafts", staffOf("staff_id")},
	{"communities", `visibility = 'open' OR id IN (SELECT m.community_id FROM memberships m JOIN staff s ON s.id = m.staff_id
		WHERE s.municipality_id = @m)`},
	{"threads", `hidden = 0`},
	{"replies", `hidden = 0`},
	{"helpful_marks", `EXISTS (SELECT 1 FROM threads WHERE id = post_id) OR EXISTS (SELECT 1 FROM replies WHERE id = post_id)`},
	{"handovers", `visibility = 'area' OR ` + staffOf("predecessor_id") + ` OR ` + staffOf("successor_id") + `
		OR (municipality_id = @m AND (visibility = 'municipality' OR department IN (SELECT department FROM staff WHERE municipality_id = @m)))`},
	{"read_marks", `EXISTS (SELECT 1 FROM threads WHERE id = target_id) OR EXISTS (SELECT 1 FROM handovers WHERE id = target_id)`},
}

// snapshotWhole are the tables a copy for one municipality keeps whole:
// reference data everyone sees, and what the copy's own tables keep.
var snapshotWhole = []string{"municipalities", "staff", "settings", "memberships", "call_applications", "idea_team",
	"handover_sections", "handover_revisions", "handover_questions", "events", "event_exceptions", "rsvps"}

// writeFiltered writes a copy of the database at path holding what the
// staff of municipality m can see. It copies everything at one moment
// and removes the rest, which is quick where most is visible (open
// communities are seen by everyone), and lets the search index follow
// the removals as it follows any write. Removed rows are overwritten
// (secure_delete) and removed documents purged from the search index, so
// that the laptop does not carry what its staff may not read.
func (db *DB) writeFiltered(ctx context.Context, path, m string) error {
	if err := db.Backup(ctx, path); err != nil {
		return err
	}
	c, err := Open(path, Options{Now: db.Now})
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.write.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
		return err
	}
	tables, err := trackedTables(ctx, c.write)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, t := range snapshotWhole {
		keep[t] = true
	}
	for _, k := range snapshotKeep {
		keep[k.table] = true
	}
	err = c.writeTx(ctx, func(tx *sql.Tx) error {
		// A condition that comes out NULL (a note with no successor yet)
		// keeps nothing.
		for _, k := range snapshotKeep {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+ident(k.table)+` WHERE NOT coalesce((`+k.keep+`), 0)`, sql.Named("m", m)); err != nil {
				return fmt.Errorf("%s: %w", k.table, err)
			}
		}
		// Unknown tables (another feature's, private until it says what a
		// municipality may see) and the merges' records (others' texts)
		// are emptied, children before parents.
		empty := []string{"staff_keys", "merge_kept", "merge_reports", "merge_ledger"}
		for i := len(tables) - 1; i >= 0; i-- {
			if !keep[tables[i].name] && tables[i].name != "staff_keys" {
				empty = append(empty, tables[i].name)
			}
		}
		for _, t := range empty {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+ident(t)); err != nil {
				return fmt.Errorf("%s: %w", t, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := c.purgeSearch(ctx); err != nil {
		return err
	}
	var pages, free int
	if err := c.write.QueryRowContext(ctx, `SELECT page_count, freelist_count FROM pragma_page_count, pragma_freelist_count`).Scan(&pages, &free); err != nil {
		return err
	}
	// Compacting rewrites the whole file: worth it when much was removed
	// or the file is small. (At scale 1, 郡山市's copy frees 18% and
	// compacting would add ten seconds.)
	if free > pages/4 || pages < 65536 {
		_, err = c.write.ExecContext(ctx, `VACUUM`)
	}
	return err
}

// purgeSearch merges the search index's segments, which drops what
// removed documents left in them.
func (db *DB) purgeSearch(ctx context.Context) error {
	var n int
	if err := db.write.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'search_fts'`).Scan(&n); err != nil || n == 0 {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO search_fts(search_fts) VALUES ('optimize')`)
		return err
	})
}
