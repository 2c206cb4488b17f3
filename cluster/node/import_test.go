package node_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/model"
)

// A cluster starts from a hiroba file: every row people wrote is there,
// search finds what it found in the file, and a second import is refused.
func TestImportFromAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "city.db")
	file, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Scale(context.Background(), file, 0.002, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	staff, err := file.FindStaff(context.Background(), 0, 1)
	if err != nil || len(staff) == 0 {
		t.Fatal("no staff", err)
	}
	ctx := model.WithViewer(context.Background(), staff[0].ID)
	want, err := file.Search(ctx, "申請", 20)
	if err != nil || len(want) == 0 {
		t.Fatal("the file finds nothing to compare", err)
	}
	file.Close()

	c := startCluster(t, 3)
	cl := c.client()
	got, err := cl.Import(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := c.dbs[1].Backup(context.Background(), copyPath); err != nil {
		t.Fatal(err)
	}
	for _, table := range got.Tables {
		if a, b := rowsOf(t, path, table), rowsOf(t, copyPath, table); a != b || a != got.Rows[table] {
			t.Errorf("%s: %d rows in the file, %d imported, %d in the cluster", table, a, got.Rows[table], b)
		}
	}
	found, err := c.dbs[2].Search(ctx, "申請", 20)
	if err != nil || len(found) != len(want) || found[0].ID != want[0].ID {
		t.Errorf("search through the cluster: %d results (the file: %d), %v", len(found), len(want), err)
	}
	var e *model.Error
	if _, err := cl.Import(context.Background(), path); !errors.As(err, &e) || e.Key != "err.cluster.import_not_empty" {
		t.Errorf("a second import: %v", err)
	}
}

func rowsOf(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM "` + table + `"`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
