package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldText returns s as people search compares it: full-width Latin
// letters, digits and symbols become ASCII (ＬｏＧｏ is LoGo), the
// ideographic space a space, and Latin letters lower case. Kanji and kana
// are kept: a search for 税務 finds 税務課 as a substring.
func FoldText(s string) string {
	if !needsFold(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// needsFold reports whether FoldText would change s; most text (kanji,
// kana, lower-case Latin) is left as it is, without a copy.
func needsFold(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			return true
		case c < utf8.RuneSelf:
		case c == 0xEF && i+1 < len(s) && (s[i+1] == 0xBC || s[i+1] == 0xBD): // U+FF00..U+FF7F
			return true
		case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80: // U+3000
			return true
		case c >= 0xC3 && c <= 0xD5: // Latin, Greek, Cyrillic letters with case
			return true
		}
	}
	return false
}

// experienceWords only say "has done it": 税務課 経験 means someone who
// worked in 税務課. They are dropped as words and as endings (税務課経験).
// Longest first, so that 経験者 is cut whole.
var experienceWords = []string{"経験あり", "経験者", "経験", "出身"}

// peopleSynonyms are words staff write in two ways; a search for either
// finds both.
var peopleSynonyms = [][]string{
	{"育休", "育児休業"},
	{"産休", "産前産後休"},
	{"介護休", "介護休暇"},
	{"dx", "デジタル"},
	{"防災", "災害対応"},
}

// PeopleTerms splits a people search into its words, folded, each with
// the alternatives any of which may match (育休 matches 育児休業 too).
// Words that only say "experienced" are dropped; a query of nothing else
// has no terms. A query longer than MaxPeopleQueryLen is an error.
func PeopleTerms(text string) ([][]string, error) {
	if n := utf8.RuneCountInString(text); n > MaxPeopleQueryLen {
		return nil, FieldError("query", "err.people.query", "検索語が長すぎます (%d 文字まで)", MaxPeopleQueryLen)
	}
	var out [][]string
	seen := map[string]bool{}
	for _, w := range strings.Fields(FoldText(CleanLine(text))) {
		for _, e := range experienceWords {
			if strings.HasSuffix(w, e) {
				w = strings.TrimSuffix(w, e)
				break
			}
		}
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		alts := []string{w}
		for _, group := range peopleSynonyms {
			for _, s := range group {
				if strings.Contains(w, s) {
					for _, other := range group {
						if other != s {
							alts = append(alts, strings.Replace(w, s, other, 1))
						}
					}
				}
			}
		}
		out = append(out, alts)
	}
	return out, nil
}
