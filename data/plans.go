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

// Activity plans (活動計画) under the 20% rule. Every write checks the
// state machine (model.PlanState.Next) and who may act, in the same
// transaction as the change; a refused write saves nothing.

// planColumns are read by scanPlan; p is the plan, a its author, mu the
// municipality it counts in, d who decided it last.
const planColumns = `p.id, p.staff_id, a.name, p.municipality_id, mu.name, p.department, p.state,
	p.target_kind, p.target_id, p.occurrence_start, p.title, p.category, p.purpose, p.start_date, p.end_date,
	p.minutes, coalesce(p.actual_minutes, 0), p.application, p.over_cap, p.over_cap_reason,
	coalesce(p.decided_by, ''), coalesce(d.name, ''), p.decided_at, p.comment, p.submitted_at, p.created_at, p.updated_at`

const planFrom = ` FROM plans p JOIN staff a ON a.id = p.staff_id
	JOIN municipalities mu ON mu.id = p.municipality_id
	LEFT JOIN staff d ON d.id = p.decided_by `

func scanPlan(row rowScanner) (*model.Plan, error) { return scanPlanWith(row) }

// scanPlanWith reads planColumns and then the extra columns into extra.
func scanPlanWith(row rowScanner, extra ...any) (*model.Plan, error) {
	var p model.Plan
	var occurrence, decidedAt, submittedAt sql.NullString
	var start, end, created, updated string
	dest := []any{&p.ID, &p.StaffID, &p.StaffName, &p.MunicipalityID, &p.Municipality, &p.Department, &p.State,
		&p.Target.Kind, &p.Target.ID, &occurrence, &p.Title, &p.Category, &p.Purpose, &start, &end,
		&p.Minutes, &p.ActualMinutes, &p.Application, &p.OverCap, &p.OverCapReason,
		&p.DecidedBy, &p.DecidedByName, &decidedAt, &p.Comment, &submittedAt, &created, &updated}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	p.Target.OccurrenceStart = nullTime(occurrence)
	p.Start, p.End = parseDate(start), parseDate(end)
	p.DecidedAt, p.SubmittedAt = nullTime(decidedAt), nullTime(submittedAt)
	p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
	return &p, nil
}

func parseDate(s string) time.Time {
	t, _ := time.Parse(dateFormat, s)
	return t
}

func fmtDate(t time.Time) string { return t.Format(dateFormat) }

// todayDate is the civil date at city hall now.
func (db *DB) todayDate() time.Time { return model.Day(db.Now(), handoverZone) }

// planByID reads a plan and its author as they are now, whoever asks:
// callers decide what the viewer may see.
func planByID(ctx context.Context, tx *sql.Tx, id string) (*model.Plan, *model.Staff, error) {
	p, err := scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+planFrom+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, model.Keyed(model.ENOTFOUND, "err.plan.notfound", "活動計画が見つかりません")
	} else if err != nil {
		return nil, nil, fmt.Errorf("活動計画 %s: %w", id, err)
	}
	author, err := staffByID(ctx, tx, p.StaffID)
	if err != nil {
		return nil, nil, err
	}
	return p, author, nil
}

// ownPlan reads one of the viewer's plans for a change by its author,
// which its state must allow.
func ownPlan(ctx context.Context, tx *sql.Tx, id string, act model.PlanAction) (*model.Plan, *model.Staff, error) {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	p, author, err := planByID(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	if p.StaffID != me.ID {
		ok, err := mayView(ctx, tx, newCharts(ctx, tx), author)
		if err != nil {
			return nil, nil, err
		}
		if !ok || p.State == model.PlanDraft {
			return nil, nil, model.Keyed(model.ENOTFOUND, "err.plan.notfound", "活動計画が見つかりません")
		}
		return nil, nil, model.Keyed(model.EFORBIDDEN, "err.plan.notmine", "自分の活動計画だけを変更できます")
	}
	if _, err := p.State.Next(act); err != nil {
		return nil, nil, err
	}
	return p, me, nil
}

// cleanPlan tidies what a person typed.
func cleanPlan(p *model.Plan) {
	p.Title = model.CleanLine(strings.TrimSpace(p.Title))
	p.Purpose = model.CleanLine(strings.TrimSpace(p.Purpose))
	p.Application = model.CleanLine(strings.TrimSpace(p.Application))
	p.Start, p.End = civilDate(p.Start), civilDate(p.End)
	if p.End.IsZero() {
		p.End = p.Start
	}
}

// civilDate is the date t names where it was written, as midnight UTC; a
// form may hand over midnight in Japan or in UTC for the same day.
func civilDate(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return model.Date(t.Date())
}

// resolveTarget checks that the viewer may plan for p's target and fills
// what the target decides: its title and category, and for an event
// occurrence its dates.
func resolveTarget(ctx context.Context, tx *sql.Tx, me *model.Staff, p *model.Plan) error {
	missing := func(err error) error {
		if model.ErrorCode(err) == model.ENOTFOUND {
			return model.Keyed(model.ENOTFOUND, "err.plan.target.missing", "活動の対象が見つかりません。削除されたか、見られない場所にあります")
		}
		return err
	}
	t := &p.Target
	switch t.Kind {
	case model.TargetFree:
		t.ID, t.OccurrenceStart = "", nil
		p.Category = model.CategoryOther
		return nil
	case model.TargetCommunity:
		c, err := communityByID(ctx, tx, t.ID)
		if err != nil {
			return missing(err)
		}
		p.Title, p.Category = c.Name, c.Category
	case model.TargetEvent:
		e, err := eventByID(ctx, tx, t.ID)
		if err != nil {
			return missing(err)
		}
		if e.Cancelled {
			return model.Keyed(model.ECONFLICT, "err.plan.event.cancelled", "「%s」のこの回は中止になりました", e.Title)
		}
		if !e.TwentyPercent {
			return model.Keyed(model.EINVALID, "err.plan.event.notmarked", "「%s」は20％ルールの対象になっていません。自由記述の計画にしてください", e.Title)
		}
		if t.OccurrenceStart == nil {
			return model.FieldError("target", "err.plan.target", "活動の対象を選んでください")
		}
		start, end, err := occurrenceAt(ctx, tx, e, t.OccurrenceStart.UTC())
		switch model.ErrorCode(err) {
		case "":
		case model.ECONFLICT:
			return model.Keyed(model.ECONFLICT, "err.plan.event.cancelled", "「%s」のこの回は中止になりました", e.Title)
		default:
			return missing(err)
		}
		original := t.OccurrenceStart.UTC()
		t.OccurrenceStart = &original
		p.Start = model.Day(start, handoverZone)
		p.End = model.Day(end.Add(-time.Nanosecond), handoverZone)
		if p.End.Before(p.Start) {
			p.End = p.Start
		}
		if err := tx.QueryRowContext(ctx, `SELECT category FROM communities WHERE id = ?`, e.CommunityID).Scan(&p.Category); err != nil {
			return err
		}
		p.Title = e.Title
	case model.TargetCall, model.TargetIdea:
		th, err := threadByID(ctx, tx, t.ID)
		if err != nil {
			return missing(err)
		}
		if t.Kind == model.TargetCall && th.Kind != model.KindCall {
			return model.Keyed(model.EINVALID, "err.plan.kind.call", "応募の計画を立てられるのは募集だけです")
		}
		if t.Kind == model.TargetIdea && th.Kind != model.KindIdea {
			return model.Keyed(model.EINVALID, "err.plan.kind.idea", "チームの計画を立てられるのはアイデアだけです")
		}
		p.Title, p.Category = th.Title, model.CategoryIdea
		if t.Kind == model.TargetCall {
			p.Category = model.CategorySupport
		}
	case model.TargetHandover:
		h, err := handoverByID(ctx, tx, t.ID)
		if err != nil {
			return missing(err)
		}
		if h.PredecessorID != me.ID && h.SuccessorID != me.ID {
			return model.Keyed(model.EFORBIDDEN, "err.plan.handover.notmine", "引き継ぎ書の前任者か後任者だけが、その引き継ぎの計画を立てられます")
		}
		p.Title, p.Category = h.Duty, model.CategoryHandover
	default:
		return model.FieldError("target", "err.plan.target", "活動の対象を選んでください")
	}
	if t.Kind != model.TargetEvent {
		t.OccurrenceStart = nil
	}
	return nil
}

// checkPlan resolves the target and validates p against the working day
// of the author's municipality.
func checkPlan(ctx context.Context, tx *sql.Tx, me *model.Staff, p *model.Plan) error {
	cleanPlan(p)
	if err := resolveTarget(ctx, tx, me, p); err != nil {
		return err
	}
	daily, err := dailyMinutes(ctx, tx, me.MunicipalityID)
	if err != nil {
		return err
	}
	return p.Validate(daily)
}

// checkSubmit is what submitting adds to validation: the plan is made in
// advance, and a call still takes applications.
func (db *DB) checkSubmit(ctx context.Context, tx *sql.Tx, me *model.Staff, p *model.Plan) error {
	if p.Start.Before(db.todayDate()) {
		return model.FieldError("start", "err.plan.past", "始まった日を過ぎた計画は申請できません。20％ルールは事前に所属長と調整して使います")
	}
	if p.Target.Kind == model.TargetCall {
		return db.checkCallOpen(ctx, tx, me, p)
	}
	return nil
}

// checkCallOpen refuses an application plan for a call that is the
// viewer's own, deleted, closed, or already applied to.
func (db *DB) checkCallOpen(ctx context.Context, tx *sql.Tx, me *model.Staff, p *model.Plan) error {
	t, err := threadByID(ctx, tx, p.Target.ID)
	if err != nil {
		return model.Keyed(model.ENOTFOUND, "err.plan.target.missing", "活動の対象が見つかりません。削除されたか、見られない場所にあります")
	}
	var applied, pending int
	if err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM call_applications WHERE thread_id = @t AND staff_id = @me),
		(SELECT count(*) FROM plans WHERE target_id = @t AND staff_id = @me AND target_kind = 'call' AND state IN ('submitted', 'approved') AND id <> @p)`,
		sql.Named("t", t.ID), sql.Named("me", me.ID), sql.Named("p", p.ID)).Scan(&applied, &pending); err != nil {
		return err
	}
	switch {
	case t.Deleted:
		return model.Keyed(model.ECONFLICT, "err.plan.call.deleted", "この募集は削除されました")
	case t.AuthorID == me.ID:
		return model.Keyed(model.ECONFLICT, "err.plan.call.own", "自分の募集には応募できません")
	case applied > 0:
		return model.Keyed(model.ECONFLICT, "err.plan.call.applied", "この募集にはすでに応募しています")
	case pending > 0:
		return model.Keyed(model.ECONFLICT, "err.plan.call.pending", "この募集への応募は、すでに所属長に申請しています")
	case t.Slots > 0 && t.Applicants >= t.Slots, t.Deadline != nil && db.Now().After(*t.Deadline):
		return model.Keyed(model.ECONFLICT, "err.plan.call.closed", "「%s」は締め切ったか定員に達しました", t.Title)
	}
	return nil
}

// addPlanEvent records a step of the plan's history; the operator is no
// staff member and is recorded as NULL.
func (db *DB) addPlanEvent(ctx context.Context, tx *sql.Tx, planID string, kind model.PlanAction, comment string) error {
	return addPlanEventAt(ctx, tx, planID, kind, comment, db.Now())
}

// addPlanEventAt is addPlanEvent at a given time.
func addPlanEventAt(ctx context.Context, tx *sql.Tx, planID string, kind model.PlanAction, comment string, now time.Time) error {
	var actor any
	if v := model.ViewerFrom(ctx); v != "" {
		actor = v
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO plan_events (id, plan_id, actor_id, kind, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		model.NewID(now), planID, actor, string(kind), comment, fmtTime(now))
	return err
}

// PlanDraftFor fills a new plan from its target, for a form; it saves
// nothing. An event occurrence gives its date and length.
func (db *DB) PlanDraftFor(ctx context.Context, t model.PlanTarget) (*model.Plan, error) {
	p := &model.Plan{Target: t, State: model.PlanDraft}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		if err := resolveTarget(ctx, tx, me, p); err != nil {
			return err
		}
		p.StaffID, p.StaffName, p.Mine = me.ID, me.Name, true
		p.MunicipalityID, p.Municipality, p.Department = me.MunicipalityID, me.Municipality, me.Department
		if p.Start.IsZero() {
			p.Start = db.todayDate()
			p.End = p.Start
		}
		if t.Kind == model.TargetEvent {
			e, err := eventByID(ctx, tx, t.ID)
			if err != nil {
				return err
			}
			if start, end, err := occurrenceAt(ctx, tx, e, t.OccurrenceStart.UTC()); err == nil && !e.AllDay {
				p.Minutes = int(end.Sub(start).Minutes())
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrapOnce("活動計画", err)
	}
	return p, nil
}

// CreatePlan saves a new plan of the viewer, submitted when submit is
// true, and sets p to it as saved.
func (db *DB) CreatePlan(ctx context.Context, p *model.Plan, submit bool) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		return db.createPlan(ctx, tx, me, p, submit)
	})
	return wrapOnce("活動計画の保存", err)
}

func (db *DB) createPlan(ctx context.Context, tx *sql.Tx, me *model.Staff, p *model.Plan, submit bool) error {
	p.ID = ""
	if err := checkPlan(ctx, tx, me, p); err != nil {
		return err
	}
	if submit {
		if err := db.checkSubmit(ctx, tx, me, p); err != nil {
			return err
		}
	}
	now := db.Now()
	p.ID = model.NewID(now)
	p.State = model.PlanDraft
	var occurrence any
	if p.Target.OccurrenceStart != nil {
		occurrence = fmtTime(*p.Target.OccurrenceStart)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO plans (id, staff_id, municipality_id, department, state, target_kind, target_id,
			occurrence_start, title, category, purpose, start_date, end_date, minutes, application, created_at, updated_at)
		VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, me.ID, me.MunicipalityID, me.Department, string(p.Target.Kind), p.Target.ID, occurrence,
		p.Title, string(p.Category), p.Purpose, fmtDate(p.Start), fmtDate(p.End), p.Minutes, p.Application,
		fmtTime(now), fmtTime(now)); err != nil {
		return fmt.Errorf("活動計画の保存: %w", err)
	}
	if err := db.addPlanEvent(ctx, tx, p.ID, model.ActCreate, ""); err != nil {
		return err
	}
	if submit {
		if err := db.submit(ctx, tx, me, p); err != nil {
			return err
		}
	}
	return db.reloadPlan(ctx, tx, p)
}

// submit moves a checked plan to 申請中, counted where its author works
// now, and clears the last decision.
func (db *DB) submit(ctx context.Context, tx *sql.Tx, me *model.Staff, p *model.Plan) error {
	if _, err := p.State.Next(model.ActSubmit); err != nil {
		return err
	}
	at := fmtTime(db.Now())
	if _, err := tx.ExecContext(ctx, `UPDATE plans SET state = 'submitted', submitted_at = ?, municipality_id = ?, department = ?,
		decided_by = NULL, decided_at = NULL, comment = '', over_cap = 0, over_cap_reason = '', updated_at = ? WHERE id = ?`,
		at, me.MunicipalityID, me.Department, at, p.ID); err != nil {
		return err
	}
	p.State = model.PlanSubmitted
	return db.addPlanEvent(ctx, tx, p.ID, model.ActSubmit, "")
}

func (db *DB) reloadPlan(ctx context.Context, tx *sql.Tx, p *model.Plan) error {
	saved, _, err := planByID(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	saved.Mine = true
	*p = *saved
	return nil
}

// UpdatePlan changes a draft or returned plan of the viewer, and submits
// it when submit is true.
func (db *DB) UpdatePlan(ctx context.Context, p *model.Plan, submit bool) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		old, me, err := ownPlan(ctx, tx, p.ID, model.ActEdit)
		if err != nil {
			return err
		}
		if err := checkPlan(ctx, tx, me, p); err != nil {
			return err
		}
		if submit {
			if err := db.checkSubmit(ctx, tx, me, p); err != nil {
				return err
			}
		}
		var occurrence any
		if p.Target.OccurrenceStart != nil {
			occurrence = fmtTime(*p.Target.OccurrenceStart)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET target_kind = ?, target_id = ?, occurrence_start = ?, title = ?, category = ?,
			purpose = ?, start_date = ?, end_date = ?, minutes = ?, application = ?, updated_at = ? WHERE id = ?`,
			string(p.Target.Kind), p.Target.ID, occurrence, p.Title, string(p.Category), p.Purpose,
			fmtDate(p.Start), fmtDate(p.End), p.Minutes, p.Application, fmtTime(db.Now()), p.ID); err != nil {
			return err
		}
		if err := db.addPlanEvent(ctx, tx, p.ID, model.ActEdit, ""); err != nil {
			return err
		}
		p.State = old.State
		if submit {
			if err := db.submit(ctx, tx, me, p); err != nil {
				return err
			}
		}
		return db.reloadPlan(ctx, tx, p)
	})
	return wrapOnce("活動計画の変更", err)
}

// SubmitPlan sends a draft or returned plan to the supervisor, checking
// it again: its event may have been cancelled since it was written.
func (db *DB) SubmitPlan(ctx context.Context, id string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		p, me, err := ownPlan(ctx, tx, id, model.ActSubmit)
		if err != nil {
			return err
		}
		if err := checkPlan(ctx, tx, me, p); err != nil {
			return err
		}
		if err := db.checkSubmit(ctx, tx, me, p); err != nil {
			return err
		}
		// What the target decides may have changed since the draft: a
		// moved occurrence, a renamed community.
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET title = ?, category = ?, start_date = ?, end_date = ? WHERE id = ?`,
			p.Title, string(p.Category), fmtDate(p.Start), fmtDate(p.End), p.ID); err != nil {
			return err
		}
		return db.submit(ctx, tx, me, p)
	})
	return wrapOnce("活動計画の申請", err)
}

// DeletePlan throws a draft away.
func (db *DB) DeletePlan(ctx context.Context, id string) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		_, _, err := ownPlan(ctx, tx, id, model.ActDelete)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM plans WHERE id = ?`, id)
		return err
	})
	return wrapOnce("活動計画の削除", err)
}

// WithdrawPlan takes a plan back; an application to a call goes with it.
func (db *DB) WithdrawPlan(ctx context.Context, id, reason string) error {
	reason = model.CleanLine(strings.TrimSpace(reason))
	if err := model.CheckComment(reason); err != nil {
		return err
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		p, _, err := ownPlan(ctx, tx, id, model.ActWithdraw)
		if err != nil {
			return err
		}
		return db.withdraw(ctx, tx, p, reason)
	})
	return wrapOnce("活動計画の取り下げ", err)
}

func (db *DB) withdraw(ctx context.Context, tx *sql.Tx, p *model.Plan, reason string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE plans SET state = 'withdrawn', updated_at = ? WHERE id = ?`, fmtTime(db.Now()), p.ID); err != nil {
		return err
	}
	if err := dropApplication(ctx, tx, p); err != nil {
		return err
	}
	return db.addPlanEvent(ctx, tx, p.ID, model.ActWithdraw, reason)
}

// dropApplication takes back the application an approved call plan made.
func dropApplication(ctx context.Context, tx *sql.Tx, p *model.Plan) error {
	if p.Target.Kind != model.TargetCall || p.State != model.PlanApproved {
		return nil
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM call_applications WHERE thread_id = ? AND staff_id = ?`, p.Target.ID, p.StaffID)
	return err
}

// withdrawCallPlans withdraws the viewer's plans for a call that are
// waiting or approved, when they take back the application from the
// call itself; it returns how many there were.
func (db *DB) withdrawCallPlans(ctx context.Context, tx *sql.Tx, staffID, threadID string) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+planColumns+planFrom+`
		WHERE p.target_id = ? AND p.staff_id = ? AND p.target_kind = 'call' AND p.state IN ('submitted', 'approved')`, threadID, staffID)
	if err != nil {
		return 0, err
	}
	plans, err := collect(rows, scanPlan)
	if err != nil {
		return 0, err
	}
	for i := range plans {
		if err := db.withdraw(ctx, tx, &plans[i], ""); err != nil {
			return 0, err
		}
	}
	return len(plans), nil
}

// PlanByID returns a plan with its history to its author, those who
// oversee or decide on the author, and administrators; a draft to its
// author alone. Anyone else is told it does not exist.
func (db *DB) PlanByID(ctx context.Context, id string) (*model.Plan, error) {
	var p *model.Plan
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var author *model.Staff
		var err error
		if p, author, err = planByID(ctx, tx, id); err != nil {
			return err
		}
		viewer := model.ViewerFrom(ctx)
		cs := newCharts(ctx, tx)
		p.Mine = viewer != "" && viewer == p.StaffID
		p.CanDecide = mayDecide(ctx, tx, cs, author) == nil
		if !p.Mine {
			ok, err := mayView(ctx, tx, cs, author)
			if err != nil {
				return err
			}
			if !ok && !p.CanDecide || p.State == model.PlanDraft {
				p = nil
				return model.Keyed(model.ENOTFOUND, "err.plan.notfound", "活動計画が見つかりません")
			}
		}
		if p.State == model.PlanSubmitted {
			if _, err := markOverCap(ctx, tx, []*model.Plan{p}); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT e.kind, coalesce(e.actor_id, ''), coalesce(s.name, ''), e.comment, e.created_at
			FROM plan_events e LEFT JOIN staff s ON s.id = e.actor_id WHERE e.plan_id = ? ORDER BY e.created_at, e.rowid`, p.ID)
		if err != nil {
			return err
		}
		p.History, err = collect(rows, func(row rowScanner) (*model.PlanEvent, error) {
			var e model.PlanEvent
			var at string
			if err := row.Scan(&e.Kind, &e.ActorID, &e.ActorName, &e.Comment, &at); err != nil {
				return nil, err
			}
			e.At = parseTime(at)
			return &e, nil
		})
		return err
	})
	if err != nil {
		return nil, wrapOnce("活動計画", err)
	}
	return p, nil
}

// MyPlansFor returns the viewer's plans for a target (a call, event,
// idea, note or community), latest first: how a screen knows that an
// application is waiting for the supervisor.
func (db *DB) MyPlansFor(ctx context.Context, targetID string) ([]model.Plan, error) {
	var out []model.Plan
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+planColumns+planFrom+` WHERE p.target_id = ? AND p.staff_id = ?
			ORDER BY p.created_at DESC, p.id DESC`, targetID, model.ViewerFrom(ctx))
		if err != nil {
			return err
		}
		out, err = collect(rows, scanPlan)
		for i := range out {
			out[i].Mine = true
		}
		return err
	})
	return out, wrapOnce("活動計画", err)
}
