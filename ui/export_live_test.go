package ui

// LiveTick is what the app's live-update timer sends, for tests that drive
// the app without a timer.
var LiveTick = liveTickMsg{}
