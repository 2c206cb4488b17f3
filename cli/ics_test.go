package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/model"
)

// icsDB makes a database with an organiser of one open community, and
// returns its path, the organiser's name and the community's id.
func icsDB(t *testing.T) (path, organiser, community string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "hiroba.db")
	db := datatest.OpenNew(t, path, data.Options{})
	defer db.Close()
	ctx := context.Background()
	s := &model.Staff{Name: "安積 花子", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "政策開発課"}
	if err := db.CreateStaff(ctx, s); err != nil {
		t.Fatal(err)
	}
	c := &model.Community{Name: "聞きにくいことを聞ける場所", Category: model.CategoryConsultation, Visibility: model.VisibilityOpen,
		Description: "知っててあたりまえのことでも聞ける場所です。"}
	if err := db.CreateCommunity(model.WithViewer(ctx, s.ID), c); err != nil {
		t.Fatal(err)
	}
	return path, s.Name, c.ID
}

func TestICSImportExport(t *testing.T) {
	t.Parallel()
	db, organiser, community := icsDB(t)
	google := filepath.Join("..", "ical", "testdata", "google.ics")

	t.Run("CommunityIsAskedFor", func(t *testing.T) {
		_, stderr, code := hiroba(t, "ics", "import", "--db", db, "--as", organiser, google)
		if code != 1 || !strings.Contains(stderr, "--community ID で指定してください") || !strings.Contains(stderr, community) || !strings.Contains(stderr, "何も取り込んでいません") {
			t.Fatalf("%d %s", code, stderr)
		}
	})
	t.Run("Import", func(t *testing.T) {
		out, stderr, code := hiroba(t, "ics", "import", "--db", db, "--as", organiser, google, "--community", community)
		if code != 0 || out != google+": 新規 3 件、更新 0 件、変更なし 0 件、取り込まず 0 件\n" {
			t.Fatalf("%d %q %s", code, out, stderr)
		}
		out, _, _ = hiroba(t, "ics", "import", "--db", db, "--as", organiser, google, "--community", community)
		if !strings.Contains(out, "新規 0 件、更新 0 件、変更なし 3 件") {
			t.Fatalf("again: %q", out)
		}
	})
	t.Run("Export", func(t *testing.T) {
		out, stderr, code := hiroba(t, "ics", "export", "--db", db, "--community", community, "--from", "2027-08-01", "--to", "2027-08-31")
		if code != 0 || !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
			t.Fatalf("%d %s %.200q", code, stderr, out)
		}
		if !strings.Contains(out, "SUMMARY:相談タイム\r\n") || !strings.Contains(out, "RECURRENCE-ID;TZID=Asia/Tokyo:20270818T150000\r\n") || strings.Contains(out, "防災訓練") {
			t.Fatalf("August: %s", out)
		}
	})
	t.Run("MalformedFileNamesItsLine", func(t *testing.T) {
		before, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		bad := filepath.Join("..", "ical", "testdata", "malformed.ics")
		_, stderr, code := hiroba(t, "ics", "import", "--db", db, "--as", organiser, bad, "--community", community, "--strict")
		if code != 1 || !strings.Contains(stderr, bad+": 79 行目: SUMMARY の後に「:」がありません。何も取り込んでいません") {
			t.Fatalf("--strict: %d %s", code, stderr)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Fatal("--strict: the database file changed")
		}
		// Without --strict the broken event is skipped and said so, with
		// its line; the others are read (here: already there).
		out, stderr, code := hiroba(t, "ics", "import", "--db", db, "--as", organiser, bad, "--community", community)
		if code != 0 || !strings.Contains(stderr, bad+": 取り込みませんでした: 79 行目: SUMMARY の後に「:」がありません") ||
			!strings.Contains(out, "取り込まず 1 件") {
			t.Fatalf("%d %s %s", code, out, stderr)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, args := range [][]string{{"ics"}, {"ics", "import"}, {"ics", "export", "--from", "2027/08/01"}, {"ics", "export", "--from", "2027-09-01", "--to", "2027-08-01"}} {
			if _, stderr, code := hiroba(t, append(args, "--db", db)...); code != 2 || !strings.Contains(stderr, "hiroba ics:") {
				t.Errorf("%v: %d %s", args, code, stderr)
			}
		}
	})
}
