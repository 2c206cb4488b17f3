package calendar

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// What the calendar reads, and when. A month of a large area can hold
// thousands of occurrences, so the grid reads only how many fall on each
// day (OccurrenceDays); the agenda reads the occurrences of the selected
// day, or of its week on a wide screen. A month with few occurrences is
// read whole, so that the grid can show their titles and the agenda the
// days that follow.

// fullMonthLimit is the most occurrences a month may have to be read
// whole.
const fullMonthLimit = 400

// monthData is one month's grid and what falls on its days.
type monthData struct {
	first     time.Time // the 1st of the month, midnight local
	gridStart time.Time // the Sunday on or before first
	rows      int       // weeks shown: 4 to 6
	counts    []int     // occurrences on each of rows*7 days
	loaded    bool
	err       error
	// full says occ holds every occurrence of the grid, byDay their
	// indexes for each day.
	full  bool
	occ   []model.Occurrence
	byDay [][]int
	// cancelled are the grid's dates cancelled one by one, which its
	// days' lists show as such.
	cancelled []model.Occurrence
}

// spanData is the occurrences of [from, to): the selected day or week;
// at most perDay a day (0: all), with how many each day has in counts.
type spanData struct {
	from, to time.Time
	perDay   int
	occ      []model.Occurrence
	counts   map[string]int
	loaded   bool
	whole    bool // a quiet week: read every event
}

// calMonthMsg carries a month's counts, and its occurrences when few;
// and what was cancelled in it date by date.
type calMonthMsg struct {
	first     time.Time
	counts    map[string]int
	occ       []model.Occurrence
	full      bool
	cancelled []model.Occurrence
	err       error
}

// calSpanMsg carries the occurrences of the selected day or week.
type calSpanMsg struct {
	from, to time.Time
	perDay   int
	occ      []model.Occurrence
	counts   map[string]int
	err      error
}

// monthOf lays out the grid of the month of day, not yet loaded.
func (s *Screen) monthOf(day time.Time) monthData {
	first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, s.c.Loc())
	lead := int(first.Weekday())
	days := first.AddDate(0, 1, -1).Day()
	return monthData{first: first, gridStart: first.AddDate(0, 0, -lead), rows: (lead + days + 6) / 7}
}

// gridEnd is the day after the last day of the grid.
func (m monthData) gridEnd() time.Time { return m.gridStart.AddDate(0, 0, m.rows*7) }

// cell is the index of day in the grid, or -1 when the grid does not show it.
func (m monthData) cell(day time.Time) int {
	i := daysBetween(m.gridStart, day)
	if i < 0 || i >= m.rows*7 {
		return -1
	}
	return i
}

// count is how many occurrences fall on cell i.
func (m monthData) count(i int) int {
	if !m.loaded || i < 0 || i >= len(m.counts) {
		return 0
	}
	return m.counts[i]
}

// loadMonth reads the counts of every day of the grid of m, and the
// occurrences too when there are few.
func (s *Screen) loadMonth(m monthData) tea.Cmd {
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	from, to := m.gridStart, m.gridEnd()
	return func() tea.Msg {
		counts, err := store.OccurrenceDays(ctx, from, to, "")
		msg := calMonthMsg{first: m.first, counts: counts, err: err}
		total := 0
		for _, n := range counts {
			total += n
		}
		if err == nil && total <= fullMonthLimit {
			msg.occ, msg.err = store.Occurrences(ctx, from, to, "")
			msg.full = msg.err == nil
		}
		if msg.err == nil {
			var meetings []model.Occurrence
			meetings, msg.err = meetingsIn(ctx, store, cat, from, to, counts)
			if msg.full {
				msg.occ = merged(msg.occ, meetings)
			}
		}
		if msg.err == nil {
			msg.cancelled, msg.err = store.CancelledOccurrences(ctx, from, to, "")
		}
		return msg
	}
}

// setMonth takes a loaded month. An occurrence that spans several days
// counts on each; one that ends at midnight does not count on the day it
// ends.
func (s *Screen) setMonth(msg calMonthMsg) {
	m := &s.month
	m.loaded, m.err = true, msg.err
	m.counts = make([]int, m.rows*7)
	for i := range m.counts {
		m.counts[i] = msg.counts[m.gridStart.AddDate(0, 0, i).Format("2006-01-02")]
	}
	m.full, m.occ, m.byDay, m.cancelled = msg.full, msg.occ, nil, msg.cancelled
	if !m.full {
		return
	}
	m.byDay = make([][]int, m.rows*7)
	n := len(m.byDay)
	for j, o := range m.occ {
		first := daysBetween(m.gridStart, s.dayOf(o.Start))
		last := first
		if o.End.After(o.Start) {
			last = daysBetween(m.gridStart, s.dayOf(o.End.Add(-time.Nanosecond)))
		}
		for i := max(first, 0); i <= min(last, n-1); i++ {
			m.byDay[i] = append(m.byDay[i], j)
		}
	}
}

// daysBetween counts calendar days from a to b, both local midnights.
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return int(time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC).Sub(time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)).Hours() / 24)
}

// wantedSpan is what the agenda shows: the selected day, or its week on a
// wide screen; and how many events a day it can show: the narrow agenda
// shows the day at two lines an event, the week view its share of lines
// (or every event when the week is quiet: see calSpanMsg). Choosing the
// day's events (calDay) scrolls through all of them.
func (s *Screen) wantedSpan() (from, to time.Time, perDay int) {
	wide := s.layout().wide
	from, to = s.sel, s.sel.AddDate(0, 0, 1)
	if wide {
		from = s.sel.AddDate(0, 0, -int(s.sel.Weekday()))
		to = from.AddDate(0, 0, 7)
	}
	switch {
	case s.mode == calDay || (s.span.whole && s.span.from.Equal(from) && s.span.to.Equal(to)):
		perDay = 0
	case wide:
		perDay = weekPerDay(s.height)
	default:
		perDay = max((s.height-1)/2, 1)
	}
	return from, to, perDay
}

// wantsWhole reports whether a loaded week is quiet enough for the week
// view to show every event, and not all are loaded.
func (s *Screen) wantsWhole(msg calSpanMsg) bool {
	if msg.perDay == 0 || !s.layout().wide {
		return false
	}
	totals := make([]int, 7)
	sum := 0
	for d := range totals {
		totals[d] = msg.counts[msg.from.AddDate(0, 0, d).Format("2006-01-02")]
		sum += totals[d]
	}
	return sum > len(msg.occ) && weekFits(totals, s.height)
}

// holds reports whether the loaded span has what [from, to) at
// perDay a day needs.
func (d spanData) holds(from, to time.Time, perDay int) bool {
	return d.from.Equal(from) && d.to.Equal(to) && (d.perDay == 0 || (perDay != 0 && d.perDay >= perDay))
}

// ensureSpan loads the agenda's occurrences unless the month holds them
// or they are loaded; force reads them again. While the month is loading
// it reads them at the same time, as the month will most likely be large.
func (s *Screen) ensureSpan(force bool) tea.Cmd {
	if s.month.loaded && s.month.full {
		return nil
	}
	from, to, perDay := s.wantedSpan()
	if !force && s.span.holds(from, to, perDay) {
		return nil
	}
	if !s.span.from.Equal(from) || !s.span.to.Equal(to) {
		s.span = spanData{from: from, to: to}
	}
	// What is shown stays until the rest arrives.
	s.span.perDay = perDay
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	return func() tea.Msg {
		occ, counts, err := store.Agenda(ctx, from, to, perDay, "")
		if err == nil {
			if counts == nil {
				counts = map[string]int{}
			}
			var meetings []model.Occurrence
			meetings, err = meetingsIn(ctx, store, cat, from, to, counts)
			occ = merged(occ, meetings)
		}
		return calSpanMsg{from: from, to: to, perDay: perDay, occ: occ, counts: counts, err: err}
	}
}

// dayTotal is how many occurrences fall on day, also those not loaded.
func (s *Screen) dayTotal(day time.Time) int {
	if i := s.month.cell(day); s.month.full && i >= 0 {
		return len(s.month.byDay[i])
	}
	if s.dayLoaded(day) && s.span.counts != nil {
		return s.span.counts[day.Format("2006-01-02")]
	}
	if i := s.month.cell(day); s.month.loaded && i >= 0 {
		return s.month.count(i)
	}
	return len(s.onDay(day))
}

// dayLoaded reports whether the occurrences of day are known.
func (s *Screen) dayLoaded(day time.Time) bool {
	if s.month.full && s.month.cell(day) >= 0 {
		return true
	}
	return s.span.loaded && !day.Before(s.span.from) && day.Before(s.span.to)
}

// cancelledOn returns the dates cancelled one by one on day, in order of
// start.
func (s *Screen) cancelledOn(day time.Time) []model.Occurrence {
	var out []model.Occurrence
	for _, o := range s.month.cancelled {
		if on(o, day) {
			out = append(out, o)
		}
	}
	return out
}

// on reports whether o falls on day (a local midnight): it starts
// before the day ends and ends after it begins, or starts on it without
// length.
func on(o model.Occurrence, day time.Time) bool {
	end := day.AddDate(0, 0, 1)
	return o.Start.Before(end) && (o.End.After(day) || (o.End.Equal(o.Start) && !o.Start.Before(day)))
}

// onDay returns the occurrences on day, in order of start; nil when they
// are not loaded.
func (s *Screen) onDay(day time.Time) []model.Occurrence {
	if i := s.month.cell(day); s.month.full && i >= 0 {
		out := make([]model.Occurrence, 0, len(s.month.byDay[i]))
		for _, j := range s.month.byDay[i] {
			out = append(out, s.month.occ[j])
		}
		return out
	}
	if !s.dayLoaded(day) {
		return nil
	}
	var out []model.Occurrence
	for _, o := range s.span.occ {
		if on(o, day) {
			out = append(out, o)
		}
	}
	return out
}

// loadedOccurrences is every occurrence the screen holds.
func (s *Screen) loadedOccurrences() [][]model.Occurrence {
	return [][]model.Occurrence{s.month.occ, s.span.occ, s.mine}
}
