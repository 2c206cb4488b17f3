package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/ui/kit"
)

// LiveInterval is how often a running hiroba asks whether anyone changed
// the database; what others write then shows within about a second.
const LiveInterval = 700 * time.Millisecond

// changeWatcher is a store that can tell that something was committed, by
// this process or another (data.DB.Changes).
type changeWatcher interface {
	Changes() uint64
}

// liveTickMsg asks the app to look for changes.
type liveTickMsg struct{}

// reconnectWatcher is a store that can tell that it is out of reach for
// the moment: a cluster electing a new leader (data.DB.Reconnecting).
type reconnectWatcher interface {
	Reconnecting() bool
}

// liveCheckedMsg carries the store's change count, and whether it is
// out of reach.
type liveCheckedMsg struct {
	changes      uint64
	reconnecting bool
}

// live is the app's side of live updates.
type live struct {
	every        time.Duration // 0: only when a liveTickMsg is sent (tests)
	seen         uint64
	reconnecting bool             // the status line says so (App.statusLine)
	watcher      changeWatcher    // nil when the store cannot tell
	reconnects   reconnectWatcher // nil for a store that is never out of reach
}

func newLive(store kit.Store, every time.Duration) live {
	l := live{every: every}
	if w, ok := store.(changeWatcher); ok {
		l.watcher = w
		l.seen = w.Changes()
	}
	l.reconnects, _ = store.(reconnectWatcher)
	return l
}

// look reads what the watchers say.
func (l *live) look() liveCheckedMsg {
	msg := liveCheckedMsg{changes: l.watcher.Changes()}
	if l.reconnects != nil {
		msg.reconnecting = l.reconnects.Reconnecting()
	}
	return msg
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
	every, seen, reconnecting := l.every, l.seen, l.reconnecting
	return func() tea.Msg {
		for {
			time.Sleep(every)
			if l.watcher == nil {
				return nil
			}
			if msg := l.look(); msg.changes != seen || msg.reconnecting != reconnecting {
				return msg
			}
		}
	}
}

// check asks the store, in a command: Changes may read the database.
func (l *live) check() tea.Cmd {
	if l.watcher == nil {
		return nil
	}
	return func() tea.Msg { return l.look() }
}

// checked broadcasts kit.DataChangedMsg when the count moved, notes whether
// the store is out of reach, and schedules the next look.
func (l *live) checked(msg liveCheckedMsg) tea.Cmd {
	l.reconnecting = msg.reconnecting
	next := l.tick()
	if msg.changes == l.seen {
		return next
	}
	l.seen = msg.changes
	return tea.Batch(next, func() tea.Msg { return kit.DataChangedMsg{} })
}
