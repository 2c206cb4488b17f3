package calendar

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
	"hiroba/ui/kit"
)

// The grid's chrome is plain ASCII (| - +), so that no terminal draws it
// wider than counted.

// calLayout is how the screen is divided at its size.
type calLayout struct {
	wide  bool // grid beside a week view
	cw    int  // cells inside one day of the grid
	cellH int  // lines inside one day of the grid
	gridW int
	sideW int // the pane right of the grid
}

// weekMinWidth is the least the week beside a wide grid keeps; the grid
// takes the rest, so that a wide terminal shows more of each title.
const weekMinWidth = 60

func (s *Screen) layout() calLayout {
	l := calLayout{cw: 5, cellH: 2}
	if s.width >= 120 && s.height >= 30 {
		l.wide = true
		l.cw = min(max((s.width-weekMinWidth-1-8)/7, 10), 24)
		// Title, top border, weekday header and its rule; then each week
		// with its bottom border.
		l.cellH = min(max((s.height-4)/s.month.rows-1, 2), 8)
	}
	l.gridW = 7*l.cw + 8
	l.sideW = max(s.width-l.gridW-1, 0)
	return l
}

// detailSize is where an event's detail and the "my events" list go: the
// whole screen when narrow, the pane beside the grid when wide.
func (s *Screen) detailSize() (int, int) {
	l := s.layout()
	if l.wide {
		return l.sideW, s.height
	}
	return s.width, s.height
}

func (s *Screen) View() string {
	if s.form != nil {
		return s.form.View()
	}
	l := s.layout()
	var body string
	switch {
	case s.mode == calDetail && !l.wide:
		body = s.detail.Pane.View()
	case s.mode == calMine && !l.wide:
		body = s.mineView(s.width, s.height)
	default:
		var side string
		switch {
		case s.mode == calDetail:
			side = s.detail.Pane.View()
		case s.mode == calMine:
			side = s.mineView(l.sideW, s.height)
		case l.wide:
			side = s.weekView(l.sideW, s.height)
		default:
			side = s.agendaView(l.sideW, s.height)
		}
		body = kit.HJoin(s.gridView(l), kit.Block(strings.Repeat("\n", s.height-1), 1, s.height), side)
	}
	body = kit.Block(body, s.width, s.height)
	switch {
	case s.scope != nil:
		s.scope.MaxWidth = s.width
		body = kit.Overlay(body, s.scope.View(s.c, s.height), s.width, s.height)
	}
	return body
}

// gridView draws the month in exactly l.gridW x s.height cells.
func (s *Screen) gridView(l calLayout) string {
	st, cat := s.c.Styles, s.c.Cat
	m := s.month
	today := s.today()
	var lines []string
	title := " " + st.Heading.Render(cat.T("cal.month", m.first.Year(), int(m.first.Month()), cat.Month(m.first.Month()))) + "  " + st.Muted.Render(cat.T("cal.today", s.c.Cat.Date(today)))
	lines = append(lines, kit.Fit(title, l.gridW))
	rule := "+" + strings.Repeat(strings.Repeat("-", l.cw)+"+", 7)
	lines = append(lines, st.Separator.Render(rule))
	bar := st.Separator.Render("|")
	var head strings.Builder
	head.WriteString(bar)
	for wd := 0; wd < 7; wd++ {
		name := center(cat.T(fmt.Sprintf("weekday.%d", wd)), l.cw)
		switch wd {
		case 0:
			name = s.c.Styles.Sunday.Render(name)
		case 6:
			name = s.c.Styles.Saturday.Render(name)
		}
		head.WriteString(name + bar)
	}
	lines = append(lines, head.String(), st.Separator.Render(rule))
	for r := 0; r < m.rows; r++ {
		rowLines := make([]strings.Builder, l.cellH)
		for i := range rowLines {
			rowLines[i].WriteString(bar)
		}
		for wd := 0; wd < 7; wd++ {
			i := r*7 + wd
			day := m.gridStart.AddDate(0, 0, i)
			for j, cl := range s.cellLines(l, day, i, today) {
				rowLines[j].WriteString(cl + bar)
			}
		}
		for i := range rowLines {
			lines = append(lines, rowLines[i].String())
		}
		lines = append(lines, st.Separator.Render(rule))
	}
	return kit.Block(strings.Join(lines, "\n"), l.gridW, s.height)
}

// dayAt is the day of the grid at cell (x, y) of the screen's body.
func (s *Screen) dayAt(x, y int) (time.Time, bool) {
	l := s.layout()
	row := (y - 4) / (l.cellH + 1)
	col := (x - 1) / (l.cw + 1)
	if y < 4 || x < 1 || x >= l.gridW-1 || row >= s.month.rows || (y-4)%(l.cellH+1) == l.cellH || (x-1)%(l.cw+1) == l.cw {
		return time.Time{}, false
	}
	return s.month.gridStart.AddDate(0, 0, row*7+col), true
}

// cellLines draws one day of the grid: its number with a mark for the
// selection ('>'), a holiday and today, then its events; each line is
// exactly l.cw cells.
func (s *Screen) cellLines(l calLayout, day time.Time, i int, today time.Time) []string {
	st, cat := s.c.Styles, s.c.Cat
	m := s.month
	selected := day.Equal(s.sel)
	inMonth := day.Month() == m.first.Month()
	holiday, isHoliday := model.HolidayName(day.Year(), day.Month(), day.Day())

	marker := " "
	if selected {
		marker = ">"
	}
	num := fmt.Sprintf("%2d", day.Day())
	rest := ""
	if l.wide {
		switch {
		case isHoliday:
			rest = " " + cellText(holidayName(cat, holiday))
		case day.Equal(today):
			rest = " " + cat.T("cal.mark.today")
		}
	} else {
		switch {
		case isHoliday:
			rest = cat.T("cal.mark.holiday")
		case day.Equal(today):
			rest = cat.T("cal.mark.today.short")
		}
	}
	out := make([]string, l.cellH)
	var events []string
	n := m.count(i)
	if l.wide && m.full {
		room := l.cellH - 1
		shown := n
		if n > room {
			shown = room - 1
		}
		for k := 0; k < shown; k++ {
			events = append(events, cellText(kit.Clean(m.occ[m.byDay[i][k]].Event.Title)))
		}
		if shown < n {
			events = append(events, cat.T("cal.more", n-shown))
		}
	} else if n > 0 {
		c := cat.T("cal.count", n)
		if kit.Width(c) < l.cw {
			c = " " + c
		}
		events = append(events, c)
	}

	if selected {
		out[0] = st.Selected.Render(fitCell(marker+num+rest, l.cw))
		for k := 1; k < l.cellH; k++ {
			text := ""
			if k-1 < len(events) {
				text = events[k-1]
			}
			out[k] = st.Selected.Render(fitCell(text, l.cw))
		}
		return out
	}
	numStyle := lipgloss.NewStyle()
	switch {
	case !inMonth:
		numStyle = st.Muted
	case day.Equal(today):
		numStyle = s.c.Styles.Today
	case isHoliday || day.Weekday() == time.Sunday:
		numStyle = s.c.Styles.Sunday
	case day.Weekday() == time.Saturday:
		numStyle = s.c.Styles.Saturday
	}
	restStyle := st.Muted
	if isHoliday {
		restStyle = s.c.Styles.Holiday
	} else if day.Equal(today) {
		restStyle = s.c.Styles.Today
	}
	out[0] = kit.Fit(marker+numStyle.Render(num)+restStyle.Render(fitCell(rest, l.cw-3)), l.cw)
	evStyle := st.Badge
	if !inMonth {
		evStyle = st.Muted
	}
	for k := 1; k < l.cellH; k++ {
		text := ""
		if k-1 < len(events) {
			text = evStyle.Render(fitCell(events[k-1], l.cw))
		}
		out[k] = kit.Fit(text, l.cw)
	}
	return out
}

// cellText makes text safe for a grid cell: a character that is neither
// ASCII nor wide (East Asian ambiguous-width ones such as ※ or ①, which some
// terminals draw two cells wide) becomes '?', so that the columns stay
// aligned in every terminal. Half-width katakana are kept.
func cellText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 || (r >= 0xFF61 && r <= 0xFF9F) || kit.Width(string(r)) == 2 {
			return r
		}
		return '?'
	}, s)
}

// fitCell fits s to w cells, cut with '~' (the ellipsis is ambiguous
// width) and padded.
func fitCell(s string, w int) string {
	if kit.Width(s) > w {
		s = ansi.Truncate(s, w, "~")
	}
	return kit.Fit(s, w)
}

// center pads s on both sides to w cells.
func center(s string, w int) string {
	s = kit.Clip(s, w)
	left := (w - kit.Width(s)) / 2
	return kit.Fit(strings.Repeat(" ", left)+s, w)
}

// holidayName is a holiday's name in the interface's language.
func holidayName(cat *kit.Catalog, name string) string {
	if cat.Lang == "en" {
		if en := model.HolidayNameEN(name); en != "" {
			return en
		}
	}
	return name
}

// dayHeading is a day's date, with its holiday's name.
func (s *Screen) dayHeading(day time.Time) string {
	st := s.c.Styles
	h := st.Title.Render(s.c.Cat.Date(day))
	if name, ok := model.HolidayName(day.Year(), day.Month(), day.Day()); ok {
		h += "  " + s.c.Styles.Holiday.Render(holidayName(s.c.Cat, name))
	}
	return h
}

// eventLines draws one occurrence in two lines of w cells, marked with '>'
// when selected. Wide: time, title and my answer; then community, place
// and attendance. Narrow: time, attendance and my answer; then the title.
func (s *Screen) eventLines(o model.Occurrence, w int, selected bool, withDate bool) []string {
	st, cat := s.c.Styles, s.c.Cat
	at := timeRange(o, cat)
	if withDate {
		at = when(o, cat)
	}
	mark := " "
	if selected {
		mark = ">"
	}
	title := st.Title.Render(kit.Clean(o.Event.Title))
	answer := myAnswer(o, cat, st)
	coming := attendance(o, cat)
	var first, second string
	if w < 60 {
		first = mark + st.Badge.Render(at) + " " + strings.TrimSpace(st.Muted.Render(coming)+" "+answer)
		second = "   " + title
	} else {
		first = strings.TrimSpace(mark + st.Badge.Render(at) + " " + title + " " + answer)
		second = "   " + st.Muted.Render(strings.TrimSpace(kit.Clean(o.Event.CommunityName)+"  "+placeOf(o.Event, cat)))
		if coming != "" {
			second += "  " + st.Muted.Render(coming)
		}
	}
	return kit.StyleRow(s.c.Styles, []string{first, second}, w, selected, false)
}

// agendaView is the narrow screen's side pane: the selected day's events,
// then the days after it while room remains.
func (s *Screen) agendaView(w, h int) string {
	st, cat := s.c.Styles, s.c.Cat
	lines := []string{" " + s.dayHeading(s.sel)}
	if !s.dayLoaded(s.sel) {
		lines = append(lines, "  "+st.Muted.Render(cat.T("cal.loading")))
		return kit.Block(strings.Join(lines, "\n"), w, h)
	}
	evs := s.onDay(s.sel)
	if len(evs) == 0 {
		lines = append(lines, "  "+st.Muted.Render(cat.T("cal.none")))
	}
	lines = append(lines, s.dayEvents(evs, s.dayTotal(s.sel), w, (h-1)/2, true)...)
	lines = append(lines, s.cancelledLines(s.sel, w)...)
	if s.mode != calDay {
		// What follows, one line per event, while it is loaded.
		for d := s.sel.AddDate(0, 0, 1); s.dayLoaded(d) && len(lines) < h-2; d = d.AddDate(0, 0, 1) {
			evs := s.onDay(d)
			if len(evs) == 0 {
				continue
			}
			lines = append(lines, "", " "+s.dayHeading(d))
			lines = append(lines, s.dayEvents(evs, s.dayTotal(d), w, max(h-len(lines), 1), false)...)
		}
	}
	return kit.Block(strings.Join(lines, "\n"), w, h)
}

// dayEvents draws at most rows events of a day (two lines each when full,
// else one), scrolled to the cursor in calDay mode, with a last line
// saying how many more there are. evs may be the first of the day's
// total.
func (s *Screen) dayEvents(evs []model.Occurrence, total, w, rows int, full bool) []string {
	st, cat := s.c.Styles, s.c.Cat
	rows = max(rows, 1)
	top, cursor := 0, -1
	if full && s.mode == calDay {
		cursor = s.dayCursor
		top = max(cursor-rows+1, 0)
		if len(evs) > rows && cursor < len(evs)-1 {
			top = max(cursor-rows+2, 0)
		}
	}
	show := evs[top:]
	more, left := 0, max(total, len(evs))-top
	if left > rows {
		more = left - (rows - 1)
		show = show[:min(rows-1, len(show))]
	}
	var lines []string
	for i, o := range show {
		if full {
			lines = append(lines, s.eventLines(o, w, top+i == cursor, false)...)
		} else {
			lines = append(lines, kit.Fit(" "+st.Badge.Render(timeRange(o, s.c.Cat))+" "+kit.Clean(o.Event.Title), w))
		}
	}
	if more > 0 {
		lines = append(lines, "   "+st.Muted.Render(cat.T("cal.more", more)))
	}
	return lines
}

// cancelledLines draws the dates cancelled one by one on day, a line
// each: 中止, the time and the title struck through. They are not events
// one can choose; they tell those who look at the day that it is off.
func (s *Screen) cancelledLines(day time.Time, w int) []string {
	st, cat := s.c.Styles, s.c.Cat
	var lines []string
	for _, o := range s.cancelledOn(day) {
		lines = append(lines, kit.Fit(" "+st.Error.Render(cat.T("cal.cancelled.mark"))+" "+st.Muted.Render(timeRange(o, cat))+" "+
			st.Muted.Strikethrough(true).Render(kit.Clean(o.Event.Title)), w))
	}
	return lines
}

// weekView is the wide screen's side pane: the seven days of the selected
// week, each with its events.
func (s *Screen) weekView(w, h int) string {
	st, cat := s.c.Styles, s.c.Cat
	start := s.sel.AddDate(0, 0, -int(s.sel.Weekday()))
	lines := []string{" " + st.Heading.Render(cat.T("cal.week", s.c.Cat.Date(start)))}
	if !s.dayLoaded(start) {
		lines = append(lines, "  "+st.Muted.Render(cat.T("cal.loading")))
		return kit.Block(strings.Join(lines, "\n"), w, h)
	}
	days := make([][]model.Occurrence, 7)
	totals := make([]int, 7)
	for d := range days {
		days[d] = s.onDay(start.AddDate(0, 0, d))
		totals[d] = max(s.dayTotal(start.AddDate(0, 0, d)), len(days[d]))
	}
	twoLines := weekFits(totals, h)
	perDay := weekPerDay(h)
	for d, evs := range days {
		day := start.AddDate(0, 0, d)
		head := " " + s.dayHeading(day)
		if day.Equal(s.sel) {
			head = st.Selected.Render(kit.Fit(">"+ansi.Strip(head), w))
		}
		lines = append(lines, "", head)
		cancelled := s.cancelledLines(day, w)
		switch {
		case len(evs) == 0 && len(cancelled) == 0:
			lines = append(lines, "   "+st.Muted.Render(cat.T("cal.none")))
		case len(evs) == 0:
		case twoLines:
			for i, o := range evs {
				lines = append(lines, s.eventLines(o, w, s.mode == calDay && day.Equal(s.sel) && i == s.dayCursor, false)...)
			}
		case day.Equal(s.sel) && s.mode == calDay:
			lines = append(lines, s.dayEvents(evs, totals[d], w, perDay/2, true)...)
		default:
			lines = append(lines, s.dayEvents(evs, totals[d], w, perDay, false)...)
		}
		lines = append(lines, cancelled...)
	}
	return kit.Block(strings.Join(lines, "\n"), w, h)
}

// weekFits reports whether a week with these numbers of events a day
// fits in h lines at two lines per event, with each day's heading and the
// week's. When it does not, each day gets its share of the lines, one
// per event (weekPerDay).
func weekFits(totals []int, h int) bool {
	lines := 1
	for _, n := range totals {
		lines += 2 + 2*max(n, 1)
	}
	return lines <= h
}

// weekPerDay is how many events a day the week view shows when the week
// does not fit.
func weekPerDay(h int) int { return max((h-1)/7-2, 1) }

// mineView lists the occurrences I said yes to (or wait for), from today.
func (s *Screen) mineView(w, h int) string {
	st, cat := s.c.Styles, s.c.Cat
	lines := []string{" " + st.Heading.Render(cat.T("cal.mine"))}
	switch {
	case !s.mineLoaded:
		lines = append(lines, "  "+st.Muted.Render(cat.T("cal.loading")))
	case len(s.mine) == 0:
		lines = append(lines, "  "+st.Muted.Render(cat.T("cal.mine.empty")))
	}
	rows := max((h-1)/2, 1)
	top := max(s.mineCursor-rows+1, 0)
	for i := top; i < min(top+rows, len(s.mine)); i++ {
		lines = append(lines, s.eventLines(s.mine[i], w, i == s.mineCursor, true)...)
	}
	return kit.Block(strings.Join(lines, "\n"), w, h)
}
