package data

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"

	"hiroba/model"
)

// The 20% rule's figures: a person's ledger, the requests waiting for a
// supervisor, and a supervisor's view of everyone they oversee.

// planSpan is what the figures need of a plan.
type planSpan struct {
	id, staffID     string
	state           model.PlanState
	start, end      time.Time
	minutes, actual int
}

func spanOf(p *model.Plan) planSpan {
	return planSpan{p.ID, p.StaffID, p.State, p.Start, p.End, p.Minutes, p.ActualMinutes}
}

// addTo adds the span's share of u's period to u.
func (s planSpan) addTo(u *model.Usage) {
	switch s.state {
	case model.PlanDone:
		u.Done += model.Share(s.actual, s.start, s.end, u.Period)
	case model.PlanApproved:
		u.Approved += model.Share(s.minutes, s.start, s.end, u.Period)
	case model.PlanSubmitted:
		u.Waiting += model.Share(s.minutes, s.start, s.end, u.Period)
	}
}

func newUsage(p model.Period, daily int) model.Usage {
	return model.Usage{Period: p, WorkingDays: p.WorkingDays(), Cap: model.CapMinutes(p, daily)}
}

// spansOf reads the counted plans (waiting, approved, done) of the staff
// ids that touch the period, by staff id. A plan is at most
// model.MaxPlanDays long, which bounds how early it may start.
func spansOf(ctx context.Context, tx *sql.Tx, ids []string, p model.Period) (map[string][]planSpan, error) {
	out := map[string][]planSpan{}
	const chunk = 500
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		args := []any{fmtDate(p.From.AddDate(0, 0, -model.MaxPlanDays)), fmtDate(p.To), fmtDate(p.From)}
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, staff_id, state, start_date, end_date, minutes, coalesce(actual_minutes, 0)
			FROM plans WHERE start_date >= ? AND start_date <= ? AND end_date >= ?
			AND state IN ('submitted', 'approved', 'done') AND staff_id IN (?`+strings.Repeat(", ?", n-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var s planSpan
			var start, end string
			if err := rows.Scan(&s.id, &s.staffID, &s.state, &start, &end, &s.minutes, &s.actual); err != nil {
				rows.Close()
				return nil, err
			}
			s.start, s.end = parseDate(start), parseDate(end)
			out[s.staffID] = append(out[s.staffID], s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

// monthsOver returns, for a plan, the first month it would take over the
// cap counting its author's other approved and done plans, or the month
// it starts in when none; and whether one is over.
func monthsOver(p *model.Plan, others []planSpan, daily int) (model.Usage, bool) {
	var first model.Usage
	for i, m := range model.Months(p.Start, p.End) {
		u := newUsage(m, daily)
		for _, s := range others {
			if s.id != p.ID {
				s.addTo(&u)
			}
		}
		if i == 0 {
			first = u
		}
		if u.Used()+model.Share(p.Minutes, p.Start, p.End, m) > u.Cap {
			return u, true
		}
	}
	return first, false
}

// overCapMonth is monthsOver for one plan, reading its author's plans.
func overCapMonth(ctx context.Context, tx *sql.Tx, p *model.Plan) (model.Usage, bool, error) {
	daily, err := dailyMinutes(ctx, tx, p.MunicipalityID)
	if err != nil {
		return model.Usage{}, false, err
	}
	spans, err := spansOf(ctx, tx, []string{p.StaffID}, model.Period{From: model.MonthPeriod(p.Start).From, To: model.MonthPeriod(p.End).To})
	if err != nil {
		return model.Usage{}, false, err
	}
	u, over := monthsOver(p, spans[p.StaffID], daily)
	return u, over, nil
}

// markOverCap works out OverCap for waiting plans and returns each one's
// author's figures for the month it starts in.
func markOverCap(ctx context.Context, tx *sql.Tx, plans []*model.Plan) ([]model.Usage, error) {
	out := make([]model.Usage, len(plans))
	for i, p := range plans {
		u, over, err := overCapMonth(ctx, tx, p)
		if err != nil {
			return nil, err
		}
		p.OverCap = over
		out[i] = u
	}
	return out, nil
}

// Ledger is a person's figures for the month of day and its fiscal year,
// with their plans of that year, for the person, the supervisors who
// oversee them and administrators. Drafts are the author's alone.
func (db *DB) Ledger(ctx context.Context, staffID string, day time.Time) (*model.Ledger, error) {
	var l *model.Ledger
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		person, err := personFor(ctx, tx, staffID)
		if err != nil {
			return err
		}
		cs := newCharts(ctx, tx)
		if err := requireView(ctx, tx, cs, person); err != nil {
			return err
		}
		mine := person.ID == model.ViewerFrom(ctx)
		// Whether the viewer decides on this person's plans, as PlanByID
		// says of one: a supervisor who oversees without deciding reads
		// them but may not approve, return or revoke.
		decide := !mine && mayDecide(ctx, tx, cs, person) == nil
		if day.IsZero() {
			day = db.todayDate()
		}
		day = civilDate(day)
		fy := model.FiscalYearOf(day)
		year := model.FiscalYearPeriod(fy)
		daily, err := dailyMinutes(ctx, tx, person.MunicipalityID)
		if err != nil {
			return err
		}
		l = &model.Ledger{Staff: *person, DailyMinutes: daily, FiscalYear: fy,
			Month: newUsage(model.MonthPeriod(day), daily), Year: newUsage(year, daily),
			ByState: map[model.PlanState]int{}, Plans: []model.Plan{}}
		rows, err := tx.QueryContext(ctx, `SELECT `+planColumns+planFrom+`
			WHERE p.staff_id = ? AND p.start_date >= ? AND p.start_date <= ? AND p.end_date >= ?
			ORDER BY p.start_date DESC, p.created_at DESC, p.id DESC`,
			person.ID, fmtDate(year.From.AddDate(0, 0, -model.MaxPlanDays)), fmtDate(year.To), fmtDate(year.From))
		if err != nil {
			return err
		}
		plans, err := collect(rows, scanPlan)
		if err != nil {
			return err
		}
		var waiting []*model.Plan
		for _, p := range plans {
			if p.State == model.PlanDraft && !mine {
				continue
			}
			p.Mine, p.CanDecide = mine, decide
			s := spanOf(&p)
			s.addTo(&l.Month)
			s.addTo(&l.Year)
			l.ByState[p.State]++
			l.Plans = append(l.Plans, p)
		}
		for i := range l.Plans {
			if l.Plans[i].State == model.PlanSubmitted {
				waiting = append(waiting, &l.Plans[i])
			}
		}
		if _, err := markOverCap(ctx, tx, waiting); err != nil {
			return err
		}
		d, err := deciders(ctx, tx, cs, person)
		if err != nil {
			return err
		}
		l.Deciders = *d
		return nil
	})
	if err != nil {
		return nil, wrapOnce("活動の記録", err)
	}
	return l, nil
}

// waitingFor returns the plans waiting for the viewer's decision, oldest
// first: those of people the viewer decides on as supervisor, and, for an
// administrator, those of people nobody supervises.
func waitingFor(ctx context.Context, tx *sql.Tx, cs *charts) ([]model.Plan, error) {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return nil, err
	}
	admin, err := cs.viewerAdmin()
	if err != nil {
		return nil, err
	}
	chart, err := cs.of(me.MunicipalityID)
	if err != nil {
		return nil, err
	}
	scope, supervisor := chart.scopeOf[me.ID]
	if !supervisor && !admin {
		return nil, nil
	}
	// Who waits is decided on the authors as they are now; only the
	// plans chosen are read whole. A supervisor's requests come from
	// departments that name their scope's first level.
	query := `SELECT p.id, a.id, a.municipality_id, a.department FROM plans p JOIN staff a ON a.id = p.staff_id
		WHERE p.state = 'submitted'`
	args := []any{}
	if !admin {
		query += ` AND a.municipality_id = ? AND instr(a.department, ?) > 0`
		first := ""
		if scope != model.ScopeMunicipality {
			first = strings.Fields(scope)[0]
		}
		args = append(args, me.MunicipalityID, first)
	}
	rows, err := tx.QueryContext(ctx, query+` ORDER BY p.submitted_at, p.id`, args...)
	if err != nil {
		return nil, err
	}
	type request struct {
		plan   string
		author model.Staff
	}
	all, err := collect(rows, func(row rowScanner) (*request, error) {
		var r request
		return &r, row.Scan(&r.plan, &r.author.ID, &r.author.MunicipalityID, &r.author.Department)
	})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range all {
		c, err := cs.of(r.author.MunicipalityID)
		if err != nil {
			return nil, err
		}
		if c.decides(me.ID, &r.author) || admin && r.author.ID != me.ID && c.decidingScope(&r.author) == "" {
			ids = append(ids, r.plan)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	args = nil
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err = tx.QueryContext(ctx, `SELECT `+planColumns+planFrom+` WHERE p.id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)
		ORDER BY p.submitted_at, p.id`, args...)
	if err != nil {
		return nil, err
	}
	out, err := collect(rows, scanPlan)
	for i := range out {
		out[i].CanDecide = true
	}
	return out, err
}

// Queue is the plans waiting for the viewer's decision, oldest first,
// each with its author's figures for the month it starts in.
func (db *DB) Queue(ctx context.Context) ([]model.PlanRequest, error) {
	var out []model.PlanRequest
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		plans, err := waitingFor(ctx, tx, newCharts(ctx, tx))
		if err != nil {
			return err
		}
		ptrs := make([]*model.Plan, len(plans))
		for i := range plans {
			ptrs[i] = &plans[i]
		}
		months, err := markOverCap(ctx, tx, ptrs)
		if err != nil {
			return err
		}
		out = make([]model.PlanRequest, len(plans))
		for i := range plans {
			out[i] = model.PlanRequest{Plan: plans[i], Month: months[i]}
		}
		return nil
	})
	if err != nil {
		return nil, wrapOnce("承認待ちの計画", err)
	}
	return out, nil
}

// DepartmentUse is everyone the viewer oversees as supervisor, with their
// figures for the month of day and its fiscal year, by department and
// name.
func (db *DB) DepartmentUse(ctx context.Context, day time.Time) (*model.DepartmentUse, error) {
	var out *model.DepartmentUse
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		chart, err := loadChart(ctx, tx, me.MunicipalityID)
		if err != nil {
			return err
		}
		scope, ok := chart.scopeOf[me.ID]
		if !ok {
			return model.Keyed(model.EFORBIDDEN, "err.plan.notsupervisor", "所属長として登録されていません。管理者に登録を依頼してください")
		}
		if day.IsZero() {
			day = db.todayDate()
		}
		day = civilDate(day)
		month, fy := model.MonthPeriod(day), model.FiscalYearOf(day)
		year := model.FiscalYearPeriod(fy)
		daily, err := dailyMinutes(ctx, tx, me.MunicipalityID)
		if err != nil {
			return err
		}
		// Only departments that name the scope's first level can be in
		// it: the rest of a large city is not read (oversees decides).
		first := ""
		if scope != model.ScopeMunicipality {
			first = strings.Fields(scope)[0]
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+staffColumns+` FROM staff s JOIN municipalities mu ON mu.id = s.municipality_id
			WHERE s.municipality_id = ? AND s.status = 'active' AND instr(s.department, ?) > 0`, me.MunicipalityID, first)
		if err != nil {
			return err
		}
		staff, err := collect(rows, scanStaff)
		if err != nil {
			return err
		}
		out = &model.DepartmentUse{Scope: scope, Month: month, FiscalYear: fy, People: []model.PersonUse{}}
		var ids []string
		for _, s := range staff {
			if chart.oversees(me.ID, &s) {
				out.People = append(out.People, model.PersonUse{Staff: s, Decides: chart.decides(me.ID, &s),
					Month: newUsage(month, daily), Year: newUsage(year, daily)})
				ids = append(ids, s.ID)
			}
		}
		spans, err := spansOf(ctx, tx, ids, year)
		if err != nil {
			return err
		}
		for i := range out.People {
			pu := &out.People[i]
			for _, s := range spans[pu.Staff.ID] {
				s.addTo(&pu.Month)
				s.addTo(&pu.Year)
			}
			switch pu.Month.Level() {
			case model.UseNear:
				out.Near++
			case model.UseOver:
				out.Over++
			}
		}
		for i := range out.People {
			out.People[i].Staff.Department = model.NormalizeDepartment(out.People[i].Staff.Department)
		}
		sort.Slice(out.People, func(i, j int) bool {
			a, b := out.People[i].Staff, out.People[j].Staff
			if a.Department != b.Department {
				return a.Department < b.Department
			}
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.ID < b.ID
		})
		return nil
	})
	if err != nil {
		return nil, wrapOnce("所属の活動", err)
	}
	return out, nil
}
