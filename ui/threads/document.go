package threads

import (
	"context"
	"strings"

	"hiroba/model"
	"hiroba/ui/kit"
)

// maxRepliesShown bounds what one render of a thread reads; the rest is
// counted.
const maxRepliesShown = 300

// threadData is what a thread's document shows: the thread and its first
// replies.
type threadData struct {
	thread  model.Thread
	replies []model.Reply
}

// load reads a thread and its replies; it runs in a command.
func (s *Screen) load(ctx context.Context, t model.Thread) (threadData, error) {
	th, err := s.c.Store.ThreadByID(ctx, t.ID)
	if err != nil {
		return threadData{}, err
	}
	replies, err := s.c.Store.Replies(ctx, t.ID, 0, maxRepliesShown)
	return threadData{thread: *th, replies: replies}, err
}

// post is one post of the thread shown, as the actions on it need it.
type post struct {
	id                         string
	reply, mine, deleted, anon bool
	unread, accepted           bool
	authorName, body           string
	authorID                   string // "" when anonymous to the viewer
}

// post finds the thread or one of its replies by id.
func (d threadData) post(id string) (post, bool) {
	t := d.thread
	if id == t.ID {
		return post{id: t.ID, mine: t.Mine, deleted: t.Deleted, anon: t.Anonymous, authorName: t.AuthorName, authorID: t.AuthorID, body: t.Body}, true
	}
	for _, r := range d.replies {
		if r.ID == id {
			return post{id: r.ID, reply: true, mine: r.Mine, deleted: r.Deleted, anon: r.Anonymous, unread: r.Unread,
				accepted: r.ID == t.ResolvedReplyID, authorName: r.AuthorName, authorID: r.AuthorID, body: r.Body}, true
		}
	}
	return post{}, false
}

// renderThread draws a thread at w cells: its head, its body, then the
// accepted answer and every reply in order. The anchors are where each
// post begins, the thread first.
func renderThread(d threadData, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	th := d.thread
	var b strings.Builder
	lineNo := 0
	line := func(x string) {
		b.WriteString(kit.Clip(x, w) + "\n")
		lineNo++
	}
	block := func(text string) {
		b.WriteString(text + "\n")
		lineNo += strings.Count(text, "\n") + 1
	}
	anchors := []kit.Anchor{{ID: th.ID, Line: 0}}
	head := st.Badge.Render(cat.Kind(th.Kind)) + "  " + statusBadge(th, cat, st) + "  "
	community, tag := kit.Clean(th.CommunityName), ""
	if th.Following {
		// The community gives way to フォロー中, which is whole or not
		// at all: a pane too narrow for both kept only its ellipsis. The
		// line is the thread's anchor, marked "> " when selected (two
		// cells more, markSelected): it leaves room for them.
		following := "  " + st.Key.Render(cat.T("thread.following"))
		if room := w - 2 - kit.Width(head) - kit.Width(following); room >= 6 {
			community, tag = kit.Clip(community, room), following
		}
	}
	line(head + st.Muted.Render(community) + tag)
	for _, l := range strings.Split(kit.WrapWords(kit.Clean(th.Title), w), "\n") {
		line(st.Heading.Render(l))
	}
	meta := kit.AuthorName(cat, th.AuthorName, th.Anonymous, th.Mine) + "  " + cat.DateYMD(th.CreatedAt) + "  " + cat.T("thread.helpful", th.HelpfulCount)
	if th.MarkedHelpful {
		meta += " " + cat.T("thread.helpful.mine")
	}
	if th.Edited {
		meta += "  " + cat.T("thread.edited")
	}
	wrapped := func(text string, style func(...string) string) {
		for _, l := range strings.Split(kit.WrapWords(text, w), "\n") {
			line(style(l))
		}
	}
	wrapped(meta, st.Muted.Render)
	if len(th.Tags) > 0 {
		wrapped("#"+kit.Clean(strings.Join(th.Tags, " #")), st.Muted.Render)
	}
	if th.Kind == model.KindCall {
		info := cat.T("support."+th.SupportType) + "  " + cat.T("thread.slots", th.Slots, th.Applicants)
		if th.Slots > 0 && th.Applicants >= th.Slots {
			info += "  " + cat.T("thread.call.full.short")
		}
		if th.Deadline != nil {
			info += "  " + cat.T("thread.deadline", cat.Date(*th.Deadline))
		}
		if th.Place != "" {
			info += "  " + cat.T("thread.place", kit.Clean(th.Place))
		}
		wrapped(info, st.BadgeWarn.Render)
		if th.Applied {
			line(st.BadgeGood.Render(cat.T("thread.applied")))
		}
	}
	if th.Kind == model.KindIdea {
		info := cat.T("thread.team.size", th.TeamSize)
		if th.OnTeam {
			info += "  " + cat.T("thread.team.mine")
		}
		line(st.BadgeGood.Render(info))
	}
	b.WriteString("\n")
	lineNo++
	if th.Deleted {
		line(st.Muted.Render(cat.T("thread.deleted")))
	} else {
		block(kit.RenderMarkdown(th.Body, w, cat))
	}
	// A reply's lines are drawn with paints: a long thread has hundreds.
	sepPaint, titlePaint, mutedPaint := kit.NewPaint(st.Separator), kit.NewPaint(st.Title), kit.NewPaint(st.Muted)
	keyPaint, goodPaint := kit.NewPaint(st.Key), kit.NewPaint(st.BadgeGood)
	for _, r := range ordered(d.replies, th.ResolvedReplyID) {
		b.WriteString("\n")
		lineNo++
		anchors = append(anchors, kit.Anchor{ID: r.ID, Line: lineNo})
		// Numbers follow the order of writing, the answer shown first.
		sep := "-- " + cat.T("thread.reply.no", number(d.replies, r.ID), th.ReplyCount) + " "
		line(sepPaint.Render(sep + strings.Repeat("-", max(w-kit.Width(sep), 0))))
		h := titlePaint.Render(kit.AuthorName(cat, r.AuthorName, r.Anonymous, r.Mine)) + "  " + mutedPaint.Render(cat.Date(r.CreatedAt)+" "+cat.Clock(r.CreatedAt))
		if r.ID == th.ResolvedReplyID {
			h = goodPaint.Render("["+cat.T("thread.accepted")+"]") + " " + h
		}
		if r.Unread {
			h = keyPaint.Render("* ") + h
		}
		if r.Edited && !r.Deleted {
			h += " " + mutedPaint.Render(cat.T("thread.edited"))
		}
		helpful := mutedPaint.Render(cat.T("thread.helpful", r.HelpfulCount))
		if r.MarkedHelpful {
			helpful += " " + mutedPaint.Render(cat.T("thread.helpful.mine"))
		}
		if kit.Width(h)+2+kit.Width(helpful) <= w {
			line(h + "  " + helpful)
		} else {
			line(h)
			line(helpful)
		}
		if r.Deleted {
			line(mutedPaint.Render(cat.T("thread.deleted")))
		} else {
			block(kit.RenderMarkdown(r.Body, w, cat))
		}
	}
	if rest := th.ReplyCount - len(d.replies); rest > 0 {
		line(st.Muted.Render(cat.T("thread.more.reply", rest)))
	}
	return kit.Document{Text: strings.TrimRight(b.String(), "\n"), Anchors: anchors}
}

// ordered is the replies with the accepted answer first, then every other
// in order of writing.
func ordered(replies []model.Reply, accepted string) []model.Reply {
	for i, r := range replies {
		if r.ID == accepted {
			return append([]model.Reply{r}, append(append([]model.Reply{}, replies[:i]...), replies[i+1:]...)...)
		}
	}
	return replies
}

// number is a reply's place in the order of writing, from 1.
func number(replies []model.Reply, id string) int {
	for i, r := range replies {
		if r.ID == id {
			return i + 1
		}
	}
	return 0
}

// statusBadge is 解決済み or 未解決 for a question; other kinds have no
// status.
func statusBadge(t model.Thread, cat *kit.Catalog, st kit.Styles) string {
	if t.Kind != model.KindQuestion && !t.Resolved() {
		return ""
	}
	if t.Resolved() {
		return st.BadgeGood.Render(cat.T("thread.resolved"))
	}
	return st.BadgeWarn.Render(cat.T("thread.open"))
}
