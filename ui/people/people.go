// Package people is the 人 screen: who knows what (people search and
// profiles with past departments and the topics one is happy to be asked
// about), one's own fellow or mentor pairs with their private spaces, and
// for administrators the programmes that pair them. It also gives the app
// the profile view it shows wherever a name is chosen (ProfileView).
package people

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// view is one of the screen's three parts, drawn under its bar.
type view interface {
	Init() tea.Cmd
	SetSize(w, h int) tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	View() string
	Cursor() *tea.Cursor
	Capturing() bool
	Dirty() bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// The views, in the order of the bar.
const (
	viewSearch = iota
	viewFellows
	viewProgrammes
)

var viewNames = []string{"people.view.search", "people.view.fellows", "people.view.programmes"}

// Screen is the 人 screen.
type Screen struct {
	c       *kit.Common
	views   []view
	active  int
	started []bool
	stale   []bool
	admin   bool // the viewer administers: the programme view is offered
	// unread is the others' messages not read in the viewer's pairs, and
	// invited the invitations waiting for their answer: the tab's badge.
	unread, invited int
	hits            []span // where each view is on the bar, for clicks
	width, height   int
	switchKey       key.Binding
}

type span struct{ from, to int }

// New returns the 人 screen.
func New(c *kit.Common) *Screen {
	s := &Screen{c: c}
	s.views = []view{newSearchView(c), newFellowsView(c), newProgrammeView(c)}
	s.started = make([]bool, len(s.views))
	s.stale = make([]bool, len(s.views))
	s.switchKey = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", c.Cat.T("people.key.view")))
	return s
}

// Messages of the screen's own commands.
type (
	// badgeMsg carries what the tab's badge counts.
	badgeMsg struct {
		unread, invited int
		err             error
	}
	adminMsg struct{ admin bool }
)

func (s *Screen) Init() tea.Cmd {
	return tea.Batch(s.start(s.active), s.checkAdmin(), s.Prefetch())
}

// checkAdmin asks whether the viewer administers, for the programme view.
func (s *Screen) checkAdmin() tea.Cmd {
	admin, ok := s.c.Store.(model.AdminService)
	if !ok {
		return nil
	}
	ctx := s.c.Ctx()
	return func() tea.Msg {
		yes, err := admin.IsAdmin(ctx)
		return adminMsg{admin: yes && err == nil}
	}
}

// Prefetch counts unread pair messages and waiting invitations for the
// tab, before the screen shows and after every change.
func (s *Screen) Prefetch() tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		pairs, err := store.MyPairs(ctx)
		if err != nil {
			return badgeMsg{err: err}
		}
		progs, err := store.Programmes(ctx)
		var m badgeMsg
		for _, x := range pairs {
			m.unread += x.Unread
		}
		for _, p := range progs {
			if p.Invitation == model.InvitationPending && p.Status == model.ProgrammeOpen {
				m.invited++
			}
		}
		m.err = err
		return m
	}
}

// Badge is the number of unread pair messages and waiting invitations.
func (s *Screen) Badge() string {
	if n := s.unread + s.invited; n > 0 {
		return strconv.Itoa(n)
	}
	return ""
}

// start shows view i for the first time, or again after a change it
// missed.
func (s *Screen) start(i int) tea.Cmd {
	if s.stale[i] {
		s.stale[i] = false
		return s.views[i].Update(kit.DataChangedMsg{})
	}
	if s.started[i] {
		return nil
	}
	s.started[i] = true
	var size tea.Cmd
	if s.width > 0 {
		size = s.views[i].SetSize(s.width, s.height-1)
	}
	return tea.Batch(size, s.views[i].Init())
}

func (s *Screen) show(i int) tea.Cmd {
	if i == viewProgrammes && !s.admin {
		return kit.StatusCmd(s.c.Cat.T("people.programmes.admin"), true)
	}
	s.active = i
	return s.start(i)
}

func (s *Screen) SetSize(w, h int) tea.Cmd {
	s.width, s.height = w, h
	var cmds []tea.Cmd
	for i, v := range s.views {
		if s.started[i] {
			cmds = append(cmds, v.SetSize(w, h-1))
		}
	}
	return tea.Batch(cmds...)
}

func (s *Screen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case badgeMsg:
		if msg.err == nil {
			s.unread, s.invited = msg.unread, msg.invited
		}
		return nil
	case adminMsg:
		s.admin = msg.admin
		return nil
	case pairsReadMsg:
		return s.Prefetch()
	case kit.DataChangedMsg:
		for i := range s.views {
			if i != s.active {
				s.stale[i] = s.started[i]
			}
		}
		return tea.Batch(s.views[s.active].Update(msg), s.Prefetch())
	case kit.OpenMsg:
		if msg.Kind != kit.OpenPair {
			return nil
		}
		return tea.Batch(s.show(viewFellows), s.views[viewFellows].Update(msg))
	case tea.KeyPressMsg:
		if !s.Capturing() && key.Matches(msg, s.switchKey) {
			next := (s.active + 1) % len(s.views)
			if next == viewProgrammes && !s.admin {
				next = viewSearch
			}
			return s.show(next)
		}
		return s.views[s.active].Update(msg)
	case tea.MouseClickMsg:
		if msg.Y == 1 { // under the tab bar
			for i, h := range s.hits {
				if msg.X >= h.from && msg.X < h.to && !s.Capturing() {
					return s.show(i)
				}
			}
			return nil
		}
		msg.Y-- // the views' rows start under the bar
		return s.views[s.active].Update(msg)
	case tea.MouseWheelMsg:
		msg.Y--
		return s.views[s.active].Update(msg)
	case tea.PasteMsg:
		return s.views[s.active].Update(msg)
	}
	// A result of a command: every view takes only its own.
	var cmds []tea.Cmd
	for i, v := range s.views {
		if s.started[i] {
			cmds = append(cmds, v.Update(msg))
		}
	}
	return tea.Batch(cmds...)
}

func (s *Screen) Capturing() bool { return s.views[s.active].Capturing() }

func (s *Screen) Dirty() bool {
	for _, v := range s.views {
		if v.Dirty() {
			return true
		}
	}
	return false
}

// Flush saves a message being written at once, before the program quits.
func (s *Screen) Flush() tea.Cmd {
	if f, ok := s.views[viewFellows].(*fellowsView); ok {
		return f.flush()
	}
	return nil
}

// bar is the line of views: 探す, フェロー (with the badge), 制度 for
// administrators.
func (s *Screen) bar() string {
	st, cat := s.c.Styles, s.c.Cat
	// As 活動's views: the one shown in brackets, the others as words
	// as wide, so that the bar does not move when the view changes.
	line := " "
	x := 1
	s.hits = s.hits[:0]
	for i, name := range viewNames {
		label := cat.T(name)
		if i == viewFellows && s.Badge() != "" {
			label += "(" + s.Badge() + ")"
		}
		if i == viewProgrammes && !s.admin {
			s.hits = append(s.hits, span{-1, -1})
			continue
		}
		cell := st.Choice(label, i == s.active)
		if x > 1 {
			line += " "
			x++
		}
		w := kit.Width(cell)
		s.hits = append(s.hits, span{x, x + w})
		line += cell
		x += w
	}
	hint := st.Muted.Render(cat.T("people.bar.hint"))
	if kit.Width(line)+kit.Width(hint)+2 <= s.width {
		line += "  " + hint
	}
	return kit.Fit(line, s.width)
}

func (s *Screen) View() string {
	if s.width == 0 {
		return ""
	}
	return s.bar() + "\n" + s.views[s.active].View()
}

func (s *Screen) Cursor() *tea.Cursor {
	c := s.views[s.active].Cursor()
	if c != nil {
		c.Y++
	}
	return c
}

func (s *Screen) ShortHelp() []key.Binding {
	h := s.views[s.active].ShortHelp()
	if s.Capturing() || h == nil {
		return h
	}
	return append(h, s.switchKey)
}

func (s *Screen) FullHelp() [][]key.Binding {
	groups := s.views[s.active].FullHelp()
	if len(groups) > 0 {
		groups[len(groups)-1] = append(groups[len(groups)-1], s.switchKey)
	}
	return groups
}
