package seed

import (
	"database/sql"
	"fmt"
	"time"

	"hiroba/model"
)

// The 20% rule in the demo, so that a trainer can show the whole cycle
// with --as: 高野 葵 (the sign-in) has plans in every state; her 課長 熊田
// 剛 decides for 財政課, where 橋本 美咲 is near this month's cap and asks
// for more; 熊田's own plan waits for the 財務部長 (the next one up);
// 菅野 駿 decides for 総務部; 須賀川市 has no supervisor, so the
// administrator (佐久間 正樹, 人事課) decides there. 高野's application to
// the planning call waits for 熊田 before it reaches the poster.

// demoActivityStaff are the people the 20% rule adds to demoStaffList.
var demoActivityStaff = []demoStaff{
	{"bucho", "大槻 浩二", "郡山市", "財務部"},
	{"misaki", "橋本 美咲", "郡山市", "財務部 財政課"},
}

// demoSupervisors are the staff marked 所属長, with their scope ("" their
// own department).
var demoSupervisors = []struct{ who, scope string }{
	{"takeshi", ""},
	{"bucho", ""},
	{"shun", "総務部"},
}

// demoPlan is one plan. ref names the target: a thread's or event's
// title, a handover note's duty, a community key; "" for free text.
type demoPlan struct {
	who     string
	kind    model.PlanTargetKind
	ref     string
	title   string // free text only
	purpose string
	day     int // working days from today; negative is past
	span    int // more working days the plan lasts
	minutes int
	state   model.PlanState
	actual  int       // done only
	decider string    // staff key
	comment string    // the decision's, or the withdrawal's reason
	revoked bool      // a returned plan that had been approved
	reason  string    // approved over the cap
	apply   string    // the application to a call
	waiting int       // hours since it was submitted
	news    int       // hours since it was decided: news not yet read
	date    time.Time // a fixed first day, instead of day
}

// nearCapPlans are 橋本 美咲's plans of this month: 申告受付の応援 on
// full days, done where the day has passed, that take her to about 85%
// of the cap; one more taken back by the 課長 for the month-end payments;
// and one more full day that would take her over, waiting for him.
func nearCapPlans(now time.Time) []demoPlan {
	today := model.Day(now, jst)
	month := model.MonthPeriod(today)
	var days []time.Time
	for d := month.From; !d.After(month.To); d = d.AddDate(0, 0, 1) {
		if model.WorkingDay(d) {
			days = append(days, d)
		}
	}
	cap := model.CapMinutes(month, model.DefaultDailyMinutes)
	target := cap * 85 / 100 / 15 * 15
	var out []demoPlan
	for k := 0; target > 0 && k < len(days); k++ {
		d := days[k*len(days)/5%len(days)]
		minutes := min(model.DefaultDailyMinutes, target)
		target -= minutes
		p := demoPlan{who: "misaki", kind: model.TargetFree, title: "市県民税の申告受付会場の応援",
			purpose: "税務の窓口を経験するため", date: d, minutes: minutes, state: model.PlanApproved, decider: "takeshi"}
		if !d.After(today) {
			p.state, p.actual = model.PlanDone, minutes
		}
		out = append(out, p)
	}
	last := days[len(days)-1]
	out = append(out,
		demoPlan{who: "misaki", kind: model.TargetFree, title: "申告受付会場の撤収作業", purpose: "最終日の撤収を手伝うため",
			date: last, minutes: 240, state: model.PlanReturned, revoked: true, decider: "takeshi", news: 4,
			comment: "月末の支払処理が集中するため、通常業務を優先してください。"},
		demoPlan{who: "misaki", kind: model.TargetFree, title: "申告受付会場の応援（追加）", purpose: "混雑する最終週の案内",
			date: last, minutes: model.DefaultDailyMinutes, state: model.PlanSubmitted, waiting: 5})
	return out
}

var demoPlans = []demoPlan{
	// 高野 葵: one plan in each state.
	{who: "aoi", kind: model.TargetIdea, ref: "税外収入のアイデア出しをしたい！一緒に考えたい人いませんか〜？",
		purpose: "アイデアを事業提案の形にまとめる初回会議", day: -12, minutes: 120, state: model.PlanDone, actual: 90, decider: "takeshi"},
	{who: "aoi", kind: model.TargetEvent, ref: "相談タイム（毎月第3水曜日）",
		purpose: "新採の質問に答える側を経験するため", minutes: 60, state: model.PlanApproved, decider: "takeshi", news: 20,
		comment: "窓口当番と重ならないよう、係内で調整しておいてください。"},
	{who: "aoi", kind: model.TargetCall, ref: "【企画参画】若手職員向け研修の企画メンバーを募集します",
		purpose: "研修の企画を通じて企画力を身につけるため", day: 6, minutes: 60, state: model.PlanSubmitted, waiting: 20,
		apply: "財政課の高野です。予算要求の時期を除けば、月1回の会議に参加できます。"},
	{who: "aoi", kind: model.TargetFree, title: "観光SNS発信スキル研修（オンライン）",
		purpose: "広域圏の観光発信に関わるための基礎を学ぶ", day: 3, minutes: 180, state: model.PlanReturned, decider: "takeshi", news: 2,
		comment: "決算審査の資料作成と重なるため、来月の日程で出し直してください。"},
	{who: "aoi", kind: model.TargetEvent, ref: "産休・育休カフェ",
		purpose: "育休を考えている同僚に制度を紹介するため", minutes: 40, state: model.PlanWithdrawn,
		comment: "窓口当番と重なったため、今回は見送ります。"},
	{who: "aoi", kind: model.TargetHandover, ref: "歳入予算の編成・地方交付税",
		purpose: "引き継ぎ書を読み込み、前任者に質問をまとめる時間", day: 2, span: 1, minutes: 180, state: model.PlanDraft},

	// 橋本 美咲's hours near this month's cap are added by nearCapPlans.
	{who: "misaki", kind: model.TargetEvent, ref: "庶務担当者の会（旅費）",
		purpose: "旅費の入力ミスを減らすため", minutes: 30, state: model.PlanSubmitted, waiting: 3},

	// 熊田 剛の計画は、財務部長へ。
	{who: "takeshi", kind: model.TargetEvent, ref: "広域圏 20%ルール交流会",
		purpose: "課として20%ルールの活用例を紹介するため", minutes: 180, state: model.PlanSubmitted, waiting: 30},

	// 総務部: 菅野 駿が判断する。
	{who: "ai", kind: model.TargetEvent, ref: "庶務担当者の会（旅費）",
		purpose: "会の記録係として参加する", minutes: 30, state: model.PlanApproved, decider: "shun"},
	{who: "ai", kind: model.TargetCommunity, ref: "shomu",
		purpose: "照会回答の管理表を他課と共有するため", day: -6, minutes: 90, state: model.PlanDone, actual: 90, decider: "shun"},

	// 須賀川市には所属長がいない: 管理者が判断する。
	{who: "daichi", kind: model.TargetFree, title: "子育て支援課と市民課の窓口連携の打ち合わせ",
		purpose: "転入時の児童手当の案内を窓口でまとめるため", day: 8, minutes: 60, state: model.PlanSubmitted, waiting: 44},
}

// workingDay returns the working day n working days from the date of t
// in Japan (n = 0: that day, or the next working day).
func workingDay(t time.Time, n int) time.Time {
	d := model.Day(t, jst)
	step := 1
	if n < 0 {
		step = -1
	}
	for !model.WorkingDay(d) {
		d = d.AddDate(0, 0, step)
	}
	for n != 0 {
		d = d.AddDate(0, 0, step)
		if model.WorkingDay(d) {
			n -= step
		}
	}
	return d
}

// activity writes the supervisors and the plans.
func (w *demoWriter) activity() {
	if w.err != nil {
		return
	}
	created := w.now.AddDate(0, -8, 0).Add(time.Duration(len(demoStaffList)) * time.Hour)
	for i, s := range demoActivityStaff {
		at := created.Add(time.Duration(i) * time.Hour)
		id := model.NewID(at)
		w.ids[s.key] = id
		w.exec(`INSERT INTO staff (id, name, municipality_id, department, role, status, created_at) VALUES (?, ?, ?, ?, 'member', 'active', ?)`,
			id, s.name, w.municipalityID(s.municipality), s.department, ts(at))
	}
	for _, s := range demoSupervisors {
		var muni, dept string
		if err := w.tx.QueryRow(`SELECT municipality_id, department FROM staff WHERE id = ?`, w.staffID(s.who)).Scan(&muni, &dept); err != nil {
			w.err = err
			return
		}
		scope := s.scope
		if scope == "" {
			scope = model.NormalizeDepartment(dept)
		}
		w.exec(`INSERT INTO supervisors (staff_id, municipality_id, scope, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
			w.staffID(s.who), muni, scope, w.staffID("masa"), ts(created))
	}
	for i, p := range append(append([]demoPlan{}, demoPlans...), nearCapPlans(w.now)...) {
		w.plan1(i, p)
	}
}

// plan1 writes one plan and its history.
func (w *demoWriter) plan1(i int, p demoPlan) {
	if w.err != nil {
		return
	}
	who := w.staffID(p.who)
	var muni, dept string
	if err := w.tx.QueryRow(`SELECT municipality_id, department FROM staff WHERE id = ?`, who).Scan(&muni, &dept); err != nil {
		w.err = err
		return
	}
	start := workingDay(w.now, p.day)
	if !p.date.IsZero() {
		start = p.date
	}
	end := workingDay(start, p.span)
	target, title, category, occurrence := w.planTarget(p, who)
	if w.err != nil {
		return
	}
	if p.kind == model.TargetEvent {
		start = model.Day(*occurrence, jst)
		end = start
	}
	if p.kind == model.TargetFree {
		title = p.title
	}

	// The plan was written a week before it starts, or a little before
	// now for one still to come; submitted an hour later, decided the
	// next morning.
	at := func(d time.Time, hh, mm int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, jst).UTC()
	}
	written := at(start.AddDate(0, 0, -7), 10, 5+i)
	latest := w.now.Add(-time.Duration(2+p.waiting) * time.Hour)
	if written.After(latest) {
		written = latest
	}
	submitted := written.Add(40 * time.Minute)
	decided := submitted.Add(20 * time.Hour)
	if limit := w.now.Add(-time.Duration(30+i) * time.Minute); decided.After(limit) {
		decided = limit
	}
	if p.news > 0 {
		decided = w.now.Add(-time.Duration(p.news) * time.Hour)
		if submitted.After(decided) {
			submitted = decided.Add(-3 * time.Hour)
			written = submitted.Add(-40 * time.Minute)
		}
	}
	id := model.NewID(written)
	events := []planStep{{model.ActCreate, who, "", written}}
	var decidedBy, decidedAt, submittedAt any
	comment, actual := "", any(nil)
	add := func(kind model.PlanAction, actor, c string, t time.Time) {
		events = append(events, planStep{kind, actor, c, t})
	}
	if p.state != model.PlanDraft {
		submittedAt = ts(submitted)
		add(model.ActSubmit, who, "", submitted)
	}
	switch p.state {
	case model.PlanApproved, model.PlanDone:
		decidedBy, decidedAt, comment = w.staffID(p.decider), ts(decided), p.comment
		add(model.ActApprove, w.staffID(p.decider), p.comment, decided)
		if p.state == model.PlanDone {
			actual = p.actual
			recorded := at(end, 17, 20)
			if limit := w.now.Add(-15 * time.Minute); recorded.After(limit) {
				recorded = limit
			}
			add(model.ActRecord, who, "", recorded)
		}
	case model.PlanReturned:
		decidedBy, decidedAt, comment = w.staffID(p.decider), ts(decided), p.comment
		if p.revoked {
			add(model.ActApprove, w.staffID(p.decider), "", decided.Add(-3*time.Hour))
			add(model.ActRevoke, w.staffID(p.decider), p.comment, decided)
		} else {
			add(model.ActReturn, w.staffID(p.decider), p.comment, decided)
		}
	case model.PlanWithdrawn:
		add(model.ActWithdraw, who, p.comment, decided)
	}
	w.exec(`INSERT INTO plans (id, staff_id, municipality_id, department, state, target_kind, target_id, occurrence_start,
			title, category, purpose, start_date, end_date, minutes, actual_minutes, application, over_cap, over_cap_reason,
			decided_by, decided_at, comment, submitted_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, who, muni, model.NormalizeDepartment(dept), string(p.state), string(p.kind), target, nullableTime(occurrence),
		title, string(category), p.purpose, start.Format("2006-01-02"), end.Format("2006-01-02"), p.minutes, actual, p.apply,
		p.reason != "", p.reason, decidedBy, decidedAt, comment, submittedAt, ts(written), ts(events[len(events)-1].at))
	for k, e := range events {
		w.exec(`INSERT INTO plan_events (id, plan_id, actor_id, kind, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			model.NewID(e.at.Add(time.Duration(k)*time.Millisecond)), id, e.actor, string(e.kind), e.comment, ts(e.at))
	}
	// An approved call plan has sent its application to the poster.
	if p.kind == model.TargetCall && (p.state == model.PlanApproved || p.state == model.PlanDone) {
		w.exec(`INSERT OR IGNORE INTO call_applications (thread_id, staff_id, supervisor_agreed, comment, created_at) VALUES (?, ?, 1, ?, ?)`,
			target, who, p.apply, ts(decided))
	}
	// Only the news a trainer talks about is unread.
	if last := events[len(events)-1].at; p.news == 0 && p.state != model.PlanSubmitted {
		w.exec(`INSERT OR REPLACE INTO read_marks (staff_id, target_id, read_at) VALUES (?, ?, ?)`, who, id, ts(last))
	}
}

// planStep is one row of a plan's history.
type planStep struct {
	kind           model.PlanAction
	actor, comment string
	at             time.Time
}

// planTarget finds a plan's target: its id, title, category and, for an
// event, the occurrence the person answered (or the first).
func (w *demoWriter) planTarget(p demoPlan, who string) (string, string, model.Category, *time.Time) {
	var id, title, category string
	var occurrence *time.Time
	var err error
	switch p.kind {
	case model.TargetFree:
		return "", "", model.CategoryOther, nil
	case model.TargetCommunity:
		id = w.communityID[p.ref]
		err = w.tx.QueryRow(`SELECT name, category FROM communities WHERE id = ?`, id).Scan(&title, &category)
	case model.TargetCall, model.TargetIdea:
		err = w.tx.QueryRow(`SELECT id, title FROM threads WHERE title = ?`, p.ref).Scan(&id, &title)
		category = string(model.CategoryIdea)
		if p.kind == model.TargetCall {
			category = string(model.CategorySupport)
		}
	case model.TargetHandover:
		err = w.tx.QueryRow(`SELECT id, duty FROM handovers WHERE duty = ?`, p.ref).Scan(&id, &title)
		category = string(model.CategoryHandover)
	case model.TargetEvent:
		var start string
		err = w.tx.QueryRow(`SELECT e.id, e.title, c.category, coalesce(
				(SELECT r.occurrence_start FROM rsvps r WHERE r.event_id = e.id ORDER BY r.staff_id = ? DESC LIMIT 1), e.starts_at)
			FROM events e JOIN communities c ON c.id = e.community_id WHERE e.title = ?`, who, p.ref).Scan(&id, &title, &category, &start)
		if err == nil {
			t, perr := time.Parse("2006-01-02T15:04:05.000Z", start)
			occurrence, err = &t, perr
		}
	}
	if err != nil && w.err == nil {
		if err == sql.ErrNoRows {
			w.err = fmt.Errorf("seed: no %s %q for a plan", p.kind, p.ref)
		} else {
			w.err = err
		}
	}
	return id, title, model.Category(category), occurrence
}

func nullableTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}
