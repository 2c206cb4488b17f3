package kit

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	emoji "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark-emoji/definition"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
)

// Tables. A document is rendered once, unwrapped, for every width, and
// wrapText breaks its lines at the pane's width; a table's lines must not
// be broken so, or its grid falls apart. glamour's output therefore marks
// each line of a table's grid (after what quotes and lists put before it),
// and at each width (fitTables) a table that fits stays as drawn, and one
// that does not is drawn again narrower, its cells wrapped inside their
// columns by wrapText, which breaks Japanese where lipgloss would not
// keep kinsoku.
//
// The marks are Unicode noncharacters, which no text exchanged may hold:
// the document's own are replaced before it is parsed (neutralizeEntities
// and withoutMarks), so that no one can forge a table.
const (
	tableSpot = '\uFDD0' // where format splices a table in glamour's output
	tableHead = '\uFDD1' // before a table's first line
	tableLine = '\uFDD2' // before each of its other lines
)

// markRune reports whether r is one of the table marks.
func markRune(r rune) bool { return r >= tableSpot && r <= tableLine }

// withoutMarks replaces the table marks a document holds.
func withoutMarks(s string) string {
	// The marks' UTF-8 share their first two bytes: one quick search.
	if !strings.Contains(s, "\xef\xb7") || !strings.ContainsFunc(s, markRune) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if markRune(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

// tablesKey holds, in a parse's context, the tables detachTables took out.
var tablesKey = parser.NewContextKey()

// detachTables is a goldmark AST transformer that takes every table out of
// the document, in order, into a document of its own, and leaves in its
// place a paragraph that reads tableSpot: glamour draws the table alone,
// and format puts it back where the spot is, behind the spot's indent.
type detachTables struct{}

func (detachTables) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	var tables []*east.Table
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*east.Table); ok && entering {
			tables = append(tables, t)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(tables) == 0 {
		return
	}
	spot := &definition.Emoji{Unicode: []rune{tableSpot}}
	var docs []*ast.Document
	for _, t := range tables {
		p := ast.NewParagraph()
		// glamour writes an emoji's runes as they are, which no other
		// inline node made here does.
		p.AppendChild(p, emoji.NewEmoji(nil, spot))
		t.Parent().ReplaceChild(t.Parent(), t, p)
		alone := ast.NewDocument()
		alone.AppendChild(alone, t)
		docs = append(docs, alone)
	}
	pc.Set(tablesKey, docs)
}

// spliceTables puts the tables detached from src back into out, glamour's
// output, where their spots are: every line of a table's grid marked, and
// behind the indent and quote bars that stood before its spot.
func spliceTables(out string, src []byte, pc parser.Context, r renderer.Renderer) string {
	docs, _ := pc.Get(tablesKey).([]*ast.Document)
	if len(docs) == 0 {
		return out
	}
	lines := strings.Split(out, "\n")
	var b strings.Builder
	next := 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i > 0 {
			b.WriteByte('\n')
		}
		at := strings.IndexRune(l, tableSpot)
		if at < 0 || next == len(docs) {
			b.WriteString(l)
			continue
		}
		var buf bytes.Buffer
		doc := docs[next]
		next++
		_ = r.Render(&buf, src, doc) // glamour fails only where its writer does
		// In a list item glamour writes the item's paragraphs on one
		// line, the spot among them: what is before it and what is after
		// it each keep a line of their own, and the table stands, as
		// glamour draws it, at the margin or behind the quote bars.
		prefix, n := quoteBars(l[:at])
		if ansi.Strip(l[n:at]) != "" {
			b.WriteString(l[:at] + "\x1b[m\n")
		}

		grid := doc.FirstChild().ChildCount() + 1 // header, rule and rows
		drawn := strings.Split(sgrOnly(strings.Trim(buf.String(), "\n")), "\n")
		if len(drawn) < grid || !tableRule(drawn[1]) {
			grid = 0 // not as glamour draws a table: let it wrap as text
		}
		for j, d := range drawn {
			if j > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(prefix)
			switch {
			case j == 0 && grid > 0:
				b.WriteRune(tableHead)
			case j < grid:
				b.WriteRune(tableLine)
			}
			b.WriteString(d)
		}
		if after := l[at+len(string(tableSpot)):]; ansi.Strip(after) != "" {
			// The rest, where another table's spot may be.
			lines = slices.Insert(lines, i+1, prefix+after)
		}
	}
	return b.String()
}

// tableRule reports whether s is the rule under a table's header:
// dashes, and a plus where columns meet.
func tableRule(s string) bool {
	return s != "" && s[0] == '-' && strings.Trim(s, "-+") == ""
}

// quoteBars is how line begins, its colours closed: the quote bars and
// the spaces between them, up to the first other character; n is how many
// bytes of line they take.
func quoteBars(line string) (bars string, n int) {
	at := 0
	for _, t := range tokenize(line) {
		if !t.esc && t.r != '|' && t.r != ' ' {
			break
		}
		at += len(t.text)
		if !t.esc {
			n = at
		}
	}
	if strings.IndexByte(line[:n], 0x1b) >= 0 {
		return line[:n] + "\x1b[m", n
	}
	return line[:n], n
}

// fitTables is wrapText for a document with marked tables: the text
// between them is wrapped at w cells, each table fitted to w (fitTable),
// and the marks are gone.
func fitTables(s string, w int) string {
	if !strings.ContainsRune(s, tableHead) {
		return wrapText(s, w)
	}
	lines := strings.Split(s, "\n")
	var out []string
	for i := 0; i < len(lines); {
		if !strings.ContainsRune(lines[i], tableHead) {
			j := i + 1
			for j < len(lines) && !strings.ContainsRune(lines[j], tableHead) {
				j++
			}
			out = append(out, wrapText(strings.Join(lines[i:j], "\n"), w))
			i = j
			continue
		}
		j := i + 1
		for j < len(lines) && strings.ContainsRune(lines[j], tableLine) {
			j++
		}
		out = append(out, fitTable(lines[i:j], w)...)
		i = j
	}
	return strings.Join(out, "\n")
}

// fitTable returns a table's marked lines without their marks, within w
// cells: as drawn if they fit; else drawn again with narrower columns, the
// text of each cell wrapped inside its column (drawGrid); or, where even
// columns of two cells do not fit, each row as lines of "header: text"
// (drawRecords). A grid that is not as glamour draws one wraps as text.
func fitTable(marked []string, w int) []string {
	prefixes := make([]string, len(marked))
	grid := make([]string, len(marked))
	indent, fits := 0, true
	for i, l := range marked {
		at := strings.IndexFunc(l, markRune)
		_, size := utf8.DecodeRuneInString(l[at:])
		prefixes[i], grid[i] = l[:at], l[at+size:]
		marked[i] = prefixes[i] + grid[i]
		indent = max(indent, Width(prefixes[i]))
		fits = fits && Width(marked[i]) <= w
	}
	if fits {
		return marked
	}
	t, ok := readGrid(grid)
	if !ok {
		return strings.Split(wrapText(strings.Join(marked, "\n"), w), "\n")
	}
	cols := len(t.natural)
	room := w - indent - (3*cols - 1) // a space each side of a column, a bar between
	least := make([]int, cols)
	sum := 0
	for c := range least {
		least[c] = max(min(t.natural[c], 2), min(t.natural[c], t.word[c]))
		sum += least[c]
	}
	if sum > room {
		// Long words break, rather than the grid.
		sum = 0
		for c := range least {
			least[c] = min(t.natural[c], 2)
			sum += least[c]
		}
	}
	if sum > room {
		rw := w - indent
		if rw < 10 {
			// Quotes nested deeper than the pane leaves room for: the rows
			// stand at the margin rather than in no room at all.
			for i := range prefixes {
				prefixes[i] = ""
			}
			rw = w
		}
		return t.drawRecords(prefixes, rw)
	}
	return t.drawGrid(prefixes, shareColumns(t.natural, least, room))
}

// tableGrid is a table read back from glamour's drawing: its cells, the
// header's first, and for each column the width of its widest cell and of
// its longest word, and whether it is aligned right.
type tableGrid struct {
	rows    [][]string
	natural []int
	word    []int
	right   []bool
}

// readGrid reads the cells of a table as glamour draws it: its header,
// the rule under it, where a plus marks each bar between columns, and its
// rows, each on one line.
func readGrid(grid []string) (tableGrid, bool) {
	if len(grid) < 2 || !tableRule(grid[1]) {
		return tableGrid{}, false
	}
	var bounds [][2]int
	start := 0
	for i, c := range grid[1] {
		if c == '+' {
			bounds = append(bounds, [2]int{start, i})
			start = i + 1
		}
	}
	bounds = append(bounds, [2]int{start, len(grid[1])})
	cols := len(bounds)
	t := tableGrid{natural: make([]int, cols), word: make([]int, cols), right: make([]bool, cols)}
	flushRight := make([]bool, cols) // every cell ends at the margin
	for c := range flushRight {
		flushRight[c] = true
	}
	for i, line := range grid {
		if i == 1 {
			continue
		}
		cells := make([]string, cols)
		for c, b := range bounds {
			cell, lead, trail := trimSpaces(ansi.Cut(line, b[0], b[1]))
			cells[c] = cell
			if cell == "" {
				continue
			}
			t.natural[c] = max(t.natural[c], Width(cell))
			t.word[c] = max(t.word[c], longestWord(cell))
			flushRight[c] = flushRight[c] && trail <= 1
			t.right[c] = t.right[c] || lead > 1
		}
		t.rows = append(t.rows, cells)
	}
	for c := range t.right {
		t.right[c] = t.right[c] && flushRight[c]
	}
	return t, true
}

// drawGrid draws the table with columns of the widths given, the text of
// each cell wrapped inside its column. A row's first line keeps its
// prefix (a list's bullet, it may be); the lines it wraps into stand
// behind the rule's.
func (t tableGrid) drawGrid(prefixes []string, widths []int) []string {
	parts := make([]string, len(widths))
	for c, cw := range widths {
		parts[c] = strings.Repeat("-", cw+2)
	}
	rule := strings.Join(parts, "+")
	var out []string
	for r, cells := range t.rows {
		if r == 1 {
			out = append(out, prefixes[1]+rule)
		}
		wrapped := make([][]string, len(cells))
		height := 1
		for c, cell := range cells {
			wrapped[c] = strings.Split(wrapText(cell, widths[c]), "\n")
			height = max(height, len(wrapped[c]))
		}
		prefix := prefixes[min(r+1, len(prefixes)-1)]
		if r == 0 {
			prefix = prefixes[0]
		}
		for k := range height {
			for c := range cells {
				piece := ""
				if k < len(wrapped[c]) {
					piece = Clip(wrapped[c][k], widths[c])
				}
				pad := strings.Repeat(" ", widths[c]-Width(piece))
				if t.right[c] {
					parts[c] = " " + pad + piece + " "
				} else {
					parts[c] = " " + piece + pad + " "
				}
			}
			out = append(out, prefix+strings.Join(parts, "|"))
			prefix = prefixes[1]
		}
	}
	if len(t.rows) == 1 {
		out = append(out, prefixes[1]+rule)
	}
	return out
}

// drawRecords draws each row of the table as lines of "header: text",
// wrapped at w cells, a rule between rows: for a pane too narrow for its
// columns.
func (t tableGrid) drawRecords(prefixes []string, w int) []string {
	var out []string
	prefix := prefixes[0]
	for r, cells := range t.rows[1:] {
		if r > 0 {
			out = append(out, prefixes[1]+strings.Repeat("-", max(min(w, 8), 1)))
		}
		for c, cell := range cells {
			if head := t.rows[0][c]; head != "" {
				cell = head + ": " + cell
			}
			for _, l := range strings.Split(wrapText(cell, w), "\n") {
				out = append(out, prefix+Clip(l, w))
				prefix = prefixes[1]
			}
		}
	}
	return out
}

// trimSpaces is s without the spaces it begins and ends with, its styles
// kept, and how many spaces it began and ended with.
func trimSpaces(s string) (trimmed string, lead, trail int) {
	toks := tokenize(s)
	first, last := len(toks), -1
	for i, t := range toks {
		if !t.esc && t.r != ' ' {
			first, last = min(first, i), i
		}
	}
	var b strings.Builder
	for i, t := range toks {
		switch {
		case t.esc || i >= first && i <= last:
			b.WriteString(t.text)
		case i < first:
			lead++
		default:
			trail++
		}
	}
	return b.String(), lead, trail
}

// longestWord is the width of the longest run of ASCII letters, digits and
// marks in s: a word or a number, which reads best whole.
func longestWord(s string) int {
	longest, run := 0, 0
	for _, r := range ansi.Strip(s) {
		if r > ' ' && r < 0x7f {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// shareColumns gives columns of the natural widths their widths within
// room cells, each at least its least: the narrow ones keep theirs, and
// the wide ones share what is left evenly.
func shareColumns(natural, least []int, room int) []int {
	widths := slices.Clone(least)
	order := make([]int, len(natural))
	for c := range order {
		order[c] = c
		room -= least[c]
	}
	slices.SortStableFunc(order, func(a, b int) int { return (natural[a] - least[a]) - (natural[b] - least[b]) })
	for k, c := range order {
		more := min(natural[c]-least[c], room/(len(order)-k))
		widths[c] += more
		room -= more
	}
	return widths
}
