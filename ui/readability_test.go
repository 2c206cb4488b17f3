package ui_test

import (
	"fmt"
	"strings"
	"testing"
)

// The tab bar keeps every label at its column whichever tab is active, in
// both languages, at 80 columns (where English closes the tabs up) and
// wider.
func TestTabBarStaysPut(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ja", "en"} {
		for _, w := range []int{80, 120} {
			t.Run(fmt.Sprintf("%s/%d", lang, w), func(t *testing.T) {
				t.Parallel()
				h := newDemoHarness(t, lang, w, 24)
				first := h.tabBar()
				for _, k := range []string{"2", "3", "4", "5", "6", "tab", "1"} {
					h.key(k)
					h.checkFrame()
					if bar := h.tabBar(); bar != first {
						t.Errorf("after %q the tab bar moved:\n%q\nwas\n%q", k, bar, first)
					}
				}
				if !strings.Contains(first, "高野 葵") {
					t.Errorf("the tab bar drops the person: %q", first)
				}
			})
		}
	}
}
