package ui_test

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/internal/memtmp"
	"hiroba/ui"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// fixedNow is the clock of every UI test and jst its zone (kittest.Now).
var (
	fixedNow = kittest.Now
	jst      = kittest.JST
)

// harness drives the root model as Bubble Tea would: it sends a message,
// then runs every command the model returns and feeds the results back.
type harness struct {
	t     testing.TB
	app   *ui.App
	w, h  int
	db    *data.DB
	quit  bool
	staff string
}

func TestMain(m *testing.M) {
	inMemory := memtmp.Use()
	code := m.Run()
	if shared.db != nil {
		shared.db.Close()
	}
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	inMemory()
	os.Exit(code)
}

// The demo database is made once per run and copied for each test, which
// then owns its copy.
var (
	demoOnce  sync.Once
	demoDir   string
	demoStaff string
	demoErr   error
)

func demoTemplate() (string, error) {
	demoOnce.Do(func() {
		if demoDir, demoErr = os.MkdirTemp("", "hiroba-ui-test-"); demoErr != nil {
			return
		}
		var db *data.DB
		if db, demoErr = data.Open(filepath.Join(demoDir, "demo.db"), data.Options{Now: func() time.Time { return fixedNow }}); demoErr != nil {
			return
		}
		demoStaff, demoErr = seed.Demo(context.Background(), db, fixedNow)
		if err := db.Close(); demoErr == nil {
			demoErr = err
		}
	})
	return filepath.Join(demoDir, "demo.db"), demoErr
}

// demoCopy copies the demo database into the test's own folder and
// returns its path and the demo staff member.
func demoCopy(t testing.TB) (path, staff string) {
	t.Helper()
	template, err := demoTemplate()
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "demo.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(template + suffix)
		if errors.Is(err, fs.ErrNotExist) && suffix != "" {
			continue
		}
		if err == nil {
			err = os.WriteFile(path+suffix, b, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return path, demoStaff
}

// newDemoHarness starts the app on the demo database that the tests
// share, signed in as the demo staff member, at w x h. A test that writes
// anything, even a draft or a read mark, uses ownDemoHarness: the shared
// database fails a test that wrote to it (sharedDemoDB).
func newDemoHarness(t testing.TB, lang string, w, h int) *harness {
	t.Helper()
	db, staff := sharedDemoDB(t)
	return startHarness(t, db, staff, lang, w, h)
}

// ownDemoHarness is newDemoHarness on a copy of the demo of the test's
// own, for a test that writes.
func ownDemoHarness(t testing.TB, lang string, w, h int) *harness {
	t.Helper()
	db, staff := demoDB(t)
	return startHarness(t, db, staff, lang, w, h)
}

// shared is one copy of the demo opened once for every test that only
// reads it: opening a copy (its connections read the 259-object schema,
// then prepare every query anew) was a quarter of this package's time.
var shared struct {
	once sync.Once
	db   *data.DB
	err  error
}

// sharedDemoDB returns the shared demo database and its staff member. The
// test fails if the file changed while it ran: a write commits to the
// log beside it (WAL) and a checkpoint to the file itself, so a test that
// wrote, or ran beside one that did, cannot pass unnoticed and leave the
// others reading what it wrote.
func sharedDemoDB(t testing.TB) (*data.DB, string) {
	t.Helper()
	shared.once.Do(func() {
		template, err := demoTemplate()
		if err != nil {
			shared.err = err
			return
		}
		path := filepath.Join(demoDir, "shared.db")
		b, err := os.ReadFile(template)
		if err == nil {
			err = os.WriteFile(path, b, 0o600)
		}
		if err == nil {
			shared.db, err = data.Open(path, data.Options{Now: func() time.Time { return fixedNow }})
		}
		shared.err = err
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	before := fileState(shared.db.Path)
	t.Cleanup(func() {
		if after := fileState(shared.db.Path); after != before {
			t.Errorf("the shared demo database was written while this test ran (%s, then %s): a test that writes uses a copy of its own (ownDemoHarness, demoDB)", before, after)
		}
	})
	return shared.db, demoStaff
}

// fileState is the size and time of change of a database and its log.
func fileState(path string) string {
	s := ""
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			s += fmt.Sprintf("%d@%s ", fi.Size(), fi.ModTime().Format(time.RFC3339Nano))
		} else {
			s += "none "
		}
	}
	return strings.TrimSpace(s)
}

// demoDB opens a copy of the demo, closed when the test ends, and returns
// it with the staff member the demo signs in.
func demoDB(t testing.TB) (*data.DB, string) {
	t.Helper()
	path, staff := demoCopy(t)
	return openDB(t, path), staff
}

// openTickingDB opens the database at path with a clock that starts at
// the tests' and moves a second each time it is read, for tests where
// the order of writes matters (read after written); closed when the test
// ends.
func openTickingDB(t testing.TB, path string) *data.DB {
	t.Helper()
	var mu sync.Mutex
	now := fixedNow
	db, err := data.Open(path, data.Options{Now: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openDB opens the database at path with the tests' clock, closed when
// the test ends.
func openDB(t testing.TB, path string) *data.DB {
	t.Helper()
	db, err := data.Open(path, data.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func startHarness(t testing.TB, db *data.DB, staff, lang string, w, h int) *harness {
	return startHarnessWith(t, db, ui.Config{Lang: lang, StaffID: staff}, nil, w, h)
}

// startHarnessOn starts the app on store, a wrapper of db that a test
// makes behave as it needs.
func startHarnessOn(t testing.TB, store kit.Store, db *data.DB, staff, lang string, w, h int) *harness {
	return startHarnessWith(t, db, ui.Config{Store: store, Lang: lang, StaffID: staff}, nil, w, h)
}

// startHarnessWith starts the app with cfg (its clock and zone those of
// the tests, its store db unless cfg names a wrapper of it), giving it
// first what the terminal says before the app starts (its colours, its
// background).
func startHarnessWith(t testing.TB, db *data.DB, cfg ui.Config, first []tea.Msg, w, h int) *harness {
	if cfg.Store == nil {
		cfg.Store = db
	}
	cfg.Now, cfg.Location, cfg.NoWait = func() time.Time { return fixedNow }, jst, true
	app := ui.New(cfg)
	hs := &harness{t: t, app: app, w: w, h: h, db: db, staff: cfg.StaffID}
	for _, m := range first {
		hs.send(m)
	}
	hs.run(app.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.app.Update(msg)
	h.run(cmd)
}

// run executes cmd and everything it leads to, depth first.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case tea.QuitMsg:
		h.quit = true
	default:
		if reflect.TypeOf(msg).String() == "tea.sequenceMsg" {
			h.t.Fatalf("sequence commands are not run by this harness")
		}
		h.send(msg)
	}
}

// key sends key presses: names such as "enter", "tab", "ctrl+s", or text.
func (h *harness) key(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// typeText sends each character of s as a key press.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if strings.HasPrefix(k, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is what the person sees, without colours.
func (h *harness) screen() string {
	return ansi.Strip(h.app.View().Content)
}

// checkFrame asserts what every frame must hold: exactly h lines, none
// wider than the terminal, the tab bar on top.
func (h *harness) checkFrame() {
	h.t.Helper()
	content := h.app.View().Content
	lines := strings.Split(content, "\n")
	if len(lines) != h.h {
		h.t.Fatalf("frame has %d lines, want %d:\n%s", len(lines), h.h, ansi.Strip(content))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != h.w {
			h.t.Fatalf("line %d is %d cells wide, want %d: %q", i, w, h.w, ansi.Strip(l))
		}
	}
	if !strings.Contains(ansi.Strip(lines[0]), "コミュニティ") && !strings.Contains(ansi.Strip(lines[0]), "Communities") {
		h.t.Fatalf("tab bar missing from the top line: %q", ansi.Strip(lines[0]))
	}
}

// golden compares the screen with testdata/name.golden.
func (h *harness) golden(name string) {
	h.t.Helper()
	kittest.Golden(h.t, name, h.screen())
}

func (h *harness) mustShow(s string) {
	h.t.Helper()
	if !strings.Contains(h.screen(), s) {
		h.t.Fatalf("screen does not show %q:\n%s", s, h.screen())
	}
}

func (h *harness) mustNotShow(s string) {
	h.t.Helper()
	if strings.Contains(h.screen(), s) {
		h.t.Fatalf("screen shows %q but should not:\n%s", s, h.screen())
	}
}

// selectedLine is the first line under the tab bar drawn on the selection's
// background (the selected row, the marked post), without colours; ""
// when nothing is selected.
func (h *harness) selectedLine() string {
	sel := bgSGR(h.app.Theme().Palette().SelBg)
	for _, l := range strings.Split(h.app.View().Content, "\n")[1:] { // below the tab bar
		if strings.Contains(l, sel) {
			return ansi.Strip(l)
		}
	}
	return ""
}

// bgSGR is the SGR parameters that set c as the background, as lipgloss
// writes them: what marks the selection and the active tab in a frame.
func bgSGR(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("48;2;%d;%d;%d", r>>8, g>>8, b>>8)
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
