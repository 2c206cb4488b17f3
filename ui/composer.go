package ui

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// composer is the markdown editor every form shares: threads, replies and
// handover sections. It uses the real terminal cursor, so that Japanese IME
// composition appears where the person types; ctrl+p toggles a rendered
// preview and ctrl+e hands the text to $VISUAL or $EDITOR.
//
// The owner passes it every message; it reports text changes through
// Changed, so that the owner can save a draft (see draftSaver).
type composer struct {
	c        *Common
	area     textarea.Model
	preview  bool
	rendered string
	offset   int // preview scroll
	width    int
	height   int
	// editing is true while $EDITOR runs; the composer ignores keys then.
	editing bool
	changed bool
	err     string
}

// editorDoneMsg brings the text back from $EDITOR.
type editorDoneMsg struct {
	c    *composer
	text string
	err  error
}

func newComposer(c *Common, limit int) *composer {
	m := &composer{c: c}
	m.area = textarea.New()
	m.area.ShowLineNumbers = false
	m.area.Prompt = ""
	m.area.CharLimit = limit
	m.area.MaxHeight = 0
	m.area.SetVirtualCursor(false)
	st := m.area.Styles()
	st.Focused.CursorLine = st.Focused.Text
	m.area.SetStyles(st)
	return m
}

func (m *composer) Value() string { return m.area.Value() }

// SetValue replaces the text, cleaned of control characters, and puts the
// cursor at its end.
func (m *composer) SetValue(s string) {
	m.area.SetValue(model.CleanText(s))
	m.area.MoveToEnd()
}

func (m *composer) Focus() tea.Cmd { return m.area.Focus() }
func (m *composer) Blur()          { m.area.Blur() }

// Changed reports whether the text changed since the last call.
func (m *composer) Changed() bool {
	ch := m.changed
	m.changed = false
	return ch
}

func (m *composer) SetSize(w, h int) {
	if m.preview && w != m.width {
		m.rendered = markdown.Render(m.area.Value(), w)
	}
	m.width, m.height = w, max(h, 1)
	m.area.SetWidth(w)
	m.area.SetHeight(m.height)
}

// Previewing is true while the rendered preview is shown.
func (m *composer) Previewing() bool { return m.preview }

// TogglePreview switches between the text and its rendered preview.
func (m *composer) TogglePreview() {
	m.preview = !m.preview
	m.offset = 0
	if m.preview {
		m.rendered = markdown.Render(m.area.Value(), m.width)
	}
}

// Update handles keys and pastes while focused, and the editor's result.
func (m *composer) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case editorDoneMsg:
		if msg.c != m {
			return nil
		}
		m.editing = false
		if msg.err != nil {
			m.err = m.c.Cat.T("composer.editor.failed", msg.err.Error())
			return nil
		}
		m.err = ""
		if msg.text != m.area.Value() {
			m.SetValue(msg.text)
			m.changed = true
		}
		return nil
	case tea.KeyPressMsg:
		if m.editing || !m.area.Focused() {
			return nil
		}
		switch msg.String() {
		case "ctrl+p":
			m.TogglePreview()
			return nil
		case "ctrl+e":
			return m.openEditor()
		}
		if m.preview {
			switch msg.String() {
			case "up", "k":
				m.offset = max(m.offset-1, 0)
			case "down", "j":
				m.offset++
			}
			return nil
		}
	case tea.PasteMsg:
		if m.editing || !m.area.Focused() || m.preview {
			return nil
		}
	default:
		if !m.area.Focused() {
			return nil
		}
	}
	before := m.area.Value()
	var cmd tea.Cmd
	m.area, cmd = m.area.Update(msg)
	if m.area.Value() != before {
		m.changed = true
		m.err = ""
	}
	return cmd
}

// openEditor writes the text to a temporary file, runs $VISUAL or $EDITOR
// on it in the terminal, and brings the result back.
func (m *composer) openEditor() tea.Cmd {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		m.err = m.c.Cat.T("composer.editor.none")
		return nil
	}
	f, err := os.CreateTemp("", "hiroba-*.md")
	if err != nil {
		m.err = m.c.Cat.T("composer.editor.failed", err.Error())
		return nil
	}
	name := f.Name()
	_, err = f.WriteString(m.area.Value())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		m.err = m.c.Cat.T("composer.editor.failed", err.Error())
		return nil
	}
	// The editor setting may carry arguments, such as "code --wait".
	args := strings.Fields(editor)
	cmd := exec.Command(args[0], append(args[1:], name)...)
	m.editing = true
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		defer os.Remove(name)
		if err != nil {
			return editorDoneMsg{c: m, err: err}
		}
		b, err := os.ReadFile(name)
		return editorDoneMsg{c: m, text: strings.TrimSuffix(string(b), "\n"), err: err}
	})
}

// View draws the text, or its preview, in exactly width x height.
func (m *composer) View() string {
	if m.preview {
		lines := strings.Split(m.rendered, "\n")
		m.offset = min(m.offset, max(len(lines)-m.height, 0))
		return block(strings.Join(lines[m.offset:], "\n"), m.width, m.height)
	}
	return block(m.area.View(), m.width, m.height)
}

// Cursor is the real cursor relative to the composer's top left corner.
func (m *composer) Cursor() *tea.Cursor {
	if m.preview || m.editing {
		return nil
	}
	return m.area.Cursor()
}

// Error is what went wrong with the editor, if anything.
func (m *composer) Error() string { return m.err }

// draftSaver saves a form's draft as the person types, so that quitting,
// a crash or a closed terminal loses nothing. One save runs at a time;
// changes made meanwhile are saved together when it ends, so fast typing
// makes few writes and the newest text always wins.
type draftSaver struct {
	store   model.DraftService
	ctx     context.Context
	context string

	mu        sync.Mutex // held while a save or delete runs
	discarded bool       // under mu: a save that starts later must not bring the draft back
	inFlight  bool
	pending   *model.Draft
}

type draftSavedMsg struct {
	s   *draftSaver
	err error
}

func newDraftSaver(c *Common, context string) *draftSaver {
	return &draftSaver{store: c.Store, ctx: c.Ctx(), context: context}
}

// Changed saves d now, or as soon as the save under way ends.
func (s *draftSaver) Changed(d model.Draft) tea.Cmd {
	if s == nil {
		return nil
	}
	d.Context = s.context
	if s.inFlight {
		s.pending = &d
		return nil
	}
	return s.save(d)
}

// Now saves d, for when the form closes or the program quits.
func (s *draftSaver) Now(d model.Draft) tea.Cmd {
	if s == nil {
		return nil
	}
	s.pending = nil
	d.Context = s.context
	return s.save(d)
}

func (s *draftSaver) save(d model.Draft) tea.Cmd {
	s.inFlight = true
	return func() tea.Msg {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.discarded {
			return draftSavedMsg{s: s}
		}
		return draftSavedMsg{s: s, err: s.store.SaveDraft(s.ctx, &d)}
	}
}

// Update takes the end of a save and starts the next one if the text
// changed meanwhile. It reports whether the message was this saver's, and
// any save error.
func (s *draftSaver) Update(msg tea.Msg) (tea.Cmd, bool, error) {
	m, ok := msg.(draftSavedMsg)
	if !ok || m.s != s {
		return nil, false, nil
	}
	s.inFlight = false
	if s.pending != nil {
		d := *s.pending
		s.pending = nil
		return s.save(d), true, m.err
	}
	return nil, true, m.err
}

// Discard forgets the draft, after the text was posted or thrown away.
func (s *draftSaver) Discard() tea.Cmd {
	if s == nil {
		return nil
	}
	s.pending = nil
	return func() tea.Msg {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.discarded = true
		s.store.DeleteDraft(s.ctx, s.context)
		return nil
	}
}

// loadDraft reads the person's draft for context, if any.
func loadDraft(c *Common, context string) tea.Cmd {
	store, ctx := c.Store, c.Ctx()
	return func() tea.Msg {
		d, err := store.DraftByContext(ctx, context)
		if err != nil {
			return draftLoadedMsg{context: context}
		}
		return draftLoadedMsg{context: context, draft: d}
	}
}

// draftLoadedMsg carries a draft found for context (nil when none).
type draftLoadedMsg struct {
	context string
	draft   *model.Draft
}
