package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// handovers is the 引き継ぎ screen: the handover notes the person may read
// and the selected note with every section.
type handovers struct {
	c *Common
	b *browser[model.Handover]
}

func newHandovers(c *Common) *handovers {
	s := &handovers{c: c}
	s.b = &browser[model.Handover]{
		c:          c,
		itemHeight: 2,
		empty:      "handover.empty",
		idOf:       func(h model.Handover) string { return h.ID + "/" + h.UpdatedAt.String() },
		row:        s.row,
		document:   s.document,
	}
	s.b.list = newPagedList(func(ctx context.Context, offset, limit int) ([]model.Handover, int, error) {
		return c.Store.FindHandovers(ctx, model.HandoverFilter{Offset: offset, Limit: limit})
	})
	return s
}

func (s *handovers) Init() tea.Cmd            { return s.b.list.Reset(s.c.Ctx()) }
func (s *handovers) SetSize(w, h int) tea.Cmd { return s.b.SetSize(w, h) }
func (s *handovers) Capturing() bool          { return false }
func (s *handovers) Dirty() bool              { return false }
func (s *handovers) Cursor() *tea.Cursor      { return nil }
func (s *handovers) ShortHelp() []key.Binding {
	return []key.Binding{s.c.Keys.Up, s.c.Keys.Open, s.c.Keys.Back}
}
func (s *handovers) FullHelp() [][]key.Binding  { return [][]key.Binding{s.b.listHelp()} }
func (s *handovers) Update(msg tea.Msg) tea.Cmd { _, cmd := s.b.Update(msg); return cmd }

func (s *handovers) View() string {
	count := ""
	if s.b.list.Loaded() {
		count = s.c.Cat.T("count", s.b.list.Len())
	}
	s.b.header = " " + s.c.Styles.Title.Render(s.c.Cat.T("handover.header")) + "  " + s.c.Styles.Muted.Render(count)
	return s.b.View()
}

func (s *handovers) statusBadge(h model.Handover) string {
	st := s.c.Styles
	text := s.c.Cat.T("handover." + h.Status)
	switch h.Status {
	case model.HandoverAcknowledged:
		return st.BadgeGood.Render(text)
	case model.HandoverHandedOver:
		return st.Badge.Render(text)
	}
	return st.BadgeWarn.Render(text)
}

func (s *handovers) successor(h model.Handover) string {
	if h.SuccessorID == "" {
		return s.c.Cat.T("handover.undecided")
	}
	return clean(h.SuccessorName)
}

func (s *handovers) row(h model.Handover, w int, selected bool) []string {
	st := s.c.Styles
	first := " " + st.Title.Render(clean(h.Duty)) + "  " + st.Muted.Render(clean(h.Department))
	second := "   " + s.statusBadge(h) + "  " + st.Muted.Render(clean(h.Municipality)+"  "+clean(h.PredecessorName)+" > "+s.successor(h)+"  "+s.c.date(h.EffectiveDate))
	return styleRow(s.c, []string{first, second}, w, selected, s.b.focusDetail)
}

func (s *handovers) document(ctx context.Context, x model.Handover, w int) (string, error) {
	st, cat := s.c.Styles, s.c.Cat
	h, err := s.c.Store.HandoverByID(ctx, x.ID)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	line := func(x string) { b.WriteString(clip(x, w) + "\n") }
	line(s.statusBadge(*h) + "  " + st.Muted.Render(clean(h.Municipality)+"  "+clean(h.Department)) + "  " + st.Muted.Render(cat.T("handover.revision", h.Revision)))
	for _, l := range strings.Split(wrapWords(clean(h.Duty), w), "\n") {
		line(st.Heading.Render(l))
	}
	line(st.Label.Render(cat.T("handover.predecessor")+": ") + clean(h.PredecessorName) + "  " + st.Label.Render(cat.T("handover.successor")+": ") + s.successor(*h))
	dates := cat.T("handover.effective", s.c.dateYMD(h.EffectiveDate))
	if h.HandedOverAt != nil {
		dates += "  " + cat.T("handover.handedat", s.c.dateYMD(*h.HandedOverAt))
	}
	if h.AcknowledgedAt != nil {
		dates += "  " + cat.T("handover.ackat", s.c.dateYMD(*h.AcknowledgedAt))
	}
	line(st.Muted.Render(dates))
	if h.AckComment != "" {
		line(st.Muted.Render("> " + clean(h.AckComment)))
	}
	for _, sec := range h.Sections {
		b.WriteString("\n")
		line(st.Title.Render("## " + clean(sec.Title)))
		b.WriteString(markdown.Render(sec.Body, w) + "\n")
	}
	return strings.TrimRight(b.String(), "\n"), nil
}
