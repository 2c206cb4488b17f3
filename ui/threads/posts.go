package threads

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"hiroba/ui/kit"
)

// The post the keys act on is marked in the document; it follows the
// scroll and ] and [ move it.

// shown is the thread in the document pane and where its posts begin.
func (s *Screen) shown() (threadData, []kit.Anchor, bool) {
	d, ok := s.b.Doc.Shown()
	anchors := s.b.Doc.Anchors()
	return d, anchors, ok && len(anchors) > 0
}

// selected is the post the keys act on: the marked one, else the first.
func (s *Screen) selected(anchors []kit.Anchor) kit.Anchor {
	for _, a := range anchors {
		if a.ID == s.sel {
			return a
		}
	}
	return anchors[0]
}

// selectPost marks a post and scrolls so that it shows, at the top when
// it was out of view.
func (s *Screen) selectPost(a kit.Anchor) {
	s.sel = a.ID
	p := &s.b.Doc.Pane
	if a.Line < p.Offset() || a.Line >= p.Offset()+p.Height()-2 {
		p.ScrollTo(a.Line)
	}
	s.markSelected()
}

// markSelected draws the first line of the post the keys act on as
// selected, with a > before it, so that it shows without colours too:
// the marked post while the thread has the keys, the thread itself
// (dimmer) while the list has them.
func (s *Screen) markSelected() {
	anchors := s.b.Doc.Anchors()
	p := &s.b.Doc.Pane
	if len(anchors) == 0 {
		p.Mark(-1, nil)
		return
	}
	a := s.selected(anchors)
	s.sel = a.ID
	st, w := s.c.Styles, p.Width()
	style := st.Selected
	if !s.b.FocusDetail {
		a, style = anchors[0], st.SelectedDim
	}
	p.Mark(a.Line, func(l string) string { return style.Render(kit.Fit("> "+ansi.Strip(l), w)) })
}

// postName names a post in a sentence: the thread by its title, a reply
// by its number and author; with its first words, so that the person
// knows which one a question or a message is about.
func (s *Screen) postName(d threadData, p post) string {
	cat := s.c.Cat
	if !p.reply {
		return cat.T("thread.post.thread", short(d.thread.Title))
	}
	words := kit.Clip(strings.Join(strings.Fields(kit.Clean(p.body)), " "), 16)
	return cat.T("thread.post.reply", number(d.replies, p.id), kit.AuthorName(cat, p.authorName, p.anon, p.mine), words)
}

// followScroll moves the selection with the scroll: when the selected post
// leaves the pane, the first post in view is selected.
func (s *Screen) followScroll() {
	anchors := s.b.Doc.Anchors()
	if len(anchors) == 0 {
		return
	}
	p := &s.b.Doc.Pane
	top, h := p.Offset(), p.Height()
	a := s.selected(anchors)
	if a.Line >= top && a.Line < top+h {
		return
	}
	pick := anchors[0]
	for _, x := range anchors {
		if x.Line <= top {
			pick = x
		} else if pick.Line < top && x.Line < top+h {
			pick = x
			break
		}
	}
	s.sel = pick.ID
	s.markSelected()
}

func (s *Screen) scrollToPost(anchors []kit.Anchor, dir int) {
	cur := s.selected(anchors)
	for i, a := range anchors {
		if a.ID != cur.ID {
			continue
		}
		if j := i + dir; j >= 0 && j < len(anchors) {
			s.selectPost(anchors[j])
		}
		return
	}
}

// scrollToAnchor selects the post asked for when the thread was opened,
// and marks the selection in a new rendering.
func (s *Screen) scrollToAnchor() {
	anchors := s.b.Doc.Anchors()
	if len(anchors) == 0 {
		return
	}
	if s.anchor != "" {
		found := false
		for _, a := range anchors {
			if a.ID == s.anchor || s.anchor == "end" && a.ID == anchors[len(anchors)-1].ID {
				s.selectPost(a)
				found = true
			}
		}
		// Kept until the opened thread itself is shown: another document
		// arriving first (the list's first row, an outdated render) made
		// an open from the inbox land at the thread's top (review).
		if d, ok := s.b.Doc.Shown(); found || ok && d.thread.ID == s.opened {
			s.anchor = ""
		}
	}
	s.markSelected()
}

// short is a thread's title as a sentence names it: cut at 30 cells.
func short(title string) string { return kit.Clip(kit.Clean(title), 30) }
