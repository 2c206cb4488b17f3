package activity

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// The rows of the ledger keep their columns: what a plan is for starts in
// the same cell whether the plan spans days (+1) or was done (1:30/2:00).
func TestLedgerRowsKeepTheirColumns(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		c := kit.NewCommon(nil, kittest.Catalog(lang), false)
		v := newLedgerView(c, "me")
		day := time.Date(2026, 12, 3, 0, 30, 0, 0, time.UTC)
		plans := []model.Plan{
			{Title: "研修の準備", State: model.PlanApproved, Start: day, End: day.Add(2 * time.Hour), Minutes: 120,
				Target: model.PlanTarget{Kind: model.TargetCommunity}},
			{Title: "合宿", State: model.PlanApproved, Start: day, End: day.Add(30 * time.Hour), Minutes: 90,
				Target: model.PlanTarget{Kind: model.TargetCommunity}},
			{Title: "勉強会の振り返り", State: model.PlanDone, Start: day.AddDate(0, 0, 10), End: day.AddDate(0, 0, 10).Add(2 * time.Hour),
				Minutes: 120, ActualMinutes: 90, Target: model.PlanTarget{Kind: model.TargetCommunity}},
			{Title: "長い集まり", State: model.PlanDone, Start: day.AddDate(0, 0, 20), End: day.AddDate(0, 0, 21).Add(3 * time.Hour),
				Minutes: 600, ActualMinutes: 615, Target: model.PlanTarget{Kind: model.TargetCommunity}},
		}
		v.ledger = &model.Ledger{Plans: plans}
		kind := c.Cat.T("plan.target.community")
		at := -1
		for i, p := range plans {
			rows := v.row(p, 80, false)
			second := kittest.Screen(rows[1], c.Styles)
			cell := kit.Width(second[:strings.Index(second, kind)])
			if at == -1 {
				at = cell
			} else if cell != at {
				t.Errorf("%s: plan %d's kind starts at cell %d, the first's at %d:\n%s", lang, i, cell, at, second)
			}
		}
	}
}

// In the left pane at 80x24 (40 cells) the demo's kind of rows, a plan
// over two days and one done among them, still keep what each is for in
// one column: one cell nearer than at full width, not ragged.
func TestLedgerRowsKeepTheirColumnsAt80x24(t *testing.T) {
	c := kit.NewCommon(nil, kittest.Catalog("ja"), false)
	v := newLedgerView(c, "me")
	day := time.Date(2026, 12, 2, 0, 30, 0, 0, time.UTC)
	plan := func(state model.PlanState, kind model.PlanTargetKind, days, minutes, actual int) model.Plan {
		return model.Plan{Title: "相談タイム", State: state, Start: day, End: day.AddDate(0, 0, days).Add(time.Hour),
			Minutes: minutes, ActualMinutes: actual, Target: model.PlanTarget{Kind: kind}}
	}
	plans := []model.Plan{
		plan(model.PlanApproved, model.TargetEvent, 0, 60, 0),
		plan(model.PlanSubmitted, model.TargetCall, 0, 60, 0),
		plan(model.PlanReturned, model.TargetFree, 0, 180, 0),
		plan(model.PlanDraft, model.TargetHandover, 1, 180, 0),
		plan(model.PlanDone, model.TargetIdea, 0, 120, 90),
	}
	v.ledger = &model.Ledger{Plans: plans}
	at := -1
	for i, p := range plans {
		kind := c.Cat.T("plan.target." + string(p.Target.Kind))
		second := kittest.Screen(v.row(p, 40, false)[1], c.Styles)
		if !strings.Contains(second, kind) {
			t.Fatalf("plan %d's row leaves out what it is for:\n%s", i, second)
		}
		cell := kit.Width(second[:strings.Index(second, kind)])
		if at == -1 {
			at = cell
		} else if cell != at {
			t.Errorf("plan %d's kind starts at cell %d, the first's at %d:\n%s", i, cell, at, second)
		}
	}
}

// In English the left pane at 80x24 has no room for what every plan is
// for, but the state, date and hours still keep their columns.
func TestLedgerRowsKeepTheirDatesAndHoursInEnglish(t *testing.T) {
	c := kit.NewCommon(nil, kittest.Catalog("en"), false)
	v := newLedgerView(c, "me")
	day := time.Date(2026, 12, 2, 0, 30, 0, 0, time.UTC)
	plans := []model.Plan{
		{Title: "a", State: model.PlanApproved, Start: day, End: day.Add(time.Hour), Minutes: 60, Target: model.PlanTarget{Kind: model.TargetEvent}},
		{Title: "b", State: model.PlanDraft, Start: day, End: day.AddDate(0, 0, 1), Minutes: 180, Target: model.PlanTarget{Kind: model.TargetHandover}},
		{Title: "c", State: model.PlanDone, Start: day, End: day.Add(time.Hour), Minutes: 120, ActualMinutes: 90, Target: model.PlanTarget{Kind: model.TargetIdea}},
	}
	v.ledger = &model.Ledger{Plans: plans}
	at := -1
	for i, p := range plans {
		second := kittest.Screen(v.row(p, 40, false)[1], c.Styles)
		hours := rowHours(c.Cat, p)
		cell := kit.Width(second[:strings.Index(second, hours)])
		if at == -1 {
			at = cell
		} else if cell != at {
			t.Errorf("plan %d's hours start at cell %d, the first's at %d:\n%s", i, cell, at, second)
		}
	}
}
