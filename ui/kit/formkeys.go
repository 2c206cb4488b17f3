package kit

import tea "charm.land/bubbletea/v2"

// FormKeys is what a form does with a key before its fields: esc closes,
// first asking when typed text would be lost (Confirm: y throws it away,
// any other key goes back to the form); ctrl+s saves, one save at a
// time. A form embeds it and asks it first.
type FormKeys struct {
	Closed bool
	Saving bool
}

// Key handles msg for a form whose input is dirty, saving with save
// (which returns nil when it refused before saving). ours is false for a
// message that is neither a key, a paste nor the y to throwing the input
// away; done is true when msg needs nothing more from the form.
func (f *FormKeys) Key(c *Common, msg tea.Msg, dirty bool, save func() tea.Cmd) (cmd tea.Cmd, ours, done bool) {
	if d, ok := msg.(DiscardMsg); ok {
		f.Closed = f.Closed || d.Form == f
		return nil, d.Form == f, true
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		_, paste := msg.(tea.PasteMsg)
		return nil, paste, false
	}
	switch k.String() {
	case "esc":
		if dirty {
			return AskDiscard(c, f), true, true
		}
		f.Closed = true
		return nil, true, true
	case "ctrl+s":
		if f.Saving {
			return nil, true, true
		}
		cmd := save()
		f.Saving = cmd != nil
		return cmd, true, true
	}
	return nil, true, false
}
