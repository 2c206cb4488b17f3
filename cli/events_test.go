package cli_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/model"
)

// eventsDB writes a database with a monthly consultation hour (毎月第3水曜日),
// a one-off drill, and a members-only meeting, and returns its path.
func eventsDB(t *testing.T) (path, memberOnlyID string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "events.db")
	db := datatest.OpenNew(t, path, data.Options{Now: func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }})
	defer db.Close()
	hanako := &model.Staff{Name: "安積 花子", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "政策開発課"}
	if err := db.CreateStaff(context.Background(), hanako); err != nil {
		t.Fatal(err)
	}
	ctx := model.WithViewer(context.Background(), hanako.ID)
	community := func(name, visibility string) string {
		c := &model.Community{Name: name, Category: model.CategoryConsultation, Visibility: visibility, Summary: name, Description: name}
		if err := db.CreateCommunity(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	open, secret := community("聞きにくいことを聞ける場所", model.VisibilityOpen), community("人事異動の本音", model.VisibilityMembers)
	tokyo := (&model.Event{}).Location()
	jst := func(m time.Month, d, h int) time.Time { return time.Date(2027, m, d, h, 0, 0, 0, tokyo) }
	for _, e := range []*model.Event{
		{CommunityID: open, Title: "相談タイム（毎月第3水曜日）", Start: jst(1, 20, 15), End: jst(1, 20, 16), Place: "郡山市役所 本庁舎3階 第1会議室", RRule: "FREQ=MONTHLY;BYDAY=3WE"},
		{CommunityID: open, Title: "職員避難訓練", Start: jst(2, 10, 10), End: jst(2, 10, 11), Place: "郡山市役所 本庁舎（全館）"},
		{CommunityID: secret, Title: "異動内示後の相談会", Start: jst(3, 18, 18), End: jst(3, 18, 19), Place: "第2会議室"},
	} {
		if err := db.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		memberOnlyID = e.ID
	}
	return path, memberOnlyID
}

func TestEventsJSON(t *testing.T) {
	t.Parallel()
	path, secretID := eventsDB(t)
	out, stderr, code := hiroba(t, "events", "--db", path, "--from", "2027-01-01", "--to", "2027-03-31", "--json", "--as", "安積 花子")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rows []struct {
		ID         string `json:"id"`
		Title      string
		Place      string
		Start, End time.Time
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []string
	for _, r := range rows {
		if r.ID == "" || r.End.Before(r.Start) {
			t.Fatalf("row %+v", r)
		}
		got = append(got, r.Start.Format("2006-01-02T15:04-07:00")+" "+r.Title+" @"+r.Place)
	}
	want := "2027-01-20T15:00+09:00 相談タイム（毎月第3水曜日） @郡山市役所 本庁舎3階 第1会議室\n" +
		"2027-02-10T10:00+09:00 職員避難訓練 @郡山市役所 本庁舎（全館）\n" +
		"2027-02-17T15:00+09:00 相談タイム（毎月第3水曜日） @郡山市役所 本庁舎3階 第1会議室\n" +
		"2027-03-17T15:00+09:00 相談タイム（毎月第3水曜日） @郡山市役所 本庁舎3階 第1会議室\n" +
		"2027-03-18T18:00+09:00 異動内示後の相談会 @第2会議室"
	if strings.Join(got, "\n") != want {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if !strings.Contains(out, `"uid"`) || !strings.Contains(out, `"start": "2027-01-20T15:00:00+09:00"`) {
		t.Fatalf("JSON fields: %s", out)
	}

	t.Run("ToIsInclusive", func(t *testing.T) {
		out, _, code := hiroba(t, "events", "--db", path, "--from", "2027-02-17", "--to", "2027-02-17", "--json")
		if code != 0 || strings.Count(out, `"uid"`) != 1 || !strings.Contains(out, "2027-02-17T15:00:00+09:00") {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
	t.Run("NonMemberDoesNotSeeMembersOnly", func(t *testing.T) {
		out, _, code := hiroba(t, "events", "--db", path, "--from", "2027-03-01", "--to", "2027-03-31", "--json")
		if code != 0 || strings.Contains(out, "異動内示後") || strings.Contains(out, secretID) || strings.Count(out, `"uid"`) != 1 {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
	t.Run("Text", func(t *testing.T) {
		out, _, code := hiroba(t, "events", "--db", path, "--from", "2027-02-01", "--to", "2027-02-28")
		if code != 0 || !strings.HasPrefix(out, "2027-02-10 10:00-11:00  職員避難訓練  郡山市役所 本庁舎（全館）") || strings.Count(out, "\n") != 2 {
			t.Fatalf("exit %d:\n%s", code, out)
		}
	})
}

func TestEventsBadInput(t *testing.T) {
	t.Parallel()
	path, _ := eventsDB(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2027-13-01", "--to", "2027-12-31"}, `--from の日付 "2027-13-01" を読めません`},
		{[]string{"--from", "2027-02-30", "--to", "2027-03-31"}, `--from の日付 "2027-02-30" を読めません`},
		{[]string{"--from", "2027/01/01", "--to", "2027-03-31"}, "YYYY-MM-DD"},
		{[]string{"--from", "2027-01-01", "--to", "来週"}, `--to の日付 "来週" を読めません`},
		{[]string{"--from", "2027-01-01"}, "--to の日付を YYYY-MM-DD で指定してください"},
		{[]string{"--from", "2027-03-01", "--to", "2027-01-31"}, "--to (2027-01-31) が --from (2027-03-01) より前です"},
		{[]string{"--from", "2027-01-01", "--to", "2127-01-01"}, "10 年以内"},
	} {
		out, stderr, code := hiroba(t, append([]string{"events", "--db", path, "--json"}, c.args...)...)
		if code == 0 || out != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", c.args, code, out, stderr)
		}
	}
	_, stderr, code := hiroba(t, "events", "--db", path, "--from", "2027-01-01", "--to", "2027-01-31", "--community", "01NOSUCHCOMMUNITY000000000")
	if code == 0 || !strings.Contains(stderr, "コミュニティが見つかりません") {
		t.Errorf("unknown community: exit %d, %q", code, stderr)
	}
}
