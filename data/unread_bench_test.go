package data_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/data/seed"
	"hiroba/model"
)

// unreadCountBefore is UnreadCount's query before each side of its union
// stopped at the cap: the same count, reading every thread of the
// viewer's communities.
const unreadCountBefore = `SELECT count(*) FROM (
		SELECT p.id FROM memberships m
		JOIN threads p ON p.community_id = m.community_id AND p.hidden = 0 AND p.last_activity_at > m.joined_at
		WHERE m.staff_id = @viewer AND p.last_activity_at > coalesce(
			(SELECT rm.read_at FROM read_marks rm WHERE rm.staff_id = @viewer AND rm.target_id = p.id),
			(SELECT uf.created_at FROM follows uf WHERE uf.staff_id = @viewer AND uf.thread_id = p.id),
			m.joined_at)
		UNION
		SELECT p.id FROM follows f
		JOIN threads p ON p.id = f.thread_id AND p.hidden = 0
		JOIN communities c ON c.id = p.community_id
		WHERE f.staff_id = @viewer AND (c.visibility = 'open' OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.community_id = c.id AND vm.staff_id = @viewer))
		AND p.last_activity_at > coalesce(
			(SELECT rm.read_at FROM read_marks rm WHERE rm.staff_id = @viewer AND rm.target_id = p.id), f.created_at)
		LIMIT @cap)`

// TestUnreadCountIsTheListing: on generated data, for staff with few and
// with more than model.MaxUnreadCount unread threads, some of them read,
// the 相談 badge counts what the listing of unread threads holds (up to
// the cap), as the query before it did.
func TestUnreadCountIsTheListing(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("generates 1,200 threads; not with -short")
	}
	db := datatest.OpenNew(t, filepath.Join(t.TempDir(), "scale.db"), data.Options{})
	if err := seed.Scale(context.Background(), db, 0.012, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), nil); err != nil {
		t.Fatal(err)
	}
	staff, err := db.FindStaff(context.Background(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The first follows every thread, from long ago: more unread threads
	// than the badge counts (1,200 threads, some members-only).
	err = db.Bulk(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT OR IGNORE INTO follows (staff_id, thread_id, created_at)
			SELECT ?, id, '2000-01-01T00:00:00.000Z' FROM threads`, staff[0].ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	capped := 0
	for i, s := range staff {
		if i%10 != 0 {
			continue
		}
		ctx := model.WithViewer(context.Background(), s.ID)
		list, total, err := db.FindThreads(ctx, model.ThreadFilter{Unread: true, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		// Read some, so that read marks count too.
		for _, th := range list[:min(len(list), i%3)] {
			if err := db.MarkRead(ctx, th.ID); err != nil {
				t.Fatal(err)
			}
			total--
		}
		n, err := db.UnreadCount(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before, err := data.CountAs(db, ctx, unreadCountBefore)
		if err != nil {
			t.Fatal(err)
		}
		if want := min(total, model.MaxUnreadCount+1); n != want || before != want {
			t.Errorf("%s: badge %d (before %d), the listing has %d unread", s.Name, n, before, total)
		}
		if n > model.MaxUnreadCount {
			capped++
		}
	}
	if capped == 0 {
		t.Fatal("nobody has more unread threads than the badge counts: the test shows nothing of the cap")
	}
}

// BenchmarkUnreadCount measures the 相談 badge at the benchmark scale for
// the first staff member (the viewer of the ui's benchmarks) and, in the
// same run, interleaved, the query before it (unreadCountBefore),
// reporting the medians and 95th percentiles in milliseconds and the
// ratio of the medians (x-before: now to before).
func BenchmarkUnreadCount(b *testing.B) {
	db, ctx := searchBenchDB(b)
	reportInterleaved(b, func() {
		if _, err := db.UnreadCount(ctx); err != nil {
			b.Fatal(err)
		}
	}, func() {
		if _, err := data.CountAs(db, ctx, unreadCountBefore); err != nil {
			b.Fatal(err)
		}
	}, "before-")
}
