package activity

import (
	"strings"

	"hiroba/model"
	"hiroba/ui/kit"
)

// planDoc is what a plan's document needs: the plan with its history,
// and for a request waiting for the viewer, its author's figures for the
// month it starts in (without it).
type planDoc struct {
	Plan  *model.Plan
	Month *model.Usage
}

// stateBadge is a plan's state in its colour.
func stateBadge(cat *kit.Catalog, st kit.Styles, s model.PlanState) string {
	text := cat.T("plan.state." + string(s))
	switch s {
	case model.PlanApproved:
		return st.Badge.Render(text)
	case model.PlanDone:
		return st.BadgeGood.Render(text)
	case model.PlanSubmitted, model.PlanReturned:
		return st.BadgeWarn.Render(text)
	}
	return st.Muted.Render(text)
}

// stateWidth is the cells of a column of plan states: the longest
// state in the catalogue's language, and a space ("Withdrawn " in
// English, "取り下げ " in Japanese).
func stateWidth(cat *kit.Catalog) int {
	w := 0
	for _, s := range model.PlanStates {
		w = max(w, kit.Width(cat.T("plan.state."+string(s))))
	}
	return w + 1
}

// planHours says a plan's hours: planned, and done once recorded.
func planHours(cat *kit.Catalog, p *model.Plan) string {
	if p.State == model.PlanDone {
		return cat.T("plan.hours.done", cat.Duration(p.ActualMinutes), cat.Duration(p.Minutes))
	}
	return cat.Duration(p.Minutes)
}

// fieldLines writes label and value rows with the values in one column,
// each value wrapped to the width left.
type fieldLines struct {
	st    kit.Styles
	w     int
	label int
	lines []string
}

func (f *fieldLines) add(label, value string) { f.addStyled(label, value, nil) }

// addStyled wraps the plain value, then draws each line with style.
func (f *fieldLines) addStyled(label, value string, style func(...string) string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	vw := max(f.w-f.label-1, 10)
	for i, l := range strings.Split(kit.WrapWords(value, vw), "\n") {
		head := strings.Repeat(" ", f.label+1)
		if i == 0 {
			head = " " + f.st.Label.Render(kit.Fit(label, f.label))
		}
		if style != nil {
			l = style(l)
		}
		f.lines = append(f.lines, head+l)
	}
}

// wrapped wraps text at w-2 cells, each line one cell in.
func wrapped(text string, w int) []string {
	var out []string
	for _, l := range strings.Split(kit.WrapWords(text, w-2), "\n") {
		out = append(out, " "+l)
	}
	return out
}

// renderPlan draws a plan: title, state and what it is for; its dates,
// hours and purpose; who decided and what they said; for a request, its
// author's month with it; then its history.
func renderPlan(d planDoc, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	p := d.Plan
	var lines []string
	for _, l := range wrapped(kit.Clean(p.Title), w) {
		lines = append(lines, st.Title.Render(l))
	}
	// What it is for and its category, said once where they are the
	// same word (引き継ぎ, Other).
	what := cat.T("plan.target." + string(p.Target.Kind))
	if category := cat.T("plan.category." + string(p.Category)); category != what {
		what += " / " + category
	}
	// Beside the state where it fits, else under it, wrapped rather
	// than cut (Call for help / Workplace support in a narrow pane).
	if badge := " " + stateBadge(cat, st, p.State); kit.Width(badge+"  "+what) <= w {
		lines = append(lines, badge+"  "+st.Muted.Render(what))
	} else {
		lines = append(lines, badge)
		for _, l := range wrapped(what, w) {
			lines = append(lines, st.Muted.Render(l))
		}
	}
	lines = append(lines, "")
	f := fieldLines{st: st, w: w, label: 13}
	if !p.Mine {
		f.add(cat.T("plan.f.staff"), kit.Clean(p.StaffName)+"  "+kit.Clean(p.Municipality)+" "+kit.Clean(p.Department))
	}
	f.add(cat.T("plan.f.date"), civilDate(cat, *p))
	f.add(cat.T("plan.f.hours"), planHours(cat, p))
	f.add(cat.T("plan.f.purpose"), kit.Clean(p.Purpose))
	f.add(cat.T("plan.f.application"), kit.Clean(p.Application))
	if p.DecidedByName != "" && p.DecidedAt != nil {
		f.add(cat.T("plan.f.decided"), kit.Clean(p.DecidedByName)+"  "+cat.Date(*p.DecidedAt))
	}
	f.add(cat.T("plan.f.comment"), kit.Clean(p.Comment))
	switch {
	case p.State == model.PlanSubmitted && p.OverCap:
		f.addStyled(cat.T("plan.f.overcap"), cat.T("plan.overcap.waiting"), st.Error.Render)
	case p.OverCapReason != "":
		f.add(cat.T("plan.f.overcap"), cat.T("plan.overcap.accepted", kit.Clean(p.OverCapReason)))
	}
	lines = append(lines, f.lines...)
	if d.Month != nil {
		// The month as it would count with the plan approved, as the
		// request's row says it and the cap is checked: done, approved
		// and this plan, what is left after them, or how far over the
		// cap they take the author. The author's other requests count
		// only once each is approved; summed in with this one they made
		// the figures here disagree with the row's.
		u := *d.Month
		share := model.Share(p.Minutes, p.Start, p.End, u.Period)
		others := u.Waiting
		u.Waiting = share
		with := u.Left() - share
		left := leftText(cat, with)
		lines = append(lines, "")
		for _, l := range wrapped(cat.T("plan.request.month", kit.Clean(p.StaffName), cat.Month(u.Period.From.Month())), w) {
			lines = append(lines, st.Heading.Render(l))
		}
		lines = append(lines, " "+bar(u, min(w-leftWidth(cat)-4, 40), st, with < 0)+"  "+left)
		for _, l := range legend(cat, st, u, w-2, "plan.fig.this", 2) {
			lines = append(lines, " "+l)
		}
		if others > 0 {
			for _, l := range wrapped(cat.T("plan.request.others", cat.Duration(others)), w) {
				lines = append(lines, st.Muted.Render(l))
			}
		}
	}
	if len(p.History) > 0 {
		lines = append(lines, "", " "+st.Heading.Render(cat.T("plan.history")))
		for _, e := range p.History {
			head := cat.Date(e.At) + " " + cat.Clock(e.At) + "  " + cat.T("plan.action."+string(e.Kind)) + "  " + st.Muted.Render(kit.Clean(e.ActorName))
			lines = append(lines, " "+kit.Clip(head, w-2))
			if e.Comment != "" {
				for _, l := range strings.Split(kit.WrapWords(kit.Clean(cat.StepComment(string(e.Kind), e.Comment)), w-6), "\n") {
					lines = append(lines, "     "+l)
				}
			}
		}
	}
	return kit.Document{Text: strings.Join(lines, "\n")}
}

// renderPerson draws a person's ledger for their supervisor: who, the
// month and the year against the cap, and their plans of the year.
func renderPerson(l *model.Ledger, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	lines := []string{" " + st.Title.Render(kit.Clean(l.Staff.Name)) + "  " + st.Muted.Render(kit.Clean(l.Staff.Department)), ""}
	lines = append(lines, RenderLedger(cat, st, l, w, 2)...)
	lines = append(lines, "", " "+st.Heading.Render(cat.T("plan.person.plans", len(l.Plans))))
	hoursW := 0
	for _, p := range l.Plans {
		hoursW = max(hoursW, kit.Width(rowHours(cat, p))+1)
	}
	for _, p := range l.Plans {
		lines = append(lines, kit.Clip(" "+kit.Fit(stateBadge(cat, st, p.State), stateWidth(cat))+kit.Fit(shortDate(cat, p), 10)+
			kit.Fit(rowHours(cat, p), hoursW)+kit.Clean(p.Title), w))
	}
	if len(l.Plans) > 0 {
		lines = append(lines, "")
		for _, l := range wrapped(cat.T("plan.person.open"), w) {
			lines = append(lines, st.Muted.Render(l))
		}
	}
	return kit.Document{Text: strings.Join(lines, "\n")}
}
