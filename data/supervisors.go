package data

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sort"
	"strings"

	"hiroba/model"
)

var _ model.ActivityService = (*DB)(nil)

// orgChart is a municipality's supervisors as they stand: only marks
// that still hold (the person active, in that municipality and inside the
// scope), so that a transfer ends a mark without anyone deleting it.
type orgChart struct {
	scopeOf map[string]string   // staff id -> scope
	byScope map[string][]string // scope -> staff ids
}

// loadChart reads the supervisors of a municipality.
func loadChart(ctx context.Context, tx *sql.Tx, municipalityID string) (*orgChart, error) {
	rows, err := tx.QueryContext(ctx, `SELECT v.staff_id, v.scope, s.department, s.status, s.municipality_id
		FROM supervisors v JOIN staff s ON s.id = v.staff_id WHERE v.municipality_id = ? ORDER BY v.staff_id`, municipalityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	c := &orgChart{scopeOf: map[string]string{}, byScope: map[string][]string{}}
	for rows.Next() {
		var id, scope, dept, status, muni string
		if err := rows.Scan(&id, &scope, &dept, &status, &muni); err != nil {
			return nil, err
		}
		if status == model.StaffActive && muni == municipalityID && model.InScope(dept, scope) {
			c.scopeOf[id] = scope
			c.byScope[scope] = append(c.byScope[scope], id)
		}
	}
	return c, rows.Err()
}

// decidingScope is the scope whose supervisors decide on p's plans, ""
// for the administrators (model.DecidingScope).
func (c *orgChart) decidingScope(p *model.Staff) string {
	return model.DecidingScope(p.Department, c.scopeOf[p.ID], func(scope string) bool {
		for _, id := range c.byScope[scope] {
			if id != p.ID {
				return true
			}
		}
		return false
	})
}

// decides reports whether supervisor id decides on p's plans.
func (c *orgChart) decides(id string, p *model.Staff) bool {
	if id == p.ID {
		return false
	}
	scope := c.decidingScope(p)
	return scope != "" && slices.Contains(c.byScope[scope], id)
}

// oversees reports whether supervisor id may see p's individual figures.
func (c *orgChart) oversees(id string, p *model.Staff) bool {
	sup, ok := c.scopeOf[id]
	return ok && id != p.ID && model.Oversees(sup, p.Department, c.scopeOf[p.ID])
}

// line returns p's reporting line: the supervisors who oversee p, the
// ones who decide first, then each scope up to the whole municipality.
func (c *orgChart) line(p *model.Staff) []string {
	var out []string
	for scope := c.decidingScope(p); scope != ""; scope = model.ParentScope(scope) {
		for _, id := range c.byScope[scope] {
			if id != p.ID {
				out = append(out, id)
			}
		}
	}
	return out
}

// supervisorLines returns, for each staff id, their reporting line:
// the ids of the supervisors over them, nearest first (orgChart.line);
// none for someone whom only the administrators decide on. It is what
// the fellow programmes' rule "never in the junior's reporting line"
// reads (data/fellow_pairs.go reportingLines).
func supervisorLines(ctx context.Context, tx *sql.Tx, ids []string) (map[string][]string, error) {
	cs := newCharts(ctx, tx)
	out := make(map[string][]string, len(ids))
	for _, id := range ids {
		p, err := staffByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		c, err := cs.of(p.MunicipalityID)
		if err != nil {
			return nil, err
		}
		if line := c.line(p); len(line) > 0 {
			out[id] = line
		}
	}
	return out, nil
}

// charts loads each municipality's chart once per transaction, and
// whether the viewer administers.
type charts struct {
	ctx   context.Context
	tx    *sql.Tx
	m     map[string]*orgChart
	admin *bool
}

// viewerAdmin is viewerAdmin, asked once.
func (cs *charts) viewerAdmin() (bool, error) {
	if cs.admin == nil {
		ok, err := viewerAdmin(cs.ctx, cs.tx)
		if err != nil {
			return false, err
		}
		cs.admin = &ok
	}
	return *cs.admin, nil
}

func newCharts(ctx context.Context, tx *sql.Tx) *charts {
	return &charts{ctx: ctx, tx: tx, m: map[string]*orgChart{}}
}

func (cs *charts) of(municipalityID string) (*orgChart, error) {
	if c, ok := cs.m[municipalityID]; ok {
		return c, nil
	}
	c, err := loadChart(cs.ctx, cs.tx, municipalityID)
	if err != nil {
		return nil, err
	}
	cs.m[municipalityID] = c
	return c, nil
}

// viewerAdmin reports whether the context acts as an administrator or the
// operator.
func viewerAdmin(ctx context.Context, tx *sql.Tx) (bool, error) {
	if isOperator(ctx) {
		return true, nil
	}
	if model.ViewerFrom(ctx) == "" {
		return false, nil
	}
	return isAdmin(ctx, tx, model.ViewerFrom(ctx))
}

// actingAdminOrNot refuses a viewer who is not an active staff member
// (the operator is let through) and reports whether they administer.
func actingAdminOrNot(ctx context.Context, tx *sql.Tx) (bool, error) {
	if !isOperator(ctx) {
		if _, err := actingStaff(ctx, tx); err != nil {
			return false, err
		}
	}
	return viewerAdmin(ctx, tx)
}

// requireActivityAdmin refuses anyone but an administrator or the
// operator.
func requireActivityAdmin(ctx context.Context, tx *sql.Tx) error {
	ok, err := actingAdminOrNot(ctx, tx)
	if err == nil && !ok {
		err = model.Keyed(model.EFORBIDDEN, "err.activity.admin", "この設定は管理者だけができます")
	}
	return err
}

// requireView refuses a viewer who may not see p's individual figures.
func requireView(ctx context.Context, tx *sql.Tx, cs *charts, p *model.Staff) error {
	ok, err := mayView(ctx, tx, cs, p)
	if err == nil && !ok {
		err = model.Keyed(model.EFORBIDDEN, "err.plan.ledger.forbidden", "この職員の活動は、本人・所属長・管理者だけが見られます")
	}
	return err
}

// queryIDs returns the first column of every row.
func queryIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row rowScanner) (*string, error) {
		var id string
		return &id, row.Scan(&id)
	})
}

// municipalityOrMine is id, or the viewer's municipality for "".
func municipalityOrMine(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	if id != "" {
		return id, nil
	}
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return "", err
	}
	return me.MunicipalityID, nil
}

// mayView reports whether the viewer may see person p's individual
// figures: p themselves, a supervisor who oversees p, an administrator.
func mayView(ctx context.Context, tx *sql.Tx, cs *charts, p *model.Staff) (bool, error) {
	viewer := model.ViewerFrom(ctx)
	if viewer != "" && viewer == p.ID {
		return true, nil
	}
	if admin, err := cs.viewerAdmin(); err != nil || admin {
		return admin, err
	}
	c, err := cs.of(p.MunicipalityID)
	if err != nil {
		return false, err
	}
	return c.oversees(viewer, p), nil
}

// mayDecide returns nil when the viewer may decide on author's plans,
// else a keyed refusal: nobody decides on their own plans; the
// supervisors of the author's deciding scope do, or, when there are none,
// the administrators.
func mayDecide(ctx context.Context, tx *sql.Tx, cs *charts, author *model.Staff) error {
	viewer := model.ViewerFrom(ctx)
	if viewer == author.ID {
		return model.Keyed(model.EFORBIDDEN, "err.plan.self", "自分の活動計画は自分では判断できません。上位の所属長か管理者が判断します")
	}
	if isOperator(ctx) {
		return nil
	}
	if _, err := actingStaff(ctx, tx); err != nil {
		return err
	}
	c, err := cs.of(author.MunicipalityID)
	if err != nil {
		return err
	}
	scope := c.decidingScope(author)
	if scope == "" {
		if ok, err := isAdmin(ctx, tx, viewer); err != nil || ok {
			return err
		}
		return model.Keyed(model.EFORBIDDEN, "err.plan.notdecider.admin", "この計画を判断できるのは管理者です (申請した人の所属に所属長がいません)")
	}
	if slices.Contains(c.byScope[scope], viewer) {
		return nil
	}
	names, err := staffNames(ctx, tx, c.byScope[scope])
	if err != nil {
		return err
	}
	return model.Keyed(model.EFORBIDDEN, "err.plan.notdecider", "この計画を判断できるのは、申請した人の所属長 (%s) です", strings.Join(names, "、"))
}

// staffNames returns the names of staff ids, in name order.
func staffNames(ctx context.Context, tx *sql.Tx, ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		s, err := staffByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, s.Name)
	}
	sort.Strings(out)
	return out, nil
}

// deciders says who decides on p's plans.
func deciders(ctx context.Context, tx *sql.Tx, cs *charts, p *model.Staff) (*model.Deciders, error) {
	c, err := cs.of(p.MunicipalityID)
	if err != nil {
		return nil, err
	}
	d := &model.Deciders{Scope: c.decidingScope(p), Staff: []model.Staff{}}
	ids := c.byScope[d.Scope]
	if d.Scope == "" {
		// The administrators, as isAdmin has them.
		if ids, err = queryIDs(ctx, tx, administrators); err != nil {
			return nil, err
		}
	}
	for _, id := range ids {
		if id == p.ID {
			continue
		}
		s, err := staffByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		d.Staff = append(d.Staff, *s)
	}
	sort.Slice(d.Staff, func(i, j int) bool { return d.Staff[i].Name < d.Staff[j].Name })
	return d, nil
}

// SetSupervisor marks a staff member as supervisor of scope ("" their own
// department), or unmarks them; administrators only.
func (db *DB) SetSupervisor(ctx context.Context, staffID string, on bool, scope string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := requireActivityAdmin(ctx, tx); err != nil {
			return err
		}
		s, err := staffByID(ctx, tx, staffID)
		if err != nil {
			return err
		}
		if !on {
			_, err := tx.ExecContext(ctx, `DELETE FROM supervisors WHERE staff_id = ?`, s.ID)
			return err
		}
		if s.Status != model.StaffActive {
			return model.Keyed(model.ECONFLICT, "err.supervisor.inactive", "%s さんは承認されていないか停止中です。先に承認してください", s.Name)
		}
		scope = model.NormalizeDepartment(model.CleanLine(scope))
		if scope == "" {
			scope = model.NormalizeDepartment(s.Department)
		}
		if scope == "" || !model.InScope(s.Department, scope) {
			return model.FieldError("scope", "err.supervisor.scope", "所属長の範囲は、その職員の所属 (%s) か、その上位にしてください", s.Department)
		}
		var by any
		if v := model.ViewerFrom(ctx); v != "" {
			by = v
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO supervisors (staff_id, municipality_id, scope, created_by, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (staff_id) DO UPDATE SET municipality_id = excluded.municipality_id, scope = excluded.scope,
				created_by = excluded.created_by, created_at = excluded.created_at`,
			s.ID, s.MunicipalityID, scope, by, fmtTime(db.Now()))
		return err
	})
	return wrapOnce("所属長の設定", err)
}

// Supervisors lists a municipality's supervisors ("" the viewer's), by
// scope and name; lapsed marks are listed too, flagged. Anyone may read
// it: who decides is no secret.
func (db *DB) Supervisors(ctx context.Context, municipalityID string) ([]model.Supervisor, error) {
	var out []model.Supervisor
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		municipalityID, err := municipalityOrMine(ctx, tx, municipalityID)
		if err != nil {
			return err
		}
		c, err := loadChart(ctx, tx, municipalityID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+staffColumns+`, v.scope
			FROM supervisors v JOIN staff s ON s.id = v.staff_id JOIN municipalities mu ON mu.id = s.municipality_id
			WHERE v.municipality_id = ? ORDER BY v.scope, s.name, s.id`, municipalityID)
		if err != nil {
			return err
		}
		out, err = collect(rows, func(row rowScanner) (*model.Supervisor, error) {
			var v model.Supervisor
			var created string
			if err := row.Scan(&v.ID, &v.Name, &v.MunicipalityID, &v.Municipality, &v.Department, &v.Role, &v.Status, &created, &v.Scope); err != nil {
				return nil, err
			}
			v.CreatedAt = parseTime(created)
			_, holds := c.scopeOf[v.ID]
			v.Lapsed = !holds
			return &v, nil
		})
		return err
	})
	if err != nil {
		return nil, wrapOnce("所属長の一覧", err)
	}
	return out, nil
}

// Deciders says who decides on a person's plans ("" the viewer); only
// those who may see the person's figures may ask about someone else.
func (db *DB) Deciders(ctx context.Context, staffID string) (*model.Deciders, error) {
	var d *model.Deciders
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		p, err := personFor(ctx, tx, staffID)
		if err != nil {
			return err
		}
		cs := newCharts(ctx, tx)
		if err := requireView(ctx, tx, cs, p); err != nil {
			return err
		}
		d, err = deciders(ctx, tx, cs, p)
		return err
	})
	return d, wrapOnce("所属長", err)
}

// personFor returns the staff member id, or the viewer for "".
func personFor(ctx context.Context, tx *sql.Tx, id string) (*model.Staff, error) {
	if id == "" {
		return actingStaff(ctx, tx)
	}
	return staffByID(ctx, tx, id)
}

// SetDailyMinutes sets a municipality's working day; 0 restores the
// default. Administrators only.
func (db *DB) SetDailyMinutes(ctx context.Context, municipalityID string, minutes int) error {
	if minutes != 0 && (minutes < model.MinDailyMinutes || minutes > model.MaxDailyMinutes) {
		return model.FieldError("daily_minutes", "err.workhours.range", "1日の勤務時間は %d 分から %d 分の間にしてください", model.MinDailyMinutes, model.MaxDailyMinutes)
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := requireActivityAdmin(ctx, tx); err != nil {
			return err
		}
		if err := checkMunicipality(ctx, tx, municipalityID); err != nil {
			return err
		}
		if minutes == 0 {
			_, err := tx.ExecContext(ctx, `DELETE FROM work_hours WHERE municipality_id = ?`, municipalityID)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO work_hours (municipality_id, daily_minutes, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (municipality_id) DO UPDATE SET daily_minutes = excluded.daily_minutes, updated_at = excluded.updated_at`,
			municipalityID, minutes, fmtTime(db.Now()))
		return err
	})
	return wrapOnce("勤務時間の設定", err)
}

func checkMunicipality(ctx context.Context, tx *sql.Tx, id string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM municipalities WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return model.FieldError("municipality", "err.municipality", "自治体を選んでください")
	}
	return nil
}

// DailyMinutes is the working day of a municipality ("" the viewer's).
func (db *DB) DailyMinutes(ctx context.Context, municipalityID string) (int, error) {
	minutes := model.DefaultDailyMinutes
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		municipalityID, err := municipalityOrMine(ctx, tx, municipalityID)
		if err == nil {
			minutes, err = dailyMinutes(ctx, tx, municipalityID)
		}
		return err
	})
	return minutes, wrapOnce("勤務時間", err)
}

func dailyMinutes(ctx context.Context, tx *sql.Tx, municipalityID string) (int, error) {
	var m int
	err := tx.QueryRowContext(ctx, `SELECT daily_minutes FROM work_hours WHERE municipality_id = ?`, municipalityID).Scan(&m)
	if errors.Is(err, sql.ErrNoRows) {
		return model.DefaultDailyMinutes, nil
	}
	return m, err
}

// allDailyMinutes returns every municipality's working day that is not
// the default.
func allDailyMinutes(ctx context.Context, tx *sql.Tx) (map[string]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT municipality_id, daily_minutes FROM work_hours`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var m int
		if err := rows.Scan(&id, &m); err != nil {
			return nil, err
		}
		out[id] = m
	}
	return out, rows.Err()
}

// TransferStaff moves a staff member to another department (異動);
// administrators only. Supervisor marks outside the new place lapse by
// themselves (loadChart); plans stay where they were counted.
func (db *DB) TransferStaff(ctx context.Context, staffID, municipalityID, department string) error {
	department = model.CleanLine(strings.TrimSpace(department))
	probe := model.Staff{Name: "-", MunicipalityID: municipalityID, Department: department}
	if err := probe.Validate(); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := requireActivityAdmin(ctx, tx); err != nil {
			return err
		}
		if _, err := staffByID(ctx, tx, staffID); err != nil {
			return err
		}
		if err := checkMunicipality(ctx, tx, municipalityID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE staff SET municipality_id = ?, department = ? WHERE id = ?`, municipalityID, department, staffID)
		return err
	})
	return wrapOnce("異動", err)
}
