package ui_test

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

// consultationPlan returns 高野 葵's approved plan for an occurrence of
// 相談タイム in the demo, and its event.
func consultationPlan(t *testing.T, h *harness) (*model.Plan, *model.Event) {
	t.Helper()
	ctx := h.as(h.staff)
	plans, err := h.db.Ledger(ctx, "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var p *model.Plan
	for i := range plans.Plans {
		if plans.Plans[i].Title == "相談タイム（毎月第3水曜日）" && plans.Plans[i].State == model.PlanApproved {
			p = &plans.Plans[i]
		}
	}
	if p == nil {
		t.Fatal("the demo has no approved plan for 相談タイム")
	}
	e, err := h.db.EventByID(ctx, p.Target.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p, e
}

// The occurrence of 相談タイム that 高野 葵's approved plan is for moves
// a day later: her inbox says so, her plan shows the new day, waits for a
// decision again and shows the step; 熊田 剛, who approved it, is told.
func TestActivityMovedOccurrenceInTheInbox(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	p, e := consultationPlan(t, h)
	at := *p.Target.OccurrenceStart
	later := at.AddDate(0, 0, 1)
	if err := h.db.MoveOccurrence(h.as(e.CreatedBy), e.ID, at, later, later.Add(e.End.Sub(e.Start))); err != nil {
		t.Fatal(err)
	}

	h = startHarness(t, h.db, h.staff, "ja", 80, 24)
	h.key("i")
	if row := h.line("相談タイム（毎月第3水曜日）"); !strings.Contains(row, "予定移動") {
		t.Fatalf("inbox row %q:\n%s", row, h.screen())
	}
	// The days as dates, as everywhere else on the screen.
	h.mustShow(" → " + later.In(time.Local).Format("1月2日"))
	h.checkFrame()
	h.key("g")
	for i := 0; i < 10 && !strings.HasPrefix(h.line("相談タイム（毎月第3水曜日）"), ">"); i++ {
		h.key("j")
	}
	h.key("enter")
	h.mustShow("申請中")
	h.mustShow("予定の移動")
	day := later.In(time.Local)
	h.mustShow(strings.TrimSpace(day.Format("1月2日")))
	h.checkFrame()

	boss := h.asStaff("熊田 剛")
	boss.key("i")
	if row := boss.line("相談タイム（毎月第3水曜日）"); !strings.Contains(row, "予定移動") {
		t.Fatalf("the supervisor's inbox row %q:\n%s", row, boss.screen())
	}
}
