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
	// gen counts the sets of items read, for what a view works out once
	// per set (widths).
	gen int
}

// widths is cells worked out once per set of items (listView.gen), not
// on every row of every frame.
type widths struct {
	gen, a, b int
	ok        bool
}

// of returns the widths for gen, from measure when they are not known.
func (w *widths) of(gen int, measure func() (int, int)) (int, int) {
	if !w.ok || w.gen != gen {
		w.a, w.b = measure()
		w.gen, w.ok = gen, true
	}
	return w.a, w.b
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
		v.gen++
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
	hours widths
}

func newQueueView(c *kit.Common) *queueView {
	b := kit.NewBrowser(c, kit.NewPagedList(sliceLoader[model.PlanRequest](nil)),
		func(d planDoc, w int) kit.Document { return renderPlan(d, w, c.Cat, c.Styles) }, 2, "plan.queue.empty")
	v := &queueView{listView: &listView[model.PlanRequest, planDoc]{c: c, b: b, read: func(ctx context.Context) ([]model.PlanRequest, any, error) {
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
// what for; then who, how long, and what its author's month has left
// with it, or the warning that it takes them over the cap.
func (v *queueView) row(r model.PlanRequest, w int, selected bool) []string {
	st, cat := v.c.Styles, v.c.Cat
	p := r.Plan
	first := mark(selected) + kit.Fit(shortDate(cat, p), 10) + st.Title.Render(kit.Clean(p.Title))
	// What the month would have left with this plan approved, as the cap
	// is checked on approval and the plan's pane says it under the bar.
	// Where no row has room for the longest figure after it (the left
	// pane at 80 columns in Japanese) the month's name goes from every
	// row: the date above says which month it is.
	u := r.Month
	who := "  " + kit.Fit(kit.Clean(p.StaffName), 12) + kit.Fit(cat.Duration(p.Minutes), v.hoursWidth())
	month := cat.Month(u.Period.From.Month()) + " "
	if kit.Width(who+month)+leftWidth(cat) > w {
		month = ""
	}
	second := who + st.Muted.Render(month+leftText(cat, u.Left()-model.Share(p.Minutes, p.Start, p.End, u.Period)))
	if p.OverCap {
		second = who + st.Error.Render(cat.T("plan.overcap.short"))
	}
	return kit.StyleRow(st, []string{first, second}, w, selected, v.b.FocusDetail)
}

// hoursWidth is the cells of the rows' hours column: the longest of the
// requests' hours and two spaces, so that the months after them line up.
func (v *queueView) hoursWidth() int {
	w, _ := v.hours.of(v.gen, func() (int, int) {
		w := 0
		for _, r := range v.items {
			w = max(w, kit.Width(v.c.Cat.Duration(r.Plan.Minutes)))
		}
		return w + 2, 0
	})
	return w
}

// deptView lists everyone the viewer oversees with this month's use;
// extra is the *model.DepartmentUse they come from.
type deptView struct {
	*listView[model.PersonUse, *model.Ledger]
	figures widths
}

func newDeptView(c *kit.Common) *deptView {
	b := kit.NewBrowser(c, kit.NewPagedList(sliceLoader[model.PersonUse](nil)),
		func(l *model.Ledger, w int) kit.Document { return renderPerson(l, w, c.Cat, c.Styles) }, 2, "plan.dept.empty")
	v := &deptView{listView: &listView[model.PersonUse, *model.Ledger]{c: c, b: b, read: func(ctx context.Context) ([]model.PersonUse, any, error) {
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

// figuresWidth is the cells the rows' figures (used/cap) take for the
// month and for the year: the widest of everyone's, so that the bars
// before them are one length from one person to the next.
func (v *deptView) figuresWidth() (month, year int) {
	return v.figures.of(v.gen, func() (month, year int) {
		cat := v.c.Cat
		widest := func(u model.Usage) int {
			return max(kit.Width(cat.Duration(u.Used())), kit.Width(cat.Duration(u.Cap)))
		}
		for _, pu := range v.items {
			month, year = max(month, widest(pu.Month)), max(year, widest(pu.Year))
		}
		return month*2 + 1, year*2 + 1
	})
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
	monthW, yearW := v.figuresWidth()
	usage := func(label string, u model.Usage, w, figW int) string {
		figures := cat.Duration(u.Used()) + "/" + cat.Duration(u.Cap)
		figures = strings.Repeat(" ", max(figW-kit.Width(figures), 0)) + figures
		return st.Label.Render(label) + " " + Bar(u, max(w-kit.Width(label)-figW-2, 6), st) + " " + st.Muted.Render(figures)
	}
	// The month by its name (11月, Nov), as the header and the ledger
	// beside name it.
	month := cat.Month(pu.Month.Period.From.Month())
	room := w - 4 // a cell short of the divider, as the first line
	second := "   " + usage(month, pu.Month, room, monthW)
	// The year beside the month where each half of the row holds its
	// figures and a bar of ten cells or more.
	const minBar = 10
	year := cat.T("plan.short.year")
	need := func(label string, figW int) int { return kit.Width(label) + figW + 2 + minBar }
	if half := (room - 2) / 2; need(month, monthW) <= half && need(year, yearW) <= room-2-half {
		second = "   " + usage(month, pu.Month, half, monthW) + "  " + usage(year, pu.Year, room-2-half, yearW)
	}
	return kit.StyleRow(st, []string{first, second}, w, selected, v.b.FocusDetail)
}
