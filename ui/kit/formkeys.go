package kit

import tea "charm.land/bubbletea/v2"

// FormKeys is what a form does with a key before its fields: esc closes,
// first asking when typed text would be lost (y throws it away, any other
// key goes back to the form); ctrl+s saves, one save at a time. A form
// embeds it and asks it first.
type FormKeys struct {
	Discarding bool // asking whether to throw the input away
	Closed     bool
	Saving     bool
}

// Key handles msg for a form whose input is dirty, saving with save
// (which returns nil when it refused before saving). ours is false for a
// message that is neither a key nor a paste; done is true when msg needs
// nothing more from the form.
func (f *FormKeys) Key(msg tea.Msg, dirty bool, save func() tea.Cmd) (cmd tea.Cmd, ours, done bool) {
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		_, paste := msg.(tea.PasteMsg)
		return nil, paste, false
	}
	if f.Discarding {
		f.Discarding = false
		f.Closed = k.String() == "y"
		return nil, true, true
	}
	switch k.String() {
	case "esc":
		if dirty {
			f.Discarding = true
		} else {
			f.Closed = true
		}
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
