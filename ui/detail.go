package ui

import (
	"strings"
)

// detailPane shows a rendered document and scrolls it. The document is
// rendered in a tea.Cmd (markdown is slow); the pane only slices lines.
type detailPane struct {
	id     string // what is shown, so that stale renders are dropped
	width  int
	lines  []string
	offset int
	height int
	// mark is a line drawn as selected (mark+1; 0 marks nothing), such as
	// the header of the post that the keys act on.
	mark      int
	markStyle func(string) string
}

// detailRenderedMsg carries a document rendered for one pane at one width.
type detailRenderedMsg struct {
	pane  *detailPane
	id    string
	width int
	text  string
}

func (d *detailPane) Set(msg detailRenderedMsg) {
	if msg.pane != d || msg.width != d.width {
		return
	}
	if itemKey(msg.id) != itemKey(d.id) {
		d.offset = 0 // another item; the same one, changed, keeps its scroll
	}
	d.id = msg.id
	d.lines = strings.Split(msg.text, "\n")
	d.clamp()
}

func (d *detailPane) Clear() {
	d.id, d.lines, d.offset = "", nil, 0
}

func (d *detailPane) SetSize(w, h int) {
	d.width, d.height = w, h
	d.clamp()
}

func (d *detailPane) Scroll(n int) {
	d.offset += n
	d.clamp()
}

func (d *detailPane) Top()    { d.offset = 0 }
func (d *detailPane) Bottom() { d.offset = len(d.lines); d.clamp() }

func (d *detailPane) clamp() {
	d.offset = min(d.offset, max(len(d.lines)-d.height, 0))
	d.offset = max(d.offset, 0)
}

// View returns exactly height lines of exactly width cells.
func (d *detailPane) View() string {
	end := min(d.offset+d.height, len(d.lines))
	var shown []string
	if d.offset < end {
		shown = append(shown, d.lines[d.offset:end]...)
	}
	if m := d.mark - 1 - d.offset; d.mark > 0 && m >= 0 && m < len(shown) && d.markStyle != nil {
		shown[m] = d.markStyle(shown[m])
	}
	return block(strings.Join(shown, "\n"), d.width, d.height)
}
