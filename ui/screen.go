package ui

import (
	"os"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// screen is one tab, or a layer over the tabs (search, inbox, admin).
type screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	SetSize(w, h int) tea.Cmd
	View() string
	// Capturing is true while the person types into a field: then keys
	// such as q and the tab numbers are text, not commands.
	Capturing() bool
	// Dirty is true when closing would lose typed text.
	Dirty() bool
	Cursor() *tea.Cursor
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// closeLayerMsg closes the search or inbox layer.
type closeLayerMsg struct{}

func closeLayer() tea.Msg { return closeLayerMsg{} }

// LangFromEnv picks the interface language: an explicit choice wins, then
// an English LC_ALL, LC_MESSAGES or LANG; Japanese otherwise.
func LangFromEnv(explicit string) string {
	if explicit != "" {
		if strings.HasPrefix(explicit, "en") {
			return "en"
		}
		return "ja"
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(s, "en") {
				return "en"
			}
			return "ja"
		}
	}
	return "ja"
}
