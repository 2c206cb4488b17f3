package people

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// pairStatus is a pair's state as a badge.
func pairStatus(x *model.Pair, cat *kit.Catalog, st kit.Styles) string {
	text := cat.T("prog.status." + string(x.Status))
	switch x.Status {
	case model.PairConfirmed:
		return st.BadgeGood.Render(text)
	case model.PairEnded:
		return st.Muted.Render(text)
	}
	return st.BadgeWarn.Render(text)
}

// row draws a pair in two lines: the junior and the fellow with the
// pair's state; then its figures (a flag when it lapsed), or for a pair
// not yet started the topics the two share. A junior without a pair says
// so.
func (v *programmeView) row(r adminRow, w int, selected bool) []string {
	st, cat := v.c.Styles, v.c.Cat
	if r.pair == nil {
		badge := st.Error.Render(cat.T("prog.no.pair"))
		first := " " + st.Title.Render(kit.Clean(r.junior.Name)) + "  " + st.Muted.Render(cat.T("prog.no.fellow"))
		first = kit.Clip(first, w-kit.Width(badge)-2)
		first += strings.Repeat(" ", max(w-kit.Width(first)-kit.Width(badge)-1, 1)) + badge
		second := "   " + st.Muted.Render(kit.Clean(r.junior.Municipality)+" "+kit.Clean(r.junior.Department))
		return kit.StyleRow(st, []string{first, second}, w, selected, v.b.FocusDetail)
	}
	x := r.pair
	badge := pairStatus(x, cat, st)
	if v.swapFrom != nil && v.swapFrom.ID == x.ID {
		badge = st.Key.Render(cat.T("prog.swap.mark")) + " " + badge
	}
	first := " " + st.Title.Render(kit.Clean(x.Junior.Name)) + st.Muted.Render(" - ") + st.Title.Render(kit.Clean(x.Fellow.Name))
	first = kit.Clip(first, w-kit.Width(badge)-2)
	first += strings.Repeat(" ", max(w-kit.Width(first)-kit.Width(badge)-1, 1)) + badge
	var second string
	switch s := r.stat; {
	case s != nil && s.Lapsed:
		second = st.Error.Render(cat.T("prog.lapsed")) + " " + st.Muted.Render(figures(s, cat))
	case s != nil:
		second = st.Muted.Render(figures(s, cat))
	case len(x.SharedTopics) > 0:
		second = st.Muted.Render(cat.T("prog.shared", strings.Join(x.SharedTopics, cat.T("list.sep"))))
	default:
		second = st.Muted.Render(kit.Clean(x.Junior.Municipality) + " - " + kit.Clean(x.Fellow.Municipality))
	}
	return kit.StyleRow(st, []string{first, "   " + second}, w, selected, v.b.FocusDetail)
}

// figures is a pair's figures in a few words: when they last met and how
// many 面談 they had.
func figures(s *model.PairStat, cat *kit.Catalog) string {
	if s.LastMet == nil {
		return cat.T("prog.never.met")
	}
	return cat.T("prog.last.met", cat.Date(*s.LastMet)) + "  " + cat.T("prog.meetings", s.Meetings)
}

// renderAdminRow draws what the administrator may know of a pair: who,
// its state and dates, the topics the two share, the figures, the answers
// to the three questions and how it ended. Never a message or a note.
func renderAdminRow(r adminRow, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	pg := newPage(w)
	if r.pair == nil {
		pg.line(st.Heading.Render(kit.Clean(r.junior.Name)))
		pg.line(kit.Clean(r.junior.Municipality) + "  " + kit.Clean(r.junior.Department))
		pg.line("")
		pg.wrap(0, st.Muted, cat.T("prog.unpaired.doc"))
		return pg.document()
	}
	x := r.pair
	pg.wrap(0, st.Heading, cat.T("prog.pair.names", kit.Clean(x.Junior.Name), kit.Clean(x.Fellow.Name)))
	pg.line(pairStatus(x, cat, st))
	for _, who := range []struct {
		role string
		s    model.Staff
	}{{model.RoleJunior, x.Junior}, {model.RoleFellow, x.Fellow}} {
		pg.field(st.Label, cat.T("fellows.role."+who.role), kit.Clean(who.s.Name))
		pg.wrap(kindWidth+2, st.Muted, kit.Clean(who.s.Municipality)+" "+kit.Clean(who.s.Department))
	}
	if len(x.SharedTopics) > 0 {
		pg.field(st.Label, cat.T("prog.shared.label"), kit.Clean(strings.Join(x.SharedTopics, cat.T("list.sep"))))
	}
	if x.ConfirmedAt != nil {
		pg.field(st.Label, cat.T("prog.since"), cat.DateYMD(*x.ConfirmedAt))
	}
	if s := r.stat; s != nil {
		pg.line("")
		pg.line(st.Title.Render(cat.T("prog.figures")))
		last := cat.T("prog.never.met")
		if s.LastMet != nil {
			last = cat.Date(*s.LastMet) + "  " + cat.Ago(*s.LastMet)
		}
		pg.field(st.Label, cat.T("prog.last.met.label"), last)
		pg.field(st.Label, cat.T("prog.meetings.label"), cat.T("prog.times", s.Meetings))
		pg.field(st.Label, cat.T("prog.messages.label"), cat.T("prog.items", s.Messages))
		if s.Lapsed {
			pg.wrap(2, st.Error, cat.T("prog.lapsed.long", int(model.LapseAfter/(24*time.Hour)/30)))
		}
		pg.line("")
		pg.line(st.Title.Render(cat.T("prog.answers")))
		if len(s.Feedback) == 0 {
			pg.line("  " + st.Muted.Render(cat.T("prog.answers.none")))
		}
		for _, f := range s.Feedback {
			pg.field(st.Badge, cat.T("fellows.role."+f.Side), period(cat, f.Period))
			pg.wrap(kindWidth+2, lipgloss.NewStyle(), cat.T("prog.scores", f.Ease, f.Useful, f.Continue))
			if f.Comment != "" {
				pg.wrap(kindWidth+2, st.Muted, cat.T("prog.comment", kit.Clean(f.Comment)))
			}
		}
	}
	if x.Status == model.PairEnded {
		when := ""
		if x.EndedAt != nil {
			when = cat.DateYMD(*x.EndedAt)
		}
		pg.line("")
		pg.wrap(0, st.Error, cat.T("fellows.ended.at", when, cat.T("fellows.ended.by."+x.EndedBy)))
		if x.EndReason != "" {
			pg.wrap(2, lipgloss.NewStyle(), kit.Clean(x.EndReason))
		}
	}
	pg.line("")
	pg.wrap(0, st.Muted, cat.T("prog.no.content"))
	return pg.document()
}
