package people

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// profileData is what a profile's document shows: the profile as the
// store returned it (a hidden one, to others, without history or
// topics), why a search found the person, and whether it is the viewer's
// own.
type profileData struct {
	profile *model.Profile
	reasons []model.MatchReason
	mine    bool
}

// loadProfile reads a person's profile; it runs in a command.
func loadProfile(ctx context.Context, c *kit.Common, staffID string, reasons []model.MatchReason) (profileData, error) {
	p, err := c.Store.ProfileByStaff(ctx, staffID)
	if err != nil {
		return profileData{}, err
	}
	return profileData{profile: p, reasons: reasons, mine: c.Me != nil && c.Me.ID == staffID}, nil
}

// kindWidth is the width of the column of topic kinds and of years.
const kindWidth = 14

// renderProfile draws a profile at w cells: who and where, then past
// departments with their fiscal years and the topics one may ask about,
// by kind. Only what the store returned is drawn.
func renderProfile(d profileData, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	p, pg := d.profile, newPage(w)
	name := st.Heading.Render(kit.Clean(p.Staff.Name))
	if d.mine {
		name += "  " + st.Muted.Render(cat.T("people.me"))
	}
	pg.line(name)
	pg.line(kit.Clean(p.Staff.Municipality) + "  " + kit.Clean(p.Staff.Department))
	if p.Hidden && !d.mine {
		// Whatever the store handed over: who and where, no more.
		pg.line("")
		pg.wrap(0, st.Muted, cat.T("people.hidden.other"))
		return pg.document()
	}
	if p.JoinedYear > 0 {
		pg.line(st.Muted.Render(cat.T("people.joined", p.JoinedYear, model.FiscalYear(cat.Now())-p.JoinedYear+1)))
	}
	if len(d.reasons) > 0 {
		var rs []string
		for _, r := range d.reasons {
			rs = append(rs, cat.T("people.match."+r.Field)+" "+kit.Clean(r.Text))
		}
		pg.line("")
		pg.line(st.Title.Render(cat.T("people.why")))
		pg.wrap(2, st.BadgeWarn, strings.Join(rs, cat.T("list.sep")))
	}
	if p.Hidden {
		pg.wrap(0, st.BadgeWarn, cat.T("people.hidden.mine"))
	}
	if d.mine {
		pg.line(st.Muted.Render(cat.T("people.mine.hint")))
	}
	if p.UpdatedAt == nil && len(p.History) == 0 && len(p.Topics) == 0 {
		key := "people.empty.other"
		if d.mine {
			key = "people.empty.mine"
		}
		pg.line("")
		pg.wrap(0, st.Muted, cat.T(key))
		return pg.document()
	}

	pg.line("")
	pg.line(st.Title.Render(cat.T("people.history")))
	if len(p.History) == 0 {
		pg.line("  " + st.Muted.Render(cat.T("none")))
	}
	for _, h := range p.History {
		place := kit.Clean(h.Department)
		if h.Municipality != "" {
			place = kit.Clean(h.Municipality) + " " + place
		}
		pg.field(st.Muted, years(cat, h.FromYear, h.ToYear), place)
	}
	pg.field(st.Muted, cat.T("people.now"), kit.Clean(p.Staff.Department))

	pg.line("")
	pg.line(st.Title.Render(cat.T("people.topics")))
	if len(p.Topics) == 0 {
		pg.line("  " + st.Muted.Render(cat.T("none")))
	}
	for _, k := range model.TopicKinds {
		var items []string
		for _, t := range p.Topics {
			if t.Kind != k {
				continue
			}
			item := kit.Clean(t.Label)
			if t.Note != "" {
				item += " (" + kit.Clean(t.Note) + ")"
			}
			items = append(items, item)
		}
		if len(items) > 0 {
			pg.field(st.Badge, cat.T("people.kind."+string(k)), strings.Join(items, cat.T("list.sep")))
		}
	}
	return pg.document()
}

// years writes a span of fiscal years, such as 2014–2018年度.
func years(cat *kit.Catalog, from, to int) string {
	if from == to {
		return cat.T("people.year", from)
	}
	return cat.T("people.years", from, to)
}

// ProfileView shows one person's profile over the whole screen: what the
// app opens where a name is chosen (a post's author, a member, a
// predecessor or successor, a search result). It reads the profile
// again when the database changes.
type ProfileView struct {
	c     *kit.Common
	id    string
	doc   *kit.Reader[profileData]
	width int
}

// NewProfileView returns the view of staffID's profile.
func NewProfileView(c *kit.Common, staffID string) *ProfileView {
	render := func(d profileData, w int) kit.Document { return renderProfile(d, w, c.Cat, c.Styles) }
	return &ProfileView{c: c, id: staffID, doc: kit.NewReader(c, render)}
}

func (v *ProfileView) Init() tea.Cmd { return v.load() }

func (v *ProfileView) load() tea.Cmd {
	c, id := v.c, v.id
	return v.doc.Load(id, func(ctx context.Context) (profileData, error) { return loadProfile(ctx, c, id, nil) })
}

// SetSize gives the view w x h cells, the title line included.
func (v *ProfileView) SetSize(w, h int) tea.Cmd {
	first := v.doc.Pane.Width() == 0
	v.width = w
	v.doc.Pane.SetSize(max(w-2, 1), max(h-1, 1))
	if first {
		return v.load()
	}
	return v.doc.Rerender()
}

// Update scrolls with the moving keys and takes the loaded document; it
// reports whether it used msg.
func (v *ProfileView) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case kit.DataChangedMsg:
		return v.load(), true
	case tea.KeyPressMsg:
		return nil, v.doc.Pane.Key(v.c.Keys, msg)
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			v.doc.Pane.Scroll(-3)
		} else {
			v.doc.Pane.Scroll(3)
		}
		return nil, true
	}
	_, cmd := v.doc.Update(msg)
	return cmd, v.doc.Owns(msg)
}

// View draws a title line and the profile, indented by one cell.
func (v *ProfileView) View() string {
	st := v.c.Styles
	title := kit.Fit(" "+st.Title.Render(v.c.Cat.T("people.profile.title")), v.width)
	return title + "\n" + kit.Indent(v.doc.Pane.View(), 1)
}

// Keys is what the view's key line offers.
func (v *ProfileView) Keys() []key.Binding {
	k := v.c.Keys
	return []key.Binding{k.Up, k.PageDown, k.Back}
}
