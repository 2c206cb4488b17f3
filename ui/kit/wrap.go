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
	// hold: a space the line must not break at, as spaceHolds says.
	hold bool
}

// markHolds marks the spaces of toks that tie a key or a number to the
// words beside it (spaceHolds), reading the text without its styles.
func markHolds(toks []token) {
	var rs []rune
	var at []int // the token of each rune
	for i, t := range toks {
		if !t.esc {
			rs = append(rs, t.r)
			at = append(at, i)
		}
	}
	for j, r := range rs {
		if r == ' ' && spaceHolds(rs, j) {
			toks[at[j]].hold = true
		}
	}
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
	markHolds(toks)
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
		var head []token // an empty indent is no token: a break after it made no line
		if contPrefix != "" {
			head = []token{{text: contPrefix, width: len(contPrefix)}}
		}
		cur = append(head, rest...)
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
			prefixed := len(contPrefix) > 0 && len(lines) > 0
			at := breakPoint(cur, prefixed)
			if at <= 0 || at >= len(cur) {
				// No good break: cut just before the token that overflows,
				// keeping a closing mark off the next line's start while
				// the line keeps a character.
				at = len(cur) - 1
				for at > 2 && strings.ContainsRune(noBreakBefore, cur[at].r) {
					at--
				}
				if at < 1 || at == 1 && prefixed {
					break // nothing but an indent before it: the line stays long
				}
			}
			n, was := len(cur), curW
			flush(at)
			if len(cur) >= n && curW >= was {
				break // a break that left the line as it was would loop for ever
			}
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
		return next.r == ' ' && !next.hold
	}
	if prev.r == ' ' {
		return !prev.hold
	}
	// Between two characters where at least one is wide (Japanese), but
	// not between a number and its unit (10日) nor before the ( of
	// 10日(木).
	if isDigit(prev.r) && next.width == 2 || prev.width == 2 && next.r == '(' {
		return false
	}
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

// WrapWords wraps plain text at w cells as Japanese is set: a line may
// break between two Japanese characters and at a space, never inside a
// Latin word or a number and its unit (10日(木), 参考になった 0: a single
// space before or after a number holds), and no line begins with a
// closing mark (、。」）) or ends with an opening one (「（). Only a word
// wider than the line is cut where it must be.
func WrapWords(s string, w int) string {
	if w < 2 || Width(s) <= w {
		return s
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, wrapPlain([]rune(para), w)...)
	}
	return strings.Join(out, "\n")
}

// WrapList writes items one after another, sep between them, in lines
// of at most w cells, breaking only between items: a name in a list of
// members is never cut in two (大内 / 里奈). An item wider than a line
// is wrapped as WrapWords does.
func WrapList(items []string, sep string, w int) string {
	var lines []string
	cur := ""
	for i, it := range items {
		if i < len(items)-1 {
			it += sep
		}
		if cur != "" && Width(cur)+Width(it) > w {
			lines = append(lines, strings.TrimRight(cur, " "))
			cur = ""
		}
		if cur == "" && Width(it) > w {
			parts := strings.Split(WrapWords(it, w), "\n")
			lines = append(lines, parts[:len(parts)-1]...)
			it = parts[len(parts)-1]
		}
		cur += it
	}
	if cur != "" {
		lines = append(lines, strings.TrimRight(cur, " "))
	}
	return strings.Join(lines, "\n")
}

// wrapPlain wraps one line of plain text (see WrapWords).
func wrapPlain(rs []rune, w int) []string {
	var lines []string
	for len(rs) > 0 {
		// How much fits.
		cells, end := 0, 0
		for end < len(rs) {
			cw := Width(string(rs[end]))
			if cells+cw > w {
				break
			}
			cells += cw
			end++
		}
		if end == len(rs) {
			lines = append(lines, string(rs))
			break
		}
		// The last place before end where the line may break; after a
		// space or a mark such as 、 if one is in the last two fifths of
		// the line, so that a name in a list stays whole.
		at, preferred := 0, 0
		for i, c := end, cells; i > 0; i-- {
			if breakable(rs, i) {
				if at == 0 {
					at = i
				}
				if (rs[i-1] == ' ' || strings.ContainsRune("、。，．」』）!?", rs[i-1])) && c*5 >= w*3 {
					preferred = i
					break
				}
			}
			c -= Width(string(rs[i-1]))
		}
		if preferred > 0 {
			at = preferred
		}
		if at == 0 {
			// One word wider than the line: cut it, keeping a closing
			// mark off the next line's start.
			at = end
			for at > 1 && strings.ContainsRune(noBreakBefore, rs[at]) {
				at--
			}
		}
		lines = append(lines, strings.TrimRight(string(rs[:at]), " "))
		rs = rs[at:]
		for len(rs) > 0 && rs[0] == ' ' {
			rs = rs[1:]
		}
	}
	return lines
}

// breakable reports whether a line may break before rs[i].
func breakable(rs []rune, i int) bool {
	prev, next := rs[i-1], rs[i]
	switch {
	case next == ' ':
		return !spaceHolds(rs, i)
	case prev == ' ':
		return !spaceHolds(rs, i-1)
	case strings.ContainsRune(noBreakBefore, next), strings.ContainsRune(noBreakAfter, prev):
		return false
	case wide(prev) && wide(next):
		return true
	case wide(prev):
		// Before a number or a Latin word; not before the ( of 10日(木).
		return next != '('
	case wide(next):
		// After a Latin word; not between a number and its unit.
		return !isDigit(prev)
	}
	return false // inside a Latin word or a number
}

// spaceHolds reports whether the space rs[j] ties a number to its word
// (参考になった 1, 2 件): a single space with a digit on one side; or a
// key to what follows it in Japanese (n で作れます, enter: 登録): a
// single space after a short Latin word, before a Japanese character,
// so that a line never ends with a lone key.
func spaceHolds(rs []rune, j int) bool {
	if j == 0 || j+1 >= len(rs) {
		return false
	}
	a, b := rs[j-1], rs[j+1]
	if a == ' ' || b == ' ' {
		return false
	}
	if isDigit(a) || isDigit(b) {
		return true
	}
	if !wide(b) || a > 0x7e {
		return false
	}
	start := j - 1
	for start > 0 && rs[start-1] > ' ' && rs[start-1] <= 0x7e {
		start--
	}
	return j-start <= keyWord
}

// keyWord is the longest Latin word spaceHolds ties to the Japanese
// after it: a key such as ctrl+s.
const keyWord = 6

func wide(r rune) bool { return Width(string(r)) == 2 }

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// joinSoftBreaks joins the lines of a markdown paragraph that break
// between two Japanese characters: markdown reads such a break as a
// space, which Japanese does not have (「あります。 ここは」). Code
// blocks, list items, headings, quotes, tables and hard breaks (two
// spaces at the end) are left as they are.
func joinSoftBreaks(doc string) string {
	if !strings.Contains(doc, "\n") {
		return doc
	}
	lines := strings.Split(doc, "\n")
	var b strings.Builder
	fence := false
	for i, l := range lines {
		b.WriteString(l)
		if i == len(lines)-1 {
			break
		}
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		next := strings.TrimLeft(lines[i+1], " ")
		if !fence && t != "" && !strings.HasSuffix(l, "  ") && !blockStart(t) && !blockStart(next) && !strings.HasPrefix(next, "```") {
			lr, nr := []rune(t), []rune(next)
			if len(nr) > 0 && wide(lr[len(lr)-1]) && wide(nr[0]) {
				continue // joined: no newline
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// listItem finds how a markdown list item begins.
var listItem = regexp.MustCompile(`^([-*+]|\d+[.)])\s`)

// blockStart reports whether a trimmed markdown line begins a block of
// its own (or is one): a heading, a quote, a table row, a list item, a
// rule.
func blockStart(t string) bool {
	return t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ">") || strings.HasPrefix(t, "|") ||
		listItem.MatchString(t) || strings.HasPrefix(t, "---") || strings.HasPrefix(t, "***")
}
