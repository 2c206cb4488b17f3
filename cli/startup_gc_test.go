package cli

import (
	"runtime/debug"
	"testing"
)

// The collector is freer only until the first frame: what startupGC
// returns puts it back, once however often it is called, and GOGC=off
// stays off.
func TestStartupGCPutsTheCollectorBack(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)

	restore := startupGC()
	if got := debug.SetGCPercent(400); got != 400 {
		t.Fatalf("while the first frame is made the collector runs at %d%%, want 400", got)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("after the first frame the collector runs at %d%%, want 100 as before", got)
	}
	debug.SetGCPercent(150)
	restore()
	if got := debug.SetGCPercent(100); got != 150 {
		t.Fatalf("a second restore changed the collector to %d%%", got)
	}

	debug.SetGCPercent(-1)
	restore = startupGC()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("GOGC=off became %d%% at start", got)
	}
	restore()
	if got := debug.SetGCPercent(100); got != -1 {
		t.Fatalf("GOGC=off became %d%% after the first frame", got)
	}
}
