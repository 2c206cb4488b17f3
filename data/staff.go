package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"hiroba/model"
)

var _ model.StaffService = (*DB)(nil)

// staffColumns are read by scanStaff; s is staff, mu its municipality.
const staffColumns = `s.id, s.name, s.municipality_id, mu.name, s.department, s.role, s.status, s.created_at`

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

// collect scans every row with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(rowScanner) (*T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *x)
	}
	return out, rows.Err()
}

func scanStaff(row rowScanner) (*model.Staff, error) {
	var s model.Staff
	var created string
	if err := row.Scan(&s.ID, &s.Name, &s.MunicipalityID, &s.Municipality, &s.Department, &s.Role, &s.Status, &created); err != nil {
		return nil, err
	}
	s.CreatedAt = parseTime(created)
	return &s, nil
}

// Municipalities returns the municipalities of the area in their usual order.
func (db *DB) Municipalities(ctx context.Context) ([]model.Municipality, error) {
	var out []model.Municipality
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, sort FROM municipalities ORDER BY sort, name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m model.Municipality
			if err := rows.Scan(&m.ID, &m.Name, &m.Sort); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("自治体の一覧: %w", err)
	}
	return out, nil
}

// FindStaff returns staff ordered by municipality and name; limit 0 means all.
func (db *DB) FindStaff(ctx context.Context, offset, limit int) ([]model.Staff, error) {
	var out []model.Staff
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+staffColumns+`
			FROM staff s JOIN municipalities mu ON mu.id = s.municipality_id
			ORDER BY mu.sort, s.name, s.id
			LIMIT ? OFFSET ?`, sqlLimit(limit), max(offset, 0))
		if err != nil {
			return err
		}
		out, err = collect(rows, scanStaff)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("職員の一覧: %w", err)
	}
	return out, nil
}

// StaffByID returns ENOTFOUND when there is no such staff member.
func (db *DB) StaffByID(ctx context.Context, id string) (*model.Staff, error) {
	var s *model.Staff
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		s, err = staffByID(ctx, tx, id)
		return err
	})
	return s, err
}

// StaffByIDOrName finds one staff member by exact id, else by name, as
// people type it: with or without the space between family and given
// name, half- or full-width (高野葵, 高野　葵, ＳＡＴＯ Ｋｅｎ). A name that
// several staff share is ECONFLICT, since guessing would let one person
// act as another.
// nameKey is a name as StaffByIDOrName compares it: spaces gone,
// full-width Latin letters and digits half-width, lower case.
func nameKey(name string) string {
	return strings.Join(strings.Fields(model.FoldText(name)), "")
}

func (db *DB) StaffByIDOrName(ctx context.Context, idOrName string) (*model.Staff, error) {
	var s *model.Staff
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if s, err = staffByID(ctx, tx, idOrName); model.ErrorCode(err) != model.ENOTFOUND {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+staffColumns+`
			FROM staff s JOIN municipalities mu ON mu.id = s.municipality_id
			WHERE lower(replace(replace(s.name, ' ', ''), '　', '')) = ? ORDER BY mu.sort, s.id LIMIT 2`, nameKey(idOrName))
		if err != nil {
			return err
		}
		defer rows.Close()
		var found []*model.Staff
		for rows.Next() {
			one, err := scanStaff(rows)
			if err != nil {
				return err
			}
			found = append(found, one)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		switch len(found) {
		case 0:
			s = nil
			return model.Keyed(model.ENOTFOUND, "err.staff.name_not_found", "職員「%s」は見つかりません。ID か氏名を確かめてください", idOrName)
		case 1:
			s = found[0]
			return nil
		}
		s = nil
		return model.Keyed(model.ECONFLICT, "err.staff.name_ambiguous", "「%s」という名前の職員が複数います。氏名ではなく職員 ID で指定してください", idOrName)
	})
	if err != nil {
		return nil, wrapOnce("職員の検索", err)
	}
	return s, nil
}

// CreateStaff saves a new staff member and sets s.ID and s.CreatedAt. An
// empty Role and Status mean an active member.
func (db *DB) CreateStaff(ctx context.Context, s *model.Staff) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		var municipality string
		err := tx.QueryRowContext(ctx, `SELECT name FROM municipalities WHERE id = ?`, s.MunicipalityID).Scan(&municipality)
		if errors.Is(err, sql.ErrNoRows) {
			return model.FieldError("municipality", "err.municipality", "自治体を選んでください")
		} else if err != nil {
			return fmt.Errorf("職員の登録: %w", err)
		}
		role, status := s.Role, s.Status
		if role == "" {
			role = model.RoleMember
		}
		if status == "" {
			status = model.StaffActive
		}
		now := db.Now()
		id := model.NewID(now)
		name, dept := model.CleanLine(strings.TrimSpace(s.Name)), model.CleanLine(strings.TrimSpace(s.Department))
		if _, err := tx.ExecContext(ctx, `INSERT INTO staff (id, name, municipality_id, department, role, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, name, s.MunicipalityID, dept, role, status, fmtTime(now)); err != nil {
			return fmt.Errorf("職員の登録: %w", err)
		}
		s.ID, s.Name, s.Department, s.Municipality, s.Role, s.Status = id, name, dept, municipality, role, status
		s.CreatedAt = parseTime(fmtTime(now))
		return nil
	})
}

func staffByID(ctx context.Context, tx *sql.Tx, id string) (*model.Staff, error) {
	s, err := scanStaff(tx.QueryRowContext(ctx, `SELECT `+staffColumns+`
		FROM staff s JOIN municipalities mu ON mu.id = s.municipality_id
		WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.staff.not_found", "職員 %s は見つかりません", id)
	} else if err != nil {
		return nil, fmt.Errorf("職員 %s: %w", id, err)
	}
	return s, nil
}

// actingStaff returns the viewer of ctx, who must be an active staff member
// to change anything.
func actingStaff(ctx context.Context, tx *sql.Tx) (*model.Staff, error) {
	id := model.ViewerFrom(ctx)
	if id == "" {
		return nil, model.Keyed(model.EFORBIDDEN, "err.staff.nobody", "職員として名乗ってから操作してください")
	}
	s, err := staffByID(ctx, tx, id)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return nil, model.Keyed(model.EFORBIDDEN, "err.staff.not_registered", "職員 %s はこのデータベースに登録されていません", id)
	} else if err != nil {
		return nil, err
	}
	switch s.Status {
	case model.StaffPending:
		return nil, model.Keyed(model.EFORBIDDEN, "err.staff.pending", "%s さんの登録は承認待ちです。管理者の承認後に操作できます", s.Name)
	case model.StaffRevoked:
		return nil, model.Keyed(model.EFORBIDDEN, "err.staff.revoked", "%s さんの利用は停止されています。管理者に問い合わせてください", s.Name)
	}
	return s, nil
}

// countMatches returns the number of all matches of a paged list query,
// given the page it returned: a page that is not full already tells, so
// the count query runs only when more matches may follow.
func countMatches(ctx context.Context, tx *sql.Tx, offset, limit, n int, query string, args []any) (int, error) {
	if (n > 0 || offset <= 0) && (limit <= 0 || n < limit) {
		return max(offset, 0) + n, nil
	}
	var total int
	err := tx.QueryRowContext(ctx, query, args...).Scan(&total)
	return total, err
}

// sqlLimit turns "0 means all" into SQLite's "-1 means all".
func sqlLimit(limit int) int {
	if limit <= 0 {
		return -1
	}
	return limit
}

// wrapOnce adds context to errors that are not already for a person.
func wrapOnce(what string, err error) error {
	var e *model.Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

// likePattern returns a LIKE pattern (ESCAPE '\') that matches s anywhere.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// where collects the conditions of a query and their named arguments
// (sql.Named), which may be shared by several conditions.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// limitOffset is a query's LIMIT and OFFSET written as numbers into its
// text. A bound LIMIT costs a planning of the whole query at every use:
// SQLite (3.53, as go-sqlite3 bundles it) reads a bound LIMIT's value
// when it plans a statement and plans it again once the parameter is
// bound anew, which a cached statement is each time it runs
// (_stmt_cache_size, dsn; sqlite3ExprIsInteger with a Parse). The list of
// threads on a tiny database took 0.3 ms with a bound LIMIT, 0.08 ms
// with it written in. Each page size and offset is then a statement of
// its own; a list uses a few.
func limitOffset(offset, limit int) string {
	return " LIMIT " + strconv.Itoa(sqlLimit(limit)) + " OFFSET " + strconv.Itoa(max(offset, 0))
}

// page returns the arguments with @limit and @offset added; a query read
// on every key uses limitOffset instead.
func (w *where) page(offset, limit int) []any {
	args := append([]any{}, w.args...)
	return append(args, sql.Named("limit", sqlLimit(limit)), sql.Named("offset", max(offset, 0)))
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(w.conds, " AND ")
}
