package model_test

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

func TestPlanStateMachine(t *testing.T) {
	for _, c := range []struct {
		from model.PlanState
		act  model.PlanAction
		to   model.PlanState // "" with ok false: refused
		ok   bool
	}{
		{model.PlanDraft, model.ActSubmit, model.PlanSubmitted, true},
		{model.PlanSubmitted, model.ActApprove, model.PlanApproved, true},
		{model.PlanSubmitted, model.ActReturn, model.PlanReturned, true},
		{model.PlanReturned, model.ActSubmit, model.PlanSubmitted, true},
		{model.PlanApproved, model.ActRecord, model.PlanDone, true},
		{model.PlanDone, model.ActRecord, model.PlanDone, true},
		{model.PlanApproved, model.ActRevoke, model.PlanReturned, true},
		{model.PlanApproved, model.ActWithdraw, model.PlanWithdrawn, true},
		{model.PlanWithdrawn, model.ActApprove, "", false},
		{model.PlanReturned, model.ActRecord, "", false},
		{model.PlanReturned, model.ActApprove, "", false},
		{model.PlanDraft, model.ActApprove, "", false},
		{model.PlanDone, model.ActWithdraw, "", false},
		{model.PlanDone, model.ActRevoke, "", false},
		{model.PlanSubmitted, model.ActEdit, "", false},
		{model.PlanSubmitted, model.ActDelete, "", false},
	} {
		got, err := c.from.Next(c.act)
		if c.ok && (err != nil || got != c.to) {
			t.Errorf("%s by %s: %s, %v; want %s", c.from, c.act, got, err, c.to)
		}
		if !c.ok && model.ErrorCode(err) != model.ECONFLICT {
			t.Errorf("%s by %s: %v, want a conflict", c.from, c.act, err)
		}
	}
	_, err := model.PlanWithdrawn.Next(model.ActApprove)
	if msg := model.ErrorMessage(err); msg != "取り下げられた計画は承認できません" {
		t.Errorf("refusal says %q", msg)
	}
	_, err = model.PlanReturned.Next(model.ActRecord)
	if e, ok := err.(*model.Error); !ok || e.Key != "err.plan.record.returned" || !strings.HasPrefix(e.Message, "差し戻された計画には実績を記録できません") {
		t.Errorf("recording on a returned plan: %#v", err)
	}
}

func TestPlanValidate(t *testing.T) {
	ok := func() *model.Plan {
		return &model.Plan{Target: model.PlanTarget{Kind: model.TargetFree}, Title: "庶務担当者の会の準備",
			Purpose: "照会回答の管理方法を共有するため", Start: model.Date(2027, 4, 12), Minutes: 90}
	}
	if err := ok().Validate(model.DefaultDailyMinutes); err != nil {
		t.Fatalf("a sound plan: %v", err)
	}
	for _, c := range []struct {
		name  string
		edit  func(p *model.Plan)
		key   string
		field string
	}{
		{"ZeroHours", func(p *model.Plan) { p.Minutes = 0 }, "err.plan.hours", "minutes"},
		{"NegativeHours", func(p *model.Plan) { p.Minutes = -30 }, "err.plan.hours", "minutes"},
		// 7 h 45 min is the working day; 8 hours on one day is too many.
		{"MoreThanADay", func(p *model.Plan) { p.Minutes = 8 * 60 }, "err.plan.hours.day", "minutes"},
		{"Backwards", func(p *model.Plan) { p.End = model.Date(2027, 4, 9) }, "err.plan.range", "end"},
		{"TooLong", func(p *model.Plan) { p.End = p.Start.AddDate(0, 4, 0) }, "err.plan.range.long", "end"},
		{"NoDate", func(p *model.Plan) { p.Start = time.Time{} }, "err.plan.date", "start"},
		{"OnlyHolidays", func(p *model.Plan) { p.Start, p.End = model.Date(2027, 5, 3), model.Date(2027, 5, 5) }, "err.plan.noworkday", "start"},
		{"NoPurpose", func(p *model.Plan) { p.Purpose = "  " }, "err.required", "purpose"},
		{"FreeWithoutTitle", func(p *model.Plan) { p.Title = "" }, "err.required", "title"},
		{"TargetWithoutID", func(p *model.Plan) { p.Target = model.PlanTarget{Kind: model.TargetEvent} }, "err.plan.target", "target"},
		{"UnknownTarget", func(p *model.Plan) { p.Target.Kind = "party" }, "err.plan.target", "target"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := ok()
			c.edit(p)
			err := p.Validate(model.DefaultDailyMinutes)
			e, isErr := err.(*model.Error)
			if !isErr || e.Key != c.key || e.Field != c.field || e.Code != model.EINVALID {
				t.Fatalf("got %#v, want key %s on %s", err, c.key, c.field)
			}
		})
	}
	t.Run("RangeHoldsItsWorkingDays", func(t *testing.T) {
		// 28 April to 7 May 2027 has four working days: 31 hours fit,
		// 31 h 1 min does not.
		p := ok()
		p.Start, p.End, p.Minutes = model.Date(2027, 4, 28), model.Date(2027, 5, 7), 4*model.DefaultDailyMinutes
		if err := p.Validate(model.DefaultDailyMinutes); err != nil {
			t.Errorf("four full days: %v", err)
		}
		p.Minutes++
		if err := p.Validate(model.DefaultDailyMinutes); model.ErrorMessage(err) != "勤務日 4 日では 31時間 までです。1日の勤務時間を超える計画は立てられません" {
			t.Errorf("one minute more: %v", err)
		}
	})
}

func TestParseHours(t *testing.T) {
	for in, want := range map[string]int{
		"2": 120, "1.5": 90, "0.25": 15, "1:30": 90, "１：３０": 90, "1時間30分": 90, "2時間": 120, "45分": 45, "１.５": 90, "1.5h": 90,
	} {
		if got, err := model.ParseHours(in); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1:75", "1.01", "-1", "1時間70分"} {
		if _, err := model.ParseHours(in); err == nil || err.(*model.Error).Key != "err.plan.hours.format" {
			t.Errorf("%q: %v, want err.plan.hours.format", in, err)
		}
	}
}

func TestUsageLevel(t *testing.T) {
	for _, c := range []struct {
		u    model.Usage
		want model.UseLevel
	}{
		{model.Usage{Cap: 1000, Done: 100, Approved: 100, Waiting: 900}, model.UseOK},
		{model.Usage{Cap: 1000, Done: 500, Approved: 300}, model.UseNear},
		{model.Usage{Cap: 1000, Done: 1000}, model.UseNear},
		{model.Usage{Cap: 1000, Done: 900, Approved: 101}, model.UseOver},
		{model.Usage{Cap: 0}, model.UseOK},
	} {
		if got := c.u.Level(); got != c.want {
			t.Errorf("%+v: %s, want %s", c.u, got, c.want)
		}
	}
}
