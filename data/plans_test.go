package data_test

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

func TestPlanLifecycle(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	p := freePlan("庶務担当者の会に参加", model.Date(2027, 4, 14), 90)
	if err := db.CreatePlan(as(w.aoi), p, false); err != nil {
		t.Fatal(err)
	}
	if p.State != model.PlanDraft || p.Category != model.CategoryOther || p.Department != "財務部 財政課" {
		t.Fatalf("draft %+v", p)
	}
	t.Run("DraftIsTheAuthorsAlone", func(t *testing.T) {
		wantKey(t, ignore(db.PlanByID(as(w.kacho), p.ID)), model.ENOTFOUND, "err.plan.notfound")
		if q, _ := db.Queue(as(w.kacho)); len(q) != 0 {
			t.Errorf("a draft is waiting: %+v", q)
		}
	})
	if err := db.SubmitPlan(as(w.aoi), p.ID); err != nil {
		t.Fatal(err)
	}
	t.Run("NobodyDecidesTheirOwn", func(t *testing.T) {
		wantKey(t, db.ApprovePlan(as(w.aoi), p.ID, model.Decision{}), model.EFORBIDDEN, "err.plan.self")
	})
	t.Run("ErrNotTheirSupervisor", func(t *testing.T) {
		// The 人事課長 is a supervisor, but not of 財政課: for him the
		// plan does not exist.
		wantKey(t, db.ApprovePlan(as(w.jinjiKa), p.ID, model.Decision{}), model.ENOTFOUND, "err.plan.notfound")
		// The 部長 oversees 財政課 but its own supervisors decide.
		wantKey(t, db.ApprovePlan(as(w.bucho), p.ID, model.Decision{}), model.EFORBIDDEN, "err.plan.notdecider")
	})
	t.Run("EitherSupervisorSeesTheRequest", func(t *testing.T) {
		for _, s := range []*model.Staff{w.kacho, w.hosa} {
			q, err := db.Queue(as(s))
			if err != nil {
				t.Fatal(err)
			}
			if len(q) != 1 || q[0].Plan.ID != p.ID || !q[0].Plan.CanDecide || q[0].Plan.OverCap {
				t.Errorf("%s's queue %+v", s.Name, q)
			}
		}
	})
	if err := db.ApprovePlan(as(w.hosa), p.ID, model.Decision{Comment: "窓口が落ち着いている日なので大丈夫です"}); err != nil {
		t.Fatal(err)
	}
	if q, _ := db.Queue(as(w.kacho)); len(q) != 0 {
		t.Errorf("decided by the 課長補佐, still waiting for the 課長: %+v", q)
	}
	t.Run("ErrRecordBeforeTheDay", func(t *testing.T) {
		wantKey(t, db.RecordHours(as(w.aoi), p.ID, 90), model.EINVALID, "err.plan.actual.early")
	})
	w.clock.set(model.Date(2027, 4, 14))
	t.Run("ErrRecordMoreThanApproved", func(t *testing.T) {
		wantKey(t, db.RecordHours(as(w.aoi), p.ID, 120), model.EINVALID, "err.plan.actual.over")
	})
	t.Run("ErrRecordByTheSupervisor", func(t *testing.T) {
		wantKey(t, db.RecordHours(as(w.kacho), p.ID, 60), model.EFORBIDDEN, "err.plan.notmine")
	})
	if err := db.RecordHours(as(w.aoi), p.ID, 75); err != nil {
		t.Fatal(err)
	}
	got := w.plan(t, as(w.kacho), p.ID)
	var steps []string
	for _, e := range got.History {
		steps = append(steps, string(e.Kind)+":"+e.ActorName)
	}
	if got.State != model.PlanDone || got.ActualMinutes != 75 || got.DecidedByName != "木村 恵" ||
		strings.Join(steps, " ") != "create:高野 葵 submit:高野 葵 approve:木村 恵 record:高野 葵" {
		t.Errorf("done plan %+v, history %v", got, steps)
	}
	l, err := db.Ledger(as(w.aoi), "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Month.Done != 75 || l.Month.Approved != 0 || l.Month.Left() != 21*93-75 || l.ByState[model.PlanDone] != 1 || len(l.Plans) != 1 {
		t.Errorf("ledger after 1h15m done: %+v", l.Month)
	}
}

func ignore[T any](_ T, err error) error { return err }

func TestPlanStates(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	t.Run("NoApprovingAWithdrawnPlan", func(t *testing.T) {
		p := w.mustSubmit(t, w.aoi, freePlan("観光SNS研修", model.Date(2027, 4, 20), 120))
		if err := db.WithdrawPlan(as(w.aoi), p.ID, "日程が合わなくなりました"); err != nil {
			t.Fatal(err)
		}
		wantKey(t, db.ApprovePlan(as(w.kacho), p.ID, model.Decision{}), model.ECONFLICT, "err.plan.approve.withdrawn")
		if got := w.plan(t, as(w.aoi), p.ID); got.State != model.PlanWithdrawn {
			t.Errorf("state %s", got.State)
		}
	})
	t.Run("NoHoursOnAReturnedPlan", func(t *testing.T) {
		p := w.mustSubmit(t, w.aoi, freePlan("掲示板の整理", model.Date(2027, 4, 6), 60))
		wantKey(t, db.ReturnPlan(as(w.kacho), p.ID, " "), model.EINVALID, "err.plan.return.comment")
		if err := db.ReturnPlan(as(w.kacho), p.ID, "決算の資料作成と重なるため、来月にしてください"); err != nil {
			t.Fatal(err)
		}
		w.clock.set(model.Date(2027, 4, 7))
		wantKey(t, db.RecordHours(as(w.aoi), p.ID, 60), model.ECONFLICT, "err.plan.record.returned")
		// Moved to May and sent again, it waits once more.
		w.clock.set(model.Date(2027, 4, 5))
		p.Start, p.End = model.Date(2027, 5, 12), time.Time{}
		if err := db.UpdatePlan(as(w.aoi), p, true); err != nil {
			t.Fatal(err)
		}
		if p.State != model.PlanSubmitted || p.Comment != "" {
			t.Errorf("sent again: %s %q", p.State, p.Comment)
		}
	})
	t.Run("RevokedApprovalGoesBack", func(t *testing.T) {
		p := w.mustApprove(t, w.ken, w.kacho, freePlan("災害対応体験談を聞く会", model.Date(2027, 4, 22), 90))
		wantKey(t, db.RevokePlan(as(w.kacho), p.ID, ""), model.EINVALID, "err.plan.revoke.comment")
		if err := db.RevokePlan(as(w.kacho), p.ID, "繁忙期のため、通常業務を優先してください"); err != nil {
			t.Fatal(err)
		}
		got := w.plan(t, as(w.ken), p.ID)
		if got.State != model.PlanReturned || got.Comment != "繁忙期のため、通常業務を優先してください" {
			t.Errorf("after revoking %+v", got)
		}
		wantKey(t, db.RevokePlan(as(w.kacho), p.ID, "再度"), model.ECONFLICT, "err.plan.revoke.returned")
	})
	t.Run("OnlyDraftsAreDeleted", func(t *testing.T) {
		p := w.mustSubmit(t, w.aoi, freePlan("LoGoチャット講座", model.Date(2027, 4, 21), 15))
		wantKey(t, db.DeletePlan(as(w.aoi), p.ID), model.ECONFLICT, "err.plan.delete.submitted")
		wantKey(t, db.UpdatePlan(as(w.aoi), p, false), model.ECONFLICT, "err.plan.edit.submitted")
		d := freePlan("下書き", model.Date(2027, 4, 21), 15)
		if err := db.CreatePlan(as(w.aoi), d, false); err != nil {
			t.Fatal(err)
		}
		if err := db.DeletePlan(as(w.aoi), d.ID); err != nil {
			t.Fatal(err)
		}
		wantKey(t, ignore(db.PlanByID(as(w.aoi), d.ID)), model.ENOTFOUND, "err.plan.notfound")
	})
	t.Run("DoneIsFinal", func(t *testing.T) {
		p := w.mustApprove(t, w.ken, w.kacho, freePlan("引き継ぎ書の作成", model.Date(2027, 4, 5), 60))
		w.clock.set(model.Date(2027, 4, 5))
		if err := db.RecordHours(as(w.ken), p.ID, 60); err != nil {
			t.Fatal(err)
		}
		wantKey(t, db.WithdrawPlan(as(w.ken), p.ID, ""), model.ECONFLICT, "err.plan.withdraw.done")
		wantKey(t, db.RevokePlan(as(w.kacho), p.ID, "やはり"), model.ECONFLICT, "err.plan.revoke.done")
	})
}

func TestPlanBadInput(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	com := MustCreateCommunity(t, db, as(w.aoi), "庶務担当者の会", model.CategoryLearning, "", model.VisibilityOpen)
	start := time.Date(2027, 4, 21, 15, 0, 0, 0, tokyo)
	series := MustCreateEvent(t, db, com.ID, w.aoi, "相談タイム（毎月第3水曜日）", start, start.Add(time.Hour), "FREQ=MONTHLY;BYDAY=3WE", nil)
	may := time.Date(2027, 5, 19, 15, 0, 0, 0, tokyo)
	if err := db.CancelOccurrence(as(w.aoi), series, may); err != nil {
		t.Fatal(err)
	}
	plain := MustCreateEvent(t, db, com.ID, w.aoi, "課内の打ち合わせ", start, start.Add(time.Hour), "", nil)
	MustExec(t, db, `UPDATE events SET twenty_percent = 0 WHERE id = ?`, plain)
	before := MustQueryInt(t, db, `SELECT count(*) FROM plans`)

	for _, c := range []struct {
		name      string
		p         *model.Plan
		code, key string
	}{
		{"ZeroHours", freePlan("研修", model.Date(2027, 4, 14), 0), model.EINVALID, "err.plan.hours"},
		{"NegativeHours", freePlan("研修", model.Date(2027, 4, 14), -60), model.EINVALID, "err.plan.hours"},
		{"MoreThanTheDayHas", freePlan("研修", model.Date(2027, 4, 14), 8*60), model.EINVALID, "err.plan.hours.day"},
		{"Backwards", &model.Plan{Target: model.PlanTarget{Kind: model.TargetFree}, Title: "研修", Purpose: "学ぶため",
			Start: model.Date(2027, 4, 14), End: model.Date(2027, 4, 13), Minutes: 60}, model.EINVALID, "err.plan.range"},
		{"OnlyGoldenWeek", &model.Plan{Target: model.PlanTarget{Kind: model.TargetFree}, Title: "研修", Purpose: "学ぶため",
			Start: model.Date(2027, 5, 3), End: model.Date(2027, 5, 5), Minutes: 60}, model.EINVALID, "err.plan.noworkday"},
		{"InThePast", freePlan("研修", model.Date(2027, 4, 2), 60), model.EINVALID, "err.plan.past"},
		{"CancelledOccurrence", &model.Plan{Target: model.PlanTarget{Kind: model.TargetEvent, ID: series, OccurrenceStart: &may},
			Purpose: "相談に行くため", Minutes: 60}, model.ECONFLICT, "err.plan.event.cancelled"},
		{"NotA20PercentEvent", &model.Plan{Target: model.PlanTarget{Kind: model.TargetEvent, ID: plain, OccurrenceStart: &start},
			Purpose: "参加するため", Minutes: 60}, model.EINVALID, "err.plan.event.notmarked"},
		{"NoSuchCommunity", &model.Plan{Target: model.PlanTarget{Kind: model.TargetCommunity, ID: model.NewID(time.Now())},
			Purpose: "参加するため", Start: model.Date(2027, 4, 14), Minutes: 60}, model.ENOTFOUND, "err.plan.target.missing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantKey(t, db.CreatePlan(as(w.aoi), c.p, true), c.code, c.key)
		})
	}
	if after := MustQueryInt(t, db, `SELECT count(*) FROM plans`); after != before {
		t.Errorf("%d plans saved by refused writes", after-before)
	}
	if n := MustQueryInt(t, db, `SELECT count(*) FROM plan_events`); n != 0 {
		t.Errorf("%d history rows saved by refused writes", n)
	}
}

func TestPlanTargets(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	com := MustCreateCommunity(t, db, as(w.ken), "非税収入アイデア会議", model.CategoryLocal, "", model.VisibilityOpen)
	start := time.Date(2027, 4, 21, 15, 0, 0, 0, tokyo)
	ev := MustCreateEvent(t, db, com.ID, w.ken, "広域圏 20%ルール交流会", start, start.Add(90*time.Minute), "FREQ=MONTHLY;BYDAY=3WE", nil)

	t.Run("EventOccurrence", func(t *testing.T) {
		if _, err := db.SetRSVP(as(w.aoi), ev, start, model.RSVPYes); err != nil {
			t.Fatal(err)
		}
		p, err := db.PlanDraftFor(as(w.aoi), model.PlanTarget{Kind: model.TargetEvent, ID: ev, OccurrenceStart: &start})
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != "広域圏 20%ルール交流会" || p.Start != model.Date(2027, 4, 21) || p.Minutes != 90 || p.Category != model.CategoryLocal {
			t.Fatalf("draft for the occurrence %+v", p)
		}
		p.Purpose = "他の自治体の取り組みを知るため"
		w.mustApprove(t, w.aoi, w.kacho, p)
		// Cancelling the occurrence afterwards stops a second plan.
		if err := db.CancelOccurrence(as(w.ken), ev, start); err != nil {
			t.Fatal(err)
		}
		again := *p
		wantKey(t, db.CreatePlan(as(w.aoi), &again, true), model.ECONFLICT, "err.plan.event.cancelled")
	})
	t.Run("CancelledBeforeApproval", func(t *testing.T) {
		next := start.AddDate(0, 0, 28) // 19 May
		p := &model.Plan{Target: model.PlanTarget{Kind: model.TargetEvent, ID: ev, OccurrenceStart: &next}, Purpose: "参加するため", Minutes: 90}
		w.mustSubmit(t, w.ken, p)
		if err := db.CancelOccurrence(as(w.ken), ev, next); err != nil {
			t.Fatal(err)
		}
		// The cancellation withdrew the plan (plan_cancel.go).
		wantKey(t, db.ApprovePlan(as(w.kacho), p.ID, model.Decision{}), model.ECONFLICT, "err.plan.approve.withdrawn")
	})
	t.Run("DraftFollowsAMovedOccurrence", func(t *testing.T) {
		june := start.AddDate(0, 0, 56) // 16 June
		p := &model.Plan{Target: model.PlanTarget{Kind: model.TargetEvent, ID: ev, OccurrenceStart: &june}, Purpose: "参加するため", Minutes: 90}
		if err := db.CreatePlan(as(w.aoi), p, false); err != nil {
			t.Fatal(err)
		}
		moved := june.AddDate(0, 0, 1)
		if err := db.MoveOccurrence(as(w.ken), ev, june, moved, moved.Add(90*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := db.SubmitPlan(as(w.aoi), p.ID); err != nil {
			t.Fatal(err)
		}
		if got := w.plan(t, as(w.aoi), p.ID); got.Start != model.Date(2027, 6, 17) || got.End != got.Start {
			t.Errorf("submitted for %s, the occurrence moved to 17 June", got.Start.Format("2006-01-02"))
		}
	})
	t.Run("IdeaTeam", func(t *testing.T) {
		idea := &model.Thread{CommunityID: com.ID, Kind: model.KindIdea, Title: "公用車の広告枠を広域圏で募集", Body: "一緒に考えませんか"}
		if err := db.CreateThread(as(w.ken), idea); err != nil {
			t.Fatal(err)
		}
		if err := db.JoinTeam(as(w.aoi), idea.ID, true); err != nil {
			t.Fatal(err)
		}
		p := &model.Plan{Target: model.PlanTarget{Kind: model.TargetIdea, ID: idea.ID}, Purpose: "チームの初回会議", Start: model.Date(2027, 4, 15), Minutes: 60}
		w.mustSubmit(t, w.aoi, p)
		if p.Title != idea.Title || p.Category != model.CategoryIdea {
			t.Errorf("idea plan %+v", p)
		}
		wrong := &model.Plan{Target: model.PlanTarget{Kind: model.TargetCall, ID: idea.ID}, Purpose: "応募", Start: model.Date(2027, 4, 15), Minutes: 60}
		wantKey(t, db.CreatePlan(as(w.aoi), wrong, true), model.EINVALID, "err.plan.kind.call")
	})
	t.Run("HandoverNote", func(t *testing.T) {
		id := MustCreateHandover(t, db, koriyama, "財務部 財政課", "予算編成事務", w.aoi, w.ken, model.HandoverVisDepartment)
		p := &model.Plan{Target: model.PlanTarget{Kind: model.TargetHandover, ID: id}, Purpose: "引き継ぎ書の年間スケジュールを書くため",
			Start: model.Date(2027, 4, 26), End: model.Date(2027, 4, 30), Minutes: 240}
		w.mustSubmit(t, w.aoi, p)
		if p.Category != model.CategoryHandover || p.Title != "予算編成事務" {
			t.Errorf("handover plan %+v", p)
		}
		// A colleague who is neither predecessor nor successor may read
		// the note but not plan time for it.
		other := &model.Plan{Target: model.PlanTarget{Kind: model.TargetHandover, ID: id}, Purpose: "手伝い", Start: model.Date(2027, 4, 26), Minutes: 60}
		wantKey(t, db.CreatePlan(as(w.kacho), other, true), model.EFORBIDDEN, "err.plan.handover.notmine")
	})
}

func TestCallApplicationWaitsForTheSupervisor(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	com := MustCreateCommunity(t, db, as(w.jinji), "職場応援ボード", model.CategorySupport, "", model.VisibilityOpen)
	deadline := time.Date(2027, 4, 30, 17, 15, 0, 0, tokyo)
	call := &model.Thread{CommunityID: com.ID, Kind: model.KindCall, Title: "【企画参画】若手職員研修の企画メンバー募集",
		Body: "月1回のオンライン会議です", SupportType: model.SupportPlanning, Slots: 2, Deadline: &deadline, Place: "オンライン"}
	if err := db.CreateThread(as(w.jinji), call); err != nil {
		t.Fatal(err)
	}
	applicants := func() string {
		list, err := db.Applicants(as(w.jinji), call.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range list {
			out = append(out, a.Name+":"+a.Comment)
		}
		return strings.Join(out, ", ")
	}

	// Someone with a supervisor cannot tick 所属長了承済み themselves.
	wantKey(t, db.Apply(as(w.aoi), call.ID, true, "参加したいです"), model.ECONFLICT, "err.plan.call.needsplan")
	p := &model.Plan{Purpose: "企画力を磨くため", Start: model.Date(2027, 5, 12), Minutes: 60}
	if err := db.ApplyWithPlan(as(w.aoi), call.ID, "研修担当の経験を活かしたいです", p); err != nil {
		t.Fatal(err)
	}
	if got := applicants(); got != "" {
		t.Fatalf("the poster sees %q before the supervisor approved", got)
	}
	wantKey(t, db.ApplyWithPlan(as(w.aoi), call.ID, "もう一度", &model.Plan{Purpose: "再度", Start: model.Date(2027, 5, 12), Minutes: 60}),
		model.ECONFLICT, "err.plan.call.pending")
	if mine, _ := db.MyPlansFor(as(w.aoi), call.ID); len(mine) != 1 || mine[0].State != model.PlanSubmitted {
		t.Errorf("the screen cannot tell the application is waiting: %+v", mine)
	}
	if err := db.ApprovePlan(as(w.kacho), p.ID, model.Decision{}); err != nil {
		t.Fatal(err)
	}
	if got := applicants(); got != "高野 葵:研修担当の経験を活かしたいです" {
		t.Errorf("after approval the poster sees %q", got)
	}
	// Where nobody is supervisor, the self-declared path stays.
	if err := db.Apply(as(w.suka), call.ID, true, "繁忙期以外なら参加できます"); err != nil {
		t.Fatal(err)
	}
	// The call is now full: an approval that would overfill it is refused.
	q := &model.Plan{Purpose: "企画に関わるため", Start: model.Date(2027, 5, 12), Minutes: 60}
	err := db.ApplyWithPlan(as(w.ken), call.ID, "", q)
	wantKey(t, err, model.ECONFLICT, "err.plan.call.closed")

	// The supervisor takes the approval back: the application goes too.
	if err := db.RevokePlan(as(w.kacho), p.ID, "予算要求の時期と重なるため"); err != nil {
		t.Fatal(err)
	}
	if got := applicants(); got != "矢吹 大地:繁忙期以外なら参加できます" {
		t.Errorf("after revoking the poster sees %q", got)
	}
}

func TestWithdrawingFromACallWithdrawsThePlan(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	com := MustCreateCommunity(t, db, as(w.jinji), "職場応援ボード", model.CategorySupport, "", model.VisibilityOpen)
	call := &model.Thread{CommunityID: com.ID, Kind: model.KindCall, Title: "【繁忙期応援】申告受付の補助",
		Body: "半日単位で", SupportType: model.SupportBusy, Slots: 5, Place: "本庁舎1階"}
	if err := db.CreateThread(as(w.jinji), call); err != nil {
		t.Fatal(err)
	}
	p := &model.Plan{Purpose: "税務の窓口を経験するため", Start: model.Date(2027, 4, 19), Minutes: 180}
	if err := db.ApplyWithPlan(as(w.aoi), call.ID, "午前中に参加できます", p); err != nil {
		t.Fatal(err)
	}
	if err := db.Withdraw(as(w.aoi), call.ID); err != nil {
		t.Fatal(err)
	}
	if got := w.plan(t, as(w.aoi), p.ID); got.State != model.PlanWithdrawn {
		t.Errorf("plan %s after withdrawing the application", got.State)
	}
	if q, _ := db.Queue(as(w.kacho)); len(q) != 0 {
		t.Errorf("still waiting for the supervisor: %+v", q)
	}
}
