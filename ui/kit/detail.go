package kit

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Document is what a renderer returns: the text, no line wider than the
// width it was rendered at, and where its parts begin.
type Document struct {
	Text    string
	Anchors []Anchor
}

// Anchor is a part of a document, such as a post or a section, and the
// line it begins on.
type Anchor struct {
	ID   string
	Line int
}

// DetailPane shows a rendered document and scrolls it. The document is
// rendered in a tea.Cmd (markdown is slow); the pane only slices lines.
type DetailPane struct {
	width  int
	height int
	lines  []string
	offset int
	// mark is a line drawn as selected (mark+1; 0 marks nothing), such as
	// the header of the post that the keys act on.
	mark      int
	markStyle func(string) string
	memo      BlockMemo
}

// SetText shows text; top scrolls to its beginning (another document),
// else the scroll stays (the same one, changed).
func (d *DetailPane) SetText(text string, top bool) {
	if top {
		d.offset = 0
	}
	d.lines = strings.Split(text, "\n")
	d.clamp()
}

// Clear shows nothing.
func (d *DetailPane) Clear() {
	d.lines, d.offset = nil, 0
}

func (d *DetailPane) SetSize(w, h int) {
	d.width, d.height = w, h
	d.clamp()
}

// Width and Height are the pane's size; Offset is the first line shown.
func (d *DetailPane) Width() int  { return d.width }
func (d *DetailPane) Height() int { return d.height }
func (d *DetailPane) Offset() int { return d.offset }

// Scroll moves the text n lines up (n > 0) or down.
func (d *DetailPane) Scroll(n int) {
	d.offset += n
	d.clamp()
}

// ScrollTo shows line first, as far as the text goes.
func (d *DetailPane) ScrollTo(line int) {
	d.offset = line
	d.clamp()
}

// PageUp and PageDown scroll by a screen, keeping one line.
func (d *DetailPane) PageUp()   { d.Scroll(-d.height + 1) }
func (d *DetailPane) PageDown() { d.Scroll(d.height - 1) }

func (d *DetailPane) Top()    { d.offset = 0 }
func (d *DetailPane) Bottom() { d.offset = len(d.lines); d.clamp() }

// Key scrolls for the moving keys of k (up, down, pages, top, bottom); it
// reports whether msg was one of them.
func (d *DetailPane) Key(k KeyMap, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		d.Scroll(-1)
	case key.Matches(msg, k.Down):
		d.Scroll(1)
	case key.Matches(msg, k.PageUp):
		d.PageUp()
	case key.Matches(msg, k.PageDown):
		d.PageDown()
	case key.Matches(msg, k.Top):
		d.Top()
	case key.Matches(msg, k.Bottom):
		d.Bottom()
	default:
		return false
	}
	return true
}

// Mark draws line as selected with style; a negative line marks nothing.
func (d *DetailPane) Mark(line int, style func(string) string) {
	d.mark, d.markStyle = line+1, style
}

func (d *DetailPane) clamp() {
	d.offset = min(d.offset, max(len(d.lines)-d.height, 0))
	d.offset = max(d.offset, 0)
}

// View returns exactly height lines of exactly width cells.
func (d *DetailPane) View() string {
	end := min(d.offset+d.height, len(d.lines))
	var shown []string
	if d.offset < end {
		shown = append(shown, d.lines[d.offset:end]...)
	}
	if m := d.mark - 1 - d.offset; d.mark > 0 && m >= 0 && m < len(shown) && d.markStyle != nil {
		shown[m] = d.markStyle(shown[m])
	}
	return d.memo.Block(strings.Join(shown, "\n"), d.width, d.height)
}
