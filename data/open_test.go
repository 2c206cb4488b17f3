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

// Another program's database in WAL mode, as SQLite leaves it after a
// clean close, is refused and left as it was, with no WAL or shared-memory
// file beside it: Open reads it through the connection it would write
// with, which must change nothing before it knows the file is hiroba's.
func TestOpenLeavesAForeignWALFileAlone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "other.sqlite")
	conn, err := sql.Open("sqlite3", path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`CREATE TABLE 名簿 (氏名 TEXT); INSERT INTO 名簿 VALUES ('山田')`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	before, _ := os.ReadFile(path)
	if before[18] != 2 || before[19] != 2 {
		t.Fatalf("the file is not in WAL mode (header %d %d)", before[18], before[19])
	}
	// Also as the interface opens it, with a reader made at once.
	for _, opt := range []data.Options{{}, {ReadSoon: true}} {
		_, err = data.Open(path, opt)
		if model.ErrorCode(err) != model.EUNSUPPORTED || !strings.Contains(err.Error(), path) {
			t.Fatalf("%+v: err %v, want unsupported naming the file", opt, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Fatalf("%+v: the foreign database was changed", opt)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("%+v: files beside it: %v", opt, names)
		}
	}
}

// BenchmarkOpenExisting opens a migrated file that exists, reads once
// and closes it: what every start of the program and every test's file
// pays before anything is shown.
//
//	go test -run '^$' -bench 'OpenExisting$' -benchtime 200x ./data
func BenchmarkOpenExisting(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "hiroba.db")
	datatest.OpenNew(b, path, data.Options{}).Close()
	b.ResetTimer()
	for range b.N {
		db, err := data.Open(path, data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Version(context.Background()); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
