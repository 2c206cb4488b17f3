// Package kit is what every screen of hiroba shares: Common (the store,
// the person, the catalogue, styles and keys), the list and its detail
// pane, pickers, fields and the composer, markdown and text that keeps to
// its cells, and the messages a screen sends to the app.
package kit

import (
	"context"
	"os/exec"
	"time"

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
	model.ActivityService
	model.PeopleService
	model.FellowService
	model.InboxService
}

// Common is what every screen shares: the store, the person, the
// catalogue (language, time zone and clock), the styles and the keys.
type Common struct {
	Store    Store
	Cat      *Catalog
	Styles   Styles
	Keys     KeyMap
	Me       *model.Staff
	ReadOnly bool
	// DBPath is the database file, said where a new person needs to know
	// which file they are using.
	DBPath string
	// NoWait makes After deliver at once: for tests, which press one key
	// at a time and need not wait for typing to pause.
	NoWait bool
	ctx    context.Context
}

// NewCommon returns what the screens of one app share.
func NewCommon(store Store, cat *Catalog, readOnly bool) *Common {
	return &Common{Store: store, Cat: cat, Styles: DefaultStyles(), Keys: NewKeyMap(cat), ReadOnly: readOnly}
}

// SetTheme makes the styles and the markdown style for t. The app calls
// it before any screen starts: renders in commands read the styles.
func (c *Common) SetTheme(t Theme) {
	c.Styles = NewStyles(t)
	c.Cat.SetLight(t.Light)
}

// Ctx is the context that acts as the signed-in person.
func (c *Common) Ctx() context.Context { return c.ctx }

// SetMe signs s in: every later read and write acts as s.
func (c *Common) SetMe(s *model.Staff) {
	c.Me = s
	c.ctx = model.WithViewer(context.Background(), s.ID)
}

// Now is the catalogue's clock.
func (c *Common) Now() time.Time { return c.Cat.Now() }

// Loc is the time zone dates are shown in.
func (c *Common) Loc() *time.Location { return c.Cat.Loc }

// After brings msg back after d, for a load that waits until typing or a
// held key pauses; the message carries a count so that only the last
// one acts.
func (c *Common) After(d time.Duration, msg tea.Msg) tea.Cmd {
	if c.NoWait {
		d = 0
	}
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// StatusMsg puts a sentence on the app's status line; Err marks it as an
// error.
type StatusMsg struct {
	Text string
	Err  bool
}

// StatusCmd says text on the status line.
func StatusCmd(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Err: isErr} }
}

// Kinds of thing that OpenMsg can show, each on its own tab.
const (
	OpenCommunity = "community"
	OpenThread    = "thread"
	OpenHandover  = "handover"
	OpenEvent     = "event"
	OpenPlan      = "plan" // an activity plan, on the 活動 tab
	// A person's profile, shown over the screen where their name was; and
	// a fellow pair's private space on the 人 tab.
	OpenPerson = "person"
	OpenPair   = "pair"
)

// OpenMsg asks the app to show one thing on its tab, from a search result
// or an inbox entry. Anchor is a part inside it, such as a reply's id.
type OpenMsg struct {
	Kind, ID, Anchor string
}

// OpenCmd asks the app to show one thing on its tab.
func OpenCmd(kind, id, anchor string) tea.Cmd {
	return func() tea.Msg { return OpenMsg{Kind: kind, ID: id, Anchor: anchor} }
}

// PlanForMsg asks the app to open the 活動 tab's plan form for a target:
// the screens where activity comes from (an event occurrence, a call, an
// idea's team, a handover note) offer it without knowing that tab.
type PlanForMsg struct {
	Target model.PlanTarget
}

// PlanForCmd opens the plan form for t on the 活動 tab.
func PlanForCmd(t model.PlanTarget) tea.Cmd {
	return func() tea.Msg { return PlanForMsg{Target: t} }
}

// MunicipalitiesMsg carries the area's municipalities, for a filter.
type MunicipalitiesMsg struct {
	List []model.Municipality
	Err  error
}

// LoadMunicipalities reads the area's municipalities in a command.
func LoadMunicipalities(c *Common) tea.Cmd {
	store, ctx := c.Store, c.Ctx()
	return func() tea.Msg {
		m, err := store.Municipalities(ctx)
		return MunicipalitiesMsg{List: m, Err: err}
	}
}

// DataChangedMsg goes to every screen when the database changed. A screen
// reloads what it shows, keeping the person's cursor, scroll and typing.
type DataChangedMsg struct{}

// ExecMsg asks the app to run a program in the terminal, such as the
// person's $EDITOR, and to bring Done's message back to the screen that
// asked (tea.ExecProcess alone would lose who asked).
type ExecMsg struct {
	Cmd  *exec.Cmd
	Done func(error) tea.Msg
}

// NewInMsg asks the app to open, on its tab, the form for a new thread
// (Kind OpenThread) or a new event (OpenEvent) in a community: from a
// community's page, which knows neither tab.
type NewInMsg struct {
	Kind, CommunityID string
}

// NewInCmd opens the form for a new kind of thing in community id.
func NewInCmd(kind, communityID string) tea.Cmd {
	return func() tea.Msg { return NewInMsg{Kind: kind, CommunityID: communityID} }
}
