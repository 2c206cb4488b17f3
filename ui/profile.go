package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/ui/kit"
	"hiroba/ui/people"
)

// profileLayer shows a person's profile over the screen where their name
// was chosen (kit.OpenPerson); esc goes back there.
type profileLayer struct {
	c *kit.Common
	v *people.ProfileView
}

func newProfileLayer(c *kit.Common, staffID string) screen {
	return &profileLayer{c: c, v: people.NewProfileView(c, staffID)}
}

func (l *profileLayer) Init() tea.Cmd            { return l.v.Init() }
func (l *profileLayer) SetSize(w, h int) tea.Cmd { return l.v.SetSize(w, h) }
func (l *profileLayer) View() string             { return l.v.View() }
func (l *profileLayer) Capturing() bool          { return true }
func (l *profileLayer) Dirty() bool              { return false }
func (l *profileLayer) Cursor() *tea.Cursor      { return nil }
func (l *profileLayer) ShortHelp() []key.Binding { return l.v.Keys() }

func (l *profileLayer) FullHelp() [][]key.Binding { return [][]key.Binding{l.v.Keys()} }

func (l *profileLayer) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, l.c.Keys.Back), k.String() == "q", key.Matches(k, l.c.Keys.Profile):
			return closeLayer
		}
	}
	cmd, _ := l.v.Update(msg)
	return cmd
}
