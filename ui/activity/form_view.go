package activity

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// formLayout is the form drawn: its lines, and the line of each stop.
type formLayout struct {
	lines []string
	row   map[string]int
	// cols is where the cursor stands in each text field.
	cols map[string]int
}

// layout draws the form: a heading; the stops, labels in one column and
// values in the next, each error under its field; who decides and what is
// left this month; the two actions; the keys, or the form's own error.
func (f *planForm) layout() formLayout {
	st, cat := f.c.Styles, f.c.Cat
	lay := formLayout{row: map[string]int{}, cols: map[string]int{}}
	valueW := max(f.width-kit.LabelWidth-1, 10)
	heading := cat.T("plan.form.new")
	if f.plan != nil {
		heading = cat.T("plan.form.edit", kit.Clean(f.plan.Title))
	}
	lay.lines = append(lay.lines, " "+st.Heading.Render(kit.Clip(heading, f.width-2)), "")
	add := func(name, label, value string) {
		l := " " + kit.Fit(label, kit.LabelWidth-1)
		if f.focus == name {
			l = st.FieldActive.Render(l)
		} else {
			l = st.Label.Render(l)
		}
		lay.row[name] = len(lay.lines)
		lay.lines = append(lay.lines, l+value)
		if e, ok := f.errs[name]; ok {
			for _, el := range strings.Split(kit.WrapWords(e, valueW), "\n") {
				lay.lines = append(lay.lines, strings.Repeat(" ", kit.LabelWidth)+st.Error.Render(el))
			}
		}
	}
	field := func(name, label, hint string) {
		in := f.input(name)
		v, col := in.View(valueW)
		if in.Value() == "" && hint != "" {
			// An empty field says what goes in it.
			v = st.Muted.Render(kit.Fit(hint, valueW))
		}
		lay.cols[name] = col
		add(name, label, v)
	}
	kind := cat.T("plan.target." + string(f.kind))
	kind = kit.Choice(st, kind, f.focus == "kind")
	add("kind", cat.T("plan.form.kind"), kind)
	if f.kind == model.TargetFree {
		field("title", cat.T("plan.form.title"), cat.T("plan.form.title.hint"))
	} else {
		target := st.Muted.Render(cat.T("plan.form.target.none"))
		if f.targetLabel != "" {
			target = kit.Clean(f.targetLabel)
		}
		if f.focus == "target" {
			target = kit.Clip(target, valueW-kit.Width(cat.T("plan.form.target.hint"))-2) + "  " + st.Key.Render(cat.T("plan.form.target.hint"))
		}
		add("target", cat.T("plan.form.target"), kit.Clip(target, valueW))
	}
	if f.kind == model.TargetEvent {
		when := st.Muted.Render(cat.T("plan.form.event.dates"))
		if f.start.Value() != "" {
			when = f.start.Value() + "  " + when
		}
		add("dates", cat.T("plan.form.start"), when)
	} else {
		field("start", cat.T("plan.form.start"), "")
		field("end", cat.T("plan.form.end"), cat.T("plan.form.end.hint"))
	}
	field("minutes", cat.T("plan.form.hours"), cat.T("plan.form.hours.hint"))
	field("purpose", cat.T("plan.form.purpose"), cat.T("plan.form.purpose.hint"))
	if f.kind == model.TargetCall {
		field("application", cat.T("plan.form.application"), cat.T("plan.form.application.hint"))
	}
	lay.lines = append(lay.lines, "")
	if f.deciders != nil {
		add("to", cat.T("plan.form.to"), deciderNames(cat, f.deciders))
	}
	if m := f.shownMonth(); m != nil {
		add("left", cat.T("plan.form.left", cat.Month(m.Period.From.Month())), Left(cat, *m)+"  "+Bar(*m, min(valueW-24, 30), st))
	}
	lay.lines = append(lay.lines, "")
	submit, draft := cat.T("plan.form.submit"), cat.T("plan.form.draft")
	if f.draft {
		submit, draft = "  "+submit+"  ", "[ "+draft+" ]"
	} else {
		submit, draft = "[ "+submit+" ]", "  "+draft+"  "
	}
	if f.focus == "actions" {
		if f.draft {
			draft = st.FieldActive.Render(draft)
		} else {
			submit = st.FieldActive.Render(submit)
		}
	}
	lay.row["actions"] = len(lay.lines)
	lay.lines = append(lay.lines, strings.Repeat(" ", kit.LabelWidth)+submit+"  "+draft)
	return lay
}

// deciderNames says who decides on the person's plans.
func deciderNames(cat *kit.Catalog, d *model.Deciders) string {
	if d.ByAdministrators() || len(d.Staff) == 0 {
		return cat.T("plan.deciders.admin")
	}
	var names []string
	for _, s := range d.Staff {
		names = append(names, kit.Clean(s.Name))
	}
	return cat.T("plan.deciders", strings.Join(names, cat.T("list.sep")), kit.Clean(scopeName(cat, d.Scope)))
}

func (f *planForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	lay := f.layout()
	body := kit.Block(strings.Join(lay.lines, "\n"), f.width, f.height-2)
	foot := st.Muted.Render(cat.T("plan.form.help"))
	switch {
	case f.saving:
		foot = st.Muted.Render(cat.T("plan.form.saving"))
	case f.general != "":
		foot = st.Error.Render(f.general)
	}
	v := body + "\n\n" + kit.Fit(" "+foot, f.width)
	if f.picker != nil {
		v = kit.Overlay(v, f.picker.View(f.width, f.height), f.width, f.height)
	}
	return v
}

// Cursor is the real cursor in the focused text field, or the picker's.
func (f *planForm) Cursor() *tea.Cursor {
	if f.picker != nil {
		return f.picker.Cursor(f.width, f.height)
	}
	in := f.input(f.focus)
	if in == nil {
		return nil
	}
	lay := f.layout()
	return tea.NewCursor(kit.LabelWidth+lay.cols[f.focus], lay.row[f.focus])
}
