package model

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The slow forms SearchTokens, foldRune and classOf had before their fast
// paths: the index of every database depends on the tokens staying the same.
func slowFold(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= 0xFF01 && r <= 0xFF5E:
		return unicode.ToLower(r - 0xFF01 + 0x21)
	case r == 0x3000:
		return ' '
	case r >= 0xFF61 && r <= 0xFF9F:
		if k := halfwidthKana[r-0xFF61]; k != 0 {
			return k
		}
	}
	return unicode.ToLower(r)
}

func slowClass(r rune) runeClass {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return classWord
		}
		return classSep
	case r == 'ー' || r == '々' || r == '〆' || r == 'ヶ' || r == 'ヵ' || r == '〇':
		return classCJK
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return classCJK
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return classWord
	}
	return classSep
}

func slowTokens(text string) string {
	var b strings.Builder
	add := func(rs ...rune) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for _, r := range rs {
			b.WriteRune(r)
		}
	}
	runs(text, func(run searchRun) {
		rs := run.runes
		if run.class == classWord {
			add(rs[:min(len(rs), maxWordRunes)]...)
			return
		}
		if len(rs) == 1 {
			add(rs[0])
			return
		}
		for i := 0; i+1 < len(rs); i++ {
			add(rs[i], rs[i+1])
		}
		add(rs[len(rs)-1])
	})
	return b.String()
}

// randomTexts is how many random texts a comparison with the steps of
// before makes: 20,000, or with -short the first 2,000 of them, as
// recur's TestAgreesWithRRuleGo compares fewer rules.
func randomTexts() int {
	if testing.Short() {
		return 2000
	}
	return 20000
}

func TestFastPathsKeepEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if foldRune(r) != slowFold(r) || classOf(r) != slowClass(r) {
			t.Fatalf("U+%04X: fold %q class %d, was %q %d", r, foldRune(r), classOf(r), slowFold(r), slowClass(r))
		}
	}
}

func TestSearchTokensAsBefore(t *testing.T) {
	alphabet := []rune("育休の取り方を確認しますＡＢＣabc 123、。ｶﾀｶﾅーLoGoチャット々〆税\n\t한국어Ωω")
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"", " ", "税", "育休", "本人確認の書類", strings.Repeat("a", 100), "ＬｏＧｏチャットで確認。"}
	for i := 0; i < randomTexts(); i++ {
		rs := make([]rune, rng.IntN(30))
		for k := range rs {
			rs[k] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(rs))
	}
	for _, text := range texts {
		if got, want := SearchTokens(text), slowTokens(text); got != want {
			t.Fatalf("SearchTokens(%q) = %q, was %q", text, got, want)
		}
	}
}

func BenchmarkSearchTokens(b *testing.B) {
	text := "住民税の申告受付で、本人確認の書類は何を見ていますか。マイナンバーカードがない方の場合の確認方法を教えてください。"
	for i := 0; i < b.N; i++ {
		SearchTokens(text)
	}
}

// TestFirstMatchIsTheFirstOfSearchMatches: the snippet's shortcut finds
// where the highlighting begins.
func TestFirstMatchIsTheFirstOfSearchMatches(t *testing.T) {
	alphabet := []rune("育休の取り方を確認しますａｂcd 12、。ーLoGoチャット税\n")
	queries := []string{"確認", "育休 確認", "logo", "税", "の", "ab 確認", "チャット"}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < randomTexts(); i++ {
		rs := make([]rune, rng.IntN(40))
		for k := range rs {
			rs[k] = alphabet[rng.IntN(len(alphabet))]
		}
		text, q := string(rs), queries[rng.IntN(len(queries))]
		want := -1
		if m := SearchMatches(text, q); len(m) > 0 {
			want = m[0][0]
		}
		if got := firstMatch(text, q); got != want {
			t.Fatalf("firstMatch(%q, %q) = %d, SearchMatches begins at %d", text, q, got, want)
		}
	}
}

// slowSnippet is SearchSnippet as it was before its one-pass steps
// (stripMarkdownMarks, joinFields, firstMatch without a folded copy),
// cutting the same way: a person sees the same snippet of every result.
func slowSnippet(text, query string, maxRunes int) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		t = strings.TrimLeft(t, "#>")
		t = strings.TrimLeft(t, " ")
		if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") {
			t = t[2:]
		}
		lines[i] = t
	}
	text = strings.NewReplacer("**", "", "__", "", "`", "").Replace(strings.Join(lines, "\n"))
	text = strings.Join(strings.Fields(CleanLine(text)), " ")
	at := -1
	if m := SearchMatches(text, query); len(m) > 0 {
		at = m[0][0]
	}
	return snippetAt(text, at, maxRunes)
}

// TestSearchSnippetAsBefore: on random text of markdown marks, spaces of
// every kind, controls, broken UTF-8 and forms that fold together,
// SearchSnippet makes what it made before its one-pass steps.
func TestSearchSnippetAsBefore(t *testing.T) {
	parts := []string{
		"確認", "本人確認", "育休", "の", "を", "税", "ア", "ｱ", "ｶｸﾆﾝ", "カクニン", "LoGo", "ｌｏｇｏ", "logo", "チャット", "ﾁｬｯﾄ",
		"a", "Ab", "12", "、", "。", " ", "  ", "\u3000", "\u00a0", "\u0085", "\u2003", "\u1680", "\t", "\n", "\n\n", "\r\n",
		"# ", "## ", "> ", "- ", "* ", "+ ", "**", "__", "`", "*", "_", "\x1b[31m", "\x07", "\u202e", "\u2028", "\xe3", "\xe3\x80", "\xff",
	}
	queries := []string{"確認", "本人確認", "育休 確認", "logo", "ｶｸﾆﾝ", "税", "の", "ab 確認", "チャット", "a"}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < randomTexts(); i++ {
		var b strings.Builder
		for n := rng.IntN(60); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		text, q, width := b.String(), queries[rng.IntN(len(queries))], 4+rng.IntN(40)
		if got, want := SearchSnippet(text, q, width), slowSnippet(text, q, width); got != want {
			t.Fatalf("SearchSnippet(%q, %q, %d) = %q, was %q", text, q, width, got, want)
		}
	}
}
