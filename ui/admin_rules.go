package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/activity"
	"hiroba/ui/kit"
)

// What the administrators' layer adds for the 20% rule: who is a
// supervisor (所属長) and of what scope, and how long a working day is in
// each municipality. s marks or unmarks the selected person, w sets the
// working day of their municipality; the data layer refuses anyone but an
// administrator, and a scope the person is not in.
type adminRules struct {
	supervisors map[string]model.Supervisor // by staff id
	daily       map[string]int              // minutes, by municipality id
	prompt      *kit.Prompt
}

type (
	rulesMsg struct {
		supervisors map[string]model.Supervisor
		daily       map[string]int
		err         error
	}
	ruleChangedMsg struct {
		text string
		err  error
		from *kit.Prompt
	}
)

// loadRules reads the supervisors and the working day of every
// municipality the accounts are in.
func (a *admin) loadRules() tea.Cmd {
	store, ctx := a.c.Store, a.c.Ctx()
	munis := map[string]bool{}
	for _, acc := range a.accounts {
		munis[acc.MunicipalityID] = true
	}
	return func() tea.Msg {
		m := rulesMsg{supervisors: map[string]model.Supervisor{}, daily: map[string]int{}}
		for id := range munis {
			sups, err := store.Supervisors(ctx, id)
			if err != nil {
				return rulesMsg{err: err}
			}
			for _, s := range sups {
				m.supervisors[s.ID] = s
			}
			if m.daily[id], err = store.DailyMinutes(ctx, id); err != nil {
				return rulesMsg{err: err}
			}
		}
		return m
	}
}

// rulesUpdate takes the rules' own messages; ok is false for the others.
func (a *admin) rulesUpdate(msg tea.Msg) (tea.Cmd, bool) {
	r := &a.rules
	switch msg := msg.(type) {
	case rulesMsg:
		if msg.err != nil {
			return kit.StatusCmd(a.c.Cat.Err(msg.err), true), true
		}
		r.supervisors, r.daily = msg.supervisors, msg.daily
		return nil, true
	case ruleChangedMsg:
		if msg.err != nil {
			if msg.from != nil && msg.from == r.prompt {
				r.prompt.Refused(a.c.Cat.Err(msg.err))
				return nil, true
			}
			return kit.StatusCmd(a.c.Cat.Err(msg.err), true), true
		}
		if msg.from == r.prompt {
			r.prompt = nil
		}
		return tea.Batch(kit.StatusCmd(msg.text, false), a.loadRules()), true
	case tea.PasteMsg:
		if r.prompt != nil {
			r.prompt.Paste(msg)
			return nil, true
		}
	}
	return nil, false
}

// rulesKey handles the prompt, the question and the keys s and w; ok is
// false for other keys.
func (a *admin) rulesKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	r, cat := &a.rules, a.c.Cat
	if r.prompt != nil {
		cmd, closed := r.prompt.Key(a.c, msg)
		if closed {
			r.prompt = nil
		}
		return cmd, true
	}
	acc, ok := a.selected()
	switch msg.String() {
	case "s":
		if !ok {
			return nil, true
		}
		if _, marked := r.supervisors[acc.ID]; marked {
			return kit.Confirm(cat.T("admin.supervisor.unmark.ask", kit.Clean(acc.Name)), a.setSupervisor(acc, false, "", nil)), true
		}
		p := &kit.Prompt{Title: cat.T("admin.supervisor.title", kit.Clean(acc.Name)), Label: cat.T("admin.supervisor.scope"),
			Hint: cat.T("admin.supervisor.hint"), Required: true}
		p.Input.SetValue(model.NormalizeDepartment(acc.Department))
		p.Send = func(scope string) (tea.Cmd, error) { return a.setSupervisor(acc, true, scope, p), nil }
		r.prompt = p
		return nil, true
	case "w":
		if !ok {
			return nil, true
		}
		p := &kit.Prompt{Title: cat.T("admin.daily.title", kit.Clean(acc.Municipality)), Label: cat.T("admin.daily.label"),
			Hint: cat.T("admin.daily.hint", cat.Duration(model.DefaultDailyMinutes))}
		if d := r.daily[acc.MunicipalityID]; d > 0 {
			p.Input.SetValue(activity.Clock(d))
		}
		p.Send = func(text string) (tea.Cmd, error) {
			minutes := 0
			if text != "" {
				var err error
				if minutes, err = model.ParseHours(text); err != nil {
					return nil, err
				}
			}
			return a.setDaily(acc, minutes, p), nil
		}
		r.prompt = p
		return nil, true
	}
	return nil, false
}

func (a *admin) setSupervisor(acc model.Account, on bool, scope string, from *kit.Prompt) tea.Cmd {
	store, ctx, cat := a.c.Store, a.c.Ctx(), a.c.Cat
	if scope == cat.T("plan.scope.municipality") {
		scope = model.ScopeMunicipality
	}
	text := cat.T("admin.supervisor.unmarked", kit.Clean(acc.Name))
	if on {
		text = cat.T("admin.supervisor.marked", kit.Clean(acc.Name), kit.Clean(scope))
	}
	return func() tea.Msg {
		return ruleChangedMsg{text: text, from: from, err: store.SetSupervisor(ctx, acc.ID, on, scope)}
	}
}

func (a *admin) setDaily(acc model.Account, minutes int, from *kit.Prompt) tea.Cmd {
	store, ctx, cat := a.c.Store, a.c.Ctx(), a.c.Cat
	shown := minutes
	if shown == 0 {
		shown = model.DefaultDailyMinutes
	}
	text := cat.T("admin.daily.set", kit.Clean(acc.Municipality), cat.Duration(shown))
	return func() tea.Msg {
		return ruleChangedMsg{text: text, from: from, err: store.SetDailyMinutes(ctx, acc.MunicipalityID, minutes)}
	}
}

// rulesRole is what the selected person is for the 20% rule, after the
// administrator badge: 所属長 and the scope, marked when it lapsed.
func (a *admin) rulesRole(acc model.Account) string {
	s, ok := a.rules.supervisors[acc.ID]
	if !ok {
		return ""
	}
	if s.Lapsed {
		return a.c.Cat.T("admin.supervisor.lapsed")
	}
	return a.c.Cat.T("admin.supervisor.badge")
}

// rulesLine says, for the selected person, their scope as supervisor and
// the working day of their municipality.
func (a *admin) rulesLine() string {
	acc, ok := a.selected()
	if !ok {
		return ""
	}
	cat := a.c.Cat
	var parts []string
	if d, ok := a.rules.daily[acc.MunicipalityID]; ok {
		parts = append(parts, cat.T("admin.daily.now", kit.Clean(acc.Municipality), cat.Duration(d)))
	}
	if s, ok := a.rules.supervisors[acc.ID]; ok {
		scope := s.Scope
		if scope == model.ScopeMunicipality {
			scope = cat.T("plan.scope.municipality")
		}
		parts = append(parts, cat.T("admin.supervisor.of", kit.Clean(acc.Name), kit.Clean(scope)))
	}
	return strings.Join(parts, "   ")
}
