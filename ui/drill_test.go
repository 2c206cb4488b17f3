package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"hiroba/data"
	"hiroba/model"
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
	path, staff := demoCopy(t)
	now := func() time.Time { return fixedNow }
	shared, err := data.Open(path, data.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shared.Close() })
	ctx := model.WithViewer(context.Background(), staff)
	comm, _, err := shared.FindCommunities(ctx, model.CommunityFilter{Query: "庶務担当者の会"})
	if err != nil || len(comm) == 0 {
		t.Fatalf("community: %v", err)
	}
	th := &model.Thread{CommunityID: comm[0].ID, Kind: model.KindExperience, Title: "避難所の受付で困ったこと", Body: "名簿の書き方が決まっていませんでした。"}
	if err := shared.CreateThread(ctx, th); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "drill.hiroba")
	if _, err := shared.Snapshot(data.AsOperator(context.Background()), out, model.SnapshotOptions{}); err != nil {
		t.Fatal(err)
	}
	cp, err := data.Open(out, data.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cp.Close() })
	return &drillWorld{shared: shared, copy: cp, copyPath: out, staff: staff, thread: th}
}

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
// still fits: six tabs at 80 columns leave room for the mark alone.
func TestDrillMarkOnTheTabBar(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	for _, c := range []struct {
		lang, mark string
		width      int
	}{
		{"ja", "[訓練 11/20 19:00]", 80},
		// English tabs are wider: the date and time wait for a wider
		// terminal.
		{"en", "[drill]", 80},
		{"en", "[drill 11/20 19:00]", 100},
		{"ja", "[訓練 11/20 19:00]", 160},
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
