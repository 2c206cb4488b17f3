package kit

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// cells lays a plain line out one terminal cell per entry; the second cell
// of a wide character is "".
func cells(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, string(r))
		if Width(string(r)) == 2 {
			out = append(out, "")
		}
	}
	return out
}

// rightOf returns the cells from x on as text; half a wide character at x
// reads as a space.
func rightOf(s string, x int) string {
	c := cells(s)[x:]
	if c[0] == "" {
		c[0] = " "
	}
	return strings.Join(c, "")
}

// An overlay covers its box and leaves every other cell of the lines under
// it where it was, with Japanese and colours on both sides.
func TestOverlayKeepsCellsAroundTheBox(t *testing.T) {
	red := lipgloss.NewStyle().Foreground(lipgloss.Color("#FF0000"))
	line := red.Render("知ってて") + "あたりまえのことでも聞ける場所" + red.Render("|") + "相談  広域圏  公開  メンバー 24人"
	// Lines shifted by one cell, so that wide characters straddle both
	// edges of the box on some of them.
	var lines []string
	for i := 0; i < 6; i++ {
		lines = append(lines, Fit(strings.Repeat(" ", i%2)+line, 80))
	}
	base := strings.Join(lines, "\n")
	// Boxes of every width from 8 to 20 put their right edge on every
	// kind of cell.
	for bw := 8; bw <= 20; bw++ {
		box := strings.Join([]string{"+" + strings.Repeat("-", bw-2) + "+", Fit("| 選ぶ", bw-1) + "|", "+" + strings.Repeat("-", bw-2) + "+"}, "\n")
		x := (80 - bw) / 2
		out := strings.Split(Overlay(base, box, 80, 6), "\n")
		for i, l := range out {
			if w := ansi.StringWidth(l); w != 80 {
				t.Fatalf("box %d: line %d is %d cells", bw, i, w)
			}
			got, want := rightOf(ansi.Strip(l), x+bw), rightOf(ansi.Strip(lines[i]), x+bw)
			if got != want {
				t.Fatalf("box %d, line %d, right of the box:\n got %q\nwant %q", bw, i, got, want)
			}
		}
	}
}

// TestFilterPickerMatchesReadings: typing narrows a picker by the name,
// by its reading in hiragana or katakana, and by romaji.
func TestFilterPickerMatchesReadings(t *testing.T) {
	c := &Common{Cat: NewCatalog("ja", nil, nil), Styles: DefaultStyles()}
	c.Keys = NewKeyMap(c.Cat)
	opts := []Option{MunicipalityOption("1", "郡山市"), MunicipalityOption("2", "須賀川市"), {Value: "3", Label: "カフェ部"}}
	// "/" first, as a person used to the other filters types, is not
	// looked for: the filter line already begins with it.
	for _, typed := range []string{"郡山", "こおり", "コオリ", "kori", "ＫＯＲＩ", "/郡山"} {
		p := NewFilterPicker("自治体", opts, "")
		for _, r := range typed {
			p.Update(c, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		if got := p.Selected(); got.Value != "1" || len(p.shown) != 1 {
			t.Errorf("%q: %d shown, selected %+v", typed, len(p.shown), got)
		}
	}
	p := NewFilterPicker("部", opts, "")
	for _, r := range "かふぇ" {
		p.Update(c, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if p.Selected().Value != "3" {
		t.Errorf("かふぇ did not find カフェ部: %+v", p.Selected())
	}
}
