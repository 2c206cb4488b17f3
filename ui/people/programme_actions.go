package people

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// The administrator's keys on the programme view. A key that cannot act
// on the row under the cursor says why; what the store refuses comes
// back as its sentence.

func (v *programmeView) key(msg tea.KeyPressMsg) tea.Cmd {
	k, cat := v.keys, v.c.Cat
	if key.Matches(msg, k.New) {
		return v.newProgramme()
	}
	p, ok := v.programme()
	if !ok {
		if key.Matches(msg, k.Choose, k.Junior, k.Invite, k.Propose, k.Pair, k.Fix, k.Swap, k.Unpair, k.Confirm, k.End, k.Close, k.People) {
			return kit.StatusCmd(cat.T("prog.none"), true)
		}
		return nil
	}
	open := p.Status == model.ProgrammeOpen
	if !open && key.Matches(msg, k.Junior, k.Invite, k.Propose, k.Pair, k.Fix, k.Swap, k.Unpair, k.Confirm, k.End, k.Close) {
		return kit.StatusCmd(cat.T("prog.is.closed", kit.Clean(p.Title)), true)
	}
	if v.c.ReadOnly && key.Matches(msg, k.Junior, k.Invite, k.Propose, k.Pair, k.Fix, k.Swap, k.Unpair, k.Confirm, k.End, k.Close) {
		return kit.StatusCmd(cat.T("readonly.cannot"), true)
	}
	row, hasRow := v.b.List.Selected()
	store, ctx := v.c.Store, v.c.Ctx()
	do := func(text string, f func() error) tea.Cmd {
		return func() tea.Msg { return adminDoneMsg{text: text, err: f()} }
	}
	switch {
	case key.Matches(msg, k.Choose):
		var opts []kit.Option
		for _, x := range v.progs {
			state := cat.T("prog.open")
			if x.Status == model.ProgrammeClosed {
				state = cat.T("prog.closed")
			}
			opts = append(opts, kit.Option{Value: x.ID, Label: kit.Clean(x.Title) + "  " + state})
		}
		v.ask = pick(cat.T("prog.choose"), opts, false, func(o kit.Option) tea.Cmd { return v.showProgramme(o.Value) })
		return nil
	case key.Matches(msg, k.Junior):
		return v.loadStaff("junior", adminRow{})
	case key.Matches(msg, k.Invite):
		return v.loadStaff("fellow", adminRow{})
	case key.Matches(msg, k.People):
		return v.loadMembers("people", adminRow{})
	case key.Matches(msg, k.Propose):
		return func() tea.Msg {
			prop, err := store.Propose(ctx, p.ID)
			if err != nil {
				return adminDoneMsg{err: err}
			}
			f := prop.Fairness
			return adminDoneMsg{text: cat.T("prog.proposed", f.Paired, f.Juniors, f.WithShared, f.CrossMunicipality, f.FellowLoadMin, f.FellowLoadMax)}
		}
	case key.Matches(msg, k.Confirm):
		n := 0
		for i := 0; i < v.b.List.Len(); i++ {
			if r, ok := v.b.List.At(i); ok && r.pair != nil && (r.pair.Status == model.PairProposed || r.pair.Status == model.PairFixed) {
				n++
			}
		}
		if n == 0 {
			return kit.StatusCmd(cat.T("prog.confirm.none"), true)
		}
		var cmd tea.Cmd
		v.ask, cmd = confirm(cat.T("prog.confirm.ask", n), func() tea.Cmd {
			return func() tea.Msg {
				n, err := store.ConfirmPairs(ctx, p.ID)
				return adminDoneMsg{text: cat.T("prog.confirmed", n), err: err}
			}
		})
		return cmd
	case key.Matches(msg, k.Close):
		var cmd tea.Cmd
		v.ask, cmd = confirm(cat.T("prog.close.ask", kit.Clean(p.Title)), func() tea.Cmd {
			return do(cat.T("prog.close.done", kit.Clean(p.Title)), func() error { return store.CloseProgramme(ctx, p.ID) })
		})
		return cmd
	}
	if !key.Matches(msg, k.Pair, k.Fix, k.Swap, k.Unpair, k.End) {
		_, cmd := v.b.Update(msg)
		return cmd
	}
	if !hasRow {
		return kit.StatusCmd(cat.T("prog.no.row"), true)
	}
	if row.pair == nil {
		// A junior without a pair: only pairing by hand applies.
		if key.Matches(msg, k.Pair) {
			return v.loadMembers("pair", row)
		}
		return kit.StatusCmd(cat.T("prog.unpaired", kit.Clean(row.junior.Name)), true)
	}
	return v.pairKey(msg, row)
}

// pairKey acts on the pair under the cursor.
func (v *programmeView) pairKey(msg tea.KeyPressMsg, row adminRow) tea.Cmd {
	k, cat, store, ctx := v.keys, v.c.Cat, v.c.Store, v.c.Ctx()
	x := row.pair
	names := cat.T("prog.pair.names", kit.Clean(x.Junior.Name), kit.Clean(x.Fellow.Name))
	pending := x.Status == model.PairProposed || x.Status == model.PairFixed
	if !pending && key.Matches(msg, k.Pair, k.Fix, k.Swap, k.Unpair) {
		return kit.StatusCmd(cat.T("prog.pair.started", names), true)
	}
	do := func(text string, f func() error) tea.Cmd {
		return func() tea.Msg { return adminDoneMsg{text: text, err: f()} }
	}
	switch {
	case key.Matches(msg, k.Pair):
		return v.loadMembers("pair", row)
	case key.Matches(msg, k.Fix):
		fixed := x.Status == model.PairProposed
		text := cat.T("prog.fixed", names)
		if !fixed {
			text = cat.T("prog.unfixed", names)
		}
		return do(text, func() error { return store.FixPair(ctx, x.ID, fixed) })
	case key.Matches(msg, k.Swap):
		if v.swapFrom == nil || v.swapFrom.ID == x.ID {
			v.swapFrom = x
			return kit.StatusCmd(cat.T("prog.swap.first", names), false)
		}
		a := v.swapFrom
		v.swapFrom = nil
		return do(cat.T("prog.swapped", kit.Clean(a.Junior.Name), kit.Clean(x.Junior.Name)), func() error { return store.SwapFellows(ctx, a.ID, x.ID) })
	case key.Matches(msg, k.Unpair):
		var cmd tea.Cmd
		v.ask, cmd = confirm(cat.T("prog.unpair.ask", names), func() tea.Cmd {
			return do(cat.T("prog.unpaired.done", names), func() error { return store.Unpair(ctx, x.ID) })
		})
		return cmd
	case key.Matches(msg, k.End):
		if x.Status != model.PairConfirmed {
			return kit.StatusCmd(cat.T("prog.end.running"), true)
		}
		v.ask = prompt(cat.T("prog.end.title", names), cat.T("fellows.end.help"), model.MaxEndReasonLen, func(reason string) tea.Cmd {
			var cmd tea.Cmd
			v.ask, cmd = confirm(cat.T("prog.end.ask", names), func() tea.Cmd {
				return do(cat.T("prog.end.done", names), func() error { return store.EndPair(ctx, x.ID, reason) })
			})
			return cmd
		})
		v.ask.check = func(s string) string {
			if s == "" {
				return cat.T("err.pair.reason")
			}
			return ""
		}
	}
	return nil
}

// staffLabel is how a picker names a person.
func staffLabel(s model.Staff) string {
	return kit.Clean(s.Name) + "  " + kit.Clean(s.Municipality) + " " + kit.Clean(s.Department)
}

// loadStaff reads every staff member, for choosing a junior to add or a
// senior to invite.
func (v *programmeView) loadStaff(what string, row adminRow) tea.Cmd {
	store, ctx := v.c.Store, v.c.Ctx()
	return func() tea.Msg {
		all, err := store.FindStaff(ctx, 0, 0)
		var opts []kit.Option
		for _, s := range all {
			opts = append(opts, kit.Option{Value: s.ID, Label: staffLabel(s)})
		}
		return staffMsg{what: what, options: opts, row: row, err: err}
	}
}

// loadMembers reads the programme's people: the fellows who stand, for
// pairing a junior by hand; everyone, for the list of participants.
func (v *programmeView) loadMembers(what string, row adminRow) tea.Cmd {
	store, ctx, cat, id := v.c.Store, v.c.Ctx(), v.c.Cat, v.cur
	p, _ := v.programme()
	return func() tea.Msg {
		ms, err := store.ProgrammeMembers(ctx, id)
		var opts []kit.Option
		for _, m := range ms {
			switch {
			case what == "pair" && (m.Role != model.RoleFellow || m.Answer != model.InvitationAccepted):
				continue
			case what == "pair":
				opts = append(opts, kit.Option{Value: m.Staff.ID, Label: staffLabel(m.Staff) + "  " + cat.T("prog.load", m.Load, p.Cap)})
			default:
				state := cat.T("prog.member."+m.Role, m.Load)
				if m.Role == model.RoleFellow {
					state = cat.T("prog.answer."+m.Answer) + " " + cat.T("prog.load", m.Load, p.Cap)
				}
				opts = append(opts, kit.Option{Value: m.Staff.ID, Label: kit.Fit(cat.T("fellows.role."+m.Role), 10) + staffLabel(m.Staff) + "  " + state})
			}
		}
		return staffMsg{what: what, options: opts, row: row, err: err}
	}
}

// staffChosen opens the picker for what was loaded.
func (v *programmeView) staffChosen(msg staffMsg) tea.Cmd {
	cat, store, ctx, id := v.c.Cat, v.c.Store, v.c.Ctx(), v.cur
	if msg.err != nil {
		return kit.StatusCmd(cat.Err(msg.err), true)
	}
	if len(msg.options) == 0 {
		return kit.StatusCmd(cat.T("prog.pick.none."+msg.what), true)
	}
	do := func(text string, f func() error) tea.Cmd {
		return func() tea.Msg { return adminDoneMsg{text: text, err: f()} }
	}
	var on func(kit.Option) tea.Cmd
	switch msg.what {
	case "junior":
		on = func(o kit.Option) tea.Cmd {
			return do(cat.T("prog.junior.added", o.Label), func() error { return store.AddJuniors(ctx, id, []string{o.Value}) })
		}
	case "fellow":
		on = func(o kit.Option) tea.Cmd {
			return do(cat.T("prog.invited", o.Label), func() error { return store.InviteFellows(ctx, id, []string{o.Value}) })
		}
	case "pair":
		junior := msg.row.junior
		if msg.row.pair != nil {
			junior = &msg.row.pair.Junior
		}
		on = func(o kit.Option) tea.Cmd {
			return do(cat.T("prog.paired", kit.Clean(junior.Name)), func() error {
				_, err := store.PairJunior(ctx, id, junior.ID, o.Value)
				return err
			})
		}
	case "people":
		on = func(o kit.Option) tea.Cmd { return kit.OpenCmd(kit.OpenPerson, o.Value, "") }
	}
	v.ask = pick(cat.T("prog.pick."+msg.what), msg.options, true, on)
	return nil
}

// newProgramme opens the form of a new programme: kind, title, fiscal
// year and how many juniors a fellow takes at most.
func (v *programmeView) newProgramme() tea.Cmd {
	if v.c.ReadOnly {
		return kit.StatusCmd(v.c.Cat.T("readonly.cannot"), true)
	}
	c, cat := v.c, v.c.Cat
	fy := model.FiscalYear(c.Now())
	years := []string{strconv.Itoa(fy - 1), strconv.Itoa(fy), strconv.Itoa(fy + 1)}
	kinds := []string{cat.T("fellows.kind.fellow"), cat.T("fellows.kind.mentor")}
	caps := make([]string, model.MaxFellowCap)
	for i := range caps {
		caps[i] = strconv.Itoa(i + 1)
	}
	f := newSimpleForm(c, cat.T("prog.form.title"), cat.T("prog.form.lead"),
		choiceField("kind", cat.T("prog.form.kind"), "", kinds, 0),
		textField("title", cat.T("prog.form.name"), cat.T("prog.form.name.default", fy+1), "", model.MaxTitleLen),
		choiceField("fiscal_year", cat.T("prog.form.year"), "", years, 2),
		choiceField("cap", cat.T("prog.form.cap"), cat.T("prog.form.cap.hint"), caps, model.DefaultFellowCap-1),
	)
	f.submit = func() tea.Cmd {
		p := &model.Programme{Kind: []model.ProgrammeKind{model.ProgrammeFellow, model.ProgrammeMentor}[f.chosen("kind")],
			Title: f.text("title"), FiscalYear: fy - 1 + f.chosen("fiscal_year"), Cap: f.chosen("cap") + 1}
		if err := p.Validate(c.Now()); err != nil {
			f.failed(err)
			return nil
		}
		store, ctx := c.Store, c.Ctx()
		return func() tea.Msg {
			err := store.CreateProgramme(ctx, p, nil)
			return adminDoneMsg{text: cat.T("prog.created", kit.Clean(p.Title)), show: p.ID, err: err}
		}
	}
	v.show(f, v.width, v.height)
	return nil
}
