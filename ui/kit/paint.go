package kit

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Paint draws one line of text in a style the way lipgloss does, with two
// concatenations: a style of colours and attributes only (no size,
// padding, margin or border) wraps a line in the same sequences whatever
// the line. lipgloss's Render looks at every property of the style for
// every line, and a document of many short styled parts, such as a thread
// of 150 replies drawn for each session that opens it, spent most of its
// time there (5% of a 50-session server's CPU).
type Paint struct {
	style     lipgloss.Style
	pre, post string
	plain     bool // pre and post draw the style (a line without \t, \r, \n)
}

// NewPaint returns the paint of style; a style that is more than colours
// and attributes is drawn by lipgloss every time.
func NewPaint(style lipgloss.Style) Paint {
	p := Paint{style: style}
	if style.GetWidth() != 0 || style.GetHeight() != 0 || style.GetMaxWidth() != 0 || style.GetMaxHeight() != 0 ||
		style.GetHorizontalFrameSize() != 0 || style.GetVerticalFrameSize() != 0 || style.GetInline() ||
		style.GetUnderline() || style.GetStrikethrough() || style.GetTransform() != nil {
		return p
	}
	if link, _ := style.GetHyperlink(); link != "" {
		return p
	}
	const mark = "\x00"
	pre, post, ok := strings.Cut(style.Render(mark), mark)
	if !ok {
		return p
	}
	// What the properties above do not say, these lines would show (an
	// empty line, and spaces, which some attributes draw apart).
	for _, probe := range []string{"", " a b "} {
		if style.Render(probe) != pre+probe+post {
			return p
		}
	}
	p.pre, p.post, p.plain = pre, post, true
	return p
}

// Render is style.Render(s).
func (p Paint) Render(s string) string {
	if p.plain && !strings.ContainsAny(s, "\t\r\n") {
		return p.pre + s + p.post
	}
	return p.style.Render(s)
}
