package people

import (
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// simpleForm is a form of one-line fields and choices: labels in one
// column, values in the next, a refusal under the field at fault, which
// gets the focus and loses the refusal once changed. The 面談, the three
// questions and a new programme are such forms.
type simpleForm struct {
	kit.FormKeys
	c       *kit.Common
	title   string
	lead    string // a sentence under the title, such as who reads it
	fields  []*formField
	focus   int
	errs    map[string]string
	general string
	initial string
	width   int
	height  int
	// submit reads the values and returns the command that saves them,
	// or nil after marking what is wrong (fail).
	submit func() tea.Cmd
}

// formField is a text field (input set) or a choice among labels.
type formField struct {
	name    string // the store's field name, for its refusals
	label   string
	hint    string
	input   *kit.LineInput
	choices []string
	choice  int
}

func textField(name, label, value, hint string, limit int) *formField {
	f := &formField{name: name, label: label, hint: hint, input: &kit.LineInput{Limit: limit}}
	f.input.SetValue(value)
	return f
}

func choiceField(name, label, hint string, choices []string, chosen int) *formField {
	return &formField{name: name, label: label, hint: hint, choices: choices, choice: chosen}
}

func newSimpleForm(c *kit.Common, title, lead string, fields ...*formField) *simpleForm {
	f := &simpleForm{c: c, title: title, lead: lead, fields: fields, errs: map[string]string{}}
	f.initial = f.snapshot()
	return f
}

func (f *simpleForm) snapshot() string {
	var parts []string
	for _, x := range f.fields {
		if x.input != nil {
			parts = append(parts, x.input.Value())
		} else {
			parts = append(parts, strconv.Itoa(x.choice))
		}
	}
	return strings.Join(parts, "\x00")
}

func (f *simpleForm) field(name string) *formField {
	for _, x := range f.fields {
		if x.name == name {
			return x
		}
	}
	return nil
}

// text is a text field's value, trimmed.
func (f *simpleForm) text(name string) string { return strings.TrimSpace(f.field(name).input.Value()) }

// chosen is the index of a choice field's choice.
func (f *simpleForm) chosen(name string) int { return f.field(name).choice }

func (f *simpleForm) Dirty() bool      { return f.snapshot() != f.initial }
func (f *simpleForm) Closed() bool     { return f.FormKeys.Closed }
func (f *simpleForm) SetSize(w, h int) { f.width, f.height = w, h }

// fail marks a field as wrong and focuses it.
func (f *simpleForm) fail(name, text string) {
	f.Saving = false
	f.errs[name] = text
	for i, x := range f.fields {
		if x.name == name {
			f.focus = i
			return
		}
	}
	f.general = text
}

// failed shows the store's refusal at its field, or under the form.
func (f *simpleForm) failed(err error) {
	f.Saving = false
	var e *model.Error
	if errors.As(err, &e) && e.Field != "" && f.field(e.Field) != nil {
		f.fail(e.Field, f.c.Cat.Err(err))
		return
	}
	f.general = f.c.Cat.Err(err)
}

// Update handles keys and pastes; ok is false for other messages.
func (f *simpleForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	cmd, ours, done := f.Key(f.c, msg, f.Dirty(), func() tea.Cmd {
		f.errs, f.general = map[string]string{}, ""
		return f.submit()
	})
	if !ours || done {
		return cmd, ours
	}
	cur := f.fields[f.focus]
	if k, isKey := msg.(tea.KeyPressMsg); isKey {
		switch k.String() {
		case "tab", "down", "enter":
			f.focus = (f.focus + 1) % len(f.fields)
			return nil, true
		case "shift+tab", "up":
			f.focus = (f.focus + len(f.fields) - 1) % len(f.fields)
			return nil, true
		}
		if cur.input == nil {
			d := choiceStep(k.String())
			if n, err := strconv.Atoi(k.String()); err == nil && n >= 1 && n <= len(cur.choices) {
				d = n - 1 - cur.choice
			}
			cur.choice = (cur.choice + d + len(cur.choices)) % len(cur.choices)
			delete(f.errs, cur.name)
			return nil, true
		}
	}
	if cur.input != nil && cur.input.Update(msg) {
		delete(f.errs, cur.name)
	}
	return nil, true
}

// lines draws the fields, and says the line and column of the cursor
// (line -1 when the focus is on a choice).
func (f *simpleForm) lines() ([]string, int, int) {
	st := f.c.Styles
	var out []string
	curLine, curCol := -1, 0
	fw := max(f.width-kit.LabelWidth-1, 10)
	for i, x := range f.fields {
		label := " " + kit.Fit(x.label, kit.LabelWidth-1)
		if i == f.focus {
			label = st.FieldActive.Render(label)
		} else {
			label = st.Label.Render(label)
		}
		var value string
		if x.input != nil {
			w := fw
			if x.hint != "" {
				w = min(fw, max(x.input.Limit, 8)+1)
			}
			v, col := x.input.View(w)
			if i == f.focus {
				curLine, curCol = len(out), kit.LabelWidth+col
			}
			value = v
		} else {
			value = kit.Choice(st, x.choices[x.choice], i == f.focus)
		}
		if x.hint != "" {
			value += "  " + st.Muted.Render(x.hint)
		}
		out = append(out, label+value)
		if e, ok := f.errs[x.name]; ok {
			out = append(out, strings.Repeat(" ", kit.LabelWidth)+st.Error.Render(kit.Clip(e, fw)))
		}
	}
	return out, curLine, curCol
}

// head is the title and the lead, above the fields.
func (f *simpleForm) head() []string {
	st := f.c.Styles
	out := []string{" " + st.Heading.Render(kit.Clip(f.title, f.width-2))}
	if f.lead != "" {
		for _, l := range strings.Split(kit.WrapWords(f.lead, f.width-2), "\n") {
			out = append(out, " "+st.Muted.Render(l))
		}
	}
	return append(out, "")
}

// View draws the form in exactly width x height.
func (f *simpleForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	fields, _, _ := f.lines()
	body := append(f.head(), fields...)
	foot := st.Muted.Render(cat.T("people.form.short.help"))
	if f.general != "" {
		foot = st.Error.Render(f.general)
	}
	return kit.Block(strings.Join(body, "\n"), f.width, f.height-2) + "\n\n" + kit.Fit(" "+foot, f.width)
}

// Cursor is the real terminal cursor in the focused text field.
func (f *simpleForm) Cursor() *tea.Cursor {
	_, line, col := f.lines()
	if line < 0 {
		return nil
	}
	return tea.NewCursor(col, len(f.head())+line)
}

// choiceStep is how far a key moves a choice: right and space to the
// next, left to the one before.
func choiceStep(k string) int {
	switch k {
	case "right", "l", "space", " ":
		return 1
	case "left", "h":
		return -1
	}
	return 0
}
