package kit

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"

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
	return s
}

func strPtr(s string) *string { return &s }

// controlEntity matches numeric character references; those that name a
// control character would become a real one in glamour's output.
var controlEntity = regexp.MustCompile(`&#([xX][0-9a-fA-F]+|[0-9]+);?`)

// neutralizeEntities replaces character references to control characters
// with U+FFFD before markdown is parsed.
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
		if err != nil || v < 0x20 || v == 0x7f || (v >= 0x80 && v <= 0x9f) || (v >= 0x202a && v <= 0x202e) || (v >= 0x2066 && v <= 0x2069) || v == 0x2028 || v == 0x2029 {
			return "\uFFFD"
		}
		return m
	})
}

// sgrOnly keeps the SGR (colour and style) sequences glamour writes and
// removes every other escape or control sequence, whatever its source.
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
		// ESC [ params m is SGR; anything else starting with ESC is dropped
		// up to its end.
		j := i + 1
		if j < len(s) && s[j] == '[' {
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
			continue
		}
		i = j + 1
	}
	return b.String()
}

// markdownCache keeps rendered documents per text, width and language, so
// that scrolling, redraws and returning to a document cost nothing.
type markdownCache struct {
	mu        sync.Mutex
	renderers map[mdStyle][]*glamour.TermRenderer // idle renderers
	docs      map[mdKey]string
	order     []mdKey
}

// mdStyle is what a renderer is made for: a width and how images read.
type mdStyle struct {
	width int
	image string
	light bool
}

type mdKey struct {
	text string
	mdStyle
}

const maxCachedDocs = 256

var markdown = &markdownCache{renderers: map[mdStyle][]*glamour.TermRenderer{}, docs: map[mdKey]string{}}

// RenderMarkdown returns doc rendered at w cells, safe for the terminal,
// in cat's language. It may be slow for long documents: call it from a
// tea.Cmd, never from View.
func RenderMarkdown(doc string, w int, cat *Catalog) string {
	return markdown.render(doc, mdStyle{width: max(w, 10), image: cat.T("markdown.image"), light: cat.Light()})
}

// ForgetMarkdown empties the cache of rendered documents, so that a
// benchmark measures rendering and not the cache.
func ForgetMarkdown() {
	markdown.mu.Lock()
	markdown.docs = map[mdKey]string{}
	markdown.order = nil
	markdown.mu.Unlock()
}

func (c *markdownCache) render(doc string, style mdStyle) string {
	w := style.width
	key := mdKey{doc, style}
	c.mu.Lock()
	if out, ok := c.docs[key]; ok {
		c.mu.Unlock()
		return out
	}
	// A TermRenderer is not safe for concurrent use: each render takes an
	// idle one, so that documents render side by side on several cores.
	var r *glamour.TermRenderer
	if idle := c.renderers[style]; len(idle) > 0 {
		r, c.renderers[style] = idle[len(idle)-1], idle[:len(idle)-1]
	}
	c.mu.Unlock()
	if r == nil {
		var err error
		// glamour wraps at spaces only, which Japanese lacks; it renders
		// unwrapped and wrapText breaks the lines.
		r, err = glamour.NewTermRenderer(glamour.WithStyles(markdownStyle(style.image, style.light)), glamour.WithWordWrap(0))
		if err != nil {
			return model.CleanText(doc)
		}
	}
	out, err := r.Render(neutralizeEntities(joinSoftBreaks(model.CleanText(doc))))
	if err != nil {
		out = model.CleanText(doc)
	}
	out = wrapText(sgrOnly(strings.Trim(out, "\n")), w)
	c.mu.Lock()
	c.renderers[style] = append(c.renderers[style], r)
	c.docs[key] = out
	c.order = append(c.order, key)
	if len(c.order) > maxCachedDocs {
		delete(c.docs, c.order[0])
		c.order = c.order[1:]
	}
	c.mu.Unlock()
	return out
}
