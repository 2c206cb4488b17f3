package ui_test

import (
	"strings"
	"testing"
)

// The plan form says what is left in the month the plan counts against:
// the month its date falls in, not the month it is written in.
func TestActivityFormShowsThePlansMonth(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("5", "n", "tab")
	h.typeText("年末の勉強会")
	h.mustShow("11月の利用")
	h.key("tab", "ctrl+u")
	h.typeText("2026-12-10")
	h.mustShow("12月の利用")
	h.mustNotShow("11月の利用")
	// December's figures, not November's: 高野 葵 has 2 hours approved
	// there (【企画参画】) and December has its own cap.
	dec := h.line("12月の利用")
	if strings.Contains(dec, "残り 27時間57分") {
		t.Errorf("December shows November's figure: %q", dec)
	}
	h.key("ctrl+u")
	h.typeText("11/24")
	h.mustShow("11月の利用       残り 27時間57分")
	h.checkFrame()
}
