package activity

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// How the 20% rule's figures are drawn: hours as durations in words
// (kit.Catalog.Duration: 7時間45分, 7h45m) wherever they stand, never as
// h:mm, which beside a date reads as a time of day; and bars against the cap that read without colour (NO_COLOR, a projector):
// each part has its own character, colour only adds to it.
const (
	barDone     = '#' // hours done (実績)
	barApproved = '=' // approved, not yet done
	barWaiting  = '+' // submitted, waiting for a decision
	barRoom     = '.' // left under the cap
)

// Clock writes minutes as h:mm: how hours are typed into a form and
// printed in a command line's table, not how the screen shows them.
func Clock(minutes int) string {
	sign := ""
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	h, m := model.SplitMinutes(minutes)
	return fmt.Sprintf("%s%d:%02d", sign, h, m)
}

// barCells splits n cells among parts (minutes, in order) against the
// cap: a part's cells are where its running total ends, rounded, so
// that parts never drift apart; a part that is not zero takes at least
// one cell while there is room.
func barCells(n, capMinutes int, parts ...int) []int {
	cells := make([]int, len(parts))
	if capMinutes <= 0 || n <= 0 {
		return cells
	}
	sum, used := 0, 0
	for i, m := range parts {
		sum += m
		end := min(n, (sum*n+capMinutes/2)/capMinutes)
		c := max(end-used, 0)
		if m > 0 && c == 0 && used < n {
			c = 1
		}
		cells[i] = c
		used += c
	}
	return cells
}

// Bar draws u against its cap in exactly w cells: [###==++.....]. The
// closing mark is ! when done and approved hours are over the cap.
func Bar(u model.Usage, w int, st kit.Styles) string {
	return bar(u, w, st, u.Level() == model.UseOver)
}

// bar is Bar with the closing mark ! when over is true: a request's
// month is over the cap with the plan it waits for.
func bar(u model.Usage, w int, st kit.Styles, over bool) string {
	n := max(w-2, 1)
	cells := barCells(n, u.Cap, u.Done, u.Approved, u.Waiting)
	room := n - cells[0] - cells[1] - cells[2]
	var b strings.Builder
	b.WriteString("[")
	paint := func(style lipgloss.Style, r rune, k int) {
		if k > 0 {
			b.WriteString(style.Render(strings.Repeat(string(r), k)))
		}
	}
	paint(st.BadgeGood, barDone, cells[0])
	paint(st.Badge, barApproved, cells[1])
	paint(st.BadgeWarn, barWaiting, cells[2])
	paint(st.Muted, barRoom, room)
	if over {
		b.WriteString(st.Error.Render("!"))
	} else {
		b.WriteString("]")
	}
	return b.String()
}

// Level is the badge of how close u is to the cap: 余裕あり, 上限間近,
// 上限超過, in its colour.
func Level(cat *kit.Catalog, st kit.Styles, u model.Usage) string {
	text := cat.T("plan.use." + string(u.Level()))
	switch u.Level() {
	case model.UseOver:
		return st.Error.Render(text)
	case model.UseNear:
		return st.BadgeWarn.Render(text)
	}
	return st.Muted.Render(text)
}

// Left says what is left under the cap, or how far over it u is.
func Left(cat *kit.Catalog, u model.Usage) string { return leftText(cat, u.Left()) }

// leftWidth is the most cells Left takes for figures under a thousand
// hours either side of the cap: a bar beside it keeps its length
// whatever the figures, from one plan or person to the next.
func leftWidth(cat *kit.Catalog) int {
	const most = 999*60 + 59
	return max(kit.Width(leftText(cat, most)), kit.Width(leftText(cat, -most)))
}

// leftText says left minutes under the cap, or how far over it a
// negative amount is.
func leftText(cat *kit.Catalog, left int) string {
	if left < 0 {
		return cat.T("plan.over.by", cat.Duration(-left))
	}
	return cat.T("plan.left", cat.Duration(left))
}

// Legend is u's figures, each after its bar character, and the cap,
// in at most w cells: where it is narrow, the cap's working days go
// first, then the gaps between the figures narrow, then the cap goes
// (it is also in what is left), then the line is cut. The hours stay in
// words at every width.
func Legend(cat *kit.Catalog, st kit.Styles, u model.Usage, w int) string {
	return legend(cat, st, u, w, "plan.fig.waiting", 1)[0]
}

// legend is Legend with the key that names u.Waiting (a request's month
// shows the request alone there, plan.fig.this), in at most lines lines:
// where the narrowest line is too wide and there are lines to spare, the
// figures are wrapped between themselves rather than cut.
func legend(cat *kit.Catalog, st kit.Styles, u model.Usage, w int, waitingKey string, lines int) []string {
	build := func(capKey string) []string {
		part := func(style lipgloss.Style, r rune, key string, m int) string {
			return style.Render(string(r)) + cat.T(key) + " " + cat.Duration(m)
		}
		l := []string{part(st.BadgeGood, barDone, "plan.fig.done", u.Done),
			part(st.Badge, barApproved, "plan.fig.approved", u.Approved),
			part(st.BadgeWarn, barWaiting, waitingKey, u.Waiting)}
		if capKey != "" {
			l = append(l, st.Muted.Render(cat.T(capKey, cat.Duration(u.Cap), u.WorkingDays)))
		}
		return l
	}
	for _, f := range []struct {
		parts []string
		sep   string
	}{{build("plan.fig.cap.days"), "  "}, {build("plan.fig.cap"), "  "}, {build("plan.fig.cap"), " "}} {
		if l := strings.Join(f.parts, f.sep); kit.Width(l) <= w {
			return []string{l}
		}
	}
	narrow := build("")
	if l := strings.Join(narrow, " "); kit.Width(l) <= w || lines < 2 {
		return []string{kit.Clip(l, w)}
	}
	return strings.Split(kit.WrapList(narrow, " ", w), "\n")
}

// labelWidth is the column the bars of RenderLedger begin at.
const labelWidth = 11

// RenderLedger draws a person's 20% use in w cells, two lines for this
// month and two for the fiscal year: the name of the period, the bar and
// what is left; then the figures, cut at w where lines is 1, else
// wrapped between themselves where they do not fit on one line. It is what the 活動
// tab shows on top, and what a command line can print.
func RenderLedger(cat *kit.Catalog, st kit.Styles, l *model.Ledger, w, lines int) []string {
	type period struct {
		name string
		u    model.Usage
	}
	periods := []period{
		{cat.T("plan.period.month", cat.Month(l.Month.Period.From.Month())), l.Month},
		{cat.T("plan.period.year", l.FiscalYear), l.Year},
	}
	right := func(u model.Usage) string { return Left(cat, u) + "  " + Level(cat, st, u) }
	indent := labelWidth // the figures under the bar
	// The bars are as long whatever the figures: room is kept for the
	// longest that can stand beside them.
	rw := leftWidth(cat)
	if w < 60 {
		right = func(u model.Usage) string { return Left(cat, u) }
		indent = 1
	} else {
		levels := 0
		for _, l := range []model.UseLevel{model.UseOK, model.UseNear, model.UseOver} {
			levels = max(levels, kit.Width(cat.T("plan.use."+string(l))))
		}
		rw += 2 + levels
	}
	barW := max(w-labelWidth-rw-3, 10)
	var out []string
	for _, p := range periods {
		out = append(out, kit.Fit(" "+st.Title.Render(kit.Fit(p.name, labelWidth-1))+Bar(p.u, barW, st)+"  "+right(p.u), w))
		for _, f := range legend(cat, st, p.u, w-indent, "plan.fig.waiting", lines) {
			out = append(out, kit.Fit(strings.Repeat(" ", indent)+f, w))
		}
	}
	return out
}

// civilDate writes a plan's date (a civil date, midnight UTC) as 12月2日(水),
// in no time zone: the day is the day wherever the screen is.
func civilDate(cat *kit.Catalog, p model.Plan) string {
	day := func(t time.Time) string {
		return cat.T("date.md", int(t.Month()), t.Day(), cat.Weekday(t.Weekday()), cat.Month(t.Month()))
	}
	s := day(p.Start)
	if p.End.After(p.Start) {
		s += " - " + day(p.End)
	}
	return s
}

// shortDate writes a plan's first day as 12/2(水), with +2 for the days
// after it.
func shortDate(cat *kit.Catalog, p model.Plan) string {
	s := cat.T("plan.date.short", int(p.Start.Month()), p.Start.Day(), cat.Weekday(p.Start.Weekday()))
	if days := int(p.End.Sub(p.Start).Hours() / 24); days > 0 {
		s += fmt.Sprintf("+%d", days)
	}
	return s
}
