package e2e

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hirobaBin is the program built once for the end-to-end tests; "" with
// -short.
var hirobaBin string

// patience bounds every wait for the program: generous, because a busy
// machine may take seconds to start it; a test that passes waits only as
// long as the program takes.
const patience = 60 * time.Second

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "hiroba-e2e-")
	if err != nil {
		panic(err)
	}
	hirobaBin = filepath.Join(dir, "hiroba")
	// Without DWARF (-w) the link takes half the time; the program is the
	// same.
	if out, err := exec.Command("go", "build", "-ldflags=-w", "-o", hirobaBin, "hiroba").CombinedOutput(); err != nil {
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// program returns the built program, or skips the test with -short.
func program(t *testing.T) string {
	t.Helper()
	if hirobaBin == "" {
		t.Skip("end-to-end test: not with -short")
	}
	return hirobaBin
}

// privateEnv is the environment with a private home, so that the program
// sees neither the developer's profiles nor their database.
func privateEnv(home string) []string {
	return append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "d"), "XDG_CONFIG_HOME="+filepath.Join(home, "c"), "HIROBA_DB=", "TZ=Asia/Tokyo", "LC_ALL=", "LC_MESSAGES=", "LANG=C.UTF-8")
}

// TestProgramFromAShell runs the binary as a script would: its streams,
// its exit statuses and a body piped to it.
func TestProgramFromAShell(t *testing.T) {
	bin := program(t)
	t.Parallel()
	home := t.TempDir()
	run := func(stdin string, args ...string) (string, string, int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = privateEnv(home)
		cmd.Stdin = strings.NewReader(stdin)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok {
			return out.String(), errb.String(), ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), 0
	}
	if out, _, code := run("", "version"); code != 0 || !strings.HasPrefix(out, "hiroba 0.") {
		t.Fatalf("version: %d %q", code, out)
	}
	if out, stderr, code := run("", "frobnicate"); code != 2 || out != "" || !strings.Contains(stderr, `"frobnicate" というコマンドはありません`) {
		t.Fatalf("unknown command: %d %q", code, stderr)
	}
	db := filepath.Join(home, "seed.db")
	if _, stderr, code := run("", "seed", "--db", db, "--scale", "0.0005"); code != 0 {
		t.Fatalf("seed: %s", stderr)
	}
	if _, stderr, code := run("", "post", "--db", db, "--community", "01NOSUCHCOMMUNITY000000000", "--title", "題", "--body-file", "-"); code != 1 || !strings.Contains(stderr, "--as") {
		t.Fatalf("posting as nobody: %d %s", code, stderr)
	}
	// The body comes through a pipe.
	firstID := func(args ...string) string {
		t.Helper()
		out, stderr, code := run("", args...)
		var rows []struct{ ID string }
		if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) == 0 {
			t.Fatalf("%v: %d %v %s", args, code, err, stderr)
		}
		return rows[0].ID
	}
	id, community := firstID("staff", "--db", db, "--json"), firstID("communities", "--db", db, "--json")
	if out, stderr, code := run("パイプで渡した本文", "post", "--db", db, "--community", community, "--title", "標準入力から", "--body-file", "-", "--as", id); code != 0 || len(strings.TrimSpace(out)) != 26 {
		t.Fatalf("post from a pipe: %d %q %s", code, out, stderr)
	}
	if out, _, code := run("", "search", "--db", db, "パイプで渡した本文", "--json"); code != 0 || !strings.Contains(out, "標準入力から") {
		t.Fatalf("the piped post is not found: %d %s", code, out)
	}
}

// tmux drives a private tmux server on sock.
func tmux(t *testing.T, sock string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v %s", args, err, out)
		}
		return string(out)
	}
}

// waitFor reads screen until it shows want, and returns it; the test
// fails when it has not after patience.
func waitFor(t *testing.T, screen func() string, want string) string {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		if got := screen(); strings.Contains(got, want) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q:\n%s", want, screen())
	return ""
}

// TestDemoInTmux runs the real program in a terminal, as a person would:
// it types into tmux and reads the screen back.
func TestDemoInTmux(t *testing.T) {
	bin := program(t)
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	t.Parallel()
	home := t.TempDir()
	sock := filepath.Join(home, "tmux.sock")
	tmux := tmux(t, sock)
	env := "env HOME=" + home + " XDG_CONFIG_HOME=" + home + "/c XDG_DATA_HOME=" + home + "/d HIROBA_DB= TZ=Asia/Tokyo "
	tmux("new-session", "-d", "-x", "80", "-y", "24", env+bin+" demo; echo EXITED $?; sleep 60")
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	screen := func() string { return tmux("capture-pane", "-p") }
	waitFor := func(s string) string { t.Helper(); return waitFor(t, screen, s) }
	got := waitFor("産休・育休カフェ")
	for i, l := range strings.Split(strings.TrimRight(got, "\n"), "\n") {
		if w := displayWidth(l); w > 80 {
			t.Fatalf("line %d is %d cells: %q", i, w, l)
		}
	}
	tmux("send-keys", "2")
	waitFor("相談の一覧")
	tmux("send-keys", "3")
	waitFor("引き継ぎ書の一覧")
	tmux("send-keys", "4")
	waitFor("今日 ")
	tmux("send-keys", "?")
	waitFor("キー操作")
	tmux("send-keys", "?", "1", "/")
	tmux("send-keys", "庶務")
	waitFor("庶務担当者の会")
	tmux("send-keys", "Enter", "q")
	waitFor("EXITED 0")
}

// displayWidth counts terminal cells: two for East Asian wide characters.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6):
			w += 2
		default:
			w++
		}
	}
	return w
}
