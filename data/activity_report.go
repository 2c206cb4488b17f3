package data

import (
	"context"
	"database/sql"
	"sort"

	"hiroba/model"
)

// ActivityReport is the report for 人事課: per person and per department
// the minutes planned, approved and done against the cap, and totals by
// category, for a month or a fiscal year. Plans count in the department
// they were decided in (model.Plan). Individual lines go only to those
// who may see them (mayView); departments of fewer than
// model.MinReportDepartment staff are left out of the totals for anyone
// but administrators, so that a total cannot stand for one person.
func (db *DB) ActivityReport(ctx context.Context, f model.ReportFilter) (*model.ActivityReport, error) {
	var period model.Period
	switch {
	case !f.Month.IsZero():
		period = model.MonthPeriod(civilDate(f.Month))
	case f.FiscalYear >= model.HolidayFirstYear && f.FiscalYear < model.HolidayLastYear:
		period = model.FiscalYearPeriod(f.FiscalYear)
	default:
		return nil, model.FieldError("period", "err.report.period", "月 (YYYY-MM) か年度 (例: 2027) を指定してください")
	}
	f.Department = model.NormalizeDepartment(f.Department)
	var out *model.ActivityReport
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		admin, err := actingAdminOrNot(ctx, tx)
		if err != nil {
			return err
		}
		r := &reporter{ctx: ctx, tx: tx, period: period, filter: f, admin: admin, cs: newCharts(ctx, tx)}
		if err := r.load(); err != nil {
			return err
		}
		out, err = r.report()
		return err
	})
	if err != nil {
		return nil, wrapOnce("活動の集計", err)
	}
	return out, nil
}

type reporter struct {
	ctx    context.Context
	tx     *sql.Tx
	period model.Period
	filter model.ReportFilter
	admin  bool
	cs     *charts

	daily     map[string]int    // municipality -> working day, when not the default
	muniName  map[string]string // municipality -> name
	muniSort  map[string]int
	deptStaff map[placeKey]int // active staff per department now
	lines     map[lineKey]*lineFigures
}

type placeKey struct{ municipality, department string }

type lineKey struct {
	staff string
	place placeKey
}

type lineFigures struct {
	person     model.Staff // as they are now
	figures    model.ReportFigures
	categories map[model.Category]*model.ReportCategory
}

func (r *reporter) dailyOf(municipality string) int {
	if d, ok := r.daily[municipality]; ok {
		return d
	}
	return model.DefaultDailyMinutes
}

func (r *reporter) load() error {
	var err error
	if r.daily, err = allDailyMinutes(r.ctx, r.tx); err != nil {
		return err
	}
	r.muniName, r.muniSort = map[string]string{}, map[string]int{}
	rows, err := r.tx.QueryContext(r.ctx, `SELECT id, name, sort FROM municipalities`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, name string
		var sort int
		if err := rows.Scan(&id, &name, &sort); err != nil {
			rows.Close()
			return err
		}
		r.muniName[id], r.muniSort[id] = name, sort
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	r.deptStaff = map[placeKey]int{}
	rows, err = r.tx.QueryContext(r.ctx, `SELECT municipality_id, department, count(*) FROM staff WHERE status = 'active' GROUP BY 1, 2`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k placeKey
		var n int
		if err := rows.Scan(&k.municipality, &k.department, &n); err != nil {
			rows.Close()
			return err
		}
		k.department = model.NormalizeDepartment(k.department)
		r.deptStaff[k] += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	query := `SELECT p.staff_id, p.municipality_id, p.department, p.state, p.category, p.start_date, p.end_date,
			p.minutes, coalesce(p.actual_minutes, 0), a.name, a.municipality_id, a.department, a.status
		FROM plans p JOIN staff a ON a.id = p.staff_id
		WHERE p.start_date >= ? AND p.start_date <= ? AND p.end_date >= ? AND p.state IN ('submitted', 'approved', 'done')`
	args := []any{fmtDate(r.period.From.AddDate(0, 0, -model.MaxPlanDays)), fmtDate(r.period.To), fmtDate(r.period.From)}
	if r.filter.MunicipalityID != "" {
		query += ` AND p.municipality_id = ?`
		args = append(args, r.filter.MunicipalityID)
	}
	rows, err = r.tx.QueryContext(r.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	r.lines = map[lineKey]*lineFigures{}
	for rows.Next() {
		var k lineKey
		var state model.PlanState
		var category model.Category
		var start, end string
		var minutes, actual int
		var person model.Staff
		if err := rows.Scan(&k.staff, &k.place.municipality, &k.place.department, &state, &category, &start, &end,
			&minutes, &actual, &person.Name, &person.MunicipalityID, &person.Department, &person.Status); err != nil {
			return err
		}
		k.place.department = model.NormalizeDepartment(k.place.department)
		if r.filter.Department != "" && !model.InScope(k.place.department, r.filter.Department) {
			continue
		}
		s, e := parseDate(start), parseDate(end)
		var fig model.ReportFigures
		fig.Planned = model.Share(minutes, s, e, r.period)
		if state != model.PlanSubmitted {
			fig.Approved = fig.Planned
		}
		if state == model.PlanDone {
			fig.Done = model.Share(actual, s, e, r.period)
		}
		if fig == (model.ReportFigures{}) {
			continue // it touches the period only on days off
		}
		line := r.lines[k]
		if line == nil {
			person.ID = k.staff
			line = &lineFigures{person: person, categories: map[model.Category]*model.ReportCategory{}}
			line.figures.Cap = model.CapMinutes(r.period, r.dailyOf(person.MunicipalityID))
			r.lines[k] = line
		}
		addFigures(&line.figures, fig)
		c := line.categories[category]
		if c == nil {
			c = &model.ReportCategory{Category: category}
			line.categories[category] = c
		}
		c.Plans++
		addFigures(&c.ReportFigures, fig)
	}
	return rows.Err()
}

func addFigures(into *model.ReportFigures, f model.ReportFigures) {
	into.Planned += f.Planned
	into.Approved += f.Approved
	into.Done += f.Done
}

func (r *reporter) report() (*model.ActivityReport, error) {
	out := &model.ActivityReport{Period: r.period, Filter: r.filter,
		People: []model.ReportPerson{}, Departments: []model.ReportDepartment{}, Categories: []model.ReportCategory{}}
	depts := map[placeKey]*model.ReportDepartment{}
	categories := map[model.Category]*model.ReportCategory{}
	hidden := map[placeKey]bool{}
	for k, line := range r.lines {
		ok, err := mayView(r.ctx, r.tx, r.cs, &line.person)
		if err != nil {
			return nil, err
		}
		if ok {
			out.People = append(out.People, model.ReportPerson{StaffID: k.staff, Name: line.person.Name,
				MunicipalityID: k.place.municipality, Municipality: r.muniName[k.place.municipality],
				Department: k.place.department, ReportFigures: line.figures})
		}
		staff := r.deptStaff[k.place]
		if !r.admin && staff < model.MinReportDepartment {
			hidden[k.place] = true
			continue
		}
		d := depts[k.place]
		if d == nil {
			d = &model.ReportDepartment{MunicipalityID: k.place.municipality, Municipality: r.muniName[k.place.municipality],
				Department: k.place.department, Staff: staff}
			d.Cap = staff * model.CapMinutes(r.period, r.dailyOf(k.place.municipality))
			depts[k.place] = d
		}
		d.People++
		addFigures(&d.ReportFigures, line.figures)
		for cat, c := range line.categories {
			t := categories[cat]
			if t == nil {
				t = &model.ReportCategory{Category: cat}
				categories[cat] = t
			}
			t.Plans += c.Plans
			addFigures(&t.ReportFigures, c.ReportFigures)
		}
	}
	out.Hidden = len(hidden)
	for _, d := range depts {
		out.Departments = append(out.Departments, *d)
	}
	for _, cat := range model.PlanCategories {
		if c := categories[cat]; c != nil {
			out.Categories = append(out.Categories, *c)
		}
	}
	place := func(muni, dept string) (int, string) { return r.muniSort[muni], dept }
	sort.Slice(out.People, func(i, j int) bool {
		a, b := out.People[i], out.People[j]
		sa, da := place(a.MunicipalityID, a.Department)
		sb, dbb := place(b.MunicipalityID, b.Department)
		if sa != sb {
			return sa < sb
		}
		if da != dbb {
			return da < dbb
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.StaffID < b.StaffID
	})
	sort.Slice(out.Departments, func(i, j int) bool {
		a, b := out.Departments[i], out.Departments[j]
		if sa, sb := r.muniSort[a.MunicipalityID], r.muniSort[b.MunicipalityID]; sa != sb {
			return sa < sb
		}
		return a.Department < b.Department
	})
	return out, nil
}
