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
