package ui

import (
	"reflect"
	"testing"

	tea "charm.land/bubbletea/v2"

	"hiroba/ui/kit"
)

// A screen's commands may batch, sequence or quit: every message they
// bring back reaches the screen that asked, and Bubble Tea's own messages
// still reach the runtime.
func TestRouteKeepsTheOwnerThroughBatchesAndSequences(t *testing.T) {
	t.Parallel()
	status := kit.StatusCmd("保存しました", false)
	for name, cmd := range map[string]tea.Cmd{
		"batch":    tea.Batch(status, status),
		"sequence": tea.Sequence(status, status),
	} {
		list := route(2, cmd)()
		if want := reflect.TypeOf(cmd()); reflect.TypeOf(list) != want {
			t.Fatalf("%s: got a %T, want a %v that the runtime opens", name, list, want)
		}
		v := reflect.ValueOf(list)
		for i := range v.Len() {
			r, ok := v.Index(i).Interface().(tea.Cmd)().(routed)
			if !ok || r.to != 2 {
				t.Fatalf("%s: got %#v, want a message routed to 2", name, r)
			}
			if s, ok := r.msg.(kit.StatusMsg); !ok || s.Text != "保存しました" {
				t.Fatalf("%s: the message changed on the way: %#v", name, r.msg)
			}
		}
	}
	if _, ok := route(1, tea.Quit)().(tea.QuitMsg); !ok {
		t.Fatal("tea.Quit must reach the runtime as it is")
	}
}
