package kit

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Option is one choice of a picker.
type Option struct {
	Value string
	Label string
}

// Picker is a small list to choose one option from, drawn over a screen.
type Picker struct {
	title   string
	options []Option
	cursor  int
	top     int
}

func NewPicker(title string, options []Option, current string) *Picker {
	p := &Picker{title: title, options: options}
	for i, o := range options {
		if o.Value == current {
			p.cursor = i
		}
	}
	return p
}

// Update moves the cursor; it returns done when the person chose (ok) or
// gave up (!ok).
func (p *Picker) Update(c *Common, msg tea.KeyPressMsg) (done, ok bool) {
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

// Selected is the option under the cursor.
func (p *Picker) Selected() Option { return p.options[p.cursor] }

// Index is the position of the option under the cursor.
func (p *Picker) Index() int { return p.cursor }

// View draws the picker in a box at most h lines high.
func (p *Picker) View(c *Common, h int) string {
	rows := max(min(len(p.options), h-4), 1)
	if p.cursor < p.top {
		p.top = p.cursor
	} else if p.cursor >= p.top+rows {
		p.top = p.cursor - rows + 1
	}
	w := Width(p.title)
	for _, o := range p.options {
		w = max(w, Width(o.Label)+2)
	}
	lines := []string{c.Styles.Heading.Render(Fit(p.title, w))}
	for i := p.top; i < min(p.top+rows, len(p.options)); i++ {
		l := Fit("  "+p.options[i].Label, w)
		if i == p.cursor {
			l = c.Styles.Selected.Render(Fit("> "+p.options[i].Label, w))
		}
		lines = append(lines, l)
	}
	return c.Styles.Overlay.Render(strings.Join(lines, "\n"))
}

// Overlay draws box over the middle of base, which is w x h.
func Overlay(base, box string, w, h int) string {
	lines := strings.Split(Block(base, w, h), "\n")
	boxLines := strings.Split(box, "\n")
	bw := Width(boxLines[0])
	x := max((w-bw)/2, 0)
	y := max((h-len(boxLines))/2, 0)
	for i, bl := range boxLines {
		if y+i >= len(lines) {
			break
		}
		l := lines[y+i]
		lines[y+i] = cutLeft(l, x) + Fit(bl, min(bw, w-x)) + cutRight(l, x+bw, w)
	}
	return strings.Join(lines, "\n")
}
