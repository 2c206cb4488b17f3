package ui

import (
	"strings"
	"testing"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
)

func TestThemeFromColorFGBG(t *testing.T) {
	for v, want := range map[string]string{
		"15;0": "dark", "0;15": "light", "0;7": "light", "7;0": "dark", "12;8": "dark",
		"0;default;15": "light", "15;default;0": "dark", "": "", "15": "", "0;x": "", "0;16": "",
	} {
		if got := themeFromColorFGBG(v); got != want {
			t.Errorf("COLORFGBG=%q: %q, want %q", v, got, want)
		}
	}
	if got := ThemeFromEnv("dark", "0;15"); got != "dark" {
		t.Errorf("--theme dark under a light COLORFGBG: %q", got)
	}
	if got := ThemeFromEnv("", "0;15"); got != "light" {
		t.Errorf("COLORFGBG 0;15 alone: %q", got)
	}
}

// TestThemeStartsOnTheTerminalsOtherAnswer: a terminal that does not tell
// its background still answers the device-attributes question asked after
// it; at that answer the app starts with the dark palette, without waiting
// out themeWait (300 ms on every start in tmux).
func TestThemeStartsOnTheTerminalsOtherAnswer(t *testing.T) {
	a := New(Config{Lang: "ja", StaffID: "someone"})
	a.Update(meLoadedMsg{staff: &model.Staff{ID: "someone", Name: "高野 葵"}})
	if a.c.Me != nil {
		t.Fatal("started before the terminal said anything")
	}
	a.Update(uv.PrimaryDeviceAttributesEvent{62, 22})
	if a.c.Me == nil || a.theme.Light {
		t.Fatalf("DA1 answered: started %v, light %v", a.c.Me != nil, a.theme.Light)
	}
}

// TestThemeQuestionWrittenAtOnce: given the terminal, the app writes its
// two questions there itself as it starts, in order, rather than handing
// them to Bubble Tea, which would write them only with its first frame.
func TestThemeQuestionWrittenAtOnce(t *testing.T) {
	var term strings.Builder
	a := New(Config{Lang: "ja", StaffID: "someone", Terminal: &term})
	a.Init()
	if want := ansi.RequestBackgroundColor + ansi.RequestPrimaryDeviceAttributes; term.String() != want {
		t.Fatalf("the terminal got %q, want %q", term.String(), want)
	}
}

// TestSignedInPersonStartsOnTheAnswer: a person the caller read already
// (Config.Me) is signed in as soon as the terminal answers, with nothing
// more to read first.
func TestSignedInPersonStartsOnTheAnswer(t *testing.T) {
	a := New(Config{Lang: "ja", Me: &model.Staff{ID: "someone", Name: "高野 葵"}})
	a.Init()
	if a.c.Me != nil || a.signup != nil {
		t.Fatalf("before the answer: started %v, sign-up %v", a.c.Me != nil, a.signup != nil)
	}
	a.Update(uv.PrimaryDeviceAttributesEvent{62, 22})
	if a.c.Me == nil || a.c.Me.Name != "高野 葵" {
		t.Fatal("not signed in at the terminal's answer")
	}
}
