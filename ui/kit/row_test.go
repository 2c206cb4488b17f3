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

// A person's name is whole wherever it fits alone: the community before
// it takes what is left, cut, and goes where that is too little to say
// anything; the name is cut, with the ellipsis, only where it alone does
// not fit.
func TestAuthorMetaLineKeepsTheAuthorWhole(t *testing.T) {
	for _, c := range []struct {
		w                 int
		community, author string
		want              string
	}{
		{40, "知っててあたりまえのことでも聞ける場所", "国分 結衣", "    未解決  国分 結衣     返信 2  1日前"},
		{48, "知っててあたりまえのことでも聞ける場所", "国分 結衣", "    未解決  知ってて…  国分 結衣  返信 2  1日前"},
		{48, "本宮市 業務改善ラボ", "大河原 真奈", "    未解決  本宮市…  大河原 真奈  返信 2  1日前"},
		{60, "本宮市 業務改善ラボ", "大河原 真奈", "    未解決  本宮市 業務改善ラボ  大河原 真奈  返信 2  1日前"},
		{36, "本宮市 業務改善ラボ", "大河原 真奈", "    未解決  大河原…   返信 2  1日前"},
	} {
		got := AuthorMetaLine(Styles{}, c.w, "    未解決  ", []string{c.community}, c.author, []string{"返信 2", "1日前"})
		if got != c.want {
			t.Errorf("%d cells: got %q, want %q", c.w, got, c.want)
		}
		if Width(got) > c.w-1 {
			t.Errorf("%d cells: %q is %d cells wide", c.w, got, Width(got))
		}
	}
}

// A name cut narrower than asked, where a wide character did not fit the
// last cell, leaves the cell to the names after it.
func TestMetaLineGivesTheCutsRoundingOn(t *testing.T) {
	got := MetaLine(Styles{}, 40, "   ", []string{"学び合い・異動希望先", "Whole area"}, []string{"24 members", "1d ago"})
	if want := "   学び…  Whole ar…  24 members  1d ago"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
