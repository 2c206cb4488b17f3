package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPostReplyAndListThreads(t *testing.T) {
	t.Parallel()
	db := seededDB(t)
	staff, communities := staffAndCommunities(t, db)
	body := filepath.Join(t.TempDir(), "body.md")
	os.WriteFile(body, []byte("育休明けの**時短勤務**について教えてください。\x1b[2J"), 0o644)

	out, stderr, code := hiroba(t, "post", "--db", db, "--community", communities[0].ID, "--kind", "相談",
		"--title", "育休明けの時短勤務", "--body-file", body, "--anonymous", "--as", staff[0].ID)
	if code != 0 {
		t.Fatalf("post: %d %s", code, stderr)
	}
	threadID := strings.TrimSpace(out)
	if len(threadID) != 26 {
		t.Fatalf("post printed %q, want the new id", out)
	}
	os.WriteFile(body, []byte("人事課の手引きに載っています。"), 0o644)
	out, stderr, code = hiroba(t, "reply", "--db", db, threadID, "--body-file", body, "--as", staff[1].ID)
	if code != 0 || len(strings.TrimSpace(out)) != 26 {
		t.Fatalf("reply: %d %q %s", code, out, stderr)
	}

	var threads []struct {
		ID, Title, Author, Kind string
		AuthorID                string `json:"author_id"`
		ReplyCount              int    `json:"reply_count"`
		Anonymous               bool
	}
	out, stderr, code = hiroba(t, "threads", "--db", db, "--json", "--kind", "相談", "--community", communities[0].ID, "--status", "open", "--as", staff[1].ID)
	if code != 0 || json.Unmarshal([]byte(out), &threads) != nil {
		t.Fatalf("threads: %d %s", code, stderr)
	}
	found := false
	for _, th := range threads {
		if th.Kind != "question" {
			t.Errorf("--kind 相談 listed a %s", th.Kind)
		}
		if th.ID == threadID {
			found = true
			if th.Author != "" || th.AuthorID != "" || !th.Anonymous || th.ReplyCount != 1 {
				t.Errorf("anonymous thread in JSON: %+v", th)
			}
		}
	}
	if !found {
		t.Fatalf("the new thread is not listed")
	}
	var raw []json.RawMessage
	json.Unmarshal([]byte(out), &raw)
	for _, r := range raw {
		if strings.Contains(string(r), threadID) && (strings.Contains(string(r), staff[0].ID) || strings.Contains(string(r), staff[0].Name)) {
			t.Errorf("the JSON of the anonymous thread names its author: %s", r)
		}
	}
	out, _, _ = hiroba(t, "threads", "--db", db, "--json", "--limit", "3")
	if err := json.Unmarshal([]byte(out), &threads); err != nil || len(threads) != 3 {
		t.Errorf("--limit 3 gave %d threads (%v)", len(threads), err)
	}
	out, _, _ = hiroba(t, "threads", "--db", db, "--json")
	json.Unmarshal([]byte(out), &threads)
	if len(threads) <= 100 {
		t.Errorf("without --limit, every match: got %d", len(threads))
	}
}

func TestPostRefusesBadInput(t *testing.T) {
	t.Parallel()
	db := seededDB(t)
	staff, communities := staffAndCommunities(t, db)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.md")
	os.WriteFile(empty, []byte("  \n"), 0o644)
	huge := filepath.Join(dir, "huge.md")
	os.WriteFile(huge, []byte(strings.Repeat("あ", 100001)), 0o644)
	latin1 := filepath.Join(dir, "latin1.md")
	os.WriteFile(latin1, []byte("caf\xe9"), 0o644)

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"EmptyBody", []string{"--title", "題", "--body-file", empty}, "本文"},
		{"EmptyTitle", []string{"--title", " ", "--body-file", empty}, "タイトル"},
		{"TooLong", []string{"--title", "題", "--body-file", huge}, "100000"},
		{"NotUTF8", []string{"--title", "題", "--body-file", latin1}, "UTF-8"},
		{"BadKind", []string{"--title", "題", "--kind", "雑談", "--body-file", empty}, "--kind"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"post", "--db", db, "--community", communities[0].ID, "--as", staff[0].ID}, tc.args...)
			_, stderr, code := hiroba(t, args...)
			if code == 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("code %d, stderr %q, want it to name %q", code, stderr, tc.want)
			}
		})
	}
	if _, stderr, code := hiroba(t, "post", "--db", db, "--community", communities[0].ID, "--title", "題", "--body-file", empty); code == 0 || !strings.Contains(stderr, "--as") {
		t.Errorf("posting as nobody: %d %s", code, stderr)
	}
}
