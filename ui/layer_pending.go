package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// pendingLayer stands in for the search and inbox layers while they are
// being built: it says so and closes on any key. search.go and inbox.go
// replace it.
type pendingLayer struct {
	c    *Common
	w, h int
}

func (p *pendingLayer) Init() tea.Cmd            { return nil }
func (p *pendingLayer) SetSize(w, h int) tea.Cmd { p.w, p.h = w, h; return nil }
func (p *pendingLayer) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return closeLayer
	}
	return nil
}
func (p *pendingLayer) View() string              { return block(p.c.Cat.T("loading"), p.w, p.h) }
func (p *pendingLayer) Capturing() bool           { return true }
func (p *pendingLayer) Dirty() bool               { return false }
func (p *pendingLayer) Cursor() *tea.Cursor       { return nil }
func (p *pendingLayer) ShortHelp() []key.Binding  { return nil }
func (p *pendingLayer) FullHelp() [][]key.Binding { return nil }
