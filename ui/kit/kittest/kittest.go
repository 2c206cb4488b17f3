// Package kittest helps the interface's tests: a catalogue with a fixed
// clock and zone, golden files (go test -update writes them anew), and
// rendered documents whose every line is checked against the width.
package kittest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"hiroba/ui/kit"
)

var update = flag.Bool("update", false, "write the golden files anew")

// Now is the clock of every interface test, so that "3日前" and the
// agenda do not change from day to day: Friday 20 November 2026, 19:00 in
// Japan.
var Now = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// JST is the zone dates are shown in.
var JST = time.FixedZone("JST", 9*60*60)

// Catalog is the catalogue for lang with the fixed clock and zone.
func Catalog(lang string) *kit.Catalog {
	return kit.NewCatalog(lang, JST, func() time.Time { return Now })
}

// Golden compares got with testdata/name.golden, or writes it there when
// the tests run with -update.
func Golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// Size is a language and a width to render a document at.
type Size struct {
	Lang  string
	Width int
}

// Documents renders a document at each size and checks it: no line wider
// than the width, every anchor on a line of the text; then compares the
// text without colours, and the anchors, with the golden file
// name_lang_width.
func Documents(t *testing.T, name string, render func(cat *kit.Catalog, w int) kit.Document, sizes ...Size) {
	t.Helper()
	for _, s := range sizes {
		doc := render(Catalog(s.Lang), s.Width)
		file := fmt.Sprintf("%s_%s_%d", name, s.Lang, s.Width)
		lines := strings.Split(doc.Text, "\n")
		for i, l := range lines {
			if got := ansi.StringWidth(l); got > s.Width {
				t.Errorf("%s: line %d is %d cells wide, more than %d: %q", file, i, got, s.Width, ansi.Strip(l))
			}
		}
		var b strings.Builder
		b.WriteString(ansi.Strip(doc.Text) + "\n")
		for _, a := range doc.Anchors {
			if a.Line < 0 || a.Line >= len(lines) {
				t.Errorf("%s: anchor %s at line %d, outside the %d lines", file, a.ID, a.Line, len(lines))
				continue
			}
			fmt.Fprintf(&b, "--- anchor %s: line %d: %s\n", a.ID, a.Line, strings.TrimSpace(ansi.Strip(lines[a.Line])))
		}
		Golden(t, file, b.String())
	}
}

// TableBars are the cells at which line, drawn without colours, has a
// markdown table's bar between columns or the plus of the rule under its
// header: the same on every line of a table whose grid holds.
func TableBars(line string) []int {
	var at []int
	cell := 0
	for _, r := range line {
		if r == '|' || r == '+' {
			at = append(at, cell)
		}
		cell += ansi.StringWidth(string(r))
	}
	return at
}
