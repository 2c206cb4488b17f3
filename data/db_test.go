package data_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// MustOpenDB opens a new database in a temporary folder and closes it when
// the test ends.
func MustOpenDB(tb testing.TB) *data.DB {
	tb.Helper()
	db, err := data.Open(filepath.Join(tb.TempDir(), "hiroba.db"), data.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestOpen(t *testing.T) {
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
}
