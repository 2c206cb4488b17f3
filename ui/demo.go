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

// staffPickMsg brings everyone, to choose whom to act as.
type staffPickMsg struct {
	staff []model.Staff
	err   error
}

// pickPerson reads everyone who may sign in, for the list of U.
func (a *App) pickPerson() tea.Cmd {
	store, ctx := a.c.Store, a.c.Ctx()
	return func() tea.Msg {
		all, err := store.FindStaff(ctx, 0, 0)
		return staffPickMsg{staff: all, err: err}
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
		opts = append(opts, staffOption(s))
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
	a.switched = true
	return a.loadMe(id)
}
