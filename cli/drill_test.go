package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// A drill through the command line, as a trainer runs it: a snapshot;
// on the laptop a new experience report, a reply, and an edit of a thread
// that is edited in the shared file meanwhile; in the shared file a
// thread the laptop replied to is deleted; then a dry run that changes
// nothing, the merge, and the same merge again.
func TestDrillSnapshotAndMerge(t *testing.T) {
	t.Parallel()
	shared, _ := demoDB(t)
	dir := t.TempDir()
	body := func(text string) string {
		f := filepath.Join(t.TempDir(), "body.md")
		if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return f
	}
	run := func(t *testing.T, args ...string) string {
		t.Helper()
		out, stderr, code := hiroba(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, stderr)
		}
		return out
	}
	_, communities := staffAndCommunities(t, shared)
	community := communities[0].ID
	opening := strings.TrimSpace(run(t, "post", "--db", shared, "--as", "渡部 健太", "--community", community, "--kind", "相談",
		"--title", "避難所の開設手順", "--body-file", body("鍵はどこで借りますか。")))
	toilet := strings.TrimSpace(run(t, "post", "--db", shared, "--as", "高野 葵", "--community", community, "--kind", "相談",
		"--title", "仮設トイレの設置場所", "--body-file", body("どこに置くのがよいでしょうか。")))

	drill := filepath.Join(dir, "drill.hiroba")
	out := run(t, "snapshot", "--out", drill, "--db", shared)
	if !strings.HasPrefix(out, "訓練用コピーを作りました: "+drill+" (") || !strings.Contains(out, "MB、広域圏のすべて、") ||
		!strings.Contains(out, "ノートパソコンで: hiroba --db drill.hiroba\n") || !strings.Contains(out, "1台に1つずつ") {
		t.Fatalf("snapshot:\n%s", out)
	}

	// On the laptop.
	story := strings.TrimSpace(run(t, "post", "--db", drill, "--as", "渡部 健太", "--community", community, "--kind", "体験談",
		"--title", "訓練で気づいたこと", "--body-file", body("発電機の燃料は二日分では足りませんでした。")))
	run(t, "reply", "--db", drill, "--as", "岩崎 愛", story, "--body-file", body("受付は二列にしました。"))
	run(t, "reply", "--db", drill, "--as", "高野 葵", toilet, "--body-file", body("南側の駐車場が平らでした。"))
	edit(t, drill, "渡部 健太", opening, "訓練で確認: 鍵は防災課の金庫にあります。")
	// Meanwhile in the shared file.
	edit(t, shared, "渡部 健太", opening, "鍵は総務課で借ります。")
	deleteThread(t, shared, "高野 葵", toilet)

	threads := func() string {
		return run(t, "threads", "--json", "--limit", "0", "--db", shared, "--as", "佐久間 正樹")
	}
	before := threads()
	dry := run(t, "merge", drill, "--dry-run", "--db", shared)
	if threads() != before {
		t.Fatal("the dry run changed the shared file")
	}
	for _, want := range []string{
		"訓練用コピー " + drill + " (", "試しに取り込んだ場合の結果です",
		"相談 ", "返信 ", "確認が必要なもの 2 件:",
		"[競合] 相談「避難所の開設手順」 (渡部 健太 さん)\n      " + model.MergeReasons["merge.reason.edited_both"],
		"[保留] 返信「南側の駐車場が平らでした。」 (高野 葵 さん)\n      " + model.MergeReasons["merge.reason.thread_deleted"],
	} {
		if !strings.Contains(dry, want) {
			t.Errorf("the dry run lacks %q:\n%s", want, dry)
		}
	}
	if strings.Contains(dry, "取り込みの記録はデータベースに残しました") {
		t.Error("the dry run says it kept a report")
	}

	// The merge does what the dry run said, and says where it is kept.
	out = run(t, "merge", drill, "--db", shared)
	kept := strings.Index(out, "\n取り込みの記録はデータベースに残しました")
	if kept < 0 || strings.Replace(out[:kept], "取り込みました\n", "試しに取り込んだ場合の結果です (--dry-run)。データベースは何も変更していません\n", 1) != dry {
		t.Fatalf("merge, after the dry run\n%s\n---\n%s", dry, out)
	}
	after := threads()
	if !strings.Contains(after, "訓練で気づいたこと") || after == before {
		t.Fatal("the laptop's report is not in the shared file")
	}
	var reports []model.MergeReport
	if err := json.Unmarshal([]byte(run(t, "merge", "--list", "--json", "--db", shared)), &reports); err != nil || len(reports) != 1 {
		t.Fatalf("merge --list: %v %d", err, len(reports))
	}
	r := reports[0]
	if c := r.Table("threads"); c.Added != 1 || c.Conflicts != 1 {
		t.Errorf("threads %+v", c)
	}
	if c := r.Table("replies"); c.Added != 1 || c.SetAside != 1 {
		t.Errorf("replies %+v", c)
	}

	again := run(t, "merge", drill, "--db", shared)
	if !strings.Contains(again, "このコピーはすでに取り込み済みです") || threads() != after {
		t.Fatalf("merging again:\n%s", again)
	}
	var r2 model.MergeReport
	if err := json.Unmarshal([]byte(run(t, "merge", drill, "--dry-run", "--json", "--db", shared)), &r2); err != nil || r2.Changed() || r2.AlreadyMerged == 0 {
		t.Fatalf("dry run of a merged copy: %v %+v", err, r2)
	}

	t.Run("ByAMember", func(t *testing.T) {
		for _, args := range [][]string{{"merge", drill}, {"snapshot", "--out", filepath.Join(dir, "mine.hiroba")}, {"merge", "--list"}} {
			_, stderr, code := hiroba(t, append(args, "--db", shared, "--as", "高野 葵")...)
			if code != 1 || !strings.Contains(stderr, "管理者だけ") {
				t.Errorf("%v: exit %d %q", args, code, stderr)
			}
		}
	})
}

// A copy the shared file does not take (another database's, a plain
// backup, a damaged file, none at all) is refused on standard error, and
// the shared file keeps every byte.
func TestMergeRefusedLeavesTheFile(t *testing.T) {
	t.Parallel()
	shared, _ := demoDB(t)
	other, _ := demoDB(t)
	dir := t.TempDir()
	foreign := filepath.Join(dir, "foreign.hiroba")
	if _, stderr, code := hiroba(t, "snapshot", "--out", foreign, "--municipality", "郡山市", "--db", other); code != 0 {
		t.Fatal(stderr)
	}
	backup := filepath.Join(dir, "backup.db")
	if _, stderr, code := hiroba(t, "backup", "--db", shared, backup); code != 0 {
		t.Fatal(stderr)
	}
	damaged := filepath.Join(dir, "damaged.hiroba")
	if err := os.WriteFile(damaged, append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xA5}, 8192)...), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(shared)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{foreign, "ほかのデータベースから作った訓練用コピーです"},
		{backup, "訓練用コピーではありません"},
		{damaged, "壊れているか"},
		{filepath.Join(dir, "nowhere.hiroba"), "がありません"},
	} {
		for _, dry := range []string{"--dry-run", "--json"} {
			out, stderr, code := hiroba(t, "merge", c.path, dry, "--db", shared)
			if code != 1 || out != "" || !strings.HasPrefix(stderr, "hiroba: ") || !strings.Contains(stderr, c.want) {
				t.Errorf("%s %s: exit %d %q %q", filepath.Base(c.path), dry, code, out, stderr)
			}
		}
	}
	if after, err := os.ReadFile(shared); err != nil || !bytes.Equal(before, after) {
		t.Fatal("a refused merge changed the shared file")
	}
	for _, args := range [][]string{{"merge"}, {"merge", "a.hiroba", "b.hiroba"}, {"merge", "--list", "a.hiroba"}, {"snapshot"}, {"snapshot", "--out", "x.hiroba", "extra"}} {
		if _, stderr, code := hiroba(t, append(args, "--db", shared)...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d %q", args, code, stderr)
		}
	}
	if _, stderr, code := hiroba(t, "snapshot", "--out", filepath.Join(dir, "x.hiroba"), "--municipality", "東京都", "--db", shared); code != 1 || !strings.Contains(stderr, "東京都") {
		t.Errorf("unknown municipality: exit %d %q", code, stderr)
	}
}

// One drill file copied to two laptops: the dry run of the second copy,
// merged after the first, shows its edit of the thread the first edited
// as a conflict, and the merge keeps the first laptop's text in place.
func TestDrillFileOnTwoLaptops(t *testing.T) {
	t.Parallel()
	shared, _ := demoDB(t)
	_, communities := staffAndCommunities(t, shared)
	f := filepath.Join(t.TempDir(), "body.md")
	if err := os.WriteFile(f, []byte("鍵はどこで借りますか。"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		out, stderr, code := hiroba(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, stderr)
		}
		return out
	}
	opening := strings.TrimSpace(run("post", "--db", shared, "--as", "渡部 健太", "--community", communities[0].ID, "--kind", "相談",
		"--title", "避難所の開設手順", "--body-file", f))
	dir := t.TempDir()
	first, second := filepath.Join(dir, "drill.hiroba"), filepath.Join(dir, "drill-2.hiroba")
	run("snapshot", "--out", first, "--db", shared)
	b, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(second, b, 0o600); err != nil {
		t.Fatal(err)
	}
	edit(t, first, "渡部 健太", opening, "一台目: 鍵は防災課の金庫にあります。")
	edit(t, second, "渡部 健太", opening, "二台目: 鍵は総務課で借ります。")
	run("merge", first, "--db", shared)
	dry := run("merge", second, "--dry-run", "--db", shared)
	want := "[競合] 相談「避難所の開設手順」 (渡部 健太 さん)\n      " + model.MergeReasons["merge.reason.edited_both"]
	if !strings.Contains(dry, want) {
		t.Errorf("the dry run of the second copy lacks %q:\n%s", want, dry)
	}
	run("merge", second, "--db", shared)
	withStaff(t, shared, "渡部 健太", func(ctx context.Context, db *data.DB) error {
		th, err := db.ThreadByID(ctx, opening)
		if err == nil && th.Body != "一台目: 鍵は防災課の金庫にあります。" {
			t.Errorf("the second copy overwrote the first's edit: %q", th.Body)
		}
		return err
	})
}

// Someone registered on the laptop is named in the dry run and the
// merge by the name the laptop had for them, not by an id the shared
// database does not know.
func TestMergeNamesSomeoneRegisteredOnTheLaptop(t *testing.T) {
	t.Parallel()
	shared, _ := demoDB(t)
	drill := filepath.Join(t.TempDir(), "drill.hiroba")
	if _, stderr, code := hiroba(t, "snapshot", "--out", drill, "--db", shared); code != 0 {
		t.Fatal(stderr)
	}
	db, err := data.Open(drill, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := &model.Staff{Name: "山川 花子", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "市民課"} // 郡山市
	err = db.CreateStaff(context.Background(), s)
	if err == nil {
		err = db.Follow(model.WithViewer(context.Background(), s.ID), firstThread(t, db, s.ID), true)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--dry-run"}, nil} {
		out, stderr, code := hiroba(t, append([]string{"merge", drill, "--db", shared}, args...)...)
		if code != 0 {
			t.Fatal(stderr)
		}
		if !strings.Contains(out, "(山川 花子 さん)") || strings.Contains(out, s.ID) {
			t.Errorf("merge %v does not name the newcomer:\n%s", args, out)
		}
	}
}

// firstThread is the id of a thread staffID can read in db.
func firstThread(t *testing.T, db *data.DB, staffID string) string {
	t.Helper()
	threads, _, err := db.FindThreads(model.WithViewer(context.Background(), staffID), model.ThreadFilter{})
	if err != nil || len(threads) == 0 {
		t.Fatalf("no thread: %v", err)
	}
	return threads[0].ID
}

// edit changes a thread's body as its author, in the file at path.
func edit(t *testing.T, path, author, threadID, text string) {
	t.Helper()
	withStaff(t, path, author, func(ctx context.Context, db *data.DB) error {
		th, err := db.ThreadByID(ctx, threadID)
		if err != nil {
			return err
		}
		th.Body = text
		return db.UpdateThread(ctx, th)
	})
}

func deleteThread(t *testing.T, path, author, threadID string) {
	t.Helper()
	withStaff(t, path, author, func(ctx context.Context, db *data.DB) error { return db.DeleteThread(ctx, threadID) })
}

// withStaff opens the file at path and runs fn as the staff member named.
func withStaff(t *testing.T, path, name string, fn func(ctx context.Context, db *data.DB) error) {
	t.Helper()
	db, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	s, err := db.StaffByIDOrName(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := fn(model.WithViewer(ctx, s.ID), db); err != nil {
		t.Fatal(err)
	}
}
