package seed_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/data/seed"
	"hiroba/model"
)

// A demo made before is made anew by ResetDemo: what was written in it
// is gone; a database that is no demo is refused and left as it was.
func TestResetDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	dir := t.TempDir()

	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(dir, "demo.db")
		if err := seed.ResetDemo(ctx, path, now); err != nil { // no file yet
			t.Fatal(err)
		}
		db, err := data.Open(path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		aoi, err := seed.DemoSignIn(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if demo, err := db.IsDemo(ctx); err != nil || !demo {
			t.Fatalf("IsDemo %v %v", demo, err)
		}
		coms, _, err := db.FindCommunities(model.WithViewer(ctx, aoi), model.CommunityFilter{})
		if err != nil || len(coms) == 0 {
			t.Fatal(coms, err)
		}
		th := &model.Thread{CommunityID: coms[0].ID, Kind: model.KindQuestion, Title: "研修で試しに書いた質問", Body: "消えるはず"}
		if err := db.CreateThread(model.WithViewer(ctx, aoi), th); err != nil {
			t.Fatal(err)
		}
		db.Close()

		if err := seed.ResetDemo(ctx, path, now); err != nil {
			t.Fatal(err)
		}
		db, err = data.Open(path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if aoi, err = seed.DemoSignIn(ctx, db); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ThreadByID(model.WithViewer(ctx, aoi), th.ID); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("the trainee's thread survived the reset: %v", err)
		}
	})
	t.Run("ErrNotADemo", func(t *testing.T) {
		path := filepath.Join(dir, "real.db")
		db := datatest.OpenNew(t, path, data.Options{})
		if err := db.CreateStaff(ctx, &model.Staff{Name: "職員 一", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "総務課"}); err != nil {
			t.Fatal(err)
		}
		db.Close()
		before, _ := os.ReadFile(path)
		if err := seed.ResetDemo(ctx, path, now); model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("a real database: %v", err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatal("the real database was changed")
		}
	})
}
