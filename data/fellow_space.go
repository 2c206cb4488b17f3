package data

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"hiroba/model"
)

// A pair's private space: messages, 面談 and the twice-yearly answers.
// These live in their own tables (pair_messages, pair_meetings,
// pair_feedback), which no read path of threads, search, the inbox, the
// calendar or iCalendar export knows; the methods here are the only door
// and open for the junior and the fellow of a confirmed or ended pair
// alone. An administrator gets the figures (fellow_stats.go), never the
// content. The ui shows a person's 面談 on their calendar by adding
// MyPairMeetings to the events it reads.

// pairForMember returns a pair the viewer is one of the two of, and which
// side they are. To anyone else, the administrator included, the pair
// does not exist; nor does a pair not yet confirmed.
func pairForMember(ctx context.Context, tx *sql.Tx, pairID string) (*model.Pair, *model.Staff, string, error) {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return nil, nil, "", err
	}
	x, err := pairByID(ctx, tx, pairID)
	if err != nil {
		return nil, nil, "", err
	}
	side := ""
	switch me.ID {
	case x.Junior.ID:
		side = model.RoleJunior
	case x.Fellow.ID:
		side = model.RoleFellow
	}
	if side == "" || x.Status != model.PairConfirmed && x.Status != model.PairEnded {
		return nil, nil, "", model.Keyed(model.ENOTFOUND, "err.pair.not_found", "この組は見つかりません")
	}
	return x, me, side, nil
}

// runningPairForMember is pairForMember for writing: the pair must not be
// ended.
func runningPairForMember(ctx context.Context, tx *sql.Tx, pairID string) (*model.Pair, *model.Staff, string, error) {
	x, me, side, err := pairForMember(ctx, tx, pairID)
	if err == nil && x.Status != model.PairConfirmed {
		err = model.Keyed(model.ECONFLICT, "err.pair.ended", "この組は終了しています")
	}
	return x, me, side, err
}

// MyPairs returns the viewer's confirmed and ended pairs, either side,
// running ones first, with how many of the other's messages are unread.
func (db *DB) MyPairs(ctx context.Context) ([]model.Pair, error) {
	var out []model.Pair
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+pairColumns+`,
				(SELECT count(*) FROM pair_messages m WHERE m.pair_id = x.id AND m.author_id <> @me
					AND m.created_at > coalesce((SELECT read_at FROM pair_reads r WHERE r.pair_id = x.id AND r.staff_id = @me), ''))
			`+pairFrom+`WHERE (x.junior_id = @me OR x.fellow_id = @me) AND x.status IN ('confirmed', 'ended')
			ORDER BY x.status = 'ended', p.fiscal_year DESC, x.confirmed_at DESC`, sql.Named("me", me.ID))
		if err != nil {
			return err
		}
		out, err = collect(rows, func(r rowScanner) (*model.Pair, error) {
			var unread int
			x, err := scanPair(scanFunc(func(dest ...any) error { return r.Scan(append(dest, &unread)...) }))
			if x != nil {
				x.Unread = unread
			}
			return x, err
		})
		if err != nil {
			return err
		}
		return withSharedTopics(ctx, tx, out)
	})
	return out, wrapOnce("組の一覧", err)
}

// EndPair ends a running pair: either of the two, or an administrator.
// The reason is required; the administrator sees it.
func (db *DB) EndPair(ctx context.Context, pairID, reason string) error {
	reason = strings.TrimSpace(model.CleanText(reason))
	if reason == "" {
		return model.FieldError("reason", "err.pair.reason", "終了の理由を書いてください")
	}
	if n := len([]rune(reason)); n > model.MaxEndReasonLen {
		return model.FieldError("reason", "err.toolong", "長すぎます (%d 文字まで、いまは %d 文字)", model.MaxEndReasonLen, n)
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		_, _, side, err := runningPairForMember(ctx, tx, pairID)
		if model.ErrorCode(err) == model.ENOTFOUND {
			if _, aerr := programmeAdmin(ctx, tx); aerr == nil {
				x, perr := pairByID(ctx, tx, pairID)
				if perr != nil {
					return perr
				}
				if x.Status != model.PairConfirmed {
					return model.Keyed(model.ECONFLICT, "err.pair.ended", "この組は終了しています")
				}
				side, err = model.RoleAdmin, nil
			}
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE fellow_pairs SET status = 'ended', ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ?`,
			fmtTime(db.Now()), side, reason, pairID)
		return err
	})
	return wrapOnce("組の終了", err)
}

// PairMessages returns a pair's thread, oldest first, to the two.
func (db *DB) PairMessages(ctx context.Context, pairID string, offset, limit int) ([]model.PairMessage, error) {
	var out []model.PairMessage
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if _, _, _, err := pairForMember(ctx, tx, pairID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT m.id, m.pair_id, m.body, m.created_at, `+staffColumns+`
			FROM pair_messages m JOIN staff s ON s.id = m.author_id JOIN municipalities mu ON mu.id = s.municipality_id
			WHERE m.pair_id = ? ORDER BY m.created_at, m.id LIMIT ? OFFSET ?`, pairID, sqlLimit(limit), max(offset, 0))
		if err != nil {
			return err
		}
		out, err = collect(rows, func(r rowScanner) (*model.PairMessage, error) {
			var m model.PairMessage
			var at, created string
			err := r.Scan(&m.ID, &m.PairID, &m.Body, &at, &m.Author.ID, &m.Author.Name, &m.Author.MunicipalityID,
				&m.Author.Municipality, &m.Author.Department, &m.Author.Role, &m.Author.Status, &created)
			m.CreatedAt, m.Author.CreatedAt = parseTime(at), parseTime(created)
			return &m, err
		})
		return err
	})
	return out, wrapOnce("組のやりとり", err)
}

// PostPairMessage adds the viewer's message to a running pair's thread.
func (db *DB) PostPairMessage(ctx context.Context, pairID, body string) (*model.PairMessage, error) {
	body = strings.TrimSpace(model.CleanText(body))
	if body == "" {
		return nil, model.FieldError("body", "err.required", "入力してください")
	}
	if n := len([]rune(body)); n > model.MaxPairMessageLen {
		return nil, model.FieldError("body", "err.toolong", "長すぎます (%d 文字まで、いまは %d 文字)", model.MaxPairMessageLen, n)
	}
	var out *model.PairMessage
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		_, me, _, err := runningPairForMember(ctx, tx, pairID)
		if err != nil {
			return err
		}
		now := db.Now()
		m := &model.PairMessage{ID: model.NewID(now), PairID: pairID, Author: *me, Body: body, CreatedAt: parseTime(fmtTime(now))}
		if _, err := tx.ExecContext(ctx, `INSERT INTO pair_messages (id, pair_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)`,
			m.ID, pairID, me.ID, body, fmtTime(now)); err != nil {
			return err
		}
		// What one writes is read.
		if err := markPairRead(ctx, tx, pairID, me.ID, fmtTime(now)); err != nil {
			return err
		}
		out = m
		return nil
	})
	return out, wrapOnce("組のやりとり", err)
}

func markPairRead(ctx context.Context, tx *sql.Tx, pairID, staffID, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pair_reads (pair_id, staff_id, read_at) VALUES (?, ?, ?)
		ON CONFLICT (pair_id, staff_id) DO UPDATE SET read_at = max(read_at, excluded.read_at)`, pairID, staffID, at)
	return err
}

// MarkPairRead marks a pair's thread read for the viewer.
func (db *DB) MarkPairRead(ctx context.Context, pairID string) error {
	err := db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		_, me, _, err := pairForMember(ctx, tx, pairID)
		if err != nil {
			return err
		}
		return markPairRead(ctx, tx, pairID, me.ID, fmtTime(db.Now()))
	})
	return wrapOnce("既読", err)
}

const meetingColumns = `g.id, g.pair_id, g.starts_at, g.ends_at, g.place, g.note, g.twenty_percent, g.cancelled_at IS NOT NULL, g.created_by`

func scanMeeting(r rowScanner) (*model.PairMeeting, error) {
	var m model.PairMeeting
	var start, end string
	err := r.Scan(&m.ID, &m.PairID, &start, &end, &m.Place, &m.Note, &m.TwentyPercent, &m.Cancelled, &m.CreatedBy)
	m.Start, m.End = parseTime(start), parseTime(end)
	return &m, err
}

// PairMeetings returns a pair's 面談, cancelled ones too, to the two.
func (db *DB) PairMeetings(ctx context.Context, pairID string) ([]model.PairMeeting, error) {
	var out []model.PairMeeting
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		x, me, _, err := pairForMember(ctx, tx, pairID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+meetingColumns+` FROM pair_meetings g WHERE g.pair_id = ? ORDER BY g.starts_at, g.id`, pairID)
		if err != nil {
			return err
		}
		if out, err = collect(rows, scanMeeting); err != nil {
			return err
		}
		for i := range out {
			out[i].With = otherOf(x, me.ID)
		}
		return nil
	})
	return out, wrapOnce("面談", err)
}

func otherOf(x *model.Pair, me string) model.Staff {
	if x.Junior.ID == me {
		return x.Fellow
	}
	return x.Junior
}

// MyPairMeetings returns the viewer's 面談 that overlap [from, to), not
// cancelled, of every pair they are one of, for their calendar.
func (db *DB) MyPairMeetings(ctx context.Context, from, to time.Time) ([]model.PairMeeting, error) {
	var out []model.PairMeeting
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+meetingColumns+`, `+pairColumns+`
			FROM pair_meetings g JOIN fellow_pairs x ON x.id = g.pair_id
			JOIN fellow_programmes p ON p.id = x.programme_id
			JOIN staff j ON j.id = x.junior_id JOIN municipalities jm ON jm.id = j.municipality_id
			JOIN staff f ON f.id = x.fellow_id JOIN municipalities fm ON fm.id = f.municipality_id
			WHERE (x.junior_id = @me OR x.fellow_id = @me) AND x.status IN ('confirmed', 'ended')
				AND g.cancelled_at IS NULL AND g.starts_at < @to AND g.ends_at > @from
			ORDER BY g.starts_at, g.id`, sql.Named("me", me.ID), sql.Named("from", fmtTime(from)), sql.Named("to", fmtTime(to)))
		if err != nil {
			return err
		}
		out, err = collect(rows, func(r rowScanner) (*model.PairMeeting, error) {
			// The meeting's columns come first, then the pair's.
			var x *model.Pair
			m, err := scanMeeting(scanFunc(func(dest ...any) error {
				var perr error
				x, perr = scanPair(scanFunc(func(pairDest ...any) error { return r.Scan(append(dest, pairDest...)...) }))
				return perr
			}))
			if err == nil {
				m.With = otherOf(x, me.ID)
			}
			return m, err
		})
		return err
	})
	return out, wrapOnce("面談", err)
}

// scanFunc is a rowScanner made of a function, to scan one row into two
// scanners' columns.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// SchedulePairMeeting adds a 面談 to a running pair (either of the two);
// it sets m.ID, m.CreatedBy and m.With.
func (db *DB) SchedulePairMeeting(ctx context.Context, m *model.PairMeeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.Place, m.Note = strings.TrimSpace(model.CleanLine(m.Place)), strings.TrimSpace(model.CleanText(m.Note))
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		x, me, _, err := runningPairForMember(ctx, tx, m.PairID)
		if err != nil {
			return err
		}
		now := db.Now()
		m.ID, m.CreatedBy, m.With, m.Cancelled = model.NewID(now), me.ID, otherOf(x, me.ID), false
		_, err = tx.ExecContext(ctx, `INSERT INTO pair_meetings (id, pair_id, starts_at, ends_at, place, note, twenty_percent, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ID, m.PairID, fmtTime(m.Start), fmtTime(m.End), m.Place, m.Note, m.TwentyPercent, me.ID, fmtTime(now))
		return err
	})
	return wrapOnce("面談の登録", err)
}

// CancelPairMeeting cancels a 面談 (either of the two); it stays listed as
// cancelled and no longer counts as met.
func (db *DB) CancelPairMeeting(ctx context.Context, meetingID string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var pairID string
		err := tx.QueryRowContext(ctx, `SELECT pair_id FROM pair_meetings WHERE id = ?`, meetingID).Scan(&pairID)
		if err == sql.ErrNoRows {
			return model.Keyed(model.ENOTFOUND, "err.pair.not_found", "この組は見つかりません")
		} else if err != nil {
			return err
		}
		if _, _, _, err := runningPairForMember(ctx, tx, pairID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE pair_meetings SET cancelled_at = coalesce(cancelled_at, ?) WHERE id = ?`, fmtTime(db.Now()), meetingID)
		return err
	})
	return wrapOnce("面談の取り消し", err)
}

// MyFeedback returns the viewer's own answers for the pair, newest half
// year first (model.FellowStore).
func (db *DB) MyFeedback(ctx context.Context, pairID string) ([]model.PairFeedback, error) {
	var out []model.PairFeedback
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		_, _, side, err := pairForMember(ctx, tx, pairID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT period, ease, useful, continue, comment, created_at
			FROM pair_feedback WHERE pair_id = ? AND side = ? ORDER BY period DESC`, pairID, side)
		if err != nil {
			return err
		}
		out, err = collect(rows, func(r rowScanner) (*model.PairFeedback, error) {
			f := model.PairFeedback{PairID: pairID, Side: side}
			var at string
			err := r.Scan(&f.Period, &f.Ease, &f.Useful, &f.Continue, &f.Comment, &at)
			f.At = parseTime(at)
			return &f, err
		})
		return err
	})
	return out, wrapOnce("アンケートの回答", err)
}

// AnswerFeedback records the viewer's answer for the current half year,
// replacing an earlier one of the same half; f.Period, f.Side and f.At are
// set here. The pair may be running or ended (the last half can still be
// answered).
func (db *DB) AnswerFeedback(ctx context.Context, f *model.PairFeedback) error {
	if err := f.Validate(); err != nil {
		return err
	}
	f.Comment = strings.TrimSpace(model.CleanText(f.Comment))
	err := db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		_, _, side, err := pairForMember(ctx, tx, f.PairID)
		if err != nil {
			return err
		}
		now := db.Now()
		f.Period, f.Side, f.At = model.FeedbackPeriod(now), side, parseTime(fmtTime(now))
		_, err = tx.ExecContext(ctx, `INSERT INTO pair_feedback (pair_id, side, period, ease, useful, continue, comment, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (pair_id, side, period) DO UPDATE SET ease = excluded.ease, useful = excluded.useful,
				continue = excluded.continue, comment = excluded.comment, created_at = excluded.created_at`,
			f.PairID, side, f.Period, f.Ease, f.Useful, f.Continue, f.Comment, fmtTime(now))
		return err
	})
	return wrapOnce("アンケートの回答", err)
}
