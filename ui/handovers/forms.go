package handovers

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// handPrompt is a one-line question in a box over the screen, such as the
// comment on acknowledgement.
type handPrompt struct {
	title string
	what  string
	input kit.LineInput
}

// View draws the box; w is the width of the field.
func (p *handPrompt) View(c *kit.Common, w int) string {
	st := c.Styles
	field, _ := p.input.View(w)
	return st.Overlay.Render(st.Heading.Render(kit.Fit(p.title, w)) + "\n" + field + "\n" + st.Muted.Render(kit.Fit(c.Cat.T("hand.prompt.help"), w)))
}

var handoverVisibilities = []string{model.HandoverVisDepartment, model.HandoverVisMunicipality, model.HandoverVisArea}

// handoverForm creates a note: duty, effective date and visibility; the
// sections come from the template.
type handoverForm struct {
	c          *kit.Common
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
			var e *model.Error
			if errors.As(msg.err, &e) && e.Field != "" {
				f.errs[e.Field] = f.c.Cat.Err(msg.err)
			} else {
				f.general = f.c.Cat.Err(msg.err)
			}
			return nil, true
		}
		f.created, f.closed = msg.h, true
		return nil, true
	case tea.PasteMsg:
		f.field().Update(msg)
		return nil, true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "esc":
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
		f.field().Update(msg)
		return nil, true
	}
	return nil, false
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
		var e *model.Error
		if errors.As(err, &e) {
			f.errs[e.Field] = f.c.Cat.Err(err)
		}
		return nil
	}
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
	if f.focus == 2 {
		vis = st.Key.Render("< ") + vis + st.Key.Render(" >")
	} else {
		vis = "  " + vis
	}
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

// handTextForm writes a question or an answer with the shared composer;
// the text is kept as a draft while typed.
type handTextForm struct {
	c       *kit.Common
	title   string
	quote   string // the question being answered
	comp    *kit.Composer
	drafts  *kit.DraftSaver
	context string
	submit  func(ctx context.Context, body string) (string, error)
	after   func(reload bool) tea.Cmd
	err     string
	discard bool
	closed  bool
	saving  bool
	width   int
	height  int
}

type handTextSentMsg struct {
	f    *handTextForm
	note string
	err  error
}

func newHandTextForm(c *kit.Common, title, quote, draftContext string, submit func(context.Context, string) (string, error), after func(bool) tea.Cmd) *handTextForm {
	f := &handTextForm{c: c, title: title, quote: quote, context: draftContext, submit: submit, after: after}
	f.comp = kit.NewComposer(c, model.MaxQuestionLen)
	f.drafts = kit.NewDraftSaver(c, draftContext)
	return f
}

func (f *handTextForm) Init() tea.Cmd {
	return tea.Batch(f.comp.Focus(), kit.LoadDraft(f.c, f.context))
}

func (f *handTextForm) quoteLines() []string {
	if f.quote == "" {
		return nil
	}
	var out []string
	for i, l := range strings.Split(kit.WrapWords(kit.Clean(f.quote), f.width-4), "\n") {
		if i == 4 {
			out = append(out, "  ...")
			break
		}
		out = append(out, "  "+l)
	}
	return out
}

func (f *handTextForm) SetSize(w, h int) {
	f.width, f.height = w, h
	f.comp.SetSize(w-2, h-4-len(f.quoteLines()))
}

func (f *handTextForm) Dirty() bool { return strings.TrimSpace(f.comp.Value()) != "" }

func (f *handTextForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	if cmd, ok, err := f.drafts.Update(msg); ok {
		if err != nil {
			f.err = f.c.Cat.Err(err)
		}
		return cmd, true
	}
	switch msg := msg.(type) {
	case kit.DraftLoadedMsg:
		if msg.Context != f.context {
			return nil, false
		}
		if msg.Draft != nil && f.comp.Value() == "" {
			f.comp.SetValue(msg.Draft.Body)
		}
		return nil, true
	case handTextSentMsg:
		if msg.f != f {
			return nil, false
		}
		f.saving = false
		if msg.err != nil {
			f.err = f.c.Cat.Err(msg.err)
			return nil, true
		}
		f.closed = true
		return tea.Batch(f.drafts.Discard(), kit.StatusCmd(msg.note, false), f.after(false)), true
	case kit.EditorDoneMsg:
		cmd := f.comp.Update(msg)
		return tea.Batch(cmd, f.changed()), true
	case tea.KeyPressMsg:
		if f.discard {
			f.discard = false
			if msg.String() == "y" {
				f.closed = true
				return f.drafts.Discard(), true
			}
			return nil, true
		}
		switch msg.String() {
		case "esc":
			if f.comp.Previewing() {
				f.comp.TogglePreview()
			} else if f.Dirty() {
				f.discard = true
			} else {
				f.closed = true
			}
			return nil, true
		case "ctrl+s":
			if f.saving || !f.Dirty() {
				return nil, true
			}
			f.saving = true
			submit, ctx, body := f.submit, f.c.Ctx(), f.comp.Value()
			return func() tea.Msg {
				note, err := submit(ctx, body)
				return handTextSentMsg{f: f, note: note, err: err}
			}, true
		}
		cmd := f.comp.Update(msg)
		return tea.Batch(cmd, f.changed()), true
	case tea.PasteMsg:
		cmd := f.comp.Update(msg)
		return tea.Batch(cmd, f.changed()), true
	}
	return nil, false
}

func (f *handTextForm) changed() tea.Cmd {
	if !f.comp.Changed() {
		return nil
	}
	return f.drafts.Changed(model.Draft{Body: f.comp.Value()})
}

func (f *handTextForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	lines := []string{" " + st.Heading.Render(kit.Clip(f.title, f.width-2))}
	for _, l := range f.quoteLines() {
		lines = append(lines, st.Muted.Render(l))
	}
	lines = append(lines, "")
	head := strings.Join(lines, "\n")
	body := kit.Block(kit.Indent(f.comp.View(), 1), f.width, f.height-len(lines)-2)
	foot := st.Muted.Render(cat.T("hand.text.help"))
	switch {
	case f.discard:
		foot = st.Error.Render(cat.T("hand.discard"))
	case f.err != "":
		foot = st.Error.Render(f.err)
	case f.comp.Error() != "":
		foot = st.Error.Render(f.comp.Error())
	}
	return head + "\n" + body + "\n\n" + kit.Fit(" "+foot, f.width)
}

func (f *handTextForm) Cursor() *tea.Cursor {
	if f.discard {
		return nil
	}
	c := f.comp.Cursor()
	if c == nil {
		return nil
	}
	c.X++
	c.Y += 2 + len(f.quoteLines())
	return c
}
