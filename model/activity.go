package model

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// PlanState is where an activity plan (活動計画) stands.
type PlanState string

const (
	PlanDraft     PlanState = "draft"     // 下書き: only its author sees it
	PlanSubmitted PlanState = "submitted" // 申請中: waiting for the supervisor
	PlanApproved  PlanState = "approved"  // 承認済み
	PlanReturned  PlanState = "returned"  // 差し戻し: to be changed and sent again
	PlanWithdrawn PlanState = "withdrawn" // 取り下げ: by its author; final
	PlanDone      PlanState = "done"      // 実施済み: hours done recorded
)

// PlanStates lists every state in the order a plan goes through them.
var PlanStates = []PlanState{PlanDraft, PlanSubmitted, PlanApproved, PlanReturned, PlanWithdrawn, PlanDone}

// Valid reports whether s is one of PlanStates.
func (s PlanState) Valid() bool {
	for _, v := range PlanStates {
		if s == v {
			return true
		}
	}
	return false
}

// PlanAction is what someone does to a plan.
type PlanAction string

const (
	ActEdit     PlanAction = "edit"     // its author changes it
	ActSubmit   PlanAction = "submit"   // its author sends it to the supervisor
	ActDelete   PlanAction = "delete"   // its author throws a draft away
	ActWithdraw PlanAction = "withdraw" // its author takes it back
	ActApprove  PlanAction = "approve"  // the supervisor agrees
	ActReturn   PlanAction = "return"   // the supervisor sends it back with a comment
	ActRevoke   PlanAction = "revoke"   // the supervisor takes an approval back (regular work first)
	ActRecord   PlanAction = "record"   // its author records the hours done
	// ActCancel is no one's choice: the event occurrence the plan is for
	// was cancelled, so the plan is withdrawn, and its author and the
	// supervisor who approved it are told.
	ActCancel PlanAction = "cancel"
	// ActMove is no one's choice either: the event occurrence the plan is
	// for moved to other days, and the plan's days follow it. One waiting
	// or approved waits for a decision again (the approval was for the
	// days it had); a draft or a returned plan stays its author's.
	ActMove PlanAction = "move"
)

// MoveComment is the comment of an ActMove step: the plan's first day
// before and after, as YYYY-MM-DD ("2026-12-16 → 2026-12-18"), which
// screens show in their own words (ParseMoveComment).
func MoveComment(from, to string) string { return from + moveArrow + to }

// ParseMoveComment reads a MoveComment as the two days at midnight in
// loc; ok is false for any other comment.
func ParseMoveComment(comment string, loc *time.Location) (from, to time.Time, ok bool) {
	a, b, found := strings.Cut(comment, moveArrow)
	if !found {
		return from, to, false
	}
	from, errA := time.ParseInLocation(time.DateOnly, a, loc)
	to, errB := time.ParseInLocation(time.DateOnly, b, loc)
	return from, to, errA == nil && errB == nil
}

const moveArrow = " → "

// PlanActions lists every action.
var PlanActions = []PlanAction{ActEdit, ActSubmit, ActDelete, ActWithdraw, ActApprove, ActReturn, ActRevoke, ActRecord, ActCancel, ActMove}

// planMoves is the state machine: for each action, the states it may
// start from and where it leads. A revoked approval goes back to the
// author as returned, so that they can move the date and ask again. A
// plan waiting or approved whose event occurrence is cancelled is
// withdrawn, as its author would have: there is nothing left to do, and
// another occurrence is a new plan. Deleting leaves no state ("").
var planMoves = map[PlanAction]map[PlanState]PlanState{
	ActEdit:     {PlanDraft: PlanDraft, PlanReturned: PlanReturned},
	ActSubmit:   {PlanDraft: PlanSubmitted, PlanReturned: PlanSubmitted},
	ActDelete:   {PlanDraft: ""},
	ActWithdraw: {PlanSubmitted: PlanWithdrawn, PlanApproved: PlanWithdrawn, PlanReturned: PlanWithdrawn},
	ActApprove:  {PlanSubmitted: PlanApproved},
	ActReturn:   {PlanSubmitted: PlanReturned},
	ActRevoke:   {PlanApproved: PlanReturned},
	ActRecord:   {PlanApproved: PlanDone, PlanDone: PlanDone},
	ActCancel:   {PlanSubmitted: PlanWithdrawn, PlanApproved: PlanWithdrawn},
	ActMove:     {PlanDraft: PlanDraft, PlanSubmitted: PlanSubmitted, PlanApproved: PlanSubmitted, PlanReturned: PlanReturned},
}

// Allows reports whether a plan in state s can take action a.
func (s PlanState) Allows(a PlanAction) bool {
	_, ok := planMoves[a][s]
	return ok
}

// Next returns the state a plan in state s goes to by action a, or an
// ECONFLICT error keyed err.plan.<action>.<state> that says why not
// ("取り下げられた計画は承認できません").
func (s PlanState) Next(a PlanAction) (PlanState, error) {
	next, ok := planMoves[a][s]
	if !ok {
		return s, &Error{Code: ECONFLICT, Key: "err.plan." + string(a) + "." + string(s), Message: PlanRefusal(a, s)}
	}
	return next, nil
}

// PlanRefusal is the Japanese sentence that says why a plan in state s
// cannot take action a, such as 取り下げられた計画は承認できません: the
// Message of the error Next returns, and the Japanese catalogue's entry
// err.plan.<action>.<state>.
func PlanRefusal(a PlanAction, s PlanState) string {
	return fmt.Sprintf(planRefusals[a], planStateAdjectives[s])
}

// The state machine's refusals: one sentence per action, naming the
// state as an adjective.
var (
	planRefusals = map[PlanAction]string{
		ActEdit:     "%s計画は変更できません",
		ActSubmit:   "%s計画は申請できません",
		ActDelete:   "%s計画は削除できません (削除できるのは下書きだけです。取り下げてください)",
		ActWithdraw: "%s計画は取り下げられません",
		ActApprove:  "%s計画は承認できません",
		ActReturn:   "%s計画は差し戻せません",
		ActRevoke:   "%s計画は承認を取り消せません (取り消せるのは承認済みの計画だけです)",
		ActRecord:   "%s計画には実績を記録できません (記録できるのは承認済みの計画だけです)",
		ActCancel:   "%s計画は予定の中止で取り下げられません",
		ActMove:     "%s計画は予定の移動に合わせて動きません",
	}
	planStateAdjectives = map[PlanState]string{
		PlanDraft: "下書きの", PlanSubmitted: "申請中の", PlanApproved: "承認済みの",
		PlanReturned: "差し戻された", PlanWithdrawn: "取り下げられた", PlanDone: "実施済みの",
	}
)

// Counts reports whether a plan in state s takes part of the cap:
// submitted (waiting), approved or done.
func (s PlanState) Counts() bool {
	return s == PlanSubmitted || s == PlanApproved || s == PlanDone
}

// PlanTargetKind is what a plan is for.
type PlanTargetKind string

const (
	TargetCommunity PlanTargetKind = "community" // a community's work
	TargetEvent     PlanTargetKind = "event"     // one occurrence of an event
	TargetCall      PlanTargetKind = "call"      // a 募集 (職場応援): the application goes with it
	TargetIdea      PlanTargetKind = "idea"      // an idea's team
	TargetHandover  PlanTargetKind = "handover"  // writing or following up a handover note
	TargetFree      PlanTargetKind = "free"      // anything else, in words
)

// PlanTargetKinds lists every kind in display order.
var PlanTargetKinds = []PlanTargetKind{TargetCommunity, TargetEvent, TargetCall, TargetIdea, TargetHandover, TargetFree}

// PlanTarget names what a plan is for: a community, an event occurrence
// (by its original start), a call, an idea or a handover note by id; free
// text has no id.
type PlanTarget struct {
	Kind            PlanTargetKind `json:"kind"`
	ID              string         `json:"id,omitempty"`
	OccurrenceStart *time.Time     `json:"occurrence_start,omitempty"`
}

// Categories a plan counts under in reports, besides the community
// categories (a plan for a community or event takes its community's).
const (
	CategoryHandover Category = "handover" // 引き継ぎ
	CategoryIdea     Category = "idea"     // アイデア
	CategoryOther    Category = "other"    // その他
)

// PlanCategories lists the categories of reports in display order.
var PlanCategories = append(append([]Category{}, Categories...), CategoryHandover, CategoryIdea, CategoryOther)

// Plan is an activity plan (活動計画) under the 20% rule: what, when, how
// long and why, arranged with the supervisor in advance.
type Plan struct {
	ID        string `json:"id"`
	StaffID   string `json:"staff_id"`
	StaffName string `json:"staff"`
	// Where the plan counts in department figures: where its author
	// worked when it was submitted, and, once approved, when it was
	// approved. A transfer later does not move it.
	MunicipalityID string     `json:"municipality_id"`
	Municipality   string     `json:"municipality"`
	Department     string     `json:"department"`
	State          PlanState  `json:"state"`
	Target         PlanTarget `json:"target"`
	// Title is what the plan is for: the free text, or the name of the
	// target when the plan was made ("" on create: the target's).
	Title    string   `json:"title"`
	Category Category `json:"category"`
	Purpose  string   `json:"purpose"`
	// Start and End are civil dates (midnight UTC), End = Start for one day.
	Start   time.Time `json:"start" format:"date"`
	End     time.Time `json:"end" format:"date"`
	Minutes int       `json:"minutes"`
	// ActualMinutes are the hours done (実績), once recorded.
	ActualMinutes int `json:"actual_minutes,omitempty"`
	// Application is the comment that goes to the poster of a call with
	// the application, once the supervisor has approved.
	Application string `json:"application,omitempty"`
	// OverCap: the plan takes a month over the cap. For a plan waiting
	// it is worked out when read; for a decided one it says what the
	// supervisor accepted, with OverCapReason.
	OverCap       bool   `json:"over_cap,omitempty"`
	OverCapReason string `json:"over_cap_reason,omitempty"`
	// The last decision: who, when and what they said.
	DecidedBy     string     `json:"decided_by,omitempty"`
	DecidedByName string     `json:"decided_by_name,omitempty"`
	DecidedAt     *time.Time `json:"decided_at,omitempty"`
	Comment       string     `json:"comment,omitempty"`
	SubmittedAt   *time.Time `json:"submitted_at,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	// History is every step, oldest first (PlanByID only).
	History []PlanEvent `json:"history,omitempty"`
	// The viewer's relation: their own plan, or one they may decide.
	Mine      bool `json:"mine,omitempty"`
	CanDecide bool `json:"can_decide,omitempty"`
}

// Period is the plan's span of dates.
func (p *Plan) Period() Period { return Period{p.Start, p.End} }

// CountedMinutes is what the plan takes of the cap: the hours done once
// recorded, the planned hours before.
func (p *Plan) CountedMinutes() int {
	if p.State == PlanDone {
		return p.ActualMinutes
	}
	return p.Minutes
}

// PlanEvent is one step in a plan's history; kind is the action (and
// "create" for its first save).
type PlanEvent struct {
	Kind      PlanAction `json:"kind"`
	ActorID   string     `json:"actor_id,omitempty"`
	ActorName string     `json:"actor"`
	Comment   string     `json:"comment,omitempty"`
	At        time.Time  `json:"at"`
}

// ActCreate is the kind of a plan's first event.
const ActCreate PlanAction = "create"

// Plan limits.
const (
	MaxPlanTitleLen   = MaxTitleLen
	MaxPurposeLen     = 200
	MaxPlanCommentLen = MaxCommentLen
	// MaxPlanDays is the longest span of one plan.
	MaxPlanDays = 92
)

// Validate checks what a person typed into a plan, given the length of a
// working day (minutes) where they work: the hours more than zero and no
// more than the working days of the span hold, the span forwards, no
// longer than MaxPlanDays and with at least one working day, a purpose,
// and a title for free text. Nothing here needs the database.
func (p *Plan) Validate(daily int) error {
	switch p.Target.Kind {
	case TargetCommunity, TargetEvent, TargetCall, TargetIdea, TargetHandover:
		if strings.TrimSpace(p.Target.ID) == "" {
			return FieldError("target", "err.plan.target", "活動の対象を選んでください")
		}
	case TargetFree:
	default:
		return FieldError("target", "err.plan.target", "活動の対象を選んでください")
	}
	if err := checkText("title", p.Title, MaxPlanTitleLen, p.Target.Kind == TargetFree); err != nil {
		return err
	}
	if err := checkText("purpose", p.Purpose, MaxPurposeLen, true); err != nil {
		return err
	}
	if err := checkText("application", p.Application, MaxPlanCommentLen, false); err != nil {
		return err
	}
	if p.Start.IsZero() {
		return FieldError("start", "err.plan.date", "日付を YYYY-MM-DD で入力してください")
	}
	if p.End.IsZero() {
		p.End = p.Start
	}
	if p.End.Before(p.Start) {
		return FieldError("end", "err.plan.range", "終了日 (%s) が開始日 (%s) より前です", p.End.Format("2006-01-02"), p.Start.Format("2006-01-02"))
	}
	if calendarDays(p.Start, p.End) > MaxPlanDays {
		return FieldError("end", "err.plan.range.long", "一つの計画の期間は %d 日までです。分けて申請してください", MaxPlanDays)
	}
	if p.Minutes <= 0 {
		return FieldError("minutes", "err.plan.hours", "時間は 0 より多くしてください")
	}
	days := WorkingDays(p.Start, p.End)
	if days == 0 {
		return FieldError("start", "err.plan.noworkday", "選んだ日に勤務日がありません (土日・祝日・年末年始)。20％ルールは勤務時間の中で使います")
	}
	if limit := days * daily; p.Minutes > limit {
		return FieldError("minutes", "err.plan.hours.day", "勤務日 %d 日では %s までです。1日の勤務時間を超える計画は立てられません", days, Minutes(limit))
	}
	return nil
}

// RecordableOn refuses hours done recorded before the plan's first day;
// today is a civil date.
func (p *Plan) RecordableOn(today time.Time) error {
	if today.Before(p.Start) {
		return FieldError("minutes", "err.plan.actual.early", "実績は活動の日 (%s) から記録できます", p.Start.Format(time.DateOnly))
	}
	return nil
}

// ParseHours reads hours as a person types them: "2", "1.5", "1:30",
// "1時間30分", "90分". It returns minutes; anything else, or a value that
// is not a whole number of minutes, is err.plan.hours.format.
func ParseHours(s string) (int, error) {
	bad := FieldError("minutes", "err.plan.hours.format", "時間は 1.5 や 1:30 のように入力してください (分単位)")
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' { // full-width digits, as an IME types them
			return r - '０' + '0'
		}
		switch r {
		case '．':
			return '.'
		case '：':
			return ':'
		}
		return r
	}, s))
	if s == "" || !utf8.ValidString(s) {
		return 0, bad
	}
	if h, m, ok := strings.Cut(s, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm >= 60 {
			return 0, bad
		}
		return hh*60 + mm, nil
	}
	if h, rest, ok := strings.Cut(s, "時間"); ok {
		hh, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil || hh < 0 {
			return 0, bad
		}
		mm := 0
		if rest = strings.TrimSpace(strings.TrimSuffix(rest, "分")); rest != "" {
			if mm, err = strconv.Atoi(rest); err != nil || mm < 0 || mm >= 60 {
				return 0, bad
			}
		}
		return hh*60 + mm, nil
	}
	if m, ok := strings.CutSuffix(s, "分"); ok {
		mm, err := strconv.Atoi(strings.TrimSpace(m))
		if err != nil || mm < 0 {
			return 0, bad
		}
		return mm, nil
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "h"), 64)
	if err != nil || f < 0 || f > 10000 {
		return 0, bad
	}
	minutes := f * 60
	if minutes != float64(int(minutes)) {
		return 0, bad
	}
	return int(minutes), nil
}

// Decision is a supervisor's answer to a plan.
type Decision struct {
	Comment string `json:"comment,omitempty"` // to the author; optional when approving
	// OverCap is the supervisor's explicit yes to a plan that takes a
	// month over the cap; Reason says why and is kept with the plan.
	OverCap bool   `json:"over_cap,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// Supervisor is a staff member marked as supervisor (所属長) of a scope:
// a department, a level above it, or ScopeMunicipality.
type Supervisor struct {
	Staff
	Scope string `json:"scope"`
	// Lapsed: they moved out of the scope (a transfer), so they decide
	// nothing until an administrator marks them again.
	Lapsed bool `json:"lapsed,omitempty"`
}

// Deciders says who decides on a person's plans.
type Deciders struct {
	// Scope is the department (or level, or ScopeMunicipality) whose
	// supervisors decide; "" when no supervisor does and the
	// administrators decide instead.
	Scope string  `json:"scope"`
	Staff []Staff `json:"staff"`
}

// ByAdministrators reports whether nobody is supervisor above the person,
// so that the administrators decide; then an application to a call may
// still be made on the applicant's word that their supervisor agreed.
func (d *Deciders) ByAdministrators() bool { return d.Scope == "" }

// UseLevel says how close a person's use is to the cap.
type UseLevel string

const (
	UseOK   UseLevel = "ok"
	UseNear UseLevel = "near" // NearCapPercent of the cap or more
	UseOver UseLevel = "over" // more than the cap
)

// Usage is a person's 20% figures over a period, in minutes: done (hours
// recorded), approved (planned hours of approved plans not yet done) and
// waiting (planned hours of plans submitted), against the cap.
type Usage struct {
	Period      Period `json:"period"`
	WorkingDays int    `json:"working_days"`
	Cap         int    `json:"cap"`
	Done        int    `json:"done"`
	Approved    int    `json:"approved"`
	Waiting     int    `json:"waiting"`
}

// Used is what counts against the cap: done and approved.
func (u Usage) Used() int { return u.Done + u.Approved }

// Left is what remains under the cap after done and approved hours;
// negative when over.
func (u Usage) Left() int { return u.Cap - u.Used() }

// Level is UseOver above the cap, UseNear from NearCapPercent of it.
func (u Usage) Level() UseLevel {
	switch used := u.Used(); {
	case used > u.Cap:
		return UseOver
	case used*100 >= u.Cap*NearCapPercent && used > 0:
		return UseNear
	}
	return UseOK
}

// Ledger is one person's 20% rule: this month and this fiscal year, and
// their plans of the fiscal year.
type Ledger struct {
	Staff        Staff             `json:"staff"`
	DailyMinutes int               `json:"daily_minutes"`
	Month        Usage             `json:"month"`
	FiscalYear   int               `json:"fiscal_year"`
	Year         Usage             `json:"year"`
	Deciders     Deciders          `json:"deciders"`
	ByState      map[PlanState]int `json:"by_state"`
	// Plans are the fiscal year's plans, the latest start first.
	Plans []Plan `json:"plans"`
}

// PlanRequest is a plan waiting for the viewer's decision, with its
// author's figures for the month the plan starts in (not counting it).
type PlanRequest struct {
	Plan  Plan  `json:"plan"`
	Month Usage `json:"month"`
}

// PersonUse is one person's figures in a supervisor's view.
type PersonUse struct {
	Staff Staff `json:"staff"`
	Month Usage `json:"month"`
	Year  Usage `json:"year"`
	// Decides: the viewer decides on this person's plans (not only
	// oversees them).
	Decides bool `json:"decides"`
}

// DepartmentUse is a supervisor's view of everyone they oversee.
type DepartmentUse struct {
	Scope      string `json:"scope"`
	Month      Period `json:"month"`
	FiscalYear int    `json:"fiscal_year"`
	// People by department (as NormalizeDepartment writes it), then name.
	People []PersonUse `json:"people"`
	// Near and Over count the people near or over the cap this month.
	Near int `json:"near"`
	Over int `json:"over"`
}

// ReportFilter picks the period and the place of a report: a month
// (any date in it) or else a fiscal year; a municipality ("" all); a
// department, which also takes the departments under it ("" all).
type ReportFilter struct {
	Month          time.Time `json:"month,omitempty" format:"date"`
	FiscalYear     int       `json:"fiscal_year,omitempty"`
	MunicipalityID string    `json:"municipality_id,omitempty"`
	Department     string    `json:"department,omitempty"`
}

// ReportFigures are the minutes of a report line: planned (submitted,
// approved or done), approved (approved or done), done (recorded) and
// the cap.
type ReportFigures struct {
	Planned  int `json:"planned"`
	Approved int `json:"approved"`
	Done     int `json:"done"`
	Cap      int `json:"cap,omitempty"` // none for a category
}

// ReportPerson is one person's figures for plans counted in one
// department; someone transferred during the period has a line for each.
type ReportPerson struct {
	StaffID        string `json:"staff_id"`
	Name           string `json:"name"`
	MunicipalityID string `json:"municipality_id"`
	Municipality   string `json:"municipality"`
	Department     string `json:"department"`
	ReportFigures
}

// ReportDepartment totals a department: Staff is how many people work
// there now, People how many of them have plans; Cap is everyone's.
type ReportDepartment struct {
	MunicipalityID string `json:"municipality_id"`
	Municipality   string `json:"municipality"`
	Department     string `json:"department"`
	Staff          int    `json:"staff"`
	People         int    `json:"people"`
	ReportFigures
}

// ReportCategory totals a category (学び合い, 職場応援, 引き継ぎ …).
type ReportCategory struct {
	Category Category `json:"category"`
	Plans    int      `json:"plans"`
	ReportFigures
}

// MinReportDepartment is the smallest department whose totals are shown
// to someone who may not see its people's individual figures.
const MinReportDepartment = 5

// ActivityReport is the report for 人事課. People holds only the lines
// the viewer may see individually (administrators: all; supervisors:
// those they oversee; anyone: themselves); Departments and Categories
// leave out departments of fewer than MinReportDepartment people unless
// the viewer is an administrator, and Hidden counts those left out.
type ActivityReport struct {
	Period      Period             `json:"period"`
	Filter      ReportFilter       `json:"filter"`
	People      []ReportPerson     `json:"people"`
	Departments []ReportDepartment `json:"departments"`
	Categories  []ReportCategory   `json:"categories"`
	Hidden      int                `json:"hidden_departments"`
}

// ActivityService is the 20% rule. Every method acts as the context's
// viewer and enforces who may see and do what: individual figures only
// to the person, the supervisors who oversee them and administrators.
type ActivityService interface {
	// SetSupervisor marks a staff member as supervisor (on) of scope, or
	// unmarks them; scope "" is their own department. Administrators
	// only.
	SetSupervisor(ctx context.Context, staffID string, on bool, scope string) error
	// Supervisors lists the supervisors of a municipality ("" the
	// viewer's), by scope and name, lapsed ones included; anyone may read
	// it.
	Supervisors(ctx context.Context, municipalityID string) ([]Supervisor, error)
	// Deciders says who decides on a person's plans ("" the viewer);
	// anyone may ask about themselves.
	Deciders(ctx context.Context, staffID string) (*Deciders, error)
	// SetDailyMinutes sets the length of a working day in a municipality;
	// 0 restores DefaultDailyMinutes. Administrators only.
	SetDailyMinutes(ctx context.Context, municipalityID string, minutes int) error
	// DailyMinutes is the length of a working day in a municipality.
	DailyMinutes(ctx context.Context, municipalityID string) (int, error)
	// TransferStaff moves a staff member to another department (異動).
	// Their plans keep counting where they were decided; plans waiting
	// go to the supervisors of the new department. Administrators only.
	TransferStaff(ctx context.Context, staffID, municipalityID, department string) error

	// PlanDraftFor fills a new plan from its target (title, category,
	// date and hours of an event occurrence), for a form to show; it
	// saves nothing.
	PlanDraftFor(ctx context.Context, t PlanTarget) (*Plan, error)
	// CreatePlan saves a new plan of the viewer as a draft, or submitted
	// when submit is true, and sets p.ID. Nothing is saved on error.
	CreatePlan(ctx context.Context, p *Plan, submit bool) error
	// UpdatePlan changes a draft or returned plan of the viewer, and
	// submits it when submit is true.
	UpdatePlan(ctx context.Context, p *Plan, submit bool) error
	SubmitPlan(ctx context.Context, id string) error
	// DeletePlan throws a draft away.
	DeletePlan(ctx context.Context, id string) error
	// WithdrawPlan is its author taking a plan back (取り下げ), with an
	// optional reason; a call's application goes with it.
	WithdrawPlan(ctx context.Context, id, reason string) error
	// ApprovePlan, ReturnPlan and RevokePlan are for those who decide
	// (never the author). A plan that takes a month over the cap needs
	// Decision.OverCap and a Reason. Returning and revoking need a
	// comment.
	ApprovePlan(ctx context.Context, id string, d Decision) error
	ReturnPlan(ctx context.Context, id, comment string) error
	RevokePlan(ctx context.Context, id, reason string) error
	// RecordHours records the hours done on an approved plan (or
	// corrects them), from its first day on, at most the approved hours.
	RecordHours(ctx context.Context, id string, minutes int) error
	// PlanByID returns a plan with its history; ENOTFOUND for anyone who
	// may not see it.
	PlanByID(ctx context.Context, id string) (*Plan, error)
	// MarkPlanRead takes the plan's news out of the viewer's inbox.
	MarkPlanRead(ctx context.Context, id string) error
	// MyPlansFor returns the viewer's plans for a target id (a call,
	// event, idea, note or community), latest first: how a screen shows
	// that an application is waiting for the supervisor.
	MyPlansFor(ctx context.Context, targetID string) ([]Plan, error)
	// ApplyWithPlan applies to a call for help by submitting plan p for
	// it; the application reaches the poster when the plan is approved.
	ApplyWithPlan(ctx context.Context, threadID, comment string, p *Plan) error

	// Ledger is a person's figures for the month of day (zero: today)
	// and its fiscal year; staffID "" is the viewer.
	Ledger(ctx context.Context, staffID string, day time.Time) (*Ledger, error)
	// Queue is the plans waiting for the viewer's decision, oldest first.
	Queue(ctx context.Context) ([]PlanRequest, error)
	// DepartmentUse is everyone the viewer oversees as supervisor, for
	// the month of day (zero: today) and its fiscal year.
	DepartmentUse(ctx context.Context, day time.Time) (*DepartmentUse, error)
	// ActivityReport is the report for 人事課.
	ActivityReport(ctx context.Context, f ReportFilter) (*ActivityReport, error)
}
