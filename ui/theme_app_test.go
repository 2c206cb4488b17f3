package ui_test

import (
	"context"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"hiroba/ui"
	"hiroba/ui/kit"
)

// TestThemeFollowsTheTerminal: hiroba asks the terminal for its
// background and draws with the light palette on a white one; --theme
// (Config.Theme) wins over what the terminal says; NO_COLOR (a profile
// without colours) marks the selection in reverse video.
func TestThemeFollowsTheTerminal(t *testing.T) {
	t.Parallel()
	white := tea.BackgroundColorMsg{Color: color.RGBA{R: 255, G: 255, B: 255, A: 255}}
	black := tea.BackgroundColorMsg{Color: color.RGBA{A: 255}}
	light := kit.NewStyles(kit.Theme{Light: true}).Colors.SelBg

	path, staff := demoCopy(t)
	h := startHarnessWith(t, openDB(t, path), ui.Config{Lang: "ja", StaffID: staff}, []tea.Msg{white}, 80, 24)
	if th := h.app.Theme(); !th.Light || th.Mono {
		t.Fatalf("a white terminal: theme %+v", th)
	}
	if !strings.Contains(h.app.View().Content, bgSGR(light)) {
		t.Fatal("the selection is not on the light palette's background")
	}

	h = startHarnessWith(t, h.db, ui.Config{Lang: "ja", StaffID: staff, Theme: "dark"}, []tea.Msg{white}, 80, 24)
	if th := h.app.Theme(); th.Light {
		t.Fatal("--theme dark lost to the terminal's white")
	}

	h = startHarnessWith(t, h.db, ui.Config{Lang: "ja", StaffID: staff}, []tea.Msg{black, tea.ColorProfileMsg{Profile: colorprofile.ASCII}}, 80, 24)
	if th := h.app.Theme(); th.Light || !th.Mono {
		t.Fatalf("a black terminal without colours: theme %+v", th)
	}
	if !strings.Contains(h.app.View().Content, "\x1b[7m") {
		t.Fatal("without colours the selection is not in reverse video")
	}

	// What the terminal says once the screens started changes nothing:
	// renders in commands read the styles.
	h.send(white)
	if th := h.app.Theme(); th.Light {
		t.Fatal("the theme changed under started screens")
	}
}

// TestHandedOverPersonSeesTheSameScreen: a person the program read
// already, with the marks (Config.Me, Demo, Drill, as cli hands over),
// gets the same first screen as one the app reads itself, in either
// palette.
func TestHandedOverPersonSeesTheSameScreen(t *testing.T) {
	t.Parallel()
	path, staff := demoCopy(t)
	db := openDB(t, path)
	ctx := context.Background()
	me, err := db.StaffByID(ctx, staff)
	if err != nil {
		t.Fatal(err)
	}
	demo, err := db.IsDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	drill, err := db.DrillCopy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, theme := range []string{"", "light"} {
		read := startHarnessWith(t, db, ui.Config{Lang: "ja", StaffID: staff, Theme: theme}, nil, 80, 24)
		handed := startHarnessWith(t, db, ui.Config{Lang: "ja", Me: me, Demo: demo, Drill: drill, Theme: theme}, nil, 80, 24)
		got, want := handed.app.View().Content, read.app.View().Content
		if !strings.Contains(want, kit.Clean(me.Name)) {
			t.Fatalf("theme %q: the screen does not name %s:\n%s", theme, me.Name, want)
		}
		if got != want {
			t.Errorf("theme %q: the handed-over person's screen differs:\n%s\nwant:\n%s", theme, got, want)
		}
	}
}
