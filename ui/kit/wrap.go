package kit

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// noBreakBefore are characters a Japanese line must not begin with
// (kinsoku): closing brackets and punctuation.
const noBreakBefore = "、。，．）」』】〕〉》！？ー…ゃゅょっぁぃぅぇぉャュョッァィゥェォ!?),.:;"

// noBreakAfter are characters a line must not end with: opening brackets.
const noBreakAfter = "（「『【〔〈《("

// listPrefix finds how a line of rendered markdown begins, so that its
// continuation lines hang under its text.
var listPrefix = regexp.MustCompile(`^(\s*)([-*] |\d+\. |\| |\[[ x]\] )?`)

// wrapText wraps styled text at w cells. Unlike a word wrapper it may break
// between any two Japanese characters (which have no spaces between
// words), keeps ASCII words whole where it can, follows the basic kinsoku
// rules, indents list items' continuation lines, and carries colours over
// each break so that no style leaks past the line's end.
func wrapText(s string, w int) string {
	if w < 2 {
		return s
	}
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if Width(line) <= w {
			out = append(out, line)
			continue
		}
		out = append(out, wrapLine(line, w)...)
	}
	return strings.Join(out, "\n")
}

type token struct {
	text  string
	width int
	esc   bool
	r     rune
}

func tokenize(line string) []token {
	toks := make([]token, 0, utf8.RuneCountInString(line))
	for i := 0; i < len(line); {
		if line[i] == 0x1b {
			j := i + 1
			if j < len(line) && line[j] == '[' {
				j++
				for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
					j++
				}
			}
			j = min(j+1, len(line))
			toks = append(toks, token{text: line[i:j], esc: true})
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		toks = append(toks, token{text: line[i : i+size], width: runeCells(r, line[i:i+size]), r: r})
		i += size
	}
	return toks
}

// runeCells is how many cells r (written as s) takes: at once for ASCII,
// kana and the common kanji, which are most of the text; by ansi's rules
// for the rest.
func runeCells(r rune, s string) int {
	switch {
	case r >= 0x20 && r < 0x7f:
		return 1
	case wideRune(r):
		return 2
	}
	return ansi.StringWidth(s)
}

func wrapLine(line string, w int) []string {
	toks := tokenize(line)
	// How the line begins is in its first cells: no need to strip it all.
	head := ansi.Strip(line[:min(len(line), 512)])
	indent := len(listPrefix.FindString(head))
	contPrefix := strings.Repeat(" ", indent)
	if strings.HasPrefix(strings.TrimLeft(head, " "), "| ") {
		contPrefix = head[:indent]
	}
	if indent > w/2 {
		contPrefix = ""
	}

	var lines []string
	var cur []token
	curW := 0
	lineStartSGR := []string{}

	flush := func(upto int) {
		// Emit cur[:upto] as a line, keep cur[upto:] for the next.
		var b strings.Builder
		for _, s := range lineStartSGR {
			b.WriteString(s)
		}
		for _, t := range cur[:upto] {
			b.WriteString(t.text)
		}
		// Styles in force at the break are closed here and reopened on
		// the next line.
		state := append([]string{}, lineStartSGR...)
		for _, t := range cur[:upto] {
			if t.esc {
				state = applySGR(state, t.text)
			}
		}
		text := strings.TrimRight(b.String(), " ")
		if len(state) > 0 {
			text += "\x1b[m"
		}
		lines = append(lines, text)
		rest := cur[upto:]
		// A break at a space drops the space.
		for len(rest) > 0 && !rest[0].esc && rest[0].r == ' ' {
			rest = rest[1:]
		}
		cur = append([]token{{text: contPrefix, width: len(contPrefix)}}, rest...)
		lineStartSGR = state
		curW = 0
		for _, t := range cur {
			curW += t.width
		}
	}

	for _, t := range toks {
		if t.esc {
			cur = append(cur, t)
			continue
		}
		cur = append(cur, t)
		curW += t.width
		for curW > w {
			at := breakPoint(cur, len(contPrefix) > 0 && len(lines) > 0)
			if at <= 0 || at >= len(cur) {
				// No good break: cut just before the token that overflows.
				at = len(cur) - 1
				if at <= 1 {
					break
				}
			}
			flush(at)
		}
	}
	if len(cur) > 0 {
		var b strings.Builder
		for _, s := range lineStartSGR {
			b.WriteString(s)
		}
		for _, t := range cur {
			b.WriteString(t.text)
		}
		lines = append(lines, b.String())
	}
	return lines
}

// breakPoint returns the last index in toks before which the line may
// break, or -1. toks ends with the token that overflowed, so every earlier
// break leaves a line that fits.
func breakPoint(toks []token, hasPrefix bool) int {
	start := 1
	if hasPrefix {
		start = 2 // never leave a continuation line with only its indent
	}
	for i := len(toks) - 1; i >= start; i-- {
		prev := prevVisible(toks, i)
		if !toks[i].esc && prev != nil && canBreak(*prev, toks[i]) {
			return i
		}
	}
	return -1
}

func prevVisible(toks []token, i int) *token {
	for j := i - 1; j >= 0; j-- {
		if !toks[j].esc {
			return &toks[j]
		}
	}
	return nil
}

func canBreak(prev, next token) bool {
	if next.r == ' ' || strings.ContainsRune(noBreakBefore, next.r) || strings.ContainsRune(noBreakAfter, prev.r) {
		return next.r == ' '
	}
	if prev.r == ' ' {
		return true
	}
	// Between two characters where at least one is wide (Japanese).
	return prev.width == 2 || next.width == 2
}

// applySGR updates the list of SGR sequences in force after seq.
func applySGR(state []string, seq string) []string {
	if !strings.HasPrefix(seq, "\x1b[") || !strings.HasSuffix(seq, "m") {
		return state
	}
	if seq == "\x1b[m" || seq == "\x1b[0m" {
		return state[:0]
	}
	return append(state, seq)
}

// Wrap wraps a sentence at w cells as wrapText does: a line never begins
// with closing punctuation (、。」) nor ends with an opening bracket, so
// that an error read in two or three lines reads as Japanese is written.
func Wrap(s string, w int) string { return wrapText(s, w) }

// WrapWords wraps plain text at w cells, breaking between any characters
// when a word is wider than the line (Japanese has no spaces).
func WrapWords(s string, w int) string {
	var out []string
	var line strings.Builder
	lw := 0
	for _, r := range s {
		rw := Width(string(r))
		if lw+rw > w {
			out = append(out, line.String())
			line.Reset()
			lw = 0
		}
		line.WriteRune(r)
		lw += rw
	}
	if line.Len() > 0 {
		out = append(out, line.String())
	}
	return strings.Join(out, "\n")
}
