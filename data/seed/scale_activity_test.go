package seed_test

import (
	"context"
	"testing"
	"time"

	"hiroba/data/seed"
	"hiroba/model"
)

func TestScaleActivity(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("generates 160 staff and their plans: not with -short")
	}
	ctx := context.Background()
	db := mustOpenDB(t)
	if err := seed.Scale(ctx, db, 0.02, now, nil); err != nil {
		t.Fatal(err)
	}
	c := mustCounts(t, db)
	// 36,000 plans at scale 1 for 8,000 staff: 720 for 160.
	if c["plans"] != 720 || c["plans.states"] != 6 || c["plans.targets"] != 6 || c["supervisors"] == 0 {
		t.Errorf("counts %v", c)
	}
	if c["plans.staff"] < 160/4 || c["plans.staff"] > 160/2 {
		t.Errorf("%d of 160 staff have plans, want about a third", c["plans.staff"])
	}
	if c["plan_events"] < 2*c["plans"] {
		t.Errorf("%d history rows for %d plans", c["plan_events"], c["plans"])
	}
	checkNoMismatches(t, db)

	// Every plan is one the rules allow, as its author's ledger shows it.
	staff, err := db.FindStaff(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	plans := 0
	for _, s := range staff {
		as := model.WithViewer(ctx, s.ID)
		for _, day := range []time.Time{now, now.AddDate(-1, 0, 0)} {
			l, err := db.Ledger(as, "", day)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range l.Plans {
				if !p.Start.Before(model.FiscalYearPeriod(l.FiscalYear).From) {
					plans++
				}
				if err := p.Validate(l.DailyMinutes); err != nil {
					t.Fatalf("%s's plan %q %s: %v", s.Name, p.Title, p.Start.Format("2006-01-02"), err)
				}
				if p.State != model.PlanDraft && p.StaffID == p.DecidedBy {
					t.Fatalf("%s decided their own plan", s.Name)
				}
			}
		}
	}
	if plans != c["plans"] {
		t.Errorf("the ledgers hold %d plans of %d", plans, c["plans"])
	}
}
