package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
)

// handovers is the 引き継ぎ screen: the handover notes the person may read,
// the selected note with every section, its steps and its questions, and
// the actions of predecessor and successor. Editing sections, revisions
// and forms are sub-views in their own files.
type handovers struct {
	c      *Common
	b      *browser[model.Handover]
	keys   handoverKeys
	filter model.HandoverFilter
	width  int
	height int

	query    lineInput
	typing   bool
	querySeq int

	// single is a note opened by id (search, inbox) that need not be on
	// the loaded page; it fills the screen until esc.
	single    *model.Handover
	singleDoc detailPane

	picker  *picker
	pickFor string // "successor", "calendar", "answer"
	confirm string // a y/n question is open: "handover"
	prompt  *handPrompt
	form    *handoverForm
	text    *handTextForm
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

	mu   sync.Mutex
	rest map[string]func() string // full renders owed for partly rendered documents
}

// handoverKeys are the keys of this screen beyond the shared list keys.
type handoverKeys struct {
	Words, Mine, Dept, Status, Sections, Successor, HandOver, Ack, Ask, Answer, Revisions, Calendar, Visibility, New key.Binding
}

func newHandoverKeys(c *Catalog) handoverKeys {
	b := func(help, k string) key.Binding {
		return key.NewBinding(key.WithKeys(k), key.WithHelp(k, c.T(help)))
	}
	return handoverKeys{
		Words: b("hand.key.words", "/"), Mine: b("hand.key.mine", "m"), Dept: b("hand.key.dept", "d"), Status: b("hand.key.status", "t"),
		Sections: b("hand.key.sections", "e"), Successor: b("hand.key.successor", "s"), HandOver: b("hand.key.handover", "H"),
		Ack: b("hand.key.ack", "A"), Ask: b("hand.key.ask", "a"), Answer: b("hand.key.answer", "r"),
		Revisions: b("hand.key.revisions", "v"), Calendar: b("hand.key.calendar", "y"), Visibility: b("hand.key.visibility", "o"),
		New: b("hand.key.new", "n"),
	}
}

func newHandovers(c *Common) *handovers {
	s := &handovers{c: c, keys: newHandoverKeys(c.Cat), rest: map[string]func() string{}}
	s.b = &browser[model.Handover]{
		c:          c,
		itemHeight: 3,
		empty:      "handover.empty",
		idOf:       func(h model.Handover) string { return h.ID + "/" + h.UpdatedAt.String() },
		row:        s.row,
		document:   s.document,
	}
	s.b.list = newPagedList(s.loader())
	return s
}

// loader returns a page loader for the filter as it is now.
func (s *handovers) loader() pageLoader[model.Handover] {
	f, store := s.filter, s.c.Store
	return func(ctx context.Context, offset, limit int) ([]model.Handover, int, error) {
		f.Offset, f.Limit = offset, limit
		return store.FindHandovers(ctx, f)
	}
}

func (s *handovers) Init() tea.Cmd { return s.b.list.Reset(s.c.Ctx()) }

func (s *handovers) SetSize(w, h int) tea.Cmd {
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
	if s.single != nil {
		s.singleDoc.SetSize(w, h-1)
		cmds = append(cmds, s.renderSingle())
	}
	return tea.Batch(append(cmds, s.b.SetSize(w, h))...)
}

func (s *handovers) Capturing() bool {
	return s.typing || s.picker != nil || s.confirm != "" || s.prompt != nil || s.form != nil || s.text != nil ||
		(s.editor != nil && s.editor.Capturing()) || s.revs != nil || s.editor != nil
}

func (s *handovers) Dirty() bool {
	return (s.form != nil && s.form.Dirty()) || (s.text != nil && s.text.Dirty()) || (s.editor != nil && s.editor.Dirty())
}

// Messages of this screen's commands.
type (
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

func (s *handovers) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case queryTickMsg:
		if msg.seq == s.querySeq && s.typing {
			return s.applyFilter()
		}
	case openMsg:
		if msg.Kind != openHandover {
			return nil
		}
		return s.openByID(msg.ID)
	case handoverOpenedMsg:
		if msg.err != nil {
			return statusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.single = msg.h
		s.singleDoc = detailPane{}
		s.singleDoc.SetSize(s.width, s.height-1)
		return s.renderSingle()
	case detailRenderedMsg:
		var cmd tea.Cmd
		if s.revs != nil && msg.pane == &s.revs.diff {
			cmd, _ = s.revs.Update(msg)
			return cmd
		}
		if msg.pane == &s.singleDoc {
			s.singleDoc.Set(msg)
		} else {
			_, cmd = s.b.Update(msg)
		}
		return tea.Batch(cmd, s.renderRest(msg))
	case handoverDoneMsg:
		if msg.err != nil {
			return statusCmd(s.c.Cat.Err(msg.err), true)
		}
		if h, ok := s.current(); ok && msg.reload {
			s.follow = h.ID
		}
		return tea.Batch(statusCmd(msg.note, false), s.refresh(msg.reload))
	case pageLoadedMsg:
		_, cmd := s.b.Update(msg)
		return tea.Batch(cmd, s.followNote())
	case staffLoadedMsg:
		return s.showSuccessorPicker(msg)
	case communitiesForCalendarMsg:
		return s.showCommunityPicker(msg)
	case questionsForAnswerMsg:
		return s.showQuestionPicker(msg)
	case sectionsLoadedMsg:
		if msg.err != nil {
			return statusCmd(s.c.Cat.Err(msg.err), true)
		}
		s.editor = newSectionEditor(s.c, msg.h)
		s.editor.SetSize(s.width, s.height)
		return nil
	case tea.KeyPressMsg:
		return s.key(msg)
	}
	if s.text != nil {
		if cmd, ok := s.text.Update(msg); ok {
			if s.text.closed {
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
func (s *handovers) followNote() tea.Cmd {
	if s.follow == "" || !s.b.list.Loaded() {
		return nil
	}
	for i := 0; i < min(s.b.list.Len(), pageSize); i++ {
		h, ok := s.b.list.At(i)
		if !ok {
			return nil // not loaded yet
		}
		if h.ID == s.follow {
			s.follow = ""
			return tea.Batch(s.b.list.MoveTo(s.c.Ctx(), i), s.b.selectionChanged())
		}
	}
	s.follow = ""
	return nil
}

// refresh shows the notes anew after a change: the list, its detail and
// the single note.
func (s *handovers) refresh(reload bool) tea.Cmd {
	var cmds []tea.Cmd
	if reload {
		cmds = append(cmds, s.b.list.Reload(s.c.Ctx()))
	}
	cmds = append(cmds, s.b.Refresh())
	if s.single != nil {
		cmds = append(cmds, s.openByID(s.single.ID))
	}
	return tea.Batch(cmds...)
}

func (s *handovers) openByID(id string) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return func() tea.Msg {
		h, err := store.HandoverByID(ctx, id)
		return handoverOpenedMsg{h: h, err: err}
	}
}

func (s *handovers) renderSingle() tea.Cmd {
	if s.single == nil || s.singleDoc.width <= 0 {
		return nil
	}
	h, w, pane, ctx := *s.single, s.singleDoc.width, &s.singleDoc, s.c.Ctx()
	return func() tea.Msg {
		text, err := s.document(ctx, h, w)
		if err != nil {
			text = s.c.Styles.Error.Render(s.c.Cat.Err(err))
		}
		return detailRenderedMsg{pane: pane, id: h.ID + "/" + h.UpdatedAt.String(), width: w, text: text}
	}
}

// current is the note the actions act on: the one opened by id, else the
// list's selection.
func (s *handovers) current() (model.Handover, bool) {
	if s.single != nil {
		return *s.single, true
	}
	return s.b.list.Selected()
}

func (s *handovers) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case s.form != nil:
		cmd, _ := s.form.Update(msg)
		return s.afterForm(cmd)
	case s.text != nil:
		cmd, _ := s.text.Update(msg)
		if s.text.closed {
			s.text = nil
		}
		return cmd
	case s.editor != nil:
		cmd, _ := s.editor.Update(msg)
		return s.afterEditor(cmd)
	case s.revs != nil:
		cmd, _ := s.revs.Update(msg)
		if s.revs.closed {
			s.revs = nil
		}
		return cmd
	case s.prompt != nil:
		return s.promptKey(msg)
	case s.confirm != "":
		what := s.confirm
		s.confirm = ""
		if msg.String() == "y" && what == "handover" && s.pending != nil {
			return tea.Batch(statusCmd("", false), s.markHandedOver(*s.pending))
		}
		return statusCmd("", false)
	case s.picker != nil:
		return s.pickerKey(msg)
	case s.typing:
		switch msg.String() {
		case "enter", "esc", "tab", "down":
			s.typing = false
			return s.applyFilter()
		}
		if s.query.Update(msg) {
			s.querySeq++
			seq := s.querySeq
			return tea.Tick(150*time.Millisecond, func(time.Time) tea.Msg { return queryTickMsg{seq} })
		}
		return nil
	}
	k, hk := s.c.Keys, s.keys
	if s.single != nil {
		switch {
		case key.Matches(msg, k.Back):
			s.single = nil
			return nil
		case key.Matches(msg, k.Up):
			s.singleDoc.Scroll(-1)
			return nil
		case key.Matches(msg, k.Down):
			s.singleDoc.Scroll(1)
			return nil
		case key.Matches(msg, k.PageUp):
			s.singleDoc.Scroll(-s.singleDoc.height + 1)
			return nil
		case key.Matches(msg, k.PageDown):
			s.singleDoc.Scroll(s.singleDoc.height - 1)
			return nil
		case key.Matches(msg, k.Top):
			s.singleDoc.Top()
			return nil
		case key.Matches(msg, k.Bottom):
			s.singleDoc.Bottom()
			return nil
		}
	} else {
		switch {
		case key.Matches(msg, hk.Words):
			s.typing = true
			s.b.focusDetail = false
			return nil
		case key.Matches(msg, hk.Mine):
			switch s.filter.Mine {
			case "":
				s.filter.Mine = model.MineAsPredecessor
			case model.MineAsPredecessor:
				s.filter.Mine = model.MineAsSuccessor
			default:
				s.filter.Mine = ""
			}
			return s.applyFilter()
		case key.Matches(msg, hk.Dept):
			if s.filter.Department == "" && s.c.Me != nil {
				s.filter.Department = s.c.Me.Department
			} else {
				s.filter.Department = ""
			}
			return s.applyFilter()
		case key.Matches(msg, hk.Status):
			s.filter.Status = map[string]string{"": model.HandoverDraft, model.HandoverDraft: model.HandoverHandedOver,
				model.HandoverHandedOver: model.HandoverAcknowledged, model.HandoverAcknowledged: ""}[s.filter.Status]
			return s.applyFilter()
		case key.Matches(msg, k.ClearFilter):
			s.filter = model.HandoverFilter{}
			s.query.SetValue("")
			return s.applyFilter()
		}
	}
	if key.Matches(msg, hk.New) {
		if s.c.ReadOnly {
			return statusCmd(s.c.Cat.T("readonly"), true)
		}
		s.form = newHandoverForm(s.c)
		s.form.SetSize(s.width, s.height)
		return nil
	}
	if h, ok := s.current(); ok {
		if cmd, used := s.noteKey(msg, h); used {
			return cmd
		}
	}
	if s.single != nil {
		return nil
	}
	_, cmd := s.b.Update(msg)
	return cmd
}

// noteKey runs an action on note h. Actions the viewer may not take are
// still sent to the store, which refuses them with the sentence to show.
func (s *handovers) noteKey(msg tea.KeyPressMsg, h model.Handover) (tea.Cmd, bool) {
	hk := s.keys
	me := ""
	if s.c.Me != nil {
		me = s.c.Me.ID
	}
	store, ctx := s.c.Store, s.c.Ctx()
	switch {
	case key.Matches(msg, hk.Sections):
		return func() tea.Msg {
			full, err := store.HandoverByID(ctx, h.ID)
			if err == nil && full.PredecessorID != me {
				_, err = store.SaveSections(ctx, h.ID, -1, full.Sections) // refused with the reason
			}
			return sectionsLoadedMsg{h: full, err: err}
		}, true
	case key.Matches(msg, hk.Successor):
		if h.PredecessorID != me || h.Status == model.HandoverAcknowledged {
			return s.run(func() (string, error) { return "", store.SetSuccessor(ctx, h.ID, h.SuccessorID) }, false), true
		}
		return func() tea.Msg {
			all, err := store.FindStaff(ctx, 0, 0)
			return staffLoadedMsg{note: &h, staff: all, err: err}
		}, true
	case key.Matches(msg, hk.HandOver):
		if h.PredecessorID != me || h.Status != model.HandoverDraft {
			return s.markHandedOver(h), true
		}
		s.confirm, s.pending = "handover", &h
		return statusCmd(s.c.Cat.T("hand.confirm.handed"), true), true
	case key.Matches(msg, hk.Ack):
		if h.SuccessorID != me || h.Status != model.HandoverHandedOver {
			return s.run(func() (string, error) { return "", store.Acknowledge(ctx, h.ID, "") }, true), true
		}
		s.pending = &h
		s.prompt = &handPrompt{title: s.c.Cat.T("hand.ack.comment"), what: "ack"}
		s.prompt.input.limit = model.MaxAckCommentLen
		return nil, true
	case key.Matches(msg, hk.Ask):
		s.text = newHandTextForm(s.c, s.c.Cat.T("hand.ask.title", clean(h.Duty)), "", "handover-question:"+h.ID,
			func(ctx context.Context, body string) (string, error) {
				_, err := store.AskQuestion(ctx, h.ID, body)
				return s.c.Cat.T("hand.asked"), err
			}, s.refresh)
		s.text.SetSize(s.width, s.height)
		return s.text.Init(), true
	case key.Matches(msg, hk.Answer):
		if h.PredecessorID != me {
			return statusCmd(s.c.Cat.T("hand.answer.pred", clean(h.PredecessorName)), true), true
		}
		return func() tea.Msg {
			qs, err := store.Questions(ctx, h.ID)
			return questionsForAnswerMsg{note: &h, qs: qs, err: err}
		}, true
	case key.Matches(msg, hk.Revisions):
		s.revs = newRevisionsView(s.c, h)
		return tea.Batch(s.revs.SetSize(s.width, s.height), s.revs.Init()), true
	case key.Matches(msg, hk.Calendar):
		return func() tea.Msg {
			full, err := store.HandoverByID(ctx, h.ID)
			if err != nil {
				return communitiesForCalendarMsg{err: err}
			}
			var items []model.ScheduleItem
			for _, sec := range full.Sections {
				if sec.Title == model.DefaultSectionTitles[1] {
					items = append(items, model.ScheduleItems(sec.Body)...)
				}
			}
			coms, _, err := store.FindCommunities(ctx, model.CommunityFilter{MemberOnly: true})
			return communitiesForCalendarMsg{note: full, items: items, coms: coms, err: err}
		}, true
	case key.Matches(msg, hk.Visibility):
		next := map[string]string{model.HandoverVisDepartment: model.HandoverVisMunicipality,
			model.HandoverVisMunicipality: model.HandoverVisArea, model.HandoverVisArea: model.HandoverVisDepartment}[h.Visibility]
		return s.run(func() (string, error) {
			full, err := store.HandoverByID(ctx, h.ID)
			if err != nil {
				return "", err
			}
			full.Visibility = next
			return s.c.Cat.T("hand.vis.set", s.c.Cat.T("hand.vis."+next)), store.UpdateHandover(ctx, full)
		}, true), true
	}
	return nil, false
}

// run does a change in a command and reports it on the status line.
func (s *handovers) run(do func() (string, error), reload bool) tea.Cmd {
	return func() tea.Msg {
		note, err := do()
		return handoverDoneMsg{note: note, err: err, reload: reload}
	}
}

func (s *handovers) markHandedOver(h model.Handover) tea.Cmd {
	store, ctx := s.c.Store, s.c.Ctx()
	return s.run(func() (string, error) { return s.c.Cat.T("hand.handed"), store.MarkHandedOver(ctx, h.ID, nil) }, true)
}

func (s *handovers) showSuccessorPicker(msg staffLoadedMsg) tea.Cmd {
	if msg.err != nil {
		return statusCmd(s.c.Cat.Err(msg.err), true)
	}
	opts := []option{{"", s.c.Cat.T("handover.undecided")}}
	for _, st := range msg.staff {
		// Transfers stay inside a municipality: its staff are the choices.
		if st.MunicipalityID == msg.note.MunicipalityID && st.ID != msg.note.PredecessorID && st.Status == model.StaffActive {
			opts = append(opts, option{st.ID, clean(st.Name) + "  " + clean(st.Department)})
		}
	}
	s.pending, s.pickFor = msg.note, "successor"
	s.picker = newPicker(s.c.Cat.T("hand.picker.succ"), opts, msg.note.SuccessorID)
	return nil
}

func (s *handovers) showCommunityPicker(msg communitiesForCalendarMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		return statusCmd(s.c.Cat.Err(msg.err), true)
	case len(msg.items) == 0:
		return statusCmd(s.c.Cat.T("hand.no.schedule"), true)
	case len(msg.coms) == 0:
		return statusCmd(s.c.Cat.T("hand.no.community"), true)
	}
	var opts []option
	for _, c := range msg.coms {
		opts = append(opts, option{c.ID, clean(c.Name)})
	}
	s.pending, s.pickFor = msg.note, "calendar"
	s.pendingItems = msg.items
	s.picker = newPicker(s.c.Cat.T("hand.picker.comm"), opts, "")
	return nil
}

func (s *handovers) showQuestionPicker(msg questionsForAnswerMsg) tea.Cmd {
	if msg.err != nil {
		return statusCmd(s.c.Cat.Err(msg.err), true)
	}
	var opts []option
	s.pendingQs = map[string]model.HandoverQuestion{}
	for _, q := range msg.qs {
		if !q.Answered() {
			opts = append(opts, option{q.ID, clip(clean(q.AuthorName)+": "+clean(q.Body), max(s.width-12, 20))})
			s.pendingQs[q.ID] = q
		}
	}
	if len(opts) == 0 {
		return statusCmd(s.c.Cat.T("hand.no.open.q"), false)
	}
	s.pending, s.pickFor = msg.note, "answer"
	s.picker = newPicker(s.c.Cat.T("hand.picker.q"), opts, "")
	return nil
}

func (s *handovers) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	done, ok := s.picker.Update(s.c, msg)
	if !done {
		return nil
	}
	choice := s.picker.Selected()
	s.picker = nil
	if !ok || s.pending == nil {
		return nil
	}
	h := *s.pending
	store, ctx := s.c.Store, s.c.Ctx()
	switch s.pickFor {
	case "successor":
		return s.run(func() (string, error) {
			return s.c.Cat.T("hand.succ.set", choice.label), store.SetSuccessor(ctx, h.ID, choice.value)
		}, true)
	case "calendar":
		items := s.pendingItems
		return s.run(func() (string, error) {
			n, err := store.AddScheduleToCalendar(ctx, h.ID, choice.value, items)
			return s.c.Cat.T("hand.calendar.done", n, choice.label), err
		}, false)
	case "answer":
		q := s.pendingQs[choice.value]
		s.text = newHandTextForm(s.c, s.c.Cat.T("hand.answer.title", clean(h.Duty)), q.Body, "handover-answer:"+q.ID,
			func(ctx context.Context, body string) (string, error) {
				return s.c.Cat.T("hand.answered"), store.AnswerQuestion(ctx, q.ID, body)
			}, s.refresh)
		s.text.SetSize(s.width, s.height)
		return s.text.Init()
	}
	return nil
}

func (s *handovers) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	p := s.prompt
	switch msg.String() {
	case "esc":
		s.prompt = nil
		return nil
	case "enter":
		s.prompt = nil
		if p.what == "ack" && s.pending != nil {
			h, comment := *s.pending, p.input.Value()
			store, ctx := s.c.Store, s.c.Ctx()
			return s.run(func() (string, error) { return s.c.Cat.T("hand.acked"), store.Acknowledge(ctx, h.ID, comment) }, true)
		}
		return nil
	}
	p.input.Update(msg)
	return nil
}

func (s *handovers) afterForm(cmd tea.Cmd) tea.Cmd {
	if s.form != nil && s.form.closed {
		created := s.form.created
		s.form = nil
		if created != nil {
			return tea.Batch(cmd, statusCmd(s.c.Cat.T("hand.created", clean(created.Duty)), false), s.b.list.Reset(s.c.Ctx()))
		}
	}
	return cmd
}

func (s *handovers) afterEditor(cmd tea.Cmd) tea.Cmd {
	if s.editor != nil && s.editor.closed {
		saved := s.editor.wasSaved
		s.editor = nil
		if saved {
			return tea.Batch(cmd, s.refresh(true))
		}
	}
	return cmd
}

func (s *handovers) applyFilter() tea.Cmd {
	s.filter.Query = s.query.trimmed()
	s.b.detail.Clear()
	s.b.shownID = ""
	s.b.list.load = s.loader()
	return s.b.list.Reset(s.c.Ctx())
}

// header is the filter line: mine, department, status, words, count; it
// returns the cursor column of the words field.
func (s *handovers) header() (string, int) {
	st, cat := s.c.Styles, s.c.Cat
	mine := cat.T("hand.mine.all")
	if s.filter.Mine != "" {
		mine = cat.T("hand.mine." + s.filter.Mine)
	}
	dept := cat.T("all")
	if s.filter.Department != "" {
		dept = clean(s.filter.Department)
	}
	status := cat.T("all")
	if s.filter.Status != "" {
		status = cat.T("handover." + s.filter.Status)
	}
	left := " " + st.Title.Render(cat.T("handover.header")) + "  " +
		st.Label.Render(cat.T("hand.filter.mine")+":") + " " + mine + "  " +
		st.Label.Render(cat.T("hand.filter.dept")+":") + " " + dept + "  " +
		st.Label.Render(cat.T("hand.filter.status")+":") + " " + status + "  " +
		st.Label.Render(cat.T("hand.filter.words")+":") + " "
	count := ""
	if s.b.list.Loaded() {
		count = cat.T("count", s.b.list.Len())
	}
	room := s.width - width(left) - width(count) - 1
	field, col := s.query.View(max(room, 4))
	if !s.typing && s.query.Value() == "" {
		field = fit(st.Muted.Render("/"), max(room, 4))
	}
	return fit(left+field+" "+st.Muted.Render(count), s.width), width(left) + col
}

func (s *handovers) View() string {
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
		top := " " + st.Title.Render(s.c.Cat.T("handover.header")) + "  " + st.Muted.Render(clean(s.single.Duty))
		v = fit(top, s.width) + "\n" + s.singleDoc.View()
	} else {
		s.b.header, _ = s.header()
		v = s.b.View()
	}
	if s.picker != nil {
		v = overlay(v, s.picker.View(s.c, s.height), s.width, s.height)
	}
	if s.prompt != nil {
		v = overlay(v, s.prompt.View(s.c, s.promptWidth()), s.width, s.height)
	}
	return v
}

func (s *handovers) promptWidth() int { return min(s.width-8, 70) }

func (s *handovers) Cursor() *tea.Cursor {
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
		// The box is centred: border and padding take 2 cells on the left,
		// the title one line.
		w := s.promptWidth()
		boxW := w + 4
		x := max((s.width-boxW)/2, 0) + 2
		y := max((s.height-5)/2, 0) + 2
		_, col := s.prompt.input.View(w)
		return tea.NewCursor(x+col, y)
	case s.typing:
		_, x := s.header()
		return tea.NewCursor(x, 0)
	}
	return nil
}

func (s *handovers) ShortHelp() []key.Binding {
	k, hk := s.c.Keys, s.keys
	switch {
	case s.form != nil, s.text != nil, s.prompt != nil, s.picker != nil, s.typing:
		return nil
	case s.editor != nil, s.revs != nil:
		return nil
	case s.single != nil:
		return []key.Binding{k.Up, k.Back, hk.Sections, hk.Ack, hk.Ask, hk.Revisions}
	}
	short := func(b key.Binding, k string) key.Binding {
		return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, s.c.Cat.T(k)))
	}
	return []key.Binding{k.Up, k.Open, short(hk.Words, "hand.short.words"), short(hk.Mine, "hand.short.mine"),
		short(hk.Dept, "hand.short.dept"), short(hk.Status, "hand.short.status"), short(hk.New, "hand.short.new")}
}

func (s *handovers) FullHelp() [][]key.Binding {
	k, hk := s.c.Keys, s.keys
	return [][]key.Binding{
		s.b.listHelp(),
		{hk.Words, hk.Mine, hk.Dept, hk.Status, k.ClearFilter, hk.New},
		{hk.Sections, hk.Successor, hk.HandOver, hk.Ack, hk.Ask, hk.Answer, hk.Revisions, hk.Calendar, hk.Visibility},
	}
}

func (s *handovers) statusBadge(h model.Handover) string {
	st := s.c.Styles
	text := s.c.Cat.T("handover." + h.Status)
	switch h.Status {
	case model.HandoverAcknowledged:
		return st.BadgeGood.Render(text)
	case model.HandoverHandedOver:
		return st.Badge.Render(text)
	}
	return st.BadgeWarn.Render(text)
}

func (s *handovers) successor(h model.Handover) string {
	if h.SuccessorID == "" {
		return s.c.Cat.T("handover.undecided")
	}
	return clean(h.SuccessorName)
}

// row draws a note in three lines: duty and status; municipality and
// department; predecessor > successor and the effective date.
func (s *handovers) row(h model.Handover, w int, selected bool) []string {
	st := s.c.Styles
	badge := s.statusBadge(h)
	duty := " " + clip(st.Title.Render(clean(h.Duty)), w-width(badge)-3)
	first := duty + strings.Repeat(" ", max(w-width(duty)-width(badge)-1, 1)) + badge
	second := "   " + st.Muted.Render(clean(h.Municipality)+" "+clean(h.Department))
	date := s.c.dateYMD(h.EffectiveDate)
	people := clip("   "+clean(h.PredecessorName)+" > "+s.successor(h), w-width(date)-2)
	third := people + strings.Repeat(" ", max(w-width(people)-width(date)-1, 1)) + st.Muted.Render(date)
	return styleRow(s.c, []string{first, second, third}, w, selected, s.b.focusDetail)
}

// partialLines is how many rendered lines the first render of a long note
// stops after: a few screens, so that a note opens at once; the rest is
// rendered in a following command.
const partialLines = 150

// document loads a note and its questions and renders them at width w.
// A long note is rendered first in part; renderRest finishes it.
func (s *handovers) document(ctx context.Context, x model.Handover, w int) (string, error) {
	store := s.c.Store
	h, err := store.HandoverByID(ctx, x.ID)
	if err != nil {
		return "", err
	}
	qs, err := store.Questions(ctx, x.ID)
	if err != nil {
		return "", err
	}
	head := s.noteHead(h, w)
	tail := s.noteQuestions(h, qs, w)
	chunks := sectionChunks(h.Sections, s.c.Cat.T("hand.empty.section"))
	var b strings.Builder
	b.WriteString(head)
	lines := strings.Count(head, "\n")
	for i, c := range chunks {
		if lines > partialLines && i < len(chunks)-1 {
			// The rest is owed: renderRest renders it when this arrives.
			rest, st := chunks[i:], s.c.Styles
			id := x.ID + "/" + x.UpdatedAt.String()
			full := b.String()
			s.mu.Lock()
			s.rest[restKey(id, w)] = func() string { return full + renderChunks(st, rest, w) + tail }
			s.mu.Unlock()
			b.WriteString("\n" + s.c.Styles.Muted.Render(s.c.Cat.T("hand.loading")))
			return b.String(), nil
		}
		r := c.render(s.c.Styles, w)
		b.WriteString(r)
		lines += strings.Count(r, "\n")
	}
	b.WriteString(tail)
	return strings.TrimRight(b.String(), "\n"), nil
}

func restKey(id string, w int) string { return fmt.Sprintf("%s@%d", id, w) }

// renderRest finishes a document that arrived partly rendered.
func (s *handovers) renderRest(msg detailRenderedMsg) tea.Cmd {
	s.mu.Lock()
	full, ok := s.rest[restKey(msg.id, msg.width)]
	delete(s.rest, restKey(msg.id, msg.width))
	s.mu.Unlock()
	if !ok {
		return nil
	}
	return func() tea.Msg {
		return detailRenderedMsg{pane: msg.pane, id: msg.id, width: msg.width, text: strings.TrimRight(full(), "\n")}
	}
}

// noteHead is the top of a note: status, place, duty, people, the steps
// with their times, and how long questions are taken.
func (s *handovers) noteHead(h *model.Handover, w int) string {
	st, cat := s.c.Styles, s.c.Cat
	var b strings.Builder
	line := func(x string) { b.WriteString(clip(x, w) + "\n") }
	line(s.statusBadge(*h) + "  " + st.Muted.Render(clean(h.Municipality)+"  "+clean(h.Department)) + "  " +
		st.Muted.Render(cat.T("handover.revision", h.Revision)+"  "+cat.T("hand.vis."+h.Visibility)))
	for _, l := range strings.Split(wrapWords(clean(h.Duty), w), "\n") {
		line(st.Heading.Render(l))
	}
	line(st.Label.Render(cat.T("handover.predecessor")+": ") + clean(h.PredecessorName) + "  " +
		st.Label.Render(cat.T("handover.successor")+": ") + s.successor(*h))
	line(st.Muted.Render(cat.T("handover.effective", s.c.dateYMD(h.EffectiveDate))))
	when := func(t *time.Time) string {
		if t == nil {
			return st.Muted.Render(cat.T("hand.step.pending"))
		}
		return s.c.dateYMD(*t) + " " + s.c.clock(*t)
	}
	steps := []struct {
		key string
		at  *time.Time
	}{{"hand.step.created", &h.CreatedAt}, {"hand.step.handed", h.HandedOverAt}, {"hand.step.acked", h.AcknowledgedAt}}
	labelW := 0
	for _, x := range steps {
		labelW = max(labelW, width(cat.T(x.key)))
	}
	for i, x := range steps {
		prefix := strings.Repeat(" ", width(cat.T("hand.steps"))+2)
		if i == 0 {
			prefix = st.Label.Render(cat.T("hand.steps") + ": ")
		}
		line(prefix + fit(cat.T(x.key), labelW) + "  " + when(x.at))
	}
	if h.QuestionsUntil != nil && h.Status != model.HandoverDraft {
		until := s.c.dateYMD(*h.QuestionsUntil)
		if h.QuestionsUntil.Format("2006-01-02") < s.c.Now().In(s.c.Loc).Format("2006-01-02") {
			line(st.Muted.Render(cat.T("hand.closed.since", until)))
		} else {
			line(st.BadgeWarn.Render(cat.T("hand.open.until", until)))
		}
	}
	if h.AckComment != "" {
		for _, l := range strings.Split(wrapWords(clean(h.AckComment), w-2), "\n") {
			line(st.Muted.Render("> " + l))
		}
	}
	return b.String()
}

// noteQuestions lists the questions with their answers.
func (s *handovers) noteQuestions(h *model.Handover, qs []model.HandoverQuestion, w int) string {
	st, cat := s.c.Styles, s.c.Cat
	var b strings.Builder
	b.WriteString("\n" + clip(st.Title.Render("## "+cat.T("hand.questions", len(qs))), w) + "\n")
	if len(qs) == 0 {
		b.WriteString(st.Muted.Render(cat.T("hand.no.questions")) + "\n")
	}
	for _, q := range qs {
		b.WriteString("\n" + clip(st.Key.Render(cat.T("hand.q.by", clean(q.AuthorName), s.c.dateYMD(q.CreatedAt))), w) + "\n")
		b.WriteString(markdown.Render(q.Body, w) + "\n")
		if !q.Answered() {
			b.WriteString(st.BadgeWarn.Render(cat.T("hand.unanswered")) + "\n")
			continue
		}
		b.WriteString(clip(st.BadgeGood.Render(cat.T("hand.a.by", clean(q.AnsweredByName), s.c.dateYMD(*q.AnsweredAt))), w) + "\n")
		b.WriteString(markdown.Render(q.Answer, w) + "\n")
	}
	return b.String()
}

// sectionChunk is a piece of a section's markdown, rendered on its own so
// that a long note can be shown before all of it is rendered.
type sectionChunk struct {
	title string // the section's title, on its first chunk only
	body  string
	empty string // what an empty section says instead
}

func (c sectionChunk) render(st Styles, w int) string {
	var b strings.Builder
	if c.title != "" {
		for _, l := range strings.Split(wrapWords("## "+clean(c.title), w), "\n") {
			b.WriteString("\n" + st.Title.Render(l))
		}
		b.WriteString("\n")
	}
	if c.empty != "" {
		b.WriteString(st.Muted.Render(c.empty) + "\n")
	} else if strings.TrimSpace(c.body) != "" {
		b.WriteString(markdown.Render(c.body, w) + "\n")
	}
	return b.String()
}

func renderChunks(st Styles, cs []sectionChunk, w int) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.render(st, w))
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
			out = append(out, sectionChunk{title: sec.Title, empty: empty})
			continue
		}
		lines := strings.Split(sec.Body, "\n")
		title := sec.Title
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
				out = append(out, sectionChunk{title: title, body: strings.Join(lines[start:i], "\n")})
				title, start, size = "", i+1, 0
			}
		}
		out = append(out, sectionChunk{title: title, body: strings.Join(lines[start:], "\n")})
	}
	return out
}
