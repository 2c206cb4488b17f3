package handovers

import (
	"context"
	"strings"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
)

// partialLines is how many rendered lines the first render of a long note
// stops after: a few screens, so that a note opens at once; the rest is
// rendered in a following command (kit.Reader.Preview).
const partialLines = 150

// noteData is what a note's document shows: the note with its sections,
// and the questions asked on it.
type noteData struct {
	note      *model.Handover
	questions []model.HandoverQuestion
}

// load reads a note and its questions; it runs in a command.
func (s *Screen) load(ctx context.Context, x model.Handover) (noteData, error) {
	h, err := s.c.Store.HandoverByID(ctx, x.ID)
	if err != nil {
		return noteData{}, err
	}
	qs, err := s.c.Store.Questions(ctx, x.ID)
	return noteData{note: h, questions: qs}, err
}

// renderNote draws a whole note at w cells: its head, every section and
// the questions. The anchors are where each section and each question
// begins.
func renderNote(d noteData, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	doc, _ := drawNote(d, w, cat, st, 0)
	return doc
}

// previewNote draws the first screens of a long note, quickly; ok is false
// when the note is short enough to draw whole.
func previewNote(d noteData, w int, cat *kit.Catalog, st kit.Styles) (kit.Document, bool) {
	return drawNote(d, w, cat, st, partialLines)
}

// drawNote draws a note, stopping after about limit lines (0: the whole
// note) with a line that says the rest is coming; cut says it stopped.
func drawNote(d noteData, w int, cat *kit.Catalog, st kit.Styles, limit int) (doc kit.Document, cut bool) {
	h := d.note
	head := noteHead(h, w, cat, st)
	chunks := sectionChunks(h.Sections, cat.T("hand.empty.section"))
	var b strings.Builder
	b.WriteString(head)
	lines := strings.Count(head, "\n")
	for i, c := range chunks {
		if limit > 0 && lines > limit && i < len(chunks)-1 {
			b.WriteString("\n" + st.Muted.Render(cat.T("hand.loading")))
			return kit.Document{Text: b.String(), Anchors: doc.Anchors}, true
		}
		if c.id != "" {
			// The title follows the blank line before it.
			doc.Anchors = append(doc.Anchors, kit.Anchor{ID: c.id, Line: lines + 1})
		}
		r := c.render(w, cat, st)
		b.WriteString(r)
		lines += strings.Count(r, "\n")
	}
	tail, anchors := noteQuestions(d.questions, w, cat, st)
	for _, a := range anchors {
		doc.Anchors = append(doc.Anchors, kit.Anchor{ID: a.ID, Line: lines + a.Line})
	}
	b.WriteString(tail)
	doc.Text = strings.TrimRight(b.String(), "\n")
	return doc, false
}

// noteHead is the top of a note: status, place, duty, people, the steps
// with their times, and how long questions are taken.
func noteHead(h *model.Handover, w int, cat *kit.Catalog, st kit.Styles) string {
	var b strings.Builder
	line := func(x string) { b.WriteString(kit.Clip(x, w) + "\n") }
	line(statusBadge(*h, cat, st) + "  " + st.Muted.Render(kit.Clean(h.Municipality)+"  "+kit.Clean(h.Department)) + "  " +
		st.Muted.Render(cat.T("handover.revision", h.Revision)+"  "+cat.T("hand.vis."+h.Visibility)))
	for _, l := range strings.Split(kit.WrapWords(kit.Clean(h.Duty), w), "\n") {
		line(st.Heading.Render(l))
	}
	line(st.Label.Render(cat.T("handover.predecessor")+": ") + kit.Clean(h.PredecessorName) + "  " +
		st.Label.Render(cat.T("handover.successor")+": ") + successor(*h, cat))
	line(st.Muted.Render(cat.T("handover.effective", cat.DateYMD(h.EffectiveDate))))
	when := func(t *time.Time) string {
		if t == nil {
			return st.Muted.Render(cat.T("hand.step.pending"))
		}
		return cat.DateYMD(*t) + " " + cat.Clock(*t)
	}
	steps := []struct {
		key string
		at  *time.Time
	}{{"hand.step.created", &h.CreatedAt}, {"hand.step.handed", h.HandedOverAt}, {"hand.step.acked", h.AcknowledgedAt}}
	labelW := 0
	for _, x := range steps {
		labelW = max(labelW, kit.Width(cat.T(x.key)))
	}
	for i, x := range steps {
		prefix := strings.Repeat(" ", kit.Width(cat.T("hand.steps"))+2)
		if i == 0 {
			prefix = st.Label.Render(cat.T("hand.steps") + ": ")
		}
		line(prefix + kit.Fit(cat.T(x.key), labelW) + "  " + when(x.at))
	}
	if h.QuestionsUntil != nil && h.Status != model.HandoverDraft {
		until := cat.DateYMD(*h.QuestionsUntil)
		if h.QuestionsUntil.Format("2006-01-02") < cat.Now().In(cat.Loc).Format("2006-01-02") {
			line(st.Muted.Render(cat.T("hand.closed.since", until)))
		} else {
			line(st.BadgeWarn.Render(cat.T("hand.open.until", until)))
		}
	}
	if h.AckComment != "" {
		for _, l := range strings.Split(kit.WrapWords(kit.Clean(h.AckComment), w-2), "\n") {
			line(st.Muted.Render("> " + l))
		}
	}
	return b.String()
}

// noteQuestions lists the questions with their answers, and where each
// question begins in what it returns.
func noteQuestions(qs []model.HandoverQuestion, w int, cat *kit.Catalog, st kit.Styles) (string, []kit.Anchor) {
	var b strings.Builder
	var anchors []kit.Anchor
	b.WriteString("\n" + kit.Clip(st.Title.Render("## "+cat.T("hand.questions", len(qs))), w) + "\n")
	if len(qs) == 0 {
		b.WriteString(st.Muted.Render(cat.T("hand.no.questions")) + "\n")
	}
	for _, q := range qs {
		anchors = append(anchors, kit.Anchor{ID: q.ID, Line: strings.Count(b.String(), "\n") + 1})
		b.WriteString("\n" + kit.Clip(st.Key.Render(cat.T("hand.q.by", kit.Clean(q.AuthorName), cat.DateYMD(q.CreatedAt))), w) + "\n")
		b.WriteString(kit.RenderMarkdown(q.Body, w, cat) + "\n")
		if !q.Answered() {
			b.WriteString(st.BadgeWarn.Render(cat.T("hand.unanswered")) + "\n")
			continue
		}
		b.WriteString(kit.Clip(st.BadgeGood.Render(cat.T("hand.a.by", kit.Clean(q.AnsweredByName), cat.DateYMD(*q.AnsweredAt))), w) + "\n")
		b.WriteString(kit.RenderMarkdown(q.Answer, w, cat) + "\n")
	}
	return b.String(), anchors
}

// sectionChunk is a piece of a section's markdown, rendered on its own so
// that a long note can be shown before all of it is rendered.
type sectionChunk struct {
	id, title string // the section's, on its first chunk only
	body      string
	empty     string // what an empty section says instead
}

func (c sectionChunk) render(w int, cat *kit.Catalog, st kit.Styles) string {
	var b strings.Builder
	if c.title != "" {
		for _, l := range strings.Split(kit.WrapWords("## "+kit.Clean(c.title), w), "\n") {
			b.WriteString("\n" + st.Title.Render(l))
		}
		b.WriteString("\n")
	}
	if c.empty != "" {
		b.WriteString(st.Muted.Render(c.empty) + "\n")
	} else if strings.TrimSpace(c.body) != "" {
		b.WriteString(kit.RenderMarkdown(c.body, w, cat) + "\n")
	}
	return b.String()
}

// chunkSize is about how many bytes of markdown one chunk holds.
const chunkSize = 4000

// sectionChunks splits the sections into chunks at blank lines before a
// heading, or at any blank line once a chunk is long, never inside a code
// fence.
func sectionChunks(sections []model.HandoverSection, empty string) []sectionChunk {
	var out []sectionChunk
	for _, sec := range sections {
		if strings.TrimSpace(sec.Body) == "" {
			out = append(out, sectionChunk{id: sec.ID, title: sec.Title, empty: empty})
			continue
		}
		lines := strings.Split(sec.Body, "\n")
		id, title := sec.ID, sec.Title
		start, size, fenced := 0, 0, false
		for i, l := range lines {
			t := strings.TrimSpace(l)
			if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
				fenced = !fenced
			}
			size += len(l) + 1
			if fenced || t != "" || i+1 >= len(lines) {
				continue
			}
			next := lines[i+1]
			if (strings.HasPrefix(next, "#") && size > chunkSize/4) || (size > chunkSize && !strings.HasPrefix(next, " ") && !strings.HasPrefix(next, "\t")) {
				out = append(out, sectionChunk{id: id, title: title, body: strings.Join(lines[start:i], "\n")})
				id, title, start, size = "", "", i+1, 0
			}
		}
		out = append(out, sectionChunk{id: id, title: title, body: strings.Join(lines[start:], "\n")})
	}
	return out
}
