package kit

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Prompt asks for one line in a box over the screen, such as a comment on
// approving a plan, the reason for returning it, the hours done, a
// supervisor's scope. Its title names the thing; enter sends, esc gives
// up. What the answer is refused for stays in the box (Refused), so
// that the person can correct it.
type Prompt struct {
	Title    string
	Label    string
	Hint     string
	Input    LineInput
	Required bool // an empty answer is refused before it is sent
	// Send reads the answer and returns the command that writes it, or
	// why the answer cannot be read. The screen that gets the command's
	// result closes the prompt (or calls Refused).
	Send func(text string) (tea.Cmd, error)
	err  string
	busy bool
}

// Refused shows why the answer sent was not taken, and lets the person
// send again.
func (p *Prompt) Refused(why string) { p.busy, p.err = false, why }

// Key handles a key press; closed is true when the person gave up.
func (p *Prompt) Key(c *Common, msg tea.KeyPressMsg) (cmd tea.Cmd, closed bool) {
	switch msg.String() {
	case "esc":
		return nil, true
	case "enter":
		if p.busy {
			return nil, false
		}
		text := p.Input.Trimmed()
		if p.Required && text == "" {
			p.err = c.Cat.T("prompt.required", p.Label)
			return nil, false
		}
		cmd, err := p.Send(text)
		if err != nil {
			p.err = c.Cat.Err(err)
			return nil, false
		}
		p.busy, p.err = true, ""
		return cmd, false
	}
	if p.Input.Update(msg) {
		p.err = ""
	}
	return nil, false
}

// Paste takes pasted text into the field.
func (p *Prompt) Paste(msg tea.PasteMsg) { p.Input.Update(msg) }

// width is the box's inside width on a screen w cells wide.
func (p *Prompt) width(w int) int { return max(min(w-8, 70), 20) }

// fieldWidth is what the field takes after its label.
func (p *Prompt) fieldWidth(w int) int { return p.width(w) - Width(p.Label) - 2 }

// View draws the box for a screen w cells wide.
func (p *Prompt) View(c *Common, w int) string {
	st := c.Styles
	bw := p.width(w)
	var lines []string
	for _, l := range strings.Split(WrapWords(p.Title, bw), "\n") {
		lines = append(lines, st.Heading.Render(Fit(l, bw)))
	}
	field, _ := p.Input.View(p.fieldWidth(w))
	lines = append(lines, st.Label.Render(p.Label+": ")+field)
	if p.err != "" {
		for _, l := range strings.Split(WrapWords(p.err, bw), "\n") {
			lines = append(lines, st.Error.Render(Fit(l, bw)))
		}
	}
	lines = append(lines, st.Muted.Render(Fit(p.Hint, bw)))
	return st.Overlay.Render(strings.Join(lines, "\n"))
}

// Cursor is the real cursor in the field, for the box drawn by View over
// a screen of w x h with Overlay.
func (p *Prompt) Cursor(c *Common, w, h int) *tea.Cursor {
	box := strings.Split(p.View(c, w), "\n")
	x, y := max((w-Width(box[0]))/2, 0), max((h-len(box))/2, 0)
	titleLines := strings.Count(WrapWords(p.Title, p.width(w)), "\n") + 1
	_, col := p.Input.View(p.fieldWidth(w))
	// The border and the padding take two cells on the left and a line on
	// top.
	return tea.NewCursor(x+2+Width(p.Label)+2+col, y+1+titleLines)
}
