package calendar

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// Screen is the カレンダー screen: a month grid with the selected day's
// agenda beside it (the whole week where the terminal is wide), the events
// of a day, an event's detail, "my events", RSVP and the event form.
type Screen struct {
	c    *kit.Common
	keys calKeys

	width, height int

	sel   time.Time // the selected day, midnight in c.Loc()
	month monthData // what the grid shows; loaded for the month of sel
	span  spanData  // the occurrences of the selected day or week

	mode      int
	dayCursor int // the chosen event of the selected day, in calDay mode

	detail    *kit.Reader[eventData]
	detailOcc *model.Occurrence // what the detail shows
	detailRev int               // bumped to render the detail afresh, from its top
	back      int               // the mode esc returns to from the detail

	mine       []model.Occurrence
	mineLoaded bool
	mineCursor int

	form     *eventForm
	scope    *kit.Picker      // この回だけ / この回以降すべて / すべて
	scopeFor string           // "edit" or "cancel": what the scope picker decides
	scopeOcc model.Occurrence // the occurrence the scope picker is about
}

// Modes of the calendar screen.
const (
	calGrid   = iota // keys move the selected day
	calDay           // keys choose one of the selected day's events
	calDetail        // one occurrence's detail
	calMine          // the events I said yes to
)

// calKeys are the bindings of this screen only.
type calKeys struct {
	Day, Week, Month, Today, List, Yes, Answer, Mine, New, Edit, Cancel key.Binding
}

func newCalKeys(c *kit.Catalog) calKeys {
	b := func(help, helpKey string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, c.T(help)))
	}
	return calKeys{
		Day:    b("cal.key.day", "h/l", "left", "right", "h", "l"),
		Week:   b("cal.key.week", "j/k", "up", "down", "k", "j"),
		Month:  b("cal.key.month", "[/]", "[", "]"),
		Today:  b("cal.key.today", "t", "t"),
		List:   b("cal.key.list", "enter", "enter"),
		Yes:    b("cal.key.yes", "y", "y"),
		Answer: b("cal.key.answer", "r", "r"),
		Mine:   b("cal.key.mine", "v", "v"),
		New:    b("cal.key.new", "n", "n"),
		Edit:   b("cal.key.edit", "e", "e"),
		Cancel: b("cal.key.cancel", "d", "d"),
	}
}

// New returns the カレンダー screen.
func New(c *kit.Common) *Screen {
	s := &Screen{c: c, keys: newCalKeys(c.Cat)}
	s.detail = kit.NewReader(c, func(d eventData, w int) kit.Document { return renderEvent(d, w, c.Cat, c.Styles) })
	s.sel = s.today()
	s.month = s.monthOf(s.sel)
	return s
}

// today is the start of today in the viewer's time zone.
func (s *Screen) today() time.Time {
	now := s.c.Now().In(s.c.Loc())
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, s.c.Loc())
}

// dayOf is the start of the local day t falls on.
func (s *Screen) dayOf(t time.Time) time.Time {
	t = t.In(s.c.Loc())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, s.c.Loc())
}

func (s *Screen) Init() tea.Cmd {
	return tea.Batch(s.loadMonth(s.month), s.ensureSpan(false))
}

func (s *Screen) SetSize(w, h int) tea.Cmd {
	s.width, s.height = w, h
	if s.form != nil {
		s.form.SetSize(w, h)
	}
	span := s.ensureSpan(false)
	dw, dh := s.detailSize()
	if dw != s.detail.Pane.Width() || dh != s.detail.Pane.Height() {
		s.detail.Pane.SetSize(dw, dh)
		if s.mode == calDetail {
			return tea.Batch(span, s.renderDetail())
		}
	}
	return span
}

func (s *Screen) Capturing() bool {
	return s.form != nil || s.scope != nil
}

func (s *Screen) Dirty() bool { return s.form != nil && s.form.Dirty() }

func (s *Screen) Cursor() *tea.Cursor {
	if s.form != nil {
		return s.form.Cursor()
	}
	return nil
}

// select moves the selection to day, loading its month when it changes.
func (s *Screen) selectDay(day time.Time) tea.Cmd {
	s.sel = day
	s.dayCursor = 0
	if day.Year() == s.month.first.Year() && day.Month() == s.month.first.Month() {
		return s.ensureSpan(false)
	}
	s.month = s.monthOf(day)
	return tea.Batch(s.loadMonth(s.month), s.ensureSpan(false))
}

// reload reads the shown month again, and what else is on screen.
func (s *Screen) reload() tea.Cmd {
	cmds := []tea.Cmd{s.loadMonth(s.month), s.ensureSpan(true)}
	if s.mineLoaded {
		cmds = append(cmds, s.loadMine())
	}
	if s.mode == calDetail {
		cmds = append(cmds, s.refreshDetail())
	}
	return tea.Batch(cmds...)
}

func (s *Screen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case calMonthMsg:
		if !msg.first.Equal(s.month.first) {
			return nil // a month the person has left
		}
		s.setMonth(msg)
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		return tea.Batch(s.ensureSpan(false), s.loaded())
	case calSpanMsg:
		if !msg.from.Equal(s.span.from) || !msg.to.Equal(s.span.to) || msg.perDay != s.span.perDay {
			return nil
		}
		if msg.err == nil && s.wantsWhole(msg) {
			s.span.whole = true
			return s.ensureSpan(false)
		}
		s.span.occ, s.span.counts, s.span.loaded = msg.occ, msg.counts, true
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		return s.loaded()
	case kit.DataChangedMsg:
		// Someone else changed the database: read what is shown again,
		// keeping the selection; the old data stays until the new arrives.
		return s.reload()
	case kit.OpenMsg:
		if msg.Kind == kit.OpenEvent {
			return s.open(msg.ID, msg.Anchor)
		}
		return nil
	case kit.NewInMsg:
		if msg.Kind == kit.OpenEvent && s.form == nil {
			return s.newEvent(msg.CommunityID)
		}
		return nil
	case tea.KeyPressMsg:
		return s.key(msg)
	case tea.MouseClickMsg:
		if s.form != nil || s.scope != nil {
			return nil
		}
		if day, ok := s.dayAt(msg.X, msg.Y-1); ok { // row 0 is the tab bar
			if s.mode == calDetail && !s.layout().wide {
				return nil // the detail covers the grid
			}
			if s.mode == calMine || s.mode == calDetail {
				s.mode = calGrid
			}
			return s.selectDay(day)
		}
		return nil
	case tea.MouseWheelMsg:
		if s.mode == calDetail {
			d := 3
			if msg.Button == tea.MouseWheelUp {
				d = -3
			}
			s.detail.Pane.Scroll(d)
		}
		return nil
	}
	if s.detail.Owns(msg) {
		_, cmd := s.detail.Update(msg)
		return cmd
	}
	return s.updateOther(msg)
}

// listPage is how far pgup and pgdn move in a list of events.
const listPage = 10

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	if s.form != nil {
		return s.formKey(msg)
	}
	if s.scope != nil {
		return s.scopeKey(msg)
	}
	if cmd, ok := s.pairKey(msg); ok {
		return cmd
	}
	k, ck := s.c.Keys, s.keys
	switch {
	case key.Matches(msg, ck.Yes):
		return s.rsvp(model.RSVPYes)
	case key.Matches(msg, ck.Answer):
		return s.askAnswer()
	case key.Matches(msg, ck.New):
		return s.newEvent("")
	case key.Matches(msg, ck.Edit):
		return s.edit()
	case key.Matches(msg, ck.Cancel):
		return s.cancel()
	case key.Matches(msg, ck.Mine) && s.mode != calMine:
		s.mode = calMine
		s.mineCursor = 0
		return s.loadMine()
	}
	switch s.mode {
	case calDetail:
		switch {
		case msg.String() == "esc" || msg.String() == "h" || msg.String() == "left" || msg.String() == "backspace":
			s.mode = s.back
			s.detailOcc = nil
		default:
			s.detail.Pane.Key(k, msg)
		}
		return nil
	case calDay:
		evs := s.onDay(s.sel)
		switch {
		case msg.String() == "esc" || msg.String() == "h" || msg.String() == "left":
			s.mode = calGrid
		case key.Matches(msg, k.Up):
			s.dayCursor = max(s.dayCursor-1, 0)
		case key.Matches(msg, k.Down):
			s.dayCursor = min(s.dayCursor+1, max(len(evs)-1, 0))
		case key.Matches(msg, k.Top):
			s.dayCursor = 0
		case key.Matches(msg, k.Bottom):
			s.dayCursor = max(len(evs)-1, 0)
		case key.Matches(msg, k.PageUp):
			s.dayCursor = max(s.dayCursor-listPage, 0)
		case key.Matches(msg, k.PageDown):
			s.dayCursor = min(s.dayCursor+listPage, max(len(evs)-1, 0))
		case msg.String() == "enter" || msg.String() == "l" || msg.String() == "right":
			if s.dayCursor < len(evs) {
				return s.showDetail(evs[s.dayCursor], calDay)
			}
		}
		return nil
	case calMine:
		switch {
		case msg.String() == "esc" || msg.String() == "h" || msg.String() == "left" || key.Matches(msg, ck.Mine):
			s.mode = calGrid
		case key.Matches(msg, k.Up):
			s.mineCursor = max(s.mineCursor-1, 0)
		case key.Matches(msg, k.Down):
			s.mineCursor = min(s.mineCursor+1, max(len(s.mine)-1, 0))
		case key.Matches(msg, k.Top):
			s.mineCursor = 0
		case key.Matches(msg, k.Bottom):
			s.mineCursor = max(len(s.mine)-1, 0)
		case key.Matches(msg, k.PageUp):
			s.mineCursor = max(s.mineCursor-listPage, 0)
		case key.Matches(msg, k.PageDown):
			s.mineCursor = min(s.mineCursor+listPage, max(len(s.mine)-1, 0))
		case msg.String() == "enter" || msg.String() == "l" || msg.String() == "right":
			if s.mineCursor < len(s.mine) {
				o := s.mine[s.mineCursor]
				return tea.Batch(s.selectDay(s.dayOf(o.Start)), s.showDetail(o, calMine))
			}
		}
		return nil
	}
	// The grid.
	switch msg.String() {
	case "left", "h":
		return s.selectDay(s.sel.AddDate(0, 0, -1))
	case "right", "l":
		return s.selectDay(s.sel.AddDate(0, 0, 1))
	case "up", "k":
		return s.selectDay(s.sel.AddDate(0, 0, -7))
	case "down", "j":
		return s.selectDay(s.sel.AddDate(0, 0, 7))
	case "[":
		return s.selectDay(addMonths(s.sel, -1))
	case "]":
		return s.selectDay(addMonths(s.sel, 1))
	case "t":
		return s.selectDay(s.today())
	case "enter":
		evs := s.onDay(s.sel)
		switch len(evs) {
		case 0:
			return kit.StatusCmd(s.c.Cat.T("cal.none"), false)
		case 1:
			return s.showDetail(evs[0], calGrid)
		}
		s.mode = calDay
		s.dayCursor = 0
		return s.ensureSpan(false) // every event of the day, to scroll through
	}
	return nil
}

// addMonths moves day by n months, keeping the day of the month where the
// month has it and taking the month's last day where it does not (31 Jan
// + 1 month is 28 or 29 Feb, not 3 March).
func addMonths(day time.Time, n int) time.Time {
	first := time.Date(day.Year(), day.Month()+time.Month(n), 1, 0, 0, 0, 0, day.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(day.Day(), last)-1)
}

// selected is the occurrence the RSVP, edit and cancel keys act on.
func (s *Screen) selected() (model.Occurrence, bool) {
	switch s.mode {
	case calDetail:
		if s.detailOcc != nil {
			return *s.detailOcc, true
		}
	case calDay:
		evs := s.onDay(s.sel)
		if s.dayCursor < len(evs) {
			return evs[s.dayCursor], true
		}
	case calMine:
		if s.mineCursor < len(s.mine) {
			return s.mine[s.mineCursor], true
		}
	case calGrid:
		if evs := s.onDay(s.sel); len(evs) == 1 {
			return evs[0], true
		}
	}
	return model.Occurrence{}, false
}

// showDetail opens an occurrence's detail; esc returns to back.
func (s *Screen) showDetail(o model.Occurrence, back int) tea.Cmd {
	s.mode, s.back = calDetail, back
	s.detailOcc = &o
	s.detail.Clear()
	s.detailRev++
	return s.renderDetail()
}

// renderDetail loads and draws the detail of s.detailOcc.
func (s *Screen) renderDetail() tea.Cmd {
	if s.detailOcc == nil {
		return nil
	}
	o, store := *s.detailOcc, s.c.Store
	key := fmt.Sprintf("%s@%d#%d", o.Event.ID, originalStart(o).Unix(), s.detailRev)
	return s.detail.Load(key, func(ctx context.Context) (eventData, error) { return loadEvent(ctx, store, o) })
}

// refreshDetail shows the detail's occurrence as the month now holds it
// (after an RSVP its counts changed), and renders it again.
func (s *Screen) refreshDetail() tea.Cmd {
	if s.detailOcc == nil {
		return nil
	}
	s.detailRev++
	return s.renderDetail()
}

// open shows one event, asked for by a search result or a community's
// page: the occurrence that starts at at (RFC 3339) when it names one,
// else its next occurrence from today (or its last one when the series is
// over).
func (s *Screen) open(id, at string) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	from, to := s.today(), s.today().AddDate(1, 0, 0)
	start, err := time.Parse(time.RFC3339, at)
	named := err == nil
	if named {
		from, to = start.Add(-time.Minute), start.Add(time.Minute)
	}
	return func() tea.Msg {
		ev, err := store.EventByID(ctx, id)
		if err != nil {
			return calOpenMsg{err: err}
		}
		occ := model.Occurrence{Event: ev, Start: ev.Start, End: ev.End}
		if ev.RRule != "" {
			list, err := store.Occurrences(ctx, from, to, ev.CommunityID)
			if err != nil {
				return calOpenMsg{err: err}
			}
			for _, o := range list {
				if o.Event.ID == id && (!named || o.Start.Equal(start)) {
					occ = o
					break
				}
			}
		}
		return calOpenMsg{occ: occ}
	}
}

// calOpenMsg is the occurrence a kit.OpenMsg asked for.
type calOpenMsg struct {
	occ model.Occurrence
	err error
}

// updateOther handles the screen's own results that are not keys.
func (s *Screen) updateOther(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case calOpenMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.form, s.scope = nil, nil
		return tea.Batch(s.selectDay(s.dayOf(msg.occ.Start)), s.showDetail(msg.occ, calGrid))
	case calMineMsg:
		s.mineLoaded = true
		s.mine = msg.occ
		s.mineCursor = min(s.mineCursor, max(len(s.mine)-1, 0))
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		return nil
	case calRSVPMsg:
		return s.rsvpDone(msg)
	case calEditLoadedMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.form = newEventForm(s.c, msg.ev, msg.occ, msg.scope, nil, s.sel)
		s.form.SetSize(s.width, s.height)
		return nil
	case calFormCommunitiesMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		if len(msg.coms) == 0 {
			return kit.StatusCmd(s.c.Cat.T("cal.no.community"), true)
		}
		s.form = newEventForm(s.c, nil, model.Occurrence{}, scopeAll, msg.coms, msg.day)
		s.form.SetSize(s.width, s.height)
		return nil
	case calChangedMsg:
		return s.changed(msg)
	case eventSavedMsg:
		if s.form == nil {
			return nil
		}
		if msg.err != nil {
			return s.form.Failed(msg.err)
		}
		s.form = nil
		return tea.Batch(kit.StatusCmd(msg.status, false), s.selectDayReload(msg.day))
	}
	if s.form != nil {
		if cmd, ok := s.form.Update(msg); ok {
			if s.form.closed {
				s.form = nil
			}
			return cmd
		}
	}
	return nil
}

// selectDayReload selects day (when given) and reads everything again.
func (s *Screen) selectDayReload(day time.Time) tea.Cmd {
	if !day.IsZero() {
		if cmd := s.selectDay(s.dayOf(day)); cmd != nil {
			return tea.Batch(cmd, s.reloadExtras())
		}
	}
	return s.reload()
}

func (s *Screen) reloadExtras() tea.Cmd {
	if s.mineLoaded {
		return s.loadMine()
	}
	return nil
}

func (s *Screen) ShortHelp() []key.Binding {
	ck := s.keys
	if s.form != nil {
		return nil
	}
	switch s.mode {
	case calDetail, calDay, calMine:
		// Changing and cancelling are offered to those who may; the keys
		// say why to anyone else.
		if o, ok := s.selected(); ok && o.Event.CanEdit {
			return []key.Binding{s.c.Keys.Up, ck.Yes, ck.Answer, ck.Edit, ck.Cancel, s.c.Keys.Back}
		}
		return []key.Binding{s.c.Keys.Up, ck.Yes, ck.Answer, s.c.Keys.Back}
	}
	return []key.Binding{ck.Day, ck.Week, ck.Month, ck.Today, ck.List, ck.Mine, ck.New}
}

// FullHelp lists j/k and enter once each, with what they do in the month
// and in a list of events; then what moves in a list or an event.
func (s *Screen) FullHelp() [][]key.Binding {
	ck, k, cat := s.keys, s.c.Keys, s.c.Cat
	help := func(b key.Binding, text string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, cat.T(text)))
	}
	return [][]key.Binding{
		{ck.Day, help(ck.Week, "cal.help.week"), ck.Month, ck.Today, help(ck.List, "cal.help.enter"), ck.Mine},
		{k.Top, k.Bottom, k.PageUp, k.PageDown, k.Back},
		{ck.Yes, ck.Answer, ck.New, ck.Edit, ck.Cancel},
	}
}

// loaded keeps the day's cursor in range and the detail's counts as they
// are now, after a load.
func (s *Screen) loaded() tea.Cmd {
	s.dayCursor = min(s.dayCursor, max(len(s.onDay(s.sel))-1, 0))
	if s.detailOcc != nil {
		if o, ok := s.matching(*s.detailOcc); ok && !sameCounts(o, *s.detailOcc) {
			s.detailOcc = &o
			return s.refreshDetail()
		}
	}
	return nil
}

// sameCounts reports whether two versions of an occurrence show the same
// answers.
func sameCounts(a, b model.Occurrence) bool {
	return a.Going == b.Going && a.Waiting == b.Waiting && a.MyResponse == b.MyResponse && a.MyWaitlisted == b.MyWaitlisted && a.Start.Equal(b.Start)
}
