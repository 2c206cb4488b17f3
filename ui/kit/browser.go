package kit

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Browser is the shape every screen shares: a filter line, a paged list on
// the left and the selected item's document on the right. T is a row of
// the list, D what the document of a row needs (see Reader).
type Browser[T, D any] struct {
	c          *Common
	List       *PagedList[T]
	Doc        *Reader[D]
	ItemHeight int
	// Row draws one item in exactly ItemHeight lines of w cells.
	Row func(item T, w int, selected bool) []string
	// IDOf names an item and its version, "ID/version", so that a
	// changed item is shown again and another one from its top.
	IDOf func(T) string
	// Load reads what an item's document needs; it runs in a tea.Cmd.
	Load  func(ctx context.Context, item T) (D, error)
	Empty string // catalogue key shown when the list is empty
	// CountKey is the catalogue key of how many rows there are, with its
	// unit ("%d threads"); "" is the plain "count".
	CountKey string
	// EmptyText, when set, says what to do when the list is empty: with
	// no filter, how to begin.
	EmptyText func() string

	// FocusDetail is true while the keys scroll the document.
	FocusDetail bool
	// Header is the filter line, set by the screen before View.
	Header    string
	width     int
	height    int
	listWidth int
	seq       int    // debounce counter for detail loads
	shownID   string // the item last asked for
	following string // the item the cursor stays on across a live reload (live.go)
	memo      browserMemo
}

// NewBrowser returns a browser over list whose documents are drawn with
// render; the screen sets Row, IDOf and Load.
func NewBrowser[T, D any](c *Common, list *PagedList[T], render func(D, int) Document, itemHeight int, empty string) *Browser[T, D] {
	return &Browser[T, D]{c: c, List: list, Doc: NewReader(c, render), ItemHeight: itemHeight, Empty: empty}
}

// Start loads the list from the top and, while the pane shows nothing, the
// document of the row the cursor lands on in the same command: a screen's
// first full frame waits for one command's reads instead of two commands
// in turn, the second started only once the first page was drawn (issue
// 16). The document is shown with the page, in the same Update
// (withFirst).
func (b *Browser[T, D]) Start() tea.Cmd {
	if b.shownID == "" && !b.FocusDetail {
		if read := b.Doc.reader(); read != nil {
			idOf, load := b.IDOf, b.Load
			b.List.with = func(_ context.Context, rows []T) tea.Msg {
				if len(rows) == 0 {
					return nil
				}
				item := rows[0]
				return read(idOf(item), func(ctx context.Context) (D, error) { return load(ctx, item) })
			}
		}
	}
	return b.List.Reset(b.c.Ctx())
}

// withFirst shows the document that came with the list's first page
// (Start) when it is the selected row's and still the newest asked for,
// in the same Update: the first full frame is drawn one round through the
// event loop sooner (about a millisecond, issue 16). A screen sees it
// arrive with Doc.Owns, as any other document (a thread scrolls to a post
// on it). Otherwise the selection loads its own.
func (b *Browser[T, D]) withFirst(msg tea.Msg) tea.Cmd {
	m, ok := msg.(pageLoadedMsg)
	if !ok {
		return nil
	}
	doc, ok := m.with.(readerMsg)
	if !ok || b.shownID != "" || !b.Doc.current(doc) {
		return nil
	}
	if item, ok := b.List.Selected(); !ok || b.IDOf(item) != doc.key {
		return nil
	}
	b.shownID = doc.key
	_, cmd := b.Doc.Update(doc)
	return cmd
}

// Refilter shows the list anew for another filter, read with load: from
// the top, with an empty document until the first row arrives.
func (b *Browser[T, D]) Refilter(load PageLoader[T]) tea.Cmd {
	b.ClearDetail()
	b.List.SetLoader(load)
	return b.List.Reset(b.c.Ctx())
}

// FilterLine is a filter line: left (the filters), then the words field
// taking the room left, then how many rows the list has. It returns the
// line and the column of the cursor in the field.
func (b *Browser[T, D]) FilterLine(left string, query *LineInput, typing bool) (string, int) {
	st, cat := b.c.Styles, b.c.Cat
	count := ""
	if b.List.Loaded() {
		count = cat.T(b.countKey(), b.List.Len())
	}
	room := max(b.width-Width(left)-Width(count)-1, 4)
	field, col := query.View(room)
	if !typing && query.Value() == "" {
		field = Fit(st.Muted.Render("/"), room)
	}
	return Fit(left+field+" "+st.Muted.Render(count), b.width), Width(left) + col
}

// countKey is the key of the list's count (CountKey).
func (b *Browser[T, D]) countKey() string {
	if b.CountKey == "" {
		return "count"
	}
	return b.CountKey
}

// Count is the list's count with its unit, once the list has loaded.
func (b *Browser[T, D]) Count() string {
	if !b.List.Loaded() {
		return ""
	}
	return b.c.Cat.T(b.countKey(), b.List.Len())
}

// ClearDetail empties the document pane, for a list about to load anew.
func (b *Browser[T, D]) ClearDetail() {
	b.Doc.Clear()
	b.shownID = ""
}

type detailTickMsg struct {
	b   any
	seq int
}

const detailDelay = 60 * time.Millisecond

// Width is the cells the browser draws in, its Header's line too.
func (b *Browser[T, D]) Width() int { return b.width }

func (b *Browser[T, D]) SetSize(w, h int) tea.Cmd {
	b.width, b.height = w, h
	// At 80 columns the list keeps 40: a row's second line holds its
	// place, its author and its numbers.
	b.listWidth = max(40, w*2/5)
	b.List.SetRows((h - 1) / b.ItemHeight)
	b.Doc.Pane.SetSize(w-b.listWidth-1, h-1)
	var more tea.Cmd
	if b.List.Loaded() {
		// Rows that came into view; before the first page, it asks.
		more = b.List.ensure(b.c.Ctx())
	}
	if _, ok := b.Doc.Shown(); ok {
		return tea.Batch(more, b.Doc.Rerender())
	}
	b.shownID = ""
	return tea.Batch(more, b.loadDetail())
}

// Update handles list loads, detail renders and the keys every list shares.
// It reports whether it used the message.
func (b *Browser[T, D]) Update(msg tea.Msg) (bool, tea.Cmd) {
	ctx := b.c.Ctx()
	if ok, cmd := b.List.Update(ctx, msg); ok {
		b.followSelected()
		cmd = tea.Batch(cmd, b.withFirst(msg))
		if b.FocusDetail {
			// The person reads a document: rows that came or went do
			// not replace it with another; a new version of it is
			// drawn again, and so is the selection after Refresh.
			item, ok := b.List.Selected()
			if ok && (b.shownID == "" || itemKey(b.IDOf(item)) == itemKey(b.shownID) && b.IDOf(item) != b.shownID) {
				return true, tea.Batch(cmd, b.render(item))
			}
			return true, cmd
		}
		return true, tea.Batch(cmd, b.SelectionChanged())
	}
	switch msg := msg.(type) {
	case DataChangedMsg:
		return true, b.liveReload()
	case readerMsg:
		return b.Doc.Update(msg)
	case browserShowMsg:
		if msg.b != b {
			return false, nil
		}
		if msg.err != nil {
			return true, StatusCmd(b.c.Cat.Err(msg.err), true)
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
			b.Doc.Pane.Scroll(d)
			return true, nil
		}
		if b.empty() {
			return true, nil
		}
		return true, tea.Batch(b.List.Move(ctx, d), b.SelectionChanged())
	case tea.MouseClickMsg:
		// Row 0 is the tab bar and row 1 the filter line.
		y := msg.Y - 2
		if y < 0 {
			return false, nil
		}
		if msg.X < b.listWidth {
			b.FocusDetail = false
			if b.empty() {
				return true, nil
			}
			return true, tea.Batch(b.List.MoveTo(ctx, b.List.top+y/b.ItemHeight), b.SelectionChanged())
		}
		b.FocusDetail = true
		return true, nil
	}
	return false, nil
}

func (b *Browser[T, D]) key(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := b.c.Keys
	ctx := b.c.Ctx()
	if b.FocusDetail {
		if key.Matches(msg, k.Back) {
			b.FocusDetail = false
			// Back on the list, the pane shows its selection again.
			return true, b.SelectionChanged()
		}
		return b.Doc.Pane.Key(k, msg), nil
	}
	if b.empty() && b.moves(msg) {
		// Nothing to move over: what the pane shows beside an empty list
		// (the 人 tab's own profile) stays.
		return true, nil
	}
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, k.Up):
		cmd = b.List.Move(ctx, -1)
	case key.Matches(msg, k.Down):
		cmd = b.List.Move(ctx, 1)
	case key.Matches(msg, k.PageUp):
		cmd = b.List.Move(ctx, -b.List.rows)
	case key.Matches(msg, k.PageDown):
		cmd = b.List.Move(ctx, b.List.rows)
	case key.Matches(msg, k.Top):
		cmd = b.List.MoveTo(ctx, 0)
	case key.Matches(msg, k.Bottom):
		cmd = b.List.MoveTo(ctx, b.List.Len()-1)
	case key.Matches(msg, k.Open):
		if _, ok := b.List.Selected(); ok {
			b.FocusDetail = true
		}
		return true, nil
	default:
		return false, nil
	}
	return true, tea.Batch(cmd, b.SelectionChanged())
}

// empty reports whether the list has loaded and has no rows.
func (b *Browser[T, D]) empty() bool { return b.List.Loaded() && b.List.Len() == 0 }

// moves reports whether msg is one of the keys that move the cursor.
func (b *Browser[T, D]) moves(msg tea.KeyPressMsg) bool {
	k := b.c.Keys
	for _, m := range []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom} {
		if key.Matches(msg, m) {
			return true
		}
	}
	return false
}

// showsOther reports whether the pane shows an item other than the
// cursor's, opened from elsewhere (Show): the cursor's row is then not
// marked, as if it were what the pane shows.
func (b *Browser[T, D]) showsOther() bool {
	if !b.FocusDetail || b.shownID == "" {
		return false
	}
	item, ok := b.List.Selected()
	return !ok || itemKey(b.IDOf(item)) != itemKey(b.shownID)
}

// SelectionChanged schedules the detail of the selected item, a little
// later, so that holding a key down does not render every item passed.
func (b *Browser[T, D]) SelectionChanged() tea.Cmd {
	item, ok := b.List.Selected()
	if !ok {
		if b.empty() {
			b.ClearDetail()
		}
		return nil
	}
	if b.IDOf(item) == b.shownID {
		return nil
	}
	if b.Doc.Key() == "" {
		// Nothing is shown yet: no reason to wait.
		return b.loadDetail()
	}
	b.seq++
	seq := b.seq
	return b.c.After(detailDelay, detailTickMsg{b: b, seq: seq})
}

// Settled is true once the list has loaded and, when it has rows, the
// selected item's document (or why it could not be read) is shown.
func (b *Browser[T, D]) Settled() bool {
	return b.List.Loaded() && (b.List.Len() == 0 || b.Doc.Key() != "")
}

// Refresh renders the selected item's detail again, for after a change.
func (b *Browser[T, D]) Refresh() tea.Cmd {
	b.shownID = ""
	return b.loadDetail()
}

func (b *Browser[T, D]) loadDetail() tea.Cmd {
	item, ok := b.List.Selected()
	if !ok {
		return nil
	}
	return b.render(item)
}

// Show renders item in the detail pane and focuses it, whether or not the
// list holds it: for a search result or an inbox entry. Moving the cursor
// shows the list's item again.
func (b *Browser[T, D]) Show(item T) tea.Cmd {
	b.FocusDetail = true
	return b.render(item)
}

// browserShowMsg carries an item that Open loaded.
type browserShowMsg struct {
	b    any
	item any
	err  error
}

// Open loads one item, such as a search result, and shows it with Show.
func (b *Browser[T, D]) Open(load func(ctx context.Context) (*T, error)) tea.Cmd {
	ctx := b.c.Ctx()
	return func() tea.Msg {
		item, err := load(ctx)
		return browserShowMsg{b: b, item: item, err: err}
	}
}

func (b *Browser[T, D]) render(item T) tea.Cmd {
	id := b.IDOf(item)
	b.shownID = id
	load := b.Load
	return b.Doc.Load(id, func(ctx context.Context) (D, error) { return load(ctx, item) })
}

// View draws the filter line and the two panes in exactly width x height.
func (b *Browser[T, D]) View() string {
	st := b.c.Styles
	h := b.height - 1
	var lines []string
	switch {
	case b.List.err != nil:
		lines = []string{st.Error.Render(b.c.Cat.Err(b.List.err))}
	case !b.List.Loaded():
		lines = []string{st.Muted.Render(b.c.Cat.T("loading"))}
	case b.List.Len() == 0:
		text := b.c.Cat.T(b.Empty)
		if b.EmptyText != nil {
			text = b.EmptyText()
		}
		for _, l := range strings.Split(WrapWords(text, b.listWidth-2), "\n") {
			lines = append(lines, " "+st.Muted.Render(l))
		}
	default:
		end := min(b.List.top+b.List.rows, b.List.Len())
		marked := !b.showsOther() // once a frame, not once a row
		for i := b.List.top; i < end; i++ {
			item, ok := b.List.At(i)
			if !ok {
				lines = append(lines, st.Muted.Render(b.c.Cat.T("loading")))
				for j := 1; j < b.ItemHeight; j++ {
					lines = append(lines, "")
				}
				continue
			}
			lines = append(lines, b.Row(item, b.listWidth, i == b.List.cursor && marked)...)
		}
	}
	left := b.memo.left.Block(strings.Join(lines, "\n"), b.listWidth, h)
	sepStyle := st.Separator
	if b.FocusDetail {
		sepStyle = st.Focus
	}
	sep := b.memo.sep.Block(strings.TrimSuffix(strings.Repeat(sepStyle.Render("|")+"\n", h), "\n"), 1, h)
	right := b.Doc.Pane.View()
	m := &b.memo
	if m.out == "" || m.header != b.Header || m.width != b.width || m.l != left || m.s != sep || m.r != right {
		m.header, m.width, m.l, m.s, m.r = b.Header, b.width, left, sep, right
		m.out = Fit(b.Header, b.width) + "\n" + HJoin(left, sep, right)
	}
	return m.out
}

// browserMemo is the browser's last frame and its parts (BlockMemo).
type browserMemo struct {
	left, sep BlockMemo
	header    string
	width     int
	l, s, r   string
	out       string
}

// ListHelp is the keys that move in every list.
func (b *Browser[T, D]) ListHelp() []key.Binding {
	k := b.c.Keys
	// Up stands for both j and k: its help reads "j/k 上/下".
	return []key.Binding{k.Up, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Open, k.Back}
}
