package kit_test

import (
	"strings"
	"testing"

	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// kittest.Screen, the map of a styled frame that the golden files of
// every screen hold, is tested here: a test binary of its own took more
// to link than the test takes to run.
//
// A styled screen maps every cell, two letters for a wide one, names the
// letters' styles with their colours, and counts the selection only
// below the tab bar and in runs wider than a focus bar.
func TestScreenMapsEveryCell(t *testing.T) {
	for _, th := range []kit.Theme{{}, {Light: true}, {Mono: true}} {
		st := kit.NewStyles(th)
		frame := st.TabActive.Render("相談") + "\n" +
			st.Selected.Render("受信箱") + " " + st.Focus.Render("|") + "本文\n" +
			"x" + st.Focus.Render("|")
		got := kittest.Screen(frame, st)
		lines := strings.Split(got, "\n")
		if lines[1] != "受信箱 |本文" || lines[3] != "--- styles" {
			t.Fatalf("%+v: text\n%s", th, got)
		}
		if lines[5] != "01 SSSSSS."+string(map[bool]byte{true: 'S', false: 'F'}[th.Mono]) {
			t.Errorf("%+v: the selected line maps as %q", th, lines[5])
		}
		if !strings.Contains(got, "S  Selected") {
			t.Errorf("%+v: the legend does not name the selection:\n%s", th, got)
		}
		if n := kittest.Selected(frame, st); n != 6 {
			t.Errorf("%+v: %d cells selected, want the 6 of 受信箱", th, n)
		}
	}
	if dark, light := kittest.Screen(kit.NewStyles(kit.Theme{}).Selected.Render("x"), kit.NewStyles(kit.Theme{})),
		kittest.Screen(kit.NewStyles(kit.Theme{Light: true}).Selected.Render("x"), kit.NewStyles(kit.Theme{Light: true})); dark == light {
		t.Errorf("the palettes map alike:\n%s", dark)
	}
}
