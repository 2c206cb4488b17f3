package data_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// activityWorld is a small city hall for the 20% rule. In 郡山市 財務部,
// 財政課 has a 課長 and a 課長補佐 (both supervisors of the section) and
// two staff; the 部長 supervises the whole 財務部, where 契約検査課 has no
// supervisor of its own. 人事課 has a supervisor and is where 人事 works,
// the first staff member and so the administrator. 須賀川市 has no
// supervisor at all.
type activityWorld struct {
	db    *data.DB
	clock *clock

	jinji    *model.Staff // 総務部 人事課: administrator
	jinjiKa  *model.Staff // 総務部 人事課 課長: supervisor of 人事課
	bucho    *model.Staff // 財務部長: supervisor of 財務部
	kacho    *model.Staff // 財政課長
	hosa     *model.Staff // 財政課長補佐: a second supervisor of 財政課
	aoi      *model.Staff // 財政課
	ken      *model.Staff // 財政課
	keiyaku  *model.Staff // 財務部 契約検査課: no section supervisor
	suka     *model.Staff // 須賀川市 総務課: nobody supervises
	outsider *model.Staff // 三春町
}

// clock is a database clock a test can move; every reading advances it
// a second, so that every write has its own time.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) read() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Second)
	return c.now
}

// set moves the clock to a date at 09:00 in Japan.
func (c *clock) set(d time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, tokyo)
}

// newActivityWorld gives the test a copy of one activityWorld.
var newActivityWorld = worldTemplate(buildActivityWorld, func(w *activityWorld, db *data.DB, c *clock) *activityWorld {
	own := *w
	own.db, own.clock = db, c
	for _, s := range []**model.Staff{&own.jinji, &own.jinjiKa, &own.bucho, &own.kacho, &own.hosa, &own.aoi, &own.ken, &own.keiyaku, &own.suka, &own.outsider} {
		staff := **s
		*s = &staff
	}
	return &own
})

func buildActivityWorld(t testing.TB, db *data.DB) (*activityWorld, *clock) {
	c := &clock{}
	c.set(model.Date(2027, 4, 5)) // Monday 5 April 2027
	db.Now = c.read
	w := &activityWorld{db: db, clock: c}
	w.jinji = MustCreateStaff(t, db, "人見 仁", koriyama, "総務部 人事課")
	w.jinjiKa = MustCreateStaff(t, db, "石川 誠", koriyama, "総務部 人事課")
	w.bucho = MustCreateStaff(t, db, "大槻 浩二", koriyama, "財務部")
	w.kacho = MustCreateStaff(t, db, "熊谷 剛", koriyama, "財務部 財政課")
	w.hosa = MustCreateStaff(t, db, "木村 恵", koriyama, "財務部　財政課") // typed with an ideographic space
	w.aoi = MustCreateStaff(t, db, "高野 葵", koriyama, "財務部 財政課")
	w.ken = MustCreateStaff(t, db, "鈴木 健", koriyama, "財務部 財政課")
	w.keiyaku = MustCreateStaff(t, db, "渡辺 翼", koriyama, "財務部 契約検査課")
	w.suka = MustCreateStaff(t, db, "矢吹 大地", sukagawa, "総務課")
	w.outsider = MustCreateStaff(t, db, "三浦 七海", miharu, "保健福祉課")
	admin := as(w.jinji)
	for _, s := range []*model.Staff{w.jinjiKa, w.bucho, w.kacho, w.hosa} {
		if err := db.SetSupervisor(admin, s.ID, true, ""); err != nil {
			t.Fatal(err)
		}
	}
	return w, c
}

// freePlan returns a sound free-text plan of minutes on one date.
func freePlan(title string, d time.Time, minutes int) *model.Plan {
	return &model.Plan{Target: model.PlanTarget{Kind: model.TargetFree}, Title: title,
		Purpose: "庁内の照会回答の管理方法を学ぶため", Start: d, Minutes: minutes}
}

// mustSubmit creates and submits a plan as s.
func (w *activityWorld) mustSubmit(t *testing.T, s *model.Staff, p *model.Plan) *model.Plan {
	t.Helper()
	if err := w.db.CreatePlan(as(s), p, true); err != nil {
		t.Fatal(err)
	}
	return p
}

// mustApprove submits a plan as s and has decider approve it.
func (w *activityWorld) mustApprove(t *testing.T, s, decider *model.Staff, p *model.Plan) *model.Plan {
	t.Helper()
	w.mustSubmit(t, s, p)
	if err := w.db.ApprovePlan(as(decider), p.ID, model.Decision{}); err != nil {
		t.Fatal(err)
	}
	return p
}

func (w *activityWorld) plan(t *testing.T, ctx context.Context, id string) *model.Plan {
	t.Helper()
	p, err := w.db.PlanByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// wantKey fails unless err is a model.Error with the code and key.
func wantKey(tb testing.TB, err error, code, key string) {
	tb.Helper()
	var e *model.Error
	if !errors.As(err, &e) || e.Code != code || e.Key != key {
		tb.Fatalf("error %#v, want %s %s", err, code, key)
	}
}

func staffNames(staff []model.Staff) string {
	var out []string
	for _, s := range staff {
		out = append(out, s.Name)
	}
	return strings.Join(out, ", ")
}
