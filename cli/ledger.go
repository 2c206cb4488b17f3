package cli

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui/activity"
)

// ledgerFlags is the 20% rule's report for 人事課: per person the hours
// planned, approved and done against the cap, per department and per
// category the totals, for a month or a fiscal year. The data layer
// decides who sees what: --as a staff member gets their own line and
// those of the people they oversee as supervisor, and totals only of
// departments of at least model.MinReportDepartment people; an
// administrator, or the operator (no --as), gets everything.
func ledgerFlags(fs *flag.FlagSet) runFunc {
	month := fs.String("month", "", "")
	year := fs.Int("fiscal-year", 0, "")
	muni := fs.String("municipality", "", "")
	dept := fs.String("department", "", "")
	format := fs.String("format", "", "")
	return func(e *env, args []string) error {
		if len(args) > 0 {
			return usageErrorf("run.extra", strings.Join(args, " "))
		}
		switch *format {
		case "", "text", "csv", "json":
		default:
			return usageErrorf("ledger.format", *format)
		}
		f := model.ReportFilter{FiscalYear: *year, Department: *dept}
		switch {
		case *month != "" && *year != 0:
			return usageErrorf("ledger.period.both")
		case *month != "":
			m, err := time.ParseInLocation("2006-01", *month, tokyo)
			if err != nil {
				return usageErrorf("ledger.month", *month)
			}
			f.Month = model.Date(m.Year(), m.Month(), 1)
		case *year == 0:
			now := time.Now().In(tokyo)
			f.Month = model.Date(now.Year(), now.Month(), 1)
		}
		return e.operatorUnlessAs(false, func(ctx context.Context, db *data.DB) error {
			m, err := municipality(ctx, db, *muni)
			if err != nil {
				return err
			}
			f.MunicipalityID = m.ID
			r, err := db.ActivityReport(ctx, f)
			if err != nil {
				return err
			}
			switch {
			case e.json || *format == "json":
				return e.writeJSON(r)
			case *format == "csv":
				return e.ledgerCSV(r)
			}
			e.ledgerText(r, m.Name)
			return nil
		})
	}
}

// ledgerCSV writes the report as one table a spreadsheet can filter: a
// line per person, per department and per category, told apart by the
// first column; figures in minutes, exact.
func (e *env) ledgerCSV(r *model.ActivityReport) error {
	w := csv.NewWriter(e.stdout)
	w.Write([]string{"row", "municipality_id", "municipality", "department", "staff_id", "name", "category", "category_name",
		"plans", "staff", "people", "planned_minutes", "approved_minutes", "done_minutes", "cap_minutes"})
	figures := func(f model.ReportFigures) []string {
		return []string{strconv.Itoa(f.Planned), strconv.Itoa(f.Approved), strconv.Itoa(f.Done), strconv.Itoa(f.Cap)}
	}
	line := func(cells []string, f model.ReportFigures) {
		for i, c := range cells {
			cells[i] = csvCell(c)
		}
		w.Write(append(cells, figures(f)...))
	}
	for _, p := range r.People {
		line([]string{"person", p.MunicipalityID, p.Municipality, p.Department, p.StaffID, p.Name, "", "", "", "", ""}, p.ReportFigures)
	}
	for _, d := range r.Departments {
		line([]string{"department", d.MunicipalityID, d.Municipality, d.Department, "", "", "", "", "",
			strconv.Itoa(d.Staff), strconv.Itoa(d.People)}, d.ReportFigures)
	}
	for _, c := range r.Categories {
		line([]string{"category", "", "", "", "", "", string(c.Category), e.names.T("plan.category." + string(c.Category)),
			strconv.Itoa(c.Plans), "", ""}, c.ReportFigures)
	}
	w.Flush()
	return w.Error()
}

// csvCell is text people wrote, made safe for a spreadsheet: one line,
// no control sequences, and nothing a spreadsheet takes for a formula.
func csvCell(s string) string {
	return strings.TrimLeft(model.CleanLine(s), "=+-@")
}

// ledgerText writes the report as aligned columns, hours as h:mm.
func (e *env) ledgerText(r *model.ActivityReport, muni string) {
	period := e.msg("ledger.fiscal", r.Filter.FiscalYear)
	if !r.Filter.Month.IsZero() {
		period = e.msg("ledger.monthly", r.Period.From.Year(), int(r.Period.From.Month()))
	}
	where := strings.TrimSpace(model.CleanLine(muni) + " " + model.CleanLine(r.Filter.Department))
	head := e.msg("ledger.head", period, r.Period.From.Format("2006-01-02"), r.Period.To.Format("2006-01-02"))
	fmt.Fprintln(e.stdout, strings.TrimSpace(head+"  "+where))
	figures := func(f model.ReportFigures) []string {
		return []string{activity.Clock(f.Planned), activity.Clock(f.Approved), activity.Clock(f.Done), activity.Clock(f.Cap)}
	}
	cols := []string{e.msg("ledger.col.planned"), e.msg("ledger.col.approved"), e.msg("ledger.col.done"), e.msg("ledger.col.cap")}
	section := func(title string, rows [][]string) {
		fmt.Fprint(e.stdout, "\n"+title+"\n")
		if len(rows) == 1 {
			fmt.Fprint(e.stdout, e.msg("ledger.none"))
			return
		}
		writeColumns(e.stdout, rows)
	}
	people := [][]string{append([]string{e.msg("admin.col.town"), e.msg("admin.col.department"), e.msg("admin.col.name")}, cols...)}
	for _, p := range r.People {
		people = append(people, append([]string{model.CleanLine(p.Municipality), model.CleanLine(p.Department), model.CleanLine(p.Name)}, figures(p.ReportFigures)...))
	}
	section(e.msg("ledger.people"), people)
	depts := [][]string{append([]string{e.msg("admin.col.town"), e.msg("admin.col.department"), e.msg("ledger.col.people")}, cols...)}
	for _, d := range r.Departments {
		depts = append(depts, append([]string{model.CleanLine(d.Municipality), model.CleanLine(d.Department),
			fmt.Sprintf("%d/%d", d.People, d.Staff)}, figures(d.ReportFigures)...))
	}
	section(e.msg("ledger.departments"), depts)
	cats := [][]string{append([]string{e.msg("ledger.col.category"), e.msg("ledger.col.plans")}, cols[:3]...)}
	for _, c := range r.Categories {
		cats = append(cats, append([]string{e.names.T("plan.category." + string(c.Category)), strconv.Itoa(c.Plans)}, figures(c.ReportFigures)[:3]...))
	}
	section(e.msg("ledger.categories"), cats)
	if r.Hidden > 0 {
		fmt.Fprint(e.stdout, "\n"+e.msg("ledger.hidden", r.Hidden, model.MinReportDepartment))
	}
}
