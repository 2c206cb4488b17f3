package people

import (
	"context"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// A pair's private space: who the other is, the 面談 (n schedules, d
// cancels), the twice-yearly three questions (f), and the thread (r
// writes). The store opens it to the two alone; to anyone else the pair
// does not exist.

// spaceData is what a space's document shows.
type spaceData struct {
	entry    fellowEntry
	messages []model.PairMessage
	meetings []model.PairMeeting
	answers  []model.PairFeedback // the viewer's own, newest half year first
	now      time.Time
}

// Anchors of a space: where the first message not read yet begins, the
// 面談; and its end, which is no line.
const (
	anchorNew      = "new"
	anchorMeetings = "meetings"
	anchorEnd      = "end"
)

// maxMessagesShown bounds what one render of a space reads.
const maxMessagesShown = 500

// load reads a pair's thread and 面談; an invitation needs nothing more.
func (v *fellowsView) load(ctx context.Context, e fellowEntry) (spaceData, error) {
	d := spaceData{entry: e, now: v.c.Now()}
	if e.pair == nil {
		return d, nil
	}
	var err error
	if d.messages, err = v.c.Store.PairMessages(ctx, e.pair.ID, 0, maxMessagesShown); err != nil {
		return d, err
	}
	if d.meetings, err = v.c.Store.PairMeetings(ctx, e.pair.ID); err != nil {
		return d, err
	}
	d.answers, err = v.c.Store.MyFeedback(ctx, e.pair.ID)
	return d, err
}

// answered returns the viewer's answer for the half year of now, if any.
func (d spaceData) answered(now time.Time) *model.PairFeedback {
	if len(d.answers) > 0 && d.answers[0].Period == model.FeedbackPeriod(now) {
		return &d.answers[0]
	}
	return nil
}

// other is the other of the pair and what they are to the viewer.
func (e fellowEntry) other(cat *kit.Catalog) (model.Staff, string) {
	if e.meFirst {
		return e.pair.Fellow, cat.T("fellows.role.fellow")
	}
	return e.pair.Junior, cat.T("fellows.role.junior")
}

// period names a feedback half year ("2026-2") in words.
func period(cat *kit.Catalog, p string) string {
	y, half, _ := strings.Cut(p, "-")
	n, _ := strconv.Atoi(y)
	return cat.T("fellows.period."+half, n)
}

// renderSpace draws a pair's space, or an invitation, at w cells.
func renderSpace(d spaceData, w int, cat *kit.Catalog, st kit.Styles) kit.Document {
	pg := newPage(w)
	plain := lipgloss.NewStyle()
	if inv := d.entry.invite; inv != nil {
		pg.wrap(0, st.Heading, kit.Clean(inv.Title))
		pg.line(st.Muted.Render(cat.T("fellows.kind."+string(inv.Kind)) + "  " + cat.T("people.year", inv.FiscalYear)))
		pg.line("")
		if inv.Invitation == model.InvitationAccepted {
			pg.wrap(0, plain, cat.T("fellows.waiting.text"))
			pg.line("")
			pg.wrap(0, st.Key, cat.T("fellows.waiting.how"))
			return pg.document()
		}
		pg.wrap(0, plain, cat.T("fellows.invite.text."+string(inv.Kind)))
		pg.line("")
		pg.wrap(0, st.Key, cat.T("fellows.invite.how"))
		return pg.document()
	}
	x := d.entry.pair
	other, role := d.entry.other(cat)
	pg.wrap(0, st.Heading, cat.T("fellows.space.title", kit.Clean(other.Name)))
	pg.line(st.Muted.Render(role + "  " + kit.Clean(other.Municipality) + " " + kit.Clean(other.Department)))
	pg.wrap(0, st.Muted, kit.Clean(x.Programme))
	if x.ConfirmedAt != nil {
		pg.line(st.Muted.Render(cat.T("fellows.since", cat.DateYMD(*x.ConfirmedAt))))
	}
	if len(x.SharedTopics) > 0 {
		pg.wrap(0, st.Muted, cat.T("fellows.shared", kit.Clean(strings.Join(x.SharedTopics, cat.T("list.sep")))))
	}
	pg.wrap(0, st.BadgeGood, cat.T("fellows.private.long"))
	if x.Status == model.PairEnded {
		when := ""
		if x.EndedAt != nil {
			when = cat.DateYMD(*x.EndedAt)
		}
		pg.wrap(0, st.Error, cat.T("fellows.ended.at", when, cat.T("fellows.ended.by."+x.EndedBy)))
		if x.EndReason != "" {
			pg.wrap(2, st.Muted, kit.Clean(x.EndReason))
		}
	}

	pg.line("")
	pg.anchor(anchorMeetings)
	pg.line(st.Title.Render(cat.T("fellows.meetings")))
	meetingLines(d, pg, cat, st)

	pg.line("")
	pg.line(st.Title.Render(cat.T("fellows.feedback")))
	if d.answered(d.now) == nil {
		pg.wrap(2, plain, cat.T("fellows.feedback.now", period(cat, model.FeedbackPeriod(d.now))))
	} else {
		pg.wrap(2, plain, cat.T("fellows.feedback.again", period(cat, model.FeedbackPeriod(d.now))))
	}
	// What the viewer answered, each half year: theirs to read again. The
	// comment, written for administrators alone, shows only in the form
	// (f): the two may look at this page together.
	for _, f := range d.answers {
		line := cat.T("fellows.feedback.mine", period(cat, f.Period), f.Ease, f.Useful, f.Continue)
		if f.Comment != "" {
			line += cat.T("fellows.feedback.commented")
		}
		pg.wrap(2, st.Muted, line)
	}

	pg.line("")
	pg.line(st.Title.Render(cat.T("fellows.messages", len(d.messages))))
	// The other's last Unread messages are the new ones.
	newFrom := len(d.messages)
	for i, left := len(d.messages)-1, x.Unread; i >= 0 && left > 0; i-- {
		if d.messages[i].Author.ID == other.ID {
			newFrom, left = i, left-1
		}
	}
	for i, m := range d.messages {
		head := "  " + st.Title.Render(kit.Clean(m.Author.Name)) + "  " + st.Muted.Render(cat.Date(m.CreatedAt)+" "+cat.Clock(m.CreatedAt))
		if i >= newFrom && m.Author.ID == other.ID {
			if i == newFrom {
				pg.anchor(anchorNew)
			}
			head += "  " + st.BadgeWarn.Render(cat.T("fellows.new"))
		}
		pg.line(head)
		body := kit.RenderMarkdown(m.Body, max(w-4, 10), cat)
		for _, l := range strings.Split(strings.Trim(body, "\n"), "\n") {
			pg.line("    " + l)
		}
		pg.line("")
	}
	if len(d.messages) == 0 {
		pg.line("  " + st.Muted.Render(cat.T("fellows.messages.none")))
	}
	return pg.document()
}

// meetingLines draws the 面談: the last few held, then those ahead.
func meetingLines(d spaceData, pg *page, cat *kit.Catalog, st kit.Styles) {
	const pastShown = 3
	var ahead, past []model.PairMeeting
	for _, m := range d.meetings {
		if m.Start.After(d.now) {
			ahead = append(ahead, m)
		} else {
			past = append(past, m)
		}
	}
	if len(past) > pastShown {
		pg.line("  " + st.Muted.Render(cat.T("fellows.meetings.more", len(past)-pastShown)))
		past = past[len(past)-pastShown:]
	}
	if len(ahead)+len(past) == 0 {
		pg.line("  " + st.Muted.Render(cat.T("fellows.meetings.none")))
	}
	for _, m := range append(past, ahead...) {
		state := st.Muted.Render(cat.T("fellows.meeting.held"))
		switch {
		case m.Cancelled:
			state = st.Error.Render(cat.T("fellows.meeting.cancelled"))
		case m.Start.After(d.now):
			state = st.BadgeGood.Render(cat.T("fellows.meeting.ahead"))
		}
		when := cat.Date(m.Start) + " " + cat.Clock(m.Start) + "-" + cat.Clock(m.End)
		pg.line("  " + when + "  " + state)
		if m.Place != "" {
			pg.wrap(4, st.Muted, kit.Clean(m.Place))
		}
		if m.Note != "" {
			pg.wrap(4, st.Muted, kit.Clean(m.Note))
		}
	}
}

// pairKey runs a key on a pair; used is false for keys that are not a
// pair's.
// pairRefusal says why pair x takes no message, 面談 or end now: a
// read-only copy, or a pair that has ended; nil when it does.
func (v *fellowsView) pairRefusal(x *model.Pair) tea.Cmd {
	cat := v.c.Cat
	switch {
	case v.c.ReadOnly:
		return kit.StatusCmd(cat.T("readonly.cannot"), true)
	case x.Status != model.PairConfirmed:
		return kit.StatusCmd(cat.T("fellows.ended.cannot"), true)
	}
	return nil
}

// hasCommunity reports whether c opens the fellows' community from e: a
// fellow's pair in a programme that has one.
func (e fellowEntry) hasCommunity() bool {
	return !e.meFirst && e.prog != nil && e.prog.CommunityID != ""
}

// ahead is the space's 面談 still to come, not cancelled: what d cancels.
func (d spaceData) ahead(now time.Time) []model.PairMeeting {
	var out []model.PairMeeting
	for _, m := range d.meetings {
		if !m.Cancelled && m.Start.After(now) {
			out = append(out, m)
		}
	}
	return out
}

// spaceHelp is the key line of e's space read in the pane (enter):
// scrolling, back, and the keys that act there for the viewer (pairKey's
// rules).
func (v *fellowsView) spaceHelp(e fellowEntry) []key.Binding {
	k, fk := v.c.Keys, v.keys
	out := []key.Binding{k.Up, k.Back}
	if e.invite != nil {
		if e.invite.Invitation == model.InvitationAccepted && e.invite.CommunityID != "" {
			out = append(out, fk.Community)
		}
		return out
	}
	running := v.pairRefusal(e.pair) == nil
	if running {
		out = append(out, fk.Write, fk.Meet)
	}
	if !v.c.ReadOnly {
		out = append(out, fk.Answer)
	}
	if d, ok := v.b.Doc.Shown(); running && ok && d.entry.pair != nil && d.entry.pair.ID == e.pair.ID && len(d.ahead(v.c.Now())) > 0 {
		out = append(out, fk.Cancel)
	}
	if running {
		out = append(out, fk.End)
	}
	if e.hasCommunity() {
		out = append(out, fk.Community)
	}
	return append(out, k.Profile)
}

func (v *fellowsView) pairKey(msg tea.KeyPressMsg, e fellowEntry) (tea.Cmd, bool) {
	cat, store, ctx := v.c.Cat, v.c.Store, v.c.Ctx()
	x := e.pair
	other, _ := e.other(cat)
	running := func() tea.Cmd { return v.pairRefusal(x) }
	switch {
	case key.Matches(msg, v.keys.Write):
		if cmd := running(); cmd != nil {
			return cmd, true
		}
		text := kit.NewTextForm(v.c, cat.T("fellows.write.title", kit.Clean(other.Name)), "", "pair:"+x.ID, model.MaxPairMessageLen,
			func(ctx context.Context, body string) (string, error) {
				_, err := store.PostPairMessage(ctx, x.ID, body)
				return cat.T("fellows.posted", kit.Clean(other.Name)), err
			}, func() tea.Cmd {
				v.scrollTo = anchorEnd
				return tea.Batch(v.b.List.Reload(v.c.Ctx()), v.b.Refresh())
			})
		text.Help = cat.T("fellows.write.help")
		v.show(text, v.width, v.height)
		return text.Init(), true
	case key.Matches(msg, v.keys.Meet):
		if cmd := running(); cmd != nil {
			return cmd, true
		}
		v.show(newMeetingForm(v.c, *x, other), v.width, v.height)
		return nil, true
	case key.Matches(msg, v.keys.Cancel):
		if cmd := running(); cmd != nil {
			return cmd, true
		}
		return v.cancelMeeting(e), true
	case key.Matches(msg, v.keys.Answer):
		if v.c.ReadOnly {
			return kit.StatusCmd(cat.T("readonly.cannot"), true), true
		}
		var before *model.PairFeedback
		if d, ok := v.b.Doc.Shown(); ok && d.entry.pair != nil && d.entry.pair.ID == x.ID {
			before = d.answered(v.c.Now())
		}
		v.show(newFeedbackForm(v.c, *x, other, before), v.width, v.height)
		return nil, true
	case key.Matches(msg, v.keys.End):
		if cmd := running(); cmd != nil {
			return cmd, true
		}
		v.ask = prompt(cat.T("fellows.end.title", kit.Clean(other.Name)), cat.T("fellows.end.help"), model.MaxEndReasonLen,
			func(reason string) tea.Cmd {
				var cmd tea.Cmd
				v.ask, cmd = confirm(cat.T("fellows.end.ask", kit.Clean(other.Name)), func() tea.Cmd {
					return func() tea.Msg {
						return pairChangedMsg{text: cat.T("fellows.end.done", kit.Clean(other.Name)), err: store.EndPair(ctx, x.ID, reason)}
					}
				})
				return cmd
			})
		v.ask.check = func(s string) string {
			if s == "" {
				return cat.T("err.pair.reason")
			}
			return ""
		}
		return nil, true
	case key.Matches(msg, v.keys.Community):
		if !e.hasCommunity() {
			return kit.StatusCmd(cat.T("fellows.community.fellows"), true), true
		}
		return kit.OpenCmd(kit.OpenCommunity, e.prog.CommunityID, ""), true
	case key.Matches(msg, v.c.Keys.Profile):
		return kit.OpenCmd(kit.OpenPerson, other.ID, ""), true
	}
	return nil, false
}

// cancelMeeting asks which 面談 ahead to cancel, then whether to, naming
// its date.
func (v *fellowsView) cancelMeeting(e fellowEntry) tea.Cmd {
	cat, store, ctx := v.c.Cat, v.c.Store, v.c.Ctx()
	d, ok := v.b.Doc.Shown()
	if !ok || d.entry.pair == nil || d.entry.pair.ID != e.pair.ID {
		return kit.StatusCmd(cat.T("loading"), false)
	}
	var opts []kit.Option
	when := map[string]string{}
	for _, m := range d.ahead(v.c.Now()) {
		w := cat.Date(m.Start) + " " + cat.Clock(m.Start)
		when[m.ID] = w
		opts = append(opts, kit.Option{Value: m.ID, Label: w + "  " + kit.Clean(m.Place)})
	}
	if len(opts) == 0 {
		return kit.StatusCmd(cat.T("fellows.cancel.none"), true)
	}
	v.ask = pick(cat.T("fellows.cancel.pick"), opts, false, func(o kit.Option) tea.Cmd {
		var cmd tea.Cmd
		v.ask, cmd = confirm(cat.T("fellows.cancel.ask", when[o.Value]), func() tea.Cmd {
			return func() tea.Msg {
				return pairChangedMsg{text: cat.T("fellows.cancel.done", when[o.Value]), scrollTo: anchorMeetings, err: store.CancelPairMeeting(ctx, o.Value)}
			}
		})
		return cmd
	})
	return nil
}
