package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// What the App does when the disk or the database file fails the person
// (issue 16). Quitting with a draft saves it first (flusher) and quits only
// once it is written; when it cannot be, the form says so and quitting
// asks. When the database file is removed, moved or replaced under the
// program (model.EGONE), the write is refused and a box offers to quit
// without writing anywhere else; the text stays in its form.

// faultMsg handles the App's messages about failed writes; ok is false
// for others.
func (a *App) faultMsg(from owner, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case kit.FlushedMsg:
		if msg.Err == nil {
			a.quitting = true
			return tea.Quit, true
		}
		// The text is only on the screen: its form says so and how to keep
		// it, and quitting asks.
		a.ask = &asking{from: ownerApp, text: a.c.Cat.T("quit.unsaved.draft"), quit: true}
		a.unsaved = true
		var cmd tea.Cmd
		if from >= 0 && int(from) < len(a.screens) {
			cmd = a.toScreen(int(from), msg)
		}
		return tea.Batch(cmd, a.offerQuitIfGone(msg.Err)), true
	case kit.WriteFailedMsg:
		return a.offerQuitIfGone(msg.Err), true
	}
	return nil, false
}

// offerQuitIfGone shows the box that offers to quit the first time err
// says the database file is gone; after the person goes back to the text,
// each refused write says so where it was made, and quitting asks.
func (a *App) offerQuitIfGone(err error) tea.Cmd {
	if model.ErrorCode(err) == model.EGONE && !a.goneSeen {
		a.gone, a.goneSeen = err, true
	}
	return nil
}

// goneKey answers the box: y quits without writing (no draft is saved,
// since there is nowhere to save it); n or esc goes back to the text;
// other keys wait for one of those.
func (a *App) goneKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "y":
		a.quitting = true
		return tea.Quit
	case "n", "esc":
		a.gone = nil
	}
	return nil
}

// goneBox draws the box over body (w x h).
func (a *App) goneBox(body string, w, h int) string {
	st, cat := a.c.Styles, a.c.Cat
	bw := max(min(w-8, 70), 20)
	lines := []string{st.Heading.Render(kit.Fit(cat.T("db.gone.title"), bw)), ""}
	for _, l := range strings.Split(kit.Wrap(kit.Clean(cat.Err(a.gone)), bw), "\n") {
		lines = append(lines, st.Error.Render(kit.Fit(l, bw)))
	}
	lines = append(lines, "", st.Muted.Render(kit.Fit(cat.T("db.gone.keys"), bw)))
	return kit.Overlay(body, st.Overlay.Render(strings.Join(lines, "\n")), w, h)
}
