package seed

import (
	"database/sql"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"hiroba/model"
)

// The 20% rule at scale: a supervisor for every department of every
// municipality (and a second one in large sections), a 部長 for each
// division of a city; and plans over the year around now (nine months
// back, three ahead) by about a third of the staff, a few of them heavy
// users near the cap.

// scaleActivityBase is the number of plans at n=1: 2,700 people using
// the rule, about once a month.
const scaleActivityBase = 36000

var scaleFreeActivities = []struct{ title, purpose string }{
	{"庶務担当者の情報交換会", "照会回答の管理方法を他課と共有するため"},
	{"LoGoチャット活用勉強会", "課内の連絡手段を見直すため"},
	{"引き継ぎ書の作成", "担当業務の年間スケジュールをまとめるため"},
	{"新採職員のOJT支援", "新採職員の質問に答える時間を確保するため"},
	{"観光SNS発信の打ち合わせ", "広域圏の観光情報の発信方法を学ぶため"},
	{"ふるさと納税返礼品の検討会", "税外収入のアイデアを具体化するため"},
	{"避難所運営訓練の準備", "災害時の初動を経験者から学ぶため"},
	{"業務改善ワークショップ", "紙の回覧をなくす方法を検討するため"},
	{"他市町村の窓口見学", "窓口の待ち時間短縮の工夫を学ぶため"},
	{"メンター面談", "新採職員の相談に乗るため"},
}

var scalePurposes = []string{
	"他の自治体の取り組みを知るため", "自分の業務の改善に活かすため", "経験を共有するため",
	"若手職員の相談に乗るため", "企画力を身につけるため", "繁忙期の課を応援するため",
}

// activityRefs are the targets plans can name, read from what the
// earlier stages wrote.
type activityRefs struct {
	events    []eventRef
	calls     []titled
	ideas     []titled
	applied   map[string][]titled // staff id -> calls applied to
	handovers map[string][]titled // staff id -> notes as predecessor or successor
	byStaff   [][]int             // staff index -> communities they belong to
	names     map[string]string   // community id -> name
	category  map[string]model.Category
}

type titled struct{ id, title string }

type eventRef struct {
	titled
	community string
	start     time.Time
}

func (s *scaler) activityRefs(tx *sql.Tx) (*activityRefs, error) {
	r := &activityRefs{applied: map[string][]titled{}, handovers: map[string][]titled{}, byStaff: make([][]int, len(s.staff)),
		names: map[string]string{}, category: map[string]model.Category{}}
	for ci, c := range s.communities {
		for _, m := range c.members {
			r.byStaff[m] = append(r.byStaff[m], ci)
		}
	}
	scan := func(query string, row func(rs *sql.Rows) error) error {
		rows, err := tx.Query(query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := row(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err := scan(`SELECT id, name, category FROM communities`, func(rs *sql.Rows) error {
		var id, name string
		var category model.Category
		if err := rs.Scan(&id, &name, &category); err != nil {
			return err
		}
		r.names[id], r.category[id] = name, category
		return nil
	})
	if err == nil {
		err = scan(`SELECT id, title, community_id, starts_at FROM events WHERE twenty_percent = 1 AND rrule = '' AND cancelled_at IS NULL`, func(rs *sql.Rows) error {
			var e eventRef
			var start string
			if err := rs.Scan(&e.id, &e.title, &e.community, &start); err != nil {
				return err
			}
			var err error
			e.start, err = time.Parse("2006-01-02T15:04:05.000Z", start)
			r.events = append(r.events, e)
			return err
		})
	}
	if err == nil {
		err = scan(`SELECT id, title, kind FROM threads WHERE kind IN ('call', 'idea') AND deleted_at IS NULL`, func(rs *sql.Rows) error {
			var t titled
			var kind string
			if err := rs.Scan(&t.id, &t.title, &kind); err != nil {
				return err
			}
			if kind == string(model.KindCall) {
				r.calls = append(r.calls, t)
			} else {
				r.ideas = append(r.ideas, t)
			}
			return nil
		})
	}
	if err == nil {
		err = scan(`SELECT a.staff_id, t.id, t.title FROM call_applications a JOIN threads t ON t.id = a.thread_id`, func(rs *sql.Rows) error {
			var who string
			var t titled
			if err := rs.Scan(&who, &t.id, &t.title); err != nil {
				return err
			}
			r.applied[who] = append(r.applied[who], t)
			return nil
		})
	}
	if err == nil {
		err = scan(`SELECT id, duty, predecessor_id, coalesce(successor_id, '') FROM handovers`, func(rs *sql.Rows) error {
			var t titled
			var pred, succ string
			if err := rs.Scan(&t.id, &t.title, &pred, &succ); err != nil {
				return err
			}
			r.handovers[pred] = append(r.handovers[pred], t)
			if succ != "" {
				r.handovers[succ] = append(r.handovers[succ], t)
			}
			return nil
		})
	}
	return r, err
}

// scaleChart is the supervisors of one municipality, by scope.
type scaleChart map[string][]int

// writeActivity marks the supervisors and writes the plans, with its own
// random source so that the earlier stages stay as they were.
func (s *scaler) writeActivity() error {
	rng := rand.New(rand.NewPCG(0x32302525, 0x72756c65))
	var charts []scaleChart
	var scopeOf map[int]string
	err := s.db.Bulk(s.ctx, func(tx *sql.Tx) error {
		// A busy transaction runs again whole: start from nothing each time.
		charts = make([]scaleChart, len(s.muniIDs))
		scopeOf = map[int]string{}
		e := &execer{tx: tx}
		mark := func(i int, scope string) {
			if _, taken := scopeOf[i]; taken {
				return
			}
			scopeOf[i] = scope
			c := charts[s.staff[i].muni]
			c[scope] = append(c[scope], i)
			e.exec(`INSERT INTO supervisors (staff_id, municipality_id, scope, created_at) VALUES (?, ?, ?, ?)`,
				s.staff[i].id, s.muniIDs[s.staff[i].muni], scope, ts(s.now.AddDate(-1, 0, 0)))
		}
		for m, members := range s.byMuni {
			charts[m] = scaleChart{}
			bySection := map[string][]int{}
			var sections []string
			for _, i := range members {
				d := model.NormalizeDepartment(s.staff[i].department)
				if bySection[d] == nil {
					sections = append(sections, d)
				}
				bySection[d] = append(bySection[d], i)
			}
			for _, d := range sections {
				list := bySection[d]
				mark(list[0], d) // 課長
				if len(list) >= 12 {
					mark(list[1], d) // 課長補佐
				}
				if div := model.ParentScope(d); div != model.ScopeMunicipality && len(list) >= 3 {
					if _, ok := charts[m][div]; !ok {
						mark(list[2], div) // 部長, who sits in one of the division's sections
					}
				}
			}
		}
		return e.err
	})
	if err != nil {
		return err
	}
	var refs *activityRefs
	if err := s.db.Bulk(s.ctx, func(tx *sql.Tx) (err error) {
		refs, err = s.activityRefs(tx)
		return err
	}); err != nil {
		return err
	}

	decider := func(i int) int {
		c := charts[s.staff[i].muni]
		scope := model.DecidingScope(s.staff[i].department, scopeOf[i], func(scope string) bool {
			return slices.ContainsFunc(c[scope], func(j int) bool { return j != i })
		})
		for _, j := range c[scope] {
			if j != i {
				return j
			}
		}
		if i != 0 {
			return 0 // the first staff member administers a generated database
		}
		return -1
	}

	// Users: a third of the staff; one in twenty of them uses the rule a
	// lot and appears five times as often.
	var users []int
	for i := range s.staff {
		if rng.IntN(3) == 0 {
			users = append(users, i)
			if rng.IntN(20) == 0 {
				for k := 0; k < 4; k++ {
					users = append(users, i)
				}
			}
		}
	}
	if len(users) == 0 {
		users = []int{0}
	}
	today := model.Day(s.now, jst)
	from, to := today.AddDate(0, -9, 0), today.AddDate(0, 3, 0)
	var workdays []time.Time
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if model.WorkingDay(d) {
			workdays = append(workdays, d)
		}
	}
	total := max(1, int(math.Round(float64(scaleActivityBase)*float64(len(s.staff))/float64(scaleBase["staff"]))))
	return s.batches("活動計画", total, batchRows/4, []string{
		`INSERT INTO plans (id, staff_id, municipality_id, department, state, target_kind, target_id, occurrence_start,
			title, category, purpose, start_date, end_date, minutes, actual_minutes, application,
			decided_by, decided_at, comment, submitted_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)`,
		`INSERT INTO plan_events (id, plan_id, actor_id, kind, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
	}, func(e *execer, st []*sql.Stmt, _ int) {
		s.writePlan(e, st, rng, refs, pick(rng, users), workdays, today, decider)
	})
}

// writePlan writes one generated plan of staff member i and its history.
func (s *scaler) writePlan(e *execer, st []*sql.Stmt, rng *rand.Rand, refs *activityRefs, i int, workdays []time.Time, today time.Time, decider func(int) int) {
	who := s.staff[i]
	k := rng.IntN(len(workdays))
	start := workdays[k]
	span := 0
	if rng.IntN(10) == 0 {
		span = 1 + rng.IntN(3)
	}
	end := workdays[min(k+span, len(workdays)-1)]
	days := model.WorkingDays(start, end)
	minutes := min(15*(2+rng.IntN(15)), days*model.DefaultDailyMinutes)
	if span > 0 {
		minutes = min(minutes*(1+span), days*model.DefaultDailyMinutes)
	}

	// An event fixes the date; then the state follows the date: what has
	// passed is mostly done. Other targets come after the state, since an
	// approved application must be one the call lists.
	kind, target, title, category, purpose := model.TargetFree, "", "", model.CategoryOther, pick(rng, scalePurposes)
	var occurrence any
	y := rng.IntN(100)
	if y >= 30 && y < 45 && len(refs.events) > 0 {
		ev := pick(rng, refs.events)
		if day := model.Day(ev.start, jst); !day.Before(workdays[0]) && !day.After(workdays[len(workdays)-1]) && model.WorkingDay(day) {
			kind, target, title, occurrence = model.TargetEvent, ev.id, ev.title, ts(ev.start)
			category = refs.category[ev.community]
			start, end, minutes = day, day, min(minutes, model.DefaultDailyMinutes)
		}
	}
	state := scaleState(rng, end.Before(today))
	boss := decider(i)
	if boss < 0 && state != model.PlanDraft {
		state = model.PlanSubmitted
	}
	switch {
	case kind == model.TargetEvent:
	case y < 30 && len(refs.byStaff[i]) > 0:
		c := s.communities[pick(rng, refs.byStaff[i])]
		kind, target, title, category = model.TargetCommunity, c.id, refs.names[c.id], c.category
	case y >= 45 && y < 55:
		if state == model.PlanApproved || state == model.PlanDone {
			if list := refs.applied[who.id]; len(list) > 0 {
				t := pick(rng, list)
				kind, target, title, category = model.TargetCall, t.id, t.title, model.CategorySupport
			}
		} else if len(refs.calls) > 0 {
			if t := pick(rng, refs.calls); !slices.Contains(refs.applied[who.id], t) {
				kind, target, title, category = model.TargetCall, t.id, t.title, model.CategorySupport
			}
		}
	case y >= 55 && y < 65 && len(refs.ideas) > 0:
		t := pick(rng, refs.ideas)
		kind, target, title, category = model.TargetIdea, t.id, t.title, model.CategoryIdea
	case y >= 65 && y < 75 && len(refs.handovers[who.id]) > 0:
		t := pick(rng, refs.handovers[who.id])
		kind, target, title, category = model.TargetHandover, t.id, t.title, model.CategoryHandover
	}
	if kind == model.TargetFree {
		a := pick(rng, scaleFreeActivities)
		title, purpose = a.title, a.purpose
	}

	at := func(d time.Time, hh int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), hh, rng.IntN(60), 0, 0, jst).UTC()
	}
	written := at(start.AddDate(0, 0, -7-rng.IntN(14)), 9+rng.IntN(8))
	if latest := s.now.Add(-4 * time.Hour); written.After(latest) {
		written = latest.Add(-time.Duration(rng.IntN(72)) * time.Hour)
	}
	submitted := written.Add(time.Duration(5+rng.IntN(120)) * time.Minute)
	decided := submitted.Add(time.Duration(1+rng.IntN(48)) * time.Hour)
	if decided.After(s.now) {
		decided = s.now.Add(-time.Minute)
	}
	id := model.NewID(written)
	actor := who.id
	var steps []planStep
	step := func(kind model.PlanAction, by, comment string, t time.Time) {
		steps = append(steps, planStep{kind, by, comment, t})
	}
	step(model.ActCreate, actor, "", written)
	var decidedBy, decidedAt, submittedAt, actual any
	comment, last := "", written
	if state != model.PlanDraft {
		submittedAt, last = ts(submitted), submitted
		step(model.ActSubmit, actor, "", submitted)
	}
	switch state {
	case model.PlanApproved, model.PlanDone, model.PlanReturned:
		boss := s.staff[boss].id
		decidedBy, decidedAt, last = boss, ts(decided), decided
		if state == model.PlanReturned {
			comment = pick(rng, []string{"繁忙期のため、来月にしてください。", "通常業務と重なるため、日程を変えてください。", "目的をもう少し具体的に書いてください。"})
			step(model.ActReturn, boss, comment, decided)
		} else {
			step(model.ActApprove, boss, "", decided)
		}
		if state == model.PlanDone {
			done := max(15, minutes-15*rng.IntN(3))
			actual = done
			last = at(end, 17)
			if last.After(s.now) {
				last = s.now.Add(-time.Minute)
			}
			step(model.ActRecord, actor, "", last)
		}
	case model.PlanWithdrawn:
		last = decided
		step(model.ActWithdraw, actor, "", decided)
	}
	e.stmt(st[0], id, who.id, s.muniIDs[who.muni], model.NormalizeDepartment(who.department), string(state), string(kind), target, occurrence,
		title, string(category), purpose, start.Format("2006-01-02"), end.Format("2006-01-02"), minutes, actual,
		decidedBy, decidedAt, comment, submittedAt, ts(written), ts(last))
	for _, p := range steps {
		e.stmt(st[1], model.NewID(p.at), id, p.actor, string(p.kind), p.comment, ts(p.at))
	}
}

// scaleStates are the shares, in percent, of the states of plans whose
// days have passed (mostly done) and of plans to come (mostly approved
// or waiting).
var scaleStates = map[bool][]struct {
	percent int
	state   model.PlanState
}{
	true: {{80, model.PlanDone}, {6, model.PlanApproved}, {5, model.PlanReturned}, {5, model.PlanWithdrawn},
		{2, model.PlanSubmitted}, {2, model.PlanDraft}},
	false: {{55, model.PlanApproved}, {25, model.PlanSubmitted}, {10, model.PlanDraft}, {5, model.PlanReturned},
		{5, model.PlanWithdrawn}},
}

// scaleState draws a plan's state by scaleStates.
func scaleState(rng *rand.Rand, past bool) model.PlanState {
	x := rng.IntN(100)
	for _, s := range scaleStates[past] {
		if x < s.percent {
			return s.state
		}
		x -= s.percent
	}
	return model.PlanDraft
}
