package data_test

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/model"
)

// searchWords are the words of BenchmarkSearch: common (確認 is in about a
// third of all posts), middling, rare, a one-character prefix (税) and a
// phrase (本人確認), Latin and katakana.
var searchWords = []string{"確認", "庶務", "育休", "予算", "税", "本人確認", "議会", "猪苗", "鏡石", "LoGoチャット"}

// TestSearchResultsUnchangedOnGeneratedData: on a database the generator
// made (its index built beside it while it wrote), every word finds
// the same results in the same order as reading every match of the
// whole index did, though a search now stops at the newest buckets that
// hold its candidates; and an index built again row by row, the way the
// program indexes what people write, finds the same as the one the
// generator built.
func TestSearchResultsUnchangedOnGeneratedData(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a database; not with -short")
	}
	defer data.SetSearchBucketBits(8)() // 256 documents a bucket: 25 buckets
	dir := t.TempDir()
	path := filepath.Join(dir, "scale.db")
	db, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Scale(context.Background(), db, 0.005, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), nil); err != nil {
		t.Fatal(err)
	}
	staff, err := db.FindStaff(context.Background(), 0, 1)
	if err != nil || len(staff) == 0 {
		t.Fatal("no staff", err)
	}
	ctx := model.WithViewer(context.Background(), staff[0].ID)
	bulk := map[string][]model.SearchResult{}
	many := 0
	for _, q := range searchWords {
		rs := mustSearch(t, db, ctx, q)
		all, err := data.SearchExhaustive(db, ctx, q, 50)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rs, all) {
			t.Errorf("%s: buckets found %s\nthe whole index %s", q, found(rs), found(all))
		}
		ids, err := data.SearchCandidateIDs(db, ctx, q, false)
		if err != nil {
			t.Fatal(err)
		}
		allIDs, err := data.SearchCandidateIDs(db, ctx, q, true)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ids, allIDs) {
			t.Errorf("%s: %d candidates from the buckets, %d from the whole index", q, len(ids), len(allIDs))
		}
		if len(rs) == 50 {
			many++
		}
		bulk[q] = rs
	}
	if many < 3 {
		t.Fatalf("only %d words fill a page: the test shows nothing", many)
	}
	db.Close()

	// The same file, its index dropped and every document queued again in
	// the order it was indexed.
	again := filepath.Join(dir, "again.db")
	copyFile(t, path, again)
	raw, err := sql.Open("sqlite3", again)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM search_fts_segments; DELETE FROM search_fts_segdir;
		INSERT INTO search_pending (kind, ref_id) SELECT kind, ref_id FROM search_docs ORDER BY docid;
		DELETE FROM search_docs; UPDATE change_counters SET n = 0 WHERE name = 'search_docid'`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = data.Open(again, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range searchWords {
		if rs := mustSearch(t, db, ctx, q); !reflect.DeepEqual(rs, bulk[q]) {
			t.Errorf("%s: indexed row by row %s\nby the generator %s", q, found(rs), found(bulk[q]))
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
