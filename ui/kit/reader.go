package kit

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// Reader shows one document in a DetailPane. A command loads what the
// document needs and renders it; Update keeps the data and the text, so
// that a resize renders the data again without reading the store.
// Rendering is a pure function of the data and the width: it can be
// tested without a database.
type Reader[D any] struct {
	c    *Common
	Pane DetailPane
	// Render draws data at w cells.
	Render func(data D, w int) Document
	// Preview, when set, draws the first part of a long document quickly;
	// ok is false when the document is short enough to render whole at
	// once. The whole follows in another command.
	Preview func(data D, w int) (doc Document, ok bool)
	// Rest, when set, reads the rest of a document's data, what its first
	// screen does not show, in another command after the first part is
	// drawn (Render draws the part not read yet as on its way). A document
	// shown already, read again, stays as it was until its whole arrives.
	Rest func(ctx context.Context, data D) (D, error)

	data    D
	anchors []Anchor
	has     bool
	key     string // the item shown, "ID/version"
	seq     int    // the newest load or render asked for; older ones are dropped
	// waiting is the first part whose rest is on its way (Rest): the one
	// shown, or a newer version of it read again while the older whole
	// stays shown. A resize asks for its rest again.
	waiting *readerMsg
}

// readerMsg carries a loaded and rendered document to its reader.
type readerMsg struct {
	r       any
	seq     int
	key     string
	width   int
	data    any
	doc     Document
	err     error
	partial bool // a preview: the whole is rendered next
	more    bool // the first part: Rest reads the rest next
}

// NewReader returns a reader that draws its data with render.
func NewReader[D any](c *Common, render func(data D, w int) Document) *Reader[D] {
	return &Reader[D]{c: c, Render: render}
}

// Shown is the data of the document shown, if any.
func (r *Reader[D]) Shown() (D, bool) { return r.data, r.has }

// Anchors are where the parts of the document shown begin.
func (r *Reader[D]) Anchors() []Anchor { return r.anchors }

// Key is the item shown ("ID/version"), "" for none.
func (r *Reader[D]) Key() string { return r.key }

// Clear shows nothing, and drops what is on its way.
func (r *Reader[D]) Clear() {
	var zero D
	r.data, r.anchors, r.has, r.key, r.waiting = zero, nil, false, "", nil
	r.seq++
	r.Pane.Clear()
}

// Load reads a document with load and renders it, in a command. key names
// the item and its version ("ID/version"): another item shows from its
// top, the same one changed keeps its scroll.
func (r *Reader[D]) Load(key string, load func(ctx context.Context) (D, error)) tea.Cmd {
	read := r.reader()
	if read == nil {
		return nil
	}
	return func() tea.Msg { return read(key, load) }
}

// reader returns what a command runs to read and render one document for
// this reader, as the newest asked for; nil while the pane has no width.
// Load runs it in a command of its own, Browser.Start in the command of
// the list's first page.
func (r *Reader[D]) reader() func(key string, load func(ctx context.Context) (D, error)) tea.Msg {
	w := r.Pane.width
	if w <= 0 {
		return nil
	}
	r.seq++
	seq, ctx, render, preview := r.seq, r.c.Ctx(), r.Render, r.Preview
	more := r.Rest != nil
	shown := ""
	if r.has {
		shown = itemKey(r.key)
	}
	return func(key string, load func(ctx context.Context) (D, error)) tea.Msg {
		data, err := load(ctx)
		if err != nil {
			return readerMsg{r: r, seq: seq, key: key, width: w, err: err}
		}
		if more {
			m := readerMsg{r: r, seq: seq, key: key, width: w, data: data, more: true}
			if itemKey(key) != shown {
				// Read again, the item shown keeps its whole until the
				// rest comes (Update): its first part is not drawn.
				m.doc = render(data, w)
			}
			return m
		}
		if preview != nil {
			if doc, ok := preview(data, w); ok {
				return readerMsg{r: r, seq: seq, key: key, width: w, data: data, doc: doc, partial: true}
			}
		}
		return readerMsg{r: r, seq: seq, key: key, width: w, data: data, doc: render(data, w)}
	}
}

// current reports whether m is the newest document asked of this reader,
// at its width: one that Update would show.
func (r *Reader[D]) current(m readerMsg) bool {
	return m.r == r && m.seq == r.seq && m.width == r.Pane.width
}

// Rerender draws the data shown again at the pane's width, in a command:
// after a resize.
func (r *Reader[D]) Rerender() tea.Cmd {
	if !r.has || r.Pane.width <= 0 {
		return nil
	}
	r.seq++
	if w := r.waiting; w != nil {
		// The rest, asked at the old width, would be dropped.
		return r.restCmd(r.seq, w.key, w.data.(D))
	}
	return r.renderCmd(r.seq, r.key, r.data)
}

func (r *Reader[D]) renderCmd(seq int, key string, data D) tea.Cmd {
	w, render := r.Pane.width, r.Render
	return func() tea.Msg {
		return readerMsg{r: r, seq: seq, key: key, width: w, data: data, doc: render(data, w)}
	}
}

// Owns reports whether msg is a document for this reader.
func (r *Reader[D]) Owns(msg tea.Msg) bool {
	if p, ok := msg.(pageLoadedMsg); ok {
		// A list's first page may bring its first row's document
		// (Browser.Start), shown with the page when it is still the one
		// asked for (withFirst).
		m, ok := p.with.(readerMsg)
		return ok && r.current(m)
	}
	m, ok := msg.(readerMsg)
	return ok && m.r == r
}

// Update takes a document meant for this reader; it reports whether the
// message was this reader's.
func (r *Reader[D]) Update(msg tea.Msg) (bool, tea.Cmd) {
	m, ok := msg.(readerMsg)
	if !ok || m.r != r {
		return false, nil
	}
	if !r.current(m) {
		return true, nil
	}
	top := itemKey(m.key) != itemKey(r.key)
	if m.more && !top && r.has {
		// Read again (a change): what is shown stays until the whole.
		r.waiting = &m
		return true, r.restCmd(m.seq, m.key, m.data.(D))
	}
	r.key = m.key
	if m.err != nil {
		var zero D
		r.data, r.anchors, r.has, r.waiting = zero, nil, false, nil
		r.Pane.SetText(r.c.Styles.Error.Render(r.c.Cat.Err(m.err)), top)
		return true, nil
	}
	r.data, r.has, r.waiting = m.data.(D), true, nil
	if m.more {
		r.waiting = &m
	}
	r.anchors = m.doc.Anchors
	r.Pane.SetText(m.doc.Text, top)
	if m.partial {
		return true, r.renderCmd(m.seq, m.key, r.data)
	}
	if m.more {
		return true, r.restCmd(m.seq, m.key, r.data)
	}
	return true, nil
}

// restCmd reads the rest of data (Rest) and renders the whole.
func (r *Reader[D]) restCmd(seq int, key string, data D) tea.Cmd {
	w, ctx, render, rest := r.Pane.width, r.c.Ctx(), r.Render, r.Rest
	return func() tea.Msg {
		whole, err := rest(ctx, data)
		if err != nil {
			return readerMsg{r: r, seq: seq, key: key, width: w, err: err}
		}
		return readerMsg{r: r, seq: seq, key: key, width: w, data: whole, doc: render(whole, w)}
	}
}
