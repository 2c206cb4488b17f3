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

// A row's names share what room the numbers leave: the first is cut
// first but only so far before the next is cut too, so that a short
// place does not keep a category and a long one drop it; only where none
// can be cut further does the first go.
func TestMetaLineSharesTheRoom(t *testing.T) {
	st := Styles{}
	for _, c := range []struct {
		names []string
		w     int
		want  string
	}{
		{[]string{"Consultation", "Whole area"}, 40, "   Consu…  Whole a…  24 members  1d ago"},
		{[]string{"Consultation", "本宮市"}, 40, "   Consult…  本宮市  24 members  1d ago"},
		{[]string{"相談", "広域圏"}, 40, "   相談  広域圏      24 members  1d ago"},
		{[]string{"Consultation", "Whole area"}, 30, "   Whole…  24 members  1d ago"},
	} {
		got := MetaLine(st, c.w, "   ", c.names, []string{"24 members", "1d ago"})
		if got != c.want {
			t.Errorf("MetaLine(%q, %d) = %q, want %q", c.names, c.w, got, c.want)
		}
		if Width(got) > c.w {
			t.Errorf("MetaLine(%q, %d) is %d cells wide", c.names, c.w, Width(got))
		}
	}
}

// Where two names cannot both keep enough to say something, the first
// goes and the author stays whole.
func TestMetaLineKeepsTheAuthorWhole(t *testing.T) {
	got := MetaLine(Styles{}, 40, "    未解決  ", []string{"知っててあたりまえのことでも聞ける場所", "国分 結衣"}, []string{"返信 2", "1日前"})
	if want := "    未解決  国分 結衣     返信 2  1日前"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
