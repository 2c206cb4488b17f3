package calendar

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// Results of the calendar's commands.
type (
	calMineMsg struct {
		occ []model.Occurrence
		err error
	}
	calRSVPMsg struct {
		title      string
		start      time.Time
		response   string
		waitlisted bool
		err        error
		// offer is the plan to offer after 参加 to an occurrence that
		// counts under the 20% rule.
		offer *kit.PlanOffer
	}
	// calChangedMsg says a cancel or move was saved (or failed).
	calChangedMsg struct {
		status string
		err    error
	}
	// calEditLoadedMsg carries the event, fresh with its description, for
	// the form.
	calEditLoadedMsg struct {
		ev    *model.Event
		occ   model.Occurrence
		scope int
		err   error
	}
)

// Scopes of a change to a recurring event.
const (
	scopeAll       = iota // the whole series (also a one-off event)
	scopeThis             // this occurrence only
	scopeFollowing        // this occurrence and all that follow
)

// originalStart is the key of an occurrence's RSVPs and exceptions.
func originalStart(o model.Occurrence) time.Time {
	if o.OriginalStart.IsZero() {
		return o.Start
	}
	return o.OriginalStart
}

// mineMonths is how far ahead "my events" looks.
const mineMonths = 6

func (s *Screen) loadMine() tea.Cmd {
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	from := s.today()
	return func() tea.Msg {
		occ, err := store.MyEvents(ctx, from, from.AddDate(0, mineMonths, 0))
		if err == nil {
			var meetings []model.Occurrence
			meetings, err = meetingsIn(ctx, store, cat, from, from.AddDate(0, mineMonths, 0), nil)
			occ = merged(occ, meetings)
		}
		return calMineMsg{occ: occ, err: err}
	}
}

// rsvp answers for the selected occurrence.
func (s *Screen) rsvp(response string) tea.Cmd {
	o, ok := s.selected()
	if !ok {
		return kit.StatusCmd(s.c.Cat.T("cal.rsvp.none"), true)
	}
	return s.rsvpFor(o, response)
}

// rsvpFor answers response for o.
func (s *Screen) rsvpFor(o model.Occurrence, response string) tea.Cmd {
	if s.c.ReadOnly {
		return kit.StatusCmd(s.c.Cat.T("readonly"), true)
	}
	store, ctx := s.c.Store, s.c.Ctx()
	var offer *kit.PlanOffer
	if response == model.RSVPYes && o.Event.TwentyPercent {
		at := originalStart(o)
		offer = &kit.PlanOffer{Target: model.PlanTarget{Kind: model.TargetEvent, ID: o.Event.ID, OccurrenceStart: &at}}
	}
	return func() tea.Msg {
		wl, err := store.SetRSVP(ctx, o.Event.ID, originalStart(o), response)
		if offer != nil && err == nil && planned(ctx, store, *offer.Target.OccurrenceStart, o.Event.ID) {
			offer = nil
		}
		return calRSVPMsg{title: o.Event.Title, start: o.Start, response: response, waitlisted: wl, err: err, offer: offer}
	}
}

// askAnswer asks which answer to give for the selected occurrence:
// 参加, 未定 or 不参加, the current one chosen.
func (s *Screen) askAnswer() tea.Cmd {
	o, ok := s.selected()
	if !ok {
		return kit.StatusCmd(s.c.Cat.T("cal.rsvp.none"), true)
	}
	cat := s.c.Cat
	var opts []kit.Option
	for _, r := range []string{model.RSVPYes, model.RSVPMaybe, model.RSVPNo} {
		opts = append(opts, kit.Option{Value: r, Label: cat.T("cal.me." + r)})
	}
	s.scope = kit.NewPicker(cat.T("cal.answer.title", kit.Clean(o.Event.Title), cat.Date(o.Start)), opts, o.MyResponse)
	s.scopeFor, s.scopeOcc = "answer", o
	return nil
}

// planned reports whether the person has a plan for the occurrence that
// still stands (not withdrawn), so that 参加 does not offer another.
func planned(ctx context.Context, store kit.Store, start time.Time, eventID string) bool {
	plans, err := store.MyPlansFor(ctx, eventID)
	if err != nil {
		return false
	}
	for _, p := range plans {
		if p.State != model.PlanWithdrawn && p.Target.OccurrenceStart != nil && p.Target.OccurrenceStart.Equal(start) {
			return true
		}
	}
	return false
}

func (s *Screen) rsvpDone(msg calRSVPMsg) tea.Cmd {
	cat := s.c.Cat
	if msg.err != nil {
		return kit.StatusCmd(cat.Err(msg.err), true)
	}
	text := cat.T("cal.rsvp.done", kit.Clean(msg.title), s.c.Cat.Date(msg.start), cat.T("cal.me."+msg.response))
	if msg.waitlisted {
		text = cat.T("cal.rsvp.waitlist", kit.Clean(msg.title), s.c.Cat.Date(msg.start))
	}
	if msg.offer != nil {
		return tea.Batch(msg.offer.Ask(cat, text), s.reload())
	}
	return tea.Batch(kit.StatusCmd(text, false), s.reload())
}

// matching finds o among the loaded occurrences: the same event and
// original start.
func (s *Screen) matching(o model.Occurrence) (model.Occurrence, bool) {
	for _, list := range s.loadedOccurrences() {
		for _, x := range list {
			if x.Event.ID == o.Event.ID && originalStart(x).Equal(originalStart(o)) {
				return x, true
			}
		}
	}
	return o, false
}

// edit opens the form on the selected occurrence's event, asking first
// which dates a change to a recurring event is for.
func (s *Screen) edit() tea.Cmd {
	o, refused := s.editable()
	if refused != nil {
		return refused
	}
	if o.Event.RRule == "" {
		return s.loadForEdit(o, scopeAll)
	}
	s.askScope("edit", o)
	return nil
}

// cancel cancels the selected occurrence's event after asking; for a
// recurring event it asks which dates.
func (s *Screen) cancel() tea.Cmd {
	o, refused := s.editable()
	if refused != nil {
		return refused
	}
	if o.Event.RRule == "" {
		return s.askCancel(o, scopeAll)
	}
	s.askScope("cancel", o)
	return nil
}

// askCancel asks whether to cancel o for scope, naming the event, the
// date or dates, and who will be told.
func (s *Screen) askCancel(o model.Occurrence, scope int) tea.Cmd {
	cat := s.c.Cat
	date := cat.Date(o.Start) + " " + cat.Clock(o.Start)
	when := map[int]string{
		scopeThis:      cat.T("cal.cancel.this", date),
		scopeFollowing: cat.T("cal.cancel.after", date),
		scopeAll:       cat.T("cal.cancel.all"),
	}[scope]
	if o.Event.RRule == "" {
		when = date
	}
	return kit.Confirm(cat.T("cal.cancel.ask", kit.Clean(o.Event.Title), when), s.cancelScope(o, scope, when))
}

// editable is the selected occurrence if the person may change it, else
// the sentence that says why not.
func (s *Screen) editable() (model.Occurrence, tea.Cmd) {
	o, ok := s.selected()
	switch {
	case !ok:
		return o, kit.StatusCmd(s.c.Cat.T("cal.rsvp.none"), true)
	case s.c.ReadOnly:
		return o, kit.StatusCmd(s.c.Cat.T("readonly"), true)
	case !o.Event.CanEdit:
		return o, kit.StatusCmd(s.c.Cat.T("cal.not.editable"), true)
	}
	return o, nil
}

// askScope asks which dates a change or cancellation of a recurring
// event is for.
func (s *Screen) askScope(what string, o model.Occurrence) {
	cat := s.c.Cat
	event := cat.T("cal.scope.event", kit.Clean(o.Event.Title), cat.Date(o.Start)+" "+cat.Clock(o.Start))
	title := cat.T("cal.scope.title", event)
	if what == "cancel" {
		title = cat.T("cal.scope.cancel", event)
	}
	s.scope = kit.NewPicker(title, []kit.Option{
		{Value: fmt.Sprint(scopeThis), Label: cat.T("cal.scope.this")},
		{Value: fmt.Sprint(scopeFollowing), Label: cat.T("cal.scope.after")},
		{Value: fmt.Sprint(scopeAll), Label: cat.T("cal.scope.all")},
	}, "")
	s.scopeFor = what
	s.scopeOcc = o
}

func (s *Screen) scopeKey(msg tea.KeyPressMsg) tea.Cmd {
	done, ok := s.scope.Update(s.c, msg)
	if !done {
		return nil
	}
	choice := s.scope.Selected().Value
	s.scope = nil
	if !ok {
		return nil
	}
	if s.scopeFor == "answer" {
		return s.rsvpFor(s.scopeOcc, choice)
	}
	scope := map[string]int{fmt.Sprint(scopeThis): scopeThis, fmt.Sprint(scopeFollowing): scopeFollowing, fmt.Sprint(scopeAll): scopeAll}[choice]
	o := s.scopeOcc
	if s.scopeFor == "edit" {
		return s.loadForEdit(o, scope)
	}
	return s.askCancel(o, scope)
}

// cancelScope cancels one occurrence, the rest of a series (by ending the
// rule before this occurrence), or the whole event; when names the dates.
func (s *Screen) cancelScope(o model.Occurrence, scope int, when string) tea.Cmd {
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	title := kit.Clean(o.Event.Title)
	done := cat.T("cal.cancelled", title, when)
	return func() tea.Msg {
		var err error
		switch scope {
		case scopeThis:
			err = store.CancelOccurrence(ctx, o.Event.ID, originalStart(o))
		case scopeFollowing:
			err = store.CancelFollowing(ctx, o.Event.ID, originalStart(o))
		default:
			err = store.CancelEvent(ctx, o.Event.ID)
		}
		return calChangedMsg{status: done, err: err}
	}
}

func (s *Screen) changed(msg calChangedMsg) tea.Cmd {
	if msg.err != nil {
		return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
	}
	if s.mode == calDetail {
		s.mode = s.back
		s.detailOcc = nil
	}
	return tea.Batch(kit.StatusCmd(msg.status, false), s.reload())
}

// loadForEdit reads the event afresh (the month holds no description) and
// opens the form for the chosen scope.
func (s *Screen) loadForEdit(o model.Occurrence, scope int) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		ev, err := store.EventByID(ctx, o.Event.ID)
		return calEditLoadedMsg{ev: ev, occ: o, scope: scope, err: err}
	}
}

// newEvent opens an empty form on the selected day, after reading the
// communities the viewer may create events in; in community, when given,
// first among them.
func (s *Screen) newEvent(community string) tea.Cmd {
	if s.c.ReadOnly {
		return kit.StatusCmd(s.c.Cat.T("readonly"), true)
	}
	day := s.sel
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		coms, _, err := store.FindCommunities(ctx, model.CommunityFilter{MemberOnly: true})
		for i, c := range coms {
			if c.ID == community && i > 0 {
				coms = append([]model.Community{c}, append(coms[:i:i], coms[i+1:]...)...)
				break
			}
		}
		return calFormCommunitiesMsg{day: day, coms: coms, err: err}
	}
}

// calFormCommunitiesMsg opens the form for a new event.
type calFormCommunitiesMsg struct {
	day  time.Time
	coms []model.Community
	err  error
}

func (s *Screen) formKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, _ := s.form.Update(msg)
	if s.form.closed {
		s.form = nil
	}
	return cmd
}
