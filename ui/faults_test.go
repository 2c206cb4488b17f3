package ui_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/data/faultfs"
	"hiroba/model"
	"hiroba/ui"
)

// What a person sees when the disk or the database file fails them
// (issue 16): a draft that cannot be written is never said to be kept,
// quitting with it asks, and a file gone under the program is refused
// with its name and an offer to quit that writes nothing anywhere.

// demoIn copies the demo database into dir.
func demoIn(t *testing.T, dir string) string {
	t.Helper()
	template, err := demoTemplate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "demo.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDraftOnAFullDiskIsNeverSaidToBeKept(t *testing.T) {
	t.Parallel() // on a file system of its own, as data's TestDiskFull
	dir := faultfs.MountTmpfs(t, "24m")
	db := openDB(t, demoIn(t, dir))
	h := startHarness(t, db, demoStaff, "ja", 120, 30)
	h.key("2", "enter", "r")
	h.mustShow("返信")
	free := faultfs.Fill(t, dir)
	// 18 KB: more pages than the log beside the file holds (one page
	// after the thread was opened), so the draft needs room the disk has
	// not. Forty thousand characters took half a second to wrap and draw.
	text := strings.Repeat("ディスクがいっぱいでも消えない返信です。", 300)
	h.send(tea.PasteMsg{Content: text})
	h.mustShow("下書きを保存できませんでした。この文章は画面にあるだけです。")
	h.mustShow("ctrl+e でエディタに移すか、ctrl+y でコピーして")

	// esc does not close the form as if the draft were kept.
	h.key("esc")
	h.mustNotShow("下書きを保存しました")
	h.mustShow("下書きを保存できませんでした。この文章は画面にあるだけです。")
	h.mustShow("ディスクがいっぱいでも消えない返信です")

	// Quitting asks first; n goes back to the text.
	h.key("ctrl+c")
	if h.quit {
		t.Fatal("the program quit and the text was lost")
	}
	h.mustShow("終了すると文章は失われます。終了しますか？ (y/n)")
	h.key("n")
	if h.quit {
		t.Fatal("n quit the program")
	}
	h.mustShow("ディスクがいっぱいでも消えない返信です")
	h.checkFrame()

	// Once there is room again, esc keeps the draft and says so.
	free()
	h.key("esc")
	h.mustShow("下書きを保存しました")
	h.key("r")
	h.mustShow("の続きです")
}

// Quitting with text in a form quits once its draft is written, and the
// draft is there for the next start.
func TestQuittingWithADraftQuitsOnceItIsWritten(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	h.key("2", "enter", "r")
	h.typeText("終了する前の返信です")
	h.key("ctrl+c")
	if !h.quit {
		t.Fatalf("the draft was written, yet the program did not quit:\n%s", h.screen())
	}
	found := false
	for _, d := range mustDrafts(t, h) {
		found = found || d == "終了する前の返信です"
	}
	if !found {
		t.Fatal("quitting lost the draft")
	}
}

// mustDrafts lists the bodies of the signed-in person's reply drafts.
func mustDrafts(t *testing.T, h *harness) []string {
	t.Helper()
	threads, _, err := h.db.FindThreads(h.as(h.staff), model.ThreadFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, th := range threads {
		if d, err := h.db.DraftByContext(h.as(h.staff), "reply:"+th.ID); err == nil {
			out = append(out, d.Body)
		}
	}
	return out
}

func TestFileRemovedUnderTheProgram(t *testing.T) {
	t.Parallel()
	path, staff := demoCopy(t)
	db := openDB(t, path)
	h := startHarness(t, db, staff, "ja", 100, 30)
	h.key("2", "enter", "r")
	h.mustShow("返信")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	h.typeText("消")
	// The first refused write offers to quit, naming the file.
	h.mustShow("データベースのファイルがありません")
	h.mustShow("demo.db")
	h.mustShow("y 終了する (どこにも書き込みません)")
	h.checkFrame()
	h.key("n")
	h.mustNotShow("データベースのファイルがありません")
	h.typeText("えたファイルへの返信")
	h.mustShow("消えたファイルへの返信")
	// Posting is refused where it was asked, naming the file; the text
	// stays in the form.
	h.key("ctrl+s")
	// The message runs over lines as long as the test's folder's name.
	if squeezed := strings.Join(strings.Fields(h.screen()), ""); !strings.Contains(squeezed, "demo.db:データベースのファイルが") {
		t.Fatalf("the refusal does not name the file:\n%s", h.screen())
	}
	h.mustShow("消えたファイルへの返信")
	// Quitting asks, since the text cannot be kept; y quits.
	h.key("ctrl+c")
	h.mustShow("終了すると文章は失われます。終了しますか？ (y/n)")
	h.key("y")
	if !h.quit {
		t.Fatal("y did not quit")
	}
	db.Close()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a file appeared at %s: %v", path, err)
	}
	if in := faultfs.FilesContaining(t, filepath.Dir(path), "消えたファイルへの返信"); len(in) > 0 {
		t.Fatalf("the refused text was written to %v", in)
	}
}

func TestReadOnlyDriveSaysSoAtStart(t *testing.T) {
	t.Parallel() // on a file system of its own, as data's TestDiskFull
	dir := faultfs.MountTmpfs(t, "24m")
	path := demoIn(t, dir)
	faultfs.ReadOnly(t, dir, "24m")
	db := openDB(t, path)
	if !db.ReadOnly {
		t.Fatal("opened for writing on a read-only drive")
	}
	app := ui.New(ui.Config{Store: db, Lang: "ja", StaffID: demoStaff, ReadOnly: true, ReadOnlyWhy: db.ReadOnlyReason(),
		Now: func() time.Time { return fixedNow }, Location: jst, NoWait: true})
	h := &harness{t: t, app: app, w: 100, h: 30, db: db, staff: demoStaff}
	h.run(app.Init())
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.mustShow("読み取り専用")
	h.mustShow("書き込める場所にコピーして")
	h.checkFrame()
	h.key("2", "enter", "r")
	h.mustShow("書き込めません")
}
