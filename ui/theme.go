package ui

import (
	"io"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"hiroba/ui/kit"
)

// The theme: hiroba draws with a light or a dark palette, and without
// colours on a terminal that has none to offer (NO_COLOR, 16 colours or
// fewer). --theme or COLORFGBG decide the background (ThemeFromEnv);
// otherwise the app asks the terminal, and waits a moment for the answer
// before the screens start, since renders in commands read the styles
// and must not see them change. A terminal that does not answer keeps
// the dark palette. The question is followed by one every terminal
// answers (primary device attributes, DA1): terminals answer in order,
// so DA1's answer without a background before it means there will be
// none, and the app starts at once instead of waiting out themeWait.

// themeWait is how long the app waits for the terminal's background when
// the terminal answers neither question.
const themeWait = 300 * time.Millisecond

// themeWaitMsg ends the wait for the terminal's background.
type themeWaitMsg struct{}

// ThemeFromEnv is the background --theme names ("light" or "dark"), else
// the one COLORFGBG gives ("15;0" is white on black), else "": ask the
// terminal.
func ThemeFromEnv(flag, colorFGBG string) string {
	if flag != "" {
		return flag
	}
	return themeFromColorFGBG(colorFGBG)
}

// themeFromColorFGBG reads the background of COLORFGBG, "fg;bg" or
// "fg;default;bg": the light colours of the 16 are 7 and 9 to 15, as
// vim reads it.
func themeFromColorFGBG(v string) string {
	parts := strings.Split(v, ";")
	if len(parts) < 2 {
		return ""
	}
	bg, err := strconv.Atoi(parts[len(parts)-1])
	switch {
	case err != nil || bg < 0 || bg > 15:
		return ""
	case bg == 7 || bg >= 9:
		return "light"
	}
	return "dark"
}

// askTheme asks the terminal for its background when nothing said it,
// and bounds the wait. It runs in Init.
func (a *App) askTheme() tea.Cmd {
	if a.themeSettled {
		return nil
	}
	wait := a.c.After(themeWait, themeWaitMsg{})
	// One write, so that the two questions reach the terminal in order.
	questions := ansi.RequestBackgroundColor + ansi.RequestPrimaryDeviceAttributes
	if a.terminal == nil {
		return tea.Batch(tea.Raw(questions), wait)
	}
	// Bubble Tea writes a Raw with its next frame, 17 ms after it starts,
	// and the screens wait for the answer; a command would wait for the
	// event loop to run it (up to 4 ms on a busy machine). Written here,
	// in Init, the answer is back long before the first frame is due.
	_, _ = io.WriteString(a.terminal, questions)
	return wait
}

// themeMsg takes what the terminal said of itself; ok is false for any
// other message. A change after the screens started is not taken.
func (a *App) themeMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		if !a.themeSettled && !a.anyStarted() {
			a.theme.Light = !msg.IsDark()
			a.c.SetTheme(a.theme)
		}
		return a.settleTheme(), true
	case tea.ColorProfileMsg:
		if !a.anyStarted() {
			a.theme.Mono = msg.Profile > colorprofile.Unknown && msg.Profile <= colorprofile.ANSI
			a.c.SetTheme(a.theme)
		}
		return nil, true
	case uv.PrimaryDeviceAttributesEvent:
		// The terminal answered DA1 after the background, or has none to
		// tell.
		return a.settleTheme(), true
	case themeWaitMsg:
		return a.settleTheme(), true
	}
	return nil, false
}

// settleTheme ends the wait, and signs in the person who was waiting
// for it.
func (a *App) settleTheme() tea.Cmd {
	if a.themeSettled {
		return nil
	}
	a.themeSettled = true
	if a.waiting != nil {
		msg := *a.waiting
		a.waiting = nil
		return a.signedIn(msg)
	}
	return nil
}

func (a *App) anyStarted() bool {
	for _, s := range a.started {
		if s {
			return true
		}
	}
	return false
}

// Theme is the theme the app draws with, for tests.
func (a *App) Theme() kit.Theme { return a.theme }
