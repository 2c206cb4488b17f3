package activity

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// ledgerView is a person's 20% use: the month and the fiscal year drawn
// against the cap, and their plans of the year beside the selected plan.
// It shows the viewer's own (staffID "") or, for their supervisor,
// someone they oversee.
type ledgerView struct {
	c       *kit.Common
	staffID string
	ledger  *model.Ledger
	err     error
	b       *kit.Browser[model.Plan, planDoc]
	state   model.PlanState // the list's filter; "" all
	width   int
	height  int
	// cols: the row's columns for the ledger of, worked out once.
	cols struct {
		of                          *model.Ledger
		states, dates, hours, kinds int
	}
}

// ledgerMsg brings a ledger to the view that asked.
type ledgerMsg struct {
	v      *ledgerView
	ledger *model.Ledger
	err    error
}

// summaryLines is how many lines the figures take above the list.
const summaryLines = 4

func newLedgerView(c *kit.Common, staffID string) *ledgerView {
	v := &ledgerView{c: c, staffID: staffID}
	v.b = kit.NewBrowser(c, kit.NewPagedList(sliceLoader[model.Plan](nil)),
		func(d planDoc, w int) kit.Document { return renderPlan(d, w, c.Cat, c.Styles) }, 2, "plan.empty")
	v.b.IDOf = func(p model.Plan) string { return p.ID + "/" + p.UpdatedAt.String() }
	v.b.Row = v.row
	v.b.Load = func(ctx context.Context, p model.Plan) (planDoc, error) {
		full, err := c.Store.PlanByID(ctx, p.ID)
		return planDoc{Plan: full}, err
	}
	return v
}

// sliceLoader serves a list already read whole, such as a year's plans.
func sliceLoader[T any](items []T) kit.PageLoader[T] {
	return func(_ context.Context, offset, limit int) ([]T, int, error) {
		end := min(offset+limit, len(items))
		return items[min(offset, end):end], len(items), nil
	}
}

// showItems puts freshly read items into b: from the top the first time,
// else keeping the selection on the item it was on.
func showItems[T, D any](b *kit.Browser[T, D], items []T, first bool) tea.Cmd {
	if first {
		return b.Refilter(sliceLoader(items))
	}
	b.List.SetLoader(sliceLoader(items))
	_, cmd := b.Update(kit.DataChangedMsg{})
	return cmd
}

func (v *ledgerView) load() tea.Cmd {
	store, ctx, id := v.c.Store, v.c.Ctx(), v.staffID
	return func() tea.Msg {
		l, err := store.Ledger(ctx, id, time.Time{})
		return ledgerMsg{v: v, ledger: l, err: err}
	}
}

// plans are the ledger's plans that the filter keeps.
func (v *ledgerView) plans() []model.Plan {
	if v.ledger == nil {
		return nil
	}
	if v.state == "" {
		return v.ledger.Plans
	}
	var out []model.Plan
	for _, p := range v.ledger.Plans {
		if p.State == v.state {
			out = append(out, p)
		}
	}
	return out
}

// nextState moves the filter on to the next state.
func (v *ledgerView) nextState() tea.Cmd {
	v.state = kit.Next(model.PlanStates, v.state)
	return showItems(v.b, v.plans(), true)
}

// follow puts the cursor on the plan with id if the list shows it; ok
// is false while it does not.
func (v *ledgerView) follow(id string) (tea.Cmd, bool) {
	for i := 0; i < v.b.List.Len(); i++ {
		if p, loaded := v.b.List.At(i); loaded && p.ID == id {
			return tea.Batch(v.b.List.MoveTo(v.c.Ctx(), i), v.b.SelectionChanged()), true
		}
	}
	return nil, false
}

// Update takes the view's own messages; it reports whether msg was one.
func (v *ledgerView) Update(msg tea.Msg) (bool, tea.Cmd) {
	switch msg := msg.(type) {
	case ledgerMsg:
		if msg.v != v {
			return false, nil
		}
		first := v.ledger == nil
		v.err = msg.err
		if msg.err != nil {
			return true, nil
		}
		v.ledger = msg.ledger
		return true, showItems(v.b, v.plans(), first)
	case kit.DataChangedMsg:
		return true, v.load()
	case tea.MouseClickMsg:
		// The browser counts from the line under the tab bar.
		msg.Y -= 1 + summaryLines
		return v.b.Update(msg)
	}
	return v.b.Update(msg)
}

func (v *ledgerView) SetSize(w, h int) tea.Cmd {
	v.width, v.height = w, h
	return v.b.SetSize(w, h-summaryLines)
}

// Selected is the plan under the cursor.
func (v *ledgerView) Selected() (model.Plan, bool) { return v.b.List.Selected() }

// header is the list's line: how many plans, then the states as a
// switcher (すべて and each state with plans), the one shown in brackets
// as the tab's views are, each with its count. Where the line is narrow
// the word 状態 goes first; what still does not fit ends in an ellipsis.
func (v *ledgerView) header() string {
	st, cat := v.c.Styles, v.c.Cat
	title := cat.T("plan.list.title", len(v.plans()))
	if v.staffID != "" {
		// Someone else's, opened by their supervisor.
		title = cat.T("plan.list.of", kit.Clean(v.ledger.Staff.Name), len(v.plans()))
	}
	states := []string{st.Choice(cat.T("all"), v.state == "")}
	for _, s := range model.PlanStates {
		if n := v.ledger.ByState[s]; n > 0 || s == v.state {
			states = append(states, st.Choice(cat.T("plan.state.count", cat.T("plan.state."+string(s)), n), s == v.state))
		}
	}
	head := " " + st.Title.Render(title) + " "
	switcher := strings.Join(states, "")
	if l := head + " " + st.Label.Render(cat.T("plan.list.state")+":") + " " + switcher; kit.Width(l) <= v.width {
		return l
	}
	return kit.Clip(head+switcher, v.width)
}

func (v *ledgerView) View() string {
	st, cat := v.c.Styles, v.c.Cat
	switch {
	case v.err != nil:
		return kit.Block(" "+st.Error.Render(cat.Err(v.err)), v.width, v.height)
	case v.ledger == nil:
		return kit.Block(" "+st.Muted.Render(cat.T("loading")), v.width, v.height)
	}
	v.b.Header = v.header()
	return strings.Join(RenderLedger(cat, st, v.ledger, v.width, 1), "\n") + "\n" + v.b.View()
}

// row draws a plan in two lines: a mark for the selection and its
// title; then its state, first day, what it is for and its hours.
func (v *ledgerView) row(p model.Plan, w int, selected bool) []string {
	st, cat := v.c.Styles, v.c.Cat
	first := mark(selected) + st.Title.Render(kit.Clean(p.Title))
	hours := rowHours(cat, p)
	date := shortDate(cat, p)
	states, dates, hourCells, kinds := v.columns()
	// Every row ends a cell short of the divider after it, as the other
	// lists' rows do.
	avail := w - 1
	indent, gap, right := "  ", "  ", false
	switch short := 2 + states + dates + hourCells + kinds - avail; {
	case short <= 0:
	case short == 1:
		// One cell short (the left pane at 80 columns): what a plan is
		// for keeps its column one cell nearer.
		gap = " "
	case short == 2:
		// Two short (in Japanese at 80 columns, with a plan of days and
		// one of hours and minutes): the row begins a cell nearer too.
		indent, gap = " ", " "
	case 2+states+dates+hourCells <= avail:
		// The state, date and hours keep where they begin; what a plan is
		// for ends where the row ends, where it fits (the left pane at 80
		// columns in English, or with a long date or hours and minutes):
		// a column still, aligned on its right.
		hourCells, right = 0, true
	default:
		// Too narrow for the columns and what each plan is for: each
		// row as short as it can be.
		dates, hourCells = 10, 0
	}
	kind := gap + cat.T("plan.target."+string(p.Target.Kind))
	second := indent + kit.Fit(stateBadge(cat, st, p.State), states) +
		kit.Fit(date, max(dates, kit.Width(date)+1)) + kit.Fit(hours, max(hourCells, kit.Width(hours)))
	over := ""
	if p.State == model.PlanSubmitted && p.OverCap {
		over = "  " + st.Error.Render(cat.T("plan.overcap.short"))
		if kit.Width(second+over) > avail {
			over = over[1:] // the warning whole, a space nearer (上限超過 in Japanese at 80 columns)
		}
	}
	// What it is for, where it fits whole; on the right, aligned on the
	// row's end.
	if room := avail - kit.Width(second+kind+over); room >= 0 {
		if right {
			kind = strings.Repeat(" ", room) + kind
		}
		second += st.Muted.Render(kind)
	}
	return kit.StyleRow(st, []string{first, second + over}, w, selected, v.b.FocusDetail)
}

// columns are the widths of a row's parts, worked out once per ledger:
// the state (the longest in the catalogue's language); the date and the
// hours, the widest of the year's plans, so that what a plan is for
// starts in the same cell below a plan of days (12/3(木)+1) or of hours
// and minutes (1時間30分) as below the others; and the widest of what
// they are for, with the two cells before it.
func (v *ledgerView) columns() (states, dates, hours, kinds int) {
	if v.cols.of == v.ledger && v.ledger != nil {
		return v.cols.states, v.cols.dates, v.cols.hours, v.cols.kinds
	}
	states = stateWidth(v.c.Cat)
	dates = 10
	if v.ledger != nil {
		for _, p := range v.ledger.Plans {
			dates = max(dates, kit.Width(shortDate(v.c.Cat, p))+1)
			hours = max(hours, kit.Width(rowHours(v.c.Cat, p)))
			kinds = max(kinds, 2+kit.Width(v.c.Cat.T("plan.target."+string(p.Target.Kind))))
		}
	}
	v.cols.of, v.cols.states, v.cols.dates, v.cols.hours, v.cols.kinds = v.ledger, states, dates, hours, kinds
	return states, dates, hours, kinds
}

// rowHours is a plan's hours in its row: those it counts against the
// cap, the hours done once recorded. The plan's own pane says both done
// and planned; in the row, done/planned in words left no room for what
// the plan is for at 80 columns.
func rowHours(cat *kit.Catalog, p model.Plan) string {
	return cat.Duration(p.CountedMinutes())
}

// mark begins a row: > for the selection, so that it shows without
// colour too.
func mark(selected bool) string {
	if selected {
		return "> "
	}
	return "  "
}
