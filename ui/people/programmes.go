package people

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// programmeView is the administrator's view of a fellow or mentor
// programme: its pairs and the juniors still without one, each pair's
// figures (when they last met, how many 面談, whether it lapsed) and
// answers, never what the two wrote. From here the administrator opens a
// programme, adds juniors, invites fellows, has hiroba propose pairs,
// swaps, fixes, pairs by hand, confirms, ends and closes. The store
// refuses all of it to anyone but an administrator.
type programmeView struct {
	c      *kit.Common
	progs  []model.Programme
	cur    string // the programme shown
	loaded bool
	err    error
	b      *kit.Browser[adminRow, adminRow]
	keys   programmeKeys
	over
	swapFrom *model.Pair // the first pair chosen for a swap
	width    int
	height   int
}

// adminRow is a pair with its figures, or a junior without a pair.
type adminRow struct {
	pair   *model.Pair
	stat   *model.PairStat
	junior *model.Staff
	now    int64 // when the figures were read, for the lapse
}

type programmeKeys struct {
	Choose, New, Junior, Invite, Propose, Pair, Fix, Swap, Unpair, Confirm, End, Close, People key.Binding
}

type (
	progsMsg struct {
		progs []model.Programme
		err   error
	}
	// adminDoneMsg reports a change; show is a programme to show after.
	adminDoneMsg struct {
		text, show string
		err        error
	}
	// staffMsg carries who a picker chooses among, for what.
	staffMsg struct {
		what    string // "junior", "fellow", "pair", "people"
		options []kit.Option
		row     adminRow
		err     error
	}
)

func newProgrammeView(c *kit.Common) *programmeView {
	v := &programmeView{c: c}
	render := func(r adminRow, w int) kit.Document { return renderAdminRow(r, w, c.Cat, c.Styles) }
	v.b = kit.NewBrowser(c, kit.NewPagedList(v.loader()), render, 2, "prog.empty.pairs")
	v.b.IDOf = func(r adminRow) string {
		if r.pair == nil {
			return "junior:" + r.junior.ID
		}
		s := ""
		if r.stat != nil {
			s = fmt.Sprint(r.stat.Meetings, r.stat.Messages, r.stat.LastMet, len(r.stat.Feedback))
		}
		return r.pair.ID + "/" + string(r.pair.Status) + r.pair.Fellow.ID + s
	}
	v.b.Row = v.row
	v.b.Load = func(_ context.Context, r adminRow) (adminRow, error) { return r, nil }
	b := func(help, k string) key.Binding {
		return key.NewBinding(key.WithKeys(k), key.WithHelp(k, c.Cat.T(help)))
	}
	v.keys = programmeKeys{
		Choose: b("prog.key.choose", "c"), New: b("prog.key.new", "n"), Junior: b("prog.key.junior", "J"),
		Invite: b("prog.key.invite", "I"), Propose: b("prog.key.propose", "p"), Pair: b("prog.key.pair", "P"),
		Fix: b("prog.key.fix", "f"), Swap: b("prog.key.swap", "w"), Unpair: b("prog.key.unpair", "d"),
		Confirm: b("prog.key.confirm", "C"), End: b("prog.key.end", "E"), Close: b("prog.key.close", "X"),
		People: b("prog.key.people", "L"),
	}
	return v
}

// loader reads the pairs of the programme shown, with the figures of the
// running and ended ones, and the juniors without a pair before the
// ended pairs.
func (v *programmeView) loader() kit.PageLoader[adminRow] {
	store, id, now := v.c.Store, v.cur, v.c.Now().Unix()
	return func(ctx context.Context, offset, limit int) ([]adminRow, int, error) {
		if offset > 0 || id == "" {
			return nil, 0, nil
		}
		pairs, err := store.Pairs(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		stats, err := store.ProgrammeStats(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		members, err := store.ProgrammeMembers(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		byPair := map[string]*model.PairStat{}
		for i := range stats {
			byPair[stats[i].PairID] = &stats[i]
		}
		var rows, ended []adminRow
		for i := range pairs {
			r := adminRow{pair: &pairs[i], stat: byPair[pairs[i].ID], now: now}
			if r.pair.Status == model.PairEnded {
				ended = append(ended, r)
			} else {
				rows = append(rows, r)
			}
		}
		for i := range members {
			if m := &members[i]; m.Role == model.RoleJunior && m.Load == 0 {
				rows = append(rows, adminRow{junior: &m.Staff, now: now})
			}
		}
		rows = append(rows, ended...)
		return rows, len(rows), nil
	}
}

func (v *programmeView) Init() tea.Cmd { return v.loadProgrammes() }

func (v *programmeView) loadProgrammes() tea.Cmd {
	store, ctx := v.c.Store, v.c.Ctx()
	return func() tea.Msg {
		ps, err := store.Programmes(ctx)
		return progsMsg{progs: ps, err: err}
	}
}

func (v *programmeView) SetSize(w, h int) tea.Cmd {
	v.width, v.height = w, h
	if v.form != nil {
		v.form.SetSize(w, h)
	}
	return v.b.SetSize(w, h)
}

func (v *programmeView) Capturing() bool { return v.capturing() }
func (v *programmeView) Dirty() bool     { return v.dirty() }

// programme is the programme shown.
func (v *programmeView) programme() (model.Programme, bool) {
	for _, p := range v.progs {
		if p.ID == v.cur {
			return p, true
		}
	}
	return model.Programme{}, false
}

// showProgramme shows programme id's pairs from the top.
func (v *programmeView) showProgramme(id string) tea.Cmd {
	v.cur, v.swapFrom = id, nil
	return v.b.Refilter(v.loader())
}

func (v *programmeView) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case progsMsg:
		v.loaded, v.err = true, msg.err
		v.progs = msg.progs
		if _, ok := v.programme(); !ok && len(v.progs) > 0 {
			return v.showProgramme(v.progs[0].ID)
		}
		return nil
	case adminDoneMsg:
		if msg.err != nil {
			if v.failed(msg.err) {
				return nil
			}
			return kit.StatusCmd(v.c.Cat.Err(msg.err), true)
		}
		v.form = nil
		cmds := []tea.Cmd{kit.StatusCmd(msg.text, false), v.loadProgrammes()}
		if msg.show != "" {
			cmds = append(cmds, v.showProgramme(msg.show))
		} else {
			cmds = append(cmds, v.b.List.Reload(v.c.Ctx()))
		}
		return tea.Batch(cmds...)
	case staffMsg:
		return v.staffChosen(msg)
	case kit.DataChangedMsg:
		_, cmd := v.b.Update(msg)
		return tea.Batch(cmd, v.loadProgrammes())
	}
	if cmd, used := v.route(v.c, msg, v.key); used {
		return cmd
	}
	_, cmd := v.b.Update(msg)
	return cmd
}

func (v *programmeView) View() string {
	return v.view(v.c, func() string {
		st, cat := v.c.Styles, v.c.Cat
		switch {
		case v.err != nil:
			return kit.Block(" "+st.Error.Render(cat.Err(v.err)), v.width, v.height)
		case !v.loaded:
			return kit.Block(" "+st.Muted.Render(cat.T("loading")), v.width, v.height)
		case len(v.progs) == 0:
			return kit.Block(" "+st.Muted.Render(cat.T("prog.none")), v.width, v.height)
		}
		v.b.Header = v.header()
		return v.b.View()
	}, v.width, v.height)
}

// header names the programme shown, its state and its counts.
func (v *programmeView) header() string {
	st, cat := v.c.Styles, v.c.Cat
	p, _ := v.programme()
	state := st.BadgeGood.Render(cat.T("prog.open"))
	if p.Status == model.ProgrammeClosed {
		state = st.Muted.Render(cat.T("prog.closed"))
	}
	counts := st.Muted.Render(cat.T("prog.counts", p.Juniors, p.Fellows, p.Pairs))
	return kit.Fit(" "+st.Title.Render(kit.Clean(p.Title))+"  "+state+"  "+counts, v.width)
}

func (v *programmeView) Cursor() *tea.Cursor { return v.cursor(v.c, v.width, v.height) }

func (v *programmeView) ShortHelp() []key.Binding {
	if v.Capturing() {
		return v.help(v.c.Keys)
	}
	k := v.keys
	if v.b.FocusDetail {
		// The keys act on the programme and its selected row as from
		// the list; j/k scroll the pane and esc goes back.
		return []key.Binding{v.c.Keys.Up, v.c.Keys.Back, k.Propose, k.Pair, k.Swap, k.Confirm, k.Junior, k.Invite}
	}
	return []key.Binding{v.c.Keys.Up, k.Propose, k.Pair, k.Swap, k.Confirm, k.Junior, k.Invite}
}

func (v *programmeView) FullHelp() [][]key.Binding {
	k := v.keys
	return [][]key.Binding{v.b.ListHelp(),
		{k.Choose, k.New, k.Junior, k.Invite, k.People, k.Close},
		{k.Propose, k.Pair, k.Fix, k.Swap, k.Unpair, k.Confirm, k.End}}
}
