package ui

import (
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// inbox lists what came for the person: new replies on threads they
// follow, questions on handover notes they wrote, news of activity plans
// (a decision on theirs, a request waiting for their decision), and what
// a drill's merge kept aside (inbox_kept.go). It opens from every tab;
// enter shows the entry on its tab.
type inbox struct {
	c       *kit.Common
	entries []inboxEntry
	cursor  int
	top     int
	loaded  bool
	err     error
	width   int
	height  int
	// page is the kept row open over the list, and how far it is scrolled.
	page    *inboxEntry
	pageTop int
	// done marks a kept row done (inbox_kept.go).
	done key.Binding
}

type inboxEntry struct {
	kind, id, anchor string
	planEvent        string    // for a plan: approve, return, revoke or submit
	news             string    // for a handover note: named, handed, acknowledged or answered
	start            time.Time // for a cancelled occurrence: its start
	title, who, text string
	at               time.Time
	kept             *model.KeptRow // a row a drill's merge kept aside
}

type inboxLoadedMsg struct {
	inbox   *inbox
	entries []inboxEntry
	err     error
}

// inboxSize bounds how many replies the inbox reads.
const inboxSize = 200

func newInbox(c *kit.Common) screen {
	return &inbox{c: c, done: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", c.Cat.T("kept.key.done")))}
}

func (m *inbox) Init() tea.Cmd {
	return func() tea.Msg { return m.load() }
}

// load reads everything the inbox lists; it runs in a command.
func (m *inbox) load() tea.Msg {
	store, ctx, cat := m.c.Store, m.c.Ctx(), m.c.Cat
	replies, err := store.Inbox(ctx, inboxSize)
	if err != nil {
		return inboxLoadedMsg{inbox: m, err: err}
	}
	questions, err := store.QuestionsForMe(ctx)
	if err != nil {
		return inboxLoadedMsg{inbox: m, err: err}
	}
	var out []inboxEntry
	for _, r := range replies {
		switch r.Kind {
		case model.InboxPlan:
			out = append(out, inboxEntry{kind: kit.OpenPlan, id: r.PlanID, planEvent: r.PlanEvent,
				title: r.ThreadTitle, who: r.AuthorName, text: r.Snippet, at: r.At})
			continue
		case model.InboxHandover:
			out = append(out, inboxEntry{kind: kit.OpenHandover, id: r.HandoverID, anchor: r.QuestionID, news: r.HandoverEvent,
				title: r.ThreadTitle, who: r.AuthorName, text: r.Snippet, at: r.At})
			continue
		case model.InboxCancelled:
			out = append(out, inboxEntry{kind: inboxCancelled, id: r.EventID, start: *r.OccurrenceStart,
				title: r.ThreadTitle, who: r.AuthorName, at: r.At})
			continue
		}
		out = append(out, inboxEntry{kind: kit.OpenThread, id: r.ThreadID, anchor: r.ReplyID,
			title: r.ThreadTitle, who: kit.AuthorName(cat, r.AuthorName, r.Anonymous, false), text: r.Snippet, at: r.At})
	}
	for _, q := range questions {
		out = append(out, inboxEntry{kind: kit.OpenHandover, id: q.HandoverID, anchor: q.ID,
			title: q.Duty, who: q.AuthorName, text: strings.Join(strings.Fields(q.Body), " "), at: q.CreatedAt})
	}
	kept, err := keptEntries(store, ctx, cat)
	if err != nil {
		return inboxLoadedMsg{inbox: m, err: err}
	}
	out = append(out, kept...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.After(out[j].at) })
	return inboxLoadedMsg{inbox: m, entries: out}
}

func (m *inbox) SetSize(w, h int) tea.Cmd { m.width, m.height = w, h; return nil }
func (m *inbox) Capturing() bool          { return true }

// readOnly: nothing is typed in the inbox, so ? shows its keys.
func (m *inbox) readOnly() bool      { return true }
func (m *inbox) Dirty() bool         { return false }
func (m *inbox) Cursor() *tea.Cursor { return nil }

func (m *inbox) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.page != nil && !keptOpensTarget(m.page.kept) {
		return []key.Binding{k.Up, m.done, k.Back}
	}
	if m.keptAt() != nil {
		return []key.Binding{k.Up, k.Open, m.done, k.Back}
	}
	return []key.Binding{k.Up, k.Open, k.Back}
}

func (m *inbox) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Up, k.Top, k.Bottom, k.Open, m.done, k.Back}}
}

func (m *inbox) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case inboxLoadedMsg:
		if msg.inbox == m {
			m.entries, m.err, m.loaded = msg.entries, msg.err, true
		}
	case keptDoneMsg:
		if msg.inbox == m {
			return m.keptDone(msg)
		}
	case tea.KeyPressMsg:
		if m.page != nil {
			return m.keptKey(msg)
		}
		k := m.c.Keys
		switch {
		case key.Matches(msg, k.Up):
			m.cursor = max(m.cursor-1, 0)
		case key.Matches(msg, k.Down):
			m.cursor = min(m.cursor+1, max(len(m.entries)-1, 0))
		case key.Matches(msg, k.Top):
			m.cursor = 0
		case key.Matches(msg, k.Bottom):
			m.cursor = max(len(m.entries)-1, 0)
		case key.Matches(msg, m.done):
			return m.markDone(m.keptAt())
		case msg.String() == "enter":
			if m.cursor < len(m.entries) {
				e := m.entries[m.cursor]
				if e.kept != nil {
					m.page = &e
					return nil
				}
				if e.kind == inboxCancelled {
					return m.cancellationSeen(e)
				}
				return kit.OpenCmd(e.kind, e.id, e.anchor)
			}
		case msg.String() == "esc", msg.String() == "q", key.Matches(msg, k.Inbox):
			return closeLayer
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			m.cursor = max(m.cursor-1, 0)
		} else {
			m.cursor = min(m.cursor+1, max(len(m.entries)-1, 0))
		}
	}
	return nil
}

// inboxCancelled is the kind of an entry that says an occurrence the
// person said they would come to was cancelled: enter marks it seen.
const inboxCancelled = "cancelled"

// cancellationSeen marks e seen, says so and reads the inbox again.
func (m *inbox) cancellationSeen(e inboxEntry) tea.Cmd {
	store, ctx, cat := m.c.Store, m.c.Ctx(), m.c.Cat
	text := cat.T("inbox.cancelled.seen", kit.Clean(e.title), cat.Date(e.start)+" "+cat.Clock(e.start))
	return tea.Batch(kit.StatusCmd(text, false), func() tea.Msg {
		if err := store.MarkCancellationSeen(ctx, e.id, e.start); err != nil {
			return kit.StatusMsg{Text: cat.Err(err), Err: true}
		}
		return m.load()
	})
}

// View lists the entries, two lines each, newest first.
func (m *inbox) View() string {
	if m.page != nil {
		return m.keptView()
	}
	st, cat := m.c.Styles, m.c.Cat
	head := " " + st.Title.Render(cat.T("inbox.title"))
	if m.loaded {
		head += "  " + st.Muted.Render(cat.T("count", len(m.entries)))
	}
	lines := []string{kit.Fit(head, m.width)}
	switch {
	case m.err != nil:
		lines = append(lines, " "+st.Error.Render(cat.Err(m.err)))
	case !m.loaded:
		lines = append(lines, " "+st.Muted.Render(cat.T("loading")))
	case len(m.entries) == 0:
		for _, l := range strings.Split(kit.WrapWords(cat.T("inbox.empty"), m.width-2), "\n") {
			lines = append(lines, " "+st.Muted.Render(l))
		}
	default:
		rows := max((m.height-1)/2, 1)
		if m.cursor < m.top {
			m.top = m.cursor
		} else if m.cursor >= m.top+rows {
			m.top = m.cursor - rows + 1
		}
		for i := m.top; i < min(m.top+rows, len(m.entries)); i++ {
			e := m.entries[i]
			label := cat.T("inbox.reply")
			switch {
			case e.kind == kit.OpenHandover && e.news != "":
				label = cat.T("inbox.hand." + e.news)
			case e.kind == kit.OpenHandover:
				label = cat.T("inbox.question")
			case e.kind == kit.OpenPlan:
				label = cat.T("inbox.plan." + e.planEvent)
				e.text = cat.StepComment(e.planEvent, e.text)
			case e.kind == inboxCancelled:
				label = cat.T("inbox.cancelled")
				e.text = cat.T("inbox.cancelled.text", cat.Date(e.start)+" "+cat.Clock(e.start))
			}
			if e.kept != nil {
				label = cat.T("kept.kind." + e.kept.Kind)
				e.text = cat.T(e.kept.Reason)
			}
			// The longest labels (後任に指名, 訓練で保留) fill the ten
			// cells: a space keeps them off the title.
			first := mark(i == m.cursor) + st.Badge.Render(kit.Fit(label, 10)) + " " + st.Title.Render(kit.Clean(e.title))
			second := "   " + st.Muted.Render(kit.Clean(e.who)+"  "+m.c.Cat.Ago(e.at)+"  ") + kit.Clean(e.text)
			lines = append(lines, kit.StyleRow(m.c.Styles, []string{first, second}, m.width, i == m.cursor, false)...)
		}
	}
	return kit.Block(strings.Join(lines, "\n"), m.width, m.height)
}
