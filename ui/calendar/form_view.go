package calendar

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/ui/kit"
)

// View draws the form in exactly width x height.
func (f *eventForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	title := cat.T("ef.new")
	if f.editing != nil {
		title = cat.T("ef.edit." + fmt.Sprint(f.scope))
		title += "  " + kit.Clean(f.editing.Title)
	}
	lines := []string{" " + st.Heading.Render(kit.Clip(title, f.width-2))}
	for _, row := range f.rows() {
		lines = append(lines, f.rowView(row))
	}
	lines = append(lines, f.label(efDesc))
	if f.scope != scopeThis {
		if e, ok := f.errs[efDesc]; ok {
			lines[len(lines)-1] += st.Error.Render(kit.Clip(e, f.width-kit.LabelWidth))
		}
		lines = append(lines, f.desc.View())
	} else {
		lines = lines[:len(lines)-1]
	}
	body := kit.Block(strings.Join(lines, "\n"), f.width, f.height-2)
	if f.picker != nil {
		body = kit.Overlay(body, f.picker.View(f.c, f.height-2), f.width, f.height-2)
	}
	foot := st.Muted.Render(cat.T("ef.help"))
	switch {
	case f.general != "":
		foot = st.Error.Render(f.general)
	case len(f.errs) > 0:
		// The first error in full: a row may have had to cut it.
		for r := 0; r < efRows; r++ {
			if e, ok := f.errs[r]; ok && f.visible(r) {
				foot = st.Error.Render(cat.T("ef.has.errors", e))
				break
			}
		}
	}
	return body + "\n\n" + kit.Fit(" "+foot, f.width)
}

func (f *eventForm) label(row int) string {
	name := f.c.Cat.T(fmt.Sprintf("ef.row.%d", row))
	if row == efEnd && f.allDay {
		name = f.c.Cat.T("ef.row.lastday")
	}
	s := " " + kit.Fit(name, kit.LabelWidth-1)
	if row == efDesc { // alone on its line: never cut
		s = " " + f.c.Cat.T(fmt.Sprintf("ef.row.%d", row)) + " "
	}
	if f.focus == row {
		return f.c.Styles.FieldActive.Render(s)
	}
	return f.c.Styles.Label.Render(s)
}

// fieldWidth is the width of a row's text field, leaving room for its
// error or hint.
func (f *eventForm) fieldWidth(row int) int {
	room := f.width - kit.LabelWidth - 1
	switch {
	case row == efDate || row == efEndValue || (row == efEnd && f.allDay):
		return 12
	case row == efStart || row == efEnd:
		return 7
	case row == efCapacity:
		return 7
	case row == efRepeatNum:
		return 4
	}
	if e, ok := f.errs[row]; ok {
		return max(room-kit.Width(e)-2, 10)
	}
	return room
}

func (f *eventForm) rowView(row int) string {
	st, cat := f.c.Styles, f.c.Cat
	var value string
	choice := func(text string) string { return kit.Choice(st, text, f.focus == row) }
	check := func(on bool) string {
		if on {
			return "[x]"
		}
		return "[ ]"
	}
	hint := ""
	if in := f.input(row); in != nil {
		value, _ = in.View(f.fieldWidth(row))
		switch row {
		case efDate:
			hint = cat.T("ef.hint.date")
		case efEnd:
			hint = cat.T("ef.hint.time")
			if f.allDay {
				hint = cat.T("ef.hint.lastday")
			}
		case efStart:
			hint = cat.T("ef.hint.time")
		case efCapacity:
			hint = cat.T("ef.hint.capacity")
		case efRepeatNum:
			hint = cat.T(fmt.Sprintf("ef.hint.num.%d", f.repeat))
		case efEndValue:
			hint = cat.T(fmt.Sprintf("ef.hint.end.%d", f.ending))
		}
	} else {
		switch row {
		case efCommunity:
			name := ""
			if len(f.coms) > 0 {
				name = kit.Clean(f.coms[f.com].Name)
			}
			if f.editing != nil {
				value = name
			} else {
				value = choice(name)
			}
		case efAllDay:
			value = check(f.allDay)
		case efTwenty:
			value = check(f.twenty) + " " + st.Muted.Render(cat.T("ef.hint.twenty"))
		case efRepeat:
			value = choice(cat.T(fmt.Sprintf("ef.repeat.%d", f.repeat)))
		case efEnding:
			value = choice(cat.T(fmt.Sprintf("ef.ending.%d", f.ending)))
		case efRepeatDays:
			value = f.weekdaysView(row)
		}
	}
	line := f.label(row) + value
	if e, ok := f.errs[row]; ok {
		line += "  " + st.Error.Render(e)
	} else if hint != "" {
		line += "  " + st.Muted.Render(hint)
	}
	return kit.Fit(line, f.width)
}

// weekdaysView draws the seven days; chosen ones in brackets, the cursor
// on the focused one.
func (f *eventForm) weekdaysView(row int) string {
	st, cat := f.c.Styles, f.c.Cat
	multi := f.repeat == repeatWeekly || f.repeat == repeatWeeks
	var b strings.Builder
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := cat.T(fmt.Sprintf("weekday.%d", d))
		on := (multi && f.days[d]) || (!multi && d == f.dayCursor)
		cell := " " + name + " "
		if on {
			cell = "[" + name + "]"
		}
		if f.focus == row && d == f.dayCursor {
			cell = st.Selected.Render(cell)
		} else if on {
			cell = st.Key.Render(cell)
		}
		b.WriteString(cell)
	}
	if f.focus == row && multi {
		b.WriteString("  " + st.Muted.Render(cat.T("ef.hint.days")))
	}
	return b.String()
}

// Cursor is the real terminal cursor in the focused text field.
func (f *eventForm) Cursor() *tea.Cursor {
	if f.picker != nil {
		return f.picker.Cursor(f.c, f.width, f.height-2)
	}
	rows := f.rows()
	if f.focus == efDesc {
		c := f.desc.Cursor()
		if c == nil {
			return nil
		}
		c.Y += 2 + len(rows)
		return c
	}
	in := f.input(f.focus)
	if in == nil {
		return nil
	}
	for i, r := range rows {
		if r == f.focus {
			_, col := in.View(f.fieldWidth(r))
			return tea.NewCursor(kit.LabelWidth+col, 1+i)
		}
	}
	return nil
}
