package kit

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	gansi "charm.land/glamour/v2/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"hiroba/model"
)

// markdownStyle is glamour's style for the background (markdownBase) with every East Asian
// ambiguous-width glyph replaced by ASCII, so that a terminal that draws
// them wide does not break the panes, and with no outer margin, so that the
// text uses the whole pane. image is how an image is written, in the
// interface's language.
func markdownStyle(image string, light bool) gansi.StyleConfig {
	s := markdownBase(light)
	zero := uint(0)
	s.Document.Margin = &zero
	s.Document.BlockPrefix = ""
	s.Document.BlockSuffix = ""
	s.BlockQuote.IndentToken = strPtr("| ")
	s.Item.BlockPrefix = "- "
	s.Task.Ticked = "[x] "
	s.Task.Unticked = "[ ] "
	s.HorizontalRule.Format = "\n--------\n"
	s.Image.Format = image
	s.DefinitionDescription.BlockPrefix = "\n  "
	s.Table.CenterSeparator = strPtr("+")
	s.Table.ColumnSeparator = strPtr("|")
	s.Table.RowSeparator = strPtr("-")
	// Code in one colour: hiroba has no highlighter (third_party/chroma).
	s.CodeBlock.Chroma, s.CodeBlock.Theme = nil, ""
	// A link reads as its text, then its address, which is not underlined:
	// an underline under a whole address reads as one more line.
	s.Link.Underline = nil
	return s
}

func strPtr(s string) *string { return &s }

// controlEntity matches numeric character references; those that name a
// control character would become a real one in glamour's output.
var controlEntity = regexp.MustCompile(`&#([xX][0-9a-fA-F]+|[0-9]+);?`)

// neutralizeEntities replaces character references to control characters
// and to the table marks (markdown_table.go) with U+FFFD before markdown is
// parsed.
func neutralizeEntities(s string) string {
	if !strings.Contains(s, "&#") {
		return s
	}
	return controlEntity.ReplaceAllStringFunc(s, func(m string) string {
		num := strings.TrimSuffix(strings.TrimPrefix(m, "&#"), ";")
		var v int64
		var err error
		if num[0] == 'x' || num[0] == 'X' {
			v, err = strconv.ParseInt(num[1:], 16, 32)
		} else {
			v, err = strconv.ParseInt(num, 10, 32)
		}
		if err != nil || v < 0x20 || v == 0x7f || (v >= 0x80 && v <= 0x9f) || (v >= 0x202a && v <= 0x202e) || (v >= 0x2066 && v <= 0x2069) || v == 0x2028 || v == 0x2029 || markRune(rune(v)) {
			return "\uFFFD"
		}
		return m
	})
}

// sgrOnly keeps the SGR (colour and style) sequences glamour writes and
// removes every other escape or control sequence, whatever its source:
// glamour's own OSC 8 hyperlinks go whole, up to their terminator, so that
// no part of one is left as text.
func sgrOnly(s string) string {
	if !strings.ContainsRune(s, 0x1b) {
		return model.CleanText(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != 0x1b {
			j := strings.IndexByte(s[i:], 0x1b)
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(model.CleanText(s[i : i+j]))
			i += j
			continue
		}
		j := i + 1
		switch {
		case j < len(s) && s[j] == '[':
			// ESC [ params m is SGR; any other CSI is dropped to its end.
			k := j + 1
			for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] == ';' || s[k] == ':') {
				k++
			}
			if k < len(s) && s[k] == 'm' {
				b.WriteString(s[i : k+1])
				i = k + 1
				continue
			}
			for k < len(s) && (s[k] < 0x40 || s[k] > 0x7e) {
				k++
			}
			i = k + 1
		case j < len(s) && strings.IndexByte("]PX^_", s[j]) >= 0:
			// OSC, DCS, SOS, PM and APC run to BEL or ESC \.
			i = stringEnd(s, j+1)
		default:
			i = j + 1
		}
	}
	return b.String()
}

// stringEnd is where a control string that starts at i ends: after its BEL
// or ESC \, or at the end of s.
func stringEnd(s string, i int) int {
	for ; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0x1b:
			return i // an ESC that starts something else ends the string
		}
	}
	return len(s)
}

// markdownCacheBytes bounds the rendered documents kept for every session.
const markdownCacheBytes = 24 << 20

// markdownRenderer renders documents and keeps them (mdCache), with a
// few idle renderers for each style: a renderer is not safe for
// concurrent use, so each render takes one, and documents render side by
// side on several cores.
type markdownRenderer struct {
	cache *mdCache
	mu    sync.Mutex
	idle  map[mdStyle][]goldmark.Markdown
}

// mdStyle is how a document looks, whatever the width: how images read,
// and whether for a light background.
type mdStyle struct {
	image string
	light bool
}

var markdown = &markdownRenderer{cache: newMDCache(markdownCacheBytes), idle: map[mdStyle][]goldmark.Markdown{}}

// RenderMarkdown returns doc rendered at w cells, safe for the terminal,
// in cat's language. It is bounded (markdown_bound.go) but may take tens
// of milliseconds for long documents: call it from a tea.Cmd, never from
// View.
func RenderMarkdown(doc string, w int, cat *Catalog) string {
	return markdown.render(doc, styleOf(cat), max(w, 10))
}

// styleOf is the markdown style of cat's language and palette.
func styleOf(cat *Catalog) mdStyle {
	return mdStyle{image: cat.T("markdown.image"), light: cat.Light()}
}

// WarmMarkdown makes a renderer of cat's language and palette ready, in
// a command: the first document drawn after it, often on the first
// screen, does not build one and run glamour's code for the first time
// (about 0.4 ms of 0.5). The first screen's reads leave the time for it.
func WarmMarkdown(cat *Catalog) tea.Cmd {
	style := styleOf(cat)
	return func() tea.Msg {
		markdown.mu.Lock()
		ready := len(markdown.idle[style]) > 0
		markdown.mu.Unlock()
		if !ready {
			markdown.glamour("**広場**", style)
		}
		return nil
	}
}

// ForgetMarkdown empties the cache of rendered documents, so that a
// benchmark measures rendering and not the cache.
func ForgetMarkdown() { markdown.cache.clear() }

func (m *markdownRenderer) render(doc string, style mdStyle, w int) string {
	key := mdKey{text: doc, style: style, width: w}
	if out, ok := m.cache.get(key); ok {
		return out
	}
	// glamour renders unwrapped (it wraps at spaces only, which Japanese
	// lacks) and wrapText breaks the lines, but for tables, which fitTables
	// draws to the width: its output serves every width.
	whole := mdKey{text: doc, style: style}
	body, ok := m.cache.get(whole)
	if !ok {
		body = m.format(doc, style)
		m.cache.put(whole, body)
	}
	out := fitTables(body, w)
	m.cache.put(key, out)
	return out
}

// format renders doc with glamour, block by block while the budget lasts,
// and the rest as written (markdown_bound.go); unwrapped.
func (m *markdownRenderer) format(doc string, style mdStyle) string {
	clean := neutralizeEntities(withoutMarks(joinSoftBreaks(model.CleanText(doc))))
	var parts []string
	spent := 0
	for _, block := range markdownChunks(clean) {
		spent += markdownCost(block)
		if spent > markdownBudget {
			parts = append(parts, strings.Trim(block, "\n"))
			continue
		}
		parts = append(parts, m.glamour(block, style))
	}
	return strings.Join(parts, "\n\n")
}

// glamour renders one block with a renderer of style's, cleaned of every
// sequence but colours, its tables marked (spliceTables).
func (m *markdownRenderer) glamour(block string, style mdStyle) string {
	m.mu.Lock()
	var md goldmark.Markdown
	if idle := m.idle[style]; len(idle) > 0 {
		md, m.idle[style] = idle[len(idle)-1], idle[:len(idle)-1]
	}
	m.mu.Unlock()
	if md == nil {
		md = newMarkdown(style)
	}
	var buf bytes.Buffer
	src := []byte(block)
	pc := parser.NewContext()
	if err := md.Convert(src, &buf, parser.WithContext(pc)); err != nil {
		return strings.Trim(block, "\n")
	}
	out := spliceTables(sgrOnly(strings.Trim(buf.String(), "\n")), src, pc, md.Renderer())
	m.mu.Lock()
	m.idle[style] = append(m.idle[style], md)
	m.mu.Unlock()
	return out
}

// newMarkdown is glamour's renderer (as glamour.NewTermRenderer makes it,
// without wrapping) with the transformers that flatten deep nesting and
// show a link to its own address once, and that take tables out to be
// drawn alone (detachTables).
func newMarkdown(style mdStyle) goldmark.Markdown {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(flattenDeep{}, 100), util.Prioritized(linkAsAddress{}, 101), util.Prioritized(detachTables{}, 102)),
		),
	)
	ar := gansi.NewRenderer(gansi.Options{WordWrap: 0, Styles: markdownStyle(style.image, style.light)})
	md.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(ar, 1000))))
	return md
}
