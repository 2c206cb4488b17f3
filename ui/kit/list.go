package kit

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// PageSize is how many rows one load brings, unless a list says
// (WithPageSize). Lists hold a few pages around the cursor, never a whole
// table: the benchmark database has 100,000 threads.
const (
	PageSize    = 100
	pagesKept   = 6
	prefetchGap = 20
)

// pageLoader loads rows [offset, offset+limit) and the number of all rows.
type PageLoader[T any] func(ctx context.Context, offset, limit int) ([]T, int, error)

// pageLoadedMsg carries one loaded page to the list that asked for it.
type pageLoadedMsg struct {
	list  *int // the asking list's identity
	gen   int
	page  int
	rows  any
	total int
	err   error
	with  tea.Msg // what PagedList.with made of the page, if it asked
}

// PagedList is a cursor over a long result that it loads a page at a time
// in tea.Cmds. Changing the filter starts a new generation; pages of an
// old generation are dropped when they arrive.
type PagedList[T any] struct {
	ident   *int
	gen     int
	load    PageLoader[T]
	pages   map[int][]T
	pending map[int]bool
	total   int // -1 until the first page arrives
	cursor  int
	top     int
	rows    int // items visible at once
	size    int // rows a page holds
	err     error
	// with, when set, is read by the next load of the first page, in its
	// command, with the page's rows; what it returns comes with the page
	// (pageLoadedMsg.with). Browser.Start reads the first row's document
	// so.
	with func(ctx context.Context, rows []T) tea.Msg
}

func NewPagedList[T any](load PageLoader[T]) *PagedList[T] {
	return &PagedList[T]{ident: new(int), load: load, pages: map[int][]T{}, pending: map[int]bool{}, total: -1, rows: 1, size: PageSize}
}

// WithPageSize makes the list load n rows at a time, and returns it: for
// a list whose first screen should read little (a page is read whole
// before it is drawn).
func (l *PagedList[T]) WithPageSize(n int) *PagedList[T] {
	l.size = max(n, prefetchGap+1)
	return l
}

// PageSize is how many rows one load brings.
func (l *PagedList[T]) PageSize() int { return l.size }

// Reset forgets every row and loads from the top.
func (l *PagedList[T]) Reset(ctx context.Context) tea.Cmd {
	l.gen++
	l.pages = map[int][]T{}
	l.pending = map[int]bool{}
	l.total, l.cursor, l.top, l.err = -1, 0, 0, nil
	return l.ensure(ctx)
}

// Reload loads again where the cursor is, keeping it, for after a change.
func (l *PagedList[T]) Reload(ctx context.Context) tea.Cmd {
	l.gen++
	l.pages = map[int][]T{}
	l.pending = map[int]bool{}
	return l.ensure(ctx)
}

// SetLoader changes what the list loads, for a new filter; Reset loads it.
func (l *PagedList[T]) SetLoader(load PageLoader[T]) { l.load = load }

// Cursor is the row the cursor is on.
func (l *PagedList[T]) Cursor() int { return l.cursor }

// SetRows sets how many items fit on the screen.
func (l *PagedList[T]) SetRows(n int) {
	l.rows = max(1, n)
	l.scrollToCursor()
}

// Len is the number of rows of the whole result, 0 before it is known.
func (l *PagedList[T]) Len() int { return max(l.total, 0) }

// Loaded reports whether the first page has arrived.
func (l *PagedList[T]) Loaded() bool { return l.total >= 0 }

// Move moves the cursor by delta rows, clamped, and loads what comes into
// view.
func (l *PagedList[T]) Move(ctx context.Context, delta int) tea.Cmd {
	return l.MoveTo(ctx, l.cursor+delta)
}

// MoveTo puts the cursor on row i, clamped.
func (l *PagedList[T]) MoveTo(ctx context.Context, i int) tea.Cmd {
	if l.total <= 0 {
		return nil
	}
	l.cursor = min(max(i, 0), l.total-1)
	l.scrollToCursor()
	return l.ensure(ctx)
}

func (l *PagedList[T]) scrollToCursor() {
	if l.cursor < l.top {
		l.top = l.cursor
	} else if l.cursor >= l.top+l.rows {
		l.top = l.cursor - l.rows + 1
	}
	if l.total >= 0 && l.top > max(l.total-l.rows, 0) {
		l.top = max(l.total-l.rows, 0)
	}
	l.top = max(l.top, 0)
}

// At returns row i if its page is loaded.
func (l *PagedList[T]) At(i int) (T, bool) {
	var zero T
	p, ok := l.pages[i/l.size]
	if !ok || i%l.size >= len(p) {
		return zero, false
	}
	return p[i%l.size], true
}

// Edit changes the loaded rows in place, for a change the list can apply
// without loading again (a thread just read is no longer unread).
func (l *PagedList[T]) Edit(f func(*T)) {
	for _, p := range l.pages {
		for i := range p {
			f(&p[i])
		}
	}
}

// Selected returns the row under the cursor if it is loaded.
func (l *PagedList[T]) Selected() (T, bool) {
	if l.total <= 0 {
		var zero T
		return zero, false
	}
	return l.At(l.cursor)
}

// ensure asks for the pages the screen shows and the ones the cursor is
// about to reach, and forgets pages far away.
func (l *PagedList[T]) ensure(ctx context.Context) tea.Cmd {
	want := map[int]bool{}
	for p := l.top / l.size; p <= (l.top+l.rows)/l.size; p++ {
		want[p] = true // every page on the screen, however small
	}
	if l.total > 0 {
		if p := (l.cursor + prefetchGap) / l.size; p*l.size < l.total {
			want[p] = true
		}
		if l.cursor >= prefetchGap {
			want[(l.cursor-prefetchGap)/l.size] = true
		}
	}
	center := l.cursor / l.size
	for p := range l.pages {
		if p < center-pagesKept/2 || p > center+pagesKept/2 {
			delete(l.pages, p)
		}
	}
	var cmds []tea.Cmd
	for p := range want {
		if _, ok := l.pages[p]; ok || l.pending[p] {
			continue
		}
		l.pending[p] = true
		cmds = append(cmds, l.fetch(ctx, p))
	}
	return tea.Batch(cmds...)
}

func (l *PagedList[T]) fetch(ctx context.Context, page int) tea.Cmd {
	gen, ident, load, size := l.gen, l.ident, l.load, l.size
	var with func(context.Context, []T) tea.Msg
	if page == 0 {
		with, l.with = l.with, nil
	}
	return func() tea.Msg {
		rows, total, err := load(ctx, page*size, size)
		m := pageLoadedMsg{list: ident, gen: gen, page: page, rows: rows, total: total, err: err}
		if with != nil && err == nil {
			m.with = with(ctx, rows)
		}
		return m
	}
}

// Owns reports whether msg is a page loaded for this list.
func (l *PagedList[T]) Owns(msg tea.Msg) bool {
	m, ok := msg.(pageLoadedMsg)
	return ok && m.list == l.ident
}

// Update takes a loaded page if it is this list's and current. It reports
// whether the message was this list's.
func (l *PagedList[T]) Update(ctx context.Context, msg tea.Msg) (bool, tea.Cmd) {
	m, ok := msg.(pageLoadedMsg)
	if !ok || m.list != l.ident {
		return false, nil
	}
	if m.gen != l.gen {
		return true, nil
	}
	delete(l.pending, m.page)
	if m.err != nil {
		l.err = m.err
		return true, nil
	}
	l.err = nil
	l.pages[m.page], _ = m.rows.([]T)
	first := l.total < 0
	l.total = m.total
	if l.cursor >= l.total {
		l.cursor = max(l.total-1, 0)
	}
	l.scrollToCursor()
	if first {
		return true, l.ensure(ctx)
	}
	return true, nil
}
