package kit

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// What keeps rendering bounded. glamour costs time in proportion to the
// text times how deeply it nests (every level wraps and indents the text
// again) and goldmark costs more for dense inline markup, so that a post of
// 200 nested quotes took seconds. Three bounds, each cheap to check:
//
//   - quotes and lists nested deeper than MarkdownMaxDepth are flattened:
//     what is deeper shows at the deepest level;
//   - a long document is rendered block by block (markdownChunks), so that
//     no cost grows faster than the text;
//   - each block has a cost (markdownCost); once a document's blocks have
//     spent markdownBudget, the rest is shown as written, wrapped but not
//     formatted. Ordinary posts and handover sections spend a small part of
//     it: only text of tens of kilobytes, or dense markup, reaches it.

// MarkdownMaxDepth is how deeply quotes and lists nest; deeper ones are
// flattened into the deepest.
const MarkdownMaxDepth = 20

const (
	// markdownBudget is what one document may cost before the rest is
	// shown as written: about 40 ms of rendering on this project's 2-core
	// machine when it is quiet.
	markdownBudget = 40_000
	// markupWeight is what one markup character costs beside a plain one.
	markupWeight = 12
	// chunkBytes is the size above which a document is cut into blocks,
	// and about how large each block is.
	chunkBytes = 4096
)

// flattenDeep is a goldmark AST transformer that keeps quotes and lists
// within MarkdownMaxDepth levels: the items of a list one level too deep
// join the list of the item that holds it, after that item; a quote one
// level too deep gives its paragraphs to what holds it.
type flattenDeep struct{}

func (flattenDeep) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		for c := n.FirstChild(); c != nil; {
			d := depth
			if nests(c) {
				d++
			}
			if d <= MarkdownMaxDepth {
				walk(c, d)
				c = c.NextSibling()
				continue
			}
			next := c.NextSibling()
			if list, ok := n.Parent().(*ast.List); ok && c.Kind() == ast.KindList {
				// n is the item holding c: c's items follow n in n's list,
				// and are looked at there.
				after := n
				for item := c.FirstChild(); item != nil; {
					following := item.NextSibling()
					c.RemoveChild(c, item)
					list.InsertAfter(list, after, item)
					after, item = item, following
				}
			} else {
				// c's children take its place in n, and are looked at here.
				first := c.FirstChild()
				for gc := first; gc != nil; {
					following := gc.NextSibling()
					c.RemoveChild(c, gc)
					n.InsertBefore(n, c, gc)
					gc = following
				}
				if first != nil {
					next = first
				}
			}
			n.RemoveChild(n, c)
			c = next
		}
	}
	walk(doc, 0)
}

func nests(n ast.Node) bool {
	return n.Kind() == ast.KindBlockquote || n.Kind() == ast.KindList
}

// linkAsAddress is a goldmark AST transformer: a link whose text is its
// address is shown once, as the address, not as the text and then the
// address again.
type linkAsAddress struct{}

func (linkAsAddress) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var links []*ast.Link
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			links = append(links, l)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range links {
		t, ok := l.FirstChild().(*ast.Text)
		if !ok || t.NextSibling() != nil || !bytes.Equal(t.Segment.Value(src), l.Destination) {
			continue
		}
		l.RemoveChild(l, t)
		l.Parent().ReplaceChild(l.Parent(), l, ast.NewAutoLink(ast.AutoLinkURL, t))
	}
}

// markdownChunks cuts a long document into blocks of about chunkBytes, at
// a blank line followed by a line that starts at the left margin, outside
// fenced code: there one top-level block ends and the next begins. A
// single long block is also cut before a list item at the margin. A short
// document is one block.
func markdownChunks(doc string) []string {
	if len(doc) <= chunkBytes {
		return []string{doc}
	}
	var chunks []string
	start, fence, blank := 0, "", false
	for i := 0; i < len(doc); {
		end := strings.IndexByte(doc[i:], '\n')
		if end < 0 {
			end = len(doc)
		} else {
			end += i
		}
		line := doc[i:end]
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
		case i-start >= chunkBytes && line != "" && line[0] != ' ' && line[0] != '\t' &&
			(blank || listItemStart(line)):
			chunks = append(chunks, doc[start:i])
			start = i
		}
		blank = strings.TrimSpace(line) == ""
		i = end + 1
	}
	return append(chunks, doc[start:])
}

// listItemStart reports whether line begins a bullet list item.
func listItemStart(line string) bool {
	return len(line) > 1 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' '
}

// markdownCost is what rendering block costs: one for each byte, and
// markupWeight for each character that makes markup or nesting, an indent
// included (every level of a list is a space or two more).
func markdownCost(block string) int {
	cost := len(block)
	lineStart := true
	for i := 0; i < len(block); i++ {
		switch c := block[i]; {
		case c == '*', c == '_', c == '`', c == '[', c == ']', c == '<', c == '>', c == '|', c == '~', c == '!', c == '(', c == ')':
			cost += markupWeight
		case lineStart && (c == ' ' || c == '\t'):
			cost += markupWeight
			continue
		case c == '\n':
			lineStart = true
			continue
		}
		lineStart = false
	}
	return cost
}
