// Package ui is hiroba's terminal interface: the root model (App) with
// six tabs, each a screen in its own package (communities, threads,
// handovers, calendar, activity, people) built on ui/kit; the layers over
// every tab (search, inbox, admin, a person's profile); the first-start
// sign-up; and the SSH session (serve.go). How a message finds its screen
// is in route.go.
package ui

import (
	"context"
	"io"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/activity"
	"hiroba/ui/calendar"
	"hiroba/ui/communities"
	"hiroba/ui/handovers"
	"hiroba/ui/kit"
	"hiroba/ui/people"
	"hiroba/ui/threads"
)

// Minimum terminal size; below it the app asks for a larger window.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Config is what the program hands the interface.
type Config struct {
	Store    kit.Store
	Lang     string
	StaffID  string // who is signed in; "" asks who you are first
	ReadOnly bool
	// ReadOnlyWhy is why the file is read-only (its sentence is shown at
	// start), nil when it is not or nobody said.
	ReadOnlyWhy error
	Now         func() time.Time
	Location    *time.Location
	// Remember is called with the new staff id after sign-up, so that the
	// machine remembers the person for this database.
	Remember func(staffID string) error
	// LiveEvery is how often to look for others' changes (LiveInterval);
	// 0 looks only when told (tests). See live.go.
	LiveEvery time.Duration
	// NoWait loads at once what waits for typing or a held key to pause
	// (tests).
	NoWait bool
	// DBPath is the database file, for first start and an empty
	// database to name.
	DBPath string
	// Demo marks a demo database: the tab bar says デモ and U switches
	// the person the program acts as (demo.go). Drill is the drill copy
	// the database is (drill.go). Both are read by the app unless the
	// caller gave Me, then read them too.
	Demo  bool
	Drill *model.DrillCopy
	// Theme is the terminal's background, "light" or "dark" (--theme,
	// COLORFGBG: ThemeFromEnv); "" asks the terminal. Mono draws without
	// colours from the start (theme.go).
	Theme string
	Mono  bool
	// Terminal is the terminal the program draws on, when the app may
	// write its questions to it at once (theme.go); nil sends them
	// through Bubble Tea, which writes them with its next frame.
	Terminal io.Writer
	// Me is who is signed in when the caller read them already (then
	// StaffID may be ""), with Demo and Drill: the app reads none of them
	// again. The first screen's reads then have the cores to themselves:
	// read beside them, the two marks took a reader connection of their
	// own, and it read the whole schema first (issue 16).
	Me *model.Staff
	// Painted is called once, when the first full frame of the first
	// screen has had time to reach the terminal (prefetch).
	Painted func()
}

// App is the root model.
type App struct {
	c        *kit.Common
	screens  []screen
	tabKeys  []string
	active   int
	width    int
	height   int
	showHelp bool
	status   string
	isErr    bool
	unsaved  bool    // a draft could not be written: quitting asks (faults.go)
	gone     error   // the database file is gone: a box offers to quit (faults.go)
	goneSeen bool    // the box was shown once
	ask      *asking // a y/n question on the status line (kit.Confirm)
	signup   *signupForm
	staffID  string
	tabHits  []span // where each tab is on the tab bar, for mouse clicks
	// tabMemo and keyMemo are the tab bar and key line last drawn, with
	// what they were drawn from (app_view.go).
	tabMemo tabBarMemo
	keyMemo lineMemo
	// frameMemo is the last frame put together (app_view.go).
	frameMemo frameMemo
	quitting  bool
	started   []bool // which screens have been shown (start)
	// prefetched is true once the tabs' counts were asked for (prefetch);
	// prefetchGen counts the people signed in, so that a prefetchMsg
	// meant for one before U is dropped.
	prefetched  bool
	prefetchGen int
	stale       []bool // started screens behind another tab that missed a change
	// layer is the search, the inbox or the admin list, drawn over the
	// active screen; it takes the keys while it is open. layerOwner is
	// its owner number (route.go); nextOwner the next one to give.
	layer      screen
	layerOwner owner
	nextOwner  owner
	live       live
	drill      *model.DrillCopy // the database is a drill copy (drill.go)
	// theme is what the app draws with; themeSettled is true once it is
	// known, and waiting the sign-in that waits for it (theme.go).
	theme        kit.Theme
	themeSettled bool
	waiting      *meLoadedMsg
	terminal     io.Writer
	painted      func()       // Config.Painted, until called
	me           *model.Staff // the person Config.Me gave, for Init
	// demo: the database is demo data (demo.go); actAs the list of whom
	// to act as, open over the screen; switched says a switch is under
	// way, to be told when it is done.
	demo     bool
	actAs    *kit.Picker
	switched bool
	// cameFrom is the tab an open came from (show), where esc goes back
	// to while canGoBack; any change of tab by the person forgets it.
	cameFrom  int
	canGoBack bool
}

type span struct{ from, to int }

// asking is a y/n question that an owner asked (kit.ConfirmMsg): the
// answer's command goes back to it. quit is the App's own question
// before quitting with typed text.
type asking struct {
	from    owner
	text    string
	yes, no tea.Cmd
	then    func() tea.Cmd
	quit    bool
}

// New returns the root model for cfg.
func New(cfg Config) *App {
	c := kit.NewCommon(cfg.Store, kit.NewCatalog(cfg.Lang, cfg.Location, cfg.Now), cfg.ReadOnly)
	c.NoWait = cfg.NoWait
	c.DBPath = cfg.DBPath
	a := &App{c: c, tabKeys: []string{"tab.communities", "tab.threads", "tab.handovers", "tab.calendar", "tab.activity", "tab.people"}}
	a.screens = newScreens(c)
	a.started = make([]bool, len(a.screens))
	a.stale = make([]bool, len(a.screens))
	a.nextOwner = owner(len(a.screens))
	a.live = newLive(cfg.Store, cfg.LiveEvery)
	if cfg.ReadOnly && cfg.ReadOnlyWhy != nil {
		a.status, a.isErr = c.Cat.Err(cfg.ReadOnlyWhy), true
	}
	a.theme = kit.Theme{Light: cfg.Theme == "light", Mono: cfg.Mono}
	a.themeSettled = cfg.Theme != ""
	a.terminal = cfg.Terminal
	a.painted = cfg.Painted
	a.demo, a.drill = cfg.Demo, cfg.Drill
	c.SetTheme(a.theme)
	switch {
	case cfg.Me != nil:
		a.staffID, a.me = cfg.Me.ID, cfg.Me
	case cfg.StaffID == "":
		a.signup = newSignup(c, cfg.Remember)
	default:
		a.staffID = cfg.StaffID
	}
	return a
}

// newScreens makes the six tabs.
func newScreens(c *kit.Common) []screen {
	return []screen{communities.New(c), threads.New(c), handovers.New(c), calendar.New(c), activity.New(c), people.New(c)}
}

// Init loads the signed-in person, or the sign-up form's municipalities.
func (a *App) Init() tea.Cmd {
	if a.signup != nil {
		return tea.Batch(route(ownerSignup, a.signup.Init()), a.live.tick(), a.loadDrill(), a.loadDemo(), a.askTheme())
	}
	ask := a.askTheme()
	if a.me != nil {
		// Read by the caller with the marks: signed in now, or as soon
		// as the theme is known (signedIn), without a command's round
		// through the loop.
		return tea.Batch(a.signedIn(meLoadedMsg{staff: a.me}), a.live.tick(), ask)
	}
	return tea.Batch(a.loadMe(a.staffID), a.live.tick(), a.loadDrill(), a.loadDemo(), ask)
}

type meLoadedMsg struct {
	staff *model.Staff
	err   error
}

func (a *App) loadMe(id string) tea.Cmd {
	store := a.c.Store
	return func() tea.Msg {
		s, err := store.StaffByID(model.WithViewer(context.Background(), id), id)
		return meLoadedMsg{staff: s, err: err}
	}
}

// Update routes a message (see route.go): a result to the screen or layer
// that asked for it, size and data changes to every started screen, keys
// to the App's own keys first and then to what is on top.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case routed:
		return a, a.deliver(msg)
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		return a, a.resize()
	case kit.DataChangedMsg:
		return a, a.changed()
	case liveTickMsg:
		return a, a.live.check()
	case liveCheckedMsg:
		return a, a.live.checked(msg)
	case tea.KeyPressMsg:
		return a, a.key(msg)
	case tea.MouseClickMsg:
		if a.signup == nil && msg.Y == 0 {
			for i, h := range a.tabHits {
				if msg.X >= h.from && msg.X < h.to {
					return a, a.switchTo(i)
				}
			}
		}
	}
	if cmd, ok := a.appMsg(ownerApp, msg); ok {
		return a, cmd
	}
	return a, a.toTop(msg)
}

// deliver gives a result to the owner whose command made it.
func (a *App) deliver(m routed) tea.Cmd {
	if cmd, ok := a.appMsg(m.to, m.msg); ok {
		return cmd
	}
	switch {
	case m.to == ownerSignup && a.signup != nil:
		return route(ownerSignup, a.signup.Update(m.msg))
	case m.to == a.layerOwner && a.layer != nil:
		return route(m.to, a.layer.Update(m.msg))
	case m.to >= 0 && int(m.to) < len(a.screens):
		return tea.Batch(a.toScreen(int(m.to), m.msg), a.prefetch(false))
	}
	return nil // for a layer that has closed
}

// appMsg handles what any owner may ask of the App; ok is false for
// messages that are not the App's.
func (a *App) appMsg(from owner, msg tea.Msg) (tea.Cmd, bool) {
	if cmd, ok := a.themeMsg(msg); ok {
		return cmd, true
	}
	switch msg := msg.(type) {
	case meLoadedMsg:
		return a.signedIn(msg), true
	case drillLoadedMsg:
		a.drill = msg.copy
		if a.signup != nil && msg.copy != nil {
			// A first start on a drill copy chooses among its staff.
			return route(ownerSignup, a.signup.onDrill(msg.copy)), true
		}
		return nil, true
	case demoLoadedMsg:
		a.demo = a.demo || msg.demo
		return nil, true
	case prefetchMsg:
		if msg.gen != a.prefetchGen {
			// Meant for the person before U: the new one's counts are
			// asked for once their screen settles.
			return nil, true
		}
		return a.prefetchNow(), true
	case staffPickMsg:
		return a.showPeople(msg), true
	case kit.StatusMsg:
		a.status, a.isErr = msg.Text, msg.Err
		return nil, true
	case kit.ConfirmMsg:
		a.ask = &asking{from: from, text: msg.Text, yes: msg.Yes, no: msg.No, then: msg.Then}
		return nil, true
	case kit.OpenMsg:
		return a.open(from, msg), true
	case kit.PlanForMsg:
		return a.show(from, tabOf[kit.OpenPlan], msg), true
	case kit.NewInMsg:
		return a.show(from, tabOf[msg.Kind], msg), true
	case closeLayerMsg:
		if from == a.layerOwner || from == ownerApp {
			a.layer = nil
		}
		return nil, true
	case kit.FlushedMsg, kit.WriteFailedMsg:
		return a.faultMsg(from, msg)
	case kit.ExecMsg:
		// The program's result goes back to the one that ran it.
		return tea.ExecProcess(msg.Cmd, func(err error) tea.Msg { return envelop(from, msg.Done(err)) }), true
	}
	return nil, false
}

// signedIn starts the app for the person, after sign-up or at start.
func (a *App) signedIn(msg meLoadedMsg) tea.Cmd {
	if msg.err != nil {
		a.status, a.isErr = a.c.Cat.Err(msg.err), true
		return nil
	}
	if !a.themeSettled {
		a.waiting = &msg
		return nil
	}
	a.c.SetMe(msg.staff)
	if a.switched {
		a.switched = false
		a.status, a.isErr = a.c.Cat.T("demo.actas.done", kit.Clean(msg.staff.Name), kit.Clean(msg.staff.Municipality)), false
	}
	a.signup = nil
	return tea.Batch(a.resize(), a.start(a.active), a.prefetch(false), kit.WarmMarkdown(a.c.Cat))
}

// prefetch loads the counts on the tabs (prefetcher) once the active
// screen shows what it shows first (settler), or at once when forced: a
// count that reads the whole database waits for the first paint.
//
// Settled is when the first full frame is drawn, not when it reaches the
// terminal: Bubble Tea writes it at its renderer's next tick, and counts
// read meanwhile took the cores that frame needed (on 2 cores its arrival
// came 8 ms later in tmux, issue 16). They start paintWait after it.
func (a *App) prefetch(force bool) tea.Cmd {
	if a.prefetched || a.c.Me == nil {
		return nil
	}
	if s, ok := a.current().(settler); ok && !s.Settled() && !force {
		return nil
	}
	a.prefetched = true
	if !force {
		return a.c.After(paintWait, prefetchMsg{gen: a.prefetchGen})
	}
	return a.prefetchNow()
}

// paintWait is how long after the first full frame the counts on the tabs
// are read: the renderer's tick (120 a second) and the frame's writing,
// with room for a busy machine.
const paintWait = 30 * time.Millisecond

// prefetchMsg says the first full frame has had time to reach the
// terminal (prefetch), for the person signed in as gen.
type prefetchMsg struct{ gen int }

// prefetchNow asks every screen that shows a count on its tab for it,
// and tells the caller the first frame was painted (Config.Painted):
// after paintWait, or at once when a tab was chosen before it.
func (a *App) prefetchNow() tea.Cmd {
	if a.painted != nil {
		a.painted()
		a.painted = nil
	}
	var cmds []tea.Cmd
	for i, s := range a.screens {
		if p, ok := s.(prefetcher); ok {
			cmds = append(cmds, route(owner(i), p.Prefetch()))
		}
	}
	return tea.Batch(cmds...)
}

// toTop gives an event of the terminal to what is on top: the sign-up
// form, the layer, or the active screen. The pointer acts on what is
// drawn, never on a screen behind another tab.
func (a *App) toTop(msg tea.Msg) tea.Cmd {
	switch {
	case a.signup != nil:
		return route(ownerSignup, a.signup.Update(msg))
	case a.c.Me == nil:
		return nil
	case a.layer != nil:
		return route(a.layerOwner, a.layer.Update(msg))
	}
	return a.toScreen(a.active, msg)
}

// toScreen gives msg to screen i, whose commands then report back to it.
func (a *App) toScreen(i int, msg tea.Msg) tea.Cmd {
	return route(owner(i), a.screens[i].Update(msg))
}

// flusher is a screen whose typed text lives in a draft: quitting saves
// the draft at once instead of asking.
type flusher interface{ Flush() tea.Cmd }

// prefetcher is a screen with something to load before it is first shown,
// such as the unread count on its tab.
type prefetcher interface{ Prefetch() tea.Cmd }

// reader is a layer that takes no typed text (the inbox): ? shows its
// keys there, as on a screen.
type reader interface{ readOnly() bool }

// settler is a screen that reads in steps before it shows what it shows
// first (a list, then the selected item); Settled is true once it does.
type settler interface{ Settled() bool }

// badged is a screen with a count to show on its tab, such as unread
// threads.
type badged interface{ Badge() string }

func (a *App) key(msg tea.KeyPressMsg) tea.Cmd {
	k := a.c.Keys
	if a.gone != nil {
		return a.goneKey(msg)
	}
	if a.ask != nil {
		return a.answer(msg)
	}
	if a.actAs != nil {
		return a.actAsKey(msg)
	}
	if msg.String() == "ctrl+c" && a.signup == nil && !a.unsaved {
		// Quits once the draft is written (a kit.FlushedMsg), or asks.
		if f, ok := a.current().(flusher); ok {
			if cmd := f.Flush(); cmd != nil {
				a.status, a.isErr = a.c.Cat.T("quit.saving"), false
				return route(owner(a.active), cmd)
			}
		}
	}
	if msg.String() == "ctrl+c" && (a.signup != nil || !a.current().Dirty()) {
		a.quitting = true
		return tea.Quit
	}
	if a.signup != nil {
		return a.toTop(msg)
	}
	if msg.String() == "ctrl+c" {
		a.ask = &asking{from: ownerApp, text: a.c.Cat.T("quit.unsaved"), quit: true}
		return nil
	}
	if a.showHelp {
		a.showHelp = false
		return nil
	}
	if a.layer != nil {
		if r, ok := a.layer.(reader); ok && r.readOnly() && key.Matches(msg, k.Help) {
			// The inbox lists its own keys, as a screen does.
			a.showHelp = true
			return nil
		}
		return a.toTop(msg)
	}
	if !a.current().Capturing() {
		a.status = ""
		switch {
		case msg.String() == "esc" && a.canGoBack:
			// Back to where the open came from (a community's page). Only
			// esc: h and left, which also mean back, move by day in the
			// calendar.
			return a.switchTo(a.cameFrom)
		case key.Matches(msg, k.Quit):
			a.quitting = true
			return tea.Quit
		case key.Matches(msg, k.Help):
			a.showHelp = true
			return nil
		case key.Matches(msg, k.NextTab):
			return a.switchTo((a.active + 1) % len(a.screens))
		case key.Matches(msg, k.PrevTab):
			return a.switchTo((a.active + len(a.screens) - 1) % len(a.screens))
		case key.Matches(msg, k.Tab1, k.Tab2, k.Tab3, k.Tab4, k.Tab5, k.Tab6):
			return a.switchTo(int(msg.String()[0] - '1'))
		case key.Matches(msg, k.Search):
			return a.openLayer(newSearch(a.c))
		case key.Matches(msg, k.Inbox):
			return a.openLayer(newInbox(a.c))
		case key.Matches(msg, k.Admin):
			return a.openLayer(newAdmin(a.c))
		case key.Matches(msg, k.ActAs) && a.demo:
			return a.pickPerson()
		}
	}
	return a.toTop(msg)
}

// answer takes the key pressed in reply to the question asked: y runs
// its yes for the one who asked, n its no (when no is an answer of its
// own), any other key gives up.
func (a *App) answer(msg tea.KeyPressMsg) tea.Cmd {
	q := a.ask
	a.ask, a.status = nil, ""
	switch {
	case msg.String() == "y" && q.quit:
		a.quitting = true
		return tea.Quit
	case msg.String() == "y" && q.then != nil:
		return route(q.from, q.then())
	case msg.String() == "y":
		return route(q.from, q.yes)
	case msg.String() == "n" && q.no != nil:
		return route(q.from, q.no)
	}
	return nil
}

// openLayer shows l over the active screen, as a new owner: what an
// earlier layer asked for is dropped when it arrives.
func (a *App) openLayer(l screen) tea.Cmd {
	a.layer = l
	a.layerOwner = a.nextOwner
	a.nextOwner++
	return route(a.layerOwner, tea.Batch(l.SetSize(a.width, a.bodyHeight()), l.Init()))
}

// tabOf is the tab that shows each kind of thing OpenMsg names; a
// person's profile is a layer over the screen where their name was.
var tabOf = map[string]int{kit.OpenCommunity: 0, kit.OpenThread: 1, kit.OpenHandover: 2, kit.OpenEvent: 3, kit.OpenPlan: 4, kit.OpenPair: 5}

// open shows a search result or inbox entry on its tab.
func (a *App) open(from owner, msg kit.OpenMsg) tea.Cmd {
	if msg.Kind == kit.OpenPerson {
		if a.current().Capturing() {
			return nil
		}
		return a.openLayer(newProfileLayer(a.c, msg.ID))
	}
	return a.show(from, tabOf[msg.Kind], msg)
}

// show switches to tab and gives it msg, such as what to open. Asked by
// another tab's screen (a thread on a community's page), esc on the new
// tab goes back there; asked by the search or the inbox, which close, the
// tab's own esc stays (an event opened on its day goes back to its month).
func (a *App) show(from owner, tab int, msg tea.Msg) tea.Cmd {
	if a.current().Capturing() {
		return nil
	}
	a.layer = nil
	if a.canGoBack = tab != a.active && from == owner(a.active); a.canGoBack {
		a.cameFrom = a.active
	}
	a.active = tab
	return tea.Batch(a.start(tab), a.toScreen(tab, msg))
}

func (a *App) switchTo(i int) tea.Cmd {
	if i < 0 || i >= len(a.screens) || a.current().Capturing() {
		return nil
	}
	a.canGoBack = false
	a.active = i
	return tea.Batch(a.start(i), a.prefetch(true))
}

// start is the one place that decides that a screen has started. A screen
// starts the first time it is shown, so that opening hiroba on a large
// database reads only what the first screen needs: it gets its size (once
// the terminal is large enough), then Init. Before that it gets neither
// sizes nor data changes, so a screen may load whenever it is sized or
// told of a change. A started screen
// that missed a change while behind another tab reads again when shown.
func (a *App) start(i int) tea.Cmd {
	if a.c.Me == nil {
		return nil
	}
	if a.stale[i] {
		a.stale[i] = false
		return a.toScreen(i, kit.DataChangedMsg{})
	}
	if a.started[i] {
		return nil
	}
	a.started[i] = true
	var size tea.Cmd
	if a.fits() {
		size = a.screens[i].SetSize(a.width, a.bodyHeight())
	}
	return route(owner(i), tea.Batch(size, a.screens[i].Init()))
}

// changed passes a change to the database on to what is shown: the active
// screen and the layer over it. Screens behind other tabs read again when
// shown (start), so that a server's many sessions do not all reload every
// screen for each post; they only bring their tab's count up to date.
func (a *App) changed() tea.Cmd {
	if a.c.Me == nil {
		return nil
	}
	var cmds []tea.Cmd
	for i, s := range a.screens {
		switch {
		case i == a.active && a.started[i]:
			cmds = append(cmds, a.toScreen(i, kit.DataChangedMsg{}))
		default:
			a.stale[i] = a.started[i]
			if p, ok := s.(prefetcher); ok {
				cmds = append(cmds, route(owner(i), p.Prefetch()))
			}
		}
	}
	if a.layer != nil {
		cmds = append(cmds, route(a.layerOwner, a.layer.Update(kit.DataChangedMsg{})))
	}
	return tea.Batch(cmds...)
}

func (a *App) current() screen { return a.screens[a.active] }

// fits reports whether the terminal is large enough to draw the screens;
// until it is, they get no size.
func (a *App) fits() bool { return a.width >= MinWidth && a.height >= MinHeight }

// bodyHeight is the height left for a screen under the tab bar and above
// the status line.
func (a *App) bodyHeight() int { return a.height - 2 }

// resize gives the new size to the sign-up form, the started screens and
// the layer.
func (a *App) resize() tea.Cmd {
	if !a.fits() {
		return nil
	}
	if a.signup != nil {
		a.signup.SetSize(a.width, a.height)
	}
	if a.c.Me == nil {
		return nil
	}
	var cmds []tea.Cmd
	for i, s := range a.screens {
		if a.started[i] {
			cmds = append(cmds, route(owner(i), s.SetSize(a.width, a.bodyHeight())))
		}
	}
	if a.layer != nil {
		cmds = append(cmds, route(a.layerOwner, a.layer.SetSize(a.width, a.bodyHeight())))
	}
	return tea.Batch(cmds...)
}
