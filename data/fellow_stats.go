package data

import (
	"context"
	"database/sql"

	"hiroba/model"
)

// ProgrammeStats returns, for an administrator, every confirmed or ended
// pair's figures: when they last met and how many 面談 took place (held:
// started by now and not cancelled), how many messages (never what), the
// lapse flag, how it ended, and each side's answers with comments, which
// only administrators read. model.WriteStatsCSV writes them without any
// text people wrote.
func (db *DB) ProgrammeStats(ctx context.Context, programmeID string) ([]model.PairStat, error) {
	var out []model.PairStat
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := programmeAdmin(ctx, tx); err != nil {
			return err
		}
		if _, err := programmeByID(ctx, tx, programmeID); err != nil {
			return err
		}
		now := db.Now()
		rows, err := tx.QueryContext(ctx, `SELECT `+pairColumns+`,
				(SELECT max(g.starts_at) FROM pair_meetings g WHERE g.pair_id = x.id AND g.cancelled_at IS NULL AND g.starts_at <= @now),
				(SELECT count(*) FROM pair_meetings g WHERE g.pair_id = x.id AND g.cancelled_at IS NULL AND g.starts_at <= @now),
				(SELECT count(*) FROM pair_messages m WHERE m.pair_id = x.id)
			`+pairFrom+`WHERE x.programme_id = @p AND x.status IN ('confirmed', 'ended')
			ORDER BY x.status = 'ended', jm.sort, j.name, x.id`, sql.Named("p", programmeID), sql.Named("now", fmtTime(now)))
		if err != nil {
			return err
		}
		out, err = collect(rows, func(r rowScanner) (*model.PairStat, error) {
			var s model.PairStat
			var last sql.NullString
			x, err := scanPair(scanFunc(func(dest ...any) error {
				return r.Scan(append(dest, &last, &s.Meetings, &s.Messages)...)
			}))
			if err != nil {
				return nil, err
			}
			s.PairID, s.Junior, s.Fellow, s.Status = x.ID, x.Junior, x.Fellow, x.Status
			s.ConfirmedAt, s.EndedAt, s.EndedBy, s.EndReason = x.ConfirmedAt, x.EndedAt, x.EndedBy, x.EndReason
			s.LastMet = nullTime(last)
			s.Feedback = []model.PairFeedback{}
			since := s.LastMet
			if since == nil {
				since = s.ConfirmedAt
			}
			s.Lapsed = s.Status == model.PairConfirmed && since != nil && now.Sub(*since) > model.LapseAfter
			return &s, nil
		})
		if err != nil {
			return err
		}
		for i := range out {
			fb, err := tx.QueryContext(ctx, `SELECT pair_id, period, side, ease, useful, continue, comment, created_at
				FROM pair_feedback WHERE pair_id = ? ORDER BY period, side`, out[i].PairID)
			if err != nil {
				return err
			}
			list, err := collect(fb, func(r rowScanner) (*model.PairFeedback, error) {
				var f model.PairFeedback
				var at string
				err := r.Scan(&f.PairID, &f.Period, &f.Side, &f.Ease, &f.Useful, &f.Continue, &f.Comment, &at)
				f.At = parseTime(at)
				return &f, err
			})
			if err != nil {
				return err
			}
			if list != nil {
				out[i].Feedback = list
			}
		}
		return nil
	})
	return out, wrapOnce("制度の状況", err)
}
