package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// A drill copy (訓練用コピー, hiroba --db drill.hiroba) says so on the tab
// bar, with the local time it was taken, for as long as it is open: what
// is written there reaches the shared database only when an
// administrator merges it (hiroba merge). The mark stays in the tab bar
// ahead of the person's name, and like the read-only notice it is the
// last thing cut when the tabs leave little room.

type drillLoadedMsg struct{ copy *model.DrillCopy }

// loadDrill asks the store whether the database is a drill copy; a store
// that knows nothing of drills (or fails to say) shows no mark.
func (a *App) loadDrill() tea.Cmd {
	store, ok := a.c.Store.(model.DrillService)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		d, err := store.DrillCopy(context.Background())
		if err != nil {
			return drillLoadedMsg{}
		}
		return drillLoadedMsg{copy: d}
	}
}

// drillMark is the tab bar's mark in at most room cells, or "" on a
// database that is no drill copy. At 80 columns six tabs with their
// badges leave little room, so the mark gives up the date first:
// [訓練 11/30 09:12], then [訓練 09:12], then [訓練], then "" (never cut
// to a part of a word).
func (a *App) drillMark(room int) string {
	if a.drill == nil {
		return ""
	}
	cat := a.c.Cat
	taken := a.drill.TakenAt.In(cat.Loc)
	for _, when := range []string{taken.Format("1/2 15:04"), taken.Format("15:04"), ""} {
		if mark := "[" + strings.TrimSpace(cat.T("drill.mark", when)) + "]"; kit.Width(mark) <= room {
			return a.c.Styles.BadgeWarn.Render(mark)
		}
	}
	return "" // not even [訓練] fits
}
