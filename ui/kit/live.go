package kit

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// liveReload loads again what the list shows, keeping the rows on screen
// until the new ones arrive, and remembers the selected item so that the
// cursor stays on it when rows above it come or go.
func (b *Browser[T, D]) liveReload() tea.Cmd {
	if item, ok := b.List.Selected(); ok {
		b.following = itemKey(b.IDOf(item)) + "\x00" + strconv.Itoa(b.List.cursor)
	}
	return b.List.refresh(b.c.Ctx())
}

// followSelected moves the cursor to where the remembered item now is, if
// a loaded page holds it; a list scrolled down scrolls with it, so that
// what the person reads does not jump.
func (b *Browser[T, D]) followSelected() {
	if b.following == "" || !b.List.Loaded() {
		return
	}
	l := b.List
	key, at, _ := strings.Cut(b.following, "\x00")
	if at != strconv.Itoa(l.cursor) {
		b.following = "" // the person moved meanwhile: their move wins
		return
	}
	if item, ok := l.Selected(); ok && itemKey(b.IDOf(item)) == key {
		b.following = ""
		return
	}
	for p, rows := range l.pages {
		for i, item := range rows {
			if itemKey(b.IDOf(item)) == key {
				at := p*l.size + i
				if l.top > 0 {
					// Scrolled down: the rows stay where they were on
					// screen. At the top, new rows push in from above.
					l.top += at - l.cursor
				}
				l.cursor = at
				l.scrollToCursor()
				b.following = ""
				return
			}
		}
	}
	if len(l.pending) == 0 {
		b.following = "" // gone, or far away: keep the row number
	}
}

// itemKey is the item part of an idOf ("ID/version").
func itemKey(id string) string {
	k, _, _ := strings.Cut(id, "/")
	return k
}

// refresh loads every page held again in a new generation, keeping the old
// rows until their replacements arrive.
func (l *PagedList[T]) refresh(ctx context.Context) tea.Cmd {
	l.gen++
	l.pending = map[int]bool{}
	var cmds []tea.Cmd
	for p := range l.pages {
		l.pending[p] = true
		cmds = append(cmds, l.fetch(ctx, p))
	}
	return tea.Batch(append(cmds, l.ensure(ctx))...)
}
