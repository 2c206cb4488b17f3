package ui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// calendarWindow is how far ahead the agenda reads.
const calendarWindow = 45 * 24 * time.Hour

// calendar is the カレンダー screen: for now the agenda of what is coming and
// the selected event's detail.
type calendar struct {
	c *Common
	b *browser[model.Occurrence]
}

func newCalendar(c *Common) *calendar {
	s := &calendar{c: c}
	s.b = &browser[model.Occurrence]{
		c:          c,
		itemHeight: 2,
		empty:      "calendar.empty",
		idOf:       func(o model.Occurrence) string { return o.Event.ID + "/" + o.Start.String() },
		row:        s.row,
		document:   s.document,
	}
	s.b.list = newPagedList(func(ctx context.Context, offset, limit int) ([]model.Occurrence, int, error) {
		// The agenda starts at the beginning of today.
		now := c.Now().In(c.Loc)
		from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, c.Loc)
		occ, err := c.Store.Occurrences(ctx, from, from.Add(calendarWindow), "")
		if err != nil {
			return nil, 0, err
		}
		end := min(offset+limit, len(occ))
		if offset > end {
			offset = end
		}
		return occ[offset:end], len(occ), nil
	})
	return s
}

func (s *calendar) Init() tea.Cmd            { return s.b.list.Reset(s.c.Ctx()) }
func (s *calendar) SetSize(w, h int) tea.Cmd { return s.b.SetSize(w, h) }
func (s *calendar) Capturing() bool          { return false }
func (s *calendar) Dirty() bool              { return false }
func (s *calendar) Cursor() *tea.Cursor      { return nil }
func (s *calendar) ShortHelp() []key.Binding {
	return []key.Binding{s.c.Keys.Up, s.c.Keys.Open, s.c.Keys.Back}
}
func (s *calendar) FullHelp() [][]key.Binding  { return [][]key.Binding{s.b.listHelp()} }
func (s *calendar) Update(msg tea.Msg) tea.Cmd { _, cmd := s.b.Update(msg); return cmd }

func (s *calendar) View() string {
	s.b.header = " " + s.c.Styles.Title.Render(s.c.Cat.T("calendar.upcoming"))
	return s.b.View()
}

func (s *calendar) when(o model.Occurrence) string {
	if o.Event.AllDay {
		return s.c.date(o.Start) + " " + s.c.Cat.T("calendar.allday")
	}
	return s.c.date(o.Start) + " " + s.c.clock(o.Start) + "-" + s.c.clock(o.End)
}

func (s *calendar) row(o model.Occurrence, w int, selected bool) []string {
	st := s.c.Styles
	first := " " + st.Badge.Render(s.when(o)) + "  " + st.Title.Render(clean(o.Event.Title))
	place := o.Event.Place
	if place == "" && o.Event.OnlineURL != "" {
		place = s.c.Cat.T("calendar.online")
	}
	second := "   " + st.Muted.Render(clean(o.Event.CommunityName)+"  "+clean(place))
	return styleRow(s.c, []string{first, second}, w, selected, s.b.focusDetail)
}

func (s *calendar) document(ctx context.Context, o model.Occurrence, w int) (string, error) {
	st, cat := s.c.Styles, s.c.Cat
	ev := o.Event
	var b strings.Builder
	line := func(x string) { b.WriteString(clip(x, w) + "\n") }
	for _, l := range strings.Split(wrapWords(clean(ev.Title), w), "\n") {
		line(st.Heading.Render(l))
	}
	line(st.Badge.Render(s.when(o)) + "  " + st.Muted.Render(clean(ev.CommunityName)))
	if ev.Place != "" {
		line(st.Label.Render("@ ") + clean(ev.Place))
	}
	if ev.OnlineURL != "" {
		line(st.Label.Render(cat.T("calendar.online")+": ") + clean(ev.OnlineURL))
	}
	if ev.RRule != "" {
		line(st.Label.Render(cat.T("calendar.repeat")+": ") + clean(ev.RRule))
	}
	var extra []string
	if ev.Capacity > 0 {
		extra = append(extra, cat.T("calendar.capacity", ev.Capacity))
	}
	if ev.TwentyPercent {
		extra = append(extra, cat.T("calendar.20pct"))
	}
	if ev.OrganiserName != "" {
		extra = append(extra, cat.T("calendar.organiser")+": "+clean(ev.OrganiserName))
	}
	if len(extra) > 0 {
		line(st.Muted.Render(strings.Join(extra, "  ")))
	}
	b.WriteString("\n" + markdown.Render(ev.Description, w))
	return strings.TrimRight(b.String(), "\n"), nil
}
