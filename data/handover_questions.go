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

const questionColumns = `q.id, q.handover_id, h.duty, q.author_id, a.name, q.body, q.answer, coalesce(ab.name, ''), q.created_at, q.answered_at`

const questionFrom = ` FROM handover_questions q
	JOIN handovers h ON h.id = q.handover_id
	JOIN staff a ON a.id = q.author_id
	LEFT JOIN staff ab ON ab.id = q.answered_by `

func scanQuestion(row rowScanner) (*model.HandoverQuestion, error) {
	var q model.HandoverQuestion
	var created string
	var answered sql.NullString
	if err := row.Scan(&q.ID, &q.HandoverID, &q.Duty, &q.AuthorID, &q.AuthorName, &q.Body, &q.Answer, &q.AnsweredByName, &created, &answered); err != nil {
		return nil, err
	}
	q.CreatedAt, q.AnsweredAt = parseTime(created), nullTime(answered)
	return &q, nil
}

// Questions returns the follow-up questions on note id, oldest first,
// answered or not; ENOTFOUND when the viewer may not read the note.
func (db *DB) Questions(ctx context.Context, id string) ([]model.HandoverQuestion, error) {
	var out []model.HandoverQuestion
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		h, err := handoverByID(ctx, tx, id)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+questionColumns+questionFrom+`
			WHERE q.handover_id = ? ORDER BY q.created_at, q.id`, h.ID)
		if err != nil {
			return err
		}
		out, err = collect(rows, scanQuestion)
		return err
	})
	if err != nil {
		return nil, wrapOnce("引き継ぎ書への質問", err)
	}
	return out, nil
}

// QuestionsForMe returns the unanswered questions on the notes whose
// predecessor is the viewer, newest first: what the inbox lists. Nobody
// (no viewer) has none.
func (db *DB) QuestionsForMe(ctx context.Context) ([]model.HandoverQuestion, error) {
	viewer := model.ViewerFrom(ctx)
	if viewer == "" {
		return []model.HandoverQuestion{}, nil
	}
	var out []model.HandoverQuestion
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+questionColumns+questionFrom+`
			WHERE h.predecessor_id = ? AND q.answered_at IS NULL
			ORDER BY q.created_at DESC, q.id DESC`, viewer)
		if err != nil {
			return err
		}
		out, err = collect(rows, scanQuestion)
		return err
	})
	if err != nil {
		return nil, wrapOnce("自分への質問", err)
	}
	if out == nil {
		out = []model.HandoverQuestion{}
	}
	return out, nil
}

// AskQuestion saves a follow-up question by the viewer on note id, which
// the viewer must be able to read. The predecessor answers rather than
// asks; after the note's QuestionsUntil day questions are refused.
func (db *DB) AskQuestion(ctx context.Context, id, body string) (*model.HandoverQuestion, error) {
	body = strings.TrimSpace(model.CleanText(body))
	if err := checkQuestionText("question", body); err != nil {
		return nil, err
	}
	var out *model.HandoverQuestion
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, h, err := noteForChange(ctx, tx, id)
		if err != nil {
			return err
		}
		if h.PredecessorID == me.ID {
			return model.Keyed(model.EINVALID, "err.handover.ask_own", "前任の方は質問に答える側です。答えは質問の一覧から書けます")
		}
		if h.QuestionsUntil != nil && h.QuestionsUntil.Format(dateFormat) < db.today() {
			return model.Keyed(model.ECONFLICT, "err.handover.questions_closed", "質問の受付は %s で終わりました。前任の %s さんに直接お問い合わせください",
				h.QuestionsUntil.Format("2006年1月2日"), h.PredecessorName)
		}
		now := db.Now()
		qid := model.NewID(now)
		if _, err := tx.ExecContext(ctx, `INSERT INTO handover_questions (id, handover_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)`,
			qid, h.ID, me.ID, body, fmtTime(now)); err != nil {
			return fmt.Errorf("質問の保存: %w", err)
		}
		out, err = questionByID(ctx, tx, qid)
		return err
	})
	if err != nil {
		return nil, wrapOnce("質問の保存", err)
	}
	return out, nil
}

func questionByID(ctx context.Context, tx *sql.Tx, id string) (*model.HandoverQuestion, error) {
	q, err := scanQuestion(tx.QueryRowContext(ctx, `SELECT `+questionColumns+questionFrom+` WHERE q.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Keyed(model.ENOTFOUND, "err.handover.question_not_found", "質問が見つかりません")
	}
	return q, err
}

func checkQuestionText(field, s string) error {
	if s == "" {
		return model.FieldError(field, "err.required", "入力してください")
	}
	if n := len([]rune(s)); n > model.MaxQuestionLen {
		return model.FieldError(field, "err.toolong", "長すぎます (%d 文字まで、いまは %d 文字)", model.MaxQuestionLen, n)
	}
	return nil
}

// AnswerQuestion saves the answer to question questionID; only the
// predecessor of its note may answer. A second answer replaces the first.
func (db *DB) AnswerQuestion(ctx context.Context, questionID, answer string) error {
	answer = strings.TrimSpace(model.CleanText(answer))
	if err := checkQuestionText("answer", answer); err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		var noteID string
		err := tx.QueryRowContext(ctx, `SELECT handover_id FROM handover_questions WHERE id = ?`, questionID).Scan(&noteID)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Keyed(model.ENOTFOUND, "err.handover.question_not_found", "質問が見つかりません")
		} else if err != nil {
			return err
		}
		me, h, err := noteForChange(ctx, tx, noteID)
		if err != nil {
			return err
		}
		if err := predecessorOnly(me, h, "err.handover.predecessor.answer", "質問に回答できるのは前任の %s さんだけです"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE handover_questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?`,
			answer, me.ID, fmtTime(db.Now()), questionID)
		return err
	})
}

// AddScheduleToCalendar makes each item of a note's 年間スケジュール a
// yearly all-day event on the first day of its month, next from today, in
// community communityID, organised by the viewer, who must be the note's
// predecessor or successor and a member of that community. It returns how
// many events it made. The events are written in one transaction with the
// calendar's own rules (insertEvent, as CreateEvent does), so that either
// all items arrive or none.
func (db *DB) AddScheduleToCalendar(ctx context.Context, id, communityID string, items []model.ScheduleItem) (int, error) {
	if len(items) == 0 {
		return 0, model.Keyed(model.EINVALID, "err.handover.schedule_empty", "年間スケジュールに「4月」のように月で始まる行がありません")
	}
	n := 0
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, h, err := noteForChange(ctx, tx, id)
		if err != nil {
			return err
		}
		if me.ID != h.PredecessorID && me.ID != h.SuccessorID {
			return model.Keyed(model.EFORBIDDEN, "err.handover.calendar_forbidden", "カレンダーに送れるのは前任と後任だけです")
		}
		if _, err := memberOf(ctx, tx, communityID); err != nil {
			return err
		}
		now := db.Now()
		local := now.In(handoverZone)
		for _, it := range items {
			if it.Month < 1 || it.Month > 12 {
				continue
			}
			year := local.Year()
			if time.Month(it.Month) < local.Month() {
				year++
			}
			start := time.Date(year, time.Month(it.Month), 1, 0, 0, 0, 0, handoverZone)
			title := strings.TrimSpace(it.Text)
			if r := []rune(title); len(r) > model.MaxEventTitleLen {
				title = string(r[:model.MaxEventTitleLen])
			}
			e := &model.Event{
				CommunityID: communityID, Title: title, AllDay: true, RRule: "FREQ=YEARLY",
				Start: start.UTC(), End: start.AddDate(0, 0, 1).UTC(), TimeZone: "Asia/Tokyo",
				Description: fmt.Sprintf("引き継ぎ書「%s」(%s %s) の年間スケジュールから。", h.Duty, h.Municipality, h.Department),
			}
			cleanEvent(e)
			if e.Title == "" {
				continue
			}
			if err := e.Validate(); err != nil {
				return err
			}
			if err := insertEvent(ctx, tx, e, me.ID, now); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, wrapOnce("カレンダーへの登録", err)
	}
	return n, nil
}
