package people

import (
	"strings"

	"charm.land/lipgloss/v2"

	"hiroba/ui/kit"
)

// page builds a document a line at a time, each line at most w cells,
// counting lines for anchors. Text written by people is wrapped before it
// is styled: wrapping counts cells of plain text.
type page struct {
	b       strings.Builder
	w, n    int
	anchors []kit.Anchor
}

func newPage(w int) *page { return &page{w: w} }

// line adds s, clipped to the width.
func (p *page) line(s string) {
	p.b.WriteString(kit.Clip(s, p.w) + "\n")
	p.n++
}

// wrap adds plain text s in style, wrapped at the width less indent.
func (p *page) wrap(indent int, style lipgloss.Style, s string) {
	pad := strings.Repeat(" ", indent)
	for i, l := range strings.Split(kit.WrapWords(s, max(p.w-indent, 10)), "\n") {
		if i > 0 {
			l = strings.TrimLeft(l, " ") // a break at a space leaves none
		}
		p.line(pad + style.Render(l))
	}
}

// field adds a label in the column of kinds and years, then value, the
// value's further lines under the first.
func (p *page) field(label lipgloss.Style, name string, value string) {
	head := "  " + label.Render(kit.Fit(name, kindWidth))
	for i, l := range strings.Split(kit.WrapWords(value, max(p.w-kindWidth-2, 10)), "\n") {
		if i > 0 {
			head = strings.Repeat(" ", kindWidth+2)
		}
		p.line(head + l)
	}
}

// anchor marks the next line as where id begins.
func (p *page) anchor(id string) { p.anchors = append(p.anchors, kit.Anchor{ID: id, Line: p.n}) }

func (p *page) document() kit.Document {
	return kit.Document{Text: strings.TrimRight(p.b.String(), "\n"), Anchors: p.anchors}
}
