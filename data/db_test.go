package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/model"
)

// MustOpenDB opens a new database in a temporary folder and closes it when
// the test ends: a copy of one migrated once (datatest.OpenNew). TestOpen
// migrates new files itself.
func MustOpenDB(tb testing.TB) *data.DB {
	tb.Helper()
	if *commitFaults {
		db, _ := openFaulty(tb, filepath.Join(tb.TempDir(), "hiroba.db"))
		return db
	}
	return datatest.OpenNew(tb, filepath.Join(tb.TempDir(), "hiroba.db"), data.Options{})
}

func TestOpen(t *testing.T) {
	t.Parallel()
	t.Run("NewFileIsMigrated", func(t *testing.T) {
		db := MustOpenDB(t)
		v, err := db.Version(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if v != data.SchemaVersion() || v < 1 {
			t.Fatalf("version %d, want %d", v, data.SchemaVersion())
		}
		lines, err := db.IntegrityCheck(context.Background())
		if err != nil || len(lines) != 1 || lines[0] != "ok" {
			t.Fatalf("integrity %v %v", lines, err)
		}
	})
	t.Run("ErrNotSQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		content := []byte("これは SQLite ではありません\n")
		os.WriteFile(path, content, 0o600)
		_, err := data.Open(path, data.Options{})
		if model.ErrorCode(err) != model.ECORRUPT {
			t.Fatalf("err %v, want corrupt", err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
			t.Fatal("file was changed")
		}
	})
	t.Run("ErrNewerSchema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "newer.db")
		db, err := data.Open(path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		// A later hiroba recorded a migration this one does not know.
		err = db.Bulk(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', '2030-01-01T00:00:00.000Z')`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		before, _ := os.ReadFile(path)
		_, err = data.Open(path, data.Options{})
		if model.ErrorCode(err) != model.EUNSUPPORTED || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "99") {
			t.Fatalf("err %v, want unsupported naming the file and version", err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Fatal("the newer database was changed")
		}
	})
	t.Run("ReadOnly", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ro.db")
		db, err := data.Open(path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		ro, err := data.Open(path, data.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		if !ro.ReadOnly {
			t.Fatal("not marked read-only")
		}
		ctx := model.WithViewer(context.Background(), "")
		err = ro.CreateStaff(ctx, &model.Staff{Name: "佐藤 一郎", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "総務課"})
		if model.ErrorCode(err) != model.EREADONLY {
			t.Fatalf("write on a read-only database: %v", err)
		}
		if _, err := ro.Municipalities(ctx); err != nil {
			t.Fatalf("read on a read-only database: %v", err)
		}
	})
}
