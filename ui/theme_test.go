package ui

import "testing"

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
