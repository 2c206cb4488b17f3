package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// threads is the 相談 screen: threads of every community the person can see,
// latest activity first, and the selected thread with its replies.
type threads struct {
	c *Common
	b *browser[model.Thread]
}

func newThreads(c *Common) *threads {
	s := &threads{c: c}
	s.b = &browser[model.Thread]{
		c:          c,
		itemHeight: 2,
		empty:      "thread.empty",
		idOf:       func(t model.Thread) string { return t.ID + "/" + t.LastActivityAt.String() },
		row:        s.row,
		document:   s.document,
	}
	s.b.list = newPagedList(func(ctx context.Context, offset, limit int) ([]model.Thread, int, error) {
		return c.Store.FindThreads(ctx, model.ThreadFilter{Offset: offset, Limit: limit})
	})
	return s
}

func (s *threads) Init() tea.Cmd            { return s.b.list.Reset(s.c.Ctx()) }
func (s *threads) SetSize(w, h int) tea.Cmd { return s.b.SetSize(w, h) }
func (s *threads) Capturing() bool          { return false }
func (s *threads) Dirty() bool              { return false }
func (s *threads) Cursor() *tea.Cursor      { return nil }
func (s *threads) ShortHelp() []key.Binding {
	return []key.Binding{s.c.Keys.Up, s.c.Keys.Open, s.c.Keys.Back}
}
func (s *threads) FullHelp() [][]key.Binding  { return [][]key.Binding{s.b.listHelp()} }
func (s *threads) Update(msg tea.Msg) tea.Cmd { _, cmd := s.b.Update(msg); return cmd }

func (s *threads) View() string {
	count := ""
	if s.b.list.Loaded() {
		count = s.c.Cat.T("count", s.b.list.Len())
	}
	s.b.header = " " + s.c.Styles.Title.Render(s.c.Cat.T("thread.header")) + "  " + s.c.Styles.Muted.Render(count)
	return s.b.View()
}

// status is 解決済み or 未解決 for a question; other kinds have no status.
func (s *threads) status(t model.Thread) string {
	if t.Kind != model.KindQuestion && !t.Resolved() {
		return ""
	}
	if t.Resolved() {
		return s.c.Styles.BadgeGood.Render(s.c.Cat.T("thread.resolved"))
	}
	return s.c.Styles.BadgeWarn.Render(s.c.Cat.T("thread.open"))
}

func (s *threads) row(t model.Thread, w int, selected bool) []string {
	st, cat := s.c.Styles, s.c.Cat
	mark := "  "
	if t.Unread {
		mark = st.Key.Render("* ")
	}
	kind := st.Badge.Render(fit(cat.Kind(t.Kind), 9))
	first := mark + kind + clip(st.Title.Render(clean(t.Title)), w-width(mark)-9)
	meta := strings.TrimLeft(s.status(t)+"  ", " ") + st.Muted.Render(clean(t.CommunityName)+"  "+authorName(cat, t.AuthorName, t.Anonymous)+"  "+cat.T("thread.replies", t.ReplyCount)+"  "+s.c.ago(t.LastActivityAt))
	return styleRow(s.c, []string{first, "    " + meta}, w, selected, s.b.focusDetail)
}

// maxRepliesShown bounds what one render of a thread reads; the rest is
// counted.
const maxRepliesShown = 300

func (s *threads) document(ctx context.Context, t model.Thread, w int) (string, error) {
	st, cat, store := s.c.Styles, s.c.Cat, s.c.Store
	th, err := store.ThreadByID(ctx, t.ID)
	if err != nil {
		return "", err
	}
	replies, err := store.Replies(ctx, t.ID, 0, maxRepliesShown)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	line := func(x string) { b.WriteString(clip(x, w) + "\n") }
	line(st.Badge.Render(cat.Kind(th.Kind)) + "  " + s.status(*th) + "  " + st.Muted.Render(clean(th.CommunityName)))
	for _, l := range strings.Split(wrapWords(clean(th.Title), w), "\n") {
		line(st.Heading.Render(l))
	}
	line(st.Muted.Render(s.author(th.AuthorName, th.Anonymous, th.Mine) + "  " + s.c.dateYMD(th.CreatedAt) + "  " + cat.T("thread.helpful", th.HelpfulCount)))
	if len(th.Tags) > 0 {
		line(st.Muted.Render("#" + clean(strings.Join(th.Tags, " #"))))
	}
	if th.Kind == model.KindCall && th.Slots > 0 {
		info := cat.T("thread.slots", th.Slots, th.Applicants)
		if th.Deadline != nil {
			info += "  " + cat.T("thread.deadline", s.c.date(*th.Deadline))
		}
		if th.Place != "" {
			info += "  " + cat.T("thread.place", clean(th.Place))
		}
		line(st.BadgeWarn.Render(info))
	}
	b.WriteString("\n")
	if th.Deleted {
		line(st.Muted.Render(cat.T("thread.deleted")))
	} else {
		b.WriteString(markdown.Render(th.Body, w) + "\n")
	}
	// The accepted answer comes first, then every reply in order.
	ordered := replies
	for i, r := range replies {
		if r.ID == th.ResolvedReplyID {
			ordered = append([]model.Reply{r}, append(append([]model.Reply{}, replies[:i]...), replies[i+1:]...)...)
			break
		}
	}
	for _, r := range ordered {
		b.WriteString("\n")
		head := st.Title.Render(s.author(r.AuthorName, r.Anonymous, r.Mine)) + "  " + st.Muted.Render(s.c.dateYMD(r.CreatedAt)+" "+s.c.clock(r.CreatedAt)+"  "+cat.T("thread.helpful", r.HelpfulCount))
		if r.ID == th.ResolvedReplyID {
			head = st.BadgeGood.Render("["+cat.T("thread.accepted")+"]") + " " + head
		}
		line(st.Separator.Render(strings.Repeat("-", w)))
		line(head)
		if r.Deleted {
			line(st.Muted.Render(cat.T("thread.deleted")))
		} else {
			b.WriteString(markdown.Render(r.Body, w) + "\n")
		}
	}
	if rest := th.ReplyCount - len(replies); rest > 0 {
		line(st.Muted.Render(cat.T("thread.more.reply", rest)))
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

func (s *threads) author(name string, anonymous, mine bool) string {
	n := authorName(s.c.Cat, name, anonymous)
	if anonymous && mine {
		n = s.c.Cat.T("thread.anonymous") + " " + s.c.Cat.T("thread.mine")
	}
	return n
}
