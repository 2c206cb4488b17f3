package ui_test

import (
	"strings"
	"testing"
)

// ? over the inbox lists the inbox's own keys (x, done with an entry),
// as it does over a screen, and the next key returns to the inbox.
func TestHelpOverTheInbox(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("i")
	inbox := h.screen()
	h.key("?")
	h.checkFrame()
	body := h.helpBody()
	for _, want := range []string{"この画面", "x", "esc"} {
		if !strings.Contains(body, want) {
			t.Errorf("the help over the inbox lacks %q:\n%s", want, body)
		}
	}
	h.key("j")
	if got := h.screen(); got != inbox {
		t.Errorf("after the help, the inbox is not back as it was:\n%s", got)
	}
}
