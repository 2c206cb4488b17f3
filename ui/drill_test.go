package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui"
)

// drillWorld is the demo as a trainer takes it to a drill: the shared
// file, a drill copy of it taken at the tests' clock (19:00 in Tokyo),
// and a thread of 高野 葵 that both sides will edit.
type drillWorld struct {
	shared, copy *data.DB
	copyPath     string
	staff        string // 高野 葵, the demo's sign-in
	thread       *model.Thread
}

func newDrillWorld(t *testing.T) *drillWorld {
	t.Helper()
	files := drillFiles()
	if files.err != nil {
		t.Fatal(files.err)
	}
	now := func() time.Time { return fixedNow }
	dir := t.TempDir()
	open := func(from, name string) (*data.DB, string) {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(from)
		if err == nil {
			err = os.WriteFile(path, b, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
		db, err := data.Open(path, data.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db, path
	}
	shared, _ := open(files.shared, "demo.db")
	cp, out := open(files.copy, "drill.hiroba")
	th := files.thread
	return &drillWorld{shared: shared, copy: cp, copyPath: out, staff: demoStaff, thread: &th}
}

// drillFiles returns the files of a drill world, made once for the test
// binary and copied for each test: a snapshot with its tracking triggers
// took a tenth of the drill tests' time.
var drillFiles = sync.OnceValue(func() (f struct {
	shared, copy string
	thread       model.Thread
	err          error
}) {
	template, err := demoTemplate()
	if err != nil {
		f.err = err
		return f
	}
	f.shared, f.copy = filepath.Join(demoDir, "drill-shared.db"), filepath.Join(demoDir, "drill.hiroba")
	f.err = func() error {
		b, err := os.ReadFile(template)
		if err != nil {
			return err
		}
		if err := os.WriteFile(f.shared, b, 0o600); err != nil {
			return err
		}
		shared, err := data.Open(f.shared, data.Options{Now: func() time.Time { return fixedNow }})
		if err != nil {
			return err
		}
		defer shared.Close()
		ctx := model.WithViewer(context.Background(), demoStaff)
		comm, _, err := shared.FindCommunities(ctx, model.CommunityFilter{Query: "庶務担当者の会"})
		if err != nil || len(comm) == 0 {
			return fmt.Errorf("community: %v", err)
		}
		f.thread = model.Thread{CommunityID: comm[0].ID, Kind: model.KindExperience, Title: "避難所の受付で困ったこと", Body: "名簿の書き方が決まっていませんでした。"}
		if err := shared.CreateThread(ctx, &f.thread); err != nil {
			return err
		}
		_, err = shared.Snapshot(data.AsOperator(context.Background()), f.copy, model.SnapshotOptions{})
		return err
	}()
	return f
})

// editBothAndMerge edits the thread on the copy and in the shared file
// with the two texts, and merges the copy: the copy's text becomes an
// edit note for its author.
func (w *drillWorld) editBothAndMerge(t *testing.T, onCopy, shared string) {
	t.Helper()
	ctx := model.WithViewer(context.Background(), w.staff)
	for _, e := range []struct {
		db   *data.DB
		body string
	}{{w.copy, onCopy}, {w.shared, shared}} {
		th, err := e.db.ThreadByID(ctx, w.thread.ID)
		if err != nil {
			t.Fatal(err)
		}
		th.Body = e.body
		if err := e.db.UpdateThread(ctx, th); err != nil {
			t.Fatal(err)
		}
	}
	w.copy.Close()
	if _, err := w.shared.Merge(data.AsOperator(context.Background()), w.copyPath, model.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
}

// The tab bar of a drill copy says so, with the time it was taken, and
// still fits: six tabs at 80 columns leave room for the marks alone. The
// copy is of demo data, and keeps that mark too where the drill's can
// give up its date for it (a trial saw [デモ] go when the counts came);
// English tabs at 80 leave room for the drill's alone.
func TestDrillMarkOnTheTabBar(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	for _, c := range []struct {
		lang, mark string
		width      int
	}{
		{"ja", "[デモ][訓練 19:00]", 80},
		// English tabs are wider: the date and time wait for a wider
		// terminal.
		{"en", "[drill]", 80},
		{"en", "[demo][drill 19:00]", 100},
		{"ja", "[デモ][訓練 11/20 19:00]", 160},
	} {
		h := startHarness(t, w.copy, w.staff, c.lang, c.width, 24)
		h.checkFrame()
		top := strings.Split(h.screen(), "\n")[0]
		if !strings.Contains(top, c.mark) {
			t.Errorf("%s %d: no mark %q in %q", c.lang, c.width, c.mark, top)
		}
		for _, tab := range []string{"コミュニティ", "相談", "引き継ぎ", "カレンダー", "活動", "人"} {
			if c.lang == "ja" && !strings.Contains(top, tab) {
				t.Errorf("%d: the tab %s is gone: %q", c.width, tab, top)
			}
		}
		if c.width == 160 && !strings.HasSuffix(strings.TrimRight(top, " "), "高野 葵 郡山市") {
			t.Errorf("160: the person is not beside the mark: %q", top)
		}
		if c.width == 80 {
			h.golden("drill_mark_" + c.lang + "_80x24")
		}
		// Work goes on as on any database: the mark stays.
		h.key("2")
		if !strings.Contains(ansi.Strip(strings.Split(h.screen(), "\n")[0]), c.mark) {
			t.Errorf("%s %d: the mark went with the tab", c.lang, c.width)
		}
	}
	// Opened read-only, the notice is kept whole before the other marks
	// (it was cut to a fragment first).
	for _, c := range []struct {
		lang, notice string
		width        int
	}{{"ja", "[読み取り専用]", 80}, {"en", "[read-only]", 80}, {"en", "[read-only]", 100}} {
		h := startHarnessWith(t, w.copy, ui.Config{Lang: c.lang, StaffID: w.staff, ReadOnly: true}, nil, c.width, 24)
		h.checkFrame()
		if top := strings.Split(h.screen(), "\n")[0]; !strings.Contains(top, c.notice) {
			t.Errorf("%s %d: the read-only notice is not whole in %q", c.lang, c.width, top)
		}
	}
	// The shared file has no mark.
	h := startHarness(t, w.shared, w.staff, "ja", 80, 24)
	h.mustNotShow("訓練")
}

// After the merge, what it kept aside reaches the inbox of its author and
// of administrators, with the reason, and nobody else's.
func TestKeptRowsInTheInbox(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	w.editBothAndMerge(t, "訓練で決めたこと: 名簿は世帯ごとに一行、鉛筆で書く。", "名簿の書式は総務課が用意します。")

	h := startHarness(t, w.shared, w.staff, "ja", 80, 24)
	h.key("i")
	h.mustShow("編集メモ")
	h.mustShow("避難所の受付で困ったこと")
	h.checkFrame()
	h.key("enter")
	h.mustShow("訓練用コピーから取り込めなかった内容")
	h.mustShow("共有側でも編集されていたため")
	h.mustShow("訓練で決めたこと: 名簿は世帯ごとに一行")
	h.mustShow("enter で元の相談を開く")
	h.checkFrame()
	h.golden("drill_kept_80x24")
	h.key("esc")
	h.mustShow("受信箱")
	h.key("enter", "enter")
	// The thread, on the 相談 tab, as the shared file has it.
	h.mustShow("名簿の書式は総務課が用意します。")
	h.mustNotShow("訓練用コピーから取り込めなかった内容")
	h.checkFrame()

	admin := staffNamed(t, w.shared, "佐久間 正樹")
	a := startHarness(t, w.shared, admin, "en", 80, 24)
	a.key("i")
	a.mustShow("Edit note")
	a.key("enter")
	a.mustShow("Written by 高野 葵")
	a.mustShow("Edited on both sides")
	a.checkFrame()

	other := startHarness(t, w.shared, staffNamed(t, w.shared, "岡田 由紀"), "ja", 80, 24)
	other.key("i")
	other.mustNotShow("編集メモ")
	other.mustNotShow("避難所の受付で困ったこと")
}

// A kept row dealt with is marked done with x, from the list or from its
// page: it leaves the inbox, for good and for everyone, and the help says
// which key does it.
func TestKeptRowDoneLeavesTheInbox(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	ctx := model.WithViewer(context.Background(), w.staff)
	w.editBothAndMerge(t, "訓練で決めたこと: 名簿は世帯ごとに一行。", "名簿の書式は総務課が用意します。")

	h := startHarness(t, w.shared, w.staff, "ja", 80, 24)
	h.key("i")
	h.mustShow("編集メモ")
	h.mustShow("x 済み")
	h.key("?")
	h.mustShow("済みにする")
	h.key("?", "enter")
	h.mustShow("訓練用コピーから取り込めなかった内容")
	h.mustShow("x 済みにする")
	h.checkFrame()
	h.key("x")
	h.mustShow("受信箱")
	h.mustNotShow("編集メモ")
	h.mustNotShow("避難所の受付で困ったこと")
	h.checkFrame()

	again := startHarness(t, w.shared, w.staff, "ja", 80, 24)
	again.key("i")
	again.mustNotShow("編集メモ")
	admin := startHarness(t, w.shared, staffNamed(t, w.shared, "佐久間 正樹"), "en", 80, 24)
	admin.key("i")
	admin.mustNotShow("Edit note")
	kept, err := w.shared.KeptRows(ctx, "")
	if err != nil || len(kept) != 1 || kept[0].DoneAt == nil {
		t.Fatalf("kept %+v %v, want the one row done", kept, err)
	}

	// Opened again in the data, it is back; x on the list marks it too.
	if err := w.shared.SetKeptDone(ctx, kept[0].ID, false); err != nil {
		t.Fatal(err)
	}
	admin = startHarness(t, w.shared, staffNamed(t, w.shared, "佐久間 正樹"), "en", 80, 24)
	admin.key("i")
	admin.mustShow("Edit note")
	admin.mustShow("x mark done")
	admin.key("x")
	admin.mustNotShow("Edit note")
	admin.checkFrame()
}

func staffNamed(t *testing.T, db *data.DB, name string) string {
	t.Helper()
	s, err := db.StaffByIDOrName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return s.ID
}

// startFirstTime opens db with nobody signed in, as `hiroba --db FILE`
// does on a machine that remembers nobody for it; remembered receives
// whom it remembers.
func startFirstTime(t *testing.T, db *data.DB, path, lang string, remembered *string) *harness {
	t.Helper()
	cfg := ui.Config{Lang: lang, DBPath: filepath.Base(path), Remember: func(id string) error { *remembered = id; return nil }}
	return startHarnessWith(t, db, cfg, nil, 80, 24)
}

// checkForm asserts that a frame before sign-in fills the terminal
// exactly: h lines of w cells.
func (h *harness) checkForm() {
	h.t.Helper()
	lines := strings.Split(h.app.View().Content, "\n")
	if len(lines) != h.h {
		h.t.Fatalf("%d lines, want %d:\n%s", len(lines), h.h, h.screen())
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != h.w {
			h.t.Fatalf("line %d is %d cells wide, want %d: %q", i, w, h.w, ansi.Strip(l))
		}
	}
}

// The first start on a drill copy says it is one and lets the person
// choose themselves from the staff it was taken with, narrowed by typing:
// no second 熊田 剛 is registered, and the machine remembers the choice.
func TestDrillFirstStartChoosesFromStaff(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	before, err := w.copy.FindStaff(context.Background(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var remembered string
	h := startFirstTime(t, w.copy, w.copyPath, "ja", &remembered)
	h.mustShow("訓練用コピーです (11月20日(金) 19:00 に作成)")
	h.mustShow("新しく登録しないでください")
	h.mustShow("あなたはどなたですか")
	h.mustNotShow("はじめまして")
	if h.app.View().Cursor == nil {
		t.Fatal("no real cursor in the list's field")
	}
	h.typeText("熊田")
	h.mustShow("> 熊田 剛  郡山市 財務部 財政課")
	h.checkForm()
	h.golden("drill_first_start_80x24")
	h.key("enter")
	kumada := staffNamed(t, w.copy, "熊田 剛")
	if remembered != kumada {
		t.Fatalf("remembered %q, want 熊田 剛 %q", remembered, kumada)
	}
	h.mustShow("ようこそ、熊田 剛 さん")
	h.checkFrame()
	if bar := h.tabBar(); !strings.Contains(bar, "[訓練") {
		t.Fatalf("tab bar %q", bar)
	}
	if after, _ := w.copy.FindStaff(context.Background(), 0, 0); len(after) != len(before) {
		t.Fatalf("%d staff after choosing, %d before", len(after), len(before))
	}

	// In English too; the shared file still asks who one is.
	en := startFirstTime(t, w.copy, w.copyPath, "en", &remembered)
	en.mustShow("This is a drill copy")
	en.mustShow("Do not sign up anew")
	en.checkForm()
	shared := startFirstTime(t, w.shared, "a.db", "ja", &remembered)
	shared.mustShow("はじめまして")
	shared.mustNotShow("訓練用コピー")
}

// Someone not in the list can still register on a drill copy, but only
// past the warning and a y/n question that says what it leads to; esc
// goes back to the list.
func TestDrillFirstStartRegisteringAnewAsks(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	var remembered string
	h := startFirstTime(t, w.copy, w.copyPath, "ja", &remembered)
	h.key("esc")
	h.mustNotShow("あなたはどなたですか")
	h.mustShow("新しく登録しないでください")
	h.mustShow("esc: 職員の一覧に戻る")
	h.checkForm()
	h.key("esc")
	h.mustShow("あなたはどなたですか")
	h.key("esc")
	h.typeText("山川 花子")
	h.key("enter", "tab")
	h.typeText("市民部 市民課")
	if h.app.View().Cursor == nil {
		t.Fatal("no cursor in the department field")
	}
	h.key("enter")
	h.mustShow("山川 花子 さんを新しく登録しますか？")
	h.mustShow("(y/n)")
	h.checkForm()
	h.key("n")
	h.mustNotShow("新しく登録しますか")
	if remembered != "" {
		t.Fatal("registered after n")
	}
	h.key("enter", "y")
	if remembered == "" {
		t.Fatal("not registered after y")
	}
	s, err := w.copy.StaffByID(context.Background(), remembered)
	if err != nil || s.Name != "山川 花子" {
		t.Fatalf("registered %+v %v", s, err)
	}
	h.mustShow("ようこそ、山川 花子 さん")
}

// newcomerOnTheCopy registers 山川 花子 on the drill copy, as someone
// typing their name into the sign-up form there did, and has her write a
// thread of her own, a reply to the drill's thread, a follow and a read
// mark of it; then the copy is merged, and all of it is set aside.
func (w *drillWorld) newcomerOnTheCopy(t *testing.T) (ownTitle string) {
	t.Helper()
	ctx := context.Background()
	s := &model.Staff{Name: "山川 花子", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "市民部 市民課"} // 郡山市
	if err := w.copy.CreateStaff(ctx, s); err != nil {
		t.Fatal(err)
	}
	as := model.WithViewer(ctx, s.ID)
	ownTitle = "訓練会場の受付"
	steps := []error{
		w.copy.Join(as, w.thread.CommunityID),
		w.copy.CreateThread(as, &model.Thread{CommunityID: w.thread.CommunityID, Kind: model.KindExperience, Title: ownTitle, Body: "受付は二列にしました。"}),
		w.copy.CreateReply(as, &model.Reply{ThreadID: w.thread.ID, Body: "訓練会場から返信します。月末締めは総務課に確認を。"}),
		w.copy.Follow(as, w.thread.ID, true),
		w.copy.MarkRead(as, w.thread.ID),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	w.copy.Close()
	if _, err := w.shared.Merge(data.AsOperator(ctx), w.copyPath, model.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	return ownTitle
}

// selectEntry moves the inbox's selection to the entry titled title. (The
// rows one merge kept come in an order of their ids, which are new in
// every run.)
func (h *harness) selectEntry(title string) {
	h.t.Helper()
	h.key("g")
	for range 20 {
		if strings.Contains(h.selectedLine(), title) {
			return
		}
		h.key("down")
	}
	h.t.Fatalf("no entry %q:\n%s", title, h.screen())
}

// What was set aside of someone registered on the laptop reads in the
// inbox of an administrator: every entry has a title (a follow says whose
// thread it follows), its label stands apart from it, the author has the
// name the laptop gave her, and only what the shared database has is
// offered to be opened.
func TestKeptRowsOfANewcomerInTheInbox(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	own := w.newcomerOnTheCopy(t)
	admin := staffNamed(t, w.shared, "佐久間 正樹")

	h := startHarness(t, w.shared, admin, "ja", 80, 24)
	h.key("i")
	h.mustShow("訓練で保留 " + own)
	h.mustShow("訓練で保留 フォロー「避難所の受付で困ったこと」")
	h.mustShow("訓練で保留 既読「避難所の受付で困ったこと」")
	h.mustShow("訓練で保留 コミュニティへの参加「庶務担当者の会」")
	h.mustShow("山川 花子  たった今")
	h.checkFrame()

	// Her own thread never reached the shared database: nothing to open.
	h.selectEntry("保留 " + own)
	h.key("enter")
	h.mustShow("書いた人: 山川 花子")
	h.mustShow("受付は二列にしました。")
	h.mustShow("x 済みにする / esc 受信箱に戻る")
	h.mustNotShow("enter で元の")
	h.mustNotShow("enter 開く")
	h.key("enter")
	h.mustShow("訓練用コピーから取り込めなかった内容") // still here
	h.checkFrame()
	h.key("esc")

	// Her reply belongs to a thread the shared database has.
	h.selectEntry("訓練会場から返信します")
	h.key("enter")
	h.mustShow("enter で元の相談を開く")
	h.key("enter")
	h.mustShow("名簿の書き方が決まっていませんでした。")
	h.checkFrame()

	en := startHarness(t, w.shared, admin, "en", 80, 24)
	en.key("i")
	en.mustShow(`Set aside  Follows "避難所の受付で困ったこと"`)
	en.mustShow("山川 花子")
	en.checkFrame()
}

// markCounter is the drill copy's store, counting the app's reads of the
// marks on the tab bar.
type markCounter struct {
	*data.DB
	reads atomic.Int32
}

func (m *markCounter) IsDemo(ctx context.Context) (bool, error) {
	m.reads.Add(1)
	return m.DB.IsDemo(ctx)
}

func (m *markCounter) DrillCopy(ctx context.Context) (*model.DrillCopy, error) {
	m.reads.Add(1)
	return m.DB.DrillCopy(ctx)
}

// As the program starts, the person and the tab bar's marks are read
// before the first frame (Config.Me, Demo, Drill): the mark is on it, and
// the app does not read the marks again beside the first screen's reads.
func TestMarksReadBeforeTheStart(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	ctx := model.WithViewer(context.Background(), w.staff)
	me, err := w.copy.StaffByID(ctx, w.staff)
	if err != nil {
		t.Fatal(err)
	}
	drill, err := w.copy.DrillCopy(ctx)
	if err != nil || drill == nil {
		t.Fatal("no drill copy", err)
	}
	store := &markCounter{DB: w.copy}
	h := startHarnessWith(t, w.copy, ui.Config{Store: store, Lang: "ja", Me: me, Demo: true, Drill: drill}, nil, 100, 30)
	if bar := h.tabBar(); !strings.Contains(bar, "[デモ]") || !strings.Contains(bar, "[訓練 11/20 19:00]") {
		t.Errorf("tab bar %q", bar)
	}
	if n := store.reads.Load(); n != 0 {
		t.Errorf("the app read the marks again %d times", n)
	}
	// Started as a person (StaffID), the app reads them itself (the
	// drill copy is of demo data).
	h = startHarnessOn(t, store, w.copy, w.staff, "ja", 100, 30)
	if bar := h.tabBar(); !strings.Contains(bar, "[デモ]") || !strings.Contains(bar, "[訓練 11/20 19:00]") {
		t.Errorf("tab bar %q", bar)
	}
	if n := store.reads.Load(); n != 2 {
		t.Errorf("the app read the marks %d times, not 2", n)
	}
}
