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

// Another program's database, in rollback or WAL mode as SQLite leaves
// it after a clean close, is refused and left as it was, with no journal,
// WAL or shared-memory file beside it: Open reads it through the
// connection it would write with, and the interface's reader made at once
// (ReadSoon), which must change nothing before it knows the file is
// hiroba's.
func TestOpenLeavesAForeignFileAlone(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"DELETE", "WAL"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "other.sqlite")
		conn, err := sql.Open("sqlite3", path+"?_journal_mode="+mode)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec(`CREATE TABLE 名簿 (氏名 TEXT); INSERT INTO 名簿 VALUES ('山田')`); err != nil {
			t.Fatal(err)
		}
		conn.Close()
		before, _ := os.ReadFile(path)
		if wal := before[18] == 2 && before[19] == 2; wal != (mode == "WAL") {
			t.Fatalf("%s: the file's header says %d %d", mode, before[18], before[19])
		}
		for _, opt := range []data.Options{{}, {ReadSoon: true}} {
			_, err = data.Open(path, opt)
			if model.ErrorCode(err) != model.EUNSUPPORTED || !strings.Contains(err.Error(), path) {
				t.Fatalf("%s %+v: err %v, want unsupported naming the file", mode, opt, err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Fatalf("%s %+v: the foreign database was changed", mode, opt)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Fatalf("%s %+v: files beside it: %v", mode, opt, names)
			}
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
