package main

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
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	home := t.TempDir()
	db := filepath.Join(home, "shared.db")
	sock := filepath.Join(home, "tmux.sock")
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v %s", args, err, out)
		}
		return string(out)
	}
	env := "env HOME=" + home + " XDG_CONFIG_HOME=" + home + "/c XDG_DATA_HOME=" + home + "/d HIROBA_DB= TZ=Asia/Tokyo "
	tmux("new-session", "-d", "-s", "one", "-x", "80", "-y", "24", env+hirobaBin+" demo --db "+db+"; sleep 30")
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	screen := func(s string) string { return tmux("capture-pane", "-p", "-t", s) }
	waitFor := func(s, want string, within time.Duration) string {
		t.Helper()
		deadline := time.Now().Add(within)
		for time.Now().Before(deadline) {
			if got := screen(s); strings.Contains(got, want) {
				return got
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s never showed %q:\n%s", s, want, screen(s))
		return ""
	}
	// The member count of the selected community, in the detail pane.
	members := regexp.MustCompile(`メンバー (\d+)人`)
	firstCount := func(s string) string {
		if m := members.FindStringSubmatch(screen(s)); m != nil {
			return m[1]
		}
		return ""
	}
	waitFor("one", "産休・育休カフェ", 15*time.Second)
	before := firstCount("one")
	if before == "" {
		t.Fatalf("no member count on the list:\n%s", screen("one"))
	}

	// The second person, in another process, joins the first community.
	tmux("new-session", "-d", "-s", "two", "-x", "80", "-y", "24", env+hirobaBin+" --db "+db+" --as '佐久間 正樹'; sleep 30")
	waitFor("two", "産休・育休カフェ", 15*time.Second)
	tmux("send-keys", "-t", "two", "s")
	time.Sleep(300 * time.Millisecond)
	if strings.Contains(screen("two"), "y/n") {
		tmux("send-keys", "-t", "two", "y") // already a member: leaving changes the count too
	}
	changed := time.Now()
	for firstCount("two") == before && time.Since(changed) < 5*time.Second {
		time.Sleep(20 * time.Millisecond)
	}
	after := firstCount("two")
	if after == before {
		t.Fatalf("the second process did not change the count:\n%s", screen("two"))
	}
	// The first process shows it within 2 seconds, untouched.
	changed = time.Now()
	for firstCount("one") != after {
		if time.Since(changed) > 2*time.Second {
			t.Fatalf("after 2 s the first process still shows %s members, want %s:\n%s", firstCount("one"), after, screen("one"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the other process showed %s -> %s members after %v", before, after, time.Since(changed).Round(10*time.Millisecond))
}
