// Package activity is the 活動 tab: the 20% rule. A person sees their
// use this month and this fiscal year against the cap, their plans by
// state with each plan's history, writes plans and records the hours
// done; a supervisor also sees the requests waiting for them and the use
// of everyone they oversee, and decides. Other screens open the plan form
// through kit.PlanForMsg, the inbox a plan through kit.OpenMsg.
package activity

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// view is what the tab shows under its title line.
type view int

const (
	viewMine  view = iota // my use and my plans
	viewQueue             // requests waiting for my decision
	viewDept              // everyone I oversee
)

// Screen is the 活動 tab.
type Screen struct {
	c      *kit.Common
	keys   keyMap
	width  int
	height int
	view   view
	// role says which views the person has: a supervisor has the queue
	// and the department, an administrator the queue (for people no
	// supervisor decides on).
	role  roleMsg
	mine  *ledgerView
	queue *queueView
	dept  *deptView
	// person is someone's ledger opened from the department view.
	person *ledgerView
	// single is a plan opened alone (from the inbox); singleID its id.
	single   *kit.Reader[planDoc]
	singleID string
	form     *planForm
	prompt   *kit.Prompt
	// follow is a plan just saved, for the cursor to go to.
	follow string
}

// roleMsg says whether the person supervises or administers.
type roleMsg struct {
	supervisor, admin, loaded bool
}

// New returns the 活動 tab.
func New(c *kit.Common) *Screen {
	s := &Screen{c: c, keys: newKeyMap(c.Cat)}
	s.mine = newLedgerView(c, "")
	s.queue = newQueueView(c)
	s.dept = newDeptView(c)
	return s
}

// decides reports whether the person has requests to decide on.
func (r roleMsg) decides() bool { return r.supervisor || r.admin }

func (s *Screen) loadRole() tea.Cmd {
	store, ctx, me := s.c.Store, s.c.Ctx(), s.c.Me.ID
	return func() tea.Msg {
		r := roleMsg{loaded: true}
		sups, err := store.Supervisors(ctx, "")
		if err != nil {
			return kit.StatusMsg{Text: s.c.Cat.Err(err), Err: true}
		}
		for _, x := range sups {
			r.supervisor = r.supervisor || x.ID == me && !x.Lapsed
		}
		if a, ok := store.(model.AdminService); ok {
			r.admin, _ = a.IsAdmin(ctx)
		}
		return r
	}
}

func (s *Screen) Init() tea.Cmd { return tea.Batch(s.mine.load(), s.loadRole()) }

// Prefetch reads whether the person decides, and then what waits for
// them, for the count on the tab.
func (s *Screen) Prefetch() tea.Cmd { return s.loadRole() }

// Badge is how many requests wait for the person's decision.
func (s *Screen) Badge() string {
	if n := len(s.queue.items); n > 0 && s.role.decides() {
		return strconv.Itoa(n)
	}
	return ""
}

func (s *Screen) SetSize(w, h int) tea.Cmd {
	s.width, s.height = w, h
	cmds := []tea.Cmd{s.mine.SetSize(w, h-1), s.queue.b.SetSize(w, h-1), s.dept.b.SetSize(w, h-1)}
	if s.person != nil {
		cmds = append(cmds, s.person.SetSize(w, h-1))
	}
	if s.single != nil {
		s.single.Pane.SetSize(w, h-1)
		cmds = append(cmds, s.single.Rerender())
	}
	if s.form != nil {
		s.form.SetSize(w, h)
	}
	return tea.Batch(cmds...)
}

func (s *Screen) Capturing() bool { return s.form != nil || s.prompt != nil }
func (s *Screen) Dirty() bool     { return s.form != nil && s.form.Dirty() }

func (s *Screen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case roleMsg:
		s.role = msg
		if !msg.decides() {
			s.view = viewMine
			return nil
		}
		return s.queue.load()
	case kit.DataChangedMsg:
		return s.reload()
	case kit.OpenMsg:
		if msg.Kind == kit.OpenPlan {
			return s.openPlan(msg.ID)
		}
		return nil
	case kit.PlanForMsg:
		return s.openForm(&msg.Target)
	case actionDoneMsg:
		return s.actionDone(msg)
	case tea.KeyPressMsg:
		return s.key(msg)
	case tea.PasteMsg:
		if s.prompt != nil {
			s.prompt.Paste(msg)
			return nil
		}
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		if s.form != nil || s.prompt != nil {
			return nil
		}
		if w, ok := msg.(tea.MouseWheelMsg); ok && s.single != nil {
			s.single.Pane.Scroll(map[bool]int{true: -3, false: 3}[w.Button == tea.MouseWheelUp])
			return nil
		}
		return s.toShown(msg)
	}
	if s.form != nil {
		if cmd, ok := s.form.Update(msg); ok {
			return s.afterForm(cmd)
		}
	}
	if s.single != nil && s.single.Owns(msg) {
		_, cmd := s.single.Update(msg)
		return cmd
	}
	// What is left are the views' own results, each taken by the view
	// whose command it was.
	if ok, cmd := s.mine.Update(msg); ok {
		if s.form != nil && s.form.deciders == nil && s.mine.ledger != nil {
			s.form.setLedger(s.mine.ledger) // opened before the ledger came
			cmd = tea.Batch(cmd, s.form.followMonth())
		}
		return tea.Batch(cmd, s.followSaved())
	}
	for _, v := range []interface {
		Update(tea.Msg) (bool, tea.Cmd)
	}{s.queue, s.dept} {
		if ok, cmd := v.Update(msg); ok {
			return cmd
		}
	}
	if s.person != nil {
		_, cmd := s.person.Update(msg)
		return cmd
	}
	return nil
}

// followSaved puts the cursor on the plan just saved once the list shows
// it.
func (s *Screen) followSaved() tea.Cmd {
	if s.follow == "" {
		return nil
	}
	cmd, ok := s.mine.follow(s.follow)
	if ok {
		s.follow = ""
	}
	return cmd
}

// afterForm closes a form that saved or gave up, and says what happened.
func (s *Screen) afterForm(cmd tea.Cmd) tea.Cmd {
	f := s.form
	if !f.closed {
		return cmd
	}
	s.form = nil
	if f.saved == nil {
		return cmd
	}
	cat := s.c.Cat
	text := cat.T("plan.done.draft", who(cat, *f.saved))
	switch {
	case f.submitted && f.saved.Target.Kind == model.TargetCall:
		text = cat.T("plan.done.apply", who(cat, *f.saved))
	case f.submitted:
		text = cat.T("plan.done.submit", who(cat, *f.saved))
	}
	s.view, s.person, s.follow = viewMine, nil, f.saved.ID
	return tea.Batch(cmd, kit.StatusCmd(text, false), s.reload())
}

// openForm opens the plan form, for target when it is given.
func (s *Screen) openForm(target *model.PlanTarget) tea.Cmd {
	if s.c.ReadOnly {
		return kit.StatusCmd(s.c.Cat.T("readonly.cannot"), true)
	}
	s.single, s.person, s.view = nil, nil, viewMine
	s.form = newPlanForm(s.c, s.mine.ledger)
	s.form.SetSize(s.width, s.height)
	if target == nil {
		return nil
	}
	return s.form.forTarget(*target)
}

// openPlan shows one plan alone, as the inbox asks, and takes its news
// out of the inbox.
func (s *Screen) openPlan(id string) tea.Cmd {
	c := s.c
	s.single = kit.NewReader(c, func(d planDoc, w int) kit.Document { return renderPlan(d, w, c.Cat, c.Styles) })
	s.singleID = id
	s.single.Pane.SetSize(s.width, s.height-1)
	return s.loadSingle()
}

func (s *Screen) loadSingle() tea.Cmd {
	store, id, queue := s.c.Store, s.singleID, s.queue
	month := queue.month(id)
	return s.single.Load(id, func(ctx context.Context) (planDoc, error) {
		p, err := store.PlanByID(ctx, id)
		if err != nil {
			return planDoc{}, err
		}
		_ = store.MarkPlanRead(ctx, id) // the news was seen; failing to note it loses nothing
		if p.State != model.PlanSubmitted {
			month = nil
		}
		return planDoc{Plan: p, Month: month}, nil
	})
}

// reload reads again everything the tab has shown.
func (s *Screen) reload() tea.Cmd {
	cmds := []tea.Cmd{s.mine.load(), s.loadRole()}
	if s.dept.loaded {
		cmds = append(cmds, s.dept.load())
	}
	if s.person != nil {
		cmds = append(cmds, s.person.load())
	}
	if s.single != nil {
		cmds = append(cmds, s.loadSingle())
	}
	return tea.Batch(cmds...)
}

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	if s.form != nil {
		cmd, _ := s.form.Update(msg)
		return s.afterForm(cmd)
	}
	if s.prompt != nil {
		cmd, closed := s.prompt.Key(s.c, msg)
		if closed {
			s.prompt = nil
		}
		return cmd
	}
	k, cat := s.c.Keys, s.c.Cat
	switch {
	case key.Matches(msg, s.keys.New):
		return s.openForm(nil)
	case key.Matches(msg, s.keys.View):
		return s.nextView()
	}
	if cmd, ok := s.planKey(msg); ok {
		return cmd
	}
	if s.single != nil {
		if key.Matches(msg, k.Back) {
			s.single = nil
			return nil
		}
		s.single.Pane.Key(k, msg)
		return nil
	}
	shown := s.shownLedger()
	switch {
	case key.Matches(msg, s.keys.State):
		if shown == nil {
			return kit.StatusCmd(cat.T("plan.why.state"), true)
		}
		return shown.nextState()
	case s.person != nil && key.Matches(msg, k.Back) && !s.person.b.FocusDetail:
		s.person = nil
		return nil
	case s.view == viewDept && s.person == nil && key.Matches(msg, k.Open):
		if pu, ok := s.dept.b.List.Selected(); ok {
			s.person = newLedgerView(s.c, pu.Staff.ID)
			return tea.Batch(s.person.SetSize(s.width, s.height-1), s.person.load())
		}
	case s.view == viewMine && key.Matches(msg, k.Open):
		if p, ok := s.mine.Selected(); ok && !s.mine.b.FocusDetail {
			_, cmd := s.mine.b.Update(msg)
			return tea.Batch(cmd, s.markRead(p.ID))
		}
	}
	return s.toShown(msg)
}

// markRead takes a plan's news out of the inbox once it is opened.
func (s *Screen) markRead(id string) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		_ = store.MarkPlanRead(ctx, id) // failing to note it loses nothing
		return nil
	}
}

// shownLedger is the ledger on screen, if one is.
func (s *Screen) shownLedger() *ledgerView {
	switch {
	case s.person != nil:
		return s.person
	case s.view == viewMine:
		return s.mine
	}
	return nil
}

// toShown gives a key or the mouse to the list shown.
func (s *Screen) toShown(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case s.person != nil:
		_, cmd = s.person.Update(msg)
	case s.view == viewQueue:
		_, cmd = s.queue.Update(msg)
	case s.view == viewDept:
		_, cmd = s.dept.Update(msg)
	default:
		_, cmd = s.mine.Update(msg)
	}
	return cmd
}

// views are the views the person has.
func (s *Screen) views() []view {
	out := []view{viewMine}
	if s.role.decides() {
		out = append(out, viewQueue)
	}
	if s.role.supervisor {
		out = append(out, viewDept)
	}
	return out
}

// nextView shows the next view; the department is read when first shown.
func (s *Screen) nextView() tea.Cmd {
	vs := s.views()
	if len(vs) == 1 {
		return kit.StatusCmd(s.c.Cat.T("plan.why.view"), true)
	}
	i := 0
	for k, v := range vs {
		if v == s.view {
			i = k
		}
	}
	s.view, s.person, s.single = vs[(i+1)%len(vs)], nil, nil
	if s.view == viewDept && !s.dept.loaded {
		return s.dept.load()
	}
	return nil
}

// title is the tab's first line: its name, the views, and, over the
// person's own plans, who decides on them (a supervisor over the plans
// waiting for them read their own supervisor's name as the approver's:
// new-user trial).
func (s *Screen) title() string {
	st, cat := s.c.Styles, s.c.Cat
	left := " " + st.Title.Render(cat.T("plan.title"))
	if vs := s.views(); len(vs) > 1 {
		for _, v := range vs {
			label := cat.T([]string{"plan.view.mine", "plan.view.queue", "plan.view.dept"}[v])
			if v == viewQueue && len(s.queue.items) > 0 {
				label += " " + strconv.Itoa(len(s.queue.items))
			}
			left += "  " + st.Choice(label, v == s.view)
		}
	}
	right := ""
	if l := s.mine.ledger; l != nil && s.view == viewMine {
		right = st.Label.Render(cat.T("plan.form.to")+": ") + deciderNames(cat, &l.Deciders) + " "
		if kit.Width(left+right) >= s.width && len(l.Deciders.Staff) > 0 {
			right = st.Label.Render(cat.T("plan.form.to")+": ") + kit.Clean(l.Deciders.Staff[0].Name) + " "
		}
	}
	gap := max(s.width-kit.Width(left)-kit.Width(right), 1)
	return kit.Fit(left+strings.Repeat(" ", gap)+right, s.width)
}

func (s *Screen) View() string {
	if s.form != nil {
		return s.form.View()
	}
	var body string
	switch {
	case s.single != nil:
		body = s.single.Pane.View()
	case s.person != nil:
		body = s.person.View()
	case s.view == viewQueue:
		body = s.queue.View()
	case s.view == viewDept:
		body = s.dept.View()
	default:
		body = s.mine.View()
	}
	v := kit.Block(s.title()+"\n"+body, s.width, s.height)
	if s.prompt != nil {
		v = kit.Overlay(v, s.prompt.View(s.c, s.width), s.width, s.height)
	}
	return v
}

func (s *Screen) Cursor() *tea.Cursor {
	switch {
	case s.form != nil:
		return s.form.Cursor()
	case s.prompt != nil:
		return s.prompt.Cursor(s.c, s.width, s.height)
	}
	return nil
}
