// Package kittest helps the screens' tests: a catalogue with a fixed clock
// and zone, and golden files of rendered documents whose every line is
// checked against the width.
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

// Now is the clock of every document test: 20 November 2026, 19:00 in
// Japan.
var Now = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// JST is the zone dates are shown in.
var JST = time.FixedZone("JST", 9*60*60)

// Catalog is the catalogue for lang with the fixed clock and zone.
func Catalog(lang string) *kit.Catalog {
	return kit.NewCatalog(lang, JST, func() time.Time { return Now })
}

// Document checks doc, rendered at w cells: no line wider than w, every
// anchor on a line of the text; then compares the text without colours,
// and the anchors, with testdata/name.golden.
func Document(t *testing.T, name string, doc kit.Document, w int) {
	t.Helper()
	lines := strings.Split(doc.Text, "\n")
	for i, l := range lines {
		if got := ansi.StringWidth(l); got > w {
			t.Errorf("%s: line %d is %d cells wide, more than %d: %q", name, i, got, w, ansi.Strip(l))
		}
	}
	var b strings.Builder
	b.WriteString(ansi.Strip(doc.Text) + "\n")
	for _, a := range doc.Anchors {
		if a.Line < 0 || a.Line >= len(lines) {
			t.Errorf("%s: anchor %s at line %d, outside the %d lines", name, a.ID, a.Line, len(lines))
			continue
		}
		fmt.Fprintf(&b, "--- anchor %s: line %d: %s\n", a.ID, a.Line, strings.TrimSpace(ansi.Strip(lines[a.Line])))
	}
	got := b.String()
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
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}
