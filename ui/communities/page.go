package communities

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
	"hiroba/ui/kit"
)

// page is a community opened on its own (enter on the list, or a search
// result): what it is for, its organisers and members, its threads and
// events. j and k choose a thread or an event, enter opens it on its
// tab; n posts a thread or makes an event in the community; s joins or
// leaves, e edits, @ lists the members; esc goes back to the list.
type page struct {
	c      *kit.Common
	id     string
	doc    *kit.Reader[communityData]
	sel    int // the anchor chosen, into doc.Anchors(); -1 before j chooses one
	new    *kit.Picker
	width  int
	height int
}

func newPage(c *kit.Common, id string, w, h int) *page {
	p := &page{c: c, id: id, sel: -1}
	p.doc = kit.NewReader(c, func(d communityData, w int) kit.Document { return renderCommunity(d, w, c.Cat, c.Styles) })
	p.SetSize(w, h)
	return p
}

// Load reads the community again and draws it, keeping the choice.
func (p *page) Load() tea.Cmd {
	c, id := p.c, p.id
	return p.doc.Load(id, func(ctx context.Context) (communityData, error) { return loadCommunity(ctx, c, id, pageLimits) })
}

// pageMargin is the column the page's text starts in, as the rest of the
// app's does; the document is drawn that much narrower.
const pageMargin = 1

func (p *page) SetSize(w, h int) tea.Cmd {
	p.width, p.height = w, h
	p.doc.Pane.SetSize(w-pageMargin, h-1)
	return p.doc.Rerender()
}

// community is the community shown, once loaded.
func (p *page) community() (model.Community, bool) {
	d, ok := p.doc.Shown()
	if !ok || d.com == nil {
		return model.Community{}, false
	}
	return *d.com, true
}

// keyNew is n on the page: a thread or an event in this community.
func (p *page) keyNew() key.Binding {
	return key.NewBinding(key.WithKeys("n"), key.WithHelp("n", p.c.Cat.T("community.page.new")))
}

// Update takes the page's document and keys; used is false for what is
// not the page's.
func (p *page) Update(msg tea.Msg) (tea.Cmd, bool) {
	if p.doc.Owns(msg) {
		chosen := ""
		if before := p.doc.Anchors(); p.sel >= 0 && p.sel < len(before) {
			chosen = before[p.sel].ID
		}
		_, cmd := p.doc.Update(msg)
		// The mark stays on the thread or event chosen, wherever a change
		// (a reply reorders the latest threads) put it.
		anchors := p.doc.Anchors()
		p.sel = min(p.sel, len(anchors)-1)
		for i, a := range anchors {
			if chosen != "" && a.ID == chosen {
				p.sel = i
			}
		}
		return cmd, true
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		return nil, false
	}
	if p.new != nil {
		done, ok := p.new.Update(p.c, k)
		if !done {
			return nil, true
		}
		kind := p.new.Selected().Value
		p.new = nil
		if !ok {
			return nil, true
		}
		return kit.NewInCmd(kind, p.id), true
	}
	keys, cat := p.c.Keys, p.c.Cat
	anchors := p.doc.Anchors()
	switch {
	case key.Matches(k, keys.Down):
		p.choose(anchors, p.sel+1)
	case key.Matches(k, keys.Up):
		p.choose(anchors, p.sel-1)
	case key.Matches(k, keys.Top):
		p.doc.Pane.Top()
		p.choose(anchors, 0)
	case key.Matches(k, keys.Bottom):
		p.doc.Pane.Bottom()
		p.choose(anchors, len(anchors)-1)
	case key.Matches(k, keys.PageDown):
		p.doc.Pane.PageDown()
	case key.Matches(k, keys.PageUp):
		p.doc.Pane.PageUp()
	case k.String() == "enter":
		if len(anchors) == 0 {
			return kit.StatusCmd(cat.T("community.page.nothing"), false), true
		}
		if p.sel < 0 {
			return kit.StatusCmd(cat.T("community.page.choose"), false), true
		}
		id := anchors[p.sel].ID
		if strings.HasPrefix(id, anchorThread) {
			return kit.OpenCmd(kit.OpenThread, strings.TrimPrefix(id, anchorThread), ""), true
		}
		event, at, _ := strings.Cut(strings.TrimPrefix(id, anchorEvent), "@")
		return kit.OpenCmd(kit.OpenEvent, event, at), true
	case key.Matches(k, p.keyNew()):
		if p.c.ReadOnly {
			return kit.StatusCmd(cat.T("readonly.cannot"), true), true
		}
		com, _ := p.community()
		p.new = kit.NewPicker(cat.T("community.page.new.title", kit.Clean(com.Name)), []kit.Option{
			{Value: kit.OpenThread, Label: cat.T("community.page.new.thread")},
			{Value: kit.OpenEvent, Label: cat.T("community.page.new.event")},
		}, "")
	default:
		return nil, false
	}
	return nil, true
}

// choose marks anchor i, scrolling so that it shows; without threads
// and events the keys scroll.
func (p *page) choose(anchors []kit.Anchor, i int) {
	if len(anchors) == 0 {
		p.doc.Pane.Scroll(i - p.sel)
		return
	}
	p.sel = min(max(i, 0), len(anchors)-1)
	line, pane := anchors[p.sel].Line, &p.doc.Pane
	if line < pane.Offset() || line >= pane.Offset()+pane.Height()-1 {
		pane.ScrollTo(max(line-pane.Height()/3, 0))
	}
}

// View draws the page in exactly width x height: a title line, then the
// document with the chosen thread or event marked with > (so that it
// shows without colours too).
func (p *page) View() string {
	st, cat := p.c.Styles, p.c.Cat
	title := " " + st.Title.Render(cat.T("community.page"))
	if com, ok := p.community(); ok {
		title += "  " + st.Heading.Render(kit.Clean(com.Name))
	}
	anchors, w := p.doc.Anchors(), p.doc.Pane.Width()
	if p.sel >= 0 && p.sel < len(anchors) {
		p.doc.Pane.Mark(anchors[p.sel].Line, func(l string) string {
			// The mark takes the row's indent: the row stays where it was.
			return st.Selected.Render(kit.Fit("> "+strings.TrimPrefix(ansi.Strip(l), "  "), w))
		})
	} else {
		p.doc.Pane.Mark(-1, nil)
	}
	v := kit.Fit(title, p.width) + "\n" + kit.Indent(p.doc.Pane.View(), pageMargin)
	if p.new != nil {
		v = kit.Overlay(v, p.new.View(p.c, p.height), p.width, p.height)
	}
	return v
}

// ShortHelp is the page's key line.
func (p *page) ShortHelp() []key.Binding {
	k := p.c.Keys
	if p.new != nil {
		return nil
	}
	open := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.c.Cat.T("community.page.open")))
	return []key.Binding{k.Up, open, p.keyNew(), k.Join, k.Edit, k.Profile, k.Back}
}
