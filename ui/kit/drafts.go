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
// makes few writes and the newest text always wins.
type DraftSaver struct {
	store   model.DraftService
	ctx     context.Context
	context string

	mu        sync.Mutex // held while a save or delete runs
	discarded bool       // under mu: a save that starts later must not bring the draft back
	inFlight  bool
	pending   *model.Draft
}

type draftSavedMsg struct {
	s   *DraftSaver
	err error
}

func NewDraftSaver(c *Common, context string) *DraftSaver {
	return &DraftSaver{store: c.Store, ctx: c.Ctx(), context: context}
}

// Changed saves d now, or as soon as the save under way ends.
func (s *DraftSaver) Changed(d model.Draft) tea.Cmd {
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
func (s *DraftSaver) Now(d model.Draft) tea.Cmd {
	if s == nil {
		return nil
	}
	s.pending = nil
	d.Context = s.context
	return s.save(d)
}

func (s *DraftSaver) save(d model.Draft) tea.Cmd {
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
func (s *DraftSaver) Update(msg tea.Msg) (tea.Cmd, bool, error) {
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
