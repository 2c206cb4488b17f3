package activity

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// The supervisor's views: the requests waiting for the viewer's decision,
// oldest first, each with its author's month; and everyone the viewer
// oversees, one row and bar each, with their ledger beside.

// listView is a list read whole in one command and shown in a browser:
// the requests waiting, the people overseen. read returns the items and
// what else the view's header needs.
type listView[T, D any] struct {
	c      *kit.Common
	b      *kit.Browser[T, D]
	read   func(ctx context.Context) ([]T, any, error)
	items  []T
	extra  any
	loaded bool
	err    error
}

type listMsg[T, D any] struct {
	v     *listView[T, D]
	items []T
	extra any
	err   error
}

func (v *listView[T, D]) load() tea.Cmd {
	read, ctx := v.read, v.c.Ctx()
	return func() tea.Msg {
		items, extra, err := read(ctx)
		return listMsg[T, D]{v: v, items: items, extra: extra, err: err}
	}
}

// Update takes the view's own messages; it reports whether msg was one.
func (v *listView[T, D]) Update(msg tea.Msg) (bool, tea.Cmd) {
	switch msg := msg.(type) {
	case listMsg[T, D]:
		if msg.v != v {
			return false, nil
		}
		first := !v.loaded
		v.loaded, v.err = true, msg.err
		if msg.err != nil {
			return true, nil
		}
		v.items, v.extra = msg.items, msg.extra
		return true, showItems(v.b, v.items, first)
	case kit.DataChangedMsg:
		return true, v.load()
	case tea.MouseClickMsg:
		msg.Y-- // under the view's title line
		return v.b.Update(msg)
	}
	return v.b.Update(msg)
}

// queueView lists the requests waiting for the viewer.
type queueView struct {
	*listView[model.PlanRequest, planDoc]
}

func newQueueView(c *kit.Common) *queueView {
	b := kit.NewBrowser(c, kit.NewPagedList(sliceLoader[model.PlanRequest](nil)),
		func(d planDoc, w int) kit.Document { return renderPlan(d, w, c.Cat, c.Styles) }, 2, "plan.queue.empty")
	v := &queueView{&listView[model.PlanRequest, planDoc]{c: c, b: b, read: func(ctx context.Context) ([]model.PlanRequest, any, error) {
		items, err := c.Store.Queue(ctx)
		return items, nil, err
	}}}
	b.IDOf = func(r model.PlanRequest) string { return r.Plan.ID + "/" + r.Plan.UpdatedAt.String() }
	b.Row = v.row
	b.Load = func(ctx context.Context, r model.PlanRequest) (planDoc, error) {
		p, err := c.Store.PlanByID(ctx, r.Plan.ID)
		return planDoc{Plan: p, Month: &r.Month}, err
	}
	return v
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
	v.b.Header = " " + st.Title.Render(cat.T("plan.view.queue")) + "  " + st.Muted.Render(cat.T("count", len(v.items))+"  "+cat.T("plan.queue.order")+
		"   "+cat.T("plan.queue.legend"))
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
	month := st.Muted.Render(cat.Month(u.Period.From.Month()) + " " + Clock(u.Used()+model.Share(p.Minutes, p.Start, p.End, u.Period)) + "/" + Clock(u.Cap))
	if p.OverCap {
		month = st.Error.Render(cat.T("plan.overcap.short"))
	}
	second := "  " + kit.Fit(kit.Clean(p.StaffName), 12) + kit.Fit(Clock(p.Minutes), 6) + month
	return kit.StyleRow(st, []string{first, second}, w, selected, v.b.FocusDetail)
}

// deptView lists everyone the viewer oversees with this month's use;
// extra is the *model.DepartmentUse they come from.
type deptView struct {
	*listView[model.PersonUse, *model.Ledger]
}

func newDeptView(c *kit.Common) *deptView {
	b := kit.NewBrowser(c, kit.NewPagedList(sliceLoader[model.PersonUse](nil)),
		func(l *model.Ledger, w int) kit.Document { return renderPerson(l, w, c.Cat, c.Styles) }, 2, "plan.dept.empty")
	v := &deptView{&listView[model.PersonUse, *model.Ledger]{c: c, b: b, read: func(ctx context.Context) ([]model.PersonUse, any, error) {
		use, err := c.Store.DepartmentUse(ctx, time.Time{})
		if err != nil {
			return nil, nil, err
		}
		return use.People, use, nil
	}}}
	b.IDOf = func(pu model.PersonUse) string {
		return pu.Staff.ID + "/" + Clock(pu.Month.Done) + Clock(pu.Month.Approved) + Clock(pu.Month.Waiting) + Clock(pu.Year.Used())
	}
	b.Row = v.row
	b.Load = func(ctx context.Context, pu model.PersonUse) (*model.Ledger, error) {
		return c.Store.Ledger(ctx, pu.Staff.ID, time.Time{})
	}
	return v
}

func (v *deptView) View() string {
	st, cat := v.c.Styles, v.c.Cat
	head := " " + st.Title.Render(cat.T("plan.view.dept"))
	switch {
	case v.err != nil:
		head += "  " + st.Error.Render(cat.Err(v.err))
	case v.extra != nil:
		use := v.extra.(*model.DepartmentUse)
		head += "  " + kit.Clean(scopeName(cat, use.Scope)) + "  " + cat.T("plan.period.month", cat.Month(use.Month.From.Month())) + "  " +
			warn(st, use.Near, cat.T("plan.dept.near", use.Near)) + "  " + warn(st, use.Over, cat.T("plan.dept.over", use.Over))
		// The rows' figure is done and approved hours, what counts
		// against the cap; their bars draw requests waiting too, and the
		// ledger beside names all three.
		if legend := "  " + st.Muted.Render(cat.T("plan.dept.legend")); kit.Width(head+legend) <= v.b.Width() {
			head += legend
		}
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
		// The figures take as many cells on every row (used as wide as
		// the cap), so that the bars are one length.
		capText := Clock(u.Cap)
		figW := max(kit.Width(Clock(u.Used())), kit.Width(capText), 5)*2 + 1
		figures := Clock(u.Used()) + "/" + capText
		figures = strings.Repeat(" ", max(figW-kit.Width(figures), 0)) + figures
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
