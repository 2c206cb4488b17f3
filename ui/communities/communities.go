package communities

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// Screen is the コミュニティ screen: communities by category and
// municipality, a detail pane, join and leave, create and edit.
type Screen struct {
	c      *kit.Common
	b      *kit.Browser[model.Community, communityData]
	filter model.CommunityFilter
	munis  []model.Municipality

	query    kit.LineInput
	typing   bool // the name filter has the keyboard
	querySeq int

	picker  *kit.Picker
	members *kit.Picker // the members, to open one's profile (@)
	form    *communityForm
	page    *page // a community opened on its own (page.go)
	width   int
	height  int
	rows    kit.RowCache[rowKey]
	// headerMemo is the filter line last drawn (header).
	headerMemo headerMemo
}

// rowKey is all a community's row depends on: not the whole community,
// whose description (up to 20,000 characters) every frame would compare.
type rowKey struct {
	name, municipalityID, municipality string
	category                           model.Category
	visibility, role                   string
	members                            int
	w                                  int
	selected, dim                      bool
	ago                                string
}

// filterTickMsg applies the name typed once typing pauses.
type filterTickMsg struct{ seq int }

// membershipDoneMsg says a join or leave was saved.
type membershipDoneMsg struct {
	name   string
	joined bool
	err    error
}

// New returns the コミュニティ screen.
func New(c *kit.Common) *Screen {
	s := &Screen{c: c}
	render := func(d communityData, w int) kit.Document { return renderCommunity(d, w, c.Cat, c.Styles) }
	// Pages of 40: the list is the first screen, and its first page is
	// read whole before it is drawn. On the scale-1 file 100 rows took
	// about 1.5 ms on a new connection, 40 rows 0.8; 40 is more than a
	// 50-line terminal shows of two-line rows.
	s.b = kit.NewBrowser(c, kit.NewPagedList(s.loader()).WithPageSize(40), render, 2, "community.empty")
	s.b.IDOf = func(x model.Community) string {
		// Its last activity too: a thread posted or answered in it
		// changes the pane's latest threads (a live update reads it
		// again).
		return x.ID + "/" + x.UpdatedAt.String() + x.LastActivityAt.String() + fmt.Sprint(x.MemberCount, x.ViewerRole)
	}
	s.b.Row, s.b.Load = s.row, s.load
	s.b.Doc.Rest = s.loadEvents
	s.b.CountKey = "count.communities"
	s.b.EmptyText = func() string {
		if s.filter != (model.CommunityFilter{}) || s.query.Value() != "" {
			return c.Cat.T("community.empty")
		}
		return c.Cat.T("community.none.yet", kit.Clean(c.DBPath))
	}
	return s
}

// loader returns a page loader for the filter as it is now; loads run in
// other goroutines, so they must not read s.filter later.
func (s *Screen) loader() kit.PageLoader[model.Community] {
	f, store := s.filter, s.c.Store
	return func(ctx context.Context, offset, limit int) ([]model.Community, int, error) {
		f.Offset, f.Limit = offset, limit
		return store.FindCommunities(ctx, f)
	}
}

func (s *Screen) Init() tea.Cmd {
	return tea.Batch(s.b.Start(), kit.LoadMunicipalities(s.c))
}

func (s *Screen) SetSize(w, h int) tea.Cmd {
	s.width, s.height = w, h
	if s.form != nil {
		s.form.SetSize(w, h)
	}
	var page tea.Cmd
	if s.page != nil {
		page = s.page.SetSize(w, h)
	}
	return tea.Batch(page, s.b.SetSize(w, h))
}

// Settled is true once the first page and its first community are shown.
func (s *Screen) Settled() bool { return s.b.Settled() }

func (s *Screen) Capturing() bool {
	return s.typing || s.form != nil || s.picker != nil || s.members != nil || s.page != nil && s.page.new != nil
}
func (s *Screen) Dirty() bool { return s.form != nil && s.form.Dirty() }

func (s *Screen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case kit.OpenMsg:
		if msg.Kind != kit.OpenCommunity {
			return nil
		}
		return s.openPage(msg.ID)
	case kit.MunicipalitiesMsg:
		s.munis = msg.List
		return nil
	case membersMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.members = kit.NewFilterPicker(s.c.Cat.T("community.members.pick", kit.Clean(msg.name)), msg.options, "")
		return nil
	case filterTickMsg:
		if msg.seq == s.querySeq {
			return s.applyFilter()
		}
		return nil
	case membershipDoneMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		key := "community.leave.done"
		if msg.joined {
			key = "community.join.done"
		}
		return tea.Batch(kit.StatusCmd(s.c.Cat.T(key, kit.Clean(msg.name)), false), s.b.List.Reload(s.c.Ctx()), s.reloadPage())
	case editLoadedMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.form = newCommunityForm(s.c, msg.com, s.municipalityOptions(false))
		s.form.SetSize(s.width, s.height)
		return s.form.Focus()
	case communitySavedMsg:
		if s.form == nil {
			return nil
		}
		if msg.err != nil {
			return s.form.Failed(msg.err)
		}
		key := "community.updated"
		if s.form.editing == nil {
			key = "community.created"
		}
		s.form = nil
		return tea.Batch(kit.StatusCmd(s.c.Cat.T(key, kit.Clean(msg.name)), false), s.b.List.Reload(s.c.Ctx()), s.reloadPage())
	case kit.DataChangedMsg:
		_, cmd := s.b.Update(msg)
		return tea.Batch(cmd, s.reloadPage())
	case tea.KeyPressMsg:
		return s.key(msg)
	case tea.PasteMsg:
		for _, p := range []*kit.Picker{s.members, s.picker} {
			if p != nil {
				p.Update(s.c, msg)
				return nil
			}
		}
	}
	if s.page != nil {
		if cmd, ok := s.page.Update(msg); ok {
			return cmd
		}
	}
	if s.form != nil {
		if cmd, ok := s.form.Update(msg); ok {
			if s.form.closed {
				s.form = nil
			}
			return cmd
		}
	}
	_, cmd := s.b.Update(msg)
	return cmd
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	if s.form != nil {
		cmd, _ := s.form.Update(msg)
		if s.form.closed {
			s.form = nil
		}
		return cmd
	}
	if s.members != nil {
		done, ok := s.members.Update(s.c, msg)
		if !done {
			return nil
		}
		choice := s.members.Selected()
		s.members = nil
		if ok {
			return kit.OpenCmd(kit.OpenPerson, choice.Value, "")
		}
		return nil
	}
	if s.picker != nil {
		done, ok := s.picker.Update(s.c, msg)
		if done {
			if ok {
				s.filter.MunicipalityID = s.picker.Selected().Value
			}
			s.picker = nil
			if ok {
				return s.applyFilter()
			}
		}
		return nil
	}
	if s.page != nil && !s.typing {
		if cmd, ok := s.page.Update(msg); ok {
			return cmd
		}
		return s.pageKey(msg)
	}
	if s.typing {
		switch msg.String() {
		case "enter", "esc", "tab", "down":
			s.typing = false
			return nil
		}
		if s.query.Update(msg) {
			s.querySeq++
			seq := s.querySeq
			return s.c.After(120*time.Millisecond, filterTickMsg{seq})
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Filter):
		s.typing = true
		s.b.FocusDetail = false
		return nil
	case key.Matches(msg, k.Category):
		s.filter.Category = kit.Next(model.Categories, s.filter.Category)
		return s.applyFilter()
	case key.Matches(msg, k.Municipality):
		s.picker = kit.NewFilterPicker(s.c.Cat.T("picker.municipality"), s.municipalityOptions(true), s.filter.MunicipalityID)
		return nil
	case key.Matches(msg, k.ClearFilter):
		s.filter = model.CommunityFilter{}
		s.query.SetValue("")
		return s.applyFilter()
	case key.Matches(msg, k.New):
		if s.c.ReadOnly {
			return kit.StatusCmd(s.c.Cat.T("readonly"), true)
		}
		s.form = newCommunityForm(s.c, nil, s.municipalityOptions(false))
		s.form.SetSize(s.width, s.height)
		return s.form.Focus()
	case key.Matches(msg, k.Edit):
		com, ok := s.b.List.Selected()
		if !ok {
			return nil
		}
		if com.ViewerRole != model.MemberOrganiser {
			return kit.StatusCmd(s.c.Cat.T("community.not.org"), true)
		}
		return s.openEditor(com.ID)
	case key.Matches(msg, k.Profile):
		com, ok := s.b.List.Selected()
		if !ok {
			return nil
		}
		return s.loadMembers(com)
	case key.Matches(msg, k.Join):
		com, ok := s.b.List.Selected()
		if !ok {
			return nil
		}
		return s.join(com)
	case key.Matches(msg, k.Open):
		if com, ok := s.b.List.Selected(); ok {
			return s.openPage(com.ID)
		}
		return nil
	}
	_, cmd := s.b.Update(msg)
	return cmd
}

// join joins com, or asks before leaving it.
func (s *Screen) join(com model.Community) tea.Cmd {
	if com.ViewerRole == "" {
		return s.setMembership(com, true)
	}
	return kit.Confirm(s.c.Cat.T("community.leave.ask", kit.Clean(com.Name)), s.setMembership(com, false))
}

// openPage shows community id on a page of its own.
func (s *Screen) openPage(id string) tea.Cmd {
	s.page = newPage(s.c, id, s.width, s.height)
	return s.page.Load()
}

// reloadPage draws the page again after a change, if one is open.
func (s *Screen) reloadPage() tea.Cmd {
	if s.page == nil {
		return nil
	}
	return s.page.Load()
}

// pageKey is what the page leaves to the screen: back to the list, and
// joining, editing and the members of the community shown.
func (s *Screen) pageKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	if key.Matches(msg, k.Back) {
		s.page = nil
		return s.b.SelectionChanged()
	}
	com, ok := s.page.community()
	if !ok {
		return nil
	}
	switch {
	case key.Matches(msg, k.Join):
		return s.join(com)
	case key.Matches(msg, k.Edit):
		if com.ViewerRole != model.MemberOrganiser {
			return kit.StatusCmd(s.c.Cat.T("community.not.org"), true)
		}
		return s.openEditor(com.ID)
	case key.Matches(msg, k.Profile):
		return s.loadMembers(com)
	}
	return kit.StatusCmd(s.c.Cat.T("community.page.keys"), false)
}

// openEditor loads the community afresh (the list row may be old) and opens
// the form on it.
func (s *Screen) openEditor(id string) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		com, err := store.CommunityByID(ctx, id)
		return editLoadedMsg{com: com, err: err}
	}
}

// membersMsg carries a community's members for the picker of @.
type membersMsg struct {
	name    string
	options []kit.Option
	err     error
}

// loadMembers reads every member of com, organisers first.
func (s *Screen) loadMembers(com model.Community) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		ms, _, err := store.Members(ctx, com.ID, 0)
		var opts []kit.Option
		for _, m := range ms {
			opts = append(opts, kit.Option{Value: m.Staff.ID, Label: kit.Clean(m.Staff.Name) + "  " + kit.Clean(m.Staff.Municipality) + " " + kit.Clean(m.Staff.Department)})
		}
		return membersMsg{name: com.Name, options: opts, err: err}
	}
}

type editLoadedMsg struct {
	com *model.Community
	err error
}

func (s *Screen) setMembership(com model.Community, join bool) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		var err error
		if join {
			err = store.Join(ctx, com.ID)
		} else {
			err = store.Leave(ctx, com.ID)
		}
		return membershipDoneMsg{name: com.Name, joined: join, err: err}
	}
}

func (s *Screen) applyFilter() tea.Cmd {
	s.filter.Query = s.query.Trimmed()
	return s.b.Refilter(s.loader())
}

func (s *Screen) municipalityOptions(withAll bool) []kit.Option {
	var opts []kit.Option
	if withAll {
		opts = append(opts, kit.Option{Value: "", Label: s.c.Cat.T("all")})
	}
	opts = append(opts, kit.Option{Value: model.AreaWide, Label: s.c.Cat.T("area")})
	for _, m := range s.munis {
		opts = append(opts, kit.MunicipalityOption(m.ID, m.Name))
	}
	return opts
}

func (s *Screen) municipalityName(id string) string {
	switch id {
	case "":
		return s.c.Cat.T("all")
	case model.AreaWide:
		return s.c.Cat.T("area")
	}
	for _, m := range s.munis {
		if m.ID == id {
			return m.Name
		}
	}
	return id
}

// header is the filter line: category, municipality, name filter, count.
func (s *Screen) header() (string, int) {
	// The line is the same frame after frame: while the person does not
	// type in it, it is drawn again only when what it shows changed.
	from := headerFrom{filter: s.filter, query: s.query.Value(), count: s.b.Count(), width: s.width, look: s.c.Styles.Look(), munis: len(s.munis)}
	if !s.typing && s.headerMemo.line != "" && s.headerMemo.from == from {
		return s.headerMemo.line, s.headerMemo.col
	}
	line, col := s.drawHeader()
	s.headerMemo = headerMemo{from: from, line: line, col: col}
	return line, col
}

// headerFrom is what the filter line shows; the municipalities' names
// arrive once (munis is how many), and do not change after.
type headerFrom struct {
	filter       model.CommunityFilter
	query, count string
	width, munis int
	look         kit.Look
}

// headerMemo is the filter line last drawn and what it was drawn from.
type headerMemo struct {
	from headerFrom
	line string
	col  int
}

func (s *Screen) drawHeader() (string, int) {
	st := s.c.Styles
	cat := s.c.Cat
	category := cat.T("all")
	if s.filter.Category != "" {
		category = cat.Category(s.filter.Category)
	}
	left := st.Label.Render(cat.T("filter.category")+":") + " " + category + "  " +
		st.Label.Render(cat.T("filter.municipality")+":") + " " + s.municipalityName(s.filter.MunicipalityID) + "  " +
		st.Label.Render(cat.T("filter.search")+":") + " "
	return s.b.FilterLine(left, &s.query, s.typing)
}

func (s *Screen) View() string {
	if s.form != nil {
		return s.form.View()
	}
	var v string
	if s.page != nil {
		v = s.page.View()
	} else {
		s.b.Header, _ = s.header()
		v = s.b.View()
	}
	if s.picker != nil {
		v = kit.Overlay(v, s.picker.View(s.c, s.height), s.width, s.height)
	}
	if s.members != nil {
		s.members.MaxWidth = s.width
		v = kit.Overlay(v, s.members.View(s.c, s.height), s.width, s.height)
	}
	return v
}

func (s *Screen) Cursor() *tea.Cursor {
	if s.form != nil {
		return s.form.Cursor()
	}
	if s.members != nil {
		return s.members.Cursor(s.c, s.width, s.height)
	}
	if s.picker != nil {
		return s.picker.Cursor(s.c, s.width, s.height)
	}
	if !s.typing {
		return nil
	}
	_, x := s.header()
	return tea.NewCursor(x, 0)
}

func (s *Screen) ShortHelp() []key.Binding {
	k := s.c.Keys
	switch {
	case s.form == nil && s.picker != nil:
		return k.PickerHelp()
	case s.form == nil && s.typing:
		return k.TypingHelp()
	case s.form != nil || s.members != nil:
		return nil
	}
	if s.page != nil {
		return s.page.ShortHelp()
	}
	return []key.Binding{k.Up, k.Open, k.New, k.Join, k.Filter, k.Category, k.Municipality, k.ClearFilter}
}

func (s *Screen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	if s.page != nil {
		return [][]key.Binding{s.page.ShortHelp()}
	}
	return [][]key.Binding{s.b.ListHelp(), {k.Filter, k.Category, k.Municipality, k.ClearFilter, k.Join, k.New, k.Edit, k.Profile}}
}

// row draws a community in two lines: its name and role, then category,
// place, members and latest activity.
func (s *Screen) row(x model.Community, w int, selected bool) []string {
	ago := s.c.Cat.Ago(x.LastActivityAt)
	k := rowKey{name: x.Name, municipalityID: x.MunicipalityID, municipality: x.Municipality, category: x.Category,
		visibility: x.Visibility, role: x.ViewerRole, members: x.MemberCount, w: w, selected: selected, dim: s.b.FocusDetail, ago: ago}
	return s.rows.Lines(s.c.Styles, k, func() []string { return s.drawRow(x, w, selected, ago) })
}

func (s *Screen) drawRow(x model.Community, w int, selected bool, ago string) []string {
	st := s.c.Styles
	cat := s.c.Cat
	badge := ""
	switch x.ViewerRole {
	case model.MemberOrganiser:
		badge = st.BadgeWarn.Render(cat.T("community.organising"))
	case model.MemberRegular:
		badge = st.BadgeGood.Render(cat.T("community.joined"))
	}
	if x.Visibility == model.VisibilityMembers {
		badge = st.Muted.Render(cat.T("visibility.members")) + " " + badge
	}
	badge = strings.TrimSpace(badge)
	name := " " + kit.Clip(st.Title.Render(kit.Clean(x.Name)), w-kit.Width(badge)-2)
	first := name + strings.Repeat(" ", max(w-kit.Width(name)-kit.Width(badge)-1, 1)) + badge
	place := x.Municipality
	if x.MunicipalityID == "" {
		place = cat.T("area")
	}
	names := []string{st.Badge.Render(cat.Category(x.Category)), st.Muted.Render(kit.Clean(place))}
	numbers := []string{cat.T("people", x.MemberCount), ago}
	if w-3-(kit.Width(cat.T("people", 99))+2+8)-3 < 20 {
		// Too narrow for the category and the place beside a member count
		// as long as English's (the left pane at 80 columns): they, cut
		// short, read as nothing; the count is on the community's page.
		// The same for every row of a list, so the columns stay.
		numbers = numbers[1:]
	}
	second := kit.MetaLine(st, w, "   ", names, numbers)
	return kit.StyleRow(s.c.Styles, []string{first, second}, w, selected, s.b.FocusDetail)
}
