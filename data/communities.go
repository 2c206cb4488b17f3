package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"hiroba/model"
)

var _ model.CommunityService = (*DB)(nil)

// hiddenCommunityIDsOf are the ids of the members-only communities that
// @viewer is not in: those communities less the viewer's, from two
// indexes. Asking each members-only community for the viewer's
// membership took 0.8 ms on the scale-1 file (100 of them), this 0.2.
const hiddenCommunityIDsOf = `SELECT id FROM communities WHERE visibility = 'members'
	EXCEPT SELECT community_id FROM memberships WHERE staff_id = @viewer`

// visibleCommunity is the condition that the community c exists for the
// viewer, the named argument @viewer: open, or the viewer is a member.
const visibleCommunity = `(c.visibility = 'open' OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.community_id = c.id AND vm.staff_id = @viewer))`

// communityColumns are read by scanCommunity; they take @viewer (for
// ViewerRole).
const communityColumns = `c.id, c.name, c.category, coalesce(c.municipality_id, ''), coalesce(mu.name, ''),
	c.visibility, c.summary, c.description, c.created_by, c.created_at, c.updated_at, c.last_activity_at,
	c.member_count, coalesce((SELECT r.role FROM memberships r WHERE r.community_id = c.id AND r.staff_id = @viewer), '')`

const communityFrom = ` FROM communities c LEFT JOIN municipalities mu ON mu.id = c.municipality_id `

func scanCommunity(row rowScanner) (*model.Community, error) {
	var c model.Community
	var created, updated, active string
	if err := row.Scan(&c.ID, &c.Name, &c.Category, &c.MunicipalityID, &c.Municipality,
		&c.Visibility, &c.Summary, &c.Description, &c.CreatedBy, &created, &updated, &active,
		&c.MemberCount, &c.ViewerRole); err != nil {
		return nil, err
	}
	c.CreatedAt, c.UpdatedAt, c.LastActivityAt = parseTime(created), parseTime(updated), parseTime(active)
	return &c, nil
}

// FindCommunities returns one page, latest activity first, of the
// communities the viewer can see, and the number of all matches.
func (db *DB) FindCommunities(ctx context.Context, f model.CommunityFilter) ([]model.Community, int, error) {
	var out []model.Community
	var total int
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		out, total, err = findCommunities(ctx, tx, f)
		return err
	})
	if err != nil {
		return nil, 0, wrapOnce("コミュニティの一覧", err)
	}
	return out, total, nil
}

func findCommunities(ctx context.Context, tx *sql.Tx, f model.CommunityFilter) ([]model.Community, int, error) {
	var w where
	w.add(visibleCommunity, sql.Named("viewer", model.ViewerFrom(ctx)))
	if f.Category != "" {
		w.add(`c.category = @category`, sql.Named("category", string(f.Category)))
	}
	switch f.MunicipalityID {
	case "":
	case model.AreaWide:
		w.add(`c.municipality_id IS NULL`)
	default:
		w.add(`c.municipality_id = @municipality`, sql.Named("municipality", f.MunicipalityID))
	}
	for i, word := range strings.Fields(f.Query) {
		name := fmt.Sprintf("word%d", i)
		w.add(`c.name LIKE @`+name+` ESCAPE '\'`, sql.Named(name, likePattern(word)))
	}
	if f.MemberOnly {
		w.add(`EXISTS (SELECT 1 FROM memberships om WHERE om.community_id = c.id AND om.staff_id = @viewer)`)
	}

	rows, err := tx.QueryContext(ctx, `SELECT `+communityColumns+communityFrom+w.String()+`
		ORDER BY c.last_activity_at DESC, c.id DESC`+limitOffset(f.Offset, f.Limit), w.args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := collect(rows, scanCommunity)
	if err != nil {
		return nil, 0, err
	}
	count := `SELECT count(*) FROM communities c ` + w.String()
	if f.Category == "" && f.MunicipalityID == "" && strings.TrimSpace(f.Query) == "" && !f.MemberOnly {
		// Every community but the members-only ones the viewer is not in,
		// counted from indexes: visibleCommunity as a WHERE read the whole
		// table, long descriptions and all. On the scale-1 file the count,
		// on the first screen's path, took 0.9 to 1.2 ms on a new
		// connection, this 0.2 (issue 16).
		count = `SELECT (SELECT count(*) FROM communities) - (SELECT count(*) FROM (` + hiddenCommunityIDsOf + `))`
	}
	total, err := countMatches(ctx, tx, f.Offset, f.Limit, len(out), count, w.args)
	return out, total, err
}

// CommunityByID returns ENOTFOUND for a community that does not exist or
// that is members-only and the viewer is not a member.
func (db *DB) CommunityByID(ctx context.Context, id string) (*model.Community, error) {
	var c *model.Community
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		c, err = communityByID(ctx, tx, id)
		return err
	})
	return c, err
}

func communityByID(ctx context.Context, tx *sql.Tx, id string) (*model.Community, error) {
	c, err := scanCommunity(tx.QueryRowContext(ctx, `SELECT `+communityColumns+communityFrom+`
		WHERE c.id = @id AND `+visibleCommunity, sql.Named("id", id), sql.Named("viewer", model.ViewerFrom(ctx))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.community.not_found", "コミュニティが見つかりません。削除されたか、参加者だけに公開されています")
	} else if err != nil {
		return nil, fmt.Errorf("コミュニティ %s: %w", id, err)
	}
	return c, nil
}

// CreateCommunity saves c, making the viewer its organiser, and sets c.ID
// (unless the caller gave one, see givenID), its times, CreatedBy,
// MemberCount and ViewerRole.
func (db *DB) CreateCommunity(ctx context.Context, c *model.Community) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := db.Now()
	c.ID = givenID(c.ID, now)
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		done, err := written(ctx, tx, "communities", "created_by", c.ID, me.ID)
		if err != nil {
			return err
		}
		if done {
			saved, err := communityByID(ctx, tx, c.ID)
			if err == nil {
				*c = *saved
			}
			return err
		}
		return insertCommunity(ctx, tx, c, me.ID, now)
	})
}

// insertCommunity saves c with organiser as its only member, at now, under
// c.ID if it has one; the fellows' community of a programme (fellows.go)
// is made the same way.
func insertCommunity(ctx context.Context, tx *sql.Tx, c *model.Community, organiser string, now time.Time) error {
	cleanCommunity(c)
	municipality, err := municipalityName(ctx, tx, c.MunicipalityID)
	if err != nil {
		return err
	}
	id := givenID(c.ID, now)
	at := fmtTime(now)
	if _, err := tx.ExecContext(ctx, `INSERT INTO communities (id, name, category, municipality_id, visibility,
		summary, description, created_by, created_at, updated_at, last_activity_at, member_count)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		id, c.Name, string(c.Category), nullString(c.MunicipalityID), c.Visibility,
		c.Summary, c.Description, organiser, at, at, at); err != nil {
		return fmt.Errorf("コミュニティの作成: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, staff_id, role, joined_at) VALUES (?, ?, 'organiser', ?)`,
		id, organiser, at); err != nil {
		return fmt.Errorf("コミュニティの作成: %w", err)
	}
	c.ID, c.CreatedBy, c.Municipality = id, organiser, municipality
	c.CreatedAt, c.UpdatedAt, c.LastActivityAt = parseTime(at), parseTime(at), parseTime(at)
	c.MemberCount, c.ViewerRole = 1, model.MemberOrganiser
	return nil
}

// UpdateCommunity saves the name, category, municipality, visibility,
// summary and description of c. Only organisers may (EFORBIDDEN otherwise);
// c is then reloaded from the database.
func (db *DB) UpdateCommunity(ctx context.Context, c *model.Community) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := actingStaff(ctx, tx); err != nil {
			return err
		}
		old, err := communityByID(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if old.ViewerRole != model.MemberOrganiser {
			return model.Keyed(model.EFORBIDDEN, "err.community.edit_forbidden", "「%s」を編集できるのは世話役だけです", old.Name)
		}
		cleanCommunity(c)
		if _, err := municipalityName(ctx, tx, c.MunicipalityID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE communities SET name = ?, category = ?, municipality_id = ?,
			visibility = ?, summary = ?, description = ?, updated_at = ? WHERE id = ?`,
			c.Name, string(c.Category), nullString(c.MunicipalityID), c.Visibility, c.Summary, c.Description,
			fmtTime(db.Now()), c.ID); err != nil {
			return fmt.Errorf("コミュニティの更新: %w", err)
		}
		updated, err := communityByID(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		*c = *updated
		return nil
	})
}

// Join makes the viewer a member; ECONFLICT if they already are.
func (db *DB) Join(ctx context.Context, communityID string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		c, err := communityByID(ctx, tx, communityID)
		if err != nil {
			return err
		}
		if c.ViewerRole != "" {
			return model.Keyed(model.ECONFLICT, "err.community.joined", "すでに「%s」に参加しています", c.Name)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, staff_id, role, joined_at) VALUES (?, ?, 'member', ?)`,
			c.ID, me.ID, fmtTime(db.Now())); err != nil {
			return fmt.Errorf("コミュニティへの参加: %w", err)
		}
		return updateMemberCount(ctx, tx, c.ID)
	})
}

// Leave removes the viewer from the community. The last organiser cannot
// leave (ECONFLICT): someone must be able to look after it.
func (db *DB) Leave(ctx context.Context, communityID string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		c, err := communityByID(ctx, tx, communityID)
		if err != nil {
			return err
		}
		switch c.ViewerRole {
		case "":
			return model.Keyed(model.ECONFLICT, "err.community.not_member", "「%s」には参加していません", c.Name)
		case model.MemberOrganiser:
			var organisers int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships WHERE community_id = ? AND role = 'organiser'`,
				c.ID).Scan(&organisers); err != nil {
				return fmt.Errorf("コミュニティからの退会: %w", err)
			}
			if organisers <= 1 {
				return model.Keyed(model.ECONFLICT, "err.community.last_organiser", "あなたは「%s」の最後の世話役です。ほかの参加者を世話役にしてから退会してください", c.Name)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE community_id = ? AND staff_id = ?`, c.ID, me.ID); err != nil {
			return fmt.Errorf("コミュニティからの退会: %w", err)
		}
		return updateMemberCount(ctx, tx, c.ID)
	})
}

// Members returns up to limit members (0 means all), organisers first, then
// by join date, and the number of all members.
func (db *DB) Members(ctx context.Context, communityID string, limit int) ([]model.Member, int, error) {
	var out []model.Member
	var total int
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		c, err := communityByID(ctx, tx, communityID)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships WHERE community_id = ?`, c.ID).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, membersInOrder+limitOffset(0, limit), c.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m model.Member
			var joined, created string
			if err := rows.Scan(&m.Staff.ID, &m.Staff.Name, &m.Staff.MunicipalityID, &m.Staff.Municipality,
				&m.Staff.Department, &m.Staff.Role, &m.Staff.Status, &created, &m.Role, &joined); err != nil {
				return err
			}
			m.Staff.CreatedAt, m.JoinedAt = parseTime(created), parseTime(joined)
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, wrapOnce("参加者の一覧", err)
	}
	return out, total, nil
}

// membersInOrder reads a community's members in Members' order, from the
// index memberships_in_order (migration 19): a page of them reads that
// many rows, not every member.
const membersInOrder = `SELECT ` + staffColumns + `, m.role, m.joined_at
	FROM memberships m
	JOIN staff s ON s.id = m.staff_id
	JOIN municipalities mu ON mu.id = s.municipality_id
	WHERE m.community_id = ?
	ORDER BY m.role = 'organiser' DESC, m.joined_at, m.staff_id`

// updateMemberCount sets member_count from the memberships, so that it
// cannot drift.
func updateMemberCount(ctx context.Context, tx *sql.Tx, communityID string) error {
	_, err := tx.ExecContext(ctx, `UPDATE communities SET member_count =
		(SELECT count(*) FROM memberships WHERE community_id = ?) WHERE id = ?`, communityID, communityID)
	if err != nil {
		return fmt.Errorf("参加者数の更新: %w", err)
	}
	return nil
}

// municipalityName returns the name of the municipality with this id, ""
// for "" (the whole area), and EINVALID for an unknown id.
func municipalityName(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM municipalities WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.FieldError("municipality", "err.municipality", "自治体を選んでください")
	} else if err != nil {
		return "", fmt.Errorf("自治体 %s: %w", id, err)
	}
	return name, nil
}

func cleanCommunity(c *model.Community) {
	c.Name = model.CleanLine(strings.TrimSpace(c.Name))
	c.Summary = model.CleanLine(strings.TrimSpace(c.Summary))
	c.Description = model.CleanText(c.Description)
	if c.MunicipalityID == model.AreaWide {
		c.MunicipalityID = ""
	}
}

// nullString stores "" as NULL.
func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}
