package activity

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// What the keys do to a plan: its author's edit, submit, delete,
// withdraw and record; a supervisor's approve, return and revoke. A key
// that cannot act on the plan says why, in the words of the state machine
// where it is the plan's state that forbids it.

// actionDoneMsg reports a write; from is the prompt that asked for it.
type actionDoneMsg struct {
	text string
	err  error
	from *kit.Prompt
	// gone: the plan no longer exists (a draft deleted).
	gone bool
}

// write runs f in a command and reports with text.
func (s *Screen) write(text string, from *kit.Prompt, gone bool, f func(ctx context.Context) error) tea.Cmd {
	ctx := s.c.Ctx()
	return func() tea.Msg { return actionDoneMsg{text: text, err: f(ctx), from: from, gone: gone} }
}

// ask asks a y/n question that names the plan and what will happen
// (kit.Confirm); y runs yes.
func (s *Screen) ask(question string, yes func() tea.Cmd) tea.Cmd {
	return kit.ConfirmThen(question, yes)
}

// current is the plan the keys act on: the one opened alone, else the
// selection of the list shown. decide says whether the viewer may try the
// supervisor's keys on it (the data layer has the last word).
func (s *Screen) current() (p model.Plan, decide, ok bool) {
	switch {
	case s.single != nil:
		if d, has := s.single.Shown(); has {
			return *d.Plan, d.Plan.CanDecide, true
		}
		return model.Plan{}, false, false
	case s.person != nil:
		p, ok = s.person.Selected()
		return p, ok && p.CanDecide, ok
	case s.view == viewQueue:
		r, ok := s.queue.b.List.Selected()
		return r.Plan, ok, ok
	case s.view == viewMine:
		p, ok = s.mine.Selected()
		return p, false, ok
	}
	return model.Plan{}, false, false
}

// refusal says why act cannot be done to p by its author (mine) or a
// supervisor (!mine); nil when it may be tried.
func (s *Screen) refusal(p model.Plan, act model.PlanAction, mine, decide bool) tea.Cmd {
	cat := s.c.Cat
	switch {
	case s.c.ReadOnly:
		return kit.StatusCmd(cat.T("readonly.cannot"), true)
	case mine && !p.Mine:
		return kit.StatusCmd(cat.T("err.plan.notmine"), true)
	case !mine && p.Mine:
		return kit.StatusCmd(cat.T("err.plan.self"), true)
	case !mine && !decide:
		return kit.StatusCmd(cat.T("plan.why.notdecider"), true)
	}
	if _, err := p.State.Next(act); err != nil {
		return kit.StatusCmd(cat.Err(err), true)
	}
	if act == model.ActRecord {
		// Refused before any hours are typed, as the data layer would.
		if err := p.RecordableOn(model.Day(s.c.Now(), s.c.Loc())); err != nil {
			return kit.StatusCmd(cat.Err(err), true)
		}
	}
	return nil
}

// planKey acts on the current plan for one of the plan keys; ok is false
// for a key that is not one.
func (s *Screen) planKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	cat := s.c.Cat
	for _, a := range s.acts() {
		if !key.Matches(msg, a.b) {
			continue
		}
		p, decide, ok := s.current()
		if !ok {
			why := cat.T("plan.why.none")
			if s.view == viewDept && s.person == nil {
				why = cat.T("plan.why.person")
			}
			return kit.StatusCmd(why, true), true
		}
		if refused := s.refusal(p, a.act, a.mine, decide); refused != nil {
			return refused, true
		}
		return a.do(p), true
	}
	return nil, false
}

// planAct is a key that acts on a plan: act, by its author (mine) or a
// supervisor, done by do.
type planAct struct {
	b    key.Binding
	act  model.PlanAction
	mine bool
	do   func(p model.Plan) tea.Cmd
}

// acts are the plan keys, the supervisor's first, in the key line's order.
func (s *Screen) acts() []planAct {
	k := s.keys
	return []planAct{
		{k.Approve, model.ActApprove, false, s.approvePlan},
		{k.Return, model.ActReturn, false, s.returnPlan},
		{k.Revoke, model.ActRevoke, false, s.revokePlan},
		{k.Submit, model.ActSubmit, true, s.submitPlan},
		{k.Record, model.ActRecord, true, s.recordHours},
		{k.Edit, model.ActEdit, true, s.editPlan},
		{k.Withdraw, model.ActWithdraw, true, s.withdrawPlan},
		{k.Delete, model.ActDelete, true, s.deletePlan},
	}
}

// who names a plan and, for someone else's, its author: 「…」(高野 葵).
func who(cat *kit.Catalog, p model.Plan) string {
	if p.Mine {
		return cat.T("plan.quote", kit.Clean(p.Title))
	}
	return cat.T("plan.quote.who", kit.Clean(p.Title), kit.Clean(p.StaffName))
}

func (s *Screen) editPlan(p model.Plan) tea.Cmd {
	s.form = newPlanForm(s.c, s.mine.ledger)
	s.form.SetSize(s.width, s.height)
	s.form.edit(&p)
	return s.form.followMonth()
}

func (s *Screen) submitPlan(p model.Plan) tea.Cmd {
	cat, store := s.c.Cat, s.c.Store
	to := cat.T("plan.deciders.admin")
	if l := s.mine.ledger; l != nil {
		to = deciderNames(cat, &l.Deciders)
	}
	return s.ask(cat.T("plan.ask.submit", who(cat, p), to), func() tea.Cmd {
		return s.write(cat.T("plan.done.submit", who(cat, p)), nil, false, func(ctx context.Context) error { return store.SubmitPlan(ctx, p.ID) })
	})
}

func (s *Screen) deletePlan(p model.Plan) tea.Cmd {
	cat, store := s.c.Cat, s.c.Store
	return s.ask(cat.T("plan.ask.delete", who(cat, p)), func() tea.Cmd {
		return s.write(cat.T("plan.done.delete", who(cat, p)), nil, true, func(ctx context.Context) error { return store.DeletePlan(ctx, p.ID) })
	})
}

func (s *Screen) withdrawPlan(p model.Plan) tea.Cmd {
	cat, store := s.c.Cat, s.c.Store
	question := cat.T("plan.ask.withdraw", who(cat, p))
	if p.Target.Kind == model.TargetCall {
		question = cat.T("plan.ask.withdraw.call", who(cat, p))
	}
	return s.ask(question, func() tea.Cmd {
		return s.write(cat.T("plan.done.withdraw", who(cat, p)), nil, false, func(ctx context.Context) error { return store.WithdrawPlan(ctx, p.ID, "") })
	})
}

func (s *Screen) recordHours(p model.Plan) tea.Cmd {
	cat, store := s.c.Cat, s.c.Store
	pr := &kit.Prompt{Title: cat.T("plan.prompt.record", who(cat, p), cat.Duration(p.Minutes)), Label: cat.T("plan.form.hours"),
		Hint: cat.T("plan.prompt.record.hint"), Required: true}
	at := p.Minutes
	if p.State == model.PlanDone {
		at = p.ActualMinutes
	}
	pr.Input.SetValue(Clock(at))
	pr.Send = func(text string) (tea.Cmd, error) {
		minutes, err := model.ParseHours(text)
		if err != nil {
			return nil, err
		}
		return s.write(cat.T("plan.done.record", who(cat, p), cat.Duration(minutes)), pr, false,
			func(ctx context.Context) error { return store.RecordHours(ctx, p.ID, minutes) }), nil
	}
	s.prompt = pr
	return nil
}

func (s *Screen) approvePlan(p model.Plan) tea.Cmd {
	if p.OverCap {
		return s.askOverCap(p, s.c.Cat.T("plan.ask.overcap", who(s.c.Cat, p)))
	}
	return s.decide(p, "approve", "approve", func(ctx context.Context, text string) error {
		return s.c.Store.ApprovePlan(ctx, p.ID, model.Decision{Comment: text})
	})
}

// askOverCap asks for the explicit yes that a plan over the cap needs,
// then for the reason that is kept with it.
func (s *Screen) askOverCap(p model.Plan, question string) tea.Cmd {
	return s.ask(question, func() tea.Cmd {
		return s.decide(p, "overcap", "approve", func(ctx context.Context, text string) error {
			return s.c.Store.ApprovePlan(ctx, p.ID, model.Decision{OverCap: true, Reason: text})
		})
	})
}

func (s *Screen) returnPlan(p model.Plan) tea.Cmd {
	return s.decide(p, "return", "return", func(ctx context.Context, text string) error { return s.c.Store.ReturnPlan(ctx, p.ID, text) })
}

func (s *Screen) revokePlan(p model.Plan) tea.Cmd {
	return s.decide(p, "revoke", "revoke", func(ctx context.Context, text string) error { return s.c.Store.RevokePlan(ctx, p.ID, text) })
}

// decide opens the prompt of a supervisor's decision on p: its title and
// hint are plan.prompt.<kind>, what it says when done plan.done.<done>.
// Only an approval's comment may be left empty; the others are reasons.
func (s *Screen) decide(p model.Plan, kind, done string, f func(ctx context.Context, text string) error) tea.Cmd {
	cat := s.c.Cat
	pr := &kit.Prompt{Title: cat.T("plan.prompt."+kind, who(cat, p)), Label: cat.T("plan.prompt.reason"),
		Hint: cat.T("plan.prompt." + kind + ".hint"), Required: kind != "approve"}
	if kind == "approve" {
		pr.Label = cat.T("plan.prompt.comment")
	}
	text := cat.T("plan.done."+done, who(cat, p))
	pr.Send = func(answer string) (tea.Cmd, error) {
		return s.write(text, pr, false, func(ctx context.Context) error { return f(ctx, answer) }), nil
	}
	s.prompt = pr
	return nil
}

// actionDone reports a write and reads everything shown again. A refused
// prompt stays open with the reason, except that a plan found over the
// cap meanwhile asks for the explicit yes instead.
func (s *Screen) actionDone(msg actionDoneMsg) tea.Cmd {
	cat := s.c.Cat
	if msg.err != nil {
		var e *model.Error
		if errors.As(msg.err, &e) && e.Key == "err.plan.overcap.confirm" {
			if p, _, ok := s.current(); ok {
				s.prompt = nil
				p.OverCap = true
				return s.askOverCap(p, cat.Err(msg.err))
			}
		}
		if msg.from != nil && msg.from == s.prompt {
			s.prompt.Refused(cat.Err(msg.err))
			return nil
		}
		return kit.StatusCmd(cat.Err(msg.err), true)
	}
	if msg.from != nil && msg.from == s.prompt {
		s.prompt = nil
	}
	if msg.gone {
		s.single = nil
	}
	return tea.Batch(kit.StatusCmd(msg.text, false), s.reload())
}
