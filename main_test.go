package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hirobaBin is the program built once for the end-to-end tests.
var hirobaBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hiroba-e2e-")
	if err != nil {
		panic(err)
	}
	hirobaBin = filepath.Join(dir, "hiroba")
	if out, err := exec.Command("go", "build", "-o", hirobaBin, ".").CombinedOutput(); err != nil {
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// hiroba runs the built program with a private home, so that no test sees
// the developer's own profiles or database.
func hiroba(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(hirobaBin, args...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"), "HIROBA_DB=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func TestVersion(t *testing.T) {
	out, _, code := hiroba(t, "version")
	if code != 0 || !strings.HasPrefix(out, "hiroba ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestBadDatabaseFilesAreRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "foreign.db")
	// A real SQLite file of another program.
	if out, err := exec.Command(hirobaBin, "seed", "--db", foreign, "--scale", "0.0005").CombinedOutput(); err != nil {
		t.Fatalf("seed: %v %s", err, out)
	}
	cases := map[string][]byte{
		"text.db":    []byte("名簿\n山田,総務課\n"),
		"garbage.db": append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xde, 0xad}, 4000)...),
	}
	for name, content := range cases {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"check", "--db", path}, {"communities", "--json", "--db", path}, {"staff", "--json", "--db", path}, {"backup", "--db", path, filepath.Join(dir, "out-"+name)}, {"demo", "--db", path}, {"--db", path}} {
			_, stderr, code := hiroba(t, args...)
			if code == 0 {
				t.Errorf("%s %v: exit 0", name, args)
			}
			if !strings.Contains(stderr, path) {
				t.Errorf("%s %v: message does not name the file: %q", name, args, stderr)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
				t.Fatalf("%s %v: the file was changed", name, args)
			}
		}
	}
}

func TestSeedCheckBackupAndJSON(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "seed.db")
	if _, stderr, code := hiroba(t, "seed", "--db", db, "--scale", "0.002"); code != 0 {
		t.Fatalf("seed: %s", stderr)
	}
	out, stderr, code := hiroba(t, "check", "--db", db)
	if code != 0 || !strings.Contains(out, "integrity_check: ok") {
		t.Fatalf("check: %d %s %s", code, out, stderr)
	}
	// Seeding again is refused: the database already holds data.
	if _, stderr, code := hiroba(t, "seed", "--db", db, "--scale", "0.002"); code == 0 || !strings.Contains(stderr, db) {
		t.Fatalf("second seed: %d %s", code, stderr)
	}

	var staff []struct{ ID, Name, Municipality, Department string }
	out, stderr, code = hiroba(t, "staff", "--db", db, "--json")
	if code != 0 {
		t.Fatal(stderr)
	}
	if err := json.Unmarshal([]byte(out), &staff); err != nil || len(staff) < 10 {
		t.Fatalf("staff json: %v, %d rows", err, len(staff))
	}
	if staff[0].ID == "" || staff[0].Name == "" || staff[0].Municipality == "" {
		t.Fatalf("staff row %+v", staff[0])
	}

	var all, mine []struct {
		ID, Name, Visibility string
		ViewerRole           string `json:"viewer_role"`
	}
	out, _, code = hiroba(t, "communities", "--db", db, "--json")
	if code != 0 || json.Unmarshal([]byte(out), &all) != nil || len(all) == 0 {
		t.Fatalf("communities: %d %q", code, out)
	}
	for _, c := range all {
		if c.Visibility != "open" {
			t.Fatalf("nobody signed in sees members-only %q", c.Name)
		}
	}
	out, stderr, code = hiroba(t, "communities", "--db", db, "--json", "--as", staff[0].ID)
	if code != 0 || json.Unmarshal([]byte(out), &mine) != nil {
		t.Fatalf("communities --as: %d %s", code, stderr)
	}

	backup := filepath.Join(dir, "copy.db")
	if _, stderr, code := hiroba(t, "backup", "--db", db, backup); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	out, _, code = hiroba(t, "check", "--db", backup)
	if code != 0 {
		t.Fatalf("backup does not check: %s", out)
	}
	if _, _, code := hiroba(t, "backup", "--db", db, backup); code == 0 {
		t.Fatal("backup overwrote an existing file")
	}
}

func TestUnknownCommand(t *testing.T) {
	_, stderr, code := hiroba(t, "frobnicate")
	if code != 2 || !strings.Contains(stderr, "frobnicate") {
		t.Fatalf("%d %q", code, stderr)
	}
}

// TestDemoInTmux runs the real program in a terminal, as a person would:
// it types into tmux and reads the screen back.
func TestDemoInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	home := t.TempDir()
	sock := filepath.Join(home, "tmux.sock")
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v %s", args, err, out)
		}
		return string(out)
	}
	env := "env HOME=" + home + " XDG_CONFIG_HOME=" + home + "/c XDG_DATA_HOME=" + home + "/d HIROBA_DB= TZ=Asia/Tokyo "
	tmux("new-session", "-d", "-x", "80", "-y", "24", env+hirobaBin+" demo; echo EXITED $?; sleep 30")
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	screen := func() string { return tmux("capture-pane", "-p") }
	waitFor := func(s string) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			if got := screen(); strings.Contains(got, s) {
				return got
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("screen never showed %q:\n%s", s, screen())
		return ""
	}
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
