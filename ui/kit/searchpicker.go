package kit

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// SearchPicker chooses one of many options read from the store, such as a community or a
// call for help, narrowed by the words typed: every letter is text, the
// arrow keys move, enter chooses and esc gives up. Options are loaded in
// a command when typing pauses, so that a long list is never read whole.
// It draws itself as a box over the screen (View) and places the real
// cursor in its field (Cursor), for IME composition.
type SearchPicker struct {
	c       *Common
	title   string
	load    func(ctx context.Context, query string) ([]Option, error)
	query   LineInput
	options []Option
	cursor  int
	top     int
	seq     int
	loaded  bool
	err     error
}

// searchPickerMsg brings a picker the options for its words; seq drops
// an answer to words typed over since.
type searchPickerMsg struct {
	p       *SearchPicker
	seq     int
	options []Option
	err     error
}

type searchPickerTickMsg struct {
	p   *SearchPicker
	seq int
}

// pickerDelay waits for typing to pause before reading.
const pickerDelay = 150 * time.Millisecond

// NewSearchPicker returns a picker whose options for the words typed are
// read by load (in a command).
func NewSearchPicker(c *Common, title string, load func(ctx context.Context, query string) ([]Option, error)) *SearchPicker {
	p := &SearchPicker{c: c, title: title, load: load}
	p.query.Limit = 60
	return p
}

// Init reads the options for no words.
func (p *SearchPicker) Init() tea.Cmd { return p.fetch() }

func (p *SearchPicker) fetch() tea.Cmd {
	p.seq++
	seq, load, ctx, q := p.seq, p.load, p.c.Ctx(), p.query.Trimmed()
	return func() tea.Msg {
		opts, err := load(ctx, q)
		return searchPickerMsg{p: p, seq: seq, options: opts, err: err}
	}
}

// Update takes a key, a paste or the picker's own loads. done is true when
// the person chose (ok, see Selected) or gave up (!ok); used is false for
// a message that is not the picker's.
func (p *SearchPicker) Update(msg tea.Msg) (cmd tea.Cmd, done, ok, used bool) {
	switch msg := msg.(type) {
	case searchPickerMsg:
		if msg.p != p {
			return nil, false, false, false
		}
		if msg.seq == p.seq {
			p.options, p.err, p.loaded = msg.options, msg.err, true
			p.cursor, p.top = 0, 0
		}
		return nil, false, false, true
	case searchPickerTickMsg:
		if msg.p != p {
			return nil, false, false, false
		}
		if msg.seq == p.seq {
			return p.fetch(), false, false, true
		}
		return nil, false, false, true
	case tea.PasteMsg:
		p.query.Update(msg)
		return p.typed(), false, false, true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "up", "ctrl+p":
			p.cursor = max(p.cursor-1, 0)
		case "down", "ctrl+n":
			p.cursor = min(p.cursor+1, max(len(p.options)-1, 0))
		case "pgup":
			p.cursor = max(p.cursor-10, 0)
		case "pgdown":
			p.cursor = min(p.cursor+10, max(len(p.options)-1, 0))
		case "enter":
			if _, has := p.Selected(); has {
				return nil, true, true, true
			}
		case "esc":
			return nil, true, false, true
		default:
			if p.query.Update(msg) {
				return p.typed(), false, false, true
			}
		}
		return nil, false, false, true
	}
	return nil, false, false, false
}

// typed waits for typing to pause, then reads.
func (p *SearchPicker) typed() tea.Cmd {
	p.seq++
	return p.c.After(pickerDelay, searchPickerTickMsg{p: p, seq: p.seq})
}

// Selected is the option under the cursor, if there is one.
func (p *SearchPicker) Selected() (Option, bool) {
	if p.cursor < 0 || p.cursor >= len(p.options) {
		return Option{}, false
	}
	return p.options[p.cursor], true
}

// boxWidth is the width inside the box's border and padding, for a screen
// w cells wide.
func (p *SearchPicker) boxWidth(w int) int { return max(min(w-8, 70), 20) }

// View draws the box for a screen of w x h: title, words, options.
func (p *SearchPicker) View(w, h int) string {
	st, cat := p.c.Styles, p.c.Cat
	bw := p.boxWidth(w)
	field, _ := p.query.View(bw - 2)
	lines := []string{st.Heading.Render(Fit(p.title, bw)), st.Key.Render("/ ") + field}
	rows := max(h-8, 1)
	switch {
	case p.err != nil:
		lines = append(lines, st.Error.Render(Fit(cat.Err(p.err), bw)))
	case !p.loaded:
		lines = append(lines, st.Muted.Render(Fit(cat.T("loading"), bw)))
	case len(p.options) == 0:
		lines = append(lines, st.Muted.Render(Fit(cat.T("picker.nomatch"), bw)))
	default:
		if p.cursor < p.top {
			p.top = p.cursor
		} else if p.cursor >= p.top+rows {
			p.top = p.cursor - rows + 1
		}
		for i := p.top; i < min(p.top+rows, len(p.options)); i++ {
			label := Clean(p.options[i].Label)
			if i == p.cursor {
				lines = append(lines, st.Selected.Render(Fit("> "+label, bw)))
			} else {
				lines = append(lines, Fit("  "+label, bw))
			}
		}
	}
	lines = append(lines, st.Muted.Render(Fit(cat.T("picker.filter.help"), bw)))
	return st.Overlay.Render(strings.Join(lines, "\n"))
}

// Cursor is the real cursor in the words field, for the box drawn by
// View over a screen of w x h with Overlay.
func (p *SearchPicker) Cursor(w, h int) *tea.Cursor {
	box := p.View(w, h)
	bw, bh := Width(strings.SplitN(box, "\n", 2)[0]), strings.Count(box, "\n")+1
	x, y := max((w-bw)/2, 0), max((h-bh)/2, 0)
	_, col := p.query.View(p.boxWidth(w) - 2)
	// The border and the padding take two cells, the title a line; the
	// field comes after "/ ".
	return tea.NewCursor(x+2+2+col, y+2)
}
