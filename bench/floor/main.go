// Command floor is the least a Bubble Tea v2 program does before its
// first frame: the same packages' start (lipgloss's colour profile, the
// terminal's set-up, the renderer's tick) and a frame of one word, the
// marker bench/run.sh waits for. It is the floor under hiroba's first
// frame in the side-by-side benchmark: what any program written as
// hiroba is pays before it reads a byte of its own data.
package main

import (
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

type word struct{}

func (word) Init() tea.Cmd { return nil }

func (w word) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "q" {
		return w, tea.Quit
	}
	return w, nil
}

func (word) View() tea.View {
	v := tea.NewView(lipgloss.NewStyle().Bold(true).Render("世話役"))
	v.AltScreen = true
	return v
}

func main() {
	// As hiroba starts: lipgloss's profile, 120 frames a second.
	_, err := tea.NewProgram(word{}, tea.WithColorProfile(lipgloss.Writer.Profile), tea.WithFPS(120)).Run()
	if err != nil {
		os.Exit(1)
	}
}
