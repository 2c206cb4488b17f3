package activity

import (
	"charm.land/bubbles/v2/key"
	"slices"

	"hiroba/ui/kit"
)

// keyMap is the 活動 tab's keys beyond the shared list keys. The
// author's keys and the supervisor's are apart, so that one key never
// means two things on this tab.
type keyMap struct {
	View, State                                 key.Binding
	New, Edit, Submit, Delete, Withdraw, Record key.Binding
	Approve, Return, Revoke                     key.Binding
}

func newKeyMap(c *kit.Catalog) keyMap {
	b := func(help, k string) key.Binding {
		return key.NewBinding(key.WithKeys(k), key.WithHelp(k, c.T(help)))
	}
	return keyMap{
		View: b("plan.key.view", "v"), State: b("plan.key.state", "o"),
		New: b("plan.key.new", "n"), Edit: b("plan.key.edit", "e"), Submit: b("plan.key.submit", "s"),
		Delete: b("plan.key.delete", "d"), Withdraw: b("plan.key.withdraw", "W"), Record: b("plan.key.record", "t"),
		Approve: b("plan.key.approve", "a"), Return: b("plan.key.return", "r"), Revoke: b("plan.key.revoke", "R"),
	}
}

// ShortHelp is the key line: what the keys do where the person is.
func (s *Screen) ShortHelp() []key.Binding {
	k, ak := s.c.Keys, s.keys
	switch {
	case s.form != nil, s.prompt != nil:
		return nil
	case s.single != nil, s.readsPlan():
		return append([]key.Binding{k.Up, k.Back}, s.planHelp()...)
	case s.person == nil && s.view == viewDept && s.dept.b.FocusDetail:
		// A person's figures beside the department's list; enter opens
		// their plans.
		return []key.Binding{k.Up, k.Open, k.Back}
	case s.person != nil:
		return s.offered(k.Up, k.Open, k.Back, ak.Revoke, ak.State)
	}
	out := []key.Binding{k.Up, k.Open}
	if len(s.views()) > 1 {
		out = append(out, ak.View)
	}
	switch s.view {
	case viewQueue:
		return append(out, s.offered(ak.Approve, ak.Return)...)
	case viewDept:
		return out
	}
	return append(out, s.offered(ak.New, ak.Submit, ak.Record)...)
}

// offered is bindings without the plan keys that the selected plan would
// refuse (refusal, the rule the keys check): a list's key line offers what
// acts on its selection.
func (s *Screen) offered(bindings ...key.Binding) []key.Binding {
	p, decide, ok := s.current()
	acts := s.acts()
	var out []key.Binding
	for _, b := range bindings {
		keep := true
		for _, a := range acts {
			if slices.Equal(a.b.Keys(), b.Keys()) {
				keep = ok && s.refusal(p, a.act, a.mine, decide) == nil
			}
		}
		if keep {
			out = append(out, b)
		}
	}
	return out
}

// readsPlan reports whether the keys are in a plan read beside its list
// (enter): the viewer's own, a request waiting, a person's.
func (s *Screen) readsPlan() bool {
	switch {
	case s.person != nil:
		return s.person.b.FocusDetail
	case s.view == viewQueue:
		return s.queue.b.FocusDetail
	case s.view == viewMine:
		return s.mine.b.FocusDetail
	}
	return false
}

// planHelp is the keys that act on the plan the keys are on, by the
// rules planKey checks (refusal).
func (s *Screen) planHelp() []key.Binding {
	p, decide, ok := s.current()
	if !ok {
		return nil
	}
	var out []key.Binding
	for _, a := range s.acts() {
		if s.refusal(p, a.act, a.mine, decide) == nil {
			out = append(out, a.b)
		}
	}
	return out
}

func (s *Screen) FullHelp() [][]key.Binding {
	k, ak := s.c.Keys, s.keys
	return [][]key.Binding{
		{k.Up, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Open, k.Back},
		{ak.View, ak.State, ak.New, ak.Edit, ak.Submit, ak.Delete, ak.Withdraw, ak.Record},
		{ak.Approve, ak.Return, ak.Revoke},
	}
}
