package model

import (
	"bytes"
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kinds of search result. A reply opens its thread at the reply; a
// handover section opens its note at the section.
const (
	SearchThread    = "thread"
	SearchReply     = "reply"
	SearchHandover  = "handover"
	SearchSection   = "section"
	SearchEvent     = "event"
	SearchCommunity = "community"
)

// SearchResult is one thing a search found, best first.
type SearchResult struct {
	Type string `json:"type"`
	// ID is what to open: the thread (also for a reply), the handover note
	// (also for a section), the event or the community.
	ID string `json:"id"`
	// Anchor is the part inside it: a reply's or a section's id.
	Anchor string `json:"anchor,omitempty"`
	Title  string `json:"title"`
	// Snippet is cleaned, one-line text around the first match; the
	// interface highlights SearchMatches(Snippet, query) in it.
	Snippet string `json:"snippet"`
	// Author is set for threads and replies, and empty for an anonymous
	// one unless the viewer wrote it (Mine).
	Author    string `json:"author,omitempty"`
	Anonymous bool   `json:"anonymous,omitempty"`
	Mine      bool   `json:"mine,omitempty"`
	Community string `json:"community,omitempty"`
	// At is when a post was written, a note or community last changed, or
	// an event (the first of a series) starts.
	At time.Time `json:"at"`
}

// SearchService finds what the context's viewer may see. Search returns at
// most limit results, best first, and none for an empty query.
type SearchService interface {
	Search(ctx context.Context, query string, limit int) ([]SearchResult, error)
}

// Japanese has no spaces between words, so search indexes text as
// overlapping two-character pieces (bigrams) of every run of kanji and
// kana, and as whole lowercase words for Latin letters and digits. A
// two-character word such as 育休 is then one token, and a longer one is a
// phrase of bigrams that must stand next to each other. The last character
// of each run is also kept alone, so that a one-character query can find
// it as a prefix.

type runeClass int

const (
	classSep runeClass = iota
	classWord
	classCJK
)

// foldRune makes the forms people type interchangeable: full-width Latin
// and digits become ASCII, half-width katakana becomes full-width, and
// letters become lowercase. It maps one rune to one rune, so offsets in
// folded text are offsets in the original.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return unicode.ToLower(r - 0xFF01 + 0x21)
	case r == 0x3000: // ideographic space
		return ' '
	case r >= 0x3040 && r <= 0x9FFF: // kana, kanji and more: no case
		return r
	case r >= 0xFF61 && r <= 0xFF9F:
		if k := halfwidthKana[r-0xFF61]; k != 0 {
			return k
		}
	}
	return unicode.ToLower(r)
}

// halfwidthKana maps U+FF61..U+FF9F to full-width forms.
var halfwidthKana = []rune("。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜")

func classOf(r rune) runeClass {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return classWord
		}
		return classSep
	case r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA, r >= 0x4E00 && r <= 0x9FFF:
		// hiragana, katakana and kanji, most of any Japanese text, without
		// unicode.In's search of its tables
		return classCJK
	case r == 'ー' || r == '々' || r == '〆' || r == 'ヶ' || r == 'ヵ' || r == '〇':
		return classCJK
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return classCJK
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return classWord
	}
	return classSep
}

// searchRun is a run of one class in folded text; start and end are byte
// offsets in the text it came from.
type searchRun struct {
	class      runeClass
	runes      []rune
	start, end int
}

// runs splits text into runs of words and of kanji and kana.
func runs(text string, fn func(searchRun)) {
	var cur searchRun
	flush := func(at int) {
		if len(cur.runes) > 0 {
			cur.end = at
			fn(cur)
		}
		cur = searchRun{runes: cur.runes[:0]}
	}
	for i, r := range text {
		r = foldRune(r)
		c := classOf(r)
		if c != cur.class || c == classSep {
			flush(i)
			cur.class, cur.start = c, i
		}
		if c != classSep {
			cur.runes = append(cur.runes, r)
		}
	}
	flush(len(text))
}

// maxWordRunes bounds one Latin token, so that a pasted hash or URL does
// not make a huge term.
const maxWordRunes = 40

// SearchTokens returns the index terms of text, separated by spaces: for
// a run of kanji and kana every bigram and then its last character alone
// (a run of one character is that character), for a word its first
// maxWordRunes characters. It reads text once, without the runs of
// runs(), because it tokenizes every post written and a whole database
// when one is generated.
func SearchTokens(text string) string {
	b := make([]byte, 0, len(text)*2+8)
	class := classSep
	var prev rune // the last rune of a CJK run
	words := 0    // runes written of a word run
	endRun := func() {
		if class == classCJK {
			b = appendToken(b, prev, -1)
		}
	}
	for _, r := range text {
		r = foldRune(r)
		c := classOf(r)
		if c != class || c == classSep {
			endRun()
			class, words = c, 0
			switch c {
			case classCJK:
				prev = r
				continue
			case classWord:
				if len(b) > 0 {
					b = append(b, ' ')
				}
			}
		}
		switch c {
		case classCJK:
			b = appendToken(b, prev, r)
			prev = r
		case classWord:
			if words < maxWordRunes {
				b = utf8.AppendRune(b, r)
				words++
			}
		}
	}
	endRun()
	return string(b)
}

// appendToken appends a token of one rune (b < 0) or two, after a space
// unless it is the first.
func appendToken(buf []byte, a, b rune) []byte {
	if len(buf) > 0 {
		buf = append(buf, ' ')
	}
	buf = utf8.AppendRune(buf, a)
	if b >= 0 {
		buf = utf8.AppendRune(buf, b)
	}
	return buf
}

// SearchTerm is one part of a query: the tokens of one run, which must
// stand next to each other in this order. Prefix says the last token may
// be the beginning of a longer one.
type SearchTerm struct {
	Tokens []string
	Prefix bool
	// Text is the folded run, for finding it in text.
	Text string
	Word bool
}

// ParseSearchQuery splits a query into terms that must all match. Latin
// words match as prefixes (so results appear while typing), a single kanji
// or katakana as the beginning of a bigram, a single hiragana only alone
// or at the end of a run, longer runs as phrases of bigrams.
func ParseSearchQuery(q string) []SearchTerm {
	var out []SearchTerm
	seen := map[string]bool{}
	runs(q, func(run searchRun) {
		rs := run.runes
		t := SearchTerm{Text: string(rs), Word: run.class == classWord}
		switch {
		case run.class == classWord:
			t.Tokens, t.Prefix = []string{string(rs[:min(len(rs), maxWordRunes)])}, true
		case len(rs) == 1 && unicode.Is(unicode.Hiragana, rs[0]):
			// A lone hiragana is mostly a particle (の, を): as a prefix it
			// would match a large part of every text, slowly.
			t.Tokens = []string{string(rs)}
		case len(rs) == 1:
			t.Tokens, t.Prefix = []string{string(rs)}, true
		default:
			for i := 0; i+1 < len(rs); i++ {
				t.Tokens = append(t.Tokens, string(rs[i:i+2]))
			}
		}
		if !seen[t.Text] {
			seen[t.Text] = true
			out = append(out, t)
		}
	})
	return out
}

// SearchMatches returns the byte ranges of text where the query's terms
// occur, in order and not overlapping, for highlighting. Latin words
// match at the start of a word, as the index does.
func SearchMatches(text, query string) [][2]int {
	terms := ParseSearchQuery(query)
	if len(terms) == 0 {
		return nil
	}
	folded, offs := foldWithOffsets(text)
	var found [][2]int
	for _, t := range terms {
		want := []rune(t.Text)
		for i := 0; i+len(want) <= len(folded); i++ {
			if termAt(folded, i, t, want) {
				found = append(found, [2]int{offs[i], offs[i+len(want)]})
			}
		}
	}
	return mergeRanges(found)
}

// firstMatch returns where in text the first match of the query's terms
// begins, the first of SearchMatches, or -1. It keeps no folded copy of
// text, and looks for a term that folding cannot change (kanji and
// hiragana) as it is: a snippet is made for every result.
func firstMatch(text, query string) int {
	first := -1
	var slow []SearchTerm
	for _, t := range ParseSearchQuery(query) {
		if !foldsToItselfOnly(t.Text) {
			slow = append(slow, t)
		} else if i := strings.Index(text, t.Text); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if len(slow) == 0 {
		return first
	}
	wants := make([][]rune, len(slow))
	for k, t := range slow {
		wants[k] = []rune(t.Text)
	}
	prev := rune(-1)
	for i, r := range text {
		if first >= 0 && i >= first {
			break
		}
		for k, t := range slow {
			if t.Word && prev >= 0 && classOf(prev) == classWord {
				continue
			}
			if foldedHasPrefix(text[i:], wants[k]) {
				return i
			}
		}
		prev = foldRune(r)
	}
	return first
}

// foldsToItselfOnly reports whether every rune of s is a kanji or a
// hiragana letter, which foldRune leaves as it is and makes of no other
// rune.
func foldsToItselfOnly(s string) bool {
	for _, r := range s {
		if !(r >= 0x4E00 && r <= 0x9FFF || r >= 0x3041 && r <= 0x3096) {
			return false
		}
	}
	return s != ""
}

// foldedHasPrefix reports whether text, folded, begins with want.
func foldedHasPrefix(text string, want []rune) bool {
	for _, w := range want {
		if text == "" {
			return false
		}
		r, size := utf8.DecodeRuneInString(text)
		if foldRune(r) != w {
			return false
		}
		text = text[size:]
	}
	return true
}

// foldWithOffsets folds text rune by rune, remembering where each rune
// began (and, last, where text ends).
func foldWithOffsets(text string) (folded []rune, offs []int) {
	folded = make([]rune, 0, len(text))
	offs = make([]int, 0, len(text)+1)
	for i, r := range text {
		folded = append(folded, foldRune(r))
		offs = append(offs, i)
	}
	return folded, append(offs, len(text))
}

// termAt reports whether term t (whose folded text is want) stands at
// folded[i]: a Latin word only at the start of a word, as the index has it.
func termAt(folded []rune, i int, t SearchTerm, want []rune) bool {
	if t.Word && i > 0 && classOf(folded[i-1]) == classWord {
		return false
	}
	return runesEqual(folded[i:i+len(want)], want)
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func mergeRanges(in [][2]int) [][2]int {
	if len(in) == 0 {
		return nil
	}
	// Insertion sort: a snippet has a handful of matches.
	for i := 1; i < len(in); i++ {
		for j := i; j > 0 && in[j][0] < in[j-1][0]; j-- {
			in[j], in[j-1] = in[j-1], in[j]
		}
	}
	out := [][2]int{in[0]}
	for _, r := range in[1:] {
		last := &out[len(out)-1]
		if r[0] <= last[1] {
			last[1] = max(last[1], r[1])
		} else {
			out = append(out, r)
		}
	}
	return out
}

// SearchSnippet returns about maxRunes characters of text on one line,
// cleaned, around the first match of query, with "..." where text was cut.
// Without a match it is the beginning of text.
func SearchSnippet(text, query string, maxRunes int) string {
	// CleanLine's newlines and tabs would become spaces, and joinFields
	// makes every run of spaces one.
	text = joinFields(CleanText(stripMarkdownMarks(text)))
	return snippetAt(text, firstMatch(text, query), maxRunes)
}

// snippetAt cuts about maxRunes characters of one line of text around
// byte offset at (-1: the beginning), with "..." where text was cut.
func snippetAt(text string, at, maxRunes int) string {
	start := 0
	if at >= 0 {
		// Keep a little context before the match.
		before := utf8.RuneCountInString(text[:at])
		lead := min(maxRunes/4, 12)
		if before > lead {
			start = at
			for n := 0; n < lead; n++ {
				_, size := utf8.DecodeLastRuneInString(text[:start])
				start -= size
			}
		}
	}
	out := text[start:]
	end := len(out)
	n := 0
	for i := range out {
		if n == maxRunes {
			end = i
			break
		}
		n++
	}
	cut := out[:end]
	if start > 0 {
		cut = "..." + cut
	}
	if end < len(out) {
		cut += "..."
	}
	return cut
}

// stripMarkdownMarks drops the marks at the start of markdown lines
// (headings, quotes, list bullets) and emphasis and code marks, which
// read as noise in a one-line snippet.
func stripMarkdownMarks(s string) string {
	b := make([]byte, 0, len(s))
	for {
		line, rest, more := strings.Cut(s, "\n")
		t := strings.TrimLeft(line, " \t")
		t = strings.TrimLeft(t, "#>")
		t = strings.TrimLeft(t, " ")
		if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") {
			t = t[2:]
		}
		b = append(b, t...)
		if !more {
			break
		}
		b = append(b, '\n')
		s = rest
	}
	if bytes.ContainsAny(b, "*_`") {
		return markdownMarks.Replace(string(b))
	}
	return string(b)
}

// joinFields is strings.Join(strings.Fields(s), " ") in one pass: the
// words of s, one space between each.
func joinFields(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	word := -1 // where the word being read began
	for i := 0; i < len(s); {
		var space bool
		size := 1
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			space = asciiSpace[c]
		case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 && i+1 < len(s) && s[i+1] == 0x80:
			// How every space beyond ASCII begins (U+0085, U+00A0,
			// U+1680, U+2000 to U+205F, U+3000); any other byte from
			// 0x80 up is in a word, wherever a rune begins.
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if !space {
			if word < 0 {
				word = i
			}
		} else if word >= 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[word:i])
			word = -1
		}
		i += size
	}
	if word >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[word:])
	}
	return b.String()
}

// asciiSpace is unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// markdownMarks are the emphasis and code marks a snippet leaves out; made
// once, since making a Replacer costs more than using it.
var markdownMarks = strings.NewReplacer("**", "", "__", "", "`", "")
