package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestSearchTokens(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"育休", "育休 休"},
		{"来年から育休を取る", "来年 年か から ら育 育休 休を を取 取る る"},
		{"LoGoチャット", "logo チャ ャッ ット ト"},
		{"ＬｏＧｏ の 林", "logo の 林"},
		{"ｶﾀｶﾅ", "カタ タカ カナ ナ"},
		{"Excel マクロ、2024年度。", "excel マク クロ ロ 2024 年度 度"},
		{"\x1b[2J 災害", "2j 災害 害"},
	} {
		if got := SearchTokens(c.text); got != c.want {
			t.Errorf("SearchTokens(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestParseSearchQuery(t *testing.T) {
	got := ParseSearchQuery("LoGoチャット 林 引継ぎ")
	want := []SearchTerm{
		{Tokens: []string{"logo"}, Prefix: true, Text: "logo", Word: true},
		{Tokens: []string{"チャ", "ャッ", "ット"}, Text: "チャット"},
		{Tokens: []string{"林"}, Prefix: true, Text: "林"},
		{Tokens: []string{"引継", "継ぎ"}, Text: "引継ぎ"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}
	if q := ParseSearchQuery("の"); len(q) != 1 || q[0].Prefix {
		t.Fatalf("a lone hiragana: %+v", q)
	}
	if q := ParseSearchQuery(" 、。!? "); len(q) != 0 {
		t.Fatalf("punctuation only: %+v", q)
	}
}

func TestSearchMatches(t *testing.T) {
	text := "庁内のＬｏＧｏチャットとlogoの育休"
	var got []string
	for _, m := range SearchMatches(text, "logo 育休") {
		got = append(got, text[m[0]:m[1]])
	}
	if strings.Join(got, ",") != "ＬｏＧｏ,logo,育休" {
		t.Fatalf("matches %q", got)
	}
	if m := SearchMatches("catalog", "log"); len(m) != 0 {
		t.Fatalf("a Latin word matched inside another: %v", m)
	}
}

func TestSearchSnippet(t *testing.T) {
	long := strings.Repeat("前置きの文章です。", 10) + "\n\n## 見出し\n\n- **育休**の相談は係長へ。" + strings.Repeat("あとがき。", 30)
	s := SearchSnippet(long, "育休", 40)
	if !strings.HasPrefix(s, "...") || !strings.HasSuffix(s, "...") || !strings.Contains(s, "育休の相談は係長へ") {
		t.Fatalf("snippet %q", s)
	}
	if strings.ContainsAny(s, "#*\n") {
		t.Fatalf("markdown or newline left: %q", s)
	}
	if got := SearchSnippet("危ない\x1b]52;c;AAAA\x07文字", "文字", 40); strings.ContainsAny(got, "\x1b\x07") {
		t.Fatalf("control characters left: %q", got)
	}
	if got := SearchSnippet("短い本文", "ない", 40); got != "短い本文" {
		t.Fatalf("no match: %q", got)
	}
}

func TestHalfwidthKanaTable(t *testing.T) {
	if n := len(halfwidthKana); n != 0xFF9F-0xFF61+1 {
		t.Fatalf("table has %d entries", n)
	}
	if foldRune('ｱ') != 'ア' || foldRune('ﾝ') != 'ン' || foldRune('ｰ') != 'ー' {
		t.Fatal("half-width kana not folded")
	}
}
