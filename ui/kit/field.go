package kit

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// LineInput is a one-line text field. It places the real terminal cursor
// by cell width, so that Japanese IME composition appears where the person
// types (bubbles' textinput counts runes, not cells: bubbles issue 906).
type LineInput struct {
	value  []rune
	pos    int
	width  int
	Limit  int
	offset int // first rune shown, when the text is wider than the field
}

func (f *LineInput) Value() string { return string(f.value) }

func (f *LineInput) SetValue(s string) {
	f.value = []rune(Clean(s))
	f.pos = len(f.value)
}

// Update edits the text for a key press or a paste; it reports whether the
// text changed.
func (f *LineInput) Update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		f.insert(Clean(msg.Content))
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
				f.insert(Clean(msg.Text))
				return true
			}
		}
	}
	return false
}

func (f *LineInput) insert(s string) {
	rs := []rune(s)
	if f.Limit > 0 && len(f.value)+len(rs) > f.Limit {
		rs = rs[:max(f.Limit-len(f.value), 0)]
	}
	f.value = append(f.value[:f.pos], append(rs, f.value[f.pos:]...)...)
	f.pos += len(rs)
}

// View draws the field in exactly w cells and returns the cursor's column
// within it.
func (f *LineInput) View(w int) (string, int) {
	if f.pos < f.offset {
		f.offset = f.pos
	}
	for f.offset < f.pos && Width(string(f.value[f.offset:f.pos])) > w-1 {
		f.offset++
	}
	shown := string(f.value[f.offset:])
	col := Width(string(f.value[f.offset:f.pos]))
	return Fit(shown, w), col
}

// Trimmed is the value without surrounding space.
func (f *LineInput) Trimmed() string { return strings.TrimSpace(f.Value()) }

// Choice draws a value chosen with left and right at a form's value
// column, where text fields begin too: the value, then < > while it has
// the keys.
func Choice(st Styles, text string, focused bool) string {
	if focused {
		return text + st.Key.Render("  < >")
	}
	return text
}
