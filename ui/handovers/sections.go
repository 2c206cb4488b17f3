package handovers

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// sectionEditor edits a note's sections: add, rename, reorder and delete
// them, and write each body in the shared composer. Changes stay here until
// ctrl+s saves them all as one revision; bodies are kept as drafts while
// typed, so a crash loses nothing.
type sectionEditor struct {
	c        *kit.Common
	note     *model.Handover
	sections []model.HandoverSection
	saved    []model.HandoverSection // as last saved, to tell what changed
	cursor   int

	prompt  *kit.Prompt // a heading's name, to add or to rename
	adding  bool        // the prompt adds a heading (else renames)
	editing int         // the section whose body is in the composer, or -1
	comp    *kit.Composer
	drafts  *kit.DraftSaver
	touched map[string]bool // draft contexts written, to discard after a save

	message string
	isErr   bool
	closed  bool
	// wasSaved is true once a save succeeded, so that the screen reloads.
	wasSaved bool
	saving   bool
	width    int
	height   int
}

// sectionAnswerMsg is y to a question of the editor: throw the changes
// away ("discard"), or delete the heading at index ("delete").
type sectionAnswerMsg struct {
	e     *sectionEditor
	what  string
	index int
}

type sectionsSavedMsg struct {
	e   *sectionEditor
	h   *model.Handover
	err error
}

func newSectionEditor(c *kit.Common, h *model.Handover) *sectionEditor {
	e := &sectionEditor{c: c, note: h, editing: -1, touched: map[string]bool{}}
	e.sections = append([]model.HandoverSection{}, h.Sections...)
	e.saved = append([]model.HandoverSection{}, h.Sections...)
	return e
}

func (e *sectionEditor) SetSize(w, h int) {
	e.width, e.height = w, h
	if e.comp != nil {
		e.comp.SetSize(w-2, h-4)
	}
}

// Capturing: the editor takes every key while open.
func (e *sectionEditor) Capturing() bool { return true }

// Dirty is true when the sections differ from what was last saved.
func (e *sectionEditor) Dirty() bool {
	e.syncBody()
	return !sameSectionList(e.sections, e.saved)
}

func sameSectionList(a, b []model.HandoverSection) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Title != b[i].Title || a[i].Body != b[i].Body {
			return false
		}
	}
	return true
}

// syncBody copies the composer's text into the section being edited.
func (e *sectionEditor) syncBody() {
	if e.comp != nil && e.editing >= 0 && e.editing < len(e.sections) {
		e.sections[e.editing].Body = e.comp.Value()
	}
}

func (e *sectionEditor) draftContext(i int) string {
	s := e.sections[i]
	if s.ID != "" {
		return "handover:" + e.note.ID + ":" + s.ID
	}
	return "handover:" + e.note.ID + ":new:" + s.Title
}

func (e *sectionEditor) Update(msg tea.Msg) (tea.Cmd, bool) {
	if e.drafts != nil {
		if cmd, ok, err := e.drafts.Update(msg); ok {
			if err != nil {
				e.message, e.isErr = e.c.Cat.Err(err), true
			}
			return cmd, true
		}
	}
	switch msg := msg.(type) {
	case sectionAnswerMsg:
		if msg.e != e {
			return nil, false
		}
		switch {
		case msg.what == "discard":
			e.closed = true
		case msg.what == "delete" && msg.index < len(e.sections) && len(e.sections) > 1:
			e.sections = append(e.sections[:msg.index], e.sections[msg.index+1:]...)
			e.cursor = min(e.cursor, len(e.sections)-1)
		}
		return nil, true
	case sectionsSavedMsg:
		if msg.e != e {
			return nil, false
		}
		e.saving = false
		if msg.err != nil {
			e.message, e.isErr = e.c.Cat.Err(msg.err), true
			return nil, true
		}
		var cmds []tea.Cmd
		for ctx := range e.touched {
			cmds = append(cmds, kit.NewDraftSaver(e.c, ctx).Discard())
		}
		e.touched = map[string]bool{}
		if msg.h.Revision == e.note.Revision {
			e.message, e.isErr = e.c.Cat.T("hand.sec.nochange"), false
		} else {
			e.message, e.isErr = e.c.Cat.T("hand.sec.saved", msg.h.Revision), false
			e.wasSaved = true
		}
		e.note = msg.h
		e.sections = append([]model.HandoverSection{}, msg.h.Sections...)
		e.saved = append([]model.HandoverSection{}, msg.h.Sections...)
		return tea.Batch(cmds...), true
	case kit.DraftLoadedMsg:
		if e.comp == nil || e.editing < 0 || msg.Context != e.draftContext(e.editing) {
			return nil, false
		}
		if msg.Draft != nil && msg.Draft.Body != e.comp.Value() {
			e.comp.SetValue(msg.Draft.Body)
			e.syncBody()
			e.touched[msg.Context] = true
			e.message, e.isErr = e.c.Cat.T("hand.sec.draft"), false
		}
		return nil, true
	case kit.EditorDoneMsg:
		if e.comp == nil {
			return nil, false
		}
		cmd := e.comp.Update(msg)
		return tea.Batch(cmd, e.bodyChanged()), true
	case tea.PasteMsg:
		if e.comp != nil {
			cmd := e.comp.Update(msg)
			return tea.Batch(cmd, e.bodyChanged()), true
		}
		if e.prompt != nil {
			e.prompt.Paste(msg)
		}
		return nil, true
	case tea.KeyPressMsg:
		return e.key(msg), true
	}
	return nil, false
}

func (e *sectionEditor) bodyChanged() tea.Cmd {
	if e.comp == nil || !e.comp.Changed() {
		return nil
	}
	e.syncBody()
	ctx := e.draftContext(e.editing)
	e.touched[ctx] = true
	return e.drafts.Changed(model.Draft{Title: e.sections[e.editing].Title, Body: e.comp.Value()})
}

func (e *sectionEditor) key(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() != "ctrl+s" {
		e.message = ""
	}
	if e.comp != nil {
		switch msg.String() {
		case "esc":
			if e.comp.Previewing() {
				e.comp.TogglePreview()
				return nil
			}
			e.syncBody()
			e.comp, e.editing = nil, -1
			return nil
		case "ctrl+s":
			e.syncBody()
			return e.save()
		}
		cmd := e.comp.Update(msg)
		return tea.Batch(cmd, e.bodyChanged())
	}
	if e.prompt != nil {
		done, ok := e.prompt.Update(e.c, msg)
		if !done {
			return nil
		}
		title := e.prompt.Input.Trimmed()
		e.prompt = nil
		if !ok {
			return nil
		}
		if e.adding {
			at := min(e.cursor+1, len(e.sections))
			e.sections = append(e.sections[:at], append([]model.HandoverSection{{Title: title}}, e.sections[at:]...)...)
			e.cursor = at
		} else {
			e.sections[e.cursor].Title = title
		}
		return nil
	}
	ask := func(what, text string) tea.Cmd {
		i := e.cursor
		return kit.Confirm(text, func() tea.Msg { return sectionAnswerMsg{e: e, what: what, index: i} })
	}
	switch msg.String() {
	case "esc", "q":
		if e.Dirty() {
			return ask("discard", e.c.Cat.T("hand.sec.discard", kit.Clean(e.note.Duty)))
		}
		e.closed = true
	case "up", "k":
		e.cursor = max(e.cursor-1, 0)
	case "down", "j":
		e.cursor = min(e.cursor+1, len(e.sections)-1)
	case "K":
		if e.cursor > 0 {
			e.sections[e.cursor], e.sections[e.cursor-1] = e.sections[e.cursor-1], e.sections[e.cursor]
			e.cursor--
		}
	case "J":
		if e.cursor < len(e.sections)-1 {
			e.sections[e.cursor], e.sections[e.cursor+1] = e.sections[e.cursor+1], e.sections[e.cursor]
			e.cursor++
		}
	case "a", "n":
		e.prompt = kit.NewPrompt(e.c.Cat.T("hand.sec.new"), "", model.MaxSectionTitleLen)
		e.prompt.Required, e.adding = true, true
	case "r":
		if len(e.sections) > 0 {
			e.prompt = kit.NewPrompt(e.c.Cat.T("hand.sec.rename", kit.Clean(e.sections[e.cursor].Title)), "", model.MaxSectionTitleLen)
			e.prompt.Required, e.adding = true, false
			e.prompt.Input.SetValue(e.sections[e.cursor].Title)
		}
	case "d", "D":
		if len(e.sections) <= 1 {
			e.message, e.isErr = e.c.Cat.T("hand.sec.last"), true
			return nil
		}
		return ask("delete", e.c.Cat.T("hand.sec.delete.ask", kit.Clean(e.sections[e.cursor].Title)))
	case "enter", "e":
		if len(e.sections) == 0 {
			return nil
		}
		e.editing = e.cursor
		e.comp = kit.NewComposer(e.c, model.MaxSectionBodyLen)
		e.comp.SetValue(e.sections[e.cursor].Body)
		e.comp.SetSize(e.width-2, e.height-4)
		ctx := e.draftContext(e.cursor)
		e.drafts = kit.NewDraftSaver(e.c, ctx)
		return tea.Batch(e.comp.Focus(), kit.LoadDraft(e.c, ctx))
	case "ctrl+s":
		return e.save()
	}
	return nil
}

func (e *sectionEditor) save() tea.Cmd {
	if e.saving {
		return nil
	}
	if err := model.ValidateSections(e.sections); err != nil {
		e.message, e.isErr = e.c.Cat.Err(err), true
		return nil
	}
	e.saving = true
	store, ctx, id, base := e.c.Store, e.c.Ctx(), e.note.ID, e.note.Revision
	sections := append([]model.HandoverSection{}, e.sections...)
	return func() tea.Msg {
		h, err := store.SaveSections(ctx, id, base, sections)
		return sectionsSavedMsg{e: e, h: h, err: err}
	}
}

func (e *sectionEditor) View() string {
	st, cat := e.c.Styles, e.c.Cat
	if e.comp != nil {
		head := " " + st.Heading.Render(kit.Clip(cat.T("hand.sec.body", kit.Clean(e.sections[e.editing].Title)), e.width-2))
		body := kit.Block(kit.Indent(e.comp.View(), 1), e.width, e.height-4)
		return kit.Fit(head, e.width) + "\n\n" + body + "\n\n" + e.footer(cat.T("hand.sec.body.help"))
	}
	lines := []string{" " + st.Heading.Render(kit.Clip(cat.T("hand.sec.title", kit.Clean(e.note.Duty), e.note.Revision), e.width-2)), ""}
	saved := map[string]model.HandoverSection{}
	for _, s := range e.saved {
		saved[s.ID] = s
	}
	rows := e.height - 5
	top := max(0, e.cursor-rows+1)
	for i := top; i < len(e.sections) && i < top+rows; i++ {
		s := e.sections[i]
		mark := ""
		if old, ok := saved[s.ID]; !ok || old.Title != s.Title || old.Body != s.Body || old.Position != i {
			mark = st.BadgeWarn.Render(cat.T("hand.sec.edited"))
		}
		info := st.Muted.Render(cat.T("hand.sec.chars", utf8.RuneCountInString(s.Body))) + "  " + mark
		name := fmt.Sprintf("%2d. %s", i+1, kit.Clean(s.Title))
		left := "   " + name
		if i == e.cursor {
			left = " > " + name
		}
		row := kit.Clip(left, e.width-kit.Width(info)-2)
		row += strings.Repeat(" ", max(e.width-kit.Width(row)-kit.Width(info)-1, 1)) + info
		if i == e.cursor {
			row = st.Selected.Render(kit.Fit(row, e.width))
		}
		lines = append(lines, row)
	}
	body := kit.Block(strings.Join(lines, "\n"), e.width, e.height-2)
	if e.prompt != nil {
		body = kit.Overlay(body, e.prompt.View(e.c, e.width), e.width, e.height-2)
	}
	return body + "\n\n" + e.footer(cat.T("hand.sec.help"))
}

func (e *sectionEditor) footer(help string) string {
	st := e.c.Styles
	foot := st.Muted.Render(help)
	switch {
	case e.message != "" && e.isErr:
		foot = st.Error.Render(e.message)
	case e.message != "":
		foot = st.Notice.Render(e.message)
	case e.comp != nil && e.comp.Error() != "":
		foot = st.Error.Render(e.comp.Error())
	}
	return kit.Fit(" "+foot, e.width)
}

func (e *sectionEditor) Cursor() *tea.Cursor {
	if e.comp != nil {
		c := e.comp.Cursor()
		if c == nil {
			return nil
		}
		c.X++
		c.Y += 2
		return c
	}
	if e.prompt != nil {
		return e.prompt.Cursor(e.c, e.width, e.height-2)
	}
	return nil
}
