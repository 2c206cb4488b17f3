package kit

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// LinePrompt is a one-line question in a box over a screen, such as the
// reason for ending a pair: enter answers, esc gives up.
type LinePrompt struct {
	Title string
	Help  string
	Input LineInput
	Err   string // what was wrong with the last answer, shown under it
}

// NewLinePrompt returns a prompt whose answer is at most limit characters.
func NewLinePrompt(title, help string, limit int) *LinePrompt {
	return &LinePrompt{Title: title, Help: help, Input: LineInput{Limit: limit}}
}

// Update edits the answer; it returns done when the person answered (ok)
// or gave up (!ok).
func (p *LinePrompt) Update(msg tea.Msg) (done, ok bool) {
	if k, isKey := msg.(tea.KeyPressMsg); isKey {
		switch k.String() {
		case "enter":
			return true, true
		case "esc":
			return true, false
		}
	}
	if p.Input.Update(msg) {
		p.Err = ""
	}
	return false, false
}

// linePromptWidth is the field's width on a screen w cells wide.
func linePromptWidth(w int) int { return max(min(w-8, 70), 10) }

// View draws the box for a screen w cells wide.
func (p *LinePrompt) View(c *Common, w int) string {
	st := c.Styles
	fw := linePromptWidth(w)
	field, _ := p.Input.View(fw)
	lines := []string{st.Heading.Render(Fit(p.Title, fw)), field}
	if p.Err != "" {
		lines = append(lines, st.Error.Render(Fit(p.Err, fw)))
	}
	lines = append(lines, st.Muted.Render(Fit(p.Help, fw)))
	return st.Overlay.Render(strings.Join(lines, "\n"))
}

// Cursor is the real cursor in the field of the box drawn with Overlay
// over a screen of w x h.
func (p *LinePrompt) Cursor(c *Common, w, h int) *tea.Cursor {
	box := strings.Split(p.View(c, w), "\n")
	x := max((w-Width(box[0]))/2, 0)
	y := max((h-len(box))/2, 0)
	_, col := p.Input.View(linePromptWidth(w))
	return tea.NewCursor(x+2+col, y+2)
}
