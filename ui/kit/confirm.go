package kit

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Every y/n question of hiroba is asked the same way, in the same place:
// on the status line, in the Confirm style, as a sentence that names the
// thing and what will happen, followed by (y/n). The screen sends the
// question with Confirm; the app draws it, takes the next key and runs
// the answer's command for the screen that asked. y says yes; n says no
// where no is an answer of its own (declining an invitation); any other
// key gives up.

// ConfirmMsg asks the app a y/n question for the screen that sent it.
// Then, when set, is called on y (in Update, so it may change the
// screen, such as opening a prompt) for the command to run.
type ConfirmMsg struct {
	Text    string
	Yes, No tea.Cmd
	Then    func() tea.Cmd
}

// Confirm asks text; y runs yes.
func Confirm(text string, yes tea.Cmd) tea.Cmd {
	return func() tea.Msg { return ConfirmMsg{Text: text, Yes: yes} }
}

// ConfirmThen asks text; y calls then, in Update, and runs the command
// it returns.
func ConfirmThen(text string, then func() tea.Cmd) tea.Cmd {
	return func() tea.Msg { return ConfirmMsg{Text: text, Then: then} }
}

// ConfirmOr asks text; y runs yes and n runs no.
func ConfirmOr(text string, yes, no tea.Cmd) tea.Cmd {
	return func() tea.Msg { return ConfirmMsg{Text: text, Yes: yes, No: no} }
}

// StatusLines draws a sentence of the status line in lines of exactly w
// cells, at most max of them: a long sentence wraps rather than being
// cut, and only what passes max lines is cut. suffix (a question's
// (y/n)) ends the last line and is never cut.
func StatusLines(text, suffix string, style lipgloss.Style, w, most int) []string {
	room := max(w-2, 4)
	text = Clean(text)
	if suffix != "" {
		text += " " + suffix
	}
	lines := strings.Split(WrapWords(text, room), "\n")
	if len(lines) > most {
		lines = lines[:most]
		last := strings.TrimSuffix(lines[most-1], suffix)
		if suffix != "" {
			last = Clip(last, room-Width(suffix)-1) + " " + suffix
		} else {
			last = Clip(last+"…", room)
		}
		lines[most-1] = last
	}
	for i, l := range lines {
		lines[i] = Fit(" "+style.Render(l), w)
	}
	return lines
}

// ConfirmLines draws a question on the status line in lines of exactly w
// cells, ending in (y/n).
func ConfirmLines(c *Common, text string, w int) []string {
	return StatusLines(text, c.Cat.T("confirm.yn"), c.Styles.Confirm, w, 3)
}

// DiscardMsg closes a form without saving, once the person said y to
// throwing its input away (FormKeys, TextForm and the screens' forms).
type DiscardMsg struct{ Form any }

// AskDiscard asks whether to throw the input of form away; y sends it a
// DiscardMsg. The question names what is lost (what was written) and
// that it cannot be undone, not the form: it is asked over the form.
func AskDiscard(c *Common, form any) tea.Cmd {
	return Confirm(c.Cat.T("form.discard"), func() tea.Msg { return DiscardMsg{Form: form} })
}
