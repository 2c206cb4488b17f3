package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// lineInput is a one-line text field. It places the real terminal cursor
// by cell width, so that Japanese IME composition appears where the person
// types (bubbles' textinput counts runes, not cells: bubbles issue 906).
type lineInput struct {
	value  []rune
	pos    int
	width  int
	limit  int
	offset int // first rune shown, when the text is wider than the field
}

func (f *lineInput) Value() string { return string(f.value) }

func (f *lineInput) SetValue(s string) {
	f.value = []rune(clean(s))
	f.pos = len(f.value)
}

// Update edits the text for a key press or a paste; it reports whether the
// text changed.
func (f *lineInput) Update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		f.insert(clean(msg.Content))
		return true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "left", "ctrl+b":
			f.pos = max(f.pos-1, 0)
		case "right", "ctrl+f":
			f.pos = min(f.pos+1, len(f.value))
		case "home", "ctrl+a":
			f.pos = 0
		case "end", "ctrl+e":
			f.pos = len(f.value)
		case "backspace", "ctrl+h":
			if f.pos > 0 {
				f.value = append(f.value[:f.pos-1], f.value[f.pos:]...)
				f.pos--
				return true
			}
		case "delete", "ctrl+d":
			if f.pos < len(f.value) {
				f.value = append(f.value[:f.pos], f.value[f.pos+1:]...)
				return true
			}
		case "ctrl+u":
			f.value = f.value[f.pos:]
			f.pos = 0
			return true
		case "ctrl+k":
			f.value = f.value[:f.pos]
			return true
		default:
			if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
				f.insert(clean(msg.Text))
				return true
			}
		}
	}
	return false
}

func (f *lineInput) insert(s string) {
	rs := []rune(s)
	if f.limit > 0 && len(f.value)+len(rs) > f.limit {
		rs = rs[:max(f.limit-len(f.value), 0)]
	}
	f.value = append(f.value[:f.pos], append(rs, f.value[f.pos:]...)...)
	f.pos += len(rs)
}

// View draws the field in exactly w cells and returns the cursor's column
// within it.
func (f *lineInput) View(w int) (string, int) {
	if f.pos < f.offset {
		f.offset = f.pos
	}
	for f.offset < f.pos && width(string(f.value[f.offset:f.pos])) > w-1 {
		f.offset++
	}
	shown := string(f.value[f.offset:])
	col := width(string(f.value[f.offset:f.pos]))
	return fit(shown, w), col
}

// trimmed is the value without surrounding space.
func (f *lineInput) trimmed() string { return strings.TrimSpace(f.Value()) }
