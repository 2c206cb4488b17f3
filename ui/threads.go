package ui

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
)

// threads is the 相談 screen: threads of every community the person can see,
// latest activity first, and the selected thread with its replies. The
// detail pane reads like a pager: the post at its top is the one that
// reply, edit, delete, 参考になった and 回答にする act on.
type threads struct {
	c      *Common
	b      *browser[model.Thread]
	filter model.ThreadFilter
	view   int // threadViews: all, mine, unread, followed
	query  lineInput
	typing bool

	form    *threadForm
	picker  *picker
	confirm *confirmation
	people  *peopleList
	unread  int

	mu           sync.Mutex
	posts        map[string][]postAnchor // by detail id: where each post begins
	shownThreads map[string]model.Thread // by detail id: the thread rendered
	opened       string                  // the thread opened with enter or openMsg
	sel          string                  // the post the keys act on, marked in the pane
	anchor       string                  // a post to scroll to once rendered
	width        int
	height       int
	pending      []tea.Cmd
}

// postAnchor is one post of a rendered thread: where it begins and what
// the actions on it need to know.
type postAnchor struct {
	line     int
	id       string
	reply    bool
	mine     bool
	deleted  bool
	unread   bool
	accepted bool
	author   string
	body     string
	anon     bool
}

// confirmation asks a yes/no question on the status line.
type confirmation struct {
	text string
	yes  func() tea.Cmd
}

// peopleList shows applicants or an idea's team over the screen.
type peopleList struct {
	title string
	lines []string
}

var threadViews = []string{"all", "mine", "unread", "followed"}

func newThreads(c *Common) *threads {
	s := &threads{c: c, posts: map[string][]postAnchor{}, shownThreads: map[string]model.Thread{}}
	s.query.limit = 100
	s.b = &browser[model.Thread]{
		c:          c,
		itemHeight: 2,
		empty:      "thread.empty",
		idOf:       func(t model.Thread) string { return t.ID + "/" + t.LastActivityAt.String() },
		row:        s.row,
		document:   s.document,
	}
	s.b.list = newPagedList(func(ctx context.Context, offset, limit int) ([]model.Thread, int, error) {
		f := s.currentFilter()
		f.Offset, f.Limit = offset, limit
		return c.Store.FindThreads(ctx, f)
	})
	return s
}

// currentFilter is the filter with the view (mine, unread, followed).
func (s *threads) currentFilter() model.ThreadFilter {
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

func (s *threads) Init() tea.Cmd {
	return tea.Batch(s.b.list.Reset(s.c.Ctx()), s.countUnread())
}

func (s *threads) countUnread() tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		n, err := store.UnreadCount(ctx)
		return unreadCountMsg{n: n, err: err}
	}
}

// Prefetch counts the unread threads for the tab before the screen shows.
func (s *threads) Prefetch() tea.Cmd { return s.countUnread() }

// Badge is the number of unread threads, shown on the tab; past the cap
// of the count it reads 999+.
func (s *threads) Badge() string {
	switch {
	case s.unread <= 0:
		return ""
	case s.unread > model.MaxUnreadCount:
		return strconv.Itoa(model.MaxUnreadCount) + "+"
	}
	return strconv.Itoa(s.unread)
}

func (s *threads) SetSize(w, h int) tea.Cmd {
	s.width, s.height = w, h
	if s.form != nil {
		s.form.SetSize(w, h)
	}
	return s.b.SetSize(w, h)
}

func (s *threads) Capturing() bool {
	return s.typing || s.form != nil || s.picker != nil || s.confirm != nil || s.people != nil
}

func (s *threads) Dirty() bool { return s.form != nil && s.form.Dirty() }

// Flush saves the form's draft at once, before the program quits.
func (s *threads) Flush() tea.Cmd {
	if s.form == nil || !s.form.Dirty() {
		return nil
	}
	return s.form.drafts.Now(s.form.draft())
}

func (s *threads) Cursor() *tea.Cursor {
	if s.form != nil {
		return s.form.Cursor()
	}
	if s.typing {
		_, col := s.query.View(s.queryWidth())
		return tea.NewCursor(s.queryX()+col, 0)
	}
	return nil
}

func (s *threads) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.form != nil || s.typing || s.confirm != nil || s.people != nil || s.picker != nil {
		return nil
	}
	if s.b.focusDetail {
		return []key.Binding{k.Reply, k.NextPost, k.Helpful, k.Answer, k.Back}
	}
	return []key.Binding{k.Up, k.Open, k.New, s.wordsKey(), k.Kind, k.View, k.NextUnread}
}

// wordsKey is / with this screen's meaning: words in titles and tags.
func (s *threads) wordsKey() key.Binding {
	return key.NewBinding(key.WithKeys("/"), key.WithHelp("/", s.c.Cat.T("key.filter.words")))
}

func (s *threads) FullHelp() [][]key.Binding {
	k := s.c.Keys
	// Moving in the list is on the key line and the same on every screen;
	// leaving it out lets all of this screen's keys fit at 80x24.
	return [][]key.Binding{
		{k.New, s.wordsKey(), k.Kind, k.Status, k.CommunityPick, k.View, k.ClearFilter, k.NextUnread},
		{k.Reply, k.Quote, k.NextPost, k.PrevPost, k.JumpAnswer, k.Answer, k.Helpful, k.Follow},
		{k.Edit, k.Delete, k.Apply, k.Team, k.People, k.Hide, k.Pin},
	}
}

func (s *threads) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case unreadCountMsg:
		if msg.err == nil {
			s.unread = msg.n
		}
		return nil
	case communityPickMsg:
		s.picker = newPicker(s.c.Cat.T("thread.filter.community"), msg.options, s.filter.CommunityID)
		return nil
	case newThreadFormMsg:
		if len(msg.options) == 0 {
			return statusCmd(s.c.Cat.T("form.thread.no.community"), true)
		}
		s.form = newThreadForm(s.c, formNewThread, nil, nil, msg.options, msg.current)
		s.form.SetSize(s.width, s.height)
		return s.form.Init()
	case threadRefreshMsg:
		if s.b.focusDetail {
			return s.b.Show(*msg.thread)
		}
		return s.b.Refresh()
	case openMsg:
		if msg.Kind == openThread {
			return s.open(msg.ID, msg.Anchor)
		}
		return nil
	case threadShownMsg:
		if msg.err != nil {
			return statusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.opened = msg.thread.ID
		return tea.Batch(s.b.Show(*msg.thread), s.markRead(msg.thread.ID))
	case actionDoneMsg:
		return s.actionDone(msg)
	case threadReadMsg:
		return s.threadRead(msg)
	case peopleMsg:
		if msg.err != nil {
			return statusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.people = &peopleList{title: msg.title, lines: msg.lines}
		return nil
	case dataChangedMsg:
		_, cmd := s.b.Update(msg)
		return tea.Batch(cmd, s.countUnread())
	case detailRenderedMsg:
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
func (s *threads) formClosed() tea.Cmd {
	f := s.form
	s.form = nil
	if f.posted == "" {
		if f.Dirty() {
			return statusCmd(s.c.Cat.T("composer.draft.kept"), false)
		}
		return nil
	}
	s.anchor = "end"
	if f.mode == formEditThread || f.mode == formEditReply {
		s.anchor = ""
	}
	cmds := []tea.Cmd{statusCmd(s.c.Cat.T("form.thread.posted"), false), s.countUnread()}
	if f.mode == formNewThread {
		s.anchor = ""
		cmds = append(cmds, s.b.list.Reset(s.c.Ctx()), s.open(f.posted, ""))
	} else {
		cmds = append(cmds, s.b.list.Reload(s.c.Ctx()), s.open(f.posted, s.anchor))
	}
	return tea.Batch(cmds...)
}

type threadShownMsg struct {
	thread *model.Thread
	err    error
}

// open shows a thread, whatever the list holds, and scrolls to anchor (a
// reply id, or "end").
func (s *threads) open(id, anchor string) tea.Cmd {
	s.anchor = anchor
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		t, err := store.ThreadByID(ctx, id)
		return threadShownMsg{thread: t, err: err}
	}
}

// threadReadMsg says a thread was marked read.
type threadReadMsg struct {
	id  string
	err error
}

// markRead records that the person read the thread. The list and the
// unread count change in place, without loading them again: opening a
// thread must stay fast on a large database.
func (s *threads) markRead(id string) tea.Cmd {
	if s.c.ReadOnly {
		return nil
	}
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		return threadReadMsg{id: id, err: store.MarkRead(ctx, id)}
	}
}

func (s *threads) threadRead(msg threadReadMsg) tea.Cmd {
	if msg.err != nil {
		return statusCmd(s.c.Cat.Err(msg.err), true)
	}
	s.b.list.Edit(func(t *model.Thread) {
		if t.ID == msg.id && t.Unread {
			t.Unread = false
			s.unread = max(s.unread-1, 0)
		}
	})
	return nil
}

func (s *threads) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.Keys
	if s.people != nil {
		s.people = nil
		return nil
	}
	if s.confirm != nil {
		c := s.confirm
		s.confirm = nil
		if msg.String() == "y" {
			return c.yes()
		}
		return nil
	}
	if s.picker != nil {
		done, ok := s.picker.Update(s.c, msg)
		if !done {
			return nil
		}
		if ok {
			s.filter.CommunityID = s.picker.Selected().value
		}
		s.picker = nil
		return s.refilter()
	}
	if s.typing {
		switch msg.String() {
		case "enter", "esc":
			s.typing = false
			return nil
		}
		if s.query.Update(msg) {
			s.filter.Query = s.query.Value()
			return s.refilter()
		}
		return nil
	}
	if s.b.focusDetail {
		if cmd, ok := s.detailKey(msg); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.Filter):
		s.typing = true
		return nil
	case key.Matches(msg, k.Kind):
		s.filter.Kind = nextKind(s.filter.Kind)
		return s.refilter()
	case key.Matches(msg, k.Status):
		s.filter.Status = map[string]string{"": "open", "open": "resolved", "resolved": ""}[s.filter.Status]
		return s.refilter()
	case key.Matches(msg, k.View):
		s.view = (s.view + 1) % len(threadViews)
		return s.refilter()
	case key.Matches(msg, k.CommunityPick):
		return s.pickCommunity()
	case key.Matches(msg, k.ClearFilter):
		s.filter, s.view = model.ThreadFilter{}, 0
		s.query.SetValue("")
		return s.refilter()
	case key.Matches(msg, k.New):
		return s.newForm(formNewThread, nil, nil)
	case key.Matches(msg, k.NextUnread) && !s.b.focusDetail:
		return s.nextUnread()
	case key.Matches(msg, k.Open) && !s.b.focusDetail:
		if t, ok := s.b.list.Selected(); ok {
			s.b.focusDetail = true
			s.opened = t.ID
			return s.markRead(t.ID)
		}
		return nil
	}
	_, cmd := s.b.Update(msg)
	if s.b.focusDetail {
		s.followScroll()
	}
	return cmd
}

func nextKind(k model.ThreadKind) model.ThreadKind {
	if k == "" {
		return model.ThreadKinds[0]
	}
	for i, v := range model.ThreadKinds {
		if v == k && i+1 < len(model.ThreadKinds) {
			return model.ThreadKinds[i+1]
		}
	}
	return ""
}

func (s *threads) refilter() tea.Cmd {
	s.b.focusDetail = false
	return s.b.list.Reset(s.c.Ctx())
}

// nextUnread moves the cursor to the next unread thread on the loaded
// pages, or switches to the unread view when there is none.
func (s *threads) nextUnread() tea.Cmd {
	l := s.b.list
	for i := l.cursor + 1; i < l.Len(); i++ {
		t, ok := l.At(i)
		if !ok {
			break
		}
		if t.Unread {
			return tea.Batch(l.MoveTo(s.c.Ctx(), i), s.b.selectionChanged())
		}
	}
	if threadViews[s.view] != "unread" && s.unread > 0 {
		s.view = 2
		return tea.Batch(s.refilter(), statusCmd(s.c.Cat.T("thread.unread.view"), false))
	}
	return statusCmd(s.c.Cat.T("thread.unread.none"), false)
}

func (s *threads) pickCommunity() tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	all := s.c.Cat.T("thread.filter.all.communities")
	return func() tea.Msg {
		list, _, err := store.FindCommunities(ctx, model.CommunityFilter{})
		if err != nil {
			return statusMsg{text: err.Error(), err: true}
		}
		opts := []option{{value: "", label: all}}
		for _, c := range list {
			opts = append(opts, option{value: c.ID, label: c.Name})
		}
		return communityPickMsg{options: opts}
	}
}

type communityPickMsg struct{ options []option }

// newForm opens the thread form; for a new thread it first loads where the
// person may post.
func (s *threads) newForm(mode int, t *model.Thread, r *model.Reply) tea.Cmd {
	if s.c.ReadOnly {
		return statusCmd(s.c.Cat.T("readonly.cannot"), true)
	}
	if mode != formNewThread {
		s.form = newThreadForm(s.c, mode, t, r, nil, "")
		s.form.SetSize(s.width, s.height)
		return s.form.Init()
	}
	store, ctx := s.c.Store, s.c.Ctx()
	current := s.filter.CommunityID
	if sel, ok := s.b.list.Selected(); ok && current == "" {
		current = sel.CommunityID
	}
	return func() tea.Msg {
		list, _, err := store.FindCommunities(ctx, model.CommunityFilter{})
		if err != nil {
			return statusMsg{text: err.Error(), err: true}
		}
		var opts []option
		for _, c := range list {
			if c.Visibility == model.VisibilityMembers && c.ViewerRole == "" {
				continue
			}
			opts = append(opts, option{value: c.ID, label: c.Name})
		}
		return newThreadFormMsg{options: opts, current: current}
	}
}

type newThreadFormMsg struct {
	options []option
	current string
}

// actionDoneMsg reports a write made from the thread view.
type actionDoneMsg struct {
	err  error
	text string // what to say when it worked
}

func (s *threads) actionDone(msg actionDoneMsg) tea.Cmd {
	if msg.err != nil {
		return statusCmd(s.c.Cat.Err(msg.err), true)
	}
	cmds := []tea.Cmd{s.b.list.Reload(s.c.Ctx()), statusCmd(msg.text, false)}
	if s.opened != "" {
		cmds = append(cmds, s.reopen())
	}
	return tea.Batch(cmds...)
}

// reopen renders the opened thread again, keeping the scroll position.
func (s *threads) reopen() tea.Cmd {
	id := s.opened
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		t, err := store.ThreadByID(ctx, id)
		if err != nil {
			return statusMsg{text: err.Error(), err: true}
		}
		return threadRefreshMsg{thread: t}
	}
}

type threadRefreshMsg struct{ thread *model.Thread }

// detailKey handles the keys of an open thread. ok is false for keys that
// the list handles (moving, going back).
func (s *threads) detailKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := s.c.Keys
	t, anchors, ok := s.shown()
	if !ok {
		return nil, false
	}
	top := s.selected(anchors)
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	do := func(text string, f func() error) tea.Cmd {
		return func() tea.Msg { return actionDoneMsg{err: f(), text: text} }
	}
	write := func(cmd tea.Cmd) (tea.Cmd, bool) {
		if s.c.ReadOnly {
			return statusCmd(cat.T("readonly.cannot"), true), true
		}
		return cmd, true
	}
	switch {
	case key.Matches(msg, k.NextPost):
		s.scrollToPost(anchors, +1)
		return nil, true
	case key.Matches(msg, k.PrevPost):
		s.scrollToPost(anchors, -1)
		return nil, true
	case key.Matches(msg, k.JumpAnswer):
		for _, a := range anchors {
			if a.accepted {
				s.selectPost(a)
				return nil, true
			}
		}
		return statusCmd(cat.T("thread.no.answer"), false), true
	case key.Matches(msg, k.NextUnread):
		for _, a := range anchors {
			if a.unread && a.line > top.line {
				s.selectPost(a)
				return nil, true
			}
		}
		return s.nextUnread(), true
	case key.Matches(msg, k.Reply), key.Matches(msg, k.Quote):
		if t.Deleted {
			return statusCmd(cat.T("thread.deleted.noreply"), true), true
		}
		cmd, _ := write(s.newForm(formReply, &t, nil))
		if key.Matches(msg, k.Quote) && s.form != nil && !top.deleted {
			s.form.quote(top.author, top.body, map[bool]string{true: top.id}[top.reply])
		}
		return cmd, true
	case key.Matches(msg, k.Edit):
		if !top.mine || top.deleted {
			return statusCmd(cat.T("thread.edit.own"), true), true
		}
		if top.reply {
			return write(s.newForm(formEditReply, &t, &model.Reply{ID: top.id, ThreadID: t.ID, Body: top.body, Anonymous: top.anon}))
		}
		full := t
		full.Body = top.body
		return write(s.newForm(formEditThread, &full, nil))
	case key.Matches(msg, k.Delete):
		if !top.mine || top.deleted {
			return statusCmd(cat.T("thread.edit.own"), true), true
		}
		s.confirm = &confirmation{text: cat.T("thread.delete.confirm"), yes: func() tea.Cmd {
			if top.reply {
				return do(cat.T("thread.deleted.done"), func() error { return store.DeleteReply(ctx, top.id) })
			}
			return do(cat.T("thread.deleted.done"), func() error { return store.DeleteThread(ctx, top.id) })
		}}
		return nil, true
	case key.Matches(msg, k.Helpful):
		return write(func() tea.Msg {
			on, err := store.ToggleHelpful(ctx, top.id)
			text := cat.T("thread.helpful.on")
			if !on {
				text = cat.T("thread.helpful.off")
			}
			return actionDoneMsg{err: err, text: text}
		})
	case key.Matches(msg, k.Answer):
		if !top.reply || top.deleted {
			return statusCmd(cat.T("thread.answer.which"), true), true
		}
		if !t.Mine && !t.CanModerate {
			return statusCmd(cat.T("thread.answer.who"), true), true
		}
		id := top.id
		text := cat.T("thread.answer.done")
		if top.accepted {
			id, text = "", cat.T("thread.answer.undone")
		}
		return write(do(text, func() error { return store.Resolve(ctx, t.ID, id) }))
	case key.Matches(msg, k.Follow):
		on := !t.Following
		text := cat.T("thread.follow.on")
		if !on {
			text = cat.T("thread.follow.off")
		}
		return write(do(text, func() error { return store.Follow(ctx, t.ID, on) }))
	case key.Matches(msg, k.Apply):
		if t.Kind != model.KindCall {
			return statusCmd(cat.T("thread.apply.only.call"), true), true
		}
		if t.Applied {
			s.confirm = &confirmation{text: cat.T("thread.withdraw.confirm"), yes: func() tea.Cmd {
				return do(cat.T("thread.withdraw.done"), func() error { return store.Withdraw(ctx, t.ID) })
			}}
			return nil, true
		}
		if t.Slots > 0 && t.Applicants >= t.Slots {
			return statusCmd(cat.T("thread.call.full"), true), true
		}
		s.confirm = &confirmation{text: cat.T("thread.apply.confirm"), yes: func() tea.Cmd {
			return do(cat.T("thread.apply.done"), func() error { return store.Apply(ctx, t.ID, true, "") })
		}}
		return nil, true
	case key.Matches(msg, k.Team):
		if t.Kind != model.KindIdea {
			return statusCmd(cat.T("thread.team.only.idea"), true), true
		}
		on := !t.OnTeam
		text := cat.T("thread.team.on")
		if !on {
			text = cat.T("thread.team.off")
		}
		return write(do(text, func() error { return store.JoinTeam(ctx, t.ID, on) }))
	case key.Matches(msg, k.People):
		return s.showPeople(t), true
	case key.Matches(msg, k.Hide):
		if !t.CanModerate {
			return statusCmd(cat.T("thread.moderate.who"), true), true
		}
		s.confirm = &confirmation{text: cat.T("thread.hide.confirm"), yes: func() tea.Cmd {
			return do(cat.T("thread.hide.done"), func() error { return store.SetHidden(ctx, top.id, true) })
		}}
		return nil, true
	case key.Matches(msg, k.Pin):
		if !t.CanModerate {
			return statusCmd(cat.T("thread.moderate.who"), true), true
		}
		text := cat.T("thread.pin.on")
		if t.Pinned {
			text = cat.T("thread.pin.off")
		}
		return write(do(text, func() error { return store.SetPinned(ctx, t.ID, !t.Pinned) }))
	}
	return nil, false
}

type peopleMsg struct {
	title string
	lines []string
	err   error
}

// showPeople lists a call's applicants (for its poster) or an idea's team.
func (s *threads) showPeople(t model.Thread) tea.Cmd {
	store, ctx, cat := s.c.Store, s.c.Ctx(), s.c.Cat
	return func() tea.Msg {
		var list []model.Applicant
		var err error
		title := cat.T("thread.team.title", clean(t.Title))
		switch t.Kind {
		case model.KindCall:
			title = cat.T("thread.applicants.title", clean(t.Title))
			list, err = store.Applicants(ctx, t.ID)
		case model.KindIdea:
			list, err = store.Team(ctx, t.ID)
		default:
			return statusMsg{text: cat.T("thread.people.none"), err: true}
		}
		if err != nil {
			return peopleMsg{err: err}
		}
		lines := []string{}
		for _, a := range list {
			l := clean(a.Name) + "  " + clean(a.Municipality) + " " + clean(a.Department)
			if a.Comment != "" {
				l += "  " + clean(a.Comment)
			}
			lines = append(lines, l)
		}
		if len(lines) == 0 {
			lines = append(lines, cat.T("thread.people.empty"))
		}
		return peopleMsg{title: title, lines: lines}
	}
}

// shown is the thread in the detail pane with its posts.
func (s *threads) shown() (model.Thread, []postAnchor, bool) {
	s.mu.Lock()
	anchors := s.posts[s.b.detail.id]
	s.mu.Unlock()
	t, ok := s.shownThread()
	return t, anchors, ok && len(anchors) > 0
}

// shownThread is the thread whose detail is shown: the opened one, or the
// list's selection.
func (s *threads) shownThread() (model.Thread, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.shownThreads[s.b.detail.id]
	return t, ok
}

// selected is the post the keys act on: the marked one, else the first.
func (s *threads) selected(anchors []postAnchor) postAnchor {
	for _, a := range anchors {
		if a.id == s.sel {
			return a
		}
	}
	return anchors[0]
}

// selectPost marks a post and scrolls so that it shows, at the top when
// it was out of view.
func (s *threads) selectPost(a postAnchor) {
	s.sel = a.id
	d := &s.b.detail
	if a.line < d.offset || a.line >= d.offset+d.height-2 {
		d.offset = a.line
		d.clamp()
	}
	s.markSelected()
}

// markSelected draws the selected post's first line as selected.
func (s *threads) markSelected() {
	s.mu.Lock()
	anchors := s.posts[s.b.detail.id]
	s.mu.Unlock()
	d := &s.b.detail
	d.mark = 0
	if len(anchors) == 0 {
		return
	}
	a := s.selected(anchors)
	s.sel = a.id
	d.mark = a.line + 1
	st, w := s.c.Styles, d.width
	d.markStyle = func(l string) string { return st.Selected.Render(fit(ansi.Strip(l), w)) }
}

// followScroll moves the selection with the scroll: when the selected post
// leaves the pane, the first post in view is selected.
func (s *threads) followScroll() {
	s.mu.Lock()
	anchors := s.posts[s.b.detail.id]
	s.mu.Unlock()
	if len(anchors) == 0 {
		return
	}
	d := &s.b.detail
	a := s.selected(anchors)
	if a.line >= d.offset && a.line < d.offset+d.height {
		return
	}
	pick := anchors[0]
	for _, x := range anchors {
		if x.line <= d.offset {
			pick = x
		} else if pick.line < d.offset && x.line < d.offset+d.height {
			pick = x
			break
		}
	}
	s.sel = pick.id
	s.markSelected()
}

func (s *threads) scrollToPost(anchors []postAnchor, dir int) {
	cur := s.selected(anchors)
	for i, a := range anchors {
		if a.id != cur.id {
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
func (s *threads) scrollToAnchor() {
	s.mu.Lock()
	anchors := s.posts[s.b.detail.id]
	s.mu.Unlock()
	if len(anchors) == 0 {
		return
	}
	if s.anchor != "" {
		for _, a := range anchors {
			if a.id == s.anchor || s.anchor == "end" && a.id == anchors[len(anchors)-1].id {
				s.selectPost(a)
			}
		}
		s.anchor = ""
	}
	s.markSelected()
}

func (s *threads) View() string {
	if s.form != nil {
		return s.form.View()
	}
	s.b.header = s.header()
	v := s.b.View()
	switch {
	case s.picker != nil:
		v = overlay(v, s.picker.View(s.c, s.height), s.width, s.height)
	case s.people != nil:
		lines := append([]string{s.c.Styles.Heading.Render(s.people.title)}, s.people.lines...)
		w := 0
		for _, l := range lines {
			w = max(w, width(l))
		}
		w = min(w+2, s.width-4)
		for i, l := range lines {
			lines[i] = fit(l, w)
		}
		if len(lines) > s.height-4 {
			lines = lines[:s.height-4]
		}
		v = overlay(v, s.c.Styles.Overlay.Render(strings.Join(lines, "\n")), s.width, s.height)
	}
	return v
}

// header is the filter line: what the list shows and how many.
func (s *threads) header() string {
	st, cat := s.c.Styles, s.c.Cat
	if s.confirm != nil {
		return " " + st.Error.Render(s.confirm.text)
	}
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
	if s.b.list.Loaded() {
		parts = append(parts, st.Muted.Render(cat.T("count", s.b.list.Len())))
	}
	line := strings.Join(parts, "  ")
	if s.typing || s.query.Value() != "" {
		q, _ := s.query.View(s.queryWidth())
		line = fit(line, s.queryX()-2) + st.Key.Render("/ ") + q
	}
	return line
}

// queryX is where the words field begins on the filter line.
func (s *threads) queryX() int { return s.width - s.queryWidth() }

func (s *threads) queryWidth() int { return max(s.width/3, 20) }

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
	if t.Pinned {
		mark = st.Key.Render("! ")
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
	lineNo := 0
	line := func(x string) {
		b.WriteString(clip(x, w) + "\n")
		lineNo++
	}
	block := func(text string) {
		b.WriteString(text + "\n")
		lineNo += strings.Count(text, "\n") + 1
	}
	anchors := []postAnchor{{line: 0, id: th.ID, mine: th.Mine, deleted: th.Deleted, author: authorName(cat, th.AuthorName, th.Anonymous), body: th.Body, anon: th.Anonymous}}
	head := st.Badge.Render(cat.Kind(th.Kind)) + "  " + s.status(*th) + "  " + st.Muted.Render(clean(th.CommunityName))
	if th.Following {
		head += "  " + st.Key.Render(cat.T("thread.following"))
	}
	line(head)
	for _, l := range strings.Split(wrapWords(clean(th.Title), w), "\n") {
		line(st.Heading.Render(l))
	}
	meta := s.author(th.AuthorName, th.Anonymous, th.Mine) + "  " + s.c.dateYMD(th.CreatedAt) + "  " + cat.T("thread.helpful", th.HelpfulCount)
	if th.MarkedHelpful {
		meta += " " + cat.T("thread.helpful.mine")
	}
	if th.Edited {
		meta += "  " + cat.T("thread.edited")
	}
	wrapped := func(text string, style func(...string) string) {
		for _, l := range strings.Split(wrapWords(text, w), "\n") {
			line(style(l))
		}
	}
	wrapped(meta, st.Muted.Render)
	if len(th.Tags) > 0 {
		wrapped("#"+clean(strings.Join(th.Tags, " #")), st.Muted.Render)
	}
	if th.Kind == model.KindCall {
		info := cat.T("support."+th.SupportType) + "  " + cat.T("thread.slots", th.Slots, th.Applicants)
		if th.Slots > 0 && th.Applicants >= th.Slots {
			info += "  " + cat.T("thread.call.full.short")
		}
		if th.Deadline != nil {
			info += "  " + cat.T("thread.deadline", s.c.date(*th.Deadline))
		}
		if th.Place != "" {
			info += "  " + cat.T("thread.place", clean(th.Place))
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
		block(markdown.Render(th.Body, w))
	}
	// The accepted answer comes first, then every reply in order.
	ordered := replies
	for i, r := range replies {
		if r.ID == th.ResolvedReplyID {
			ordered = append([]model.Reply{r}, append(append([]model.Reply{}, replies[:i]...), replies[i+1:]...)...)
			break
		}
	}
	number := map[string]int{}
	for i, r := range replies {
		number[r.ID] = i + 1
	}
	for _, r := range ordered {
		b.WriteString("\n")
		lineNo++
		anchors = append(anchors, postAnchor{line: lineNo, id: r.ID, reply: true, mine: r.Mine, deleted: r.Deleted, unread: r.Unread,
			accepted: r.ID == th.ResolvedReplyID, author: authorName(cat, r.AuthorName, r.Anonymous), body: r.Body, anon: r.Anonymous})
		// Numbers follow the order of writing, the answer shown first.
		sep := "-- " + cat.T("thread.reply.no", number[r.ID], th.ReplyCount) + " "
		line(st.Separator.Render(sep + strings.Repeat("-", max(w-width(sep), 0))))
		h := st.Title.Render(s.author(r.AuthorName, r.Anonymous, r.Mine)) + "  " + st.Muted.Render(s.c.date(r.CreatedAt)+" "+s.c.clock(r.CreatedAt))
		if r.ID == th.ResolvedReplyID {
			h = st.BadgeGood.Render("["+cat.T("thread.accepted")+"]") + " " + h
		}
		if r.Unread {
			h = st.Key.Render("* ") + h
		}
		if r.Edited && !r.Deleted {
			h += " " + st.Muted.Render(cat.T("thread.edited"))
		}
		helpful := st.Muted.Render(cat.T("thread.helpful", r.HelpfulCount))
		if r.MarkedHelpful {
			helpful += " " + st.Muted.Render(cat.T("thread.helpful.mine"))
		}
		if width(h)+2+width(helpful) <= w {
			line(h + "  " + helpful)
		} else {
			line(h)
			line(helpful)
		}
		if r.Deleted {
			line(st.Muted.Render(cat.T("thread.deleted")))
		} else {
			block(markdown.Render(r.Body, w))
		}
	}
	if rest := th.ReplyCount - len(replies); rest > 0 {
		line(st.Muted.Render(cat.T("thread.more.reply", rest)))
	}
	id := s.b.idOf(t)
	s.mu.Lock()
	s.posts[id] = anchors
	s.shownThreads[id] = *th
	s.mu.Unlock()
	return strings.TrimRight(b.String(), "\n"), nil
}

func (s *threads) author(name string, anonymous, mine bool) string {
	n := authorName(s.c.Cat, name, anonymous)
	if anonymous && mine {
		n = s.c.Cat.T("thread.anonymous") + " " + s.c.Cat.T("thread.mine")
	}
	return n
}
