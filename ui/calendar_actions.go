package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
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

func (s *calendar) loadMine() tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	from := s.today()
	return func() tea.Msg {
		occ, err := store.MyEvents(ctx, from, from.AddDate(0, mineMonths, 0))
		return calMineMsg{occ: occ, err: err}
	}
}

// rsvp answers for the selected occurrence.
func (s *calendar) rsvp(response string) tea.Cmd {
	o, ok := s.selected()
	if !ok {
		return statusCmd(s.c.Cat.T("cal.rsvp.none"), true)
	}
	if s.c.ReadOnly {
		return statusCmd(s.c.Cat.T("readonly"), true)
	}
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		wl, err := store.SetRSVP(ctx, o.Event.ID, originalStart(o), response)
		return calRSVPMsg{title: o.Event.Title, start: o.Start, response: response, waitlisted: wl, err: err}
	}
}

func (s *calendar) rsvpDone(msg calRSVPMsg) tea.Cmd {
	cat := s.c.Cat
	if msg.err != nil {
		return statusCmd(cat.Err(msg.err), true)
	}
	text := cat.T("cal.rsvp.done", clean(msg.title), s.c.date(msg.start), cat.T("cal.me."+msg.response))
	if msg.waitlisted {
		text = cat.T("cal.rsvp.waitlist", clean(msg.title), s.c.date(msg.start))
	}
	return tea.Batch(statusCmd(text, false), s.reload())
}

// matching finds o among the loaded occurrences: the same event and
// original start.
func (s *calendar) matching(o model.Occurrence) (model.Occurrence, bool) {
	for _, list := range s.loadedOccurrences() {
		for _, x := range list {
			if x.Event.ID == o.Event.ID && originalStart(x).Equal(originalStart(o)) {
				return x, true
			}
		}
	}
	return o, false
}

// renderDetail renders the detail of s.detailOcc in a command.
func (s *calendar) renderDetail() tea.Cmd {
	if s.detailOcc == nil {
		return nil
	}
	o := *s.detailOcc
	w := s.detail.width
	id := fmt.Sprintf("%s@%d#%d", o.Event.ID, originalStart(o).Unix(), s.detailRev)
	s.detailID = id
	c := s.c
	return func() tea.Msg {
		text, err := eventDocument(c, c.Ctx(), o, w)
		if err != nil {
			text = c.Styles.Error.Render(clip(c.Cat.Err(err), w))
		}
		return detailRenderedMsg{pane: &s.detail, id: id, width: w, text: text}
	}
}

// eventDocument is an occurrence's detail at width w: title, time and
// rule, community, place, attendance and, for those who may edit it, who
// answered; then the description. It reads the store, so it runs in a
// command.
func eventDocument(c *Common, ctx context.Context, o model.Occurrence, w int) (string, error) {
	st, cat := c.Styles, c.Cat
	ev, err := c.Store.EventByID(ctx, o.Event.ID)
	if err != nil {
		return "", err
	}
	var atts []model.Attendee
	if ev.CanEdit {
		if atts, err = c.Store.Attendees(ctx, ev.ID, originalStart(o)); err != nil {
			return "", err
		}
	}
	cal := &calendar{c: c}
	o.Event = ev
	var b strings.Builder
	line := func(x string) { b.WriteString(clip(x, w) + "\n") }
	field := func(label, value string) {
		if value != "" {
			for i, l := range strings.Split(wrapWords(value, max(w-width(label)-2, 10)), "\n") {
				if i == 0 {
					line(st.Label.Render(label+": ") + l)
				} else {
					line(strings.Repeat(" ", width(label)+2) + l)
				}
			}
		}
	}
	for _, l := range strings.Split(wrapWords(clean(ev.Title), w), "\n") {
		line(st.Heading.Render(l))
	}
	if ev.Cancelled {
		line(st.Error.Render(cat.T("cal.is.cancelled")))
	}
	line(st.Badge.Render(cal.when(o)) + "  " + st.Muted.Render(clean(ev.CommunityName)))
	if o.Moved && !o.OriginalStart.IsZero() {
		line(st.BadgeWarn.Render(cat.T("cal.moved", c.date(o.OriginalStart)+" "+c.clock(o.OriginalStart))))
	}
	field(cat.T("cal.rule"), describeRule(c, ev))
	field(cat.T("cal.place"), clean(ev.Place))
	field(cat.T("cal.online"), clean(ev.OnlineURL))
	var facts []string
	if ev.Capacity > 0 {
		facts = append(facts, cat.T("cal.capacity", ev.Capacity))
	}
	if a := cal.attendance(o); a != "" {
		facts = append(facts, a)
	}
	if len(facts) > 0 {
		line(strings.Join(facts, "  "))
	}
	if ev.TwentyPercent {
		line(st.BadgeGood.Render(cat.T("cal.20pct")))
	}
	field(cat.T("cal.organiser"), clean(ev.OrganiserName))
	if a := cal.myAnswer(o); a != "" {
		line(cat.T("cal.my.answer", a))
	}
	if ev.CanEdit {
		b.WriteString("\n")
		line(st.Title.Render(cat.T("cal.attendees")))
		groups := map[string][]string{}
		order := []string{"yes", "waitlisted", "maybe", "no"}
		for _, a := range atts {
			k := a.Response
			if a.Waitlisted {
				k = "waitlisted"
			}
			groups[k] = append(groups[k], clean(a.Name))
		}
		if len(atts) == 0 {
			line("  " + st.Muted.Render(cat.T("cal.attendees.none")))
		}
		for _, k := range order {
			if names := groups[k]; len(names) > 0 {
				field("  "+cat.T("cal.me."+k)+fmt.Sprintf(" (%d)", len(names)), strings.Join(names, "、"))
			}
		}
	}
	if strings.TrimSpace(ev.Description) != "" {
		b.WriteString("\n" + markdown.Render(ev.Description, w))
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// edit opens the form on the selected occurrence's event, asking first
// which dates a change to a recurring event is for.
func (s *calendar) edit() tea.Cmd {
	o, ok := s.selected()
	if !ok {
		return statusCmd(s.c.Cat.T("cal.rsvp.none"), true)
	}
	if s.c.ReadOnly {
		return statusCmd(s.c.Cat.T("readonly"), true)
	}
	if !o.Event.CanEdit {
		return statusCmd(s.c.Cat.T("cal.not.editable"), true)
	}
	if o.Event.RRule == "" {
		return s.loadForEdit(o, scopeAll)
	}
	s.askScope("edit", o)
	return nil
}

// cancel cancels the selected occurrence's event after asking; for a
// recurring event it asks which dates.
func (s *calendar) cancel() tea.Cmd {
	o, ok := s.selected()
	if !ok {
		return statusCmd(s.c.Cat.T("cal.rsvp.none"), true)
	}
	if s.c.ReadOnly {
		return statusCmd(s.c.Cat.T("readonly"), true)
	}
	if !o.Event.CanEdit {
		return statusCmd(s.c.Cat.T("cal.not.editable"), true)
	}
	if o.Event.RRule == "" {
		s.asking = &o
		return statusCmd(s.c.Cat.T("cal.cancel.ask", clean(o.Event.Title)), true)
	}
	s.askScope("cancel", o)
	return nil
}

// askScope asks which dates a change or cancellation of a recurring
// event is for.
func (s *calendar) askScope(what string, o model.Occurrence) {
	cat := s.c.Cat
	title := cat.T("cal.scope.title")
	if what == "cancel" {
		title = cat.T("cal.scope.cancel")
	}
	s.scope = newPicker(title, []option{
		{fmt.Sprint(scopeThis), cat.T("cal.scope.this")},
		{fmt.Sprint(scopeFollowing), cat.T("cal.scope.after")},
		{fmt.Sprint(scopeAll), cat.T("cal.scope.all")},
	}, "")
	s.scopeFor = what
	s.scopeOcc = o
}

func (s *calendar) scopeKey(msg tea.KeyPressMsg) tea.Cmd {
	done, ok := s.scope.Update(s.c, msg)
	if !done {
		return nil
	}
	choice := s.scope.Selected().value
	s.scope = nil
	if !ok {
		return nil
	}
	scope := map[string]int{fmt.Sprint(scopeThis): scopeThis, fmt.Sprint(scopeFollowing): scopeFollowing, fmt.Sprint(scopeAll): scopeAll}[choice]
	o := s.scopeOcc
	if s.scopeFor == "edit" {
		return s.loadForEdit(o, scope)
	}
	return s.cancelScope(o, scope)
}

func (s *calendar) answerCancel(msg tea.KeyPressMsg) tea.Cmd {
	o := *s.asking
	s.asking = nil
	if msg.String() != "y" {
		return statusCmd("", false)
	}
	return s.cancelScope(o, scopeAll)
}

// cancelScope cancels one occurrence, the rest of a series (by ending the
// rule before this occurrence), or the whole event.
func (s *calendar) cancelScope(o model.Occurrence, scope int) tea.Cmd {
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	title := clean(o.Event.Title)
	done := cat.T("cal.cancelled", title)
	return func() tea.Msg {
		var err error
		switch scope {
		case scopeThis:
			err = store.CancelOccurrence(ctx, o.Event.ID, originalStart(o))
		case scopeFollowing:
			err = endSeriesBefore(ctx, store, o)
		default:
			err = store.CancelEvent(ctx, o.Event.ID)
		}
		return calChangedMsg{status: done, err: err}
	}
}

// endSeriesBefore ends a series just before o; at the series' first
// occurrence it cancels the whole event.
func endSeriesBefore(ctx context.Context, store Store, o model.Occurrence) error {
	ev, err := store.EventByID(ctx, o.Event.ID)
	if err != nil {
		return err
	}
	r, err := model.ParseRecurrence(ev.RRule)
	if err != nil {
		return err
	}
	orig := originalStart(o)
	if !orig.After(ev.Start) {
		return store.CancelEvent(ctx, ev.ID)
	}
	until := orig.Add(-time.Second)
	r.Until, r.Count = &until, 0
	ev.RRule = r.RRule()
	return store.UpdateEvent(ctx, ev)
}

func (s *calendar) changed(msg calChangedMsg) tea.Cmd {
	if msg.err != nil {
		return statusCmd(s.c.Cat.Err(msg.err), true)
	}
	if s.mode == calDetail {
		s.mode = s.back
		s.detailOcc = nil
	}
	return tea.Batch(statusCmd(msg.status, false), s.reload())
}

// loadForEdit reads the event afresh (the month holds no description) and
// opens the form for the chosen scope.
func (s *calendar) loadForEdit(o model.Occurrence, scope int) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		ev, err := store.EventByID(ctx, o.Event.ID)
		return calEditLoadedMsg{ev: ev, occ: o, scope: scope, err: err}
	}
}

// newEvent opens an empty form on the selected day, after reading the
// communities the viewer may create events in.
func (s *calendar) newEvent() tea.Cmd {
	if s.c.ReadOnly {
		return statusCmd(s.c.Cat.T("readonly"), true)
	}
	day := s.sel
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		coms, _, err := store.FindCommunities(ctx, model.CommunityFilter{MemberOnly: true})
		return calFormCommunitiesMsg{day: day, coms: coms, err: err}
	}
}

// calFormCommunitiesMsg opens the form for a new event.
type calFormCommunitiesMsg struct {
	day  time.Time
	coms []model.Community
	err  error
}

func (s *calendar) formKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, _ := s.form.Update(msg)
	if s.form.closed {
		s.form = nil
	}
	return cmd
}
