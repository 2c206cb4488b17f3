package data_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// TestMergeRefuses checks that a merge refuses, with a keyed error and
// nothing changed, what it must not take in.
func TestMergeRefuses(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC))
	MustCreateReply(t, laptop, as(w.jiro), w.story.ID, "訓練中の返信です。", false)
	laptop.Close()
	dir := t.TempDir()

	other := newDrillWorld(t)
	foreign, _ := other.snapshot(t, "")

	damaged := filepath.Join(dir, "damaged.hiroba")
	copyFile(t, path, damaged)
	b, err := os.ReadFile(damaged)
	must(t, err)
	copy(b[4096:], bytes.Repeat([]byte{0xA5}, len(b)/2))
	must(t, os.WriteFile(damaged, b, 0o600))

	truncated := filepath.Join(dir, "truncated.hiroba")
	copyFile(t, path, truncated)
	must(t, os.Truncate(truncated, 3000))

	text := filepath.Join(dir, "memo.hiroba")
	must(t, os.WriteFile(text, []byte("訓練のメモ\n"), 0o600))

	newer := filepath.Join(dir, "newer.hiroba")
	copyFile(t, path, newer)
	n, err := data.Open(newer, data.Options{})
	must(t, err)
	MustExec(t, n, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future.sql', '2028-01-01T00:00:00.000Z')`, data.SchemaVersion()+1)
	n.Close()

	plain := filepath.Join(dir, "backup.db")
	must(t, w.db.Backup(w.op, plain))

	before := mustDump(t, w.db, everything)
	for _, c := range []struct{ name, path, key string }{
		{"Foreign", foreign, "err.merge.foreign"},
		{"Damaged", damaged, "err.merge.damaged"},
		{"Truncated", truncated, "err.merge.damaged"},
		{"NotSQLite", text, "err.merge.damaged"},
		{"NewerSchema", newer, "err.merge.schema"},
		{"NotACopy", plain, "err.merge.notcopy"},
		{"Missing", filepath.Join(dir, "nowhere.hiroba"), "err.merge.nofile"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, dry := range []bool{true, false} {
				_, err := w.db.Merge(w.op, c.path, model.MergeOptions{DryRun: dry})
				if errorKey(err) != c.key {
					t.Errorf("dry run %v: %v, want %s", dry, err, c.key)
				}
			}
		})
	}
	t.Run("ByAMember", func(t *testing.T) {
		_, err := w.db.Merge(as(w.jiro), path, model.MergeOptions{})
		if errorKey(err) != "err.drill.admin" {
			t.Errorf("%v", err)
		}
	})
	t.Run("IntoACopy", func(t *testing.T) {
		laptop := openLaptop(t, path, time.Date(2027, 1, 21, 0, 0, 0, 0, time.UTC))
		_, err := laptop.Merge(w.op, path, model.MergeOptions{})
		if errorKey(err) != "err.merge.intocopy" {
			t.Errorf("%v", err)
		}
	})
	if after := mustDump(t, w.db, everything); after != before {
		t.Error("a refused merge changed the database")
	}
	// The refusals left the copy as it was: it still merges.
	report, err := w.db.Merge(w.op, path, model.MergeOptions{})
	if err != nil || report.Table("replies").Added != 1 {
		t.Errorf("after the refusals: %+v %v", report, err)
	}
}

// TestMergeBaseWithoutAColumn merges a copy whose recorded base rows lack
// a column, as after a migration that added one between the snapshot and
// the merge: the missing value reads as the working copy's, so that the
// laptop is not taken to have changed it.
func TestMergeBaseWithoutAColumn(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC))
	story := *w.story
	story.Body = "訓練で分かった初動: まず鍵。"
	must(t, laptop.UpdateThread(as(w.ichiro), &story))
	MustExec(t, laptop, `UPDATE drill_base_rows SET row = json_remove(row, '$.pinned') WHERE tbl = 'threads'`)
	laptop.Close()
	must(t, w.db.SetPinned(as(w.hanako), w.story.ID, true))

	report, err := w.db.Merge(w.op, path, model.MergeOptions{})
	must(t, err)
	if got := report.Table("threads"); got.Updated != 1 || got.Conflicts != 0 || got.SetAside != 0 {
		t.Errorf("threads %+v %+v", got, report.Items)
	}
	th, err := w.db.ThreadByID(as(w.jiro), w.story.ID)
	must(t, err)
	if !th.Pinned || th.Body != story.Body {
		t.Errorf("pinned %v, body %q", th.Pinned, th.Body)
	}
}

// TestMergeCleansText merges a copy whose file was edited by other means
// than hiroba, with an escape sequence in a reply: it arrives clean.
func TestMergeCleansText(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC))
	r := MustCreateReply(t, laptop, as(w.jiro), w.story.ID, "訓練の記録", false)
	MustExec(t, laptop, `UPDATE replies SET body = ? WHERE id = ?`, "訓練の記録\x1b]0;title\x07\x1b[2J", r.ID)
	laptop.Close()
	_, err := w.db.Merge(w.op, path, model.MergeOptions{})
	must(t, err)
	replies, err := w.db.Replies(as(w.hanako), w.story.ID, 0, 0)
	must(t, err)
	for _, got := range replies {
		if got.ID == r.ID && got.Body != model.CleanText(got.Body) {
			t.Errorf("merged body %q", got.Body)
		}
	}
	if len(replies) != 2 {
		t.Errorf("%d replies", len(replies))
	}
}
