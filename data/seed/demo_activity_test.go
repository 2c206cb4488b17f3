package seed_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/data/seed"
	"hiroba/model"
)

// The demo's 20% rule shows the whole cycle whatever day the trainer
// runs it: a month's first working day, Golden Week, the new year.
func TestDemoActivity(t *testing.T) {
	t.Parallel()
	for _, at := range []time.Time{
		now,
		time.Date(2027, 4, 1, 0, 30, 0, 0, time.UTC),
		time.Date(2027, 5, 6, 1, 0, 0, 0, time.UTC),
		time.Date(2028, 1, 4, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 6, 30, 9, 0, 0, 0, time.UTC),
	} {
		t.Run(at.Format("2006-01-02"), func(t *testing.T) { checkDemoActivity(t, at) })
	}
}

func checkDemoActivity(t *testing.T, at time.Time) {
	ctx := context.Background()
	var db *data.DB
	var aoi string
	if at.Equal(now) {
		db, aoi = mustOpenDemo(t) // TestDemo's
	} else {
		db = datatest.OpenNew(t, filepath.Join(t.TempDir(), "hiroba.db"), data.Options{Now: func() time.Time { return at }})
		var err error
		if aoi, err = seed.Demo(ctx, db, at); err != nil {
			t.Fatal(err)
		}
	}
	checkNoMismatches(t, db)
	staff := func(name string) context.Context {
		s, err := db.StaffByIDOrName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return model.WithViewer(ctx, s.ID)
	}
	asAoi := model.WithViewer(ctx, aoi)

	l, err := db.Ledger(asAoi, "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range model.PlanStates {
		if l.ByState[s] == 0 {
			// The done plan is 12 working days back: in the fiscal year
			// unless the demo runs in its first days.
			if s == model.PlanDone && at.Month() == time.April && at.Day() < 20 {
				continue
			}
			t.Errorf("高野 葵 has no plan %s: %v", s, l.ByState)
		}
	}
	if l.Deciders.Scope != "財務部 財政課" || len(l.Deciders.Staff) != 1 || l.Deciders.Staff[0].Name != "熊田 剛" {
		t.Errorf("高野's supervisor %+v", l.Deciders)
	}

	kumada := staff("熊田 剛")
	q, err := db.Queue(kumada)
	if err != nil {
		t.Fatal(err)
	}
	var call, over bool
	for _, r := range q {
		call = call || r.Plan.Target.Kind == model.TargetCall && r.Plan.StaffName == "高野 葵"
		over = over || r.Plan.OverCap && r.Plan.StaffName == "橋本 美咲"
	}
	if !call || !over {
		t.Errorf("熊田's queue lacks the call application (%v) or the plan over the cap (%v): %d requests", call, over, len(q))
	}
	u, err := db.DepartmentUse(kumada, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if u.Near+u.Over == 0 {
		t.Errorf("nobody near the cap in 財政課: %+v", u.People)
	}
	// 熊田's own plan goes to the next one up; 須賀川市 has no supervisor.
	for _, who := range []struct{ decider, author string }{{"大槻 浩二", "熊田 剛"}, {"佐久間 正樹", "矢吹 大地"}} {
		q, err := db.Queue(staff(who.decider))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range q {
			found = found || r.Plan.StaffName == who.author
		}
		if !found {
			t.Errorf("%s's queue lacks %s's plan", who.decider, who.author)
		}
	}
	if d, err := db.Deciders(staff("岩崎 愛"), ""); err != nil || d.Scope != "総務部" || d.Staff[0].Name != "菅野 駿" {
		t.Errorf("総務課 is decided by %+v, %v", d, err)
	}
	// Every plan is one the rules allow.
	misaki, err := db.StaffByIDOrName(ctx, "橋本 美咲")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ctx context.Context
		id  string
	}{{asAoi, ""}, {kumada, misaki.ID}} {
		l, err := db.Ledger(c.ctx, c.id, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.Plans {
			if err := p.Validate(l.DailyMinutes); err != nil {
				t.Errorf("%s's plan %q: %v", l.Staff.Name, p.Title, err)
			}
		}
	}

	// The cycle: the poster sees 高野's application once 熊田 approves.
	masa := staff("佐久間 正樹")
	var callPlan model.Plan
	for _, r := range q {
		if r.Plan.Target.Kind == model.TargetCall {
			callPlan = r.Plan
		}
	}
	before, err := db.Applicants(masa, callPlan.Target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ApprovePlan(kumada, callPlan.ID, model.Decision{Comment: "予算の時期は係で調整します。"}); err != nil {
		t.Fatal(err)
	}
	after, _ := db.Applicants(masa, callPlan.Target.ID)
	if len(after) != len(before)+1 {
		t.Errorf("applicants %d before approval, %d after", len(before), len(after))
	}
}
