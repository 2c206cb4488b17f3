package kit

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// TextForm writes one text with the shared composer, such as a
// question on a handover note or a message to one's fellow; the text is
// kept as a draft while typed. ctrl+s hands it to submit, whose sentence
// goes to the status line; then the form closes and after runs.
type TextForm struct {
	c       *Common
	title   string
	quote   string // what is being answered, shown above
	comp    *Composer
	drafts  *DraftSaver
	context string
	submit  func(ctx context.Context, body string) (string, error)
	after   func() tea.Cmd
	// Help and Discard are the footer and the question on esc, from the
	// catalogue.
	Help, Discard string
	err           string
	closed        bool
	saving        bool
	width         int
	height        int
}

type textSentMsg struct {
	f    *TextForm
	note string
	err  error
}

// NewTextForm returns a form titled title, above quote (when not ""),
// whose draft is kept under draftContext and whose text is at most limit
// characters.
func NewTextForm(c *Common, title, quote, draftContext string, limit int, submit func(context.Context, string) (string, error), after func() tea.Cmd) *TextForm {
	f := &TextForm{c: c, title: title, quote: quote, context: draftContext, submit: submit, after: after,
		Help: c.Cat.T("hand.text.help"), Discard: c.Cat.T("hand.discard")}
	f.comp = NewComposer(c, limit)
	f.drafts = NewDraftSaver(c, draftContext)
	return f
}

func (f *TextForm) Init() tea.Cmd {
	return tea.Batch(f.comp.Focus(), LoadDraft(f.c, f.context))
}

func (f *TextForm) quoteLines() []string {
	if f.quote == "" {
		return nil
	}
	var out []string
	for i, l := range strings.Split(WrapWords(Clean(f.quote), f.width-4), "\n") {
		if i == 4 {
			out = append(out, "  ...")
			break
		}
		out = append(out, "  "+l)
	}
	return out
}

func (f *TextForm) SetSize(w, h int) {
	f.width, f.height = w, h
	f.comp.SetSize(w-2, h-4-len(f.quoteLines()))
}

// Closed is true once the text was sent or the form given up.
func (f *TextForm) Closed() bool { return f.closed }

// Flush saves the draft at once, before the program quits.
func (f *TextForm) Flush() tea.Cmd {
	if !f.Dirty() {
		return nil
	}
	return f.drafts.Flush(model.Draft{Body: f.comp.Value()})
}

func (f *TextForm) Dirty() bool { return strings.TrimSpace(f.comp.Value()) != "" }

func (f *TextForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	if cmd, ok, err := f.drafts.Update(msg); ok {
		if err != nil {
			f.err = f.c.Cat.T("composer.draft.unsaved", f.c.Cat.Err(err))
		}
		return cmd, true
	}
	switch msg := msg.(type) {
	case DraftLoadedMsg:
		if msg.Context != f.context {
			return nil, false
		}
		if msg.Draft != nil && f.comp.Value() == "" {
			f.comp.SetValue(msg.Draft.Body)
		}
		return nil, true
	case textSentMsg:
		if msg.f != f {
			return nil, false
		}
		f.saving = false
		if msg.err != nil {
			f.err = f.c.Cat.Err(msg.err)
			return nil, true
		}
		f.closed = true
		return tea.Batch(f.drafts.Discard(), StatusCmd(msg.note, false), f.after()), true
	case EditorDoneMsg:
		cmd := f.comp.Update(msg)
		return tea.Batch(cmd, f.changed()), true
	case DiscardMsg:
		if msg.Form != f {
			return nil, false
		}
		f.closed = true
		return f.drafts.Discard(), true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "esc":
			if f.comp.Previewing() {
				f.comp.TogglePreview()
			} else if f.Dirty() {
				return Confirm(f.Discard, func() tea.Msg { return DiscardMsg{Form: f} }), true
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
				return textSentMsg{f: f, note: note, err: err}
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

func (f *TextForm) changed() tea.Cmd {
	if !f.comp.Changed() {
		return nil
	}
	return f.drafts.Changed(model.Draft{Body: f.comp.Value()})
}

func (f *TextForm) View() string {
	st := f.c.Styles
	lines := []string{" " + st.Heading.Render(Clip(f.title, f.width-2))}
	for _, l := range f.quoteLines() {
		lines = append(lines, st.Muted.Render(l))
	}
	lines = append(lines, "")
	head := strings.Join(lines, "\n")
	body := Block(Indent(f.comp.View(), 1), f.width, f.height-len(lines)-2)
	foot := st.Muted.Render(f.Help)
	switch {
	case f.err != "":
		foot = st.Error.Render(f.err)
	case f.comp.Error() != "":
		foot = st.Error.Render(f.comp.Error())
	}
	return head + "\n" + body + "\n\n" + Fit(" "+foot, f.width)
}

func (f *TextForm) Cursor() *tea.Cursor {
	c := f.comp.Cursor()
	if c == nil {
		return nil
	}
	c.X++
	c.Y += 2 + len(f.quoteLines())
	return c
}
