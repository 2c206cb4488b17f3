package people

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/ui/kit"
)

// ask is what a view asks over itself, one at a time: a picker or a
// one-line prompt. The answer goes to the function given. A y/n question
// is the app's (confirm).
type ask struct {
	picker *kit.Picker
	prompt *kit.Prompt
	onPick func(kit.Option) tea.Cmd
	onText func(string) tea.Cmd
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

// confirm asks question on the status line (kit.Confirm); y runs yes,
// any other key gives up. Nothing stays asked over the view.
func confirm(question string, yes func() tea.Cmd) (*ask, tea.Cmd) {
	return nil, kit.ConfirmThen(question, yes)
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
		finished, ok := a.prompt.Update(c, msg)
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
	return nil, false
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

// over is what a view draws over itself: a form that fills it, or a
// question over it. While either is open it takes the keys.
type over struct {
	ask  *ask
	form formView
}

// formView is a form drawn over the whole view: the profile, a 面談, the
// three questions, a message, a programme.
type formView interface {
	Update(msg tea.Msg) (tea.Cmd, bool)
	View() string
	Cursor() *tea.Cursor
	SetSize(w, h int)
	Dirty() bool
	Closed() bool
}

func (o *over) capturing() bool { return o.ask != nil || o.form != nil }
func (o *over) dirty() bool     { return o.form != nil && o.form.Dirty() }

// help is the key line while a list is asked over the view: its own
// keys; nil for a form or a prompt, which say their keys themselves.
func (o *over) help(k kit.KeyMap) []key.Binding {
	if o.form == nil && o.ask != nil && o.ask.picker != nil {
		return k.PickerHelp()
	}
	return nil
}

// show opens the form f at w x h.
func (o *over) show(f formView, w, h int) {
	f.SetSize(w, h)
	o.form = f
}

// update gives msg to the open form or question; used is false when
// neither is open or took it. No key goes past either.
func (o *over) update(c *kit.Common, msg tea.Msg) (tea.Cmd, bool) {
	_, isKey := msg.(tea.KeyPressMsg)
	switch {
	case o.form != nil:
		f := o.form
		cmd, ok := f.Update(msg)
		if f.Closed() && o.form == f {
			o.form = nil
		}
		return cmd, ok || isKey
	case o.ask != nil:
		cmd, done := answer(c, &o.ask, msg)
		return cmd, done || cmd != nil || isKey
	}
	return nil, false
}

// route gives msg to the open form or question, else a key to key; used
// is false for any other message.
func (o *over) route(c *kit.Common, msg tea.Msg, key func(tea.KeyPressMsg) tea.Cmd) (tea.Cmd, bool) {
	if cmd, used := o.update(c, msg); used {
		return cmd, true
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return key(k), true
	}
	return nil, false
}

// failed shows the store's refusal on the open form, if it can take one.
func (o *over) failed(err error) bool {
	if f, ok := o.form.(interface{ failed(error) }); ok {
		f.failed(err)
		return true
	}
	return false
}

// view draws the form, or base with the question over it, in w x h.
func (o *over) view(c *kit.Common, base func() string, w, h int) string {
	if o.form != nil {
		return o.form.View()
	}
	out := base()
	if o.ask != nil {
		out = o.ask.view(c, out, w, h)
	}
	return out
}

// cursor is the real cursor in the form or the question, if any.
func (o *over) cursor(c *kit.Common, w, h int) *tea.Cursor {
	switch {
	case o.form != nil:
		return o.form.Cursor()
	case o.ask != nil:
		return o.ask.cursor(c, w, h)
	}
	return nil
}
