package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// LiveInterval is how often a running hiroba asks whether anyone changed
// the database; what others write then shows within about a second.
const LiveInterval = 700 * time.Millisecond

// changeWatcher is a store that can tell that something was committed, by
// this process or another (data.DB.Changes).
type changeWatcher interface {
	Changes() uint64
}

// dataChangedMsg goes to every screen when the database changed. A screen
// reloads what it shows, keeping the person's cursor, scroll and typing.
type dataChangedMsg struct{}

// liveTickMsg asks the app to look for changes.
type liveTickMsg struct{}

// liveCheckedMsg carries the store's change count.
type liveCheckedMsg struct{ changes uint64 }

// live is the app's side of live updates.
type live struct {
	every   time.Duration // 0: only when a liveTickMsg is sent (tests)
	seen    uint64
	watcher changeWatcher // nil when the store cannot tell
}

func newLive(store Store, every time.Duration) live {
	l := live{every: every}
	if w, ok := store.(changeWatcher); ok {
		l.watcher = w
		l.seen = w.Changes()
	}
	return l
}

// tick schedules the next look. The command looks every l.every and
// returns only when something changed, so that a quiet database costs no
// message and no redraw; a server runs many apps at once. (When the app
// has ended, the command returns at the next change and its message is
// dropped.)
func (l *live) tick() tea.Cmd {
	if l.every <= 0 {
		return nil
	}
	every, seen := l.every, l.seen
	return func() tea.Msg {
		for {
			time.Sleep(every)
			if l.watcher == nil {
				return nil
			}
			if n := l.watcher.Changes(); n != seen {
				return liveCheckedMsg{changes: n}
			}
		}
	}
}

// check asks the store, in a command: Changes may read the database.
func (l *live) check(store Store) tea.Cmd {
	w, ok := store.(changeWatcher)
	if !ok {
		return nil
	}
	return func() tea.Msg { return liveCheckedMsg{changes: w.Changes()} }
}

// checked broadcasts dataChangedMsg when the count moved, and schedules the
// next look.
func (l *live) checked(msg liveCheckedMsg) tea.Cmd {
	next := l.tick()
	if msg.changes == l.seen {
		return next
	}
	l.seen = msg.changes
	return tea.Batch(next, func() tea.Msg { return dataChangedMsg{} })
}

// liveReload loads again what the list shows, keeping the rows on screen
// until the new ones arrive, and remembers the selected item so that the
// cursor stays on it when rows above it come or go.
func (b *browser[T]) liveReload() tea.Cmd {
	if b.list.gen == 0 {
		return nil // not shown yet: it will load when it is
	}
	if item, ok := b.list.Selected(); ok {
		b.following = itemKey(b.idOf(item)) + "\x00" + strconv.Itoa(b.list.cursor)
	}
	return b.list.refresh(b.c.Ctx())
}

// followSelected moves the cursor to where the remembered item now is, if
// a loaded page holds it; a list scrolled down scrolls with it, so that
// what the person reads does not jump.
func (b *browser[T]) followSelected() {
	if b.following == "" || !b.list.Loaded() {
		return
	}
	l := b.list
	key, at, _ := strings.Cut(b.following, "\x00")
	if at != strconv.Itoa(l.cursor) {
		b.following = "" // the person moved meanwhile: their move wins
		return
	}
	if item, ok := l.Selected(); ok && itemKey(b.idOf(item)) == key {
		b.following = ""
		return
	}
	for p, rows := range l.pages {
		for i, item := range rows {
			if itemKey(b.idOf(item)) == key {
				at := p*pageSize + i
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
func (l *pagedList[T]) refresh(ctx context.Context) tea.Cmd {
	l.gen++
	l.pending = map[int]bool{}
	var cmds []tea.Cmd
	for p := range l.pages {
		l.pending[p] = true
		cmds = append(cmds, l.fetch(ctx, p))
	}
	return tea.Batch(append(cmds, l.ensure(ctx))...)
}
