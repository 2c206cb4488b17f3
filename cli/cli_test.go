package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"hiroba/cli"
	"hiroba/internal/memtmp"
)

func TestMain(m *testing.M) {
	inMemory := memtmp.Use()
	// A private home, so that no test sees the developer's own profiles
	// or database.
	home, err := os.MkdirTemp("", "hiroba-cli-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("HOME", home)
	os.Setenv("XDG_DATA_HOME", filepath.Join(home, "data"))
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	os.Setenv("HIROBA_DB", "")
	// Japanese, whatever the developer's own language (TestEnglish and
	// TestLanguageFromEnvironment ask for English).
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		os.Unsetenv(v)
	}
	code := m.Run()
	os.RemoveAll(home)
	inMemory()
	os.Exit(code)
}

// hiroba runs the command line in-process with empty standard input.
func hiroba(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return hirobaInput(t, "", args...)
}

// hirobaInput runs the command line in-process with input as standard
// input.
func hirobaInput(t *testing.T, input string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Run(args, strings.NewReader(input), &out, &errb)
	return out.String(), errb.String(), code
}

var seeded struct {
	once sync.Once
	path string
	err  string
}

// seededDB returns a copy of a small generated database (seeded once for
// all tests), which the test may change.
func seededDB(t *testing.T) string {
	t.Helper()
	seeded.once.Do(func() {
		dir, err := os.MkdirTemp("", "hiroba-cli-seed-")
		if err != nil {
			seeded.err = err.Error()
			return
		}
		seeded.path = filepath.Join(dir, "seed.db")
		if _, stderr, code := hiroba(t, "seed", "--db", seeded.path, "--scale", "0.002"); code != 0 {
			seeded.err = stderr
		}
	})
	if seeded.err != "" {
		t.Fatalf("seed: %s", seeded.err)
	}
	// A copy of the closed file: the seed command left no WAL beside it.
	// (hiroba backup, which copied it before, has tests of its own.)
	b, err := os.ReadFile(seeded.path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(seeded.path + "-wal"); err == nil {
		t.Fatalf("%s-wal is left after seeding", seeded.path)
	}
	db := filepath.Join(t.TempDir(), "seed.db")
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return db
}

// staffAndCommunities lists the staff of the database and the communities
// anyone can see: the open ones.
func staffAndCommunities(t *testing.T, db string) (staff []struct{ ID, Name string }, communities []struct{ ID, Visibility string }) {
	t.Helper()
	out, stderr, _ := hiroba(t, "staff", "--db", db, "--json")
	if err := json.Unmarshal([]byte(out), &staff); err != nil || len(staff) < 2 {
		t.Fatalf("staff %v %s", err, stderr)
	}
	out, stderr, _ = hiroba(t, "communities", "--db", db, "--json")
	if err := json.Unmarshal([]byte(out), &communities); err != nil || len(communities) == 0 {
		t.Fatalf("communities %v %s", err, stderr)
	}
	return staff, communities
}

func TestVersion(t *testing.T) {
	t.Parallel()
	out, _, code := hiroba(t, "version")
	if code != 0 || !strings.HasPrefix(out, "hiroba "+cli.Version+" (schema ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	help, _, code := hiroba(t, "help")
	if code != 0 || !strings.HasPrefix(help, "hiroba (広場)") || !strings.Contains(help, "共通のオプション:") {
		t.Fatalf("help: %d\n%s", code, help)
	}
	// Every command has its line, in the table's order.
	last := -1
	for _, name := range []string{"demo", "version", "check", "backup", "communities", "staff", "seed", "admin list", "events",
		"handover export", "handovers", "holidays", "ics export", "ics import", "post", "reply", "search", "serve", "threads"} {
		i := strings.Index(help, "\n  hiroba "+name+" ")
		if i < 0 || i < last {
			t.Fatalf("help lists %q at %d (the one before at %d):\n%s", name, i, last, help)
		}
		last = i
	}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help", "--no-such-flag"}, {"help", "frobnicate"}} {
		if out, _, code := hiroba(t, args...); code != 0 || out != help {
			t.Errorf("%v: exit %d, not the help", args, code)
		}
	}
	// One command's help is its own lines, the common options and where
	// the rest is, not the whole list.
	for _, c := range []struct {
		args []string
		name string
	}{{[]string{"events", "-h"}, "events"}, {[]string{"help", "merge"}, "merge"}, {[]string{"merge", "--help"}, "merge"}} {
		out, _, code := hiroba(t, c.args...)
		if code != 0 || !strings.Contains(out, "\n  hiroba "+c.name+" ") || !strings.Contains(out, "共通のオプション:") ||
			!strings.Contains(out, "hiroba help") || strings.Contains(out, "\n  hiroba post ") {
			t.Errorf("%v: exit %d\n%s", c.args, code, out)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `hiroba: "frobnicate" というコマンドはありません`},
		{[]string{"--", "frobnicate"}, `hiroba: "frobnicate" というコマンドはありません`},
		{[]string{"--db", "x.db", "frobnicate"}, `hiroba: "frobnicate" というコマンドはありません`},
		{[]string{"--frobnicate"}, "hiroba: flag provided but not defined: -frobnicate"},
	} {
		out, stderr, code := hiroba(t, c.args...)
		if code != 2 || out != "" || !strings.HasPrefix(stderr, c.want+"\n\nhiroba (広場)") {
			t.Errorf("%v: exit %d %q", c.args, code, stderr)
		}
	}
}

func TestBadDatabaseFilesAreRefusedUntouched(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
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
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "seed.db")
	if _, stderr, code := hiroba(t, "seed", "--db", db, "--scale", "0.0005"); code != 0 || !strings.Contains(stderr, db+": ") {
		t.Fatalf("seed: %s", stderr)
	}
	if _, stderr, code := hiroba(t, "seed", "--db", filepath.Join(dir, "zero.db")); code != 1 || !strings.Contains(stderr, "--scale に正の数を指定してください") {
		t.Fatalf("seed without --scale: %d %s", code, stderr)
	}
	out, stderr, code := hiroba(t, "check", "--db", db)
	if code != 0 || !strings.Contains(out, "integrity_check: ok") {
		t.Fatalf("check: %d %s %s", code, out, stderr)
	}
	// Seeding again is refused: the database already holds data.
	if _, stderr, code := hiroba(t, "seed", "--db", db, "--scale", "0.0005"); code == 0 || !strings.Contains(stderr, db) {
		t.Fatalf("second seed: %d %s", code, stderr)
	}

	var staff []struct{ ID, Name, Municipality, Department string }
	out, stderr, code = hiroba(t, "staff", "--db", db, "--json")
	if code != 0 {
		t.Fatal(stderr)
	}
	if err := json.Unmarshal([]byte(out), &staff); err != nil || len(staff) < 2 {
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
	if _, stderr, code := hiroba(t, "communities", "--db", db); code != 1 || !strings.Contains(stderr, "--json") {
		t.Fatalf("communities without --json: %d %s", code, stderr)
	}

	backup := filepath.Join(dir, "copy.db")
	if out, stderr, code := hiroba(t, "backup", "--db", db, backup); code != 0 || out != backup+"\n" {
		t.Fatalf("backup: %q %s", out, stderr)
	}
	out, _, code = hiroba(t, "check", "--db", backup)
	if code != 0 {
		t.Fatalf("backup does not check: %s", out)
	}
	if _, _, code := hiroba(t, "backup", "--db", db, backup); code == 0 {
		t.Fatal("backup overwrote an existing file")
	}
	if _, stderr, code := hiroba(t, "backup", "--db", db); code != 2 || stderr != "hiroba backup: 出力先のファイルを一つ指定してください\n" {
		t.Fatalf("backup without OUT: %d %q", code, stderr)
	}
}

// TestThemeFlag: --theme takes light or dark; anything else is a command
// line that cannot run, named with the two choices, before any file is
// opened.
func TestThemeFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	_, stderr, code := hiroba(t, "--theme", "blue", "--db", db)
	if code != 2 || !strings.Contains(stderr, `--theme は light か dark です ("blue"`) {
		t.Fatalf("--theme blue: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("--theme blue created the database: %v", err)
	}
}

// TestDemoReset: --reset needs the demo's file, and refuses a file that
// hiroba demo did not make, leaving it as it was.
func TestDemoReset(t *testing.T) {
	t.Parallel()
	if _, stderr, code := hiroba(t, "demo", "--reset"); code != 2 || !strings.Contains(stderr, "--reset は --db") {
		t.Fatalf("--reset without --db: exit %d, %q", code, stderr)
	}
	db := seededDB(t)
	before, _ := os.ReadFile(db)
	_, stderr, code := hiroba(t, "demo", "--db", db, "--reset")
	if code != 1 || !strings.Contains(stderr, "デモのファイルではない") || !strings.Contains(stderr, db) {
		t.Fatalf("--reset on a real database: exit %d, %q", code, stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
		t.Fatal("the real database was changed")
	}
}
