package model

import (
	"strings"
	"unicode/utf8"
)

// CleanText removes everything in text written by people that could drive a
// terminal: ESC and the other C0 controls except newline and tab, DEL, the
// C1 controls, bidirectional overrides and isolates, and the Unicode line
// and paragraph separators (turned into newlines). Invalid UTF-8 becomes
// U+FFFD. Carriage returns are dropped, so CRLF text reads as LF text.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case unsafeRune(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CleanLine is CleanText for one-line fields (titles, names): newlines and
// tabs become spaces.
func CleanLine(s string) string {
	s = CleanText(s)
	if strings.ContainsAny(s, "\n\t") {
		s = lineBreaks.Replace(s)
	}
	return s
}

// Excerpt is the start of a text on one line, cleaned (CleanLine), for a
// message or a report: at most n characters, then "..." when cut.
func Excerpt(s string, n int) string {
	s = CleanLine(s)
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n]) + "..."
	}
	return s
}

// lineBreaks turns newlines and tabs into spaces; made once, since making
// a Replacer costs more than using it.
var lineBreaks = strings.NewReplacer("\n", " ", "\t", " ")

func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == 0x7f || c < 0x20 && c != '\n' && c != '\t' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' || unsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls, CSI and OSC among them
		return true
	case r >= 0x202a && r <= 0x202e: // LRE RLE PDF LRO RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI RLI FSI PDI
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // marks that reorder text
		return true
	}
	return false
}

// checkText validates a piece of user text for storage: valid UTF-8 and at
// most max characters. Field names the form field for the message.
func checkText(field, s string, max int, required bool) error {
	if !utf8.ValidString(s) {
		return FieldError(field, "err.utf8", "文字コードが正しくありません (UTF-8 ではありません)")
	}
	if required && strings.TrimSpace(s) == "" {
		return FieldError(field, "err.required", "入力してください")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return FieldError(field, "err.toolong", "長すぎます (%d 文字まで、いまは %d 文字)", max, n)
	}
	return nil
}
