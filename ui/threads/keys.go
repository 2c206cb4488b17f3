package threads

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

func (s *Screen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	if s.people != nil {
		s.people = nil
		return nil
	}
	if s.picker != nil {
		done, ok := s.picker.Update(s.c, msg)
		if !done {
			return nil
		}
		if ok {
			s.filter.CommunityID = s.picker.Selected().Value
		}
		s.picker = nil
		return s.refilter()
	}
	if s.typing {
		switch msg.String() {
		case "enter", "esc":
			s.typing = false
			return nil
		}
		if s.query.Update(msg) {
			s.filter.Query = s.query.Value()
			return s.refilter()
		}
		return nil
	}
	if cmd, ok := s.postKey(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Filter):
		s.typing = true
		return nil
	case key.Matches(msg, k.Kind):
		s.filter.Kind = kit.Next(model.ThreadKinds, s.filter.Kind)
		return s.refilter()
	case key.Matches(msg, k.Status):
		s.filter.Status = map[string]string{"": "open", "open": "resolved", "resolved": ""}[s.filter.Status]
		return s.refilter()
	case key.Matches(msg, k.View):
		s.view = (s.view + 1) % len(threadViews)
		return s.refilter()
	case key.Matches(msg, k.CommunityPick):
		return s.pickCommunity()
	case key.Matches(msg, k.ClearFilter):
		s.filter, s.view = model.ThreadFilter{}, 0
		s.query.SetValue("")
		return s.refilter()
	case key.Matches(msg, k.New):
		return s.newForm(formNewThread, nil, nil)
	case key.Matches(msg, k.NextUnread) && !s.b.FocusDetail:
		return s.nextUnread()
	case key.Matches(msg, k.Profile) && !s.b.FocusDetail:
		// From the list: the one who asked.
		if t, ok := s.b.List.Selected(); ok && t.AuthorID != "" {
			return kit.OpenCmd(kit.OpenPerson, t.AuthorID, "")
		}
		return kit.StatusCmd(s.c.Cat.T("thread.profile.anon"), true)
	case key.Matches(msg, k.Open) && !s.b.FocusDetail:
		if t, ok := s.b.List.Selected(); ok {
			s.b.FocusDetail = true
			s.opened = t.ID
			return s.markRead(t.ID)
		}
		return nil
	}
	_, cmd := s.b.Update(msg)
	if s.b.FocusDetail {
		s.followScroll()
	}
	return cmd
}

// refilter loads the list anew for the filter as it is now.
func (s *Screen) refilter() tea.Cmd {
	s.b.FocusDetail = false
	s.b.List.SetLoader(s.loader())
	return s.b.List.Reset(s.c.Ctx())
}

// nextUnread moves the cursor to the next unread thread on the loaded
// pages, or switches to the unread view when there is none.
func (s *Screen) nextUnread() tea.Cmd {
	l := s.b.List
	for i := l.Cursor() + 1; i < l.Len(); i++ {
		t, ok := l.At(i)
		if !ok {
			break
		}
		if t.Unread {
			return tea.Batch(l.MoveTo(s.c.Ctx(), i), s.b.SelectionChanged())
		}
	}
	if threadViews[s.view] != "unread" && s.unread > 0 {
		s.view = 2
		return tea.Batch(s.refilter(), kit.StatusCmd(s.c.Cat.T("thread.unread.view"), false))
	}
	return kit.StatusCmd(s.c.Cat.T("thread.unread.none"), false)
}

func (s *Screen) pickCommunity() tea.Cmd {
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	all := s.c.Cat.T("thread.filter.all.communities")
	return func() tea.Msg {
		list, _, err := store.FindCommunities(ctx, model.CommunityFilter{})
		if err != nil {
			return kit.StatusMsg{Text: cat.Err(err), Err: true}
		}
		opts := []kit.Option{{Value: "", Label: all}}
		for _, c := range list {
			opts = append(opts, kit.Option{Value: c.ID, Label: c.Name})
		}
		return communityPickMsg{options: opts}
	}
}

type communityPickMsg struct{ options []kit.Option }

// newForm opens the thread form; for a new thread it first loads where the
// person may post.
func (s *Screen) newForm(mode int, t *model.Thread, r *model.Reply) tea.Cmd {
	if s.c.ReadOnly {
		return kit.StatusCmd(s.c.Cat.T("readonly.cannot"), true)
	}
	if mode != formNewThread {
		s.form = newThreadForm(s.c, mode, t, r, nil, "")
		s.form.SetSize(s.width, s.height)
		return s.form.Init()
	}
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	current := s.filter.CommunityID
	asked := current != ""
	if sel, ok := s.b.List.Selected(); ok && current == "" {
		current = sel.CommunityID
	}
	if s.newIn != "" {
		current, s.newIn, asked = s.newIn, "", true
	}
	return func() tea.Msg {
		list, _, err := store.FindCommunities(ctx, model.CommunityFilter{})
		if err != nil {
			return kit.StatusMsg{Text: cat.Err(err), Err: true}
		}
		var opts []kit.Option
		for _, c := range list {
			if !c.CanPost() {
				continue
			}
			opts = append(opts, kit.Option{Value: c.ID, Label: c.Name})
		}
		return newThreadFormMsg{options: opts, current: current, asked: asked}
	}
}

// newThreadFormMsg opens the form of a new thread in current; asked says
// the person chose that community (newThreadForm's keepCommunity).
type newThreadFormMsg struct {
	options []kit.Option
	current string
	asked   bool
}
