package kit

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
)

// Width is the number of terminal cells s takes, ANSI sequences excluded.
// Text of ASCII, kana and kanji with colours, which is most of what the
// screens draw on every frame, is measured at once; anything else by
// ansi's rules.
func Width(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			w++
			i++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j + 1
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case wideRune(r):
				w += 2
			case r >= 0x2010 && r <= 0x2027: // dashes, quotes, the ellipsis
				w++
			default:
				return ansi.StringWidth(s)
			}
			i += size
		default:
			return ansi.StringWidth(s)
		}
	}
	return w
}

// wideRune reports whether r is one of the common characters that take
// two cells alone and never join the character before them: kana,
// kanji, CJK punctuation and full-width forms.
func wideRune(r rune) bool {
	switch {
	case r >= 0x3041 && r <= 0x3096, r >= 0x309b && r <= 0x30ff, r >= 0x4e00 && r <= 0x9fff,
		r >= 0x3000 && r <= 0x3029, r >= 0x3030 && r <= 0x303e, r >= 0xff01 && r <= 0xff60:
		return true
	}
	return false
}

// Clip cuts s to at most w cells, ending in an ellipsis when it had to cut.
// A wide character is never split.
func Clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Fit clips s to w cells and pads it with spaces to exactly w cells.
func Fit(s string, w int) string {
	s = Clip(s, w)
	if pad := w - Width(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// Clean makes one line of text written by people safe and flat for the
// terminal.
func Clean(s string) string { return model.CleanLine(s) }

// Block pads or cuts every line of s to exactly w cells and s to exactly h
// lines, so that panes join without gaps or overflow.
func Block(s string, w, h int) string {
	h = max(h, 0)
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = Fit(l, w)
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines, "\n")
}

// BlockMemo is a Block drawn at one place on the screen, kept with what
// it was drawn from. A frame is mostly the frame before, and Bubble Tea
// asks for a View after every message (a served session gets several for
// each key, and more for each change elsewhere): comparing the text with
// the last one is much cheaper than measuring and padding it again.
type BlockMemo struct {
	in   string
	w, h int
	out  string
	ok   bool
}

// Block is Block(s, w, h), drawn again only when s, w or h changed.
func (m *BlockMemo) Block(s string, w, h int) string {
	if !m.ok || s != m.in || w != m.w || h != m.h {
		m.in, m.w, m.h, m.out, m.ok = s, w, h, Block(s, w, h), true
	}
	return m.out
}

// HJoin puts blocks side by side; each must already be of its own width
// (every line as wide as its first) and the same height, or is padded to
// the tallest with lines as wide as its first.
func HJoin(blocks ...string) string {
	cols := make([][]string, len(blocks))
	height := 0
	for i, b := range blocks {
		cols[i] = strings.Split(b, "\n")
		height = max(height, len(cols[i]))
	}
	var out strings.Builder
	n := 0
	for _, b := range blocks {
		n += len(b)
	}
	out.Grow(n + height)
	for row := range height {
		if row > 0 {
			out.WriteByte('\n')
		}
		for _, lines := range cols {
			if row < len(lines) {
				out.WriteString(lines[row])
			} else {
				out.WriteString(strings.Repeat(" ", Width(lines[0])))
			}
		}
	}
	return out.String()
}

// Indent puts n spaces before every line of s.
func Indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// cutLeft returns the first n cells of a styled line, padded if a wide
// character straddled the edge.
func cutLeft(s string, n int) string {
	return Fit(ansi.Truncate(s, n, ""), n)
}

// cutRight returns the cells [from, w) of a styled line, with the colours
// in force at from. A wide character cut in half at from becomes a space.
// (ansi.TruncateLeft drops a cell too many around wide characters.)
func cutRight(s string, from, w int) string {
	if from >= w {
		return ""
	}
	var b strings.Builder
	var sgr []string
	col := 0
	started := false
	for _, t := range tokenize(s) {
		if t.esc {
			if started {
				b.WriteString(t.text)
			} else {
				sgr = applySGR(sgr, t.text)
			}
			continue
		}
		if !started && col+t.width > from {
			started = true
			b.WriteString(strings.Join(sgr, ""))
			if col < from { // the right half of a wide character
				b.WriteString(strings.Repeat(" ", col+t.width-from))
				col += t.width
				continue
			}
		}
		if started {
			b.WriteString(t.text)
		}
		col += t.width
	}
	return Fit(b.String(), w-from)
}
