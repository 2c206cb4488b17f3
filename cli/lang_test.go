package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// With --lang en the command line speaks English: its help, its own
// refusals, and what model and data refuse, said through the catalogue.
func TestEnglish(t *testing.T) {
	t.Parallel()
	db := seededDB(t)
	staff, communities := staffAndCommunities(t, db)
	empty := filepath.Join(t.TempDir(), "empty.md")
	os.WriteFile(empty, []byte("  \n"), 0o644)

	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"Help", []string{"help"}, 0, "Usage:\n"},
		{"Usage", []string{"handover", "export"}, 2, "hiroba handover: Give the ID of one handover note to write\n"},
		{"UnknownCommand", []string{"nosuch"}, 2, `there is no command "nosuch"`},
		{"EmptyBody", []string{"post", "--db", db, "--community", communities[0].ID, "--title", "t", "--body-file", empty, "--as", staff[0].ID}, 1, "hiroba: Body: Required\n"},
		{"NobodyKnown", []string{"--as", "誰でもない人", "post", "--db", db, "--community", communities[0].ID, "--title", "t", "--body-file", empty}, 1, `Staff member "誰でもない人" not found. Check the ID or name`},
		{"NoSuchHandover", []string{"handover", "export", "--db", db, "--as", staff[0].ID, "01NOSUCHNOTE"}, 1, "hiroba: Handover note not found."},
		{"NoDatabase", []string{"check", "--db", filepath.Join(t.TempDir(), "none.db")}, 1, "there is no database here"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, stderr, code := hiroba(t, append([]string{"--lang", "en"}, c.args...)...)
			if code != c.code || !strings.Contains(out+stderr, c.want) {
				t.Fatalf("exit %d, want %d with %q:\n%s%s", code, c.code, c.want, out, stderr)
			}
			if strings.IndexFunc(strings.ReplaceAll(out+stderr, "誰でもない人", ""), japanese) >= 0 {
				t.Errorf("Japanese in English output: %s%s", out, stderr)
			}
		})
	}
}

// An unknown --lang names the two there are.
func TestUnknownLanguage(t *testing.T) {
	t.Parallel()
	_, stderr, code := hiroba(t, "--lang", "fr", "version")
	if code != 2 || !strings.Contains(stderr, "ja") || !strings.Contains(stderr, "en") || !strings.Contains(stderr, `"fr"`) {
		t.Fatalf("%d %s", code, stderr)
	}
}

// Without --lang, an English LANG (or LC_ALL, LC_MESSAGES) is English;
// --lang ja wins over it.
func TestLanguageFromEnvironment(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	if out, _, _ := hiroba(t, "help"); !strings.Contains(out, "Usage:") {
		t.Errorf("LANG=en_US: %s", out)
	}
	if out, _, _ := hiroba(t, "--lang", "ja", "help"); !strings.Contains(out, "使い方:") {
		t.Errorf("--lang ja: %s", out)
	}
	t.Setenv("LC_ALL", "ja_JP.UTF-8")
	if out, _, _ := hiroba(t, "help"); !strings.Contains(out, "使い方:") {
		t.Errorf("LC_ALL=ja_JP over LANG=en_US: %s", out)
	}
}

func japanese(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) }
