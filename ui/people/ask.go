package people

import (
	tea "charm.land/bubbletea/v2"

	"hiroba/ui/kit"
)

// ask is what a view asks over itself, one at a time: a picker, a
// one-line prompt, or a y/n question on the status line that names the
// thing and what will happen. The answer goes to the function given.
type ask struct {
	picker   *kit.Picker
	prompt   *kit.Prompt
	question string
	onPick   func(kit.Option) tea.Cmd
	onText   func(string) tea.Cmd
	onYes    func() tea.Cmd
	// onNo, when set, is what n does; otherwise n gives up like esc.
	onNo func() tea.Cmd
	// check, when set, refuses a prompt's answer with a sentence shown
	// under the field; the prompt stays open.
	check func(string) string
}

// pick asks to choose one of options; a filter picker for long lists.
func pick(title string, options []kit.Option, filter bool, on func(kit.Option) tea.Cmd) *ask {
	p := kit.NewPicker(title, options, "")
	if filter {
		p = kit.NewFilterPicker(title, options, "")
	}
	return &ask{picker: p, onPick: on}
}

// prompt asks for one line of text.
func prompt(title, help string, limit int, on func(string) tea.Cmd) *ask {
	return &ask{prompt: kit.NewPrompt(title, help, limit), onText: on}
}

// confirm asks question on the status line; y runs yes, any other key
// gives up.
func confirm(question string, yes func() tea.Cmd) (*ask, tea.Cmd) {
	return &ask{question: question, onYes: yes}, kit.StatusCmd(question, true)
}

// update gives msg to what is asked; done is true when it closed.
func (a *ask) update(c *kit.Common, msg tea.Msg) (cmd tea.Cmd, done bool) {
	switch {
	case a.picker != nil:
		finished, ok := a.picker.Update(c, msg)
		if !finished {
			return nil, false
		}
		if ok {
			return a.onPick(a.picker.Selected()), true
		}
		return nil, true
	case a.prompt != nil:
		finished, ok := a.prompt.Update(msg)
		if !finished {
			return nil, false
		}
		if !ok {
			return nil, true
		}
		text := a.prompt.Input.Trimmed()
		if a.check != nil {
			if a.prompt.Err = a.check(text); a.prompt.Err != "" {
				return nil, false
			}
		}
		return a.onText(text), true
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		return nil, false
	}
	if k.String() == "y" {
		return tea.Batch(kit.StatusCmd("", false), a.onYes()), true
	}
	if k.String() == "n" && a.onNo != nil {
		return tea.Batch(kit.StatusCmd("", false), a.onNo()), true
	}
	return kit.StatusCmd("", false), true
}

// view draws what is asked over base, a screen of w x h.
func (a *ask) view(c *kit.Common, base string, w, h int) string {
	switch {
	case a.picker != nil:
		a.picker.MaxWidth = w
		return kit.Overlay(base, a.picker.View(c, h), w, h)
	case a.prompt != nil:
		return kit.Overlay(base, a.prompt.View(c, w), w, h)
	}
	return base
}

// cursor is the real cursor of what is asked over a screen of w x h.
func (a *ask) cursor(c *kit.Common, w, h int) *tea.Cursor {
	switch {
	case a.picker != nil:
		a.picker.MaxWidth = w
		return a.picker.Cursor(c, w, h)
	case a.prompt != nil:
		return a.prompt.Cursor(c, w, h)
	}
	return nil
}

// answer gives msg to the question in *slot, and forgets the question
// once it closed, unless its answer asked another in its place.
func answer(c *kit.Common, slot **ask, msg tea.Msg) (tea.Cmd, bool) {
	a := *slot
	cmd, done := a.update(c, msg)
	if done && *slot == a {
		*slot = nil
	}
	return cmd, done
}
