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

// Staff profiles (異動歴, 聞いてOK). Not to be confused with Profiles in
// profiles.go, which remembers on this machine who one is in each file.

var _ model.PeopleService = (*DB)(nil)

// profileReader refuses anyone but approved staff (and the operator):
// everything a profile adds to a name is for colleagues only.
func profileReader(ctx context.Context, tx *sql.Tx) error {
	if isOperator(ctx) {
		return nil
	}
	_, err := actingStaff(ctx, tx)
	return err
}

// ProfileByStaff returns a person's profile; one who never wrote one has
// an empty one. A hidden profile shows others only name, municipality and
// department. ENOTFOUND for an unknown person or one not active.
func (db *DB) ProfileByStaff(ctx context.Context, staffID string) (*model.Profile, error) {
	var p *model.Profile
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		if err := profileReader(ctx, tx); err != nil {
			return err
		}
		if p, err = profileByStaff(ctx, tx, staffID); err != nil {
			return err
		}
		if p.Hidden && model.ViewerFrom(ctx) != staffID && !isOperator(ctx) {
			p.JoinedYear, p.History, p.Topics, p.UpdatedAt = 0, []model.PastPost{}, []model.Topic{}, nil
		}
		return nil
	})
	return p, wrapOnce("プロフィール", err)
}

func profileByStaff(ctx context.Context, tx *sql.Tx, staffID string) (*model.Profile, error) {
	s, err := staffByID(ctx, tx, staffID)
	if err != nil {
		return nil, err
	}
	if s.Status != model.StaffActive {
		return nil, model.Keyed(model.ENOTFOUND, "err.staff.not_found", "職員 %s は見つかりません", staffID)
	}
	p := &model.Profile{Staff: *s, History: []model.PastPost{}, Topics: []model.Topic{}}
	var updated sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT joined_year, hidden, updated_at FROM staff_profiles WHERE staff_id = ?`, staffID).
		Scan(&p.JoinedYear, &p.Hidden, &updated)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	p.UpdatedAt = nullTime(updated)
	if p.History, err = historyOf(ctx, tx, staffID); err != nil {
		return nil, err
	}
	if p.Topics, err = topicsOf(ctx, tx, staffID); err != nil {
		return nil, err
	}
	return p, nil
}

// historyOf returns a person's 異動歴, oldest first.
func historyOf(ctx context.Context, tx *sql.Tx, staffID string) ([]model.PastPost, error) {
	rows, err := tx.QueryContext(ctx, `SELECT municipality, department, from_year, to_year
		FROM staff_history WHERE staff_id = ? ORDER BY from_year, position`, staffID)
	if err != nil {
		return nil, err
	}
	out, err := collect(rows, func(r rowScanner) (*model.PastPost, error) {
		var h model.PastPost
		return &h, r.Scan(&h.Municipality, &h.Department, &h.FromYear, &h.ToYear)
	})
	if out == nil {
		out = []model.PastPost{}
	}
	return out, err
}

// topicsOf returns a person's 聞いてOK topics, grouped by kind as written.
func topicsOf(ctx context.Context, tx *sql.Tx, staffID string) ([]model.Topic, error) {
	rows, err := tx.QueryContext(ctx, `SELECT kind, label, note FROM staff_topics WHERE staff_id = ? ORDER BY position`, staffID)
	if err != nil {
		return nil, err
	}
	out, err := collect(rows, func(r rowScanner) (*model.Topic, error) {
		var t model.Topic
		return &t, r.Scan(&t.Kind, &t.Label, &t.Note)
	})
	if out == nil {
		out = []model.Topic{}
	}
	return out, err
}

// SaveProfile replaces the viewer's own profile. p.Staff.ID, if set, must
// be the viewer: nobody edits another's profile, administrators included.
func (db *DB) SaveProfile(ctx context.Context, p *model.Profile) error {
	if err := p.Validate(db.Now()); err != nil {
		return err
	}
	clean := p.Clean()
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		if p.Staff.ID != "" && p.Staff.ID != me.ID {
			return model.Keyed(model.EFORBIDDEN, "err.profile.own", "プロフィールは本人だけが編集できます")
		}
		if err := writeProfile(ctx, tx, me.ID, &clean, fmtTime(db.Now())); err != nil {
			return err
		}
		saved, err := profileByStaff(ctx, tx, me.ID)
		if err == nil {
			*p = *saved
		}
		return err
	})
	return wrapOnce("プロフィールの保存", err)
}

// profileWriter writes validated, cleaned profiles with their search
// text through statements prepared once, so that the scale generator's
// 8,000 profiles take a second rather than several.
type profileWriter struct {
	profile, clearHistory, clearTopics, history, topic, text *sql.Stmt
}

func newProfileWriter(ctx context.Context, tx *sql.Tx) (*profileWriter, error) {
	w := &profileWriter{}
	for _, s := range []struct {
		st    **sql.Stmt
		query string
	}{
		{&w.profile, `INSERT INTO staff_profiles (staff_id, joined_year, hidden, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (staff_id) DO UPDATE SET joined_year = excluded.joined_year, hidden = excluded.hidden, updated_at = excluded.updated_at`},
		{&w.clearHistory, `DELETE FROM staff_history WHERE staff_id = ?`},
		{&w.clearTopics, `DELETE FROM staff_topics WHERE staff_id = ?`},
		{&w.history, `INSERT INTO staff_history (staff_id, position, municipality, department, from_year, to_year) VALUES (?, ?, ?, ?, ?, ?)`},
		{&w.topic, `INSERT INTO staff_topics (staff_id, position, kind, label, note) VALUES (?, ?, ?, ?, ?)`},
		{&w.text, `UPDATE people_text SET history = ?, work = ?, system = ?, experience = ? WHERE staff_id = ?`},
	} {
		st, err := tx.PrepareContext(ctx, s.query)
		if err != nil {
			w.close()
			return nil, err
		}
		*s.st = st
	}
	return w, nil
}

func (w *profileWriter) close() {
	for _, st := range []*sql.Stmt{w.profile, w.clearHistory, w.clearTopics, w.history, w.topic, w.text} {
		if st != nil {
			st.Close()
		}
	}
}

// write stores p, validated and cleaned, as staffID's profile.
func (w *profileWriter) write(ctx context.Context, staffID string, p *model.Profile, now string) error {
	if _, err := w.profile.ExecContext(ctx, staffID, p.JoinedYear, p.Hidden, now); err != nil {
		return err
	}
	for _, st := range []*sql.Stmt{w.clearHistory, w.clearTopics} {
		if _, err := st.ExecContext(ctx, staffID); err != nil {
			return err
		}
	}
	for i, h := range p.History {
		if _, err := w.history.ExecContext(ctx, staffID, i, h.Municipality, h.Department, h.FromYear, h.ToYear); err != nil {
			return err
		}
	}
	for i, t := range p.Topics {
		if _, err := w.topic.ExecContext(ctx, staffID, i, t.Kind, t.Label, t.Note); err != nil {
			return err
		}
	}
	text := peopleText(p.History, p.Topics)
	_, err := w.text.ExecContext(ctx, text[0], text[1], text[2], text[3], staffID)
	return err
}

// peopleText is what people search reads of a profile (people_text's
// history, work, system and experience): one line per past post, and per
// topic of each kind, with its note.
func peopleText(history []model.PastPost, topics []model.Topic) [4]string {
	var places []string
	for _, h := range history {
		places = append(places, strings.TrimSpace(h.Municipality+" "+h.Department))
	}
	byKind := map[model.TopicKind][]string{}
	for _, t := range topics {
		line := t.Label
		if t.Note != "" {
			line += " (" + t.Note + ")"
		}
		byKind[t.Kind] = append(byKind[t.Kind], line)
	}
	return [4]string{strings.Join(places, "\n"), strings.Join(byKind[model.TopicWork], "\n"),
		strings.Join(byKind[model.TopicSystem], "\n"), strings.Join(byKind[model.TopicExperience], "\n")}
}

// refreshPeopleText writes people_text again from the profile rows as they
// are, for writes that change those rows other than through SaveProfile
// (a drill's merge).
func refreshPeopleText(ctx context.Context, tx *sql.Tx, staffID string) error {
	history, err := historyOf(ctx, tx, staffID)
	if err != nil {
		return err
	}
	topics, err := topicsOf(ctx, tx, staffID)
	if err != nil {
		return err
	}
	text := peopleText(history, topics)
	_, err = tx.ExecContext(ctx, `UPDATE people_text SET history = ?, work = ?, system = ?, experience = ?
		WHERE staff_id = ? AND (history, work, system, experience) <> (?, ?, ?, ?)`,
		text[0], text[1], text[2], text[3], staffID, text[0], text[1], text[2], text[3])
	return err
}

// writeProfile stores one validated, cleaned profile for staffID.
func writeProfile(ctx context.Context, tx *sql.Tx, staffID string, p *model.Profile, now string) error {
	w, err := newProfileWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	return w.write(ctx, staffID, p, now)
}

// SetProfileHidden keeps the viewer's profile out of people search, or
// lets it be found again.
func (db *DB) SetProfileHidden(ctx context.Context, hidden bool) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO staff_profiles (staff_id, hidden, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (staff_id) DO UPDATE SET hidden = excluded.hidden, updated_at = excluded.updated_at`,
			me.ID, hidden, fmtTime(db.Now()))
		return err
	})
	return wrapOnce("プロフィールの公開設定", err)
}

// WriteProfiles stores profiles (by staff id, in the order of ids) inside
// a Bulk transaction, for the demo and scale generators: each is
// validated at now and cleaned as SaveProfile does, without a viewer.
func WriteProfiles(ctx context.Context, tx *sql.Tx, ids []string, profiles []*model.Profile, now time.Time) error {
	w, err := newProfileWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	at := fmtTime(now)
	for i, p := range profiles {
		if err := p.Validate(now); err != nil {
			return fmt.Errorf("%s: %w", ids[i], err)
		}
		clean := p.Clean()
		if err := w.write(ctx, ids[i], &clean, at); err != nil {
			return err
		}
	}
	return nil
}
