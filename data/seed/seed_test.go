package seed_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/data/seed"
	"hiroba/model"
)

// now is a fixed clock, so the tests do not depend on the day they run.
var now = time.Date(2025, 11, 20, 3, 0, 0, 0, time.UTC)

func mustOpenDB(tb testing.TB) *data.DB {
	tb.Helper()
	return datatest.OpenNew(tb, filepath.Join(tb.TempDir(), "hiroba.db"), data.Options{Now: func() time.Time { return now }})
}

// demoAtNow opens, for a test, a copy of a database that seed.Demo filled
// at now once for the test binary; demoSignIn is the staff member Demo
// returned. Seeding the demo is a tenth of a second, and three tests
// look at the demo of that day.
var (
	demoSignIn string
	demoAtNow  = datatest.Template(data.Options{Now: func() time.Time { return now }}, func(db *data.DB) (err error) {
		demoSignIn, err = seed.Demo(context.Background(), db, now)
		return err
	})
)

// mustOpenDemo opens a copy of the demo seeded at now and returns it with
// the staff member the demo signs in.
func mustOpenDemo(tb testing.TB) (*data.DB, string) {
	tb.Helper()
	db := demoAtNow(tb, filepath.Join(tb.TempDir(), "hiroba.db"), data.Options{Now: func() time.Time { return now }})
	return db, demoSignIn
}

func mustCounts(tb testing.TB, db *data.DB) map[string]int {
	tb.Helper()
	c, err := seed.Counts(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func checkNoMismatches(t *testing.T, db *data.DB) {
	t.Helper()
	m, err := seed.Mismatches(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for name, n := range m {
		if n != 0 {
			t.Errorf("%s: %d rows disagree", name, n)
		}
	}
}

func TestDemo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, id := mustOpenDemo(t)
	if !model.ValidID(id) {
		t.Fatalf("sign-in id %q", id)
	}
	c := mustCounts(t, db)

	t.Run("Minimums", func(t *testing.T) {
		atLeast := map[string]int{
			"staff": 30, "staff.municipalities": 6,
			"communities": 12, "communities.categories": 6, "communities.municipalities": 6,
			"communities.area": 1, "communities.members_only": 1,
			"threads": 40, "threads.kinds": 5, "threads.anonymous": 3, "threads.resolved": 5,
			"threads.calls": 2, "call_applications": 3, "idea_team": 3, "helpful_marks": 20, "follows": 40,
			"handovers": 8, "handovers.statuses": 3, "handover_sections": 48, "handover_revisions": 8,
			"events": 20, "events.third_wednesday": 1, "events.yearly": 1, "events.online": 1, "events.hybrid": 1,
			"events.with_capacity": 3, "rsvps": 10,
		}
		for name, min := range atLeast {
			if c[name] < min {
				t.Errorf("%s = %d, want at least %d", name, c[name], min)
			}
		}
		if c["threads.calls_complete"] != c["threads.calls"] {
			t.Errorf("%d of %d calls lack support type, slots, deadline or place", c["threads.calls"]-c["threads.calls_complete"], c["threads.calls"])
		}
		if c["handover_sections"] != 6*c["handovers"] || c["handover_sections.short"] != 0 {
			t.Errorf("sections %d for %d notes, %d too short", c["handover_sections"], c["handovers"], c["handover_sections.short"])
		}
		if c["threads.with_2_to_8_replies"]*10 < c["threads"]*8 {
			t.Errorf("only %d of %d threads have 2-8 replies", c["threads.with_2_to_8_replies"], c["threads"])
		}
	})
	t.Run("Consistent", func(t *testing.T) { checkNoMismatches(t, db) })

	// The 相談 badge counts what the list of unread threads holds, for
	// every staff member of the demo: the rule is written once.
	t.Run("UnreadCountIsTheList", func(t *testing.T) {
		staff, err := db.FindStaff(ctx, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		some := 0
		for _, s := range staff {
			as := model.WithViewer(ctx, s.ID)
			_, listed, err := db.FindThreads(as, model.ThreadFilter{Unread: true})
			if err != nil {
				t.Fatal(err)
			}
			n, err := db.UnreadCount(as)
			if err != nil {
				t.Fatal(err)
			}
			if n != listed {
				t.Errorf("%s: the badge says %d, the list has %d", s.Name, n, listed)
			}
			if n > 0 {
				some++
			}
		}
		if some < 5 {
			t.Fatalf("only %d staff have unread threads: the demo shows nothing", some)
		}
	})

	t.Run("ErrNotEmpty", func(t *testing.T) {
		_, err := seed.Demo(ctx, db, now)
		if model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("err %v, want conflict", err)
		}
		if !strings.Contains(model.ErrorMessage(err), db.Path) {
			t.Errorf("message %q does not name %s", model.ErrorMessage(err), db.Path)
		}
		after := mustCounts(t, db)
		for name, n := range c {
			if after[name] != n {
				t.Errorf("%s changed from %d to %d", name, n, after[name])
			}
		}
		if err := seed.Scale(ctx, db, 0.001, now, nil); model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("Scale on demo data: err %v, want conflict", err)
		}
	})
}

// TestDemoNamesAreFictional checks that no demo staff member has the name
// of a person in the seed documents, which name real staff.
func TestDemoNamesAreFictional(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no seed documents in %s to compare with", dir)
	}
	var text strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
	}
	seeds := text.String()
	names := append(seed.DemoStaffNames(), seed.ScaleStaffNames()...)
	for _, name := range names {
		family, given, _ := strings.Cut(name, " ")
		for _, form := range []string{name, family + given, family + "　" + given} {
			if strings.Contains(seeds, form) {
				t.Errorf("%q appears in the seed documents", form)
			}
		}
	}
}

func TestScale(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mustOpenDB(t)
	const n = 0.002
	var stages []string
	var printed strings.Builder
	say := seed.PrintProgress(&printed)
	err := seed.Scale(ctx, db, n, now, func(stage string, done, total int) {
		say(stage, done, total)
		if done == total {
			stages = append(stages, stage)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	c := mustCounts(t, db)
	want := map[string]int{
		"municipalities": 20, "staff": 16, "communities": 2, "threads": 200, "replies": 2000,
		"handovers": 40, "handover_sections": 240, "handover_revisions": 40, "events": 100,
		// 60,000 × 0.002 = 120, but 2 communities of 16 staff hold at most 32.
		"memberships": 32,
	}
	for name, n := range want {
		if c[name] != n {
			t.Errorf("%s = %d, want %d", name, c[name], n)
		}
	}
	for name, n := range seed.ScaleSizes(n) {
		if c[name] != n {
			t.Errorf("%s = %d, ScaleSizes says %d", name, c[name], n)
		}
	}
	if c["threads.max_replies"] != 300 {
		t.Errorf("longest thread has %d replies, want 300", c["threads.max_replies"])
	}
	if c["threads.kinds"] != 5 || c["threads.resolved"] == 0 || c["handovers.statuses"] != 3 || c["events.recurring"] != 5 {
		t.Errorf("counts %v", c)
	}
	if len(stages) < 6 {
		t.Errorf("progress reported the end of %v only", stages)
	}
	checkNoMismatches(t, db)

	t.Run("PrintProgress", func(t *testing.T) { checkPrinted(t, printed.String()) })
	t.Run("Sizes", func(t *testing.T) {
		got := seed.ScaleSizes(1)
		for name, n := range map[string]int{"staff": 8000, "communities": 1000, "memberships": 60000, "threads": 100000,
			"replies": 1000000, "handovers": 20000, "handover_sections": 120000, "events": 50000} {
			if got[name] != n {
				t.Errorf("ScaleSizes(1)[%s] = %d, want %d", name, got[name], n)
			}
		}
		if s := seed.ScaleSizes(0.00001); s["staff"] != 1 || s["threads"] != 1 {
			t.Errorf("tiny sizes %v", s)
		}
	})
	t.Run("ErrNotEmpty", func(t *testing.T) {
		if err := seed.Scale(ctx, db, n, now, nil); model.ErrorCode(err) != model.ECONFLICT {
			t.Fatalf("err %v, want conflict", err)
		}
		if after := mustCounts(t, db); after["threads"] != c["threads"] || after["municipalities"] != 20 {
			t.Fatalf("second run changed the data: %v", after)
		}
	})
	t.Run("ErrInvalidSize", func(t *testing.T) {
		if err := seed.Scale(ctx, mustOpenDB(t), 0, now, nil); model.ErrorCode(err) != model.EINVALID {
			t.Fatalf("err %v, want invalid", err)
		}
	})
}

// checkPrinted: the seed command's progress (seed.PrintProgress, here
// what it printed of TestScale's run) says each stage as it begins and
// ends, search indexing last, with percentages, and a stage's tenths once
// each.
func checkPrinted(t *testing.T, printed string) {
	lines := strings.Split(strings.TrimSpace(printed), "\n")
	seen := map[string]bool{}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) != 4 || !strings.HasSuffix(f[1], "%") || !strings.HasSuffix(f[3], "秒") {
			t.Fatalf("line %q", l)
		}
		if seen[f[0]+f[1]] {
			t.Fatalf("%s %s said twice:\n%s", f[0], f[1], printed)
		}
		seen[f[0]+f[1]] = true
	}
	for _, want := range []string{"職員0%", "返信100%", seed.StageIndex + "100%"} {
		if !seen[want] {
			t.Errorf("no line for %s:\n%s", want, printed)
		}
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, seed.StageIndex+" 100%") {
		t.Errorf("last line %q", last)
	}
}

// TestScaleStoppedHalfway: a generator stopped halfway leaves a file that
// Open refuses, saying that it is to be made again, and nothing beside it.
func TestScaleStoppedHalfway(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "half.db")
	db := datatest.OpenNew(t, path, data.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	err := seed.Scale(ctx, db, 0.002, now, func(stage string, done, total int) {
		if stage == "返信" && done > 0 {
			cancel()
		}
	})
	if err == nil {
		t.Fatal("a cancelled generator finished")
	}
	db.Close()
	_, err = data.Open(path, data.Options{})
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "err.db.load_unfinished" || !strings.Contains(e.Message, path) {
		t.Fatalf("err %#v, want err.db.load_unfinished naming the file", err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 1 {
		t.Fatalf("files left: %v", files)
	}
}
