package handovers

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case s.form != nil:
		cmd, _ := s.form.Update(msg)
		return s.afterForm(cmd)
	case s.text != nil:
		cmd, _ := s.text.Update(msg)
		if s.text.Closed() {
			s.text = nil
		}
		return cmd
	case s.editor != nil:
		cmd, _ := s.editor.Update(msg)
		return s.afterEditor(cmd)
	case s.revs != nil:
		cmd, _ := s.revs.Update(msg)
		if s.revs.closed {
			s.revs = nil
		}
		return cmd
	case s.prompt != nil:
		return s.promptKey(msg)
	case s.picker != nil:
		return s.pickerKey(msg)
	case s.typing:
		switch msg.String() {
		case "enter", "esc", "tab", "down":
			s.typing = false
			return s.applyFilter()
		}
		if s.query.Update(msg) {
			s.querySeq++
			seq := s.querySeq
			return s.c.After(150*time.Millisecond, filterTickMsg{seq})
		}
		return nil
	}
	k, hk := s.c.Keys, s.keys
	if s.single != nil {
		if key.Matches(msg, k.Back) {
			s.single = nil
			return nil
		}
		if s.singleDoc.Pane.Key(k, msg) {
			return nil
		}
	} else {
		switch {
		case key.Matches(msg, hk.Words):
			s.typing = true
			s.b.FocusDetail = false
			return nil
		case key.Matches(msg, hk.View):
			s.view = (s.view + 1) % len(handoverViews)
			s.filter.Mine, s.filter.Department = "", ""
			switch handoverViews[s.view] {
			case "predecessor":
				s.filter.Mine = model.MineAsPredecessor
			case "successor":
				s.filter.Mine = model.MineAsSuccessor
			case "dept":
				if s.c.Me != nil {
					s.filter.Department = s.c.Me.Department
				}
			}
			return s.applyFilter()
		case key.Matches(msg, hk.Status):
			s.filter.Status = map[string]string{"": model.HandoverDraft, model.HandoverDraft: model.HandoverHandedOver,
				model.HandoverHandedOver: model.HandoverAcknowledged, model.HandoverAcknowledged: ""}[s.filter.Status]
			return s.applyFilter()
		case key.Matches(msg, k.ClearFilter):
			s.filter, s.view = model.HandoverFilter{}, 0
			s.query.SetValue("")
			return s.applyFilter()
		}
	}
	if key.Matches(msg, hk.Delete) {
		return kit.StatusCmd(s.c.Cat.T("hand.delete.none"), true)
	}
	if key.Matches(msg, hk.New) {
		if s.c.ReadOnly {
			return kit.StatusCmd(s.c.Cat.T("readonly"), true)
		}
		s.form = newHandoverForm(s.c)
		s.form.SetSize(s.width, s.height)
		return nil
	}
	if h, ok := s.current(); ok {
		if cmd, used := s.noteKey(msg, h); used {
			return cmd
		}
	}
	if s.single != nil {
		return nil
	}
	var read tea.Cmd
	if h, ok := s.b.List.Selected(); ok && key.Matches(msg, k.Open) && !s.b.FocusDetail {
		read = s.markRead(h.ID)
	}
	_, cmd := s.b.Update(msg)
	return tea.Batch(cmd, read)
}

// noteKey runs an action on note h. Actions the viewer may not take are
// still sent to the store, which refuses them with the sentence to show.
func (s *Screen) noteKey(msg tea.KeyPressMsg, h model.Handover) (tea.Cmd, bool) {
	hk, me := s.keys, s.me()
	store, ctx := s.c.Store, s.c.Ctx()
	switch {
	case key.Matches(msg, hk.Sections):
		return func() tea.Msg {
			full, err := store.HandoverByID(ctx, h.ID)
			if err == nil && full.PredecessorID != me {
				_, err = store.SaveSections(ctx, h.ID, -1, full.Sections) // refused with the reason
			}
			return sectionsLoadedMsg{h: full, err: err}
		}, true
	case key.Matches(msg, hk.Successor):
		if h.PredecessorID != me || h.Status == model.HandoverAcknowledged {
			return s.run(func() (string, error) { return "", store.SetSuccessor(ctx, h.ID, h.SuccessorID) }, false), true
		}
		return func() tea.Msg {
			all, err := store.FindStaff(ctx, 0, 0)
			return staffLoadedMsg{note: &h, staff: all, err: err}
		}, true
	case key.Matches(msg, hk.HandOver):
		if !handsOver(h, me) {
			return s.markHandedOver(h), true
		}
		return kit.Confirm(s.c.Cat.T("hand.confirm.handed", kit.Clean(h.Duty), successor(h, s.c.Cat)), s.markHandedOver(h)), true
	case key.Matches(msg, hk.Ack):
		if !acknowledges(h, me) {
			return s.run(func() (string, error) { return "", store.Acknowledge(ctx, h.ID, "") }, true), true
		}
		s.pending = &h
		s.prompt = kit.NewPrompt(s.c.Cat.T("hand.ack.comment", kit.Clean(h.Duty)), s.c.Cat.T("hand.prompt.help"), model.MaxAckCommentLen)
		return nil, true
	case key.Matches(msg, hk.Ask):
		s.text = kit.NewTextForm(s.c, s.c.Cat.T("hand.ask.title", kit.Clean(h.Duty)), "", "handover-question:"+h.ID, model.MaxQuestionLen,
			func(ctx context.Context, body string) (string, error) {
				_, err := store.AskQuestion(ctx, h.ID, body)
				return s.c.Cat.T("hand.asked"), err
			}, func() tea.Cmd { return s.refresh(false) })
		s.text.SetSize(s.width, s.height)
		return s.text.Init(), true
	case key.Matches(msg, hk.Answer):
		if h.PredecessorID != me {
			return kit.StatusCmd(s.c.Cat.T("hand.answer.pred", kit.Clean(h.PredecessorName)), true), true
		}
		return func() tea.Msg {
			qs, err := store.Questions(ctx, h.ID)
			return questionsForAnswerMsg{note: &h, qs: qs, err: err}
		}, true
	case key.Matches(msg, s.c.Keys.Profile):
		if h.SuccessorID == "" {
			return kit.OpenCmd(kit.OpenPerson, h.PredecessorID, ""), true
		}
		cat := s.c.Cat
		s.pending, s.pickFor = &h, "person"
		s.picker = kit.NewPicker(cat.T("hand.picker.person"), []kit.Option{
			{Value: h.PredecessorID, Label: cat.T("handover.predecessor") + "  " + kit.Clean(h.PredecessorName)},
			{Value: h.SuccessorID, Label: cat.T("handover.successor") + "  " + kit.Clean(h.SuccessorName)},
		}, "")
		return nil, true
	case key.Matches(msg, hk.Revisions):
		s.revs = newRevisionsView(s.c, h)
		return tea.Batch(s.revs.SetSize(s.width, s.height), s.revs.Init()), true
	case key.Matches(msg, hk.Calendar):
		return func() tea.Msg {
			full, err := store.HandoverByID(ctx, h.ID)
			if err != nil {
				return communitiesForCalendarMsg{err: err}
			}
			coms, _, err := store.FindCommunities(ctx, model.CommunityFilter{MemberOnly: true})
			return communitiesForCalendarMsg{note: full, items: full.Schedule(), coms: coms, err: err}
		}, true
	case key.Matches(msg, hk.Visibility):
		next := map[string]string{model.HandoverVisDepartment: model.HandoverVisMunicipality,
			model.HandoverVisMunicipality: model.HandoverVisArea, model.HandoverVisArea: model.HandoverVisDepartment}[h.Visibility]
		return s.run(func() (string, error) {
			full, err := store.HandoverByID(ctx, h.ID)
			if err != nil {
				return "", err
			}
			full.Visibility = next
			return s.c.Cat.T("hand.vis.set", s.c.Cat.T("hand.vis."+next)), store.UpdateHandover(ctx, full)
		}, true), true
	}
	return nil, false
}

// me is the viewer's staff ID; "" before anyone signs in.
func (s *Screen) me() string {
	if s.c.Me == nil {
		return ""
	}
	return s.c.Me.ID
}

// handsOver reports whether me may mark h handed over: its predecessor,
// while it is a draft (the store's rule in MarkHandedOver).
func handsOver(h model.Handover, me string) bool {
	return me != "" && h.PredecessorID == me && h.Status == model.HandoverDraft
}

// acknowledges reports whether me may acknowledge h: its successor, once
// it is handed over (the store's rule in Acknowledge).
func acknowledges(h model.Handover, me string) bool {
	return me != "" && h.SuccessorID == me && h.Status == model.HandoverHandedOver
}

// run does a change in a command and reports it on the status line.
func (s *Screen) run(do func() (string, error), reload bool) tea.Cmd {
	return func() tea.Msg {
		note, err := do()
		return handoverDoneMsg{note: note, err: err, reload: reload}
	}
}

func (s *Screen) markHandedOver(h model.Handover) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return s.run(func() (string, error) { return s.c.Cat.T("hand.handed"), store.MarkHandedOver(ctx, h.ID, nil) }, true)
}

func (s *Screen) showSuccessorPicker(msg staffLoadedMsg) tea.Cmd {
	if msg.err != nil {
		return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
	}
	opts := []kit.Option{{Value: "", Label: s.c.Cat.T("handover.undecided")}}
	for _, st := range msg.staff {
		// Transfers stay inside a municipality: its staff are the choices.
		if st.MunicipalityID == msg.note.MunicipalityID && st.ID != msg.note.PredecessorID && st.Status == model.StaffActive {
			opts = append(opts, kit.Option{Value: st.ID, Label: kit.Clean(st.Name) + "  " + kit.Clean(st.Department)})
		}
	}
	s.pending, s.pickFor = msg.note, "successor"
	s.picker = kit.NewFilterPicker(s.c.Cat.T("hand.picker.succ"), opts, msg.note.SuccessorID)
	return nil
}

func (s *Screen) showCommunityPicker(msg communitiesForCalendarMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
	case len(msg.items) == 0:
		return kit.StatusCmd(s.c.Cat.T("hand.no.schedule"), true)
	case len(msg.coms) == 0:
		return kit.StatusCmd(s.c.Cat.T("hand.no.community"), true)
	}
	var opts []kit.Option
	for _, c := range msg.coms {
		opts = append(opts, kit.Option{Value: c.ID, Label: kit.Clean(c.Name)})
	}
	s.pending, s.pickFor = msg.note, "calendar"
	s.pendingItems = msg.items
	s.picker = kit.NewFilterPicker(s.c.Cat.T("hand.picker.comm"), opts, "")
	return nil
}

func (s *Screen) showQuestionPicker(msg questionsForAnswerMsg) tea.Cmd {
	if msg.err != nil {
		return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
	}
	var opts []kit.Option
	s.pendingQs = map[string]model.HandoverQuestion{}
	for _, q := range msg.qs {
		if !q.Answered() {
			opts = append(opts, kit.Option{Value: q.ID, Label: kit.Clip(kit.Clean(q.AuthorName)+": "+kit.Clean(q.Body), max(s.width-12, 20))})
			s.pendingQs[q.ID] = q
		}
	}
	if len(opts) == 0 {
		return kit.StatusCmd(s.c.Cat.T("hand.no.open.q"), false)
	}
	s.pending, s.pickFor = msg.note, "answer"
	s.picker = kit.NewPicker(s.c.Cat.T("hand.picker.q"), opts, "")
	return nil
}

func (s *Screen) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	done, ok := s.picker.Update(s.c, msg)
	if !done {
		return nil
	}
	choice := s.picker.Selected()
	s.picker = nil
	if !ok || s.pending == nil {
		return nil
	}
	h := *s.pending
	store, ctx := s.c.Store, s.c.Ctx()
	switch s.pickFor {
	case "person":
		return kit.OpenCmd(kit.OpenPerson, choice.Value, "")
	case "successor":
		return s.run(func() (string, error) {
			return s.c.Cat.T("hand.succ.set", choice.Label), store.SetSuccessor(ctx, h.ID, choice.Value)
		}, true)
	case "calendar":
		items := s.pendingItems
		return s.run(func() (string, error) {
			n, err := store.AddScheduleToCalendar(ctx, h.ID, choice.Value, items)
			return s.c.Cat.T("hand.calendar.done", n, choice.Label), err
		}, false)
	case "answer":
		q := s.pendingQs[choice.Value]
		s.text = kit.NewTextForm(s.c, s.c.Cat.T("hand.answer.title", kit.Clean(h.Duty)), q.Body, "handover-answer:"+q.ID, model.MaxQuestionLen,
			func(ctx context.Context, body string) (string, error) {
				return s.c.Cat.T("hand.answered"), store.AnswerQuestion(ctx, q.ID, body)
			}, func() tea.Cmd { return s.refresh(false) })
		s.text.SetSize(s.width, s.height)
		return s.text.Init()
	}
	return nil
}

// promptKey takes the successor's comment on acknowledging, and
// acknowledges.
func (s *Screen) promptKey(msg tea.Msg) tea.Cmd {
	done, ok := s.prompt.Update(s.c, msg)
	if !done {
		return nil
	}
	comment := s.prompt.Input.Trimmed()
	s.prompt = nil
	if !ok || s.pending == nil {
		return nil
	}
	h := *s.pending
	store, ctx := s.c.Store, s.c.Ctx()
	return s.run(func() (string, error) {
		return s.c.Cat.T("hand.acked", kit.Clean(h.Duty)), store.Acknowledge(ctx, h.ID, comment)
	}, true)
}

func (s *Screen) afterForm(cmd tea.Cmd) tea.Cmd {
	if s.form != nil && s.form.closed {
		created := s.form.created
		s.form = nil
		if created != nil {
			// Writing the note may count under the 20% rule.
			offer := &kit.PlanOffer{Target: model.PlanTarget{Kind: model.TargetHandover, ID: created.ID}}
			return tea.Batch(cmd, offer.Ask(s.c.Cat, s.c.Cat.T("hand.created", kit.Clean(created.Duty))), s.b.List.Reset(s.c.Ctx()))
		}
	}
	return cmd
}

func (s *Screen) afterEditor(cmd tea.Cmd) tea.Cmd {
	if s.editor != nil && s.editor.closed {
		saved := s.editor.wasSaved
		s.editor = nil
		if saved {
			return tea.Batch(cmd, s.refresh(true))
		}
	}
	return cmd
}
