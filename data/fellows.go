package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hiroba/model"
)

// Fellow and mentor programmes: who runs them, who is in them. Pairing is
// in fellow_pairs.go, each pair's private space in fellow_space.go and
// the administrator's figures in fellow_stats.go.

var _ model.FellowService = (*DB)(nil)

// programmeAdmin returns the viewer if they administer the database:
// programmes are run by 人事課, who are its administrators.
func programmeAdmin(ctx context.Context, tx *sql.Tx) (*model.Staff, error) {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return nil, err
	}
	ok, err := isAdmin(ctx, tx, me.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, model.Keyed(model.EFORBIDDEN, "err.programme.admin", "フェロー・メンター制度の運営は管理者 (人事課) だけができます")
	}
	return me, nil
}

const programmeColumns = `p.id, p.kind, p.title, p.fiscal_year, p.cap, p.status, p.community_id, p.created_by, p.created_at, p.closed_at,
	(SELECT count(*) FROM programme_juniors j WHERE j.programme_id = p.id),
	(SELECT count(*) FROM programme_fellows f WHERE f.programme_id = p.id AND f.answer = 'accepted'),
	(SELECT count(*) FROM fellow_pairs x WHERE x.programme_id = p.id AND x.status <> 'ended')`

func scanProgramme(row rowScanner) (*model.Programme, error) {
	var p model.Programme
	var created string
	var closed sql.NullString
	if err := row.Scan(&p.ID, &p.Kind, &p.Title, &p.FiscalYear, &p.Cap, &p.Status, &p.CommunityID, &p.CreatedBy,
		&created, &closed, &p.Juniors, &p.Fellows, &p.Pairs); err != nil {
		return nil, err
	}
	p.CreatedAt, p.ClosedAt = parseTime(created), nullTime(closed)
	return &p, nil
}

// programmeByID returns a programme whoever asks; callers check who.
func programmeByID(ctx context.Context, tx *sql.Tx, id string) (*model.Programme, error) {
	p, err := scanProgramme(tx.QueryRowContext(ctx, `SELECT `+programmeColumns+` FROM fellow_programmes p WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.programme.not_found", "フェロー・メンター制度 %s は見つかりません", id)
	}
	return p, err
}

// openProgrammeForAdmin returns a programme the viewer administers and
// that is still open.
func openProgrammeForAdmin(ctx context.Context, tx *sql.Tx, id string) (*model.Programme, *model.Staff, error) {
	me, err := programmeAdmin(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	p, err := programmeByID(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	if p.Status != model.ProgrammeOpen {
		return nil, nil, model.Keyed(model.ECONFLICT, "err.programme.closed", "「%s」は終了しています", p.Title)
	}
	return p, me, nil
}

// CreateProgramme opens a programme with its juniors and the fellows'
// own community (メンター同士), members only, which the administrator
// organises and each fellow joins on accepting.
func (db *DB) CreateProgramme(ctx context.Context, p *model.Programme, juniorIDs []string) error {
	if err := p.Validate(db.Now()); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := programmeAdmin(ctx, tx)
		if err != nil {
			return err
		}
		now := db.Now()
		p.Title = model.CleanLine(p.Title)
		kind := "フェロー"
		if p.Kind == model.ProgrammeMentor {
			kind = "メンター"
		}
		c := &model.Community{
			Name:        fmt.Sprintf("%s同士 (%d年度)", kind, p.FiscalYear),
			Category:    model.CategoryLearning,
			Visibility:  model.VisibilityMembers,
			Summary:     fmt.Sprintf("「%s」の%sが互いに相談し合う場です", p.Title, kind),
			Description: fmt.Sprintf("「%s」で%sを務める職員のためのコミュニティです。面談の進め方や悩みを共有してください。後輩職員の個人的な相談内容は書かないでください。", p.Title, kind),
		}
		if err := insertCommunity(ctx, tx, c, me.ID, now); err != nil {
			return err
		}
		p.ID, p.CommunityID, p.CreatedBy, p.Status = model.NewID(now), c.ID, me.ID, model.ProgrammeOpen
		p.CreatedAt = parseTime(fmtTime(now))
		if _, err := tx.ExecContext(ctx, `INSERT INTO fellow_programmes (id, kind, title, fiscal_year, cap, status, community_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)`, p.ID, p.Kind, p.Title, p.FiscalYear, p.Cap, p.CommunityID, me.ID, fmtTime(now)); err != nil {
			return err
		}
		if err := addMembers(ctx, tx, p.ID, model.RoleJunior, juniorIDs, fmtTime(now)); err != nil {
			return err
		}
		p.Juniors = len(juniorIDs)
		return nil
	})
	return wrapOnce("フェロー・メンター制度の作成", err)
}

// addMembers adds active staff to a programme as juniors or invited
// fellows; nobody may be both. Someone already in that role is left as is.
func addMembers(ctx context.Context, tx *sql.Tx, programmeID, role string, ids []string, now string) error {
	insert, other := `INSERT OR IGNORE INTO programme_juniors (programme_id, staff_id, added_at) VALUES (?, ?, ?)`, "programme_fellows"
	if role == model.RoleFellow {
		insert, other = `INSERT OR IGNORE INTO programme_fellows (programme_id, staff_id, invited_at) VALUES (?, ?, ?)`, "programme_juniors"
	}
	for _, id := range ids {
		s, err := staffByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if s.Status != model.StaffActive {
			return model.Keyed(model.ENOTFOUND, "err.staff.not_found", "職員 %s は見つかりません", id)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+other+` WHERE programme_id = ? AND staff_id = ?`, programmeID, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.Keyed(model.ECONFLICT, "err.programme.both", "%s さんは同じ制度の後輩とフェローを兼ねられません", s.Name)
		}
		if _, err := tx.ExecContext(ctx, insert, programmeID, id, now); err != nil {
			return err
		}
	}
	return nil
}

// Programmes returns every programme to an administrator, and to anyone
// else those they are a junior or an invited fellow of; newest first.
func (db *DB) Programmes(ctx context.Context) ([]model.Programme, error) {
	var out []model.Programme
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		admin, err := isAdmin(ctx, tx, me.ID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+programmeColumns+` FROM fellow_programmes p
			WHERE @admin OR EXISTS (SELECT 1 FROM programme_juniors j WHERE j.programme_id = p.id AND j.staff_id = @me)
				OR EXISTS (SELECT 1 FROM programme_fellows f WHERE f.programme_id = p.id AND f.staff_id = @me)
			ORDER BY p.fiscal_year DESC, p.created_at DESC`, sql.Named("admin", admin), sql.Named("me", me.ID))
		if err != nil {
			return err
		}
		if out, err = collect(rows, scanProgramme); err != nil {
			return err
		}
		for i := range out {
			if out[i].Invitation, err = invitationOf(ctx, tx, out[i].ID, me.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, wrapOnce("フェロー・メンター制度の一覧", err)
}

// invitationOf is staffID's answer to being invited as a fellow of a
// programme, "" when not invited.
func invitationOf(ctx context.Context, tx *sql.Tx, programmeID, staffID string) (string, error) {
	var answer string
	err := tx.QueryRowContext(ctx, `SELECT answer FROM programme_fellows WHERE programme_id = ? AND staff_id = ?`, programmeID, staffID).Scan(&answer)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return answer, err
}

// ProgrammeByID returns a programme to an administrator or one of its
// juniors or fellows; to anyone else it does not exist.
func (db *DB) ProgrammeByID(ctx context.Context, id string) (*model.Programme, error) {
	var p *model.Programme
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		p, err = programmeForMember(ctx, tx, id)
		return err
	})
	return p, wrapOnce("フェロー・メンター制度", err)
}

func programmeForMember(ctx context.Context, tx *sql.Tx, id string) (*model.Programme, error) {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return nil, err
	}
	p, err := programmeByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	var ok bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM programme_juniors WHERE programme_id = @p AND staff_id = @me)
		OR EXISTS (SELECT 1 FROM programme_fellows WHERE programme_id = @p AND staff_id = @me)`,
		sql.Named("p", id), sql.Named("me", me.ID)).Scan(&ok); err != nil {
		return nil, err
	}
	if !ok {
		if ok, err = isAdmin(ctx, tx, me.ID); err != nil {
			return nil, err
		}
	}
	if !ok {
		return nil, model.Keyed(model.ENOTFOUND, "err.programme.not_found", "フェロー・メンター制度 %s は見つかりません", id)
	}
	p.Invitation, err = invitationOf(ctx, tx, id, me.ID)
	return p, err
}

// AddJuniors adds new staff to a programme (administrator).
func (db *DB) AddJuniors(ctx context.Context, programmeID string, staffIDs []string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := openProgrammeForAdmin(ctx, tx, programmeID); err != nil {
			return err
		}
		return addMembers(ctx, tx, programmeID, model.RoleJunior, staffIDs, fmtTime(db.Now()))
	})
	return wrapOnce("後輩職員の追加", err)
}

// RemoveJunior takes a junior out of a programme with any pair not yet
// confirmed (administrator); one with a running pair is refused.
func (db *DB) RemoveJunior(ctx context.Context, programmeID, staffID string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := openProgrammeForAdmin(ctx, tx, programmeID); err != nil {
			return err
		}
		var running int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM fellow_pairs WHERE programme_id = ? AND junior_id = ? AND status = 'confirmed'`,
			programmeID, staffID).Scan(&running); err != nil {
			return err
		}
		if running > 0 {
			return model.Keyed(model.ECONFLICT, "err.pair.state", "確定済みの組は変更できません。先に組を終了してください")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM fellow_pairs WHERE programme_id = ? AND junior_id = ? AND status IN ('proposed', 'fixed')`,
			programmeID, staffID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM programme_juniors WHERE programme_id = ? AND staff_id = ?`, programmeID, staffID)
		return err
	})
	return wrapOnce("後輩職員の削除", err)
}

// InviteFellows asks seniors to stand as fellows (administrator).
func (db *DB) InviteFellows(ctx context.Context, programmeID string, staffIDs []string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, _, err := openProgrammeForAdmin(ctx, tx, programmeID); err != nil {
			return err
		}
		return addMembers(ctx, tx, programmeID, model.RoleFellow, staffIDs, fmtTime(db.Now()))
	})
	return wrapOnce("フェローの依頼", err)
}

// AnswerInvitation records the invited senior's answer. Accepting makes
// them a member of the fellows' community; declining after accepting
// takes back their unconfirmed pairs, and is refused while they have a
// running pair.
func (db *DB) AnswerInvitation(ctx context.Context, programmeID string, accept bool) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		p, err := programmeByID(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		var answer string
		err = tx.QueryRowContext(ctx, `SELECT answer FROM programme_fellows WHERE programme_id = ? AND staff_id = ?`, programmeID, me.ID).Scan(&answer)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Keyed(model.ENOTFOUND, "err.programme.not_invited", "「%s」のフェローには依頼されていません", p.Title)
		} else if err != nil {
			return err
		}
		if p.Status != model.ProgrammeOpen {
			return model.Keyed(model.ECONFLICT, "err.programme.closed", "「%s」は終了しています", p.Title)
		}
		now := fmtTime(db.Now())
		value := model.InvitationDeclined
		if accept {
			value = model.InvitationAccepted
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO memberships (community_id, staff_id, role, joined_at) VALUES (?, ?, 'member', ?)`,
				p.CommunityID, me.ID, now); err != nil {
				return err
			}
		} else {
			var running int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM fellow_pairs WHERE programme_id = ? AND fellow_id = ? AND status = 'confirmed'`,
				programmeID, me.ID).Scan(&running); err != nil {
				return err
			}
			if running > 0 {
				return model.Keyed(model.ECONFLICT, "err.pair.state", "確定済みの組は変更できません。先に組を終了してください")
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM fellow_pairs WHERE programme_id = ? AND fellow_id = ? AND status IN ('proposed', 'fixed')`,
				programmeID, me.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE community_id = ? AND staff_id = ? AND role = 'member'`,
				p.CommunityID, me.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE programme_fellows SET answer = ?, answered_at = ? WHERE programme_id = ? AND staff_id = ?`,
			value, now, programmeID, me.ID); err != nil {
			return err
		}
		return updateMemberCount(ctx, tx, p.CommunityID)
	})
	return wrapOnce("フェローの依頼への回答", err)
}

// ProgrammeMembers lists a programme's juniors and then its fellows, each
// by municipality and name, with topics and how many juniors each has
// (administrator).
func (db *DB) ProgrammeMembers(ctx context.Context, programmeID string) ([]model.ProgrammeMember, error) {
	var out []model.ProgrammeMember
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := programmeAdmin(ctx, tx); err != nil {
			return err
		}
		if _, err := programmeByID(ctx, tx, programmeID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+staffColumns+`, m.role, m.answer,
				(SELECT count(*) FROM fellow_pairs x WHERE x.programme_id = @p AND x.status <> 'ended'
					AND (m.role = 'junior' AND x.junior_id = s.id OR m.role = 'fellow' AND x.fellow_id = s.id))
			FROM (SELECT staff_id, 'junior' AS role, '' AS answer FROM programme_juniors WHERE programme_id = @p
				UNION ALL SELECT staff_id, 'fellow', answer FROM programme_fellows WHERE programme_id = @p) m
			JOIN staff s ON s.id = m.staff_id JOIN municipalities mu ON mu.id = s.municipality_id
			ORDER BY m.role = 'fellow', mu.sort, s.name, s.id`, sql.Named("p", programmeID))
		if err != nil {
			return err
		}
		out, err = collect(rows, func(r rowScanner) (*model.ProgrammeMember, error) {
			var m model.ProgrammeMember
			var created string
			err := r.Scan(&m.Staff.ID, &m.Staff.Name, &m.Staff.MunicipalityID, &m.Staff.Municipality, &m.Staff.Department,
				&m.Staff.Role, &m.Staff.Status, &created, &m.Role, &m.Answer, &m.Load)
			m.Staff.CreatedAt = parseTime(created)
			return &m, err
		})
		if err != nil {
			return err
		}
		for i := range out {
			if out[i].Topics, err = topicsOf(ctx, tx, out[i].Staff.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, wrapOnce("制度の参加者", err)
}
