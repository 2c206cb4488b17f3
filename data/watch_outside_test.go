package data_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/model"
)

// TestChangesByOtherPrograms: a row another program writes into a table
// that others see counts as a change for the running screens (they read
// Changes every LiveInterval), while a draft or a read mark it writes
// does not.
func TestChangesByOtherPrograms(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "outside.db")
	db := datatest.OpenNew(t, path, data.Options{})
	staff := MustCreateStaff(t, db, "佐藤 一郎", koriyama, "総務部 人事課")
	c := MustCreateCommunity(t, db, as(staff), "庶務担当者同士", model.CategoryLearning, "", model.VisibilityOpen)
	settle := func() uint64 {
		db.LookNow() // Changes reads the counter at most every 150 ms
		return db.Changes()
	}
	for _, c := range []struct {
		what, query string
		wakes       bool
	}{
		{"a community renamed", fmt.Sprintf(`UPDATE communities SET name = '庶務担当者同士 (改)' WHERE id = '%s'`, c.ID), true},
		{"an event added", fmt.Sprintf(`INSERT INTO events (id, uid, community_id, title, starts_at, ends_at, organiser_id, created_by, created_at, updated_at)
			VALUES ('01SCRIPT', 'script@example.jp', '%s', '庶務の勉強会', '2027-01-20T06:00:00.000Z', '2027-01-20T07:00:00.000Z', '%s', '%s', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')`,
			c.ID, staff.ID, staff.ID), true},
		{"a draft", fmt.Sprintf(`INSERT INTO drafts (staff_id, context, body, meta, updated_at) VALUES ('%s', 'reply:x', '書きかけ', '{}', '2026-12-01T00:00:00.000Z')`, staff.ID), false},
		{"a read mark", fmt.Sprintf(`INSERT INTO read_marks (staff_id, target_id, read_at) VALUES ('%s', '01NOTHREAD', '2026-12-01T00:00:00.000Z')`, staff.ID), false},
	} {
		before := settle()
		datatest.WriteOutside(t, path, c.query)
		if woke := settle() != before; woke != c.wakes {
			t.Errorf("%s: counted as a change %v, want %v", c.what, woke, c.wakes)
		}
	}
	os, err := db.Occurrences(model.WithViewer(context.Background(), staff.ID), jst(2027, 1, 1, 0, 0), jst(2027, 2, 1, 0, 0), "")
	if err != nil || len(os) != 1 || os[0].Event.Title != "庶務の勉強会" {
		t.Fatalf("the calendar misses the event another program wrote: %v %v", os, err)
	}
}
