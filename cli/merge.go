package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui/kit"
)

// mergeFlags takes a drill copy back into the shared database, in one
// transaction: what the laptop added and changed, every conflict kept
// and reported, nothing dropped. --dry-run reports the same and changes
// nothing; --list shows the merges done so far. A copy the data layer
// refuses (another database's, a newer schema, a damaged file) leaves the
// database as it was: the message goes to standard error, exit 1.
// Administrators, or the operator without --as.
func mergeFlags(fs *flag.FlagSet) runFunc {
	dry := fs.Bool("dry-run", false, "")
	list := fs.Bool("list", false, "")
	return func(e *env, args []string) error {
		if *list {
			if len(args) > 0 || *dry {
				return usageErrorf("merge.list.args")
			}
			return e.operatorUnlessAs(false, e.mergeList)
		}
		if len(args) != 1 {
			return usageErrorf("merge.file")
		}
		return e.operatorUnlessAs(true, func(ctx context.Context, db *data.DB) error {
			r, err := db.Merge(ctx, args[0], model.MergeOptions{DryRun: *dry})
			if err != nil {
				return err
			}
			if e.json {
				return e.writeJSON(r)
			}
			e.mergeText(ctx, db, args[0], r)
			return nil
		})
	}
}

// mergeList writes the merges kept in the database, newest first.
func (e *env) mergeList(ctx context.Context, db *data.DB) error {
	reports, err := db.MergeReports(ctx)
	if err != nil {
		return err
	}
	if e.json {
		return writeList(e, reports)
	}
	if len(reports) == 0 {
		fmt.Fprint(e.stdout, e.msg("merge.list.none"))
		return nil
	}
	loc := displayLocation()
	rows := [][]string{{e.msg("merge.col.merged"), e.msg("merge.col.taken"), e.msg("merge.col.added"), e.msg("merge.col.updated"),
		e.msg("merge.col.conflicts"), e.msg("merge.col.set_aside"), e.msg("admin.col.id")}}
	for _, r := range reports {
		t := r.Total()
		rows = append(rows, []string{r.MergedAt.In(loc).Format("2006-01-02 15:04"), r.TakenAt.In(loc).Format("2006-01-02 15:04"),
			fmt.Sprint(t.Added), fmt.Sprint(t.Updated), fmt.Sprint(t.Conflicts), fmt.Sprint(t.SetAside), r.ID})
	}
	writeColumns(e.stdout, rows)
	return nil
}

// mergeText writes what a merge did or would do: the copy, the counts
// table by table, the items a person should look at with the reason in
// words, the laptop's clock, and where the report and the rows set aside
// are kept.
func (e *env) mergeText(ctx context.Context, db *data.DB, path string, r *model.MergeReport) {
	loc := displayLocation()
	taken := r.TakenAt.In(loc).Format("2006-01-02 15:04")
	fmt.Fprint(e.stdout, e.msg("merge.copy", path, taken))
	if !r.Changed() {
		if r.AlreadyMerged > 0 {
			fmt.Fprint(e.stdout, e.msg("merge.already", r.AlreadyMerged))
		} else {
			fmt.Fprint(e.stdout, e.msg("merge.nothing"))
		}
		return
	}
	if r.DryRun {
		fmt.Fprint(e.stdout, e.msg("merge.dry"))
	} else {
		fmt.Fprint(e.stdout, e.msg("merge.done"))
	}
	if r.AlreadyMerged > 0 {
		fmt.Fprint(e.stdout, e.msg("merge.partly", r.AlreadyMerged))
	}
	fmt.Fprintln(e.stdout)
	rows := [][]string{{e.msg("merge.col.table"), e.msg("merge.col.added"), e.msg("merge.col.updated"), e.msg("merge.col.deleted"),
		e.msg("merge.col.same"), e.msg("merge.col.conflicts"), e.msg("merge.col.set_aside"), e.msg("merge.col.reported")}}
	counts := func(name string, c model.MergeTableCount) []string {
		row := []string{name}
		for _, n := range []int{c.Added, c.Updated, c.Deleted, c.Same, c.Conflicts, c.SetAside, c.Reported} {
			row = append(row, fmt.Sprint(n))
		}
		return row
	}
	for _, c := range r.Tables {
		rows = append(rows, counts(e.tableName(c.Table), c))
	}
	rows = append(rows, counts(e.msg("merge.total"), r.Total()))
	writeColumns(e.stdout, rows)

	if len(r.Items) > 0 {
		fmt.Fprint(e.stdout, "\n"+e.msg("merge.items", len(r.Items)))
		authors := map[string]string{}
		for _, it := range r.Items {
			what := e.tableName(it.Table)
			if s := strings.TrimSpace(model.CleanLine(it.Summary)); s != "" {
				what += e.msg("merge.summary", kit.Clip(s, 60))
			}
			if it.AuthorID != "" {
				// Someone registered on the laptop has the name the
				// laptop gave them; only a name neither knows is an id.
				if _, ok := authors[it.AuthorID]; !ok {
					authors[it.AuthorID] = it.AuthorID
					if s, err := db.StaffByID(ctx, it.AuthorID); err == nil {
						authors[it.AuthorID] = model.CleanLine(s.Name)
					} else if it.AuthorName != "" {
						authors[it.AuthorID] = model.CleanLine(it.AuthorName)
					}
				}
				what += e.msg("merge.author", authors[it.AuthorID])
			} else if it.Anonymous {
				what += e.msg("merge.anonymous")
			}
			fmt.Fprint(e.stdout, e.msg("merge.item", e.names.T("merge.outcome."+it.Outcome), what, e.names.T(it.Reason)))
		}
	}
	if r.ClockBehind+r.ClockAhead > 0 {
		fmt.Fprint(e.stdout, "\n"+e.msg("merge.clock", r.ClockBehind, r.ClockAhead))
	}
	if !r.DryRun {
		fmt.Fprint(e.stdout, "\n"+e.msg("merge.kept", r.ID))
	}
}

// tableName is a table's name in words, or the table itself for one the
// catalogue does not know (a later migration's).
func (e *env) tableName(table string) string {
	key := "merge.table." + table
	if s := e.names.T(key); s != key {
		return s
	}
	return table
}
