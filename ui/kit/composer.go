package kit

import (
	"os"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// Composer is the markdown editor every form shares: threads, replies and
// handover sections. It uses the real terminal cursor, so that Japanese IME
// composition appears where the person types; ctrl+p toggles a rendered
// preview and ctrl+e hands the text to $VISUAL or $EDITOR.
//
// The owner passes it every message; it reports text changes through
// Changed, so that the owner can save a draft (see DraftSaver).
type Composer struct {
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

// EditorDoneMsg brings the text back from $EDITOR; a form passes it to
// its composer.
type EditorDoneMsg struct {
	c    *Composer
	text string
	err  error
}

func NewComposer(c *Common, limit int) *Composer {
	m := &Composer{c: c}
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

func (m *Composer) Value() string { return m.area.Value() }

// SetValue replaces the text, cleaned of control characters, and puts the
// cursor at its end.
func (m *Composer) SetValue(s string) {
	m.area.SetValue(model.CleanText(s))
	m.area.MoveToEnd()
}

func (m *Composer) Focus() tea.Cmd { return m.area.Focus() }
func (m *Composer) Blur()          { m.area.Blur() }

// Changed reports whether the text changed since the last call.
func (m *Composer) Changed() bool {
	ch := m.changed
	m.changed = false
	return ch
}

func (m *Composer) SetSize(w, h int) {
	if m.preview && w != m.width {
		m.rendered = RenderMarkdown(m.area.Value(), w, m.c.Cat)
	}
	m.width, m.height = w, max(h, 1)
	m.area.SetWidth(w)
	m.area.SetHeight(m.height)
}

// Previewing is true while the rendered preview is shown.
func (m *Composer) Previewing() bool { return m.preview }

// TogglePreview switches between the text and its rendered preview.
func (m *Composer) TogglePreview() {
	m.preview = !m.preview
	m.offset = 0
	if m.preview {
		m.rendered = RenderMarkdown(m.area.Value(), m.width, m.c.Cat)
	}
}

// Update handles keys and pastes while focused, and the editor's result.
func (m *Composer) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case EditorDoneMsg:
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
		case "ctrl+y":
			// A way to keep the text when nothing can be saved.
			return tea.Batch(tea.SetClipboard(m.area.Value()), StatusCmd(m.c.Cat.T("composer.copied"), false))
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
func (m *Composer) openEditor() tea.Cmd {
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
	return func() tea.Msg {
		return ExecMsg{Cmd: cmd, Done: func(err error) tea.Msg {
			defer os.Remove(name)
			if err != nil {
				return EditorDoneMsg{c: m, err: err}
			}
			b, err := os.ReadFile(name)
			return EditorDoneMsg{c: m, text: strings.TrimSuffix(string(b), "\n"), err: err}
		}}
	}
}

// View draws the text, or its preview, in exactly width x height.
func (m *Composer) View() string {
	if m.preview {
		lines := strings.Split(m.rendered, "\n")
		m.offset = min(m.offset, max(len(lines)-m.height, 0))
		return Block(strings.Join(lines[m.offset:], "\n"), m.width, m.height)
	}
	return Block(m.area.View(), m.width, m.height)
}

// Cursor is the real cursor relative to the composer's top left corner.
func (m *Composer) Cursor() *tea.Cursor {
	if m.preview || m.editing {
		return nil
	}
	return m.area.Cursor()
}

// Error is what went wrong with the editor, if anything.
func (m *Composer) Error() string { return m.err }
