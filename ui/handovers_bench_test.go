package ui_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui/kit"
)

// longSection is about 10,000 characters of markdown of the kind a
// handover holds: headings, lists, a table, paragraphs; n makes each line
// its own.
func longSection(n, edit int) string {
	var b strings.Builder
	for i := 0; utf8.RuneCountInString(b.String()) < 10000; i++ {
		fmt.Fprintf(&b, "## 第%d項 %d月の作業\n\n", i+1, i%12+1)
		fmt.Fprintf(&b, "- 各課に **予算要求** の通知を出す (%d-%d)。締切は第2金曜日。\n", n, i)
		fmt.Fprintf(&b, "- ヒアリングの資料は共有フォルダの `%02d_予算` にある。\n", i)
		if edit > 0 && i%edit == 0 {
			fmt.Fprintf(&b, "- 今年から電子決裁で回す (%d)。\n", i)
		}
		fmt.Fprintf(&b, "\n| 月 | 作業 | 相手先 |\n| --- | --- | --- |\n| %d月 | 出納整理 | 会計課 |\n| %d月 | 交付税の算定 | 県 市町村財政課 |\n\n", i%12+1, (i+3)%12+1)
		fmt.Fprintf(&b, "前年度の数字をそのまま使わないこと (%d-%d)。毎年、算定方法の改正がある。歳入の見込みは甘く見ない。決算で歳入不足になると補正で大騒ぎになる。\n\n", n, i)
	}
	return b.String()
}

// benchHandover makes a small database with one note of about 60,000
// characters in six sections (some 30 printed pages) and a second
// revision that changes about one line in twenty.
func benchHandover(b *testing.B) (*data.DB, string, string) {
	b.Helper()
	db, err := data.Open(filepath.Join(b.TempDir(), "handover.db"), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	me := &model.Staff{Name: "熊田 剛", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "財務部 財政課"}
	if err := db.CreateStaff(context.Background(), me); err != nil {
		b.Fatal(err)
	}
	ctx := model.WithViewer(context.Background(), me.ID)
	h := &model.Handover{Duty: "歳入予算の編成・地方交付税", EffectiveDate: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)}
	for i, t := range model.DefaultSectionTitles {
		h.Sections = append(h.Sections, model.HandoverSection{Title: t, Body: longSection(i, 0)})
	}
	if err := db.CreateHandover(ctx, h); err != nil {
		b.Fatal(err)
	}
	chars := 0
	secs := h.Sections
	for i := range secs {
		secs[i].Body = longSection(i, 4)
		chars += len([]rune(secs[i].Body))
	}
	if _, err := db.SaveSections(ctx, h.ID, h.Revision, secs); err != nil {
		b.Fatal(err)
	}
	benchChars = chars
	return db, me.ID, h.ID
}

// benchChars is the size of the benchmark's note, reported by each
// benchmark (ResetTimer forgets metrics reported before it).
var benchChars int

// runUntil runs cmd and what follows, like the harness, until the app has
// taken a message of the type named stop (the first frame that shows
// what was asked for); the commands left are returned, not run.
func runUntil(h *harness, cmd tea.Cmd, stop string) (left []tea.Cmd, done bool) {
	if cmd == nil {
		return nil, false
	}
	msg := cmd()
	switch m := msg.(type) {
	case nil:
		return nil, false
	case tea.BatchMsg:
		for i, c := range m {
			rest, ok := runUntil(h, c, stop)
			if ok {
				return append(rest, m[i+1:]...), true
			}
		}
		return nil, false
	}
	_, next := h.app.Update(msg)
	if messageType(msg) == stop {
		return []tea.Cmd{next}, true
	}
	return runUntil(h, next, stop)
}

// messageType names msg's type, or for a result on its way to the screen
// that asked for it (ui.routed), the type of the result.
func messageType(msg tea.Msg) string {
	v := reflect.ValueOf(msg)
	if v.Type().String() == "ui.routed" {
		if inner := v.FieldByName("msg"); inner.IsValid() && !inner.IsNil() {
			return inner.Elem().Type().String()
		}
	}
	return v.Type().String()
}

// BenchmarkHandoverOpen measures opening the long note from the search or
// the inbox at 160x50 until its first frame shows it: load, questions,
// and rendering what the screen shows first. The markdown cache is
// emptied each time; the rest of the note is rendered afterwards, outside
// the timing (BenchmarkHandoverRenderWhole has it).
func BenchmarkHandoverOpen(b *testing.B) {
	db, staff, id := benchHandover(b)
	h := startHarness(b, db, staff, "ja", 160, 50)
	h.key("3")
	b.ResetTimer()
	b.ReportMetric(float64(benchChars), "chars")
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		kit.ForgetMarkdown()
		h.key("esc")
		b.StartTimer()
		left, ok := runUntil(h, func() tea.Msg { return kit.OpenMsg{Kind: kit.OpenHandover, ID: id} }, "kit.readerMsg")
		if !ok {
			b.Fatal("the note was never shown")
		}
		_ = h.app.View()
		b.StopTimer()
		if !strings.Contains(h.screen(), "## 業務概要") {
			b.Fatalf("not shown:\n%s", h.screen())
		}
		for _, c := range left {
			h.run(c)
		}
		b.StartTimer()
	}
}

// BenchmarkHandoverRenderWhole measures the same, through to the whole
// note rendered (what scrolling to the end needs).
func BenchmarkHandoverRenderWhole(b *testing.B) {
	db, staff, id := benchHandover(b)
	h := startHarness(b, db, staff, "ja", 160, 50)
	h.key("3")
	b.ResetTimer()
	b.ReportMetric(float64(benchChars), "chars")
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		kit.ForgetMarkdown()
		h.key("esc")
		b.StartTimer()
		h.send(kit.OpenMsg{Kind: kit.OpenHandover, ID: id})
	}
}

// BenchmarkHandoverScroll measures one line of scrolling through the open
// note at 160x50: the key press and the frame.
func BenchmarkHandoverScroll(b *testing.B) {
	db, staff, id := benchHandover(b)
	h := startHarness(b, db, staff, "ja", 160, 50)
	h.key("3")
	h.send(kit.OpenMsg{Kind: kit.OpenHandover, ID: id})
	down, up := keyMsg("j"), keyMsg("k")
	b.ResetTimer()
	b.ReportMetric(float64(benchChars), "chars")
	for i := 0; i < b.N; i++ {
		k := down
		if i/500%2 == 1 {
			k = up
		}
		h.app.Update(k)
		_ = h.app.View()
	}
}

// BenchmarkHandoverDiff measures showing the diff of the note's two
// revisions at 160x50: reading both, diffing every section and drawing the
// first frame.
func BenchmarkHandoverDiff(b *testing.B) {
	db, staff, id := benchHandover(b)
	h := startHarness(b, db, staff, "ja", 160, 50)
	h.key("3")
	h.send(kit.OpenMsg{Kind: kit.OpenHandover, ID: id})
	h.key("L")
	b.ResetTimer()
	b.ReportMetric(float64(benchChars), "chars")
	for i := 0; i < b.N; i++ {
		h.key("enter")
		_ = h.app.View()
		b.StopTimer()
		if !strings.Contains(h.screen(), "+ - 今年から電子決裁で回す") {
			b.Fatalf("no diff:\n%s", h.screen())
		}
		h.key("esc")
		b.StartTimer()
	}
}
