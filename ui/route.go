package ui

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
)

// How a message finds its screen.
//
// Every screen and layer is an owner: the tabs are owners 0, 1 ... in order, the
// sign-up form is ownerSignup, and each search, inbox or admin layer gets
// a new number when it opens. The App wraps every command it receives
// from an owner (route), so that the message the command brings back
// arrives in an envelope, routed{to, msg}. Update opens the envelope and
// gives the message to that owner and to no other; a message for an owner
// that is gone (a closed layer) is dropped. A message meant for the App
// itself (kit.StatusMsg, kit.OpenMsg, closeLayerMsg, kit.ExecMsg, a
// signed-in person) is handled by the App, whoever sent it.
//
// Messages without an envelope come from the terminal or from the App's
// own commands. Window size and data changes (and the theme, when there
// is one) go to every started screen; keys, pastes, clicks and every
// other event of the terminal go to what is on top: the sign-up form, the
// layer, or the active screen.
//
// So screens need no message types of their own to stay apart: two
// screens may both debounce with a tick of the same shape and never see
// each other's.

// owner is a screen or a layer that asked for something.
type owner int

// ownerSignup owns the first-start form's commands; ownerApp stands for
// the App's own commands and the terminal, whose messages come without an
// envelope.
const (
	ownerSignup owner = -1
	ownerApp    owner = -2
)

// routed is a message on its way back to the owner whose command made it.
type routed struct {
	to  owner
	msg tea.Msg
}

// route wraps cmd so that whatever it brings back comes to to.
func route(to owner, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return envelop(to, cmd()) }
}

var (
	cmdType = reflect.TypeOf(tea.Cmd(nil))
	teaPkg  = reflect.TypeOf(tea.QuitMsg{}).PkgPath()
)

// envelop puts msg in an envelope for to. A list of commands (tea.Batch,
// tea.Sequence) stays a list of the same kind, each command routed; any
// other message of Bubble Tea itself (quit, window title ...) is for the
// runtime and goes as it is.
func envelop(to owner, msg tea.Msg) tea.Msg {
	if msg == nil {
		return nil
	}
	t := reflect.TypeOf(msg)
	if t.Kind() == reflect.Slice && t.Elem() == cmdType {
		v := reflect.ValueOf(msg)
		out := reflect.MakeSlice(t, v.Len(), v.Len())
		for i := range v.Len() {
			cmd, _ := v.Index(i).Interface().(tea.Cmd)
			out.Index(i).Set(reflect.ValueOf(route(to, cmd)))
		}
		return out.Interface()
	}
	if t.PkgPath() == teaPkg {
		return msg
	}
	return routed{to: to, msg: msg}
}
