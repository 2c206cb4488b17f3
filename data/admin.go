package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"hiroba/model"
)

var _ model.AdminService = (*DB)(nil)

type operatorKey struct{}

// AsOperator returns a context that acts as the person at the machine that
// holds the database file, for `hiroba admin`: whoever can write the file
// can change anything in it anyway, and the server's operator need not be
// a staff member. Never use it for a person who comes over the network.
func AsOperator(ctx context.Context) context.Context {
	return context.WithValue(ctx, operatorKey{}, true)
}

func isOperator(ctx context.Context) bool {
	v, _ := ctx.Value(operatorKey{}).(bool)
	return v
}

// checkViewer refuses every read by a viewer who is not an approved staff
// member: pending (signed up over SSH, not yet approved), revoked, or an
// id this database does not know. Nobody ("") stays allowed: that is the
// command line of the machine holding the file, before anyone signed up.
func checkViewer(ctx context.Context, tx *sql.Tx) error {
	id := model.ViewerFrom(ctx)
	if id == "" {
		return nil
	}
	var name, status string
	err := tx.QueryRowContext(ctx, `SELECT name, status FROM staff WHERE id = ?`, id).Scan(&name, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Keyed(model.EFORBIDDEN, "err.staff.not_registered", "職員 %s はこのデータベースに登録されていません", id)
	} else if err != nil {
		return fmt.Errorf("職員 %s: %w", id, err)
	}
	switch status {
	case model.StaffPending:
		return model.Keyed(model.EFORBIDDEN, "err.staff.pending_read", "%s さんの登録は承認待ちです。管理者の承認後に読めます", name)
	case model.StaffRevoked:
		return model.Keyed(model.EFORBIDDEN, "err.staff.revoked", "%s さんの利用は停止されています。管理者に問い合わせてください", name)
	}
	return nil
}

// administrators selects the ids of those who administer the database:
// the active staff granted the role, or, while nobody is, the first active
// staff member. Each arm reads one of migration 18's partial indexes
// (staff_active_admins, staff_active_by_age): written as one condition
// over staff, the rule scanned and sorted the whole table at every
// session start.
const administrators = `SELECT id FROM staff WHERE role = 'admin' AND status = 'active'
	UNION ALL SELECT id FROM (SELECT id FROM staff WHERE status = 'active' ORDER BY created_at, id LIMIT 1)
	WHERE NOT EXISTS (SELECT 1 FROM staff WHERE role = 'admin' AND status = 'active')`

// isAdminQuery is 1 when the staff member ? administers the database.
const isAdminQuery = `SELECT EXISTS (SELECT 1 FROM (` + administrators + `) WHERE id = ?)`

// isAdmin reports whether the staff member id administers the database.
func isAdmin(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var admin bool
	err := tx.QueryRowContext(ctx, isAdminQuery, id).Scan(&admin)
	return admin, err
}

// actingAdmin refuses anyone but an administrator or the operator.
func actingAdmin(ctx context.Context, tx *sql.Tx) error {
	if isOperator(ctx) {
		return nil
	}
	s, err := actingStaff(ctx, tx)
	if err != nil {
		return err
	}
	ok, err := isAdmin(ctx, tx, s.ID)
	if err != nil {
		return err
	}
	if !ok {
		return model.Keyed(model.EFORBIDDEN, "err.staff.admin_only", "職員の管理は管理者だけができます")
	}
	return nil
}

// IsAdmin reports whether the viewer administers the database.
func (db *DB) IsAdmin(ctx context.Context) (bool, error) {
	if isOperator(ctx) {
		return true, nil
	}
	var ok bool
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		if model.ViewerFrom(ctx) == "" {
			return nil
		}
		ok, err = isAdmin(ctx, tx, model.ViewerFrom(ctx))
		return err
	})
	return ok, err
}

// Accounts returns every staff member for an administrator: pending
// first, then by municipality and name.
func (db *DB) Accounts(ctx context.Context) ([]model.Account, error) {
	var out []model.Account
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if err := actingAdmin(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+staffColumns+`,
			(SELECT count(*) FROM staff_keys k WHERE k.staff_id = s.id)
			FROM staff s JOIN municipalities mu ON mu.id = s.municipality_id
			ORDER BY s.status <> 'pending', mu.sort, s.name, s.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a model.Account
			var created string
			if err := rows.Scan(&a.ID, &a.Name, &a.MunicipalityID, &a.Municipality, &a.Department,
				&a.Role, &a.Status, &created, &a.Keys); err != nil {
				return err
			}
			a.Staff.Role, a.Staff.Status = a.Role, a.Status
			a.CreatedAt = parseTime(created)
			a.Staff.CreatedAt = a.CreatedAt
			out = append(out, a)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			if out[i].Status == model.StaffActive {
				if out[i].Admin, err = isAdmin(ctx, tx, out[i].ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrapOnce("職員の管理", err)
	}
	return out, nil
}

// setStatus changes a staff member's state as an administrator.
func (db *DB) setStatus(ctx context.Context, id, status string) (*model.Staff, error) {
	var s *model.Staff
	err := db.writeTx(ctx, func(tx *sql.Tx) (err error) {
		if err := actingAdmin(ctx, tx); err != nil {
			return err
		}
		if s, err = staffByID(ctx, tx, id); err != nil {
			return err
		}
		if status == model.StaffRevoked && id == model.ViewerFrom(ctx) {
			return model.Keyed(model.ECONFLICT, "err.staff.revoke_self", "自分自身の利用は停止できません")
		}
		_, err = tx.ExecContext(ctx, `UPDATE staff SET status = ? WHERE id = ?`, status, id)
		s.Status = status
		return err
	})
	return s, err
}

// ApproveStaff lets a person who signed up over SSH in (or lets a revoked
// one in again).
func (db *DB) ApproveStaff(ctx context.Context, id string) error {
	_, err := db.setStatus(ctx, id, model.StaffActive)
	return wrapOnce("承認", err)
}

// RevokeStaff shuts a person out: their keys open nothing but a message,
// and every read and write by them is refused. Their posts stay.
func (db *DB) RevokeStaff(ctx context.Context, id string) error {
	_, err := db.setStatus(ctx, id, model.StaffRevoked)
	return wrapOnce("利用停止", err)
}

// GrantAdmin makes an active staff member an administrator.
func (db *DB) GrantAdmin(ctx context.Context, id string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := actingAdmin(ctx, tx); err != nil {
			return err
		}
		s, err := staffByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if s.Status != model.StaffActive {
			return model.Keyed(model.ECONFLICT, "err.staff.not_active", "%s さんは承認されていないか停止中です。先に承認してください", s.Name)
		}
		// The first staff member administers only while nobody has the
		// role; granting it to another keeps them an administrator too.
		_, err = tx.ExecContext(ctx, `UPDATE staff SET role = 'admin'
			WHERE id = ? OR (role <> 'admin' AND id IN (`+administrators+`))`, id)
		return err
	})
	return wrapOnce("管理者の指定", err)
}

// StaffByKey returns the staff member an SSH key identifies, whatever
// their state, or ENOTFOUND for a key nobody signed up with. It needs no
// viewer: the server asks it before it knows who connects.
func (db *DB) StaffByKey(ctx context.Context, fingerprint string) (*model.Staff, error) {
	var s *model.Staff
	err := db.readTx(model.WithViewer(ctx, ""), func(tx *sql.Tx) error {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT staff_id FROM staff_keys WHERE fingerprint = ?`, fingerprint).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Keyed(model.ENOTFOUND, "err.key.not_found", "この鍵は登録されていません")
		} else if err != nil {
			return err
		}
		s, err = staffByID(ctx, tx, id)
		return err
	})
	return s, err
}

// SignUpWithKey registers a person who connected over SSH with an unknown
// key: a pending staff member, who sees nothing until an administrator
// approves them. It sets s.ID.
func (db *DB) SignUpWithKey(ctx context.Context, k *model.KeySignup) error {
	if err := k.Staff.Validate(); err != nil {
		return err
	}
	if k.Fingerprint == "" || k.PublicKey == "" {
		return model.Keyed(model.EINVALID, "err.key.missing", "SSH の公開鍵がありません")
	}
	k.Staff.Role, k.Staff.Status = model.RoleMember, model.StaffPending
	// CreateStaff and the key must be one transaction, so that a key never
	// exists without its person; hence the insert here.
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff_keys WHERE fingerprint = ?`, k.Fingerprint).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.Keyed(model.ECONFLICT, "err.key.exists", "この鍵はすでに登録されています")
		}
		s := &k.Staff
		err := tx.QueryRowContext(ctx, `SELECT name FROM municipalities WHERE id = ?`, s.MunicipalityID).Scan(&s.Municipality)
		if errors.Is(err, sql.ErrNoRows) {
			return model.FieldError("municipality", "err.municipality", "自治体を選んでください")
		} else if err != nil {
			return err
		}
		now := db.Now()
		s.ID = model.NewID(now)
		s.Name, s.Department = model.CleanLine(strings.TrimSpace(s.Name)), model.CleanLine(strings.TrimSpace(s.Department))
		s.CreatedAt = parseTime(fmtTime(now))
		if _, err := tx.ExecContext(ctx, `INSERT INTO staff (id, name, municipality_id, department, role, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, s.ID, s.Name, s.MunicipalityID, s.Department, s.Role, s.Status, fmtTime(now)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO staff_keys (fingerprint, staff_id, public_key, created_at) VALUES (?, ?, ?, ?)`,
			k.Fingerprint, s.ID, k.PublicKey, fmtTime(now))
		return err
	})
}

// settingShared is the settings key that makes the file always open in
// network-share mode (rollback journal, no WAL).
const settingShared = "shared"

// SetShared marks the file as living on a network share (or not), for an
// administrator. The mark takes effect for every process that opens the
// file afterwards; this one switches its journal at once, before the mark
// is written: a file marked shared that could not leave WAL would refuse
// every open while the other hiroba that holds it runs, so then nothing
// is written and the error says why.
func (db *DB) SetShared(ctx context.Context, on bool) error {
	if db.remote != nil {
		return sharedOnClusterError(db.Path)
	}
	value, mode := "off", "wal"
	if on {
		value, mode = "on", "delete"
	}
	if err := db.readTx(ctx, func(tx *sql.Tx) error { return actingAdmin(ctx, tx) }); err != nil {
		return wrapOnce("共有の設定", err)
	}
	// Leaving WAL folds the log back into the file, so that a process
	// opening it from the share finds everything in the file itself. The
	// checkpointer's connection would hold the file: it stops first.
	db.checkpoints.close()
	db.checkpoints = nil
	was := db.Shared
	restore := func(err error) error {
		// The journal as it was (best effort: a failure here leaves the
		// one the next open sets from the mark), and its checkpointer.
		db.Shared = was
		db.setJournal(ctx)
		if e := db.startCheckpoints(); e != nil && err == nil {
			err = e
		}
		return err
	}
	db.Shared = on
	if err := db.setJournal(ctx); err != nil {
		if errors.Is(err, errFileInUse) {
			err = sharedInUseError(db.Path)
		}
		return restore(db.wrapWriteErr(err))
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		// A hiroba that opened the file between the switch and now found
		// it unmarked and in the other mode, and switched it back.
		var now string
		if err := tx.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&now); err != nil {
			return err
		}
		if now != mode {
			return sharedInUseError(db.Path)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingShared, value)
		return err
	})
	if err != nil {
		return restore(wrapOnce("共有の設定", err))
	}
	return db.wrapWriteErr(db.startCheckpoints())
}

// storedShared reports whether the file at path is marked as shared. It
// reads through a plain read-only connection, which changes no journal
// mode; a file it cannot read is not marked.
func storedShared(path string) bool {
	conn, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return false
	}
	defer conn.Close()
	var v string
	err = conn.QueryRow(`SELECT value FROM settings WHERE key = ?`, settingShared).Scan(&v)
	return err == nil && v == "on"
}
