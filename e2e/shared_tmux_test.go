package e2e

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestLiveUpdateInTmux runs two real hiroba processes on one database file
// in two terminals: when the second person joins a community, the first
// person's list shows the new member count without a key press.
func TestLiveUpdateInTmux(t *testing.T) {
	bin := program(t)
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	t.Parallel()
	home := t.TempDir()
	db := filepath.Join(home, "shared.db")
	sock := filepath.Join(home, "tmux.sock")
	tmux := tmux(t, sock)
	env := "env HOME=" + home + " XDG_CONFIG_HOME=" + home + "/c XDG_DATA_HOME=" + home + "/d HIROBA_DB= TZ=Asia/Tokyo "
	tmux("new-session", "-d", "-s", "one", "-x", "80", "-y", "24", env+bin+" demo --db "+db+"; sleep 60")
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	screen := func(s string) string { return tmux("capture-pane", "-p", "-t", s) }
	// until polls the screen of s until ok says yes.
	until := func(s, what string, ok func(screen string) bool) {
		t.Helper()
		deadline := time.Now().Add(patience)
		for !ok(screen(s)) {
			if time.Now().After(deadline) {
				t.Fatalf("%s never showed %s:\n%s", s, what, screen(s))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	// The member count of the selected community, in the detail pane.
	members := regexp.MustCompile(`メンバー (\d+)人`)
	count := func(screen string) string {
		if m := members.FindStringSubmatch(screen); m != nil {
			return m[1]
		}
		return ""
	}
	// The detail pane loads after the list: wait for its count.
	until("one", "the member count", func(s string) bool { return count(s) != "" })
	before := count(screen("one"))

	// The second person, in another process, joins the first community,
	// or leaves it (y to confirm) when already a member.
	tmux("new-session", "-d", "-s", "two", "-x", "80", "-y", "24", env+bin+" --db "+db+" --as '佐久間 正樹'; sleep 60")
	until("two", "the member count", func(s string) bool { return count(s) == before })
	tmux("send-keys", "-t", "two", "s")
	confirmed := false
	until("two", "a changed count or the question to leave", func(s string) bool {
		if strings.Contains(s, "y/n") && !confirmed {
			tmux("send-keys", "-t", "two", "y")
			confirmed = true
		}
		return count(s) != before && count(s) != ""
	})
	after := count(screen("two"))

	// The first process shows it untouched: no key is pressed there.
	changed := time.Now()
	until("one", "the new count "+after, func(s string) bool { return count(s) == after })
	t.Logf("the other process showed %s -> %s members after %v", before, after, time.Since(changed).Round(10*time.Millisecond))
}
