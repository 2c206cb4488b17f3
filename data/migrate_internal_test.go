package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// TestUpgradeFromEveryVersion makes a database at each earlier schema
// version, fills it, and opens it with this hiroba: it must migrate to the
// newest version with every row intact.
func TestUpgradeFromEveryVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if SchemaVersion() < 2 {
		t.Fatal("expected at least two migrations to upgrade between")
	}
	// One file goes up a version at a time, and a copy of it at each
	// version is filled and upgraded: making each version anew from the
	// first migration cost twice the CPU.
	steps := &DB{Path: filepath.Join(t.TempDir(), "steps.db"), Now: time.Now}
	var err error
	if steps.write, err = sql.Open("sqlite3", steps.dsn(false)); err != nil {
		t.Fatal(err)
	}
	defer steps.write.Close()
	for v := 1; v < SchemaVersion(); v++ {
		if err := steps.migrateTo(ctx, v); err != nil {
			t.Fatal(err)
		}
		if testing.Short() && v > 1 && v < SchemaVersion()-1 {
			// -short upgrades from the first version, through every
			// migration, and from the one before the newest; the full
			// run from each.
			continue
		}
		path := filepath.Join(t.TempDir(), "old.db")
		if _, err := steps.write.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
			t.Fatal(err)
		}
		old := &DB{Path: path, Now: time.Now}
		if old.write, err = sql.Open("sqlite3", old.dsn(false)); err != nil {
			t.Fatal(err)
		}
		// Rows as every version since 1 can hold them.
		now := fmtTime(time.Now())
		err = old.writeTx(ctx, func(tx *sql.Tx) error {
			for _, q := range []string{
				`INSERT INTO staff (id, name, municipality_id, department, created_at) VALUES ('S1', '阿部 真理子', '01KOORIYAMA0000000000MUN01', '総務課', '` + now + `')`,
				`INSERT INTO communities (id, name, category, created_by, created_at, updated_at, last_activity_at, member_count, description) VALUES ('C1', '庶務担当者の会', 'learning', 'S1', '` + now + `', '` + now + `', '` + now + `', 1, '説明')`,
				`INSERT INTO memberships (community_id, staff_id, role, joined_at) VALUES ('C1', 'S1', 'organiser', '` + now + `')`,
				`INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, updated_at, last_activity_at) VALUES ('T1', 'C1', 'question', '勤怠の締め', '本文', 'S1', '` + now + `', '` + now + `', '` + now + `')`,
			} {
				if _, err := tx.Exec(q); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("version %d: %v", v, err)
		}
		old.write.Close()

		db, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("opening version %d: %v", v, err)
		}
		got, err := db.Version(ctx)
		if err != nil || got != SchemaVersion() {
			t.Fatalf("from %d: version %d %v", v, got, err)
		}
		var title, name string
		err = db.read.QueryRow(`SELECT t.title, s.name FROM threads t JOIN staff s ON s.id = t.author_id JOIN memberships m ON m.staff_id = s.id WHERE t.id = 'T1'`).Scan(&title, &name)
		if err != nil || title != "勤怠の締め" || name != "阿部 真理子" {
			t.Fatalf("from %d: rows lost: %q %q %v", v, title, name, err)
		}
		db.Close()
	}
}

// Migration 15 writes plan_events anew for its new kind 'cancel': a
// plan's history, in its order, its index and its change triggers are
// there after it, and the old table is gone.
func TestPlanHistoryKeptThroughItsRebuild(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	old := oldFile(t, 14)
	path := old.Path
	now := fmtTime(time.Now())
	for _, q := range []string{
		`INSERT INTO staff (id, name, municipality_id, department, created_at) VALUES ('S1', '阿部 真理子', '01KOORIYAMA0000000000MUN01', '総務課', '` + now + `')`,
		`INSERT INTO plans (id, staff_id, municipality_id, department, state, target_kind, title, category, purpose, start_date, end_date, minutes, created_at, updated_at)
			VALUES ('P1', 'S1', '01KOORIYAMA0000000000MUN01', '総務課', 'submitted', 'free', '研修', 'other', '学ぶため', '2027-04-12', '2027-04-12', 60, '` + now + `', '` + now + `')`,
		`INSERT INTO plan_events (id, plan_id, actor_id, kind, created_at) VALUES ('E2', 'P1', 'S1', 'create', '` + now + `')`,
		`INSERT INTO plan_events (id, plan_id, actor_id, kind, created_at) VALUES ('E1', 'P1', 'S1', 'submit', '` + now + `')`,
	} {
		if _, err := old.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	old.write.Close()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var steps, objects string
	if err := db.read.QueryRow(`SELECT group_concat(kind, ',') FROM (SELECT kind FROM plan_events WHERE plan_id = 'P1' ORDER BY created_at, rowid)`).Scan(&steps); err != nil || steps != "create,submit" {
		t.Fatalf("history %q %v, want create,submit in their order", steps, err)
	}
	if err := db.read.QueryRow(`SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master
		WHERE tbl_name LIKE 'plan_events%' AND type IN ('index', 'trigger', 'table') AND name NOT LIKE 'sqlite_%' ORDER BY name)`).Scan(&objects); err != nil {
		t.Fatal(err)
	}
	if objects != "plan_events plan_events_by_plan plan_events_cancelled plan_events_public_delete plan_events_public_insert plan_events_public_update" {
		t.Fatalf("schema objects of plan_events: %s", objects)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO plan_events (id, plan_id, kind, created_at) VALUES ('E3', 'P1', 'cancel', ?)`, now); err != nil {
		t.Fatalf("a cancel step is refused: %v", err)
	}
}

// oldFile makes a file in a temporary folder migrated up to version, as
// a hiroba of that version left it, and returns its writer, which the
// caller closes.
func oldFile(t *testing.T, version int) *DB {
	t.Helper()
	old := &DB{Path: filepath.Join(t.TempDir(), "old.db"), Now: time.Now}
	var err error
	if old.write, err = sql.Open("sqlite3", old.dsn(false)); err != nil {
		t.Fatal(err)
	}
	if err := old.migrateTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
	return old
}
