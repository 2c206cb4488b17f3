package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestFileGoneInTmux runs the real program in a terminal and removes its
// database file under it: the first refused write shows a box naming the
// file that offers to quit; y quits, and no file appears at the path.
func TestFileGoneInTmux(t *testing.T) {
	bin := program(t)
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	t.Parallel()
	home := t.TempDir()
	db := filepath.Join(home, "gone.db")
	sock := filepath.Join(home, "tmux.sock")
	tmux := tmux(t, sock)
	env := "env HOME=" + home + " XDG_CONFIG_HOME=" + home + "/c XDG_DATA_HOME=" + home + "/d HIROBA_DB= TZ=Asia/Tokyo "
	tmux("new-session", "-d", "-s", "one", "-x", "80", "-y", "24", env+bin+" demo --db "+db+"; echo 終了しました; sleep 60")
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	screen := func() string { return tmux("capture-pane", "-p", "-t", "one") }
	until := func(what string) string { t.Helper(); return waitFor(t, screen, what) }
	until("コミュニティ")
	tmux("send-keys", "-t", "one", "2")
	until("参考になった")                     // the first thread, selected and shown beside the list
	tmux("send-keys", "-t", "one", "r") // answers the selected thread from the list
	until("本文")
	if err := os.Remove(db); err != nil {
		t.Fatal(err)
	}
	tmux("send-keys", "-t", "one", "-l", "消えたファイルへ")
	until("データベースのファイルがありません")
	until("gone.db")
	tmux("send-keys", "-t", "one", "y")
	until("終了しました")
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a file appeared at %s: %v", db, err)
	}
}
