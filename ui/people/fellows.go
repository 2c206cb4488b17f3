package people

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// fellowsView is the viewer's fellow and mentor pairs, and the
// invitations to stand as a fellow waiting for their answer. A pair's
// private space shows beside the list: its 面談 and its thread, which the
// two alone can read.
type fellowsView struct {
	c    *kit.Common
	b    *kit.Browser[fellowEntry, spaceData]
	keys fellowKeys
	over
	marked map[string]int // pairs marked read, at how many unread
	// scrollTo is where the space shows once it is drawn again: its end
	// after the viewer wrote, its 面談 after they changed one.
	scrollTo string
	width    int
	height   int
}

// fellowEntry is a row: a pair of the viewer's, or an invitation.
type fellowEntry struct {
	pair    *model.Pair
	invite  *model.Programme
	next    *model.PairMeeting // the pair's next 面談
	prog    *model.Programme   // the pair's programme, when the viewer sees it
	meFirst bool               // the viewer is the junior
}

type fellowKeys struct {
	Write, Meet, Cancel, Answer, End, Community key.Binding
}

type (
	pairsReadMsg   struct{}
	pairChangedMsg struct {
		text     string
		scrollTo string // an anchor of the space to show after
		err      error
	}
)

func newFellowsView(c *kit.Common) *fellowsView {
	v := &fellowsView{c: c, marked: map[string]int{}}
	render := func(d spaceData, w int) kit.Document { return renderSpace(d, w, c.Cat, c.Styles) }
	v.b = kit.NewBrowser(c, kit.NewPagedList(v.loader()), render, 2, "fellows.empty")
	v.b.IDOf = func(e fellowEntry) string {
		if e.invite != nil {
			return "invite:" + e.invite.ID + "/" + e.invite.Invitation
		}
		return e.pair.ID + "/" + fmt.Sprint(e.pair.Unread, e.pair.Status)
	}
	v.b.Row = v.row
	v.b.Load = v.load
	b := func(help, k string) key.Binding {
		return key.NewBinding(key.WithKeys(k), key.WithHelp(k, c.Cat.T(help)))
	}
	v.keys = fellowKeys{
		Write: b("fellows.key.write", "r"), Meet: b("fellows.key.meet", "n"), Cancel: b("fellows.key.cancel", "d"),
		Answer: b("fellows.key.answer", "f"), End: b("fellows.key.end", "E"), Community: b("fellows.key.community", "c"),
	}
	return v
}

// meetingsAhead is how far ahead a row looks for its next 面談.
const meetingsAhead = 366 * 24 * time.Hour

// loader reads the invitations waiting, then the pairs, running first.
func (v *fellowsView) loader() kit.PageLoader[fellowEntry] {
	c := v.c
	return func(ctx context.Context, offset, limit int) ([]fellowEntry, int, error) {
		if offset > 0 {
			return nil, 0, nil
		}
		entries, err := myEntries(ctx, c)
		return entries, len(entries), err
	}
}

func myEntries(ctx context.Context, c *kit.Common) ([]fellowEntry, error) {
	store, me := c.Store, c.Me.ID
	progs, err := store.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	pairs, err := store.MyPairs(ctx)
	if err != nil {
		return nil, err
	}
	now := c.Now()
	meetings, err := store.MyPairMeetings(ctx, now, now.Add(meetingsAhead))
	if err != nil {
		return nil, err
	}
	byID := map[string]*model.Programme{}
	paired := map[string]bool{}
	for _, x := range pairs {
		paired[x.ProgrammeID] = true
	}
	var out []fellowEntry
	for i := range progs {
		p := &progs[i]
		byID[p.ID] = p
		// Waiting for the viewer's answer, or accepted and waiting for a
		// junior.
		waiting := p.Invitation == model.InvitationPending || p.Invitation == model.InvitationAccepted && !paired[p.ID]
		if waiting && p.Status == model.ProgrammeOpen {
			out = append(out, fellowEntry{invite: p})
		}
	}
	for i := range pairs {
		x := &pairs[i]
		e := fellowEntry{pair: x, prog: byID[x.ProgrammeID], meFirst: x.Junior.ID == me}
		for j := range meetings {
			if meetings[j].PairID == x.ID && meetings[j].Start.After(now) {
				e.next = &meetings[j]
				break
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func (v *fellowsView) Init() tea.Cmd { return v.b.Start() }

func (v *fellowsView) SetSize(w, h int) tea.Cmd {
	v.width, v.height = w, h
	if v.form != nil {
		v.form.SetSize(w, h)
	}
	return v.b.SetSize(w, h)
}

func (v *fellowsView) Capturing() bool { return v.capturing() }
func (v *fellowsView) Dirty() bool     { return v.dirty() }

// flush saves a message being written at once.
func (v *fellowsView) flush() tea.Cmd {
	if t, ok := v.form.(*kit.TextForm); ok {
		return t.Flush()
	}
	return nil
}

func (v *fellowsView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case kit.OpenMsg:
		return v.open(msg.ID)
	case pairChangedMsg:
		if msg.err != nil {
			if v.failed(msg.err) {
				return nil
			}
			return kit.StatusCmd(v.c.Cat.Err(msg.err), true)
		}
		v.form = nil
		v.scrollTo = msg.scrollTo
		return tea.Batch(kit.StatusCmd(msg.text, false), v.b.List.Reload(v.c.Ctx()), v.b.Refresh())
	case kit.DataChangedMsg:
		_, cmd := v.b.Update(msg)
		return tea.Batch(cmd, v.b.Refresh())
	}
	if cmd, used := v.route(v.c, msg, v.key); used {
		return cmd
	}
	_, cmd := v.b.Update(msg)
	if v.b.Doc.Owns(msg) {
		return tea.Batch(cmd, v.shown())
	}
	return cmd
}

// shown runs once a space is drawn: it scrolls to the first new message
// and marks the pair read.
func (v *fellowsView) shown() tea.Cmd {
	d, ok := v.b.Doc.Shown()
	if !ok || d.entry.pair == nil {
		return nil
	}
	switch v.scrollTo {
	case "":
	case anchorEnd:
		v.b.Doc.Pane.Bottom()
	default:
		for _, a := range v.b.Doc.Anchors() {
			if a.ID == v.scrollTo {
				v.b.Doc.Pane.ScrollTo(a.Line)
			}
		}
	}
	v.scrollTo = ""
	x := d.entry.pair
	if x.Unread == 0 || v.marked[x.ID] == x.Unread {
		return nil
	}
	v.marked[x.ID] = x.Unread
	for _, a := range v.b.Doc.Anchors() {
		if a.ID == anchorNew {
			v.b.Doc.Pane.ScrollTo(max(a.Line-1, 0))
		}
	}
	store, ctx, id := v.c.Store, v.c.Ctx(), x.ID
	// The row says it is read; the space keeps the new ones marked.
	v.b.List.Edit(func(e *fellowEntry) {
		if e.pair != nil && e.pair.ID == id {
			read := *e.pair
			read.Unread = 0
			e.pair = &read
		}
	})
	return func() tea.Msg {
		if err := store.MarkPairRead(ctx, id); err != nil {
			return kit.StatusMsg{Text: v.c.Cat.Err(err), Err: true}
		}
		return pairsReadMsg{}
	}
}

// open shows one pair at its 面談, asked for from the calendar: only a
// pair of the viewer's is found.
func (v *fellowsView) open(pairID string) tea.Cmd {
	c := v.c
	v.scrollTo = anchorMeetings
	return v.b.Open(func(ctx context.Context) (*fellowEntry, error) {
		entries, err := myEntries(ctx, c)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.pair != nil && e.pair.ID == pairID {
				return &e, nil
			}
		}
		return nil, model.Keyed(model.ENOTFOUND, "err.pair.not_found", "この組は見つかりません")
	})
}

// current is the entry the keys act on: the one shown in the space, else
// the selected row.
func (v *fellowsView) current() (fellowEntry, bool) {
	if d, ok := v.b.Doc.Shown(); ok {
		return d.entry, true
	}
	return v.b.List.Selected()
}

func (v *fellowsView) key(msg tea.KeyPressMsg) tea.Cmd {
	e, ok := v.current()
	if ok && e.invite != nil {
		switch {
		case e.invite.Invitation == model.InvitationPending && (msg.String() == "enter" || key.Matches(msg, v.keys.Answer)):
			return v.answerInvitation(*e.invite)
		case key.Matches(msg, v.keys.Community) && e.invite.Invitation == model.InvitationAccepted:
			return kit.OpenCmd(kit.OpenCommunity, e.invite.CommunityID, "")
		}
	}
	if ok && e.pair != nil {
		if cmd, used := v.pairKey(msg, e); used {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, v.keys.Write, v.keys.Meet, v.keys.Cancel, v.keys.Answer, v.keys.End, v.c.Keys.Profile):
		return kit.StatusCmd(v.c.Cat.T("fellows.none.selected"), true)
	}
	_, cmd := v.b.Update(msg)
	return cmd
}

// answerInvitation asks the invited senior for their answer, y or n.
func (v *fellowsView) answerInvitation(p model.Programme) tea.Cmd {
	store, ctx, cat := v.c.Store, v.c.Ctx(), v.c.Cat
	answer := func(yes bool) tea.Cmd {
		return func() tea.Msg {
			text := cat.T("fellows.invite.declined", kit.Clean(p.Title))
			if yes {
				text = cat.T("fellows.invite.accepted", kit.Clean(p.Title))
			}
			return pairChangedMsg{text: text, err: store.AnswerInvitation(ctx, p.ID, yes)}
		}
	}
	return kit.ConfirmOr(cat.T("fellows.invite.ask", kit.Clean(p.Title)), answer(true), answer(false))
}

func (v *fellowsView) View() string {
	return v.view(v.c, func() string {
		st, cat := v.c.Styles, v.c.Cat
		v.b.Header = kit.Fit(" "+st.Title.Render(cat.T("fellows.title"))+"  "+st.Muted.Render(cat.T("fellows.private")), v.width)
		return v.b.View()
	}, v.width, v.height)
}

func (v *fellowsView) Cursor() *tea.Cursor { return v.cursor(v.c, v.width, v.height) }

func (v *fellowsView) ShortHelp() []key.Binding {
	if v.Capturing() {
		return v.help(v.c.Keys)
	}
	k := v.c.Keys
	e, ok := v.current()
	if ok && e.invite != nil && e.invite.Invitation == model.InvitationPending {
		return []key.Binding{k.Up, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", v.c.Cat.T("fellows.key.reply")))}
	}
	if ok && v.b.FocusDetail {
		return v.spaceHelp(e)
	}
	return []key.Binding{k.Up, k.Open, v.keys.Write, v.keys.Meet, v.keys.Answer}
}

func (v *fellowsView) FullHelp() [][]key.Binding {
	k := v.c.Keys
	return [][]key.Binding{v.b.ListHelp(), {v.keys.Write, v.keys.Meet, v.keys.Cancel, v.keys.Answer, v.keys.End, v.keys.Community, k.Profile}}
}

// row draws an entry in two lines: who, and what comes next.
func (v *fellowsView) row(e fellowEntry, w int, selected bool) []string {
	st, cat := v.c.Styles, v.c.Cat
	if e.invite != nil {
		badge, note := cat.T("fellows.invite"), cat.T("fellows.invite.row")
		if e.invite.Invitation == model.InvitationAccepted {
			badge, note = cat.T("fellows.accepted"), cat.T("fellows.waiting.row")
		}
		first := " " + st.BadgeWarn.Render(badge) + "  " + st.Title.Render(kit.Clean(e.invite.Title))
		second := "   " + st.Muted.Render(note)
		return kit.StyleRow(st, []string{first, second}, w, selected, v.b.FocusDetail)
	}
	x, other, role := e.pair, e.pair.Fellow, cat.T("fellows.role.fellow")
	if !e.meFirst {
		other, role = x.Junior, cat.T("fellows.role.junior")
	}
	badge := ""
	if x.Unread > 0 {
		badge = st.BadgeWarn.Render(cat.T("fellows.unread", x.Unread))
	}
	name := " " + st.Title.Render(kit.Clean(other.Name)) + "  " + st.Muted.Render(role+"  "+kit.Clean(other.Municipality))
	name = kit.Clip(name, w-kit.Width(badge)-2)
	first := name + kit.Fit("", max(w-kit.Width(name)-kit.Width(badge)-1, 1)) + badge
	var second string
	switch {
	case x.Status == model.PairEnded:
		second = st.Muted.Render(cat.T("fellows.ended"))
	case e.next != nil:
		second = st.Badge.Render(cat.T("fellows.next", cat.Date(e.next.Start)+" "+cat.Clock(e.next.Start)))
	default:
		second = st.Muted.Render(cat.T("fellows.no.next"))
	}
	return kit.StyleRow(st, []string{first, "   " + second}, w, selected, v.b.FocusDetail)
}
