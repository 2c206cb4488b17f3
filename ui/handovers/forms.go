package handovers

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

var handoverVisibilities = []string{model.HandoverVisDepartment, model.HandoverVisMunicipality, model.HandoverVisArea}

// handoverForm creates a note: duty, effective date and visibility; the
// sections come from the template.
type handoverForm struct {
	c          *kit.Common
	newID      kit.CreatedID // of the note it creates
	duty, date kit.LineInput
	visibility int
	focus      int
	errs       map[string]string
	general    string
	closed     bool
	saving     bool
	created    *model.Handover
	width      int
	height     int
}

type handoverCreatedMsg struct {
	f   *handoverForm
	h   *model.Handover
	err error
}

func newHandoverForm(c *kit.Common) *handoverForm {
	f := &handoverForm{c: c, errs: map[string]string{}}
	f.duty.Limit = model.MaxDutyLen
	f.date.Limit = 10
	// Transfers are mostly on 1 April: the next one is the default.
	now := c.Now().In(c.Loc())
	year := now.Year()
	if now.Month() >= time.April {
		year++
	}
	f.date.SetValue(time.Date(year, time.April, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
	return f
}

func (f *handoverForm) SetSize(w, h int) { f.width, f.height = w, h }
func (f *handoverForm) Dirty() bool      { return f.duty.Value() != "" }

func (f *handoverForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case handoverCreatedMsg:
		if msg.f != f {
			return nil, false
		}
		f.saving = false
		if msg.err != nil {
			f.fail(msg.err)
			return nil, true
		}
		f.created, f.closed = msg.h, true
		return nil, true
	case kit.DiscardMsg:
		f.closed = f.closed || msg.Form == f
		return nil, msg.Form == f
	case tea.PasteMsg:
		f.field().Update(msg)
		return nil, true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "esc":
			if f.Dirty() {
				return kit.AskDiscard(f.c, f), true
			}
			f.closed = true
			return nil, true
		case "ctrl+s":
			return f.save(), true
		case "tab", "down", "enter":
			if msg.String() == "enter" && f.focus == 2 {
				return f.save(), true
			}
			f.focus = (f.focus + 1) % 3
			return nil, true
		case "shift+tab", "up":
			f.focus = (f.focus + 2) % 3
			return nil, true
		}
		if f.focus == 2 {
			switch msg.String() {
			case "left", "h":
				f.visibility = (f.visibility + 2) % 3
			case "right", "l", "space", " ":
				f.visibility = (f.visibility + 1) % 3
			}
			return nil, true
		}
		if f.field().Update(msg) {
			delete(f.errs, map[int]string{0: "duty", 1: "effective_date"}[f.focus])
		}
		return nil, true
	}
	return nil, false
}

// fail shows why the note was not made, under the field at fault, and
// puts the focus there.
func (f *handoverForm) fail(err error) {
	var e *model.Error
	if !errors.As(err, &e) || e.Field == "" {
		f.general = f.c.Cat.Err(err)
		return
	}
	f.errs[e.Field] = f.c.Cat.Err(err)
	if i, ok := map[string]int{"duty": 0, "effective_date": 1, "visibility": 2}[e.Field]; ok {
		f.focus = i
	}
}

func (f *handoverForm) field() *kit.LineInput {
	if f.focus == 1 {
		return &f.date
	}
	return &f.duty
}

func (f *handoverForm) save() tea.Cmd {
	if f.saving {
		return nil
	}
	f.errs, f.general = map[string]string{}, ""
	h := &model.Handover{Duty: f.duty.Trimmed(), Visibility: handoverVisibilities[f.visibility]}
	d, err := time.Parse("2006-01-02", f.date.Trimmed())
	if err == nil {
		h.EffectiveDate = d
	}
	if err := h.Validate(); err != nil {
		f.fail(err)
		return nil
	}
	h.ID = f.newID.For(f.c.Now())
	f.saving = true
	store, ctx := f.c.Store, f.c.Ctx()
	return func() tea.Msg {
		err := store.CreateHandover(ctx, h)
		return handoverCreatedMsg{f: f, h: h, err: err}
	}
}

func (f *handoverForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	lines := []string{" " + st.Heading.Render(cat.T("hand.new.title")), ""}
	fieldW := f.width - kit.LabelWidth - 1
	label := func(i int, k string) string {
		s := " " + kit.Fit(cat.T(k), kit.LabelWidth-1)
		if f.focus == i {
			return st.FieldActive.Render(s)
		}
		return st.Label.Render(s)
	}
	errLine := func(field string) {
		if e, ok := f.errs[field]; ok {
			lines = append(lines, strings.Repeat(" ", kit.LabelWidth)+st.Error.Render(kit.Clip(e, fieldW)))
		}
	}
	duty, _ := f.duty.View(fieldW)
	lines = append(lines, label(0, "hand.form.duty")+duty)
	errLine("duty")
	date, _ := f.date.View(fieldW)
	lines = append(lines, label(1, "hand.form.date")+date)
	errLine("effective_date")
	vis := cat.T("hand.vis." + handoverVisibilities[f.visibility])
	vis = kit.Choice(st, vis, f.focus == 2)
	lines = append(lines, label(2, "hand.form.vis")+vis)
	errLine("visibility")
	lines = append(lines, "", " "+st.Muted.Render(kit.WrapWords(cat.T("hand.form.sections", strings.Join(model.DefaultSectionTitles, cat.T("list.sep"))), f.width-2)))
	body := kit.Block(strings.Join(lines, "\n"), f.width, f.height-2)
	foot := st.Muted.Render(cat.T("hand.form.help"))
	if f.general != "" {
		foot = st.Error.Render(f.general)
	}
	return body + "\n\n" + kit.Fit(" "+foot, f.width)
}

// Cursor is the real cursor in the focused field.
func (f *handoverForm) Cursor() *tea.Cursor {
	fieldW := f.width - kit.LabelWidth - 1
	switch f.focus {
	case 0:
		_, col := f.duty.View(fieldW)
		return tea.NewCursor(kit.LabelWidth+col, 2)
	case 1:
		_, col := f.date.View(fieldW)
		row := 3
		if _, ok := f.errs["duty"]; ok {
			row++
		}
		return tea.NewCursor(kit.LabelWidth+col, row)
	}
	return nil
}
