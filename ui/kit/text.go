package kit

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
)

// Width is the number of terminal cells s takes, ANSI sequences excluded.
func Width(s string) int { return ansi.StringWidth(s) }

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

// HJoin puts blocks side by side; each must already be of its own width
// and the same height.
func HJoin(blocks ...string) string {
	return lipgloss.JoinHorizontal(lipgloss.Top, blocks...)
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
