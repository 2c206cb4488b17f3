package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestThreadMarkInTmux runs the real program at 80x24 and opens a thread
// of 相談: the post the keys act on is marked with > where a person can
// see it without colours; ] moves the mark to the next post, and d asks,
// on the status line, whether to delete the marked post, naming it. n
// deletes nothing.
func TestThreadMarkInTmux(t *testing.T) {
	t.Parallel()
	bin := program(t)
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	home := t.TempDir()
	sock := filepath.Join(home, "tmux.sock")
	tmux := tmux(t, sock)
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	env := "env HOME=" + home + " XDG_CONFIG_HOME=" + home + "/c XDG_DATA_HOME=" + home + "/d HIROBA_DB= TZ=Asia/Tokyo NO_COLOR=1 "
	tmux("new-session", "-d", "-s", "mark", "-x", "80", "-y", "24", env+bin+" demo --db "+filepath.Join(home, "demo.db")+"; sleep 60")
	screen := func() string { return tmux("capture-pane", "-p", "-t", "mark") }
	waitFor := func(want string) string { t.Helper(); return waitFor(t, screen, want) }
	keys := func(k ...string) {
		for _, key := range k {
			tmux("send-keys", "-t", "mark", key)
			time.Sleep(60 * time.Millisecond)
		}
	}
	// marked is the post the open thread marks: the line of the thread
	// pane that begins with >.
	marked := func(s string) string {
		for _, l := range strings.Split(s, "\n") {
			if _, post, ok := strings.Cut(l, "|> "); ok {
				return post
			}
		}
		return ""
	}
	// markMoves presses ] and waits for the mark to be on want.
	markMoves := func(want string) {
		t.Helper()
		keys("]")
		deadline := time.Now().Add(patience)
		for !strings.Contains(marked(screen()), want) {
			if time.Now().After(deadline) {
				t.Fatalf("after ] the mark is not on %q but on %q:\n%s", want, marked(screen()), screen())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	// 高野 葵, the demo's person, wrote the fourth and last reply.
	const title = "ガルーンの掲示板を"
	waitFor("コミュニティ")
	keys("2")
	waitFor("相談の一覧")
	keys("/")
	tmux("send-keys", "-t", "mark", "-l", title)
	waitFor("相談の一覧  1件")
	keys("Enter", "Enter")
	s := waitFor("|> 体験談")
	if got := marked(s); !strings.Contains(got, "体験談") {
		t.Fatalf("the opened thread does not mark its first post: %q\n%s", got, s)
	}
	for i := 1; i <= 4; i++ {
		markMoves("返信 " + string(rune('0'+i)) + "/4")
	}

	keys("d")
	s = waitFor("(y/n)")
	// The question is the bottom lines, across the width: no pane's bar.
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	from := len(lines) - 1
	for from > 0 && !strings.Contains(lines[from-1], "|") {
		from--
	}
	status := strings.Join(strings.Fields(strings.Join(lines[from:], " ")), " ")
	t.Logf("the status line asks: %s", status)
	for _, want := range []string{"返信 4 (高野 葵「「ノウハウ」カ", "を削除しますか？"} {
		if !strings.Contains(status, want) {
			t.Errorf("the status line %q does not say %q", status, want)
		}
	}
	keys("n")
	deadline := time.Now().Add(patience)
	for strings.Contains(screen(), "(y/n)") {
		if time.Now().After(deadline) {
			t.Fatalf("n left the question:\n%s", screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := marked(screen()); !strings.Contains(got, "返信 4/4") {
		t.Fatalf("after n the mark moved or the reply went: %q\n%s", got, screen())
	}
	if strings.Contains(screen(), "削除されました") {
		t.Fatalf("n deleted the reply:\n%s", screen())
	}
}
