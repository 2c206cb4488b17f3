package ui

// LiveTick is what the app's live-update timer sends, for tests that drive
// the app without a timer.
var LiveTick = liveTickMsg{}

// ScreenView draws tab i as it is now, shown or not, for tests that look
// at screens behind other tabs.
func (a *App) ScreenView(i int) string { return a.screens[i].View() }
