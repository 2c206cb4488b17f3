package activity

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// planForm writes a plan: what (a kind of target, then the target from a
// picker that filters as one types, or free text), when (a first and a
// last day), how long, why; and for a call, the application that goes to
// its poster. It saves a draft or submits; what the data layer refuses
// is shown under the field at fault, which takes the focus.
type planForm struct {
	c    *kit.Common
	plan *model.Plan // the plan changed; nil for a new one
	kind model.PlanTargetKind
	// target is the chosen target (not for free text); targetLabel its
	// name as shown.
	target      model.PlanTarget
	targetLabel string
	title       kit.LineInput
	start, end  kit.LineInput
	hours       kit.LineInput
	purpose     kit.LineInput
	application kit.LineInput
	focus       string
	draft       bool // the action row is on 下書き保存, not 申請する
	errs        map[string]string
	general     string
	picker      *kit.SearchPicker
	deciders    *model.Deciders
	// month is the person's figures for the month the plan's date falls
	// in, the month it counts against; wantMonth the month last asked for.
	month     *model.Usage
	wantMonth model.Period
	saving    bool
	closed    bool
	saved     *model.Plan // set when saved; closed too
	submitted bool
	width     int
	height    int
}

// Messages of the form's commands.
type (
	formSavedMsg struct {
		f         *planForm
		plan      *model.Plan
		submitted bool
		err       error
	}
	// formDraftMsg fills the form from its target (an event occurrence's
	// date and length).
	formDraftMsg struct {
		f    *planForm
		plan *model.Plan
		err  error
	}
	// formMonthMsg brings the figures of the month the plan's date falls
	// in.
	formMonthMsg struct {
		f     *planForm
		month model.Usage
		err   error
	}
)

func newPlanForm(c *kit.Common, l *model.Ledger) *planForm {
	f := &planForm{c: c, kind: model.TargetFree, focus: "kind", errs: map[string]string{}}
	f.title.Limit = model.MaxPlanTitleLen
	f.purpose.Limit = model.MaxPurposeLen
	f.application.Limit = model.MaxPlanCommentLen
	f.start.Limit, f.end.Limit, f.hours.Limit = 10, 10, 12
	f.start.SetValue(model.Day(c.Now(), c.Loc()).Format(time.DateOnly))
	if l != nil {
		f.setLedger(l)
	}
	return f
}

// setLedger takes who decides from the person's ledger, and its month's
// figures unless the plan's date is in another month.
func (f *planForm) setLedger(l *model.Ledger) {
	d, m := l.Deciders, l.Month
	f.deciders = &d
	if day, ok := f.startDay(); !ok || m.Period.Contains(day) {
		f.month = &m
	}
}

// startDay is the plan's first day as typed, if it can be read.
func (f *planForm) startDay() (time.Time, bool) {
	d, err := parseDay(f.start.Trimmed(), model.Day(f.c.Now(), f.c.Loc()))
	return d, err == nil
}

// followMonth reads the person's figures for the month the plan's date
// falls in when they are not those the form has: a plan counts against
// its own month.
func (f *planForm) followMonth() tea.Cmd {
	day, ok := f.startDay()
	if !ok || f.month != nil && f.month.Period.Contains(day) || f.wantMonth.Contains(day) {
		return nil
	}
	f.wantMonth = model.MonthPeriod(day)
	store, ctx := f.c.Store, f.c.Ctx()
	return func() tea.Msg {
		l, err := store.Ledger(ctx, "", day)
		if err != nil {
			return formMonthMsg{f: f, err: err}
		}
		return formMonthMsg{f: f, month: l.Month}
	}
}

// shownMonth is the month's figures to show: none while those of the
// plan's month are on their way.
func (f *planForm) shownMonth() *model.Usage {
	if day, ok := f.startDay(); ok && f.month != nil && !f.month.Period.Contains(day) {
		return nil
	}
	return f.month
}

// edit fills the form from a plan to change.
func (f *planForm) edit(p *model.Plan) {
	f.plan = p
	f.fill(p)
	f.purpose.SetValue(p.Purpose)
	f.application.SetValue(p.Application)
	f.focus = "purpose"
}

// fill takes what a plan says of its target, dates and hours.
func (f *planForm) fill(p *model.Plan) {
	f.kind = p.Target.Kind
	if f.kind == model.TargetFree {
		f.title.SetValue(p.Title)
	} else {
		f.target, f.targetLabel = p.Target, p.Title
	}
	if !p.Start.IsZero() {
		f.start.SetValue(p.Start.Format(time.DateOnly))
		f.end.SetValue("")
		if p.End.After(p.Start) {
			f.end.SetValue(p.End.Format(time.DateOnly))
		}
	}
	if p.Minutes > 0 {
		f.hours.SetValue(Clock(p.Minutes))
	}
}

// forTarget loads what a target decides (its name, an occurrence's date
// and length) into a new form.
func (f *planForm) forTarget(t model.PlanTarget) tea.Cmd {
	f.kind, f.target = t.Kind, t
	f.focus = "start"
	if t.Kind == model.TargetEvent {
		f.focus = "minutes" // the occurrence has its date
	}
	store, ctx := f.c.Store, f.c.Ctx()
	return func() tea.Msg {
		p, err := store.PlanDraftFor(ctx, t)
		return formDraftMsg{f: f, plan: p, err: err}
	}
}

// fields are the form's stops in order; an event occurrence's dates are
// its own and not typed.
func (f *planForm) fields() []string {
	out := []string{"kind", "target"}
	if f.kind == model.TargetFree {
		out[1] = "title"
	}
	if f.kind != model.TargetEvent {
		out = append(out, "start", "end")
	}
	out = append(out, "minutes", "purpose")
	if f.kind == model.TargetCall {
		out = append(out, "application")
	}
	return append(out, "actions")
}

func (f *planForm) move(d int) {
	fs := f.fields()
	i := 0
	for k, name := range fs {
		if name == f.focus {
			i = k
		}
	}
	f.focus = fs[(i+d+len(fs))%len(fs)]
}

// input is the text field of a stop, nil for the others.
func (f *planForm) input(name string) *kit.LineInput {
	return map[string]*kit.LineInput{"title": &f.title, "start": &f.start, "end": &f.end, "minutes": &f.hours,
		"purpose": &f.purpose, "application": &f.application}[name]
}

func (f *planForm) SetSize(w, h int) { f.width, f.height = w, h }

// Dirty is true when closing would lose what was typed.
func (f *planForm) Dirty() bool {
	return f.purpose.Trimmed() != "" && (f.plan == nil || f.purpose.Trimmed() != f.plan.Purpose) ||
		f.plan == nil && f.title.Trimmed() != ""
}

// Update takes a key, a paste or the form's own results; it reports
// whether msg was the form's.
func (f *planForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	if f.picker != nil {
		cmd, done, ok, used := f.picker.Update(msg)
		if done {
			if opt, has := f.picker.Selected(); ok && has {
				f.picker = nil
				return f.picked(opt), true
			}
			f.picker = nil
		}
		if used {
			return cmd, true
		}
	}
	switch msg := msg.(type) {
	case formSavedMsg:
		if msg.f != f {
			return nil, false
		}
		f.saving = false
		if msg.err != nil {
			f.refused(msg.err)
			return nil, true
		}
		f.saved, f.submitted, f.closed = msg.plan, msg.submitted, true
		return nil, true
	case formDraftMsg:
		if msg.f != f {
			return nil, false
		}
		if msg.err != nil {
			f.refused(msg.err)
			return nil, true
		}
		hours := f.hours.Value()
		f.fill(msg.plan)
		if hours != "" {
			f.hours.SetValue(hours)
		}
		return f.followMonth(), true
	case formMonthMsg:
		if msg.f != f {
			return nil, false
		}
		if day, ok := f.startDay(); msg.err == nil && ok && msg.month.Period.Contains(day) {
			f.month = &msg.month
		}
		f.wantMonth = model.Period{}
		return f.followMonth(), true
	case kit.DiscardMsg:
		f.closed = f.closed || msg.Form == f
		return nil, msg.Form == f
	case tea.PasteMsg:
		if in := f.input(f.focus); in != nil {
			in.Update(msg)
			delete(f.errs, f.focus)
		}
		return f.followMonth(), true
	case tea.KeyPressMsg:
		return f.key(msg), true
	}
	return nil, false
}

func (f *planForm) key(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		if f.Dirty() {
			return kit.AskDiscard(f.c, f)
		}
		f.closed = true
		return nil
	case "ctrl+s":
		return f.save(false)
	case "tab", "down":
		f.move(1)
		return nil
	case "shift+tab", "up":
		f.move(-1)
		return nil
	case "enter":
		switch f.focus {
		case "target":
			return f.openPicker()
		case "actions":
			return f.save(!f.draft)
		}
		f.move(1)
		return nil
	}
	switch f.focus {
	case "kind":
		switch msg.String() {
		case "left", "h":
			f.setKind(-1)
		case "right", "l", "space", " ":
			f.setKind(1)
		}
		return nil
	case "target":
		if msg.Text == "" {
			return nil
		}
		// Typing on the target starts the picker with what was typed.
		open := f.openPicker()
		typed, _, _, _ := f.picker.Update(msg)
		return tea.Batch(open, typed)
	case "actions":
		switch msg.String() {
		case "left", "right", "h", "l", "space", " ":
			f.draft = !f.draft
		}
		return nil
	}
	if in := f.input(f.focus); in != nil && in.Update(msg) {
		delete(f.errs, f.focus)
		if f.focus == "start" {
			return f.followMonth()
		}
	}
	return nil
}

// setKind moves to the next or previous kind of target; the target
// chosen for another kind goes.
func (f *planForm) setKind(d int) {
	kinds := model.PlanTargetKinds
	i := 0
	for k, kind := range kinds {
		if kind == f.kind {
			i = k
		}
	}
	f.kind = kinds[(i+d+len(kinds))%len(kinds)]
	f.target, f.targetLabel = model.PlanTarget{}, ""
	delete(f.errs, "target")
}

func (f *planForm) openPicker() tea.Cmd {
	cat := f.c.Cat
	f.picker = kit.NewSearchPicker(f.c, cat.T("plan.form.pick", cat.T("plan.target."+string(f.kind))), targetOptions(f.c, f.kind))
	return f.picker.Init()
}

// picked takes the target chosen; an event occurrence brings its date and
// length.
func (f *planForm) picked(opt kit.Option) tea.Cmd {
	f.target, f.targetLabel = parseTarget(f.kind, opt.Value), opt.Label
	delete(f.errs, "target")
	f.move(1)
	if f.kind == model.TargetEvent {
		return f.forTarget(f.target)
	}
	return nil
}

// build reads the fields into a plan; what cannot be read goes to errs.
func (f *planForm) build() (*model.Plan, bool) {
	p := &model.Plan{Target: model.PlanTarget{Kind: f.kind}, Purpose: f.purpose.Trimmed(), Application: f.application.Trimmed()}
	if f.plan != nil {
		p.ID = f.plan.ID
	}
	if f.kind == model.TargetFree {
		p.Title = f.title.Trimmed()
	} else {
		p.Target = f.target
		p.Target.Kind = f.kind
	}
	today := model.Day(f.c.Now(), f.c.Loc())
	var err error
	if f.kind != model.TargetEvent {
		if p.Start, err = parseDay(f.start.Trimmed(), today); err != nil {
			f.errs["start"] = f.c.Cat.Err(err)
		}
		if f.end.Trimmed() != "" {
			if p.End, err = parseDay(f.end.Trimmed(), today); err != nil {
				f.errs["end"] = f.c.Cat.Err(err)
			}
		}
	}
	if p.Minutes, err = model.ParseHours(f.hours.Value()); err != nil {
		f.errs["minutes"] = f.c.Cat.Err(err)
	}
	if f.kind != model.TargetFree && p.Target.ID == "" {
		f.errs["target"] = f.c.Cat.T("err.plan.target")
	}
	return p, len(f.errs) == 0
}

// save saves the plan as a draft, or submits it; a new plan for a call
// applies to it (ApplyWithPlan).
func (f *planForm) save(submit bool) tea.Cmd {
	if f.saving {
		return nil
	}
	f.errs, f.general = map[string]string{}, ""
	p, ok := f.build()
	if !ok {
		f.focusError()
		return nil
	}
	f.saving = true
	store, ctx, isNew := f.c.Store, f.c.Ctx(), f.plan == nil
	return func() tea.Msg {
		var err error
		switch {
		case !isNew:
			err = store.UpdatePlan(ctx, p, submit)
		case submit && p.Target.Kind == model.TargetCall:
			err = store.ApplyWithPlan(ctx, p.Target.ID, p.Application, p)
		default:
			err = store.CreatePlan(ctx, p, submit)
		}
		return formSavedMsg{f: f, plan: p, submitted: submit, err: err}
	}
}

// refused shows what the data layer said under the field at fault, and
// moves there.
func (f *planForm) refused(err error) {
	field := faultField(err)
	if field == "" || !f.has(field) {
		f.general = f.c.Cat.Err(err)
		return
	}
	f.errs[field] = f.c.Cat.Err(err)
	f.focusError()
}

func (f *planForm) has(field string) bool {
	for _, name := range f.fields() {
		if name == field {
			return true
		}
	}
	return false
}

// focusError moves the focus to the first field with an error.
func (f *planForm) focusError() {
	for _, name := range f.fields() {
		if _, ok := f.errs[name]; ok {
			f.focus = name
			return
		}
	}
}

// faultField is the field an error is about: the one it names, else the
// target for what is wrong with the target (a cancelled occurrence, a
// closed call); "" for the rest.
func faultField(err error) string {
	var e *model.Error
	if !errors.As(err, &e) {
		return ""
	}
	if e.Field != "" {
		return e.Field
	}
	for _, prefix := range []string{"err.plan.target", "err.plan.event.", "err.plan.kind.", "err.plan.call.", "err.plan.handover."} {
		if strings.HasPrefix(e.Key, prefix) {
			return "target"
		}
	}
	return ""
}

// parseDay reads a date as people type it: 2026-12-02, 2026/12/2, or 12/2
// (the nearest such day to today).
func parseDay(s string, today time.Time) (time.Time, error) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '／' || r == '-' || r == '－':
			return '/'
		}
		return r
	}, strings.TrimSpace(s))
	bad := model.FieldError("start", "err.plan.date", "日付を YYYY-MM-DD で入力してください")
	if t, err := time.Parse("2006/1/2", s); err == nil {
		return t, nil
	}
	t, err := time.Parse("1/2", s)
	if err != nil {
		return time.Time{}, bad
	}
	d := model.Date(today.Year(), t.Month(), t.Day())
	switch {
	case d.Before(today.AddDate(0, -6, 0)):
		d = d.AddDate(1, 0, 0)
	case d.After(today.AddDate(0, 6, 0)):
		d = d.AddDate(-1, 0, 0)
	}
	return d, nil
}
