package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"hiroba/data"
	"hiroba/model"
)

// fellowsFlags runs fellow and mentor programmes for 人事課: list them and
// their pairs, propose pairs, pair a junior by hand, remove a pair not yet
// confirmed, and write a programme's figures as CSV with no content. The
// data layer lets only administrators do any of it, and a programme is
// run by a staff member (it names who paired whom), so it acts as --as
// or the person this machine remembers, never as the operator.
func fellowsFlags(fs *flag.FlagSet) runFunc {
	format := fs.String("format", "", "")
	return func(e *env, args []string) error {
		if len(args) == 0 {
			return usageErrorf("fellows.sub")
		}
		sub, rest := args[0], args[1:]
		// How many arguments each takes, and the usage that says which.
		want := map[string]struct {
			n     int
			usage string
		}{
			"propose": {1, "fellows.args.propose"}, "pair": {3, "fellows.args.pair"},
			"unpair": {1, "fellows.args.unpair"}, "stats": {1, "fellows.args.stats"},
		}
		if w, ok := want[sub]; ok && len(rest) != w.n {
			return usageErrorf(w.usage)
		}
		if sub == "list" && len(rest) > 1 {
			return usageErrorf("fellows.args.list")
		}
		if sub == "stats" && *format != "csv" {
			return usageErrorf("fellows.stats.format")
		}
		write := sub == "propose" || sub == "pair" || sub == "unpair"
		switch sub {
		case "list", "propose", "pair", "unpair", "stats":
		default:
			return usageErrorf("fellows.unknown", sub)
		}
		return e.withViewer(write, "fellows.doing", func(ctx context.Context, db *data.DB) error {
			if model.ViewerFrom(ctx) == "" {
				return refusef(model.EFORBIDDEN, "run.nobody", e.msg("fellows.doing"))
			}
			switch sub {
			case "list":
				if len(rest) == 0 {
					return e.programmes(ctx, db)
				}
				pairs, err := db.Pairs(ctx, rest[0])
				if err != nil {
					return err
				}
				return e.pairs(pairs)
			case "propose":
				p, err := db.Propose(ctx, rest[0])
				if err != nil {
					return err
				}
				return e.proposal(p)
			case "pair":
				return e.pairByHand(ctx, db, rest[0], rest[1], rest[2])
			case "unpair":
				if err := db.Unpair(ctx, rest[0]); err != nil {
					return err
				}
				fmt.Fprint(e.stdout, e.msg("fellows.unpaired", rest[0]))
				return nil
			}
			stats, err := db.ProgrammeStats(ctx, rest[0])
			if err != nil {
				return err
			}
			return model.WriteStatsCSV(e.stdout, stats)
		})
	}
}

func (e *env) programmes(ctx context.Context, db *data.DB) error {
	list, err := db.Programmes(ctx)
	if err != nil {
		return err
	}
	if e.json {
		return writeList(e, list)
	}
	rows := [][]string{{e.msg("admin.col.id"), e.msg("fellows.col.kind"), e.msg("fellows.col.title"), e.msg("fellows.col.year"),
		e.msg("admin.col.status"), e.msg("fellows.col.juniors"), e.msg("fellows.col.fellows"), e.msg("fellows.col.pairs")}}
	for _, p := range list {
		status := e.msg("fellows.open")
		if p.Status == model.ProgrammeClosed {
			status = e.msg("fellows.closed")
		}
		rows = append(rows, []string{p.ID, e.names.T("fellows.kind." + string(p.Kind)), model.CleanLine(p.Title),
			strconv.Itoa(p.FiscalYear), status, strconv.Itoa(p.Juniors), strconv.Itoa(p.Fellows), strconv.Itoa(p.Pairs)})
	}
	writeColumns(e.stdout, rows)
	return nil
}

// pairs writes a programme's pairs, one a line.
func (e *env) pairs(pairs []model.Pair) error {
	if e.json {
		return writeList(e, pairs)
	}
	writeColumns(e.stdout, e.pairRows(pairs))
	return nil
}

func (e *env) pairRows(pairs []model.Pair) [][]string {
	rows := [][]string{{e.msg("admin.col.id"), e.msg("admin.col.status"), e.msg("fellows.col.junior"), e.msg("fellows.col.fellow"), e.msg("fellows.col.shared")}}
	who := func(s model.Staff) string {
		return model.CleanLine(s.Name) + " (" + model.CleanLine(s.Municipality) + ")"
	}
	for _, p := range pairs {
		shared := make([]string, len(p.SharedTopics))
		for i, t := range p.SharedTopics {
			shared[i] = model.CleanLine(t)
		}
		rows = append(rows, []string{p.ID, e.names.T("prog.status." + string(p.Status)), who(p.Junior), who(p.Fellow), strings.Join(shared, e.names.T("list.sep"))})
	}
	return rows
}

func (e *env) proposal(p *model.Proposal) error {
	if e.json {
		return e.writeJSON(p)
	}
	writeColumns(e.stdout, e.pairRows(p.Pairs))
	for _, s := range p.Unpaired {
		fmt.Fprint(e.stdout, e.msg("fellows.unpaired.junior", model.CleanLine(s.Name), model.CleanLine(s.Municipality)))
	}
	f := p.Fairness
	fmt.Fprintln(e.stdout, e.names.T("prog.proposed", f.Paired, f.Juniors, f.WithShared, f.CrossMunicipality, f.FellowLoadMin, f.FellowLoadMax))
	return nil
}

// pairByHand pairs a junior with a fellow, both by id or exact name, as a
// fixed pair.
func (e *env) pairByHand(ctx context.Context, db *data.DB, programme, junior, fellow string) error {
	j, err := db.StaffByIDOrName(ctx, junior)
	if err != nil {
		return err
	}
	f, err := db.StaffByIDOrName(ctx, fellow)
	if err != nil {
		return err
	}
	p, err := db.PairJunior(ctx, programme, j.ID, f.ID)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(p)
	}
	fmt.Fprint(e.stdout, e.msg("fellows.paired", model.CleanLine(p.Junior.Name), model.CleanLine(p.Fellow.Name), p.ID))
	return nil
}
