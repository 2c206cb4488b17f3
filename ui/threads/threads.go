package threads

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// Screen is the 相談 screen: threads of every community the person can
// see, latest activity first, and the selected thread with its replies.
// The document reads like a pager: the post marked in it is the one that
// reply, edit, delete, 参考になった and 回答にする act on.
type Screen struct {
	c      *kit.Common
	b      *kit.Browser[model.Thread, threadData]
	filter model.ThreadFilter
	view   int // threadViews: all, mine, unread, followed
	query  kit.LineInput
	typing bool

	form   *threadForm
	picker *kit.Picker
	people *peopleList
	unread int
	rows   kit.RowCache[rowKey]

	opened string // the thread opened with enter or an OpenMsg
	newIn  string // the community a new thread is asked for in (kit.NewInMsg)
	sel    string // the post the keys act on, marked in the pane
	anchor string // a post to scroll to once rendered
	width  int
	height int
}

// peopleList shows applicants or an idea's team over the screen.
type peopleList struct {
	title string
	lines []string
}

var threadViews = []string{"all", "mine", "unread", "followed"}

// New returns the 相談 screen.
func New(c *kit.Common) *Screen {
	s := &Screen{c: c}
	s.query.Limit = 100
	render := func(d threadData, w int) kit.Document { return renderThread(d, w, c.Cat, c.Styles) }
	s.b = kit.NewBrowser(c, kit.NewPagedList(s.loader()), render, 2, "thread.empty")
	s.b.IDOf = func(t model.Thread) string { return t.ID + "/" + t.LastActivityAt.String() }
	s.b.Row, s.b.Load = s.row, s.load
	s.b.CountKey = "count.threads"
	s.b.EmptyText = func() string {
		if s.view != 0 || s.filter.Kind != "" || s.filter.Status != "" || s.filter.CommunityID != "" || s.query.Value() != "" {
			return c.Cat.T("thread.empty.filtered")
		}
		return c.Cat.T("thread.empty")
	}
	return s
}

// loader returns a page loader for the filter as it is now; loads run in
// other goroutines, so they must not read s.filter later.
func (s *Screen) loader() kit.PageLoader[model.Thread] {
	f, store := s.currentFilter(), s.c.Store
	return func(ctx context.Context, offset, limit int) ([]model.Thread, int, error) {
		f.Offset, f.Limit = offset, limit
		return store.FindThreads(ctx, f)
	}
}

// currentFilter is the filter with the view (mine, unread, followed).
func (s *Screen) currentFilter() model.ThreadFilter {
	f := s.filter
	switch threadViews[s.view] {
	case "mine":
		f.Mine = true
	case "unread":
		f.Unread = true
	case "followed":
		f.Followed = true
	}
	return f
}

type unreadCountMsg struct {
	n   int
	err error
}

func (s *Screen) Init() tea.Cmd {
	return tea.Batch(s.b.Start(), s.countUnread())
}

func (s *Screen) countUnread() tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		n, err := store.UnreadCount(ctx)
		return unreadCountMsg{n: n, err: err}
	}
}

// Prefetch counts the unread threads for the tab before the screen shows.
func (s *Screen) Prefetch() tea.Cmd { return s.countUnread() }

// Badge is the number of unread threads, shown on the tab; past the cap
// of the count it reads 999+.
func (s *Screen) Badge() string {
	switch {
	case s.unread <= 0:
		return ""
	case s.unread > model.MaxUnreadCount:
		return strconv.Itoa(model.MaxUnreadCount) + "+"
	}
	return strconv.Itoa(s.unread)
}

func (s *Screen) SetSize(w, h int) tea.Cmd {
	s.width, s.height = w, h
	if s.form != nil {
		s.form.SetSize(w, h)
	}
	return s.b.SetSize(w, h)
}

func (s *Screen) Capturing() bool {
	return s.typing || s.form != nil || s.picker != nil || s.people != nil
}

func (s *Screen) Dirty() bool { return s.form != nil && s.form.Dirty() }

// Flush saves the form's draft at once, before the program quits.
func (s *Screen) Flush() tea.Cmd {
	if s.form == nil || !s.form.Dirty() {
		return nil
	}
	return s.form.drafts.Flush(s.form.draft())
}

func (s *Screen) Cursor() *tea.Cursor {
	if s.form != nil {
		return s.form.Cursor()
	}
	if s.picker != nil {
		return s.picker.Cursor(s.c, s.width, s.height)
	}
	if s.typing {
		_, col := s.query.View(s.queryWidth())
		return tea.NewCursor(s.queryX()+col, 0)
	}
	return nil
}

func (s *Screen) ShortHelp() []key.Binding {
	k := s.c.Keys
	switch {
	case s.form == nil && s.picker != nil && s.picker.Filtering():
		return k.PickerHelp()
	case s.form == nil && s.typing:
		return k.TypingHelp()
	case s.form != nil || s.typing || s.people != nil || s.picker != nil:
		return nil
	}
	if s.b.FocusDetail {
		return s.postHelp()
	}
	return []key.Binding{k.Up, k.Open, k.New, k.Reply, k.Follow, k.Apply, s.wordsKey(), k.Kind, k.View, k.NextUnread}
}

// postHelp is the open thread's key line: A and d only where they act on
// the marked post for this viewer, by the rules the keys themselves check.
func (s *Screen) postHelp() []key.Binding {
	k := s.c.Keys
	var at post
	d, anchors, ok := s.shown()
	if ok {
		at, ok = d.post(s.selected(anchors).ID)
	}
	// esc second, as on the other tabs' documents: at 80 columns the
	// last keys give way, and the way back is the one a newcomer needs.
	out := []key.Binding{k.NextPost, k.Back}
	if s.c.ReadOnly {
		// Every other key writes, and says the file is read-only.
		return out
	}
	if !ok || !d.thread.Deleted {
		out = append(out, k.Reply) // a deleted thread takes no reply
	}
	if !ok || !at.mine {
		out = append(out, k.Helpful) // one's own post is not marked helpful
	}
	if ok && answerRefusal(d.thread, at) == "" {
		out = append(out, k.Answer)
	}
	out = append(out, k.Follow)
	if ok && at.yours() {
		out = append(out, k.Delete)
	}
	return out
}

// wordsKey is / with this screen's meaning: words in titles and tags.
func (s *Screen) wordsKey() key.Binding {
	return key.NewBinding(key.WithKeys("/"), key.WithHelp("/", s.c.Cat.T("key.filter.words")))
}

func (s *Screen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		s.b.ListHelp(),
		{k.New, s.wordsKey(), k.Kind, k.Status, k.CommunityPick, k.View, k.ClearFilter, k.NextUnread},
		{k.Reply, k.Quote, k.NextPost, k.PrevPost, k.JumpAnswer, k.Answer, k.Helpful, k.Follow},
		{k.Edit, k.Delete, k.Apply, k.People, k.Hide, k.Pin, k.Profile},
	}
}

func (s *Screen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case unreadCountMsg:
		if msg.err == nil {
			s.unread = msg.n
		}
		return nil
	case communityPickMsg:
		s.picker = kit.NewFilterPicker(s.c.Cat.T("thread.filter.community"), msg.options, s.filter.CommunityID)
		return nil
	case newThreadFormMsg:
		if len(msg.options) == 0 {
			return kit.StatusCmd(s.c.Cat.T("form.thread.no.community"), true)
		}
		s.form = newThreadForm(s.c, formNewThread, nil, nil, msg.options, msg.current)
		s.form.keepCommunity = msg.asked
		s.form.SetSize(s.width, s.height)
		return s.form.Init()
	case threadRefreshMsg:
		if s.b.FocusDetail {
			return s.b.Show(*msg.thread)
		}
		return s.b.Refresh()
	case kit.OpenMsg:
		if msg.Kind == kit.OpenThread {
			return s.open(msg.ID, msg.Anchor)
		}
		return nil
	case kit.NewInMsg:
		if msg.Kind != kit.OpenThread || s.form != nil {
			return nil
		}
		s.newIn = msg.CommunityID
		return s.newForm(formNewThread, nil, nil)
	case threadShownMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.opened = msg.thread.ID
		return tea.Batch(s.b.Show(*msg.thread), s.markRead(msg.thread.ID))
	case actionDoneMsg:
		return s.actionDone(msg)
	case applyRouteMsg:
		return s.applyRouted(msg)
	case threadReadMsg:
		return s.threadRead(msg)
	case peopleMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.people = &peopleList{title: msg.title, lines: msg.lines}
		return nil
	case kit.DataChangedMsg:
		_, cmd := s.b.Update(msg)
		return tea.Batch(cmd, s.countUnread())
	case tea.PasteMsg:
		if s.picker != nil {
			s.picker.Update(s.c, msg)
			return nil
		}
	}
	if s.b.Doc.Owns(msg) {
		_, cmd := s.b.Update(msg)
		s.scrollToAnchor()
		return cmd
	}
	if s.form != nil {
		cmd, ok := s.form.Update(msg)
		if s.form.closed {
			cmd = tea.Batch(cmd, s.formClosed())
		}
		if ok {
			return cmd
		}
		if cmd != nil {
			return cmd
		}
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return s.key(k)
	}
	_, cmd := s.b.Update(msg)
	return cmd
}

// formClosed goes back to the thread after the form closes.
func (s *Screen) formClosed() tea.Cmd {
	f := s.form
	s.form = nil
	if f.posted == "" {
		if f.Dirty() {
			return kit.StatusCmd(s.c.Cat.T("composer.draft.kept"), false)
		}
		return nil
	}
	s.anchor = "end"
	if f.mode == formEditThread || f.mode == formEditReply {
		s.anchor = ""
	}
	cmds := []tea.Cmd{kit.StatusCmd(s.c.Cat.T("form.thread.posted"), false), s.countUnread()}
	if f.mode == formNewThread {
		s.anchor = ""
		cmds = append(cmds, s.b.List.Reset(s.c.Ctx()), s.open(f.posted, ""))
	} else {
		cmds = append(cmds, s.b.List.Reload(s.c.Ctx()), s.open(f.posted, s.anchor))
	}
	return tea.Batch(cmds...)
}

type threadShownMsg struct {
	thread *model.Thread
	err    error
}

// open shows a thread, whatever the list holds, and scrolls to anchor (a
// reply id, or "end").
func (s *Screen) open(id, anchor string) tea.Cmd {
	s.anchor = anchor
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		t, err := store.ThreadByID(ctx, id)
		return threadShownMsg{thread: t, err: err}
	}
}

// threadReadMsg says a thread was marked read, and how many unread
// threads are left.
type threadReadMsg struct {
	id     string
	unread int
	err    error
}

// markRead records that the person read the thread and counts the unread
// threads again (the store's rule, and fast: capped). The list changes in
// place, without loading it again: opening a thread must stay fast on a
// large database.
func (s *Screen) markRead(id string) tea.Cmd {
	if s.c.ReadOnly {
		return nil
	}
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		if err := store.MarkRead(ctx, id); err != nil {
			return threadReadMsg{id: id, err: err}
		}
		n, err := store.UnreadCount(ctx)
		return threadReadMsg{id: id, unread: n, err: err}
	}
}

func (s *Screen) threadRead(msg threadReadMsg) tea.Cmd {
	if msg.err != nil {
		return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
	}
	s.unread = msg.unread
	s.b.List.Edit(func(t *model.Thread) {
		if t.ID == msg.id {
			t.Unread = false
		}
	})
	return nil
}

func (s *Screen) View() string {
	if s.form != nil {
		return s.form.View()
	}
	s.b.Header = s.header()
	s.markSelected()
	v := s.b.View()
	switch {
	case s.picker != nil:
		v = kit.Overlay(v, s.picker.View(s.c, s.height), s.width, s.height)
	case s.people != nil:
		lines := append([]string{s.c.Styles.Heading.Render(s.people.title)}, s.people.lines...)
		w := 0
		for _, l := range lines {
			w = max(w, kit.Width(l))
		}
		w = min(w+2, s.width-4)
		for i, l := range lines {
			lines[i] = kit.Fit(l, w)
		}
		if len(lines) > s.height-4 {
			lines = lines[:s.height-4]
		}
		v = kit.Overlay(v, s.c.Styles.Overlay.Render(strings.Join(lines, "\n")), s.width, s.height)
	}
	return v
}

// header is the filter line: what the list shows and how many.
func (s *Screen) header() string {
	st, cat := s.c.Styles, s.c.Cat
	parts := []string{" " + st.Title.Render(cat.T("thread.header"))}
	if v := threadViews[s.view]; v != "all" {
		parts = append(parts, st.Key.Render(cat.T("thread.view."+v)))
	}
	if s.filter.Kind != "" {
		parts = append(parts, st.Key.Render(cat.Kind(s.filter.Kind)))
	}
	if s.filter.Status != "" {
		parts = append(parts, st.Key.Render(cat.T("thread."+s.filter.Status)))
	}
	if s.filter.CommunityID != "" {
		parts = append(parts, st.Key.Render(cat.T("thread.filter.community")))
	}
	if s.b.List.Loaded() {
		parts = append(parts, st.Muted.Render(s.b.Count()))
	}
	line := strings.Join(parts, "  ")
	if s.typing || s.query.Value() != "" {
		q, _ := s.query.View(s.queryWidth())
		line = kit.Fit(line, s.queryX()-2) + st.Key.Render("/ ") + q
	}
	return line
}

// queryX is where the words field begins on the filter line.
func (s *Screen) queryX() int { return s.width - s.queryWidth() }

func (s *Screen) queryWidth() int { return max(s.width/3, 20) }

// rowKey is everything a thread's row shows (kit.RowCache): a server
// draws every session's list again for each message the session takes.
type rowKey struct {
	unread, pinned, resolved, anonymous, mine bool
	kind                                      model.ThreadKind
	title, community, author, ago             string
	replies, w                                int
	selected, dim                             bool
}

func (s *Screen) row(t model.Thread, w int, selected bool) []string {
	k := rowKey{unread: t.Unread, pinned: t.Pinned, resolved: t.Resolved(), anonymous: t.Anonymous, mine: t.Mine,
		kind: t.Kind, title: t.Title, community: t.CommunityName, author: t.AuthorName, ago: s.c.Cat.Ago(t.LastActivityAt),
		replies: t.ReplyCount, w: w, selected: selected, dim: s.b.FocusDetail}
	return s.rows.Lines(s.c.Styles, k, func() []string { return s.drawRow(t, w, selected) })
}

func (s *Screen) drawRow(t model.Thread, w int, selected bool) []string {
	st, cat := s.c.Styles, s.c.Cat
	mark := "  "
	if t.Unread {
		mark = st.Key.Render("* ")
	}
	if t.Pinned {
		mark = st.Key.Render("! ")
	}
	kw := cat.KindWidth()
	kind := st.Badge.Render(kit.Fit(cat.Kind(t.Kind), kw))
	first := mark + kind + kit.Clip(st.Title.Render(kit.Clean(t.Title)), w-kit.Width(mark)-kw)
	lead := "    " + strings.TrimLeft(statusBadge(t, cat, st)+"  ", " ")
	meta := kit.AuthorMetaLine(st, w, lead, []string{st.Muted.Render(kit.Clean(t.CommunityName))}, st.Muted.Render(kit.AuthorName(cat, t.AuthorName, t.Anonymous, t.Mine)),
		[]string{cat.T("thread.replies", t.ReplyCount), cat.Ago(t.LastActivityAt)})
	return kit.StyleRow(s.c.Styles, []string{first, meta}, w, selected, s.b.FocusDetail)
}
