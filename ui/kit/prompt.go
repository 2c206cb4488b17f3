package kit

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Prompt asks for one line in a box over the screen: a comment on
// approving a plan, the reason for returning it, the hours done, a
// supervisor's scope, a section's heading, the reason for ending a pair.
// Its title is a question in the style of a confirmation (Confirm): it
// names the thing and what the answer does; enter answers, esc gives up.
//
// Two ways to use it. Update answers at once (done and ok on enter).
// Key sends: Send reads the answer and returns the command that writes
// it; the prompt stays open until the screen that gets the result closes
// it, or calls Refused with why the answer was not taken, so that the
// person can correct it.
type Prompt struct {
	Title    string
	Label    string // before the field; "" for none
	Hint     string // under the field; "" says enter answers and esc gives up
	Input    LineInput
	Required bool // an empty answer is refused
	Send     func(text string) (tea.Cmd, error)
	// Err is what was wrong with the last answer, shown under the field
	// until the text changes.
	Err  string
	busy bool
}

// NewPrompt returns a prompt whose answer is at most limit characters.
func NewPrompt(title, hint string, limit int) *Prompt {
	return &Prompt{Title: title, Hint: hint, Input: LineInput{Limit: limit}}
}

// Refused shows why the answer sent was not taken, and lets the person
// send again.
func (p *Prompt) Refused(why string) { p.busy, p.Err = false, why }

// Update edits the answer; it returns done when the person answered (ok)
// or gave up (!ok). A required prompt does not take an empty answer.
func (p *Prompt) Update(c *Common, msg tea.Msg) (done, ok bool) {
	if k, isKey := msg.(tea.KeyPressMsg); isKey {
		switch k.String() {
		case "enter":
			if p.Required && p.Input.Trimmed() == "" {
				p.Err = c.Cat.T("prompt.required", p.name(c))
				return false, false
			}
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

// Key handles a key press or a paste of a prompt that sends (Send);
// closed is true when the person gave up.
func (p *Prompt) Key(c *Common, msg tea.Msg) (cmd tea.Cmd, closed bool) {
	if k, isKey := msg.(tea.KeyPressMsg); isKey && k.String() == "enter" && p.busy {
		return nil, false
	}
	done, ok := p.Update(c, msg)
	switch {
	case !done:
		return nil, false
	case !ok:
		return nil, true
	}
	cmd, err := p.Send(p.Input.Trimmed())
	if err != nil {
		p.Err = c.Cat.Err(err)
		return nil, false
	}
	p.busy, p.Err = true, ""
	return cmd, false
}

// Paste takes pasted text into the field.
func (p *Prompt) Paste(msg tea.PasteMsg) { p.Input.Update(msg) }

// name is what a refusal of an empty answer calls the field.
func (p *Prompt) name(c *Common) string {
	if p.Label != "" {
		return p.Label
	}
	return c.Cat.T("prompt.answer")
}

// width is the box's inside width on a screen w cells wide.
func (p *Prompt) width(w int) int { return max(min(w-8, 70), 20) }

// fieldWidth is what the field takes after its label.
func (p *Prompt) fieldWidth(w int) int {
	if p.Label == "" {
		return p.width(w)
	}
	return p.width(w) - Width(p.Label) - 2
}

// View draws the box for a screen w cells wide: the question, the field,
// what was wrong, and the keys.
func (p *Prompt) View(c *Common, w int) string {
	st := c.Styles
	bw := p.width(w)
	var lines []string
	for _, l := range strings.Split(WrapWords(p.Title, bw), "\n") {
		lines = append(lines, st.Confirm.Render(Fit(l, bw)))
	}
	field, _ := p.Input.View(p.fieldWidth(w))
	field = st.Input.Render(field)
	if p.Label != "" {
		field = st.Label.Render(p.Label+": ") + field
	}
	lines = append(lines, field)
	if p.Err != "" {
		for _, l := range strings.Split(WrapWords(p.Err, bw), "\n") {
			lines = append(lines, st.Error.Render(Fit(l, bw)))
		}
	}
	hint := p.Hint
	if hint == "" {
		hint = c.Cat.T("prompt.hint")
	}
	for _, l := range strings.Split(WrapWords(hint, bw), "\n") {
		lines = append(lines, st.Muted.Render(Fit(l, bw)))
	}
	return st.Overlay.Render(strings.Join(lines, "\n"))
}

// Cursor is the real cursor in the field, for the box drawn by View over
// a screen of w x h with Overlay.
func (p *Prompt) Cursor(c *Common, w, h int) *tea.Cursor {
	box := strings.Split(p.View(c, w), "\n")
	x, y := max((w-Width(box[0]))/2, 0), max((h-len(box))/2, 0)
	titleLines := strings.Count(WrapWords(p.Title, p.width(w)), "\n") + 1
	_, col := p.Input.View(p.fieldWidth(w))
	if p.Label != "" {
		col += Width(p.Label) + 2
	}
	// The border and the padding take two cells on the left and a line on
	// top.
	return tea.NewCursor(x+2+col, y+1+titleLines)
}
