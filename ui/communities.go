package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// communities is the コミュニティ screen: communities by category and
// municipality, a detail pane, join and leave, create and edit.
type communities struct {
	c      *Common
	b      *browser[model.Community]
	filter model.CommunityFilter
	munis  []model.Municipality

	query    lineInput
	typing   bool // the name filter has the keyboard
	querySeq int

	picker  *picker
	form    *communityForm
	leaving *model.Community // asking whether to leave
	width   int
	height  int
}

type municipalitiesMsg struct {
	munis []model.Municipality
	err   error
}

type queryTickMsg struct{ seq int }

// membershipDoneMsg says a join or leave was saved.
type membershipDoneMsg struct {
	name   string
	joined bool
	err    error
}

func newCommunities(c *Common) *communities {
	s := &communities{c: c}
	s.b = &browser[model.Community]{
		c:          c,
		itemHeight: 2,
		empty:      "community.empty",
		idOf: func(x model.Community) string {
			return x.ID + "/" + x.UpdatedAt.String() + fmt.Sprint(x.MemberCount, x.ViewerRole)
		},
		row:      s.row,
		document: s.document,
	}
	s.b.list = newPagedList(s.loader())
	return s
}

// loader returns a page loader for the filter as it is now; loads run in
// other goroutines, so they must not read s.filter later.
func (s *communities) loader() pageLoader[model.Community] {
	f, store := s.filter, s.c.Store
	return func(ctx context.Context, offset, limit int) ([]model.Community, int, error) {
		f.Offset, f.Limit = offset, limit
		return store.FindCommunities(ctx, f)
	}
}

func (s *communities) Init() tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return tea.Batch(s.b.list.Reset(ctx), func() tea.Msg {
		m, err := store.Municipalities(ctx)
		return municipalitiesMsg{munis: m, err: err}
	})
}

func (s *communities) SetSize(w, h int) tea.Cmd {
	s.width, s.height = w, h
	if s.form != nil {
		s.form.SetSize(w, h)
	}
	return s.b.SetSize(w, h)
}

func (s *communities) Capturing() bool {
	return s.typing || s.form != nil || s.picker != nil || s.leaving != nil
}
func (s *communities) Dirty() bool { return s.form != nil && s.form.Dirty() }

func (s *communities) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openMsg:
		if msg.Kind != openCommunity {
			return nil
		}
		store, id := s.c.Store, msg.ID
		return s.b.Open(func(ctx context.Context) (*model.Community, error) { return store.CommunityByID(ctx, id) })
	case municipalitiesMsg:
		s.munis = msg.munis
		return nil
	case queryTickMsg:
		if msg.seq == s.querySeq {
			return s.applyFilter()
		}
		return nil
	case membershipDoneMsg:
		if msg.err != nil {
			return statusCmd(s.c.Cat.Err(msg.err), true)
		}
		key := "community.leave.done"
		if msg.joined {
			key = "community.join.done"
		}
		return tea.Batch(statusCmd(s.c.Cat.T(key, clean(msg.name)), false), s.b.list.Reload(s.c.Ctx()))
	case editLoadedMsg:
		if msg.err != nil {
			return statusCmd(s.c.Cat.Err(msg.err), true)
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
		return tea.Batch(statusCmd(s.c.Cat.T(key, clean(msg.name)), false), s.b.list.Reload(s.c.Ctx()))
	case tea.KeyPressMsg:
		return s.key(msg)
	}
	if s.form != nil {
		if cmd, ok := s.form.Update(msg); ok {
			return cmd
		}
	}
	_, cmd := s.b.Update(msg)
	return cmd
}

func (s *communities) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	if s.form != nil {
		cmd, _ := s.form.Update(msg)
		if s.form.closed {
			s.form = nil
		}
		return cmd
	}
	if s.leaving != nil {
		com := *s.leaving
		s.leaving = nil
		if msg.String() == "y" {
			return tea.Batch(statusCmd("", false), s.setMembership(com, false))
		}
		return statusCmd("", false)
	}
	if s.picker != nil {
		done, ok := s.picker.Update(s.c, msg)
		if done {
			if ok {
				s.filter.MunicipalityID = s.picker.Selected().value
			}
			s.picker = nil
			if ok {
				return s.applyFilter()
			}
		}
		return nil
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
			return tea.Tick(120*time.Millisecond, func(time.Time) tea.Msg { return queryTickMsg{seq} })
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Filter):
		s.typing = true
		s.b.focusDetail = false
		return nil
	case key.Matches(msg, k.Category):
		s.filter.Category = nextCategory(s.filter.Category)
		return s.applyFilter()
	case key.Matches(msg, k.Municipality):
		s.picker = newPicker(s.c.Cat.T("picker.municipality"), s.municipalityOptions(true), s.filter.MunicipalityID)
		return nil
	case key.Matches(msg, k.ClearFilter):
		s.filter = model.CommunityFilter{}
		s.query.SetValue("")
		return s.applyFilter()
	case key.Matches(msg, k.New):
		if s.c.ReadOnly {
			return statusCmd(s.c.Cat.T("readonly"), true)
		}
		s.form = newCommunityForm(s.c, nil, s.municipalityOptions(false))
		s.form.SetSize(s.width, s.height)
		return s.form.Focus()
	case key.Matches(msg, k.Edit):
		com, ok := s.b.list.Selected()
		if !ok {
			return nil
		}
		if com.ViewerRole != model.MemberOrganiser {
			return statusCmd(s.c.Cat.T("community.not.org"), true)
		}
		return s.openEditor(com.ID)
	case key.Matches(msg, k.Join):
		com, ok := s.b.list.Selected()
		if !ok {
			return nil
		}
		if com.ViewerRole == "" {
			return s.setMembership(com, true)
		}
		s.leaving = &com
		return statusCmd(s.c.Cat.T("community.leave.ask", clean(com.Name)), true)
	}
	_, cmd := s.b.Update(msg)
	return cmd
}

// openEditor loads the community afresh (the list row may be old) and opens
// the form on it.
func (s *communities) openEditor(id string) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		com, err := store.CommunityByID(ctx, id)
		return editLoadedMsg{com: com, err: err}
	}
}

type editLoadedMsg struct {
	com *model.Community
	err error
}

func (s *communities) setMembership(com model.Community, join bool) tea.Cmd {
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

func (s *communities) applyFilter() tea.Cmd {
	s.filter.Query = s.query.trimmed()
	s.b.detail.Clear()
	s.b.shownID = ""
	s.b.list.load = s.loader()
	return s.b.list.Reset(s.c.Ctx())
}

func nextCategory(c model.Category) model.Category {
	if c == "" {
		return model.Categories[0]
	}
	for i, k := range model.Categories {
		if k == c && i+1 < len(model.Categories) {
			return model.Categories[i+1]
		}
	}
	return ""
}

func (s *communities) municipalityOptions(withAll bool) []option {
	var opts []option
	if withAll {
		opts = append(opts, option{"", s.c.Cat.T("all")})
	}
	opts = append(opts, option{model.AreaWide, s.c.Cat.T("area")})
	for _, m := range s.munis {
		opts = append(opts, option{m.ID, m.Name})
	}
	return opts
}

func (s *communities) municipalityName(id string) string {
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
func (s *communities) header() (string, int) {
	st := s.c.Styles
	cat := s.c.Cat
	category := cat.T("all")
	if s.filter.Category != "" {
		category = cat.Category(s.filter.Category)
	}
	left := st.Label.Render(cat.T("filter.category")+":") + " " + category + "  " +
		st.Label.Render(cat.T("filter.municipality")+":") + " " + s.municipalityName(s.filter.MunicipalityID) + "  " +
		st.Label.Render(cat.T("filter.search")+":") + " "
	count := ""
	if s.b.list.Loaded() {
		count = cat.T("count", s.b.list.Len())
	}
	room := s.width - width(left) - width(count) - 1
	field, col := s.query.View(max(room, 4))
	if !s.typing && s.query.Value() == "" {
		field = fit(st.Muted.Render("/"), max(room, 4))
	}
	return fit(left+field+" "+st.Muted.Render(count), s.width), width(left) + col
}

func (s *communities) View() string {
	if s.form != nil {
		return s.form.View()
	}
	s.b.header, _ = s.header()
	v := s.b.View()
	if s.picker != nil {
		v = overlay(v, s.picker.View(s.c, s.height), s.width, s.height)
	}
	return v
}

func (s *communities) Cursor() *tea.Cursor {
	if s.form != nil {
		return s.form.Cursor()
	}
	if !s.typing {
		return nil
	}
	_, x := s.header()
	return tea.NewCursor(x, 0)
}

func (s *communities) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.form != nil {
		return nil
	}
	return []key.Binding{k.Up, k.Open, k.Join, k.Filter, k.Category, k.Municipality, k.New}
}

func (s *communities) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{s.b.listHelp(), {k.Filter, k.Category, k.Municipality, k.ClearFilter, k.Join, k.New, k.Edit}}
}

// row draws a community in two lines: its name and role, then category,
// place, members and latest activity.
func (s *communities) row(x model.Community, w int, selected bool) []string {
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
	name := " " + clip(st.Title.Render(clean(x.Name)), w-width(badge)-2)
	first := name + strings.Repeat(" ", max(w-width(name)-width(badge)-1, 1)) + badge
	place := x.Municipality
	if x.MunicipalityID == "" {
		place = cat.T("area")
	}
	second := "   " + st.Badge.Render(cat.Category(x.Category)) + "  " + st.Muted.Render(clean(place)+"  "+cat.T("people", x.MemberCount)+"  "+s.c.ago(x.LastActivityAt))
	return styleRow(s.c, []string{first, second}, w, selected, s.b.focusDetail)
}

// document loads what the detail pane shows of a community and renders it.
func (s *communities) document(ctx context.Context, x model.Community, w int) (string, error) {
	store, st, cat := s.c.Store, s.c.Styles, s.c.Cat
	com, err := store.CommunityByID(ctx, x.ID)
	if err != nil {
		return "", err
	}
	members, total, err := store.Members(ctx, x.ID, 12)
	if err != nil {
		return "", err
	}
	threads, _, err := store.FindThreads(ctx, model.ThreadFilter{CommunityID: x.ID, Limit: 5})
	if err != nil {
		return "", err
	}
	now := s.c.Now()
	occ, err := store.Occurrences(ctx, now, now.AddDate(0, 4, 0), x.ID)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(clip(s, w) + "\n") }
	line(st.Heading.Render(clean(com.Name)))
	place := clean(com.Municipality)
	if com.MunicipalityID == "" {
		place = cat.T("area")
	}
	line(st.Badge.Render(cat.Category(com.Category)) + "  " + place + "  " + cat.T("visibility."+com.Visibility) + "  " + cat.T("community.members", com.MemberCount))
	if com.Summary != "" {
		line(st.Muted.Render(clean(com.Summary)))
	}
	b.WriteString("\n" + markdown.Render(com.Description, w) + "\n\n")

	var orgs, regular []string
	for _, m := range members {
		if m.Role == model.MemberOrganiser {
			orgs = append(orgs, clean(m.Staff.Name)+" ("+clean(m.Staff.Municipality)+")")
		} else {
			regular = append(regular, clean(m.Staff.Name))
		}
	}
	line(st.Title.Render(cat.T("community.organisers")))
	b.WriteString(wrapWords(strings.Join(orgs, "、"), w) + "\n\n")
	line(st.Title.Render(cat.T("community.members", total)))
	more := ""
	if rest := total - len(members); rest > 0 {
		more = "、" + cat.T("community.more.members", rest)
	}
	b.WriteString(wrapWords(strings.Join(regular, "、")+more, w) + "\n\n")

	line(st.Title.Render(cat.T("community.threads")))
	if len(threads) == 0 {
		line(st.Muted.Render("  " + cat.T("none")))
	}
	for _, t := range threads {
		line("  " + st.Badge.Render(fit(cat.Kind(t.Kind), 9)) + clean(t.Title))
		line("    " + st.Muted.Render(authorName(cat, t.AuthorName, t.Anonymous)+"  "+s.c.ago(t.LastActivityAt)+"  "+cat.T("thread.replies", t.ReplyCount)))
	}
	b.WriteString("\n")
	line(st.Title.Render(cat.T("community.events")))
	if len(occ) == 0 {
		line(st.Muted.Render("  " + cat.T("none")))
	}
	for i, o := range occ {
		if i == 5 {
			break
		}
		line("  " + st.Badge.Render(s.c.date(o.Start)+" "+s.c.clock(o.Start)) + "  " + clean(o.Event.Title))
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// authorName is what a list shows for a post's author.
func authorName(cat *Catalog, name string, anonymous bool) string {
	if anonymous && (name == "" || name == model.AnonymousName) {
		return cat.T("thread.anonymous")
	}
	return clean(name)
}

// wrapWords wraps plain text at w cells, breaking between any characters
// when a word is wider than the line (Japanese has no spaces).
func wrapWords(s string, w int) string {
	var out []string
	var line strings.Builder
	lw := 0
	for _, r := range s {
		rw := width(string(r))
		if lw+rw > w {
			out = append(out, line.String())
			line.Reset()
			lw = 0
		}
		line.WriteRune(r)
		lw += rw
	}
	if line.Len() > 0 {
		out = append(out, line.String())
	}
	return strings.Join(out, "\n")
}
