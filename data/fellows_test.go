package data_test

import (
	"context"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// fellowWorld is a programme with its administrator (人事課, the first
// staff member, so the database's administrator), two juniors and three
// seniors, all with topics.
type fellowWorld struct {
	db                   *data.DB
	hr                   *model.Staff // 人事課, administrator
	aoi, yui             *model.Staff // juniors
	ken, rie, tomo, sato *model.Staff // seniors
	programme            *model.Programme
}

func topics(labels ...string) *model.Profile {
	p := &model.Profile{}
	for _, l := range labels {
		p.Topics = append(p.Topics, model.Topic{Kind: model.TopicWork, Label: l})
	}
	return p
}

// newFellowWorld gives the test a copy of one fellowWorld.
var newFellowWorld = worldTemplate(func(t testing.TB, db *data.DB) (*fellowWorld, *clock) {
	c := testClock(db)
	w := &fellowWorld{db: db}
	w.hr = MustCreateStaff(t, db, "佐久間 正樹", koriyama, "総務部 人事課")
	w.aoi = MustCreateStaff(t, db, "高野 葵", koriyama, "財務部 財政課")
	w.yui = MustCreateStaff(t, db, "国分 結衣", sukagawa, "市民課")
	w.ken = MustCreateStaff(t, db, "渡部 健太", koriyama, "財務部 財政課") // aoi's department
	w.rie = MustCreateStaff(t, db, "安斎 理恵", nihonmatsu, "DX戦略課")
	w.tomo = MustCreateStaff(t, db, "根本 智之", miharu, "税務課")
	w.sato = MustCreateStaff(t, db, "佐藤 舞", inawashiro, "総務課") // invited, never answers
	mustSaveProfile(t, db, w.aoi, topics("予算要求", "LoGoチャット"))
	mustSaveProfile(t, db, w.yui, topics("住民税"))
	mustSaveProfile(t, db, w.ken, topics("予算要求", "LoGoチャット"))
	mustSaveProfile(t, db, w.rie, topics("LoGoチャット"))
	mustSaveProfile(t, db, w.tomo, topics("住民税"))
	w.programme = &model.Programme{Kind: model.ProgrammeFellow, Title: "新規採用職員フェロー制度", FiscalYear: 2026, Cap: 1}
	if err := db.CreateProgramme(as(w.hr), w.programme, []string{w.aoi.ID, w.yui.ID}); err != nil {
		t.Fatal(err)
	}
	if err := db.InviteFellows(as(w.hr), w.programme.ID, []string{w.ken.ID, w.rie.ID, w.tomo.ID, w.sato.ID}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*model.Staff{w.ken, w.rie, w.tomo} {
		if err := db.AnswerInvitation(as(s), w.programme.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	return w, c
}, func(w *fellowWorld, db *data.DB, _ *clock) *fellowWorld {
	c := *w
	c.db = db
	for _, s := range []**model.Staff{&c.hr, &c.aoi, &c.yui, &c.ken, &c.rie, &c.tomo, &c.sato} {
		own := **s
		*s = &own
	}
	programme := *c.programme
	c.programme = &programme
	return &c
})

// confirmed proposes, confirms and returns the pairs by junior id.
func (w *fellowWorld) confirmed(t *testing.T) map[string]model.Pair {
	t.Helper()
	if _, err := w.db.Propose(as(w.hr), w.programme.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.ConfirmPairs(as(w.hr), w.programme.ID); err != nil {
		t.Fatal(err)
	}
	pairs, err := w.db.Pairs(as(w.hr), w.programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Pair{}
	for _, x := range pairs {
		out[x.Junior.ID] = x
	}
	return out
}

func wantErrKey(t *testing.T, err error, key string) {
	t.Helper()
	var e *model.Error
	if !errorsAs(err, &e) || e.Key != key {
		t.Fatalf("err %v, want %s", err, key)
	}
}

func TestProgramme(t *testing.T) {
	t.Parallel()
	w := newFellowWorld(t)
	db := w.db
	t.Run("ErrNotAdministrator", func(t *testing.T) {
		p := &model.Programme{Kind: model.ProgrammeMentor, Title: "メンター制度", FiscalYear: 2026, Cap: 2}
		wantErrKey(t, db.CreateProgramme(as(w.ken), p, nil), "err.programme.admin")
		_, err := db.Propose(as(w.ken), w.programme.ID)
		wantErrKey(t, err, "err.programme.admin")
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		wantErrKey(t, db.CreateProgramme(as(w.hr), &model.Programme{Kind: "buddy", Title: "x", FiscalYear: 2026, Cap: 1}, nil), "err.programme.kind")
		wantErrKey(t, db.CreateProgramme(as(w.hr), &model.Programme{Kind: model.ProgrammeMentor, Title: "x", FiscalYear: 2020, Cap: 1}, nil), "err.programme.year")
		wantErrKey(t, db.CreateProgramme(as(w.hr), &model.Programme{Kind: model.ProgrammeMentor, Title: "x", FiscalYear: 2026, Cap: 9}, nil), "err.programme.cap")
		wantErrKey(t, db.InviteFellows(as(w.hr), w.programme.ID, []string{w.aoi.ID}), "err.programme.both")
	})
	t.Run("FellowsCommunity", func(t *testing.T) {
		c, err := db.CommunityByID(as(w.rie), w.programme.CommunityID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Visibility != model.VisibilityMembers || !strings.Contains(c.Name, "フェロー同士") || c.MemberCount != 4 {
			t.Fatalf("community %+v, want members-only フェロー同士 with the administrator and three fellows", c)
		}
		if _, err := db.CommunityByID(as(w.aoi), w.programme.CommunityID); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("a junior sees the fellows' community: %v", err)
		}
		if _, err := db.CommunityByID(as(w.sato), w.programme.CommunityID); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("an invited senior who has not accepted sees it: %v", err)
		}
	})
	t.Run("ProgrammesVisibleToMembers", func(t *testing.T) {
		outsider := MustCreateStaff(t, db, "部外 者", sukagawa, "建設課")
		for _, c := range []struct {
			who  *model.Staff
			want int
		}{{w.hr, 1}, {w.aoi, 1}, {w.sato, 1}, {outsider, 0}} {
			ps, err := db.Programmes(as(c.who))
			if err != nil || len(ps) != c.want {
				t.Errorf("%s sees %d programmes (%v), want %d", c.who.Name, len(ps), err, c.want)
			}
		}
		if _, err := db.ProgrammeByID(as(outsider), w.programme.ID); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("outsider: %v", err)
		}
	})
	t.Run("InvitedSeesTheirAnswer", func(t *testing.T) {
		for _, c := range []struct {
			who  *model.Staff
			want string
		}{{w.sato, model.InvitationPending}, {w.rie, model.InvitationAccepted}, {w.aoi, ""}, {w.hr, ""}} {
			ps, err := db.Programmes(as(c.who))
			if err != nil || len(ps) != 1 || ps[0].Invitation != c.want {
				t.Errorf("%s: %+v %v, want invitation %q", c.who.Name, ps, err, c.want)
			}
		}
		if err := db.AnswerInvitation(as(w.sato), w.programme.ID, false); err != nil {
			t.Fatal(err)
		}
		p, err := db.ProgrammeByID(as(w.sato), w.programme.ID)
		if err != nil || p.Invitation != model.InvitationDeclined {
			t.Fatalf("after declining: %+v %v", p, err)
		}
	})
}

func TestPropose(t *testing.T) {
	t.Parallel()
	w := newFellowWorld(t)
	db := w.db
	prop, err := db.Propose(as(w.hr), w.programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range prop.Pairs {
		got[x.Junior.Name] = x.Fellow.Name
		if x.Status != model.PairProposed {
			t.Errorf("%+v: want proposed", x)
		}
	}
	// 渡部 shares both of 高野's topics but is of her department.
	if got["高野 葵"] != "安斎 理恵" || got["国分 結衣"] != "根本 智之" {
		t.Fatalf("pairs %v", got)
	}
	f := prop.Fairness
	if f.Paired != 2 || f.Unpaired != 0 || f.WithShared != 2 || f.FellowLoadMax != 1 || f.CrossMunicipality != 2 || len(f.Municipalities) != 3 {
		t.Errorf("fairness %+v", f)
	}

	t.Run("ErrManualPairs", func(t *testing.T) {
		_, err := db.PairJunior(as(w.hr), w.programme.ID, w.aoi.ID, w.ken.ID)
		wantErrKey(t, err, "err.pair.department")
		_, err = db.PairJunior(as(w.hr), w.programme.ID, w.aoi.ID, w.aoi.ID)
		wantErrKey(t, err, "err.pair.self")
		_, err = db.PairJunior(as(w.hr), w.programme.ID, w.aoi.ID, w.sato.ID)
		wantErrKey(t, err, "err.pair.not_fellow")
		_, err = db.PairJunior(as(w.hr), w.programme.ID, w.ken.ID, w.rie.ID)
		wantErrKey(t, err, "err.pair.not_junior")
		_, err = db.PairJunior(as(w.hr), w.programme.ID, w.aoi.ID, w.tomo.ID) // tomo has yui, cap 1
		wantErrKey(t, err, "err.pair.cap")
		pairs, _ := db.Pairs(as(w.hr), w.programme.ID)
		if len(pairs) != 2 || pairs[0].Status != model.PairProposed || pairs[1].Status != model.PairProposed {
			t.Fatalf("pairs %+v: nothing should change", pairs)
		}
	})
	t.Run("SwapFixAndProposeAgain", func(t *testing.T) {
		pairs, _ := db.Pairs(as(w.hr), w.programme.ID)
		if err := db.SwapFellows(as(w.hr), pairs[0].ID, pairs[1].ID); err != nil {
			t.Fatal(err)
		}
		prop, err := db.Propose(as(w.hr), w.programme.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range prop.Pairs {
			if x.Status != model.PairFixed || x.Junior.ID == w.aoi.ID && x.Fellow.ID != w.tomo.ID {
				t.Errorf("%+v: a swap is kept through the next proposal", x)
			}
		}
		if err := db.Unpair(as(w.hr), prop.Pairs[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := db.FixPair(as(w.hr), prop.Pairs[1].ID, false); err != nil {
			t.Fatal(err)
		}
		prop, err = db.Propose(as(w.hr), w.programme.ID)
		if err != nil || len(prop.Pairs) != 2 {
			t.Fatalf("after unpairing, %d pairs (%v), want both juniors paired again", len(prop.Pairs), err)
		}
	})
	t.Run("ErrConfirmAfterTransfer", func(t *testing.T) {
		// 安斎 is moved into 高野's department before confirmation.
		MustExec(t, db, `UPDATE staff SET municipality_id = ?, department = ? WHERE id = ?`, koriyama, "財務部　財政課", w.rie.ID)
		prop, _ := db.Propose(as(w.hr), w.programme.ID) // proposes around it
		for _, x := range prop.Pairs {
			if x.Junior.ID == w.aoi.ID && x.Fellow.ID == w.rie.ID {
				t.Fatalf("proposed %+v across one department", x)
			}
		}
		if _, err := db.PairJunior(as(w.hr), w.programme.ID, w.yui.ID, w.rie.ID); err != nil {
			t.Fatal(err)
		}
		// Now force the broken pair in, as an older hiroba might have.
		MustExec(t, db, `UPDATE fellow_pairs SET fellow_id = ? WHERE junior_id = ? AND status <> 'ended'`, w.rie.ID, w.aoi.ID)
		MustExec(t, db, `UPDATE fellow_pairs SET fellow_id = ? WHERE junior_id = ? AND status <> 'ended'`, w.tomo.ID, w.yui.ID)
		_, err := db.ConfirmPairs(as(w.hr), w.programme.ID)
		wantErrKey(t, err, "err.pair.department")
		pairs, _ := db.Pairs(as(w.hr), w.programme.ID)
		for _, x := range pairs {
			if x.Status == model.PairConfirmed {
				t.Fatalf("%+v confirmed: one broken pair confirms none", x)
			}
		}
	})
}

func TestProgrammeClose(t *testing.T) {
	t.Parallel()
	w := newFellowWorld(t)
	pairs := w.confirmed(t)
	if len(pairs) != 2 {
		t.Fatalf("pairs %+v", pairs)
	}
	if err := w.db.CloseProgramme(as(w.hr), w.programme.ID); err != nil {
		t.Fatal(err)
	}
	mine, err := w.db.MyPairs(as(w.aoi))
	if err != nil || len(mine) != 1 || mine[0].Status != model.PairEnded || mine[0].EndedBy != model.EndedByProgramme {
		t.Fatalf("pairs %+v %v, want ended with the programme", mine, err)
	}
	_, err = w.db.Propose(as(w.hr), w.programme.ID)
	wantErrKey(t, err, "err.programme.closed")
	_, err = w.db.PostPairMessage(as(w.aoi), mine[0].ID, "まだ話せますか")
	wantErrKey(t, err, "err.pair.ended")
	if msgs, err := w.db.PairMessages(as(w.aoi), mine[0].ID, 0, 0); err != nil || len(msgs) != 0 {
		t.Fatalf("the two can still read their thread: %v", err)
	}
}

func TestEndPair(t *testing.T) {
	t.Parallel()
	w := newFellowWorld(t)
	pairs := w.confirmed(t)
	x := pairs[w.aoi.ID]
	wantErrKey(t, w.db.EndPair(as(w.aoi), x.ID, "  "), "err.pair.reason")
	if err := w.db.EndPair(as(w.tomo), x.ID, "異動のため"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("another pair's fellow ends it: %v", err)
	}
	if err := w.db.EndPair(asID(x.Fellow.ID), x.ID, "業務多忙で時間が取れないため"); err != nil {
		t.Fatal(err)
	}
	stats, err := w.db.ProgrammeStats(as(w.hr), w.programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stats {
		if s.PairID == x.ID && (s.EndedBy != model.RoleFellow || s.EndReason != "業務多忙で時間が取れないため") {
			t.Fatalf("stat %+v, want the reason for the administrator", s)
		}
	}
	wantErrKey(t, w.db.EndPair(as(w.hr), x.ID, "重ねて"), "err.pair.ended")
	if err := w.db.EndPair(as(w.hr), pairs[w.yui.ID].ID, "本人の希望"); err != nil {
		t.Fatalf("an administrator ends a pair: %v", err)
	}
}

// asID acts as the staff member with this id.
func asID(id string) context.Context { return model.WithViewer(context.Background(), id) }

// A pair that ended is not proposed again in the same programme: whoever
// ended it, the junior is offered someone else, or nobody.
func TestProposeAfterAPairEnded(t *testing.T) {
	t.Parallel()
	w := newFellowWorld(t)
	pairs := w.confirmed(t)
	x := pairs[w.aoi.ID]
	if x.Fellow.ID != w.rie.ID {
		t.Fatalf("高野's fellow is %s, want 安斎", x.Fellow.Name)
	}
	if err := w.db.EndPair(as(w.aoi), x.ID, "相談の時間が合わないため"); err != nil {
		t.Fatal(err)
	}
	prop, err := w.db.Propose(as(w.hr), w.programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range prop.Pairs {
		if p.Junior.ID == w.aoi.ID {
			t.Fatalf("proposed %s again to 高野 after their pair ended", p.Fellow.Name)
		}
	}
	// 渡部 is of her department and 根本 has his one junior: nobody is left.
	if len(prop.Unpaired) != 1 || prop.Unpaired[0].ID != w.aoi.ID {
		t.Fatalf("unpaired %+v, want 高野", prop.Unpaired)
	}
	// An administrator may still pair them again by hand.
	if _, err := w.db.PairJunior(as(w.hr), w.programme.ID, w.aoi.ID, w.rie.ID); err != nil {
		t.Fatalf("pairing by hand: %v", err)
	}
}

// A supervisor over a junior is never their fellow, though of another
// department and sharing every topic: not proposed, not paired by hand,
// and a pair that became one (the fellow marked supervisor afterwards)
// is not confirmed.
func TestPairingKeepsSupervisorsOut(t *testing.T) {
	t.Parallel()
	w := newFellowWorld(t)
	db := w.db
	// 財務部長: of 財務部, not of 高野's 財務部 財政課, and over it.
	bucho := MustCreateStaff(t, db, "大槻 浩二", koriyama, "財務部")
	mustSaveProfile(t, db, bucho, topics("予算要求", "LoGoチャット"))
	if err := db.SetSupervisor(as(w.hr), bucho.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.InviteFellows(as(w.hr), w.programme.ID, []string{bucho.ID}); err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerInvitation(as(bucho), w.programme.ID, true); err != nil {
		t.Fatal(err)
	}
	prop, err := db.Propose(as(w.hr), w.programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range prop.Pairs {
		got[p.Junior.ID] = p.Fellow.ID
	}
	if got[w.aoi.ID] == bucho.ID || got[w.aoi.ID] != w.rie.ID {
		t.Fatalf("高野's fellow %q, want 安斎 (大槻 is her 部長)", got[w.aoi.ID])
	}
	// 国分 of 須賀川市 is not in his line: he may be hers.
	if _, err := db.PairJunior(as(w.hr), w.programme.ID, w.yui.ID, bucho.ID); err != nil {
		t.Fatalf("a supervisor of another municipality's junior: %v", err)
	}
	_, err = db.PairJunior(as(w.hr), w.programme.ID, w.aoi.ID, bucho.ID)
	wantErrKey(t, err, "err.pair.supervisor")

	// 安斎 becomes supervisor of the whole of 郡山市 after the proposal:
	// the pair she is in no longer confirms.
	MustExec(t, db, `UPDATE staff SET municipality_id = ?, department = ? WHERE id = ?`, koriyama, "市長公室", w.rie.ID)
	if err := db.SetSupervisor(as(w.hr), w.rie.ID, true, model.ScopeMunicipality); err != nil {
		t.Fatal(err)
	}
	_, err = db.ConfirmPairs(as(w.hr), w.programme.ID)
	wantErrKey(t, err, "err.pair.supervisor")
}
