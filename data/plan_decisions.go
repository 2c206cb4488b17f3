package data

import (
	"context"
	"database/sql"
	"strings"

	"hiroba/model"
)

// What happens to a plan after it is submitted: the supervisor's
// decisions, the hours done, and applications to calls that wait for an
// approval.

// decideTx runs fn in a write transaction on a plan the viewer may
// decide on, after checking that the plan's state allows act.
func (db *DB) decideTx(ctx context.Context, id string, act model.PlanAction, fn func(tx *sql.Tx, p *model.Plan, author *model.Staff) error) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		p, author, err := planByID(ctx, tx, id)
		if err != nil {
			return err
		}
		cs := newCharts(ctx, tx)
		if err := mayDecide(ctx, tx, cs, author); err != nil {
			// Someone who may not even see the plan learns nothing of it.
			if ok, verr := mayView(ctx, tx, cs, author); verr == nil && !ok && model.ErrorCode(err) == model.EFORBIDDEN && model.ViewerFrom(ctx) != author.ID {
				return model.Keyed(model.ENOTFOUND, "err.plan.notfound", "活動計画が見つかりません")
			}
			return err
		}
		if _, err := p.State.Next(act); err != nil {
			return err
		}
		if err := fn(tx, p, author); err != nil {
			return err
		}
		// Deciding reads the request: it leaves the decider's inbox.
		if v := model.ViewerFrom(ctx); v != "" {
			return markRead(ctx, tx, v, p.ID, fmtTime(db.Now()))
		}
		return nil
	})
}

// ApprovePlan approves a waiting plan. Its target is checked again as its
// author sees it (an event occurrence may have been cancelled, a call
// filled), and a plan that takes a month over the cap needs the
// supervisor's explicit yes and a reason. An approved call plan sends
// its application to the poster.
func (db *DB) ApprovePlan(ctx context.Context, id string, d model.Decision) error {
	d.Comment = model.CleanLine(strings.TrimSpace(d.Comment))
	d.Reason = model.CleanLine(strings.TrimSpace(d.Reason))
	if err := model.CheckComment(d.Comment); err != nil {
		return err
	}
	if err := checkLine("reason", d.Reason); err != nil {
		return err
	}
	err := db.decideTx(ctx, id, model.ActApprove, func(tx *sql.Tx, p *model.Plan, author *model.Staff) error {
		asAuthor := model.WithViewer(ctx, author.ID)
		again := *p
		if err := resolveTarget(asAuthor, tx, author, &again); err != nil {
			return err
		}
		if p.Target.Kind == model.TargetCall {
			if err := checkCallOnApproval(ctx, tx, p); err != nil {
				return err
			}
		}
		month, over, err := overCapMonth(ctx, tx, p)
		if err != nil {
			return err
		}
		reason := ""
		if over {
			if !d.OverCap {
				return model.Keyed(model.ECONFLICT, "err.plan.overcap.confirm", "この計画で %d年%d月 が上限 (%s) を超えます。超えることを認める理由を添えて承認してください",
					month.Period.From.Year(), int(month.Period.From.Month()), model.Minutes(month.Cap))
			}
			if d.Reason == "" {
				return model.FieldError("reason", "err.plan.overcap.reason", "上限を超えて承認する理由を入力してください")
			}
			reason = d.Reason
		}
		now := fmtTime(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET state = 'approved', decided_by = ?, decided_at = ?, comment = ?,
			over_cap = ?, over_cap_reason = ?, municipality_id = ?, department = ?, updated_at = ? WHERE id = ?`,
			nullable(model.ViewerFrom(ctx)), now, d.Comment, over, reason, author.MunicipalityID, author.Department, now, p.ID); err != nil {
			return err
		}
		if p.Target.Kind == model.TargetCall {
			if _, err := tx.ExecContext(ctx, `INSERT INTO call_applications (thread_id, staff_id, supervisor_agreed, comment, created_at)
				VALUES (?, ?, 1, ?, ?)`, p.Target.ID, author.ID, p.Application, now); err != nil {
				return err
			}
			if err := follow(ctx, tx, author.ID, p.Target.ID, now); err != nil {
				return err
			}
		}
		return db.addPlanEvent(ctx, tx, p.ID, model.ActApprove, d.Comment)
	})
	return wrapOnce("活動計画の承認", err)
}

// checkLine checks an optional one-line field as model.CheckComment does,
// naming the field.
func checkLine(field, s string) error {
	if err := model.CheckComment(s); err != nil {
		if e, ok := err.(*model.Error); ok {
			e.Field = field
		}
		return err
	}
	return nil
}

// checkCallOnApproval refuses to approve an application to a call that
// was deleted or filled meanwhile, or that the author applied to only
// after its deadline. It reads the call whoever the supervisor is: the
// call may be in a community only its members see.
func checkCallOnApproval(ctx context.Context, tx *sql.Tx, p *model.Plan) error {
	var title string
	var deleted, deadline sql.NullString
	var slots sql.NullInt64
	var applicants int
	err := tx.QueryRowContext(ctx, `SELECT title, deleted_at, deadline, slots,
		(SELECT count(*) FROM call_applications a WHERE a.thread_id = t.id) FROM threads t WHERE id = ?`, p.Target.ID).
		Scan(&title, &deleted, &deadline, &slots, &applicants)
	if err != nil {
		return model.Keyed(model.ENOTFOUND, "err.plan.target.missing", "活動の対象が見つかりません。削除されたか、見られない場所にあります")
	}
	switch {
	case deleted.Valid:
		return model.Keyed(model.ECONFLICT, "err.plan.call.deleted", "この募集は削除されました")
	case slots.Valid && slots.Int64 > 0 && int64(applicants) >= slots.Int64,
		deadline.Valid && p.SubmittedAt != nil && p.SubmittedAt.After(parseTime(deadline.String)):
		return model.Keyed(model.ECONFLICT, "err.plan.call.closed", "「%s」は締め切ったか定員に達しました", title)
	}
	return nil
}

// ReturnPlan sends a waiting plan back to its author with a comment.
func (db *DB) ReturnPlan(ctx context.Context, id, comment string) error {
	return wrapOnce("活動計画の差し戻し", db.sendBack(ctx, id, model.ActReturn, comment,
		model.FieldError("comment", "err.plan.return.comment", "差し戻す理由を入力してください")))
}

// RevokePlan takes an approval back with a reason (regular work first):
// the plan goes back to its author as returned, and a call's application
// is taken back from the poster.
func (db *DB) RevokePlan(ctx context.Context, id, reason string) error {
	return wrapOnce("承認の取り消し", db.sendBack(ctx, id, model.ActRevoke, reason,
		model.FieldError("comment", "err.plan.revoke.comment", "承認を取り消す理由を入力してください (例: 繁忙期のため)")))
}

// sendBack returns or revokes a plan; an empty comment is the error
// required.
func (db *DB) sendBack(ctx context.Context, id string, act model.PlanAction, comment string, required error) error {
	comment = model.CleanLine(strings.TrimSpace(comment))
	if comment == "" {
		return required
	}
	if err := model.CheckComment(comment); err != nil {
		return err
	}
	return db.decideTx(ctx, id, act, func(tx *sql.Tx, p *model.Plan, _ *model.Staff) error {
		if err := dropApplication(ctx, tx, p); err != nil {
			return err
		}
		now := fmtTime(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET state = 'returned', decided_by = ?, decided_at = ?, comment = ?, updated_at = ?
			WHERE id = ?`, nullable(model.ViewerFrom(ctx)), now, comment, now, p.ID); err != nil {
			return err
		}
		return db.addPlanEvent(ctx, tx, p.ID, act, comment)
	})
}

// nullable returns nil for "", so that an optional reference stays NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// RecordHours records the hours done (実績) on an approved plan, or
// corrects them on a done one: from the plan's first day, more than
// zero and no more than approved.
func (db *DB) RecordHours(ctx context.Context, id string, minutes int) error {
	if minutes <= 0 {
		return model.FieldError("minutes", "err.plan.hours", "時間は 0 より多くしてください")
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		p, _, err := ownPlan(ctx, tx, id, model.ActRecord)
		if err != nil {
			return err
		}
		if err := p.RecordableOn(db.todayDate()); err != nil {
			return err
		}
		if minutes > p.Minutes {
			return model.FieldError("minutes", "err.plan.actual.over", "承認された時間 (%s) を超えています。超える分は新しい計画として申請してください", model.Minutes(p.Minutes))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET state = 'done', actual_minutes = ?, updated_at = ? WHERE id = ?`,
			minutes, fmtTime(db.Now()), p.ID); err != nil {
			return err
		}
		return db.addPlanEvent(ctx, tx, p.ID, model.ActRecord, "")
	})
	return wrapOnce("実績の記録", err)
}

// MarkPlanRead takes a plan's news out of the viewer's inbox. It is the
// viewer's own business, so other screens are not told (writePrivateTx).
func (db *DB) MarkPlanRead(ctx context.Context, id string) error {
	err := db.writePrivateTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		p, author, err := planByID(ctx, tx, id)
		if err != nil {
			return err
		}
		cs := newCharts(ctx, tx)
		if p.StaffID != me.ID {
			ok, err := mayView(ctx, tx, cs, author)
			if err != nil {
				return err
			}
			if !ok && mayDecide(ctx, tx, cs, author) != nil {
				return model.Keyed(model.ENOTFOUND, "err.plan.notfound", "活動計画が見つかりません")
			}
		}
		return markRead(ctx, tx, me.ID, p.ID, fmtTime(db.Now()))
	})
	return wrapOnce("既読の記録", err)
}

// ApplyWithPlan applies to a call by submitting plan p for it (the
// call's support work as target, comment as the application); the
// poster sees the application once the supervisor approves.
func (db *DB) ApplyWithPlan(ctx context.Context, threadID, comment string, p *model.Plan) error {
	p.Target = model.PlanTarget{Kind: model.TargetCall, ID: threadID}
	p.Application = comment
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		me, err := actingStaff(ctx, tx)
		if err != nil {
			return err
		}
		if err := db.createPlan(ctx, tx, me, p, true); err != nil {
			return err
		}
		return follow(ctx, tx, me.ID, threadID, fmtTime(db.Now()))
	})
	return wrapOnce("応募", err)
}

// requireNoSupervisor keeps the self-declared 所属長了承済み path of Apply
// for those whom no supervisor decides: anyone with a supervisor applies
// through a plan their supervisor approves.
func requireNoSupervisor(ctx context.Context, tx *sql.Tx, me *model.Staff) error {
	d, err := deciders(ctx, tx, newCharts(ctx, tx), me)
	if err != nil || d.ByAdministrators() {
		return err
	}
	var names []string
	for _, s := range d.Staff {
		names = append(names, s.Name)
	}
	return model.Keyed(model.ECONFLICT, "err.plan.call.needsplan", "所属長 (%s) が登録されています。応募は活動計画として所属長に申請してください", strings.Join(names, "、"))
}
