package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSearchJSON(t *testing.T) {
	t.Parallel()
	db := seededDB(t)
	staff, communities := staffAndCommunities(t, db)
	// The body comes on standard input.
	out, stderr, code := hirobaInput(t, "来年度から**育休**を取る予定で、庶務の引継をどう進めるか迷っています。\x1b]52;c;AAAA\x07",
		"post", "--db", db, "--community", communities[0].ID, "--kind", "相談",
		"--title", "育休前の引継ぎの段取り", "--body-file", "-", "--anonymous", "--as", staff[0].ID)
	if code != 0 {
		t.Fatalf("post: %d %s", code, stderr)
	}
	threadID := strings.TrimSpace(out)

	var results []struct {
		Type, ID, Title, Snippet, Author string
		Anonymous                        bool
	}
	out, stderr, code = hiroba(t, "search", "--db", db, "育休前の引継", "--json", "--as", staff[1].ID)
	if code != 0 || json.Unmarshal([]byte(out), &results) != nil {
		t.Fatalf("search: %d %s %s", code, out, stderr)
	}
	if len(results) == 0 || results[0].Type != "thread" || results[0].ID != threadID || results[0].Title != "育休前の引継ぎの段取り" {
		t.Fatalf("results %+v", results)
	}
	r := results[0]
	if r.Author != "" || !r.Anonymous || strings.Contains(out, staff[0].Name) || strings.Contains(out, staff[0].ID) {
		t.Fatalf("the anonymous author shows: %s", out)
	}
	if !strings.Contains(r.Snippet, "育休を取る予定") || strings.ContainsAny(r.Snippet, "\x1b\x07*") {
		t.Fatalf("snippet %q", r.Snippet)
	}

	// Mixed Latin and katakana, from the generator's topics.
	out, _, code = hiroba(t, "search", "--db", db, "--json", "logo", "チャット", "--limit", "3")
	if code != 0 || json.Unmarshal([]byte(out), &results) != nil || len(results) == 0 || len(results) > 3 {
		t.Fatalf("LoGoチャット: %d %s", code, out)
	}
	for _, r := range results {
		if !strings.Contains(strings.ToLower(r.Title+r.Snippet), "logoチャット") {
			t.Fatalf("result without the words: %+v", r)
		}
	}

	if _, stderr, code := hiroba(t, "search", "--db", db, "--json"); code != 2 || !strings.Contains(stderr, "検索する言葉") {
		t.Fatalf("no query: %d %s", code, stderr)
	}
}
