package ui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// browser is the shape every screen shares: a filter line, a paged list on
// the left and the selected item's rendered detail on the right.
type browser[T any] struct {
	c          *Common
	list       *pagedList[T]
	detail     detailPane
	itemHeight int
	// row draws one item in exactly itemHeight lines of w cells.
	row func(item T, w int, selected bool) []string
	// idOf names an item, so that a detail rendered for another is dropped.
	idOf func(T) string
	// document loads and renders an item's detail at width w; it runs in a
	// tea.Cmd.
	document func(ctx context.Context, item T, w int) (string, error)
	empty    string // catalogue key shown when the list is empty

	focusDetail bool
	width       int
	height      int
	listWidth   int
	header      string // the filter line, set by the screen
	seq         int    // debounce counter for detail loads
	shownID     string
	following   string // the item the cursor stays on across a live reload (live.go)
}

type detailTickMsg struct {
	b   any
	seq int
}

const detailDelay = 60 * time.Millisecond

func (b *browser[T]) SetSize(w, h int) tea.Cmd {
	b.width, b.height = w, h
	b.listWidth = max(36, w*2/5)
	b.list.SetRows((h - 1) / b.itemHeight)
	b.detail.SetSize(w-b.listWidth-1, h-1)
	b.shownID = ""
	if b.list.gen == 0 {
		return nil // the screen has not been shown yet
	}
	return tea.Batch(b.list.ensure(b.c.Ctx()), b.loadDetail())
}

// Update handles list loads, detail renders and the keys every list shares.
// It reports whether it used the message.
func (b *browser[T]) Update(msg tea.Msg) (bool, tea.Cmd) {
	ctx := b.c.Ctx()
	if ok, cmd := b.list.Update(ctx, msg); ok {
		b.followSelected()
		return true, tea.Batch(cmd, b.selectionChanged())
	}
	switch msg := msg.(type) {
	case dataChangedMsg:
		return true, b.liveReload()
	case detailRenderedMsg:
		if msg.pane == &b.detail {
			b.detail.Set(msg)
			return true, nil
		}
	case browserShowMsg:
		if msg.b != b {
			return false, nil
		}
		if msg.err != nil {
			return true, statusCmd(b.c.Cat.Err(msg.err), true)
		}
		return true, b.Show(*msg.item.(*T))
	case detailTickMsg:
		if msg.b == b {
			if msg.seq == b.seq {
				return true, b.loadDetail()
			}
			return true, nil
		}
	case tea.KeyPressMsg:
		return b.key(msg)
	case tea.MouseWheelMsg:
		d := 3
		if msg.Button == tea.MouseWheelUp {
			d = -3
		}
		if msg.X > b.listWidth {
			b.detail.Scroll(d)
			return true, nil
		}
		return true, tea.Batch(b.list.Move(ctx, d), b.selectionChanged())
	case tea.MouseClickMsg:
		// Row 0 is the tab bar and row 1 the filter line.
		y := msg.Y - 2
		if y < 0 {
			return false, nil
		}
		if msg.X < b.listWidth {
			b.focusDetail = false
			return true, tea.Batch(b.list.MoveTo(ctx, b.list.top+y/b.itemHeight), b.selectionChanged())
		}
		b.focusDetail = true
		return true, nil
	}
	return false, nil
}

func (b *browser[T]) key(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := b.c.Keys
	ctx := b.c.Ctx()
	if b.focusDetail {
		switch {
		case key.Matches(msg, k.Up):
			b.detail.Scroll(-1)
		case key.Matches(msg, k.Down):
			b.detail.Scroll(1)
		case key.Matches(msg, k.PageUp):
			b.detail.Scroll(-b.detail.height + 1)
		case key.Matches(msg, k.PageDown):
			b.detail.Scroll(b.detail.height - 1)
		case key.Matches(msg, k.Top):
			b.detail.Top()
		case key.Matches(msg, k.Bottom):
			b.detail.Bottom()
		case key.Matches(msg, k.Back):
			b.focusDetail = false
		default:
			return false, nil
		}
		return true, nil
	}
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, k.Up):
		cmd = b.list.Move(ctx, -1)
	case key.Matches(msg, k.Down):
		cmd = b.list.Move(ctx, 1)
	case key.Matches(msg, k.PageUp):
		cmd = b.list.Move(ctx, -b.list.rows)
	case key.Matches(msg, k.PageDown):
		cmd = b.list.Move(ctx, b.list.rows)
	case key.Matches(msg, k.Top):
		cmd = b.list.MoveTo(ctx, 0)
	case key.Matches(msg, k.Bottom):
		cmd = b.list.MoveTo(ctx, b.list.Len()-1)
	case key.Matches(msg, k.Open):
		if _, ok := b.list.Selected(); ok {
			b.focusDetail = true
		}
		return true, nil
	default:
		return false, nil
	}
	return true, tea.Batch(cmd, b.selectionChanged())
}

// selectionChanged schedules the detail of the selected item, a little
// later, so that holding a key down does not render every item passed.
func (b *browser[T]) selectionChanged() tea.Cmd {
	item, ok := b.list.Selected()
	if !ok {
		if b.list.Loaded() && b.list.Len() == 0 {
			b.detail.Clear()
			b.shownID = ""
		}
		return nil
	}
	if b.idOf(item) == b.shownID {
		return nil
	}
	if b.detail.id == "" {
		// Nothing is shown yet: no reason to wait.
		return b.loadDetail()
	}
	b.seq++
	seq := b.seq
	return tea.Tick(detailDelay, func(time.Time) tea.Msg { return detailTickMsg{b: b, seq: seq} })
}

// Refresh renders the selected item's detail again, for after a change.
func (b *browser[T]) Refresh() tea.Cmd {
	b.shownID = ""
	return b.loadDetail()
}

func (b *browser[T]) loadDetail() tea.Cmd {
	item, ok := b.list.Selected()
	if !ok {
		return nil
	}
	return b.render(item)
}

// Show renders item in the detail pane and focuses it, whether or not the
// list holds it: for a search result or an inbox entry. Moving the cursor
// shows the list's item again.
func (b *browser[T]) Show(item T) tea.Cmd {
	b.focusDetail = true
	return b.render(item)
}

// browserShowMsg carries an item that Open loaded.
type browserShowMsg struct {
	b    any
	item any
	err  error
}

// Open loads one item, such as a search result, and shows it with Show.
func (b *browser[T]) Open(load func(ctx context.Context) (*T, error)) tea.Cmd {
	ctx := b.c.Ctx()
	return func() tea.Msg {
		item, err := load(ctx)
		return browserShowMsg{b: b, item: item, err: err}
	}
}

func (b *browser[T]) render(item T) tea.Cmd {
	if b.detail.width <= 0 {
		return nil
	}
	id := b.idOf(item)
	b.shownID = id
	ctx, w, pane, doc := b.c.Ctx(), b.detail.width, &b.detail, b.document
	cat := b.c.Cat
	return func() tea.Msg {
		text, err := doc(ctx, item, w)
		if err != nil {
			text = b.c.Styles.Error.Render(cat.Err(err))
		}
		return detailRenderedMsg{pane: pane, id: id, width: w, text: text}
	}
}

// View draws the filter line and the two panes in exactly width x height.
func (b *browser[T]) View() string {
	st := b.c.Styles
	h := b.height - 1
	var lines []string
	switch {
	case b.list.err != nil:
		lines = []string{st.Error.Render(b.c.Cat.Err(b.list.err))}
	case !b.list.Loaded():
		lines = []string{st.Muted.Render(b.c.Cat.T("loading"))}
	case b.list.Len() == 0:
		lines = []string{st.Muted.Render(b.c.Cat.T(b.empty))}
	default:
		end := min(b.list.top+b.list.rows, b.list.Len())
		for i := b.list.top; i < end; i++ {
			item, ok := b.list.At(i)
			if !ok {
				lines = append(lines, st.Muted.Render(b.c.Cat.T("loading")))
				for j := 1; j < b.itemHeight; j++ {
					lines = append(lines, "")
				}
				continue
			}
			lines = append(lines, b.row(item, b.listWidth, i == b.list.cursor)...)
		}
	}
	left := block(strings.Join(lines, "\n"), b.listWidth, h)
	sepStyle := st.Separator
	if b.focusDetail {
		sepStyle = st.Key
	}
	sep := block(strings.TrimSuffix(strings.Repeat(sepStyle.Render("|")+"\n", h), "\n"), 1, h)
	right := b.detail.View()
	return fit(b.header, b.width) + "\n" + hjoin(left, sep, right)
}

// styleRow fits a row's lines to w cells; a selected row is drawn plain on
// the selection colour across the whole width.
func styleRow(c *Common, lines []string, w int, selected, dim bool) []string {
	for i, l := range lines {
		if selected {
			l = fit(ansi.Strip(l), w)
			if dim {
				l = c.Styles.SelectedDim.Render(l)
			} else {
				l = c.Styles.Selected.Render(l)
			}
		} else {
			l = fit(l, w)
		}
		lines[i] = l
	}
	return lines
}

func (b *browser[T]) listHelp() []key.Binding {
	k := b.c.Keys
	// Up stands for both j and k: its help reads "j/k 上/下".
	return []key.Binding{k.Up, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Open, k.Back}
}
