package kit

import "testing"

// An anonymous post is 匿名 to everyone, 匿名 (あなた) to its author, in
// every place that labels authors; the name never shows through.
func TestAuthorName(t *testing.T) {
	ja, en := NewCatalog("ja", nil, nil), NewCatalog("en", nil, nil)
	for _, c := range []struct {
		cat             *Catalog
		name            string
		anonymous, mine bool
		want            string
	}{
		{ja, "高野 葵", false, false, "高野 葵"},
		{ja, "高野 葵", false, true, "高野 葵"},
		{ja, "", true, false, "匿名"},
		{ja, "高野 葵", true, true, "匿名 (あなた)"},
		{ja, "高野 葵", true, false, "匿名"}, // a quote of one's own post
		{en, "高野 葵", true, true, "Anonymous (you)"},
		{ja, "高野\x1b[2J 葵", false, false, "高野[2J 葵"}, // no escape reaches the terminal
	} {
		if got := AuthorName(c.cat, c.name, c.anonymous, c.mine); got != c.want {
			t.Errorf("%s %q anonymous %v mine %v: %q, want %q", c.cat.Lang, c.name, c.anonymous, c.mine, got, c.want)
		}
	}
}
