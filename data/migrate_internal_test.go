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
	for v := 1; v < SchemaVersion(); v++ {
		path := filepath.Join(t.TempDir(), "old.db")
		old := &DB{Path: path, Now: time.Now}
		var err error
		if old.write, err = sql.Open("sqlite3", old.dsn(false)); err != nil {
			t.Fatal(err)
		}
		if err := old.migrateTo(ctx, v); err != nil {
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
