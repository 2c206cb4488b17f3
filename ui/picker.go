package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// option is one choice of a picker.
type option struct {
	value string
	label string
}

// picker is a small list to choose one option from, drawn over a screen.
type picker struct {
	title   string
	options []option
	cursor  int
	top     int
}

func newPicker(title string, options []option, current string) *picker {
	p := &picker{title: title, options: options}
	for i, o := range options {
		if o.value == current {
			p.cursor = i
		}
	}
	return p
}

// Update moves the cursor; it returns done when the person chose (ok) or
// gave up (!ok).
func (p *picker) Update(c *Common, msg tea.KeyPressMsg) (done, ok bool) {
	k := c.Keys
	switch {
	case key.Matches(msg, k.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, k.Down):
		p.cursor = min(p.cursor+1, len(p.options)-1)
	case key.Matches(msg, k.Top):
		p.cursor = 0
	case key.Matches(msg, k.Bottom):
		p.cursor = len(p.options) - 1
	case msg.String() == "enter":
		return true, true
	case msg.String() == "esc" || msg.String() == "q":
		return true, false
	}
	return false, false
}

func (p *picker) Selected() option { return p.options[p.cursor] }

// View draws the picker in a box at most h lines high.
func (p *picker) View(c *Common, h int) string {
	rows := max(min(len(p.options), h-4), 1)
	if p.cursor < p.top {
		p.top = p.cursor
	} else if p.cursor >= p.top+rows {
		p.top = p.cursor - rows + 1
	}
	w := width(p.title)
	for _, o := range p.options {
		w = max(w, width(o.label)+2)
	}
	lines := []string{c.Styles.Heading.Render(fit(p.title, w))}
	for i := p.top; i < min(p.top+rows, len(p.options)); i++ {
		l := fit("  "+p.options[i].label, w)
		if i == p.cursor {
			l = c.Styles.Selected.Render(fit("> "+p.options[i].label, w))
		}
		lines = append(lines, l)
	}
	return c.Styles.Overlay.Render(strings.Join(lines, "\n"))
}

// overlay draws box over the middle of base, which is w x h.
func overlay(base, box string, w, h int) string {
	lines := strings.Split(block(base, w, h), "\n")
	boxLines := strings.Split(box, "\n")
	bw := width(boxLines[0])
	x := max((w-bw)/2, 0)
	y := max((h-len(boxLines))/2, 0)
	for i, bl := range boxLines {
		if y+i >= len(lines) {
			break
		}
		l := lines[y+i]
		lines[y+i] = cutLeft(l, x) + fit(bl, min(bw, w-x)) + cutRight(l, x+bw, w)
	}
	return strings.Join(lines, "\n")
}
