package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// search finds threads, replies, handover notes, events and communities as
// the person types, and above them the first few people whose profile
// matches (people search: topics, past departments, experience). It opens
// from every tab over the active screen; enter shows the result on its
// tab, or the person's profile; esc closes.
type search struct {
	c       *kit.Common
	input   kit.LineInput
	results []model.SearchResult
	people  int    // how many of the results, first, are people
	more    bool   // people search found more than it shows
	query   string // what results were found for
	err     error
	cursor  int
	top     int
	width   int
	height  int
}

// searchLimit is how many results one search shows; searchPeople how
// many people come before them.
const (
	searchLimit  = 50
	searchPeople = 5
)

// searchPerson is the type of a result that is a person, made here from
// people search.
const searchPerson = "person"

type searchResultsMsg struct {
	search     *search
	query      string
	results    []model.SearchResult
	people     int
	morePeople bool // people search found more than it shows
	err        error
}

func newSearch(c *kit.Common) screen { return &search{c: c, input: kit.LineInput{Limit: 200}} }

func (m *search) Init() tea.Cmd             { return nil }
func (m *search) SetSize(w, h int) tea.Cmd  { m.width, m.height = w, h; return nil }
func (m *search) Capturing() bool           { return true }
func (m *search) Dirty() bool               { return false }
func (m *search) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

func (m *search) ShortHelp() []key.Binding {
	cat := m.c.Cat
	return []key.Binding{
		key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("up/down", cat.T("search.key.move"))),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", cat.T("key.open"))),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", cat.T("search.key.close"))),
	}
}

// Cursor is the real terminal cursor in the query field, for IME input.
func (m *search) Cursor() *tea.Cursor {
	_, col := m.input.View(m.fieldWidth())
	return tea.NewCursor(m.labelWidth()+col, 0)
}

func (m *search) labelWidth() int { return kit.Width(" "+m.c.Cat.T("search.title")) + 2 }
func (m *search) fieldWidth() int { return max(m.width-m.labelWidth()-1, 1) }

// find searches for the query in a command; a result that comes back after
// the person typed on is dropped.
func (m *search) find() tea.Cmd {
	q := strings.TrimSpace(m.input.Value())
	if q == "" {
		m.results, m.query, m.err = nil, "", nil
		return nil
	}
	store, ctx := m.c.Store, m.c.Ctx()
	cat := m.c.Cat
	return func() tea.Msg {
		rs, err := store.Search(ctx, q, searchLimit)
		// People search refuses what it cannot read as words (too long);
		// the rest of the search goes on without people.
		ps, _ := store.SearchPeople(ctx, model.PeopleQuery{Text: q, Limit: searchPeople + 1})
		more := len(ps) > searchPeople
		if more {
			ps = ps[:searchPeople]
		}
		return searchResultsMsg{search: m, query: q, results: append(peopleResults(cat, ps), rs...), people: len(ps), morePeople: more, err: err}
	}
}

// peopleResults shows people found as results: the name, where they
// work, and why they matched.
func peopleResults(cat *kit.Catalog, ps []model.PersonMatch) []model.SearchResult {
	var out []model.SearchResult
	for _, p := range ps {
		var why []string
		for _, r := range p.Reasons {
			why = append(why, cat.T("people.match."+r.Field)+" "+r.Text)
		}
		out = append(out, model.SearchResult{Type: searchPerson, ID: p.Staff.ID, Title: p.Staff.Name,
			Community: p.Staff.Municipality + " " + p.Staff.Department, Snippet: strings.Join(why, "  ")})
	}
	return out
}

func (m *search) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case searchResultsMsg:
		if msg.search == m && msg.query == strings.TrimSpace(m.input.Value()) {
			m.results, m.query, m.err, m.people, m.more = msg.results, msg.query, msg.err, msg.people, msg.morePeople
			m.cursor, m.top = 0, 0
		}
	case tea.PasteMsg:
		if m.input.Update(msg) {
			return m.find()
		}
	case tea.KeyPressMsg:
		switch msg.String() {
		case "esc":
			return closeLayer
		case "enter":
			if m.cursor < len(m.results) {
				return openResult(m.results[m.cursor])
			}
			return nil
		case "up", "ctrl+p":
			m.cursor = max(m.cursor-1, 0)
			return nil
		case "down", "ctrl+n", "tab":
			m.cursor = min(m.cursor+1, max(len(m.results)-1, 0))
			return nil
		case "pgup":
			m.cursor = max(m.cursor-m.rows(), 0)
			return nil
		case "pgdown":
			m.cursor = min(m.cursor+m.rows(), max(len(m.results)-1, 0))
			return nil
		}
		if m.input.Update(msg) {
			return m.find()
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			m.cursor = max(m.cursor-1, 0)
		} else {
			m.cursor = min(m.cursor+1, max(len(m.results)-1, 0))
		}
	}
	return nil
}

// openResult shows a result on its tab: a reply inside its thread, a
// section inside its handover note.
func openResult(r model.SearchResult) tea.Cmd {
	switch r.Type {
	case model.SearchThread, model.SearchReply:
		return kit.OpenCmd(kit.OpenThread, r.ID, r.Anchor)
	case model.SearchHandover, model.SearchSection:
		return kit.OpenCmd(kit.OpenHandover, r.ID, r.Anchor)
	case model.SearchEvent:
		return kit.OpenCmd(kit.OpenEvent, r.ID, r.Anchor)
	case model.SearchCommunity:
		return kit.OpenCmd(kit.OpenCommunity, r.ID, r.Anchor)
	case searchPerson:
		return kit.OpenCmd(kit.OpenPerson, r.ID, "")
	}
	return nil
}

// rows is how many results fit under the query line and its note; each
// takes two lines.
func (m *search) rows() int { return max((m.height-2)/2, 1) }

// View draws the query field, a line saying what was found, and the
// results, two lines each: type and title, then the match in context.
func (m *search) View() string {
	st, cat := m.c.Styles, m.c.Cat
	field, _ := m.input.View(m.fieldWidth())
	lines := []string{kit.Fit(" "+st.Title.Render(cat.T("search.title"))+"  "+field, m.width)}
	q := strings.TrimSpace(m.input.Value())
	switch {
	case m.err != nil:
		lines = append(lines, " "+st.Error.Render(cat.Err(m.err)))
	case q == "":
		// Nothing else is on the screen yet: the hint wraps rather than
		// losing its end at 80 columns (new-user trial).
		for _, l := range strings.Split(kit.WrapWords(cat.T("search.hint"), max(m.width-2, 10)), "\n") {
			lines = append(lines, " "+st.Muted.Render(l))
		}
	case m.query != q:
		lines = append(lines, " "+st.Muted.Render(cat.T("loading")))
	case len(m.results) == 0:
		lines = append(lines, " "+st.Muted.Render(cat.T("search.none", kit.Clean(q))))
	default:
		// A count that reached the limit says it is the first ones.
		n := len(m.results) - m.people
		count := cat.T("search.count", n)
		if n >= searchLimit {
			count = cat.T("search.count.first", n)
		}
		switch {
		case m.more:
			count += "  " + cat.T("search.people.more", m.people)
		case m.people > 0:
			count += "  " + cat.T("search.people", m.people)
		}
		lines = append(lines, " "+st.Muted.Render(count))
		rows := m.rows()
		if m.cursor < m.top {
			m.top = m.cursor
		} else if m.cursor >= m.top+rows {
			m.top = m.cursor - rows + 1
		}
		labelW := 0
		for _, t := range []string{model.SearchThread, model.SearchReply, model.SearchHandover, model.SearchSection, model.SearchEvent, model.SearchCommunity, searchPerson} {
			labelW = max(labelW, kit.Width(cat.T("search.type."+t)))
		}
		for i := m.top; i < min(m.top+rows, len(m.results)); i++ {
			lines = append(lines, m.resultLines(m.results[i], q, labelW, i == m.cursor)...)
		}
	}
	return kit.Block(strings.Join(lines, "\n"), m.width, m.height)
}

// resultLines draws one result in exactly m.width cells per line. The
// selected one has the selection's background; matches are highlighted in
// both.
func (m *search) resultLines(r model.SearchResult, q string, labelW int, selected bool) []string {
	st, cat := m.c.Styles, m.c.Cat
	base := lipgloss.NewStyle()
	hl := base.Foreground(st.Colors.Warn).Bold(true)
	muted := base.Foreground(st.Colors.Muted)
	badge := base.Foreground(st.Colors.Accent)
	if selected {
		// On the selection's background the palette's colours do not all
		// read: the match is underlined instead.
		base = st.Selected
		hl, muted, badge = base.Bold(true).Underline(true), base, base
	}

	var meta []string
	author := ""
	if r.Type == model.SearchThread || r.Type == model.SearchReply {
		author = kit.AuthorName(cat, r.Author, r.Anonymous, r.Mine)
	}
	for _, s := range []string{kit.Clean(r.Community), author} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	// An event's time is the start of its series, which says little.
	if !r.At.IsZero() && r.Type != model.SearchEvent {
		meta = append(meta, m.c.Cat.Date(r.At))
	}
	label := kit.Fit(cat.T("search.type."+r.Type), labelW)
	titleW := m.width - 2 - labelW - 1
	// What fits beside the whole title of community, author and date;
	// the community goes first.
	title := kit.Clean(r.Title)
	right := ""
	for len(meta) > 0 {
		right = strings.Join(meta, "  ")
		if kit.Width(title)+2+kit.Width(right) <= titleW {
			break
		}
		meta, right = meta[1:], ""
	}
	if right != "" {
		titleW -= kit.Width(right) + 2
	}
	first := base.Render(" ") + badge.Render(label) + base.Render(" ") +
		highlightLine(title, q, titleW, base.Bold(true), hl.Bold(true))
	if right != "" {
		first += base.Render("  ") + muted.Render(right)
	}
	indent := 2 + labelW + 1
	second := base.Render(strings.Repeat(" ", indent)) + highlightLine(kit.Clean(r.Snippet), q, m.width-indent, base, hl)
	return []string{padStyled(first, m.width, base), padStyled(second, m.width, base)}
}

// highlightLine clips text to w cells and draws the query's matches in it
// with hl, the rest with base; it is exactly w cells wide.
func highlightLine(text, q string, w int, base, hl lipgloss.Style) string {
	text = kit.Clip(text, w)
	var b strings.Builder
	at := 0
	for _, m := range model.SearchMatches(text, q) {
		if m[0] > at {
			b.WriteString(base.Render(text[at:m[0]]))
		}
		b.WriteString(hl.Render(text[m[0]:m[1]]))
		at = m[1]
	}
	if at < len(text) {
		b.WriteString(base.Render(text[at:]))
	}
	return padStyled(b.String(), w, base)
}

// padStyled pads a styled line to w cells with spaces in style, or clips it.
func padStyled(s string, w int, style lipgloss.Style) string {
	if n := kit.Width(s); n < w {
		return s + style.Render(strings.Repeat(" ", w-n))
	}
	return kit.Fit(s, w)
}
