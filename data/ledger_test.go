package data_test

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

func TestLedgerAcrossGoldenWeek(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	// 8 hours from Wednesday 28 April to Friday 7 May 2027: the working
	// days are 28 and 30 April and 6 and 7 May (昭和の日, the weekend and
	// 3-5 May are off), so two hours fall on each.
	gw := &model.Plan{Target: model.PlanTarget{Kind: model.TargetFree}, Title: "観光物産フェアの準備",
		Purpose: "広域圏の観光PRを学ぶため", Start: model.Date(2027, 4, 28), End: model.Date(2027, 5, 7), Minutes: 480}
	w.mustApprove(t, w.aoi, w.kacho, gw)
	w.mustSubmit(t, w.aoi, freePlan("LoGoチャット講座", model.Date(2027, 5, 20), 30))

	april, err := db.Ledger(as(w.aoi), "", model.Date(2027, 4, 1))
	if err != nil {
		t.Fatal(err)
	}
	may, err := db.Ledger(as(w.aoi), "", model.Date(2027, 5, 31))
	if err != nil {
		t.Fatal(err)
	}
	// April: 21 working days, cap 21 x 93 min = 32 h 33 min.
	if april.Month.WorkingDays != 21 || april.Month.Cap != 1953 || april.Month.Approved != 240 || april.Month.Waiting != 0 || april.Month.Left() != 1953-240 {
		t.Errorf("April %+v", april.Month)
	}
	// May: 18 working days, cap 27 h 54 min; the submitted plan waits.
	if may.Month.WorkingDays != 18 || may.Month.Cap != 1674 || may.Month.Approved != 240 || may.Month.Waiting != 30 {
		t.Errorf("May %+v", may.Month)
	}
	if april.FiscalYear != 2027 || april.Year.Approved != 480 || april.Year.Waiting != 30 || april.Year.Cap != 243*93 {
		t.Errorf("fiscal year %d %+v", april.FiscalYear, april.Year)
	}
	if april.ByState[model.PlanApproved] != 1 || april.ByState[model.PlanSubmitted] != 1 || len(april.Plans) != 2 || april.Plans[0].Start != model.Date(2027, 5, 20) {
		t.Errorf("plans by state %v, list %d", april.ByState, len(april.Plans))
	}
}

func TestLedgerAtTheFiscalYearBoundary(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	w.clock.set(model.Date(2027, 3, 15))
	// 6 h 10 min from Tuesday 30 March to Friday 2 April 2027: 92
	// minutes a working day and 2 left over for the first two days; March
	// 2027 has a 振替休日 on the 22nd (春分の日 was a Sunday).
	p := &model.Plan{Target: model.PlanTarget{Kind: model.TargetFree}, Title: "年度末の引き継ぎ会",
		Purpose: "後任者への説明", Start: model.Date(2027, 3, 30), End: model.Date(2027, 4, 2), Minutes: 370}
	w.mustApprove(t, w.aoi, w.kacho, p)
	march, err := db.Ledger(as(w.aoi), "", model.Date(2027, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	april, err := db.Ledger(as(w.aoi), "", model.Date(2027, 4, 1))
	if err != nil {
		t.Fatal(err)
	}
	if march.FiscalYear != 2026 || march.Month.WorkingDays != 22 || march.Month.Approved != 186 || march.Year.Approved != 186 {
		t.Errorf("March / fiscal 2026: %d %+v %+v", march.FiscalYear, march.Month, march.Year)
	}
	if april.FiscalYear != 2027 || april.Month.Approved != 184 || april.Year.Approved != 184 {
		t.Errorf("April / fiscal 2027: %d %+v %+v", april.FiscalYear, april.Month, april.Year)
	}
}

func TestOverTheCap(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	// 31 hours of April's 32 h 33 min are already approved.
	for _, d := range []int{6, 7, 8, 9} {
		w.mustApprove(t, w.ken, w.kacho, freePlan("申告受付の応援", model.Date(2027, 4, d), 465))
	}
	p := w.mustSubmit(t, w.ken, freePlan("研修の企画会議", model.Date(2027, 4, 26), 120))
	q, err := db.Queue(as(w.hosa))
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 1 || !q[0].Plan.OverCap || q[0].Month.Used() != 4*465 || q[0].Month.Cap != 1953 {
		t.Fatalf("queue %+v", q)
	}
	if got := w.plan(t, as(w.ken), p.ID); !got.OverCap {
		t.Error("the applicant is not told the plan goes over the cap")
	}
	wantKey(t, db.ApprovePlan(as(w.hosa), p.ID, model.Decision{}), model.ECONFLICT, "err.plan.overcap.confirm")
	wantKey(t, db.ApprovePlan(as(w.hosa), p.ID, model.Decision{OverCap: true}), model.EINVALID, "err.plan.overcap.reason")
	if err := db.ApprovePlan(as(w.hosa), p.ID, model.Decision{OverCap: true, Reason: "研修企画は課の重点業務と一体のため"}); err != nil {
		t.Fatal(err)
	}
	got := w.plan(t, as(w.ken), p.ID)
	if got.State != model.PlanApproved || !got.OverCap || got.OverCapReason != "研修企画は課の重点業務と一体のため" {
		t.Errorf("approved over the cap %+v", got)
	}
	l, _ := db.Ledger(as(w.ken), "", time.Time{})
	if l.Month.Level() != model.UseOver || l.Month.Left() != 1953-4*465-120 {
		t.Errorf("ledger %+v level %s", l.Month, l.Month.Level())
	}
}

// A person moves from 財政課 to 人事課 in October. Their old plans keep
// counting in 財政課; a plan waiting at the move goes to the 人事課長; the
// 財政課長 no longer sees them.
func TestTransferMidYear(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	may := w.mustApprove(t, w.aoi, w.kacho, freePlan("庶務担当者の会", model.Date(2027, 5, 12), 120))
	w.clock.set(model.Date(2027, 5, 12))
	if err := db.RecordHours(as(w.aoi), may.ID, 90); err != nil {
		t.Fatal(err)
	}
	w.clock.set(model.Date(2027, 9, 27))
	waiting := w.mustSubmit(t, w.aoi, freePlan("人事評価制度の勉強会", model.Date(2027, 10, 13), 60))
	if err := db.TransferStaff(as(w.jinji), w.aoi.ID, koriyama, "総務部 人事課"); err != nil {
		t.Fatal(err)
	}
	w.clock.set(model.Date(2027, 10, 1))

	if q, _ := db.Queue(as(w.kacho)); len(q) != 0 {
		t.Errorf("the old supervisor still has %d requests", len(q))
	}
	wantKey(t, db.ApprovePlan(as(w.kacho), waiting.ID, model.Decision{}), model.ENOTFOUND, "err.plan.notfound")
	wantKey(t, ignore(db.Ledger(as(w.kacho), w.aoi.ID, time.Time{})), model.EFORBIDDEN, "err.plan.ledger.forbidden")
	q, _ := db.Queue(as(w.jinjiKa))
	if len(q) != 1 || q[0].Plan.ID != waiting.ID {
		t.Fatalf("the new supervisor's queue %+v", q)
	}
	if err := db.ApprovePlan(as(w.jinjiKa), waiting.ID, model.Decision{}); err != nil {
		t.Fatal(err)
	}
	l, err := db.Ledger(as(w.jinjiKa), w.aoi.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Year.Done != 90 || l.Year.Approved != 60 || l.Deciders.Scope != "総務部 人事課" {
		t.Errorf("the year follows the person: %+v, decided in %q", l.Year, l.Deciders.Scope)
	}
	r, err := db.ActivityReport(as(w.jinji), model.ReportFilter{FiscalYear: 2027})
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]model.ReportFigures{}
	for _, p := range r.People {
		lines[p.Name+"@"+p.Department] = p.ReportFigures
	}
	if f := lines["高野 葵@財務部 財政課"]; f.Done != 90 || f.Approved != 120 {
		t.Errorf("old plans in 財政課: %+v", f)
	}
	if f := lines["高野 葵@総務部 人事課"]; f.Approved != 60 || f.Done != 0 {
		t.Errorf("new plans in 人事課: %+v", f)
	}
}

func TestDepartmentUse(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	for _, d := range []int{6, 7, 8} {
		w.mustApprove(t, w.ken, w.kacho, freePlan("申告受付の応援", model.Date(2027, 4, d), 465))
	}
	w.mustApprove(t, w.ken, w.kacho, freePlan("申告受付の応援", model.Date(2027, 4, 9), 200))
	w.mustApprove(t, w.aoi, w.kacho, freePlan("庶務担当者の会", model.Date(2027, 4, 14), 60))
	w.mustApprove(t, w.kacho, w.bucho, freePlan("課長研修の企画", model.Date(2027, 4, 15), 120))

	u, err := db.DepartmentUse(as(w.kacho), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]model.PersonUse{}
	for _, p := range u.People {
		got[p.Staff.Name] = p
	}
	// The 課長 sees his section's staff, not the other supervisor of the
	// section nor himself.
	if len(u.People) != 2 || !got["鈴木 健"].Decides || !got["高野 葵"].Decides {
		t.Fatalf("the 課長 sees %+v", u.People)
	}
	// 3 x 465 + 200 = 1,595 of 1,953 minutes: over 80%.
	if k := got["鈴木 健"]; k.Month.Used() != 1595 || k.Month.Level() != model.UseNear || u.Near != 1 || u.Over != 0 {
		t.Errorf("near the cap: %+v, near %d over %d", k.Month, u.Near, u.Over)
	}
	b, err := db.DepartmentUse(as(w.bucho), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, p := range b.People {
		mark := ""
		if p.Decides {
			mark = "*"
		}
		seen = append(seen, p.Staff.Name+mark)
	}
	// By department (契約検査課 before 財政課), then name. The 部長
	// oversees all of 財務部 and decides for the section
	// supervisors and for 契約検査課, which has none.
	if got, want := strings.Join(seen, " "), "渡辺 翼* 木村 恵* 熊谷 剛* 鈴木 健 高野 葵"; got != want {
		t.Errorf("the 部長 sees %s, want %s", got, want)
	}
	wantKey(t, ignore(db.DepartmentUse(as(w.aoi), time.Time{})), model.EFORBIDDEN, "err.plan.notsupervisor")
}

func TestActivityPrivacy(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	p := w.mustApprove(t, w.aoi, w.kacho, freePlan("産休・育休カフェに参加", model.Date(2027, 4, 9), 40))
	draft := freePlan("まだ相談していない計画", model.Date(2027, 4, 16), 60)
	if err := db.CreatePlan(as(w.aoi), draft, false); err != nil {
		t.Fatal(err)
	}

	t.Run("Ledger", func(t *testing.T) {
		for _, s := range []*model.Staff{w.aoi, w.kacho, w.hosa, w.bucho, w.jinji} {
			if _, err := db.Ledger(as(s), w.aoi.ID, time.Time{}); err != nil {
				t.Errorf("%s may see the ledger: %v", s.Name, err)
			}
		}
		for _, s := range []*model.Staff{w.ken, w.keiyaku, w.jinjiKa, w.outsider, w.suka} {
			wantKey(t, ignore(db.Ledger(as(s), w.aoi.ID, time.Time{})), model.EFORBIDDEN, "err.plan.ledger.forbidden")
		}
		l, _ := db.Ledger(as(w.kacho), w.aoi.ID, time.Time{})
		if len(l.Plans) != 1 || l.ByState[model.PlanDraft] != 0 {
			t.Errorf("the supervisor sees drafts: %d plans", len(l.Plans))
		}
		// Who may decide on the plans read, as PlanByID says of each: the
		// 課長 who decides, not the 部長 who oversees, nor the author.
		for s, want := range map[*model.Staff]bool{w.kacho: true, w.bucho: false, w.aoi: false} {
			l, _ := db.Ledger(as(s), w.aoi.ID, time.Time{})
			for _, p := range l.Plans {
				if p.CanDecide != want {
					t.Errorf("%s reads %q as CanDecide %v", s.Name, p.Title, p.CanDecide)
				}
			}
		}
	})
	t.Run("PlanByID", func(t *testing.T) {
		for _, s := range []*model.Staff{w.ken, w.outsider, w.jinjiKa} {
			wantKey(t, ignore(db.PlanByID(as(s), p.ID)), model.ENOTFOUND, "err.plan.notfound")
		}
		if got := w.plan(t, as(w.bucho), p.ID); got.CanDecide {
			t.Error("the 部長 may decide a plan of the section's staff")
		}
	})
	t.Run("Report", func(t *testing.T) {
		r, err := db.ActivityReport(as(w.ken), model.ReportFilter{Month: model.Date(2027, 4, 1)})
		if err != nil {
			t.Fatal(err)
		}
		// 財政課 has four staff: too few for its total to be shown to a
		// colleague, and 高野's line is hers alone.
		if len(r.People) != 0 || len(r.Departments) != 0 || len(r.Categories) != 0 || r.Hidden != 1 {
			t.Errorf("a colleague's report %+v", r)
		}
		admin, _ := db.ActivityReport(as(w.jinji), model.ReportFilter{Month: model.Date(2027, 4, 1)})
		if len(admin.People) != 1 || len(admin.Departments) != 1 || admin.Departments[0].Approved != 40 || admin.Hidden != 0 {
			t.Errorf("the administrator's report %+v", admin)
		}
		// With a fifth member, the department's total is shown, but still
		// no one's line.
		MustCreateStaff(t, db, "新井 翔", koriyama, "財務部 財政課")
		r, _ = db.ActivityReport(as(w.ken), model.ReportFilter{Month: model.Date(2027, 4, 1)})
		if len(r.People) != 0 || len(r.Departments) != 1 || r.Departments[0].Staff != 5 || r.Departments[0].Approved != 40 ||
			len(r.Categories) != 1 || r.Categories[0].Category != model.CategoryOther {
			t.Errorf("a colleague's report of a department of five %+v", r)
		}
	})
	t.Run("Search", func(t *testing.T) {
		res, err := db.Search(as(w.outsider), "産休・育休カフェに参加", 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range res {
			if x.Title == p.Title {
				t.Errorf("a plan found by search: %+v", x)
			}
		}
	})
	t.Run("Inbox", func(t *testing.T) {
		for _, s := range []*model.Staff{w.ken, w.outsider, w.bucho} {
			items, err := db.Inbox(as(s), 50)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				if it.Kind == model.InboxPlan {
					t.Errorf("%s's inbox has someone else's plan: %+v", s.Name, it)
				}
			}
		}
	})
}

func TestPlanNewsInTheInbox(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	p := w.mustSubmit(t, w.aoi, freePlan("観光SNS研修", model.Date(2027, 4, 20), 120))
	plans := func(s *model.Staff) []model.InboxItem {
		items, err := db.Inbox(as(s), 50)
		if err != nil {
			t.Fatal(err)
		}
		var out []model.InboxItem
		for _, it := range items {
			if it.Kind == model.InboxPlan {
				out = append(out, it)
			}
		}
		return out
	}
	if got := plans(w.kacho); len(got) != 1 || got[0].PlanID != p.ID || got[0].PlanEvent != "submit" || got[0].AuthorName != "高野 葵" {
		t.Fatalf("the supervisor's inbox %+v", got)
	}
	if err := db.MarkPlanRead(as(w.hosa), p.ID); err != nil {
		t.Fatal(err)
	}
	if len(plans(w.hosa)) != 0 || len(plans(w.kacho)) != 1 {
		t.Error("one supervisor's read mark is not the other's")
	}
	if err := db.ReturnPlan(as(w.kacho), p.ID, "決算審査の時期なので、6月以降にしてください"); err != nil {
		t.Fatal(err)
	}
	if len(plans(w.kacho)) != 0 {
		t.Error("a decided request stays in the supervisor's inbox")
	}
	got := plans(w.aoi)
	if len(got) != 1 || got[0].PlanEvent != "return" || got[0].AuthorName != "熊谷 剛" || got[0].Snippet != "決算審査の時期なので、6月以降にしてください" || got[0].ThreadTitle != "観光SNS研修" {
		t.Fatalf("the applicant's inbox %+v", got)
	}
	if err := db.MarkPlanRead(as(w.aoi), p.ID); err != nil {
		t.Fatal(err)
	}
	if len(plans(w.aoi)) != 0 {
		t.Error("read news stays")
	}
	wantKey(t, db.MarkPlanRead(as(w.outsider), p.ID), model.ENOTFOUND, "err.plan.notfound")
}

// Plan writes count as changes for the other screens; marking news read
// is the reader's own business.
func TestPlanWritesAreLiveUpdates(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	before := db.Changes()
	p := w.mustSubmit(t, w.aoi, freePlan("掲示板の整理", model.Date(2027, 4, 20), 60))
	afterSubmit := db.Changes()
	if afterSubmit == before {
		t.Fatal("submitting a plan is not a change")
	}
	if err := db.MarkPlanRead(as(w.kacho), p.ID); err != nil {
		t.Fatal(err)
	}
	if db.Changes() != afterSubmit {
		t.Error("marking a plan read woke the other screens")
	}
	if err := db.ApprovePlan(as(w.kacho), p.ID, model.Decision{}); err != nil {
		t.Fatal(err)
	}
	if db.Changes() == afterSubmit {
		t.Error("approving a plan is not a change")
	}
}

func TestActivityReportFilters(t *testing.T) {
	t.Parallel()
	w := newActivityWorld(t)
	db := w.db
	w.mustApprove(t, w.aoi, w.kacho, freePlan("庶務担当者の会", model.Date(2027, 4, 14), 60))
	w.mustApprove(t, w.keiyaku, w.bucho, freePlan("入札事務の勉強会", model.Date(2027, 5, 12), 90))
	w.mustApprove(t, w.jinjiKa, w.jinji, freePlan("研修の企画", model.Date(2027, 4, 20), 120))
	w.mustApprove(t, w.suka, w.jinji, freePlan("窓口連携の打ち合わせ", model.Date(2027, 4, 21), 30))
	lines := func(f model.ReportFilter) string {
		r, err := db.ActivityReport(as(w.jinji), f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range r.People {
			out = append(out, p.Name)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		name string
		f    model.ReportFilter
		want string
	}{
		// People in order of municipality, department and name.
		{"FiscalYear", model.ReportFilter{FiscalYear: 2027}, "石川 誠 渡辺 翼 高野 葵 矢吹 大地"},
		{"Month", model.ReportFilter{Month: model.Date(2027, 5, 31)}, "渡辺 翼"},
		{"Municipality", model.ReportFilter{FiscalYear: 2027, MunicipalityID: sukagawa}, "矢吹 大地"},
		// A division takes its sections.
		{"Division", model.ReportFilter{FiscalYear: 2027, Department: "財務部"}, "渡辺 翼 高野 葵"},
		{"Section", model.ReportFilter{FiscalYear: 2027, MunicipalityID: koriyama, Department: "財務部　財政課"}, "高野 葵"},
	} {
		if got := lines(c.f); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	_, err := db.ActivityReport(as(w.jinji), model.ReportFilter{})
	wantKey(t, err, model.EINVALID, "err.report.period")
}
