package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// Demo data (hiroba demo) says so on the tab bar, [デモ], beside a drill's
// mark, and U lets a trainer act as anyone in it: a list of everyone,
// narrowed by typing a name, municipality or department; choosing one
// signs them in at once, on the same tab, the demo as it is.

type demoLoadedMsg struct{ demo bool }

// loadDemo asks the store whether the database is demo data; a store
// that cannot say shows no mark.
func (a *App) loadDemo() tea.Cmd {
	store, ok := a.c.Store.(model.DemoService)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		demo, _ := store.IsDemo(context.Background())
		return demoLoadedMsg{demo: demo}
	}
}

// demoMark is the tab bar's mark of demo data, or "".
func (a *App) demoMark() string {
	if !a.demo {
		return ""
	}
	return a.c.Styles.Mark.Render("[" + a.c.Cat.T("demo.mark") + "]")
}

// staffPickMsg brings everyone, to choose whom to act as, and who of
// them is a supervisor (所属長).
type staffPickMsg struct {
	staff       []model.Staff
	supervisors map[string]bool
	err         error
}

// pickPerson reads everyone who may sign in, for the list of U, and the
// supervisors among them: a trainer showing approvals looks for one.
func (a *App) pickPerson() tea.Cmd {
	store, ctx := a.c.Store, a.c.Ctx()
	return func() tea.Msg {
		all, err := store.FindStaff(ctx, 0, 0)
		if err != nil {
			return staffPickMsg{err: err}
		}
		sup := map[string]bool{}
		if acts, ok := store.(model.ActivityService); ok {
			seen := map[string]bool{}
			for _, s := range all {
				if seen[s.MunicipalityID] {
					continue
				}
				seen[s.MunicipalityID] = true
				list, err := acts.Supervisors(ctx, s.MunicipalityID)
				if err != nil {
					// The list still serves without its marks, but not
					// with some of them: none looks like a supervisor.
					sup = nil
					break
				}
				for _, v := range list {
					sup[v.ID] = sup[v.ID] || !v.Lapsed
				}
			}
		}
		return staffPickMsg{staff: all, supervisors: sup}
	}
}

// showPeople opens the list of whom to act as.
func (a *App) showPeople(msg staffPickMsg) tea.Cmd {
	if msg.err != nil {
		a.status, a.isErr = a.c.Cat.Err(msg.err), true
		return nil
	}
	var opts []kit.Option
	current := ""
	for _, s := range msg.staff {
		if s.Status != model.StaffActive {
			continue
		}
		opt := staffOption(s)
		if msg.supervisors[s.ID] {
			// Typing 所属長 narrows the list to them.
			badge := a.c.Cat.T("admin.supervisor.badge")
			opt.Label += "  " + badge
			opt.Keys += " " + badge
		}
		opts = append(opts, opt)
		if a.c.Me != nil && s.ID == a.c.Me.ID {
			current = s.ID
		}
	}
	a.actAs = kit.NewFilterPicker(a.c.Cat.T("demo.actas.title"), opts, current)
	return nil
}

// actAsKey gives a key to the list of whom to act as; a choice signs
// them in.
func (a *App) actAsKey(msg tea.KeyPressMsg) tea.Cmd {
	done, ok := a.actAs.Update(a.c, msg)
	if !done {
		return nil
	}
	choice := a.actAs.Selected()
	a.actAs = nil
	if !ok || a.c.Me != nil && choice.Value == a.c.Me.ID {
		return nil
	}
	return a.switchPerson(choice.Value)
}

// switchPerson signs in another person: the screens start anew, on the
// tab that was shown, reading as them.
func (a *App) switchPerson(id string) tea.Cmd {
	a.staffID, a.layer = id, nil
	a.screens = newScreens(a.c)
	a.started = make([]bool, len(a.screens))
	a.stale = make([]bool, len(a.screens))
	a.prefetched = false // the counts on the tabs are the new person's
	a.prefetchGen++
	a.switched = true
	a.canGoBack = false // the screens it would go back to are gone
	return a.loadMe(id)
}
