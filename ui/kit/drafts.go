package kit

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// DraftSaver saves a form's draft as the person types, so that quitting,
// a crash or a closed terminal loses nothing. One save runs at a time;
// changes made meanwhile are saved together when it ends, so fast typing
// makes few writes and the newest text always wins. It knows whether the
// newest text reached the file (Saved) and why not (Err), so that a form
// never says a draft was kept when it was not.
type DraftSaver struct {
	store   model.DraftService
	ctx     context.Context
	context string

	mu        sync.Mutex // held while a save or delete runs
	discarded bool       // under mu: a save that starts later must not bring the draft back
	written   int        // under mu: the newest text (by number) that reached the store

	// On the owner's side: texts are numbered as they are given.
	given    int
	saved    int // the newest text known to be written
	err      error
	inFlight bool
	pending  *model.Draft
}

type draftSavedMsg struct {
	s   *DraftSaver
	n   int
	err error
}

// FlushedMsg ends the save of a draft before the program quits
// (DraftSaver.Flush): Err says why it could not be written, and then the
// text is only on the screen. The App passes it back to the screen.
type FlushedMsg struct {
	Err   error
	saved draftSavedMsg
}

// WriteFailedMsg tells the App that something could not be written, such
// as a draft: when the database file is gone (model.EGONE) it offers to
// quit without writing anywhere else.
type WriteFailedMsg struct{ Err error }

func NewDraftSaver(c *Common, context string) *DraftSaver {
	return &DraftSaver{store: c.Store, ctx: c.Ctx(), context: context}
}

// Changed saves d now, or as soon as the save under way ends.
func (s *DraftSaver) Changed(d model.Draft) tea.Cmd {
	if s == nil {
		return nil
	}
	d.Context = s.context
	s.given++
	if s.inFlight {
		s.pending = &d
		return nil
	}
	return s.save(d, false)
}

// Flush saves d at once, before the program quits; its end is a
// FlushedMsg.
func (s *DraftSaver) Flush(d model.Draft) tea.Cmd {
	if s == nil {
		return nil
	}
	d.Context = s.context
	s.given++
	s.pending = nil
	return s.save(d, true)
}

// Saved is true when the newest text given is written.
func (s *DraftSaver) Saved() bool {
	return s != nil && s.given > 0 && s.saved == s.given
}

// Err is why the last save failed; nil once one succeeds.
func (s *DraftSaver) Err() error {
	if s == nil {
		return nil
	}
	return s.err
}

func (s *DraftSaver) save(d model.Draft, flush bool) tea.Cmd {
	s.inFlight = true
	n := s.given
	return func() tea.Msg {
		s.mu.Lock()
		defer s.mu.Unlock()
		m := draftSavedMsg{s: s, n: n}
		// An older text that comes after a newer one is not written.
		if !s.discarded && n > s.written {
			if m.err = s.store.SaveDraft(s.ctx, &d); m.err == nil {
				s.written = n
			}
		}
		if flush {
			return FlushedMsg{Err: m.err, saved: m}
		}
		return m
	}
}

// Update takes the end of a save and starts the next one if the text
// changed meanwhile. It reports whether the message was this saver's, and
// any save error; a failed save also tells the App (WriteFailedMsg).
func (s *DraftSaver) Update(msg tea.Msg) (tea.Cmd, bool, error) {
	m, ok := msg.(draftSavedMsg)
	if f, flushed := msg.(FlushedMsg); flushed {
		m, ok = f.saved, true
	}
	if !ok || m.s != s {
		return nil, false, nil
	}
	s.inFlight = false
	if m.err == nil {
		s.saved = max(s.saved, m.n)
		if m.n == s.given {
			s.err = nil
		}
	} else {
		s.err = m.err
	}
	var cmds []tea.Cmd
	if m.err != nil {
		cmds = append(cmds, func() tea.Msg { return WriteFailedMsg{Err: m.err} })
	}
	if s.pending != nil {
		d := *s.pending
		s.pending = nil
		cmds = append(cmds, s.save(d, false))
	}
	return tea.Batch(cmds...), true, m.err
}

// Discard forgets the draft, after the text was posted or thrown away.
func (s *DraftSaver) Discard() tea.Cmd {
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

// Context is what the draft is of, such as "reply:<thread id>".
func (s *DraftSaver) Context() string { return s.context }

// LoadDraft reads the person's draft for context, if any.
func LoadDraft(c *Common, context string) tea.Cmd {
	store, ctx := c.Store, c.Ctx()
	return func() tea.Msg {
		d, err := store.DraftByContext(ctx, context)
		if err != nil {
			return DraftLoadedMsg{Context: context}
		}
		return DraftLoadedMsg{Context: context, Draft: d}
	}
}

// DraftLoadedMsg carries the draft found for Context (nil when none).
type DraftLoadedMsg struct {
	Context string
	Draft   *model.Draft
}
