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
// administrators, named as the laptop named them when they were
// registered there. A row with no title of its own (a follow, a read
// mark) is titled by what it is and what it belongs to. Enter opens the
// row as the laptop had it, with the reason in words; enter again opens
// the thread, note, event or community it belongs to, where the shared
// database has one (a thread written on the laptop and set aside has
// none), esc goes back to the list. x marks the row done (dealt with),
// on the list or on its page: it leaves the inbox, everyone's.

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
	var out []inboxEntry
	for i := range kept {
		k := &kept[i]
		if k.DoneAt != nil {
			continue
		}
		who := k.AuthorName
		if k.Anonymous {
			who = kit.AuthorName(cat, who, true, k.AuthorID != "" && k.AuthorID == me)
		}
		out = append(out, inboxEntry{kept: k, title: keptTitle(cat, k), who: who, at: k.CreatedAt})
	}
	return out, nil
}

// keptOwnTitle is a kept row's title, or the first line of its text; ""
// for a row with neither (a follow, a read mark).
func keptOwnTitle(k *model.KeptRow) string {
	if t := strings.TrimSpace(k.Title); t != "" {
		return t
	}
	first, _, _ := strings.Cut(strings.TrimSpace(k.Body), "\n")
	return first
}

// keptTitle is a kept row's own title, or else what it is and what it
// belongs to: フォロー「避難所の受付で困ったこと」.
func keptTitle(cat *kit.Catalog, k *model.KeptRow) string {
	if t := keptOwnTitle(k); t != "" {
		return t
	}
	what := cat.T("merge.table." + k.Table)
	if t := strings.TrimSpace(k.TargetTitle); t != "" {
		return cat.T("kept.about", what, t)
	}
	return what
}

// keptOpens is the kind of thing each table of the shared database holds,
// for what a kept row belongs to (KeptRow.TargetTable).
var keptOpens = map[string]string{
	"threads": kit.OpenThread, "handovers": kit.OpenHandover, "events": kit.OpenEvent, "communities": kit.OpenCommunity,
}

// keptOpensTarget reports whether enter on the kept row's page opens what
// it belongs to: only what the shared database has.
func keptOpensTarget(k *model.KeptRow) bool {
	_, ok := keptOpens[k.TargetTable]
	return ok && k.TargetID != ""
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
		if k := m.page.kept; keptOpensTarget(k) {
			return kit.OpenCmd(keptOpens[k.TargetTable], k.TargetID, "")
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
	what := keptTitle(cat, k)
	if own := keptOwnTitle(k); own != "" {
		what = cat.T("kept.what", cat.T("merge.table."+k.Table), own)
	}
	lines := []string{
		kit.Fit(" "+st.Title.Render(cat.T("kept.title")), w),
		kit.Fit(" "+st.Badge.Render(cat.T("kept.kind."+k.Kind))+" "+kit.Clean(what), w),
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
	if keptOpensTarget(k) {
		help = cat.T("kept.open", cat.T("merge.table."+k.TargetTable))
	}
	body = kit.Block(strings.Join(lines, "\n"), w, m.height-1)
	return body + "\n" + kit.Fit(" "+st.Muted.Render(help), w)
}
