package activity

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// The supervisor's views: the requests waiting for the viewer's decision,
// oldest first, each with its author's month; and everyone the viewer
// oversees, one row and bar each, with their ledger beside.

// queueView lists the requests waiting for the viewer.
type queueView struct {
	c      *kit.Common
	b      *kit.Browser[model.PlanRequest, planDoc]
	items  []model.PlanRequest
	loaded bool
	err    error
}

type queueMsg struct {
	v     *queueView
	items []model.PlanRequest
	err   error
}

func newQueueView(c *kit.Common) *queueView {
	v := &queueView{c: c}
	v.b = kit.NewBrowser(c, kit.NewPagedList(sliceLoader[model.PlanRequest](nil)),
		func(d planDoc, w int) kit.Document { return renderPlan(d, w, c.Cat, c.Styles) }, 2, "plan.queue.empty")
	v.b.IDOf = func(r model.PlanRequest) string { return r.Plan.ID + "/" + r.Plan.UpdatedAt.String() }
	v.b.Row = v.row
	v.b.Load = func(ctx context.Context, r model.PlanRequest) (planDoc, error) {
		p, err := c.Store.PlanByID(ctx, r.Plan.ID)
		return planDoc{Plan: p, Month: &r.Month}, err
	}
	return v
}

func (v *queueView) load() tea.Cmd {
	store, ctx := v.c.Store, v.c.Ctx()
	return func() tea.Msg {
		items, err := store.Queue(ctx)
		return queueMsg{v: v, items: items, err: err}
	}
}

func (v *queueView) Update(msg tea.Msg) (bool, tea.Cmd) {
	switch msg := msg.(type) {
	case queueMsg:
		if msg.v != v {
			return false, nil
		}
		first := !v.loaded
		v.loaded, v.err = true, msg.err
		if msg.err != nil {
			return true, nil
		}
		v.items = msg.items
		return true, showItems(v.b, v.items, first)
	case kit.DataChangedMsg:
		return true, v.load()
	case tea.MouseClickMsg:
		msg.Y-- // under the view's title line
		return v.b.Update(msg)
	}
	return v.b.Update(msg)
}

// month is the author's figures for a waiting plan, if it is one.
func (v *queueView) month(planID string) *model.Usage {
	for _, r := range v.items {
		if r.Plan.ID == planID {
			u := r.Month
			return &u
		}
	}
	return nil
}

func (v *queueView) View() string {
	st, cat := v.c.Styles, v.c.Cat
	v.b.Header = " " + st.Title.Render(cat.T("plan.view.queue")) + "  " + st.Muted.Render(cat.T("count", len(v.items))+"  "+cat.T("plan.queue.order"))
	if v.err != nil {
		v.b.Header += "  " + st.Error.Render(cat.Err(v.err))
	}
	return v.b.View()
}

// row draws a request in two lines: a mark for the selection, when and
// what for; then who, how long, and the author's month with it, or the
// warning that it takes them over the cap.
func (v *queueView) row(r model.PlanRequest, w int, selected bool) []string {
	st, cat := v.c.Styles, v.c.Cat
	p := r.Plan
	first := mark(selected) + kit.Fit(shortDate(cat, p), 10) + st.Title.Render(kit.Clean(p.Title))
	// What the month would count with this plan approved, as the cap is
	// checked on approval.
	u := r.Month
	month := st.Muted.Render(Clock(u.Used()+model.Share(p.Minutes, p.Start, p.End, u.Period)) + "/" + Clock(u.Cap))
	if p.OverCap {
		month = st.Error.Render(cat.T("plan.overcap.short"))
	}
	second := "  " + kit.Fit(kit.Clean(p.StaffName), 12) + kit.Fit(Clock(p.Minutes), 6) + month
	return kit.StyleRow(st, []string{first, second}, w, selected, v.b.FocusDetail)
}

// deptView lists everyone the viewer oversees with this month's use.
type deptView struct {
	c      *kit.Common
	b      *kit.Browser[model.PersonUse, *model.Ledger]
	use    *model.DepartmentUse
	loaded bool
	err    error
}

type deptMsg struct {
	v   *deptView
	use *model.DepartmentUse
	err error
}

func newDeptView(c *kit.Common) *deptView {
	v := &deptView{c: c}
	v.b = kit.NewBrowser(c, kit.NewPagedList(sliceLoader[model.PersonUse](nil)),
		func(l *model.Ledger, w int) kit.Document { return renderPerson(l, w, c.Cat, c.Styles) }, 2, "plan.dept.empty")
	v.b.IDOf = func(pu model.PersonUse) string {
		return pu.Staff.ID + "/" + Clock(pu.Month.Done) + Clock(pu.Month.Approved) + Clock(pu.Month.Waiting) + Clock(pu.Year.Used())
	}
	v.b.Row = v.row
	v.b.Load = func(ctx context.Context, pu model.PersonUse) (*model.Ledger, error) {
		return c.Store.Ledger(ctx, pu.Staff.ID, time.Time{})
	}
	return v
}

func (v *deptView) load() tea.Cmd {
	store, ctx := v.c.Store, v.c.Ctx()
	return func() tea.Msg {
		use, err := store.DepartmentUse(ctx, time.Time{})
		return deptMsg{v: v, use: use, err: err}
	}
}

func (v *deptView) Update(msg tea.Msg) (bool, tea.Cmd) {
	switch msg := msg.(type) {
	case deptMsg:
		if msg.v != v {
			return false, nil
		}
		first := !v.loaded
		v.loaded, v.err = true, msg.err
		if msg.err != nil {
			return true, nil
		}
		v.use = msg.use
		return true, showItems(v.b, v.use.People, first)
	case kit.DataChangedMsg:
		return true, v.load()
	case tea.MouseClickMsg:
		msg.Y--
		return v.b.Update(msg)
	}
	return v.b.Update(msg)
}

func (v *deptView) View() string {
	st, cat := v.c.Styles, v.c.Cat
	head := " " + st.Title.Render(cat.T("plan.view.dept"))
	switch {
	case v.err != nil:
		head += "  " + st.Error.Render(cat.Err(v.err))
	case v.use != nil:
		head += "  " + kit.Clean(scopeName(cat, v.use.Scope)) + "  " + cat.T("plan.period.month", int(v.use.Month.From.Month())) + "  " +
			warn(st, v.use.Near, cat.T("plan.dept.near", v.use.Near)) + "  " + warn(st, v.use.Over, cat.T("plan.dept.over", v.use.Over))
	}
	v.b.Header = head
	return v.b.View()
}

// warn draws text as a warning when n is not zero.
func warn(st kit.Styles, n int, text string) string {
	if n > 0 {
		return st.BadgeWarn.Render(text)
	}
	return st.Muted.Render(text)
}

// scopeName is a supervisor's scope as a person reads it.
func scopeName(cat *kit.Catalog, scope string) string {
	switch scope {
	case model.ScopeMunicipality:
		return cat.T("plan.scope.municipality")
	case "":
		return cat.T("plan.scope.admin")
	}
	return scope
}

// row draws a person in two lines: name, department and how close they
// are to the cap; then the month's bar and figures, and the year's where
// the row is wide.
func (v *deptView) row(pu model.PersonUse, w int, selected bool) []string {
	st, cat := v.c.Styles, v.c.Cat
	level := Level(cat, st, pu.Month)
	name := mark(selected) + kit.Fit(kit.Clean(pu.Staff.Name), 12) + st.Muted.Render(kit.Clean(pu.Staff.Department))
	first := kit.Fit(name, w-kit.Width(level)-2) + " " + level
	usage := func(label string, u model.Usage, w int) string {
		figures := Clock(u.Used()) + "/" + Clock(u.Cap)
		return st.Label.Render(label) + " " + Bar(u, max(w-kit.Width(label)-kit.Width(figures)-2, 6), st) + " " + st.Muted.Render(figures)
	}
	room := w - 3
	second := "   " + usage(cat.T("plan.short.month"), pu.Month, room)
	if room >= 56 {
		half := room / 2
		second = "   " + usage(cat.T("plan.short.month"), pu.Month, half-1) + "  " + usage(cat.T("plan.short.year"), pu.Year, room-half-1)
	}
	return kit.StyleRow(st, []string{first, second}, w, selected, v.b.FocusDetail)
}
