package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// Store is everything the interface reads and writes. data.DB implements
// it; the interface never sees SQL.
type Store interface {
	model.StaffService
	model.CommunityService
	model.ThreadService
	model.HandoverService
	model.EventService
	model.DraftService
	model.SearchService
}

// Common is what every screen shares: the store, the person, the language,
// the styles and keys, the clock.
type Common struct {
	Store    Store
	Cat      *Catalog
	Styles   Styles
	Keys     KeyMap
	Now      func() time.Time
	Loc      *time.Location
	Me       *model.Staff
	ReadOnly bool
	ctx      context.Context
}

// Ctx is the context that acts as the signed-in person.
func (c *Common) Ctx() context.Context { return c.ctx }

func (c *Common) setMe(s *model.Staff) {
	c.Me = s
	c.ctx = model.WithViewer(context.Background(), s.ID)
}

// ago says how long ago t was, in words.
func (c *Common) ago(t time.Time) string {
	d := c.Now().Sub(t)
	switch {
	case d < time.Minute:
		return c.Cat.T("ago.now")
	case d < time.Hour:
		return c.Cat.T("ago.minutes", int(d/time.Minute))
	case d < 24*time.Hour:
		return c.Cat.T("ago.hours", int(d/time.Hour))
	case d < 30*24*time.Hour:
		return c.Cat.T("ago.days", int(d/(24*time.Hour)))
	case d < 365*24*time.Hour:
		return c.Cat.T("ago.months", int(d/(30*24*time.Hour)))
	}
	return c.Cat.T("ago.years", int(d/(365*24*time.Hour)))
}

// date writes a local date such as 11月20日(金).
func (c *Common) date(t time.Time) string {
	t = t.In(c.Loc)
	return c.Cat.T("date.md", int(t.Month()), t.Day(), c.Cat.T(fmt.Sprintf("weekday.%d", t.Weekday())))
}

// dateYMD writes a local date with its year.
func (c *Common) dateYMD(t time.Time) string {
	t = t.In(c.Loc)
	return c.Cat.T("date.ymd", t.Year(), int(t.Month()), t.Day())
}

// clock writes a local time of day.
func (c *Common) clock(t time.Time) string { return t.In(c.Loc).Format("15:04") }

// screen is one tab. Key presses go to the active screen; every other
// message goes to all screens, which ignore what is not theirs, so a load
// finishes even when its screen is hidden.
type screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	SetSize(w, h int) tea.Cmd
	View() string
	// Capturing is true while the person types into a field: then keys
	// such as q and 1-4 are text, not commands.
	Capturing() bool
	// Dirty is true when closing would lose typed text.
	Dirty() bool
	Cursor() *tea.Cursor
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// Kinds of thing that openMsg can show, each on its own tab.
const (
	openCommunity = "community"
	openThread    = "thread"
	openHandover  = "handover"
	openEvent     = "event"
)

// openMsg asks the app to show one thing on its tab, from a search result
// or an inbox entry. Anchor is a part inside it, such as a reply's id.
type openMsg struct {
	Kind, ID, Anchor string
}

func openCmd(kind, id, anchor string) tea.Cmd {
	return func() tea.Msg { return openMsg{Kind: kind, ID: id, Anchor: anchor} }
}

// closeLayerMsg closes the search or inbox layer.
type closeLayerMsg struct{}

func closeLayer() tea.Msg { return closeLayerMsg{} }

// statusMsg puts a sentence on the status line; err marks it as an error.
type statusMsg struct {
	text string
	err  bool
}

func statusCmd(text string, err bool) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, err: err} }
}

func asModelError(err error, target **model.Error) bool { return errors.As(err, target) }
