package people

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// searchView finds colleagues by topic, past department or experience
// ("育休", "税務課 経験"), filtered by municipality; each result says why
// it matched, and the profile shows beside the list. With nothing typed
// it shows the viewer's own profile, which e edits and H hides.
type searchView struct {
	c      *kit.Common
	b      *kit.Browser[model.PersonMatch, profileData]
	query  kit.LineInput
	typing bool
	seq    int
	muni   string // municipality id; "" for all
	munis  []model.Municipality
	over
	keys   searchKeys
	width  int
	height int
}

// searchLimit is how many people one search shows; the count says when
// there may be more.
const searchLimit = 100

type searchKeys struct {
	Words, Edit, Hide key.Binding
}

type (
	searchTickMsg struct{ seq int }
	// hiddenMsg says whether the switch out of search worked.
	hiddenMsg struct {
		text string
		err  bool
	}
	// profileEditMsg carries the viewer's own profile, read afresh for
	// the form.
	profileEditMsg struct{ p *model.Profile }
)

func newSearchView(c *kit.Common) *searchView {
	v := &searchView{c: c}
	v.query.Limit = model.MaxPeopleQueryLen
	render := func(d profileData, w int) kit.Document { return renderProfile(d, w, c.Cat, c.Styles) }
	v.b = kit.NewBrowser(c, kit.NewPagedList(v.loader()), render, 2, "people.search.hint")
	v.b.IDOf = func(m model.PersonMatch) string { return m.Staff.ID + "/" + reasonKey(m.Reasons) }
	v.b.Row = v.row
	v.b.Load = func(ctx context.Context, m model.PersonMatch) (profileData, error) {
		return loadProfile(ctx, c, m.Staff.ID, m.Reasons)
	}
	b := func(help, k string) key.Binding {
		return key.NewBinding(key.WithKeys(k), key.WithHelp(k, c.Cat.T(help)))
	}
	v.keys = searchKeys{Words: b("people.key.words", "/"), Edit: b("people.key.edit", "e"), Hide: b("people.key.hide", "H")}
	return v
}

func reasonKey(rs []model.MatchReason) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Field + ":" + r.Text + ";")
	}
	return b.String()
}

// loader searches for the words and municipality as they are now; the
// whole result comes in one page.
func (v *searchView) loader() kit.PageLoader[model.PersonMatch] {
	q := model.PeopleQuery{Text: v.query.Trimmed(), MunicipalityID: v.muni, Limit: searchLimit}
	store := v.c.Store
	return func(ctx context.Context, offset, limit int) ([]model.PersonMatch, int, error) {
		if offset > 0 || strings.TrimSpace(q.Text) == "" {
			return nil, 0, nil
		}
		ms, err := store.SearchPeople(ctx, q)
		return ms, len(ms), err
	}
}

func (v *searchView) Init() tea.Cmd {
	// Not Start: with nothing typed the list is empty, and the pane shows
	// one's own profile (showMine), which a document reserved for a first
	// row would have sent to be read twice (review).
	return tea.Batch(v.b.List.Reset(v.c.Ctx()), kit.LoadMunicipalities(v.c))
}

func (v *searchView) SetSize(w, h int) tea.Cmd {
	v.width, v.height = w, h
	if v.form != nil {
		v.form.SetSize(w, h)
	}
	cmd := v.b.SetSize(w, h)
	return tea.Batch(cmd, v.showMine())
}

// showMine shows the viewer's own profile beside an empty search, where
// the list has nothing.
func (v *searchView) showMine() tea.Cmd {
	if v.query.Trimmed() != "" || v.c.Me == nil {
		return nil
	}
	c, id := v.c, v.c.Me.ID
	return v.b.Doc.Load("me:"+id, func(ctx context.Context) (profileData, error) { return loadProfile(ctx, c, id, nil) })
}

func (v *searchView) Capturing() bool { return v.typing || v.capturing() }
func (v *searchView) Dirty() bool     { return v.dirty() }

func (v *searchView) refilter() tea.Cmd {
	v.b.Empty = "people.search.none"
	if v.query.Trimmed() == "" {
		v.b.Empty = "people.search.hint"
	}
	return v.b.Refilter(v.loader())
}

func (v *searchView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case kit.MunicipalitiesMsg:
		v.munis = msg.List
		return nil
	case searchTickMsg:
		if msg.seq == v.seq {
			return v.refilter()
		}
		return nil
	case hiddenMsg:
		return tea.Batch(kit.StatusCmd(msg.text, msg.err), v.reloadMine())
	case profileEditMsg:
		v.show(newProfileForm(v.c, msg.p), v.width, v.height)
		return nil
	case profileSavedMsg:
		if msg.err != nil && v.failed(msg.err) {
			return nil
		}
		v.form = nil
		if msg.err != nil {
			return kit.StatusCmd(v.c.Cat.Err(msg.err), true)
		}
		return tea.Batch(kit.StatusCmd(v.c.Cat.T("people.saved"), false), v.reloadMine())
	case kit.DataChangedMsg:
		_, cmd := v.b.Update(msg)
		return tea.Batch(cmd, v.reloadMine())
	}
	if cmd, used := v.route(v.c, msg, v.key); used {
		return cmd
	}
	used, cmd := v.b.Update(msg)
	if used && v.b.List.Owns(msg) {
		return tea.Batch(cmd, v.showMine())
	}
	return cmd
}

// reloadMine shows the viewer's own profile afresh when it is shown.
func (v *searchView) reloadMine() tea.Cmd {
	if strings.HasPrefix(v.b.Doc.Key(), "me:") {
		v.b.ClearDetail()
		return v.showMine()
	}
	return v.b.Refresh()
}

func (v *searchView) key(msg tea.KeyPressMsg) tea.Cmd {
	k := v.c.Keys
	if v.typing {
		switch msg.String() {
		case "enter", "esc", "tab", "down":
			v.typing = false
			return nil
		}
		if v.query.Update(msg) {
			v.seq++
			return v.c.After(150*time.Millisecond, searchTickMsg{v.seq})
		}
		return nil
	}
	switch {
	case key.Matches(msg, v.keys.Words):
		v.typing = true
		v.b.FocusDetail = false
		return nil
	case key.Matches(msg, k.Municipality):
		opts := []kit.Option{{Value: "", Label: v.c.Cat.T("all")}}
		for _, m := range v.munis {
			opts = append(opts, kit.MunicipalityOption(m.ID, m.Name))
		}
		v.ask = pick(v.c.Cat.T("picker.municipality"), opts, true, func(o kit.Option) tea.Cmd {
			v.muni = o.Value
			return v.refilter()
		})
		return nil
	case key.Matches(msg, k.ClearFilter):
		v.muni = ""
		v.query.SetValue("")
		return v.refilter()
	case key.Matches(msg, k.Profile), key.Matches(msg, k.Open) && !v.b.FocusDetail && v.b.List.Len() > 0:
		// enter on a person found opens their profile, as @ does: the
		// pane beside already shows what matched.
		if m, ok := v.b.List.Selected(); ok {
			return kit.OpenCmd(kit.OpenPerson, m.Staff.ID, "")
		}
		return kit.StatusCmd(v.c.Cat.T("people.none.selected"), true)
	case key.Matches(msg, v.keys.Edit):
		return v.editMine()
	case key.Matches(msg, v.keys.Hide):
		return v.toggleHidden()
	}
	_, cmd := v.b.Update(msg)
	return cmd
}

// editMine reads the viewer's own profile afresh and opens the form.
func (v *searchView) editMine() tea.Cmd {
	return v.withMine(func(ctx context.Context, p *model.Profile) tea.Msg { return profileEditMsg{p: p} })
}

// toggleHidden switches the viewer's profile out of search, or back.
func (v *searchView) toggleHidden() tea.Cmd {
	store, cat := v.c.Store, v.c.Cat
	return v.withMine(func(ctx context.Context, p *model.Profile) tea.Msg {
		if err := store.SetProfileHidden(ctx, !p.Hidden); err != nil {
			return hiddenMsg{text: cat.Err(err), err: true}
		}
		if p.Hidden {
			return hiddenMsg{text: cat.T("people.hide.off")}
		}
		return hiddenMsg{text: cat.T("people.hide.on")}
	})
}

// withMine reads the viewer's own profile in a command and hands it to
// then, unless the database is read-only; a failed read says why.
func (v *searchView) withMine(then func(ctx context.Context, p *model.Profile) tea.Msg) tea.Cmd {
	if v.c.ReadOnly {
		return kit.StatusCmd(v.c.Cat.T("readonly.cannot"), true)
	}
	store, ctx, id, cat := v.c.Store, v.c.Ctx(), v.c.Me.ID, v.c.Cat
	return func() tea.Msg {
		p, err := store.ProfileByStaff(ctx, id)
		if err != nil {
			return kit.StatusMsg{Text: cat.Err(err), Err: true}
		}
		return then(ctx, p)
	}
}

func (v *searchView) muniName() string {
	for _, m := range v.munis {
		if m.ID == v.muni {
			return m.Name
		}
	}
	return v.c.Cat.T("all")
}

// header is the filter line: municipality, words, count.
func (v *searchView) header() (string, int) {
	st, cat := v.c.Styles, v.c.Cat
	left := st.Label.Render(cat.T("filter.municipality")+":") + " " + kit.Clean(v.muniName()) + "  " +
		st.Label.Render(cat.T("people.filter.words")+":") + " "
	line, col := v.b.FilterLine(left, &v.query, v.typing)
	switch {
	case v.query.Trimmed() == "":
		// Nothing asked, nothing counted.
		line = strings.Replace(line, cat.T("count", 0), strings.Repeat(" ", kit.Width(cat.T("count", 0))), 1)
	case v.b.List.Loaded() && v.b.List.Len() >= searchLimit:
		// The count is of the first searchLimit: say so.
		line = kit.Fit(strings.Replace(line, cat.T("count", v.b.List.Len()), cat.T("people.count.first", v.b.List.Len()), 1), v.width)
	}
	return line, col
}

func (v *searchView) View() string {
	return v.view(v.c, func() string {
		v.b.Header, _ = v.header()
		return v.b.View()
	}, v.width, v.height)
}

func (v *searchView) Cursor() *tea.Cursor {
	if v.typing {
		_, x := v.header()
		return tea.NewCursor(x, 0)
	}
	return v.cursor(v.c, v.width, v.height)
}

func (v *searchView) ShortHelp() []key.Binding {
	k, cat := v.c.Keys, v.c.Cat
	switch {
	case v.typing:
		return k.TypingHelp()
	case v.Capturing():
		return v.help(k)
	}
	short := func(b key.Binding, help string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, cat.T(help)))
	}
	edit, hide := short(v.keys.Edit, "people.short.edit"), short(v.keys.Hide, "people.short.hide")
	if v.b.FocusDetail {
		// The pane (a click): scrolled; @ opens the profile of the one
		// found, e and H are the viewer's own as anywhere here.
		if _, ok := v.b.List.Selected(); ok {
			return []key.Binding{k.Up, k.Back, k.Profile, edit, hide}
		}
		return []key.Binding{k.Up, k.Back, edit, hide}
	}
	keys := []key.Binding{short(v.keys.Words, "people.short.words"), short(k.Municipality, "people.short.muni")}
	if v.b.List.Len() > 0 {
		// Not before a search, nor when it found nobody: nothing to
		// move through or open then.
		keys = append(keys, k.Up, k.Open)
	}
	return append(keys, edit, hide)
}

func (v *searchView) FullHelp() [][]key.Binding {
	k := v.c.Keys
	return [][]key.Binding{v.b.ListHelp(), {v.keys.Words, k.Municipality, k.ClearFilter, k.Profile, v.keys.Edit, v.keys.Hide}}
}

// row draws a person in two lines: name and where they work, then why
// they matched.
func (v *searchView) row(m model.PersonMatch, w int, selected bool) []string {
	st, cat := v.c.Styles, v.c.Cat
	first := " " + st.Title.Render(kit.Clean(m.Staff.Name)) + "  " + st.Muted.Render(kit.Clean(m.Staff.Municipality)+" "+kit.Clean(m.Staff.Department))
	var rs []string
	for _, r := range m.Reasons {
		rs = append(rs, st.Badge.Render(cat.T("people.match."+r.Field))+" "+kit.Clean(r.Text))
	}
	second := "   " + strings.Join(rs, "  ")
	return kit.StyleRow(st, []string{first, second}, w, selected, v.b.FocusDetail)
}
