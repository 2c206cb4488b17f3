package threads

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// actionDoneMsg reports a write made from the thread view.
type actionDoneMsg struct {
	err  error
	text string // what to say when it worked
	// offer is a plan to offer under the 20% rule (joining a team).
	offer *kit.PlanOffer
}

func (s *Screen) actionDone(msg actionDoneMsg) tea.Cmd {
	if msg.err != nil {
		return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
	}
	cmds := []tea.Cmd{s.b.List.Reload(s.c.Ctx()), kit.StatusCmd(msg.text, false)}
	if o := msg.offer; o != nil {
		cmds = append(cmds, o.Ask(s.c.Cat, msg.text))
	}
	if s.opened != "" {
		cmds = append(cmds, s.reopen())
	}
	return tea.Batch(cmds...)
}

// reopen renders the opened thread again, keeping the scroll position.
func (s *Screen) reopen() tea.Cmd {
	id := s.opened
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	return func() tea.Msg {
		t, err := store.ThreadByID(ctx, id)
		if err != nil {
			return kit.StatusMsg{Text: cat.Err(err), Err: true}
		}
		return threadRefreshMsg{thread: t}
	}
}

type threadRefreshMsg struct{ thread *model.Thread }

// postKey handles the keys that act on a thread or one of its posts. In
// the open thread they act on the marked post (and the thread it is in);
// from the list, on the selected thread itself, as its document in the
// pane shows it. ok is false for keys that are not these.
func (s *Screen) postKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.c.Keys
	if !key.Matches(msg, k.NextPost, k.PrevPost, k.JumpAnswer, k.NextUnread, k.Reply, k.Quote, k.Edit, k.Delete,
		k.Helpful, k.Answer, k.Follow, k.Apply, k.People, k.Profile, k.Hide, k.Pin) {
		return nil, false
	}
	fromList := !s.b.FocusDetail
	if fromList && key.Matches(msg, k.NextUnread) {
		return nil, false // the list's own: the next unread thread
	}
	cat := s.c.Cat
	d, anchors, ok := s.shown()
	if row, has := s.b.List.Selected(); fromList && (!has || !ok || d.thread.ID != row.ID) {
		if !has {
			return kit.StatusCmd(cat.T("thread.none.selected"), true), true
		}
		return kit.StatusCmd(cat.T("loading"), false), true
	}
	if !ok {
		return nil, false
	}
	t := d.thread
	at := s.selected(anchors)
	if fromList {
		at = anchors[0]
	}
	top, _ := d.post(at.ID)
	name := s.postName(d, top)
	store, ctx := s.c.Store, s.c.Ctx()
	do := func(text string, f func() error) tea.Cmd {
		return func() tea.Msg { return actionDoneMsg{err: f(), text: text} }
	}
	write := func(cmd tea.Cmd) (tea.Cmd, bool) {
		if s.c.ReadOnly {
			return kit.StatusCmd(cat.T("readonly.cannot"), true), true
		}
		return cmd, true
	}
	// Moving between posts is the open thread's; from the list, enter
	// opens it first.
	if fromList && key.Matches(msg, k.NextPost, k.PrevPost, k.Quote, k.Answer) {
		return kit.StatusCmd(cat.T("thread.open.first", msg.String()), false), true
	}
	switch {
	case key.Matches(msg, k.NextPost):
		s.scrollToPost(anchors, +1)
		return nil, true
	case key.Matches(msg, k.PrevPost):
		s.scrollToPost(anchors, -1)
		return nil, true
	case key.Matches(msg, k.JumpAnswer):
		for _, a := range anchors {
			if a.ID == t.ResolvedReplyID {
				s.b.FocusDetail = true
				s.opened = t.ID
				s.selectPost(a)
				return nil, true
			}
		}
		return kit.StatusCmd(cat.T("thread.no.answer"), false), true
	case key.Matches(msg, k.NextUnread):
		for _, a := range anchors {
			if p, _ := d.post(a.ID); p.unread && a.Line > at.Line {
				s.selectPost(a)
				return nil, true
			}
		}
		return s.nextUnread(), true
	case key.Matches(msg, k.Reply), key.Matches(msg, k.Quote):
		if t.Deleted {
			return kit.StatusCmd(cat.T("thread.deleted.noreply"), true), true
		}
		cmd, _ := write(s.newForm(formReply, &t, nil))
		if key.Matches(msg, k.Quote) && s.form != nil && !top.deleted {
			s.form.quote(kit.AuthorName(cat, top.authorName, top.anon, false), top.body, map[bool]string{true: top.id}[top.reply])
		}
		return cmd, true
	case key.Matches(msg, k.Edit):
		if !top.yours() {
			return kit.StatusCmd(cat.T("thread.edit.own", name), true), true
		}
		if top.reply {
			return write(s.newForm(formEditReply, &t, &model.Reply{ID: top.id, ThreadID: t.ID, Body: top.body, Anonymous: top.anon}))
		}
		full := t
		full.Body = top.body
		return write(s.newForm(formEditThread, &full, nil))
	case key.Matches(msg, k.Delete):
		if !top.yours() {
			return kit.StatusCmd(cat.T("thread.edit.own", name), true), true
		}
		del := func() error { return store.DeleteThread(ctx, top.id) }
		if top.reply {
			del = func() error { return store.DeleteReply(ctx, top.id) }
		}
		return write(kit.Confirm(cat.T("thread.delete.confirm", name), do(cat.T("thread.deleted.done", name), del)))
	case key.Matches(msg, k.Helpful):
		return write(func() tea.Msg {
			on, err := store.ToggleHelpful(ctx, top.id)
			text := cat.T("thread.helpful.on", name)
			if !on {
				text = cat.T("thread.helpful.off", name)
			}
			return actionDoneMsg{err: err, text: text}
		})
	case key.Matches(msg, k.Answer):
		if why := answerRefusal(t, top); why != "" {
			return kit.StatusCmd(cat.T(why), true), true
		}
		id := top.id
		text := cat.T("thread.answer.done", name)
		if top.accepted {
			id, text = "", cat.T("thread.answer.undone", name)
		}
		return write(do(text, func() error { return store.Resolve(ctx, t.ID, id) }))
	case key.Matches(msg, k.Follow):
		on := !t.Following
		title := short(t.Title)
		text := cat.T("thread.follow.on", title)
		if !on {
			text = cat.T("thread.follow.off", title)
		}
		return write(do(text, func() error { return store.Follow(ctx, t.ID, on) }))
	case key.Matches(msg, k.Apply):
		return s.takePart(t)
	case key.Matches(msg, k.People):
		return s.showPeople(t), true
	case key.Matches(msg, k.Profile):
		if top.authorID == "" || top.anon && !top.mine {
			return kit.StatusCmd(cat.T("thread.profile.anon"), true), true
		}
		return kit.OpenCmd(kit.OpenPerson, top.authorID, ""), true
	case key.Matches(msg, k.Hide):
		if !t.CanModerate {
			return kit.StatusCmd(cat.T("thread.moderate.who"), true), true
		}
		return write(kit.Confirm(cat.T("thread.hide.confirm", name),
			do(cat.T("thread.hide.done", name), func() error { return store.SetHidden(ctx, top.id, true) })))
	case key.Matches(msg, k.Pin):
		if !t.CanModerate {
			return kit.StatusCmd(cat.T("thread.moderate.who"), true), true
		}
		title := short(t.Title)
		text := cat.T("thread.pin.on", title)
		if t.Pinned {
			text = cat.T("thread.pin.off", title)
		}
		return write(do(text, func() error { return store.SetPinned(ctx, t.ID, !t.Pinned) }))
	}
	return nil, false
}

// answerRefusal is why the viewer may not mark p as t's answer (or take
// the mark back), as a catalogue key; "" when they may. Only a reply
// still there can be the answer, and only the asker and the community's
// organisers choose it, as the store decides (Resolve).
func answerRefusal(t model.Thread, p post) string {
	switch {
	case !p.reply || p.deleted:
		return "thread.answer.which"
	case !t.Mine && !t.CanModerate:
		return "thread.answer.who"
	}
	return ""
}

// yours reports whether the viewer may edit or delete p: their own post,
// not deleted. Organisers hide others' posts (H); they do not delete them.
func (p post) yours() bool { return p.mine && !p.deleted }

// takePart is s on a thread: apply to a call (or withdraw), join an
// idea's team (or leave it); on any other kind it says where it works.
// Withdrawing and leaving ask first, naming the thread.
func (s *Screen) takePart(t model.Thread) (tea.Cmd, bool) {
	cat, store, ctx := s.c.Cat, s.c.Store, s.c.Ctx()
	if s.c.ReadOnly {
		return kit.StatusCmd(cat.T("readonly.cannot"), true), true
	}
	title := short(t.Title)
	switch t.Kind {
	case model.KindCall:
		if t.Applied {
			return kit.Confirm(cat.T("thread.withdraw.confirm", title), func() tea.Msg {
				return actionDoneMsg{err: store.Withdraw(ctx, t.ID), text: cat.T("thread.withdraw.done", title)}
			}), true
		}
		if t.Slots > 0 && t.Applicants >= t.Slots {
			return kit.StatusCmd(cat.T("thread.call.full"), true), true
		}
		return s.applyRoute(t), true
	case model.KindIdea:
		if t.OnTeam {
			return kit.Confirm(cat.T("thread.team.leave.confirm", title), func() tea.Msg {
				return actionDoneMsg{err: store.JoinTeam(ctx, t.ID, false), text: cat.T("thread.team.off", title)}
			}), true
		}
		return func() tea.Msg {
			return actionDoneMsg{err: store.JoinTeam(ctx, t.ID, true), text: cat.T("thread.team.on", title),
				offer: &kit.PlanOffer{Target: model.PlanTarget{Kind: model.TargetIdea, ID: t.ID}}}
		}, true
	}
	return kit.StatusCmd(cat.T("thread.take.part.kinds"), true), true
}

type peopleMsg struct {
	title string
	lines []string
	err   error
}

// showPeople lists a call's applicants (for its poster) or an idea's team.
func (s *Screen) showPeople(t model.Thread) tea.Cmd {
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	return func() tea.Msg {
		var list []model.Applicant
		var err error
		title := cat.T("thread.team.title", kit.Clean(t.Title))
		switch t.Kind {
		case model.KindCall:
			title = cat.T("thread.applicants.title", kit.Clean(t.Title))
			list, err = store.Applicants(ctx, t.ID)
		case model.KindIdea:
			list, err = store.Team(ctx, t.ID)
		default:
			return kit.StatusMsg{Text: cat.T("thread.people.none"), Err: true}
		}
		if err != nil {
			return peopleMsg{err: err}
		}
		lines := []string{}
		for _, a := range list {
			l := kit.Clean(a.Name) + "  " + kit.Clean(a.Municipality) + " " + kit.Clean(a.Department)
			if a.Comment != "" {
				l += "  " + kit.Clean(a.Comment)
			}
			lines = append(lines, l)
		}
		if len(lines) == 0 {
			lines = append(lines, cat.T("thread.people.empty"))
		}
		return peopleMsg{title: title, lines: lines}
	}
}

// applyRouteMsg says how the person applies to a call: through a plan
// their supervisor approves, or on their own word where no supervisor
// decides; or that an application already waits for the supervisor.
type applyRouteMsg struct {
	thread   model.Thread
	byAdmins bool
	pending  bool
	err      error
}

// applyRoute finds out how the person applies to call t.
func (s *Screen) applyRoute(t model.Thread) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		d, err := store.Deciders(ctx, "")
		if err != nil {
			return applyRouteMsg{err: err}
		}
		plans, err := store.MyPlansFor(ctx, t.ID)
		pending := false
		for _, p := range plans {
			pending = pending || p.Target.Kind == model.TargetCall && (p.State == model.PlanSubmitted || p.State == model.PlanApproved)
		}
		return applyRouteMsg{thread: t, byAdmins: d.ByAdministrators(), pending: pending, err: err}
	}
}

// applyRouted opens the plan form for the call on the 活動 tab; only where
// no supervisor decides does the person apply here, on their word that
// their supervisor agreed, and the question says why.
func (s *Screen) applyRouted(msg applyRouteMsg) tea.Cmd {
	cat, store, ctx := s.c.Cat, s.c.Store, s.c.Ctx()
	t := msg.thread
	switch {
	case msg.err != nil:
		return kit.StatusCmd(cat.Err(msg.err), true)
	case msg.pending:
		return kit.StatusCmd(cat.T("err.plan.call.pending"), true)
	case !msg.byAdmins:
		return kit.PlanForCmd(model.PlanTarget{Kind: model.TargetCall, ID: t.ID})
	}
	title := short(t.Title)
	return kit.Confirm(cat.T("thread.apply.confirm", title), func() tea.Msg {
		return actionDoneMsg{err: store.Apply(ctx, t.ID, true, ""), text: cat.T("thread.apply.done", title)}
	})
}
