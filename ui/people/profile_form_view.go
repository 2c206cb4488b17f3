package people

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// The profile form drawn: a label column of kit.LabelWidth, then the
// values, one row of fields a line; the lines scroll to keep the focus in
// view.

// columns are the widths of a history row's fields (department, from,
// to, municipality) and of a topic row's (kind, label, note) for a form w
// cells wide; fields are two cells apart.
func columns(w int) (dept, yr, muni, kind, label, note int) {
	room := max(w-kit.LabelWidth-1, 30)
	yr = 6
	muni = max(room/5, 8)
	dept = room - 2*yr - muni - 6
	kind = 12
	label = (room - kind - 4) / 2
	note = room - kind - label - 4
	return
}

// layout draws every line of the form and says where the focus is: its
// line, and the column of the cursor when it is a text field (-1 for a
// choice or a button).
func (f *profileForm) layout() (lines []string, curLine, curCol int) {
	st, cat := f.c.Styles, f.c.Cat
	dept, yr, muni, kindW, labelW, noteW := columns(f.width)
	curLine, curCol = 0, -1
	focused := f.cells[f.focus]
	label := func(text string, active bool) string {
		s := " " + kit.Fit(text, kit.LabelWidth-1)
		if active {
			return st.FieldActive.Render(s)
		}
		return st.Label.Render(s)
	}
	// field draws a text field of width w, or its placeholder when empty
	// and not focused; x is its column, for the cursor.
	field := func(c cell, in *kit.LineInput, w, x int, placeholder string) string {
		if c == focused {
			v, col := in.View(w)
			curLine, curCol = len(lines), x+col
			return v
		}
		if in.Value() == "" {
			return st.Muted.Render(kit.Fit(placeholder, w))
		}
		return kit.Fit(in.Value(), w) // from its beginning
	}
	choice := func(c cell, text string, w int) string {
		if c == focused {
			curLine = len(lines)
		}
		return kit.Fit(kit.Choice(st, text, c == focused), w)
	}
	button := func(c cell, text string) string {
		if c == focused {
			curLine = len(lines)
			return st.Selected.Render(" " + text + " ")
		}
		return st.Key.Render(" " + text + " ")
	}
	errLine := func(key string) {
		if e, ok := f.errs[key]; ok {
			lines = append(lines, strings.Repeat(" ", kit.LabelWidth)+st.Error.Render(kit.Clip(e, f.width-kit.LabelWidth)))
		}
	}
	gap := "  "
	x0 := kit.LabelWidth

	c := cell{kind: "joined"}
	lines = append(lines, label(cat.T("people.form.joined"), focused == c)+field(c, &f.joined, yr, x0, cat.T("people.form.year"))+
		"  "+st.Muted.Render(cat.T("people.form.joined.hint", model.FiscalYear(f.c.Now()))))
	errLine("joined_year")

	lines = append(lines, "", label(cat.T("people.history"), false)+st.Muted.Render(kit.Fit(cat.T("people.form.dept"), dept)+gap+
		kit.Fit(cat.T("people.form.from"), yr)+gap+kit.Fit(cat.T("people.form.to"), yr)+gap+kit.Fit(cat.T("people.form.muni"), muni)))
	// row draws a numbered row of cells, each of its width and two
	// apart.
	row := func(i int, cells []cell, widths []int) {
		active := false
		for _, c := range cells {
			active = active || c == focused
		}
		l, x := label("  "+strconv.Itoa(i+1), active), x0
		for j, c := range cells {
			if j > 0 {
				l, x = l+gap, x+2
			}
			if in := f.input(c); in != nil {
				l += field(c, in, widths[j], x, "")
			} else {
				l += choice(c, cat.T("people.kind."+string(model.TopicKinds[f.topics[c.row].kind])), widths[j])
			}
			x += widths[j]
		}
		lines = append(lines, l)
	}
	for i := range f.history {
		row(i, []cell{{"dept", i}, {"from", i}, {"to", i}, {"muni", i}}, []int{dept, yr, yr, muni})
		errLine("history." + strconv.Itoa(i))
	}
	lines = append(lines, strings.Repeat(" ", kit.LabelWidth)+button(cell{kind: "addHistory"}, cat.T("people.form.add.history")))
	errLine("history")

	lines = append(lines, "", label(cat.T("people.topics"), false)+st.Muted.Render(kit.Fit(cat.T("people.form.kind"), kindW)+gap+
		kit.Fit(cat.T("people.form.label"), labelW)+gap+kit.Fit(cat.T("people.form.note"), noteW)))
	for i := range f.topics {
		row(i, []cell{{"kind", i}, {"label", i}, {"note", i}}, []int{kindW, labelW, noteW})
		errLine("topics." + strconv.Itoa(i))
	}
	lines = append(lines, strings.Repeat(" ", kit.LabelWidth)+button(cell{kind: "addTopic"}, cat.T("people.form.add.topic")))
	errLine("topics")

	c = cell{kind: "hidden"}
	yesNo := cat.T("people.form.no")
	if f.hidden {
		yesNo = cat.T("people.form.yes")
	}
	lines = append(lines, "", label(cat.T("people.form.hidden"), focused == c)+choice(c, yesNo, 12)+"  "+st.Muted.Render(cat.T("people.form.hidden.hint")))
	return lines, curLine, curCol
}

// visible is the first line shown so that the focus is in view, for a
// body of h lines.
func visible(total, focus, h int) int {
	if total <= h || focus < h/2 {
		return 0
	}
	return min(focus-h/2, total-h)
}

// View draws the form in exactly width x height.
func (f *profileForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	lines, curLine, _ := f.layout()
	body := f.height - 4
	top := visible(len(lines), curLine, body)
	end := min(top+body, len(lines))
	head := " " + st.Heading.Render(cat.T("people.form.title"))
	foot := st.Muted.Render(cat.T("people.form.help"))
	if f.general != "" {
		foot = st.Error.Render(f.general)
	}
	return kit.Fit(head, f.width) + "\n\n" + kit.Block(strings.Join(lines[top:end], "\n"), f.width, body) + "\n\n" + kit.Fit(" "+foot, f.width)
}

// Cursor is the real terminal cursor in the focused text field.
func (f *profileForm) Cursor() *tea.Cursor {
	lines, curLine, curCol := f.layout()
	if curCol < 0 {
		return nil
	}
	top := visible(len(lines), curLine, f.height-4)
	return tea.NewCursor(curCol, 2+curLine-top)
}
