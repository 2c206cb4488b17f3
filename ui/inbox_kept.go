package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// What a drill's merge kept aside comes to the inbox: a post edited on a
// laptop and in the shared database meanwhile (the laptop's version, an
// edit note), and a row that could not be applied (set aside, with the
// reason). The store shows each to its author, and all of them to
// administrators. Enter opens the row as the laptop had it, with the
// reason in words; enter again opens the thread, note or event it
// belongs to, esc goes back to the list. x marks the row done (dealt
// with), on the list or on its page: it leaves the inbox, everyone's.

type keptDoneMsg struct {
	inbox *inbox
	id    string
	err   error
}

// keptEntries are the rows merges kept for the viewer, as inbox entries; a
// store that knows nothing of drills has none. An anonymous post's author
// is labelled as everywhere (kit.AuthorName).
func keptEntries(store kit.Store, ctx context.Context, cat *kit.Catalog) ([]inboxEntry, error) {
	me := model.ViewerFrom(ctx)
	drills, ok := store.(model.DrillService)
	if !ok {
		return nil, nil
	}
	kept, err := drills.KeptRows(ctx, "")
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	var out []inboxEntry
	for i := range kept {
		k := &kept[i]
		if k.DoneAt != nil {
			continue
		}
		who, ok := names[k.AuthorID]
		if !ok && k.AuthorID != "" {
			if s, err := store.StaffByID(ctx, k.AuthorID); err == nil {
				who = s.Name
			}
			names[k.AuthorID] = who
		}
		if k.Anonymous {
			who = kit.AuthorName(cat, who, true, k.AuthorID != "" && k.AuthorID == me)
		}
		out = append(out, inboxEntry{kept: k, title: keptTitle(k), who: who, at: k.CreatedAt})
	}
	return out, nil
}

// keptTitle is a kept row's title, or the first line of its text.
func keptTitle(k *model.KeptRow) string {
	if t := strings.TrimSpace(k.Title); t != "" {
		return t
	}
	first, _, _ := strings.Cut(strings.TrimSpace(k.Body), "\n")
	return first
}

// keptTargets are where a kept row of a table opens: the kind of thing
// and the table that names it in words.
var keptTargets = map[string][2]string{
	"threads": {kit.OpenThread, "threads"}, "replies": {kit.OpenThread, "threads"},
	"handovers": {kit.OpenHandover, "handovers"}, "handover_sections": {kit.OpenHandover, "handovers"},
	"handover_questions": {kit.OpenHandover, "handovers"}, "handover_revisions": {kit.OpenHandover, "handovers"},
	"events": {kit.OpenEvent, "events"}, "event_exceptions": {kit.OpenEvent, "events"}, "rsvps": {kit.OpenEvent, "events"},
}

// keptAt is the kept row open or under the cursor, or nil.
func (m *inbox) keptAt() *model.KeptRow {
	if m.page != nil {
		return m.page.kept
	}
	if m.cursor < len(m.entries) {
		return m.entries[m.cursor].kept
	}
	return nil
}

// markDone asks the store to mark k done; nil when there is no kept row
// or the store knows nothing of drills.
func (m *inbox) markDone(k *model.KeptRow) tea.Cmd {
	drills, ok := m.c.Store.(model.DrillService)
	if k == nil || !ok {
		return nil
	}
	ctx, id := m.c.Ctx(), k.ID
	return func() tea.Msg { return keptDoneMsg{inbox: m, id: id, err: drills.SetKeptDone(ctx, id, true)} }
}

// keptDone takes a row marked done out of the list, and closes its page;
// a refusal goes to the status line.
func (m *inbox) keptDone(msg keptDoneMsg) tea.Cmd {
	if msg.err != nil {
		return kit.StatusCmd(m.c.Cat.Err(msg.err), true)
	}
	if m.page != nil && m.page.kept.ID == msg.id {
		m.page, m.pageTop = nil, 0
	}
	out := m.entries[:0]
	for _, e := range m.entries {
		if e.kept == nil || e.kept.ID != msg.id {
			out = append(out, e)
		}
	}
	m.entries = out
	m.cursor = min(m.cursor, max(len(m.entries)-1, 0))
	return nil
}

// keptKey takes the keys while a kept row is open.
func (m *inbox) keptKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case msg.String() == "esc", msg.String() == "q":
		m.page, m.pageTop = nil, 0
	case msg.String() == "enter":
		if t, ok := keptTargets[m.page.kept.Table]; ok && m.page.kept.TargetID != "" {
			return kit.OpenCmd(t[0], m.page.kept.TargetID, "")
		}
	case key.Matches(msg, m.done):
		return m.markDone(m.page.kept)
	case key.Matches(msg, k.Down):
		m.pageTop++
	case key.Matches(msg, k.Up):
		m.pageTop = max(m.pageTop-1, 0)
	}
	return nil
}

// keptView draws the open kept row in exactly the inbox's size: what it
// is, who wrote it, when it was merged, why it was kept, and the text.
func (m *inbox) keptView() string {
	st, cat, k := m.c.Styles, m.c.Cat, m.page.kept
	w := m.width
	table := cat.T("merge.table." + k.Table)
	lines := []string{
		kit.Fit(" "+st.Title.Render(cat.T("kept.title")), w),
		kit.Fit(" "+st.Badge.Render(cat.T("kept.kind."+k.Kind))+" "+cat.T("kept.what", table, kit.Clean(keptTitle(k))), w),
	}
	if who := m.page.who; who != "" {
		lines = append(lines, " "+st.Muted.Render(cat.T("kept.author", kit.Clean(who))))
	}
	lines = append(lines, " "+st.Muted.Render(cat.T("kept.merged", cat.Date(k.CreatedAt)+" "+cat.Clock(k.CreatedAt))), "",
		" "+st.Heading.Render(cat.T("kept.reason")))
	for _, l := range strings.Split(kit.WrapWords(cat.T(k.Reason), w-2), "\n") {
		lines = append(lines, " "+l)
	}
	lines = append(lines, "", " "+st.Heading.Render(cat.T("kept.text")))
	var text []string
	if t := strings.TrimSpace(k.Title); t != "" {
		text = append(text, st.Title.Render(kit.Clean(t)))
	}
	body := strings.TrimSpace(model.CleanText(k.Body))
	if body == "" && len(text) == 0 {
		body = cat.T("kept.empty")
	}
	for _, para := range strings.Split(body, "\n") {
		text = append(text, strings.Split(kit.WrapWords(para, w-2), "\n")...)
	}
	room := max(m.height-len(lines)-1, 1)
	m.pageTop = min(m.pageTop, max(len(text)-room, 0))
	for _, l := range text[m.pageTop:min(len(text), m.pageTop+room)] {
		lines = append(lines, " "+l)
	}
	help := cat.T("kept.back")
	if t, ok := keptTargets[k.Table]; ok && k.TargetID != "" {
		help = cat.T("kept.open", cat.T("merge.table."+t[1]))
	}
	body = kit.Block(strings.Join(lines, "\n"), w, m.height-1)
	return body + "\n" + kit.Fit(" "+st.Muted.Render(help), w)
}
