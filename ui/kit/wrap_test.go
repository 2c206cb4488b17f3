package kit

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// TestWrapWordsSetsJapanese: no line begins with a closing mark or ends
// with an opening one, numbers stay with their units, Latin words stay
// whole, and every line fits.
func TestWrapWordsSetsJapanese(t *testing.T) {
	cases := []struct {
		text string
		w    int
		want []string
	}{
		{"高野 葵、熊田 剛、菅野 駿、岩崎 愛", 11, []string{"高野 葵、", "熊田 剛、", "菅野 駿、", "岩崎 愛"}},
		{"国分 結衣  2026年11月18日  参考になった 1", 36, []string{"国分 結衣  2026年11月18日", "参考になった 1"}},
		{"次回は10日(木)の15時からです。", 12, []string{"次回は", "10日(木)の", "15時からで", "す。"}},
		{"「今さら聞けない」を気軽に。", 9, []string{"「今さら", "聞けな", "い」を気", "軽に。"}},
		{"LoGoチャットの使い方", 8, []string{"LoGo", "チャット", "の使い方"}},
		{"返信 12件  3日前", 10, []string{"返信 12件", "3日前"}},
	}
	for _, c := range cases {
		got := strings.Split(WrapWords(c.text, c.w), "\n")
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("WrapWords(%q, %d) = %q, want %q", c.text, c.w, got, c.want)
		}
		for _, l := range got {
			if Width(l) > c.w {
				t.Errorf("%q: line %q wider than %d", c.text, l, c.w)
			}
			if r := []rune(l); len(r) > 0 && strings.ContainsRune(noBreakBefore, r[0]) {
				t.Errorf("%q: line %q begins with a closing mark", c.text, l)
			}
			if r := []rune(l); len(r) > 0 && strings.ContainsRune(noBreakAfter, r[len(r)-1]) {
				t.Errorf("%q: line %q ends with an opening mark", c.text, l)
			}
		}
	}
}

// TestJoinSoftBreaks: a line break between two Japanese characters in a
// paragraph joins without a space; list items, code and Latin text keep
// theirs.
func TestJoinSoftBreaks(t *testing.T) {
	cat := NewCatalog("ja", nil, nil)
	got := RenderMarkdown("何年やっていても聞けないことはあります。\nここは歓迎する場です。\n\n- 一つ目\n- 二つ目\n\n```\n行1\n行2\n```\n\nhello\nworld", 80, cat)
	for _, want := range []string{"あります。ここは", "- 一つ目\n- 二つ目", "行1", "hello world"} {
		if !strings.Contains(ansi.Strip(got), want) {
			t.Errorf("rendered markdown lacks %q:\n%s", want, ansi.Strip(got))
		}
	}
	if strings.Contains(ansi.Strip(got), "行1行2") {
		t.Error("a code block's lines were joined")
	}
}

// A list of names breaks only between names: at 20 cells WrapWords
// would leave 大内 at the end of a line and 里奈 on the next.
func TestWrapListKeepsNamesWhole(t *testing.T) {
	names := []string{"佐久間 正樹", "大内 里奈", "長谷川 修", "ほか 5人"}
	if got := WrapWords(strings.Join(names, "、"), 20); !strings.Contains(got, "大内\n里奈") {
		t.Fatalf("the case no longer splits a name: %q", got)
	}
	got := WrapList(names, "、", 20)
	if want := "佐久間 正樹、\n大内 里奈、\n長谷川 修、ほか 5人"; got != want {
		t.Errorf("WrapList = %q, want %q", got, want)
	}
	got = WrapList([]string{"高野 葵", "とても長い名前のついた、二十セルには収まらない会"}, "、", 20)
	if want := "高野 葵、\nとても長い名前のつい\nた、二十セルには収ま\nらない会"; got != want {
		t.Errorf("an item wider than a line: %q, want %q", got, want)
	}
}

// A key stays with the Japanese that says what it does: a line never
// ends with a lone n.
func TestWrapWordsKeepsAKeyWithItsWords(t *testing.T) {
	for _, c := range []struct {
		text string
		w    int
		want string
	}{
		{"コミュニティはまだありません。n で最初のコミュニティを作れます。", 36, "コミュニティはまだありません。\nn で最初のコミュニティを作れます。"},
		{"自治体: 文字を入れて探す  所属で enter: 登録", 24, "自治体: 文字を入れて探す\n所属で enter: 登録"},
		{"j/k to move, n for a new one", 12, "j/k to move,\nn for a new\none"},
	} {
		if got := WrapWords(c.text, c.w); got != c.want {
			t.Errorf("WrapWords(%q, %d) = %q, want %q", c.text, c.w, got, c.want)
		}
	}
}

// Wrap, which wraps styled text (markdown, errors, status lines), keeps
// a key with the Japanese that says what it does, and a number with its
// word, as WrapWords does: no line ends with a lone P or n.
func TestWrapKeepsAKeyWithItsWords(t *testing.T) {
	for _, text := range []string{
		"この後輩にはまだフェローがいません。P でフェローを選んで組むか、p で全員の組を提案します。",
		"計画はまだありません。\x1b[1mn\x1b[m で立てられます。計画はまだありません。n で立てられます",
		"この投稿は参考になった 12 件、返信 3 件の相談です。参考になった 0 件の相談もあります。",
	} {
		for w := 16; w <= 60; w++ {
			got := ansi.Strip(Wrap(text, w))
			for _, split := range []string{"P\nで", "p\nで", "n\nで", "た\n12", "12\n件", "信\n3", "3\n件", "た\n0", "0\n件"} {
				if strings.Contains(got, split) {
					t.Errorf("Wrap(%q, %d) splits %q:\n%s", text, w, split, got)
				}
			}
		}
	}
}

// A narrow column of a table wraps its cell at two to six cells: every
// line is ended, no text is lost and each line fits, even where the
// rules of Japanese lines cannot all hold (a closing mark after the only
// character a line has room for). Such a cell once wrapped for ever,
// its lines growing until the program was killed.
func TestWrapTextEndsInNarrowColumns(t *testing.T) {
	for _, text := range []string{"スケジュール", "完了。", "（予定）", "ああああ。。。。。。", "「済」、", "出納閉鎖（5/31）。"} {
		for w := 2; w <= 8; w++ {
			done := make(chan string, 1)
			go func() { done <- wrapText(text, w) }()
			var got string
			select {
			case got = <-done:
			case <-time.After(5 * time.Second):
				t.Fatalf("wrapText(%q, %d) does not end", text, w)
			}
			if strings.ReplaceAll(got, "\n", "") != text {
				t.Errorf("wrapText(%q, %d) = %q: text lost", text, w, got)
			}
			for _, l := range strings.Split(got, "\n") {
				if Width(l) > w && utf8.RuneCountInString(l) > 1 {
					t.Errorf("wrapText(%q, %d): %q is wider than %d", text, w, l, w)
				}
			}
		}
	}
}
