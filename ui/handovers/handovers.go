package handovers

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
	"hiroba/ui/kit"
)

// Screen is the 引き継ぎ screen: the handover notes the person may read,
// the selected note with every section, its steps and its questions, and
// the actions of predecessor and successor. Editing sections, revisions
// and forms are sub-views in their own files.
type Screen struct {
	c      *kit.Common
	b      *kit.Browser[model.Handover, noteData]
	keys   handoverKeys
	filter model.HandoverFilter
	view   int // handoverViews: all, mine as predecessor, as successor, my department
	width  int
	height int

	query    kit.LineInput
	typing   bool
	querySeq int

	// single is a note opened by id (search, inbox) that need not be on
	// the loaded page; it fills the screen until esc.
	single    *model.Handover
	singleDoc *kit.Reader[noteData]
	// anchor is the section or question the single note opens at (a
	// search result's, an inbox entry's), until its document shows it.
	anchor string

	picker  *kit.Picker
	pickFor string      // "successor", "calendar", "answer"
	confirm string      // a y/n question is open: "handover"
	prompt  *kit.Prompt // the successor's comment on acknowledging
	form    *handoverForm
	text    *kit.TextForm
	editor  *sectionEditor
	revs    *revisionsView
	pending *model.Handover // the note an open picker or prompt acts on
	// follow is a note changed by an action: when the list has reloaded,
	// the cursor goes to it again, wherever it now sorts.
	follow string
	// pendingItems and pendingQs are what the calendar and answer pickers
	// choose for.
	pendingItems []model.ScheduleItem
	pendingQs    map[string]model.HandoverQuestion
}

// handoverKeys are the keys of this screen beyond the shared list keys.
type handoverKeys struct {
	Words, View, Status, Sections, Successor, HandOver, Ack, Ask, Answer, Revisions, Calendar, Visibility, New, Delete key.Binding
}

func newHandoverKeys(c *kit.Catalog) handoverKeys {
	b := func(help, k string) key.Binding {
		return key.NewBinding(key.WithKeys(k), key.WithHelp(k, c.T(help)))
	}
	return handoverKeys{
		Words: b("hand.key.words", "/"), View: b("hand.key.view", "v"), Status: b("hand.key.status", "o"),
		Sections: b("hand.key.sections", "e"), Successor: b("hand.key.successor", "N"), HandOver: b("hand.key.handover", "H"),
		Ack: b("hand.key.ack", "A"), Ask: b("hand.key.ask", "a"), Answer: b("hand.key.answer", "r"),
		Revisions: b("hand.key.revisions", "L"), Calendar: b("hand.key.calendar", "C"), Visibility: b("hand.key.visibility", "V"),
		New: b("hand.key.new", "n"), Delete: b("hand.key.delete", "d"),
	}
}

// handoverViews are what v steps through: every note, mine as
// predecessor, mine as successor, my department's.
var handoverViews = []string{"all", "predecessor", "successor", "dept"}

// New returns the 引き継ぎ screen.
func New(c *kit.Common) *Screen {
	s := &Screen{c: c, keys: newHandoverKeys(c.Cat)}
	render := func(d noteData, w int) kit.Document { return renderNote(d, w, c.Cat, c.Styles) }
	preview := func(d noteData, w int) (kit.Document, bool) { return previewNote(d, w, c.Cat, c.Styles) }
	s.b = kit.NewBrowser(c, kit.NewPagedList(s.loader()), render, 3, "handover.empty")
	s.b.IDOf = func(h model.Handover) string { return h.ID + "/" + h.UpdatedAt.String() }
	s.b.Row, s.b.Load, s.b.Doc.Preview = s.row, s.load, preview
	s.b.CountKey = "count.notes"
	s.b.EmptyText = func() string {
		if s.view != 0 || s.filter.Status != "" || s.query.Value() != "" {
			return c.Cat.T("handover.empty.filtered")
		}
		return c.Cat.T("handover.empty")
	}
	s.singleDoc = kit.NewReader(c, render)
	s.singleDoc.Preview = preview
	return s
}

// loader returns a page loader for the filter as it is now.
func (s *Screen) loader() kit.PageLoader[model.Handover] {
	f, store := s.filter, s.c.Store
	return func(ctx context.Context, offset, limit int) ([]model.Handover, int, error) {
		f.Offset, f.Limit = offset, limit
		return store.FindHandovers(ctx, f)
	}
}

func (s *Screen) Init() tea.Cmd { return s.b.Start() }

func (s *Screen) SetSize(w, h int) tea.Cmd {
	s.width, s.height = w, h
	var cmds []tea.Cmd
	if s.form != nil {
		s.form.SetSize(w, h)
	}
	if s.text != nil {
		s.text.SetSize(w, h)
	}
	if s.editor != nil {
		s.editor.SetSize(w, h)
	}
	if s.revs != nil {
		cmds = append(cmds, s.revs.SetSize(w, h))
	}
	s.singleDoc.Pane.SetSize(w, h-1)
	if s.single != nil {
		cmds = append(cmds, s.singleDoc.Rerender())
	}
	return tea.Batch(append(cmds, s.b.SetSize(w, h))...)
}

func (s *Screen) Capturing() bool {
	return s.typing || s.picker != nil || s.prompt != nil || s.form != nil || s.text != nil ||
		(s.editor != nil && s.editor.Capturing()) || s.revs != nil || s.editor != nil
}

func (s *Screen) Dirty() bool {
	return (s.form != nil && s.form.Dirty()) || (s.text != nil && s.text.Dirty()) || (s.editor != nil && s.editor.Dirty())
}

// Messages of this screen's commands.
type (
	// filterTickMsg applies the words typed once typing pauses.
	filterTickMsg     struct{ seq int }
	handoverOpenedMsg struct {
		h   *model.Handover
		err error
	}
	handoverDoneMsg struct {
		note   string // the status line
		err    error
		reload bool
	}
	staffLoadedMsg struct {
		note  *model.Handover
		staff []model.Staff
		err   error
	}
	communitiesForCalendarMsg struct {
		note  *model.Handover
		items []model.ScheduleItem
		coms  []model.Community
		err   error
	}
	questionsForAnswerMsg struct {
		note *model.Handover
		qs   []model.HandoverQuestion
		err  error
	}
	sectionsLoadedMsg struct {
		h   *model.Handover
		err error
	}
)

func (s *Screen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case filterTickMsg:
		if msg.seq == s.querySeq && s.typing {
			return s.applyFilter()
		}
	case kit.OpenMsg:
		if msg.Kind != kit.OpenHandover {
			return nil
		}
		s.anchor = msg.Anchor
		return tea.Batch(s.openByID(msg.ID), s.markRead(msg.ID))
	case handoverOpenedMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		// Each opening shows the note from its top, or from its anchor.
		s.single = msg.h
		s.singleDoc.Clear()
		s.singleDoc.Pane.Mark(-1, nil)
		return s.renderSingle()
	case handoverDoneMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		if h, ok := s.current(); ok && msg.reload {
			s.follow = h.ID
		}
		return tea.Batch(kit.StatusCmd(msg.note, false), s.refresh(msg.reload))
	case staffLoadedMsg:
		return s.showSuccessorPicker(msg)
	case communitiesForCalendarMsg:
		return s.showCommunityPicker(msg)
	case questionsForAnswerMsg:
		return s.showQuestionPicker(msg)
	case sectionsLoadedMsg:
		if msg.err != nil {
			return kit.StatusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.editor = newSectionEditor(s.c, msg.h)
		s.editor.SetSize(s.width, s.height)
		return nil
	case tea.KeyPressMsg:
		return s.key(msg)
	case tea.PasteMsg:
		if s.prompt != nil {
			return s.promptKey(msg)
		}
		if s.picker != nil {
			s.picker.Update(s.c, msg)
			return nil
		}
	}
	if s.singleDoc.Owns(msg) {
		_, cmd := s.singleDoc.Update(msg)
		s.showAnchor()
		return cmd
	}
	if s.b.List.Owns(msg) {
		_, cmd := s.b.Update(msg)
		return tea.Batch(cmd, s.followNote())
	}
	if s.text != nil {
		if cmd, ok := s.text.Update(msg); ok {
			if s.text.Closed() {
				s.text = nil
			}
			return cmd
		}
	}
	if s.editor != nil {
		if cmd, ok := s.editor.Update(msg); ok {
			return s.afterEditor(cmd)
		}
	}
	if s.revs != nil {
		if cmd, ok := s.revs.Update(msg); ok {
			if s.revs.closed {
				s.revs = nil
			}
			return cmd
		}
	}
	if s.form != nil {
		if cmd, ok := s.form.Update(msg); ok {
			return s.afterForm(cmd)
		}
	}
	_, cmd := s.b.Update(msg)
	return cmd
}

// followNote puts the cursor back on the note an action changed, once
// the reloaded list has it.
func (s *Screen) followNote() tea.Cmd {
	if s.follow == "" || !s.b.List.Loaded() {
		return nil
	}
	for i := 0; i < min(s.b.List.Len(), s.b.List.PageSize()); i++ {
		h, ok := s.b.List.At(i)
		if !ok {
			return nil // not loaded yet
		}
		if h.ID == s.follow {
			s.follow = ""
			return tea.Batch(s.b.List.MoveTo(s.c.Ctx(), i), s.b.SelectionChanged())
		}
	}
	s.follow = ""
	return nil
}

// refresh shows the notes anew after a change: the list, its detail and
// the single note.
func (s *Screen) refresh(reload bool) tea.Cmd {
	var cmds []tea.Cmd
	if reload {
		cmds = append(cmds, s.b.List.Reload(s.c.Ctx()))
	}
	cmds = append(cmds, s.b.Refresh())
	if s.single != nil {
		cmds = append(cmds, s.openByID(s.single.ID))
	}
	return tea.Batch(cmds...)
}

func (s *Screen) openByID(id string) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		h, err := store.HandoverByID(ctx, id)
		return handoverOpenedMsg{h: h, err: err}
	}
}

// showAnchor scrolls the single note to the section or question it was
// opened at, and marks it, once its document has it.
func (s *Screen) showAnchor() {
	if s.anchor == "" {
		return
	}
	st, p := s.c.Styles, &s.singleDoc.Pane
	for _, a := range s.singleDoc.Anchors() {
		if a.ID == s.anchor {
			p.ScrollTo(a.Line)
			w := p.Width()
			p.Mark(a.Line, func(l string) string { return st.Selected.Render(kit.Fit("> "+ansi.Strip(l), w)) })
			s.anchor = ""
			return
		}
	}
}

// markRead records that the person read note id: its news leave their
// inbox. It says nothing when it fails: reading matters more.
func (s *Screen) markRead(id string) tea.Cmd {
	if s.c.ReadOnly {
		return nil
	}
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		_ = store.MarkHandoverRead(ctx, id)
		return nil
	}
}

// renderSingle loads and draws the note opened by id.
func (s *Screen) renderSingle() tea.Cmd {
	h := *s.single
	return s.singleDoc.Load(h.ID+"/"+h.UpdatedAt.String(), func(ctx context.Context) (noteData, error) { return s.load(ctx, h) })
}

// current is the note the actions act on: the one opened by id, else the
// list's selection.
func (s *Screen) current() (model.Handover, bool) {
	if s.single != nil {
		return *s.single, true
	}
	return s.b.List.Selected()
}

func (s *Screen) applyFilter() tea.Cmd {
	s.filter.Query = s.query.Trimmed()
	return s.b.Refilter(s.loader())
}

// header is the filter line: mine, department, status, words, count; it
// returns the cursor column of the words field.
func (s *Screen) header() (string, int) {
	st, cat := s.c.Styles, s.c.Cat
	view := cat.T("hand.view." + handoverViews[s.view])
	status := cat.T("all")
	if s.filter.Status != "" {
		status = cat.T("handover." + s.filter.Status)
	}
	left := " " + st.Title.Render(cat.T("handover.header")) + "  " +
		st.Label.Render(cat.T("hand.filter.view")+":") + " " + view + "  " +
		st.Label.Render(cat.T("hand.filter.status")+":") + " " + status + "  " +
		st.Label.Render(cat.T("hand.filter.words")+":") + " "
	return s.b.FilterLine(left, &s.query, s.typing)
}

func (s *Screen) View() string {
	switch {
	case s.form != nil:
		return s.form.View()
	case s.text != nil:
		return s.text.View()
	case s.editor != nil:
		return s.editor.View()
	case s.revs != nil:
		return s.revs.View()
	}
	var v string
	if s.single != nil {
		st := s.c.Styles
		top := " " + st.Title.Render(s.c.Cat.T("handover.header")) + "  " + st.Muted.Render(kit.Clean(s.single.Duty))
		v = kit.Fit(top, s.width) + "\n" + s.singleDoc.Pane.View()
	} else {
		s.b.Header, _ = s.header()
		v = s.b.View()
	}
	if s.picker != nil {
		v = kit.Overlay(v, s.picker.View(s.c, s.height), s.width, s.height)
	}
	if s.prompt != nil {
		v = kit.Overlay(v, s.prompt.View(s.c, s.width), s.width, s.height)
	}
	return v
}

func (s *Screen) Cursor() *tea.Cursor {
	switch {
	case s.form != nil:
		return s.form.Cursor()
	case s.text != nil:
		return s.text.Cursor()
	case s.editor != nil:
		return s.editor.Cursor()
	case s.revs != nil:
		return nil
	case s.prompt != nil:
		return s.prompt.Cursor(s.c, s.width, s.height)
	case s.picker != nil:
		return s.picker.Cursor(s.c, s.width, s.height)
	case s.typing:
		_, x := s.header()
		return tea.NewCursor(x, 0)
	}
	return nil
}

func (s *Screen) ShortHelp() []key.Binding {
	k, hk := s.c.Keys, s.keys
	switch {
	case s.picker != nil && s.picker.Filtering():
		return k.PickerHelp()
	case s.typing:
		return k.TypingHelp()
	case s.form != nil, s.text != nil, s.prompt != nil, s.picker != nil:
		return nil
	case s.editor != nil, s.revs != nil:
		return nil
	case s.single != nil:
		return s.noteHelp(*s.single)
	}
	h, selected := s.b.List.Selected()
	if s.b.FocusDetail && selected {
		return s.noteHelp(h)
	}
	short := func(b key.Binding, k string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, s.c.Cat.T(k)))
	}
	out := []key.Binding{k.Up, k.Open}
	if selected && acknowledges(h, s.me()) {
		out = append(out, hk.Ack)
	}
	return append(out, short(hk.New, "hand.short.new"), hk.Sections, short(hk.View, "hand.short.view"),
		short(hk.Status, "hand.short.status"), short(hk.Words, "hand.short.words"))
}

// noteHelp is the key line of note h read in the pane: scrolling, back,
// and the actions that are the viewer's on it (noteKey's rules): the
// successor's acknowledgement, the predecessor's editing, handing over
// and answers, anyone else's questions.
func (s *Screen) noteHelp(h model.Handover) []key.Binding {
	k, hk, me := s.c.Keys, s.keys, s.me()
	out := []key.Binding{k.Up, k.Back}
	if acknowledges(h, me) {
		out = append(out, hk.Ack)
	}
	if me != "" && h.PredecessorID == me {
		out = append(out, hk.Sections)
		if handsOver(h, me) {
			out = append(out, hk.HandOver)
		}
		out = append(out, hk.Answer)
	} else {
		out = append(out, hk.Ask)
	}
	return append(out, hk.Revisions, hk.Calendar, k.Profile)
}

func (s *Screen) FullHelp() [][]key.Binding {
	k, hk := s.c.Keys, s.keys
	return [][]key.Binding{
		s.b.ListHelp(),
		{hk.Words, hk.View, hk.Status, k.ClearFilter, hk.New, hk.Delete},
		{hk.Sections, hk.Successor, hk.HandOver, hk.Ack, hk.Ask, hk.Answer, hk.Revisions, hk.Calendar, hk.Visibility, k.Profile},
	}
}

// statusBadge is a note's state in its colour.
func statusBadge(h model.Handover, cat *kit.Catalog, st kit.Styles) string {
	text := cat.T("handover." + h.Status)
	switch h.Status {
	case model.HandoverAcknowledged:
		return st.BadgeGood.Render(text)
	case model.HandoverHandedOver:
		return st.Badge.Render(text)
	}
	return st.BadgeWarn.Render(text)
}

// successor is the successor's name, or 未定.
func successor(h model.Handover, cat *kit.Catalog) string {
	if h.SuccessorID == "" {
		return cat.T("handover.undecided")
	}
	return kit.Clean(h.SuccessorName)
}

// row draws a note in three lines: duty and status; municipality and
// department; predecessor > successor and the effective date.
func (s *Screen) row(h model.Handover, w int, selected bool) []string {
	st := s.c.Styles
	badge := statusBadge(h, s.c.Cat, st)
	duty := " " + kit.Clip(st.Title.Render(kit.Clean(h.Duty)), w-kit.Width(badge)-3)
	first := duty + strings.Repeat(" ", max(w-kit.Width(duty)-kit.Width(badge)-1, 1)) + badge
	second := "   " + st.Muted.Render(kit.Clean(h.Municipality)+" "+kit.Clean(h.Department))
	date := s.c.Cat.DateYMD(h.EffectiveDate)
	people := kit.Clip("   "+kit.Clean(h.PredecessorName)+" > "+successor(h, s.c.Cat), w-kit.Width(date)-2)
	third := people + strings.Repeat(" ", max(w-kit.Width(people)-kit.Width(date)-1, 1)) + st.Muted.Render(date)
	return kit.StyleRow(s.c.Styles, []string{first, second, third}, w, selected, s.b.FocusDetail)
}
