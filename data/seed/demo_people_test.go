package seed_test

import (
	"context"
	"strings"
	"testing"

	"hiroba/data/seed"
	"hiroba/model"
)

func TestDemoPeople(t *testing.T) {
	t.Parallel()
	db, aoi := mustOpenDemo(t)
	checkNoMismatches(t, db)
	c := mustCounts(t, db)
	if c["staff_profiles"] < 20 || c["staff_profiles.hidden"] != 1 || c["fellow_pairs.confirmed"] != 5 || c["fellow_pairs.ended"] != 1 || c["pair_messages"] == 0 {
		t.Fatalf("counts %v", c)
	}
	ctx := model.WithViewer(context.Background(), aoi)

	t.Run("PeopleSearch", func(t *testing.T) {
		for _, q := range []struct {
			text string
			min  int
		}{{"税務課 経験", 3}, {"育休", 4}, {"LoGoチャット", 4}, {"災害対応", 3}} {
			ms, err := db.SearchPeople(ctx, model.PeopleQuery{Text: q.text})
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) < q.min {
				t.Errorf("%q found %d, want at least %d for a demo", q.text, len(ms), q.min)
			}
			for _, m := range ms {
				if m.Staff.Name == "佐藤 舞" {
					t.Errorf("%q found the hidden profile", q.text)
				}
			}
		}
	})
	t.Run("SignInHasAPair", func(t *testing.T) {
		pairs, err := db.MyPairs(ctx)
		if err != nil || len(pairs) != 1 || pairs[0].Status != model.PairConfirmed {
			t.Fatalf("pairs %+v %v", pairs, err)
		}
		msgs, err := db.PairMessages(ctx, pairs[0].ID, 0, 0)
		if err != nil || len(msgs) < 4 {
			t.Fatalf("%d messages %v", len(msgs), err)
		}
		meetings, err := db.PairMeetings(ctx, pairs[0].ID)
		if err != nil || len(meetings) < 4 || !meetings[len(meetings)-1].Start.After(now) {
			t.Fatalf("meetings %+v %v, want regular ones and the next ahead", meetings, err)
		}
	})
	t.Run("AdministratorSeesEveryState", func(t *testing.T) {
		admin, err := db.StaffByIDOrName(ctx, "佐久間 正樹")
		if err != nil {
			t.Fatal(err)
		}
		actx := model.WithViewer(context.Background(), admin.ID)
		ps, err := db.Programmes(actx)
		if err != nil || len(ps) != 1 {
			t.Fatalf("programmes %+v %v", ps, err)
		}
		stats, err := db.ProgrammeStats(actx, ps[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		states := map[string]int{}
		for _, s := range stats {
			switch {
			case s.Status == model.PairEnded && s.EndReason != "":
				states["ended"]++
			case s.Lapsed:
				states["lapsed"]++
			case s.Meetings >= 4:
				states["regular"]++
			case s.Meetings == 0:
				states["new"]++
			}
		}
		if states["ended"] != 1 || states["lapsed"] != 1 || states["regular"] != 3 || states["new"] != 1 {
			t.Fatalf("states %v", states)
		}
		var names []string
		for _, s := range stats {
			names = append(names, s.Junior.Name+"-"+s.Fellow.Name)
		}
		if !strings.Contains(strings.Join(names, ","), "高野 葵-関根 隆") {
			t.Errorf("pairs %v", names)
		}
	})
}

func TestScalePeople(t *testing.T) {
	t.Parallel()
	db := mustOpenDB(t)
	if err := seed.ScalePeople(context.Background(), db, 0.05, now); err != nil {
		t.Fatal(err)
	}
	checkNoMismatches(t, db)
	c := mustCounts(t, db)
	if c["staff"] != 400 || c["staff_profiles"] < 250 || c["staff_profiles"] > 350 || c["staff_history"] < c["staff_profiles"] || c["threads"] != 0 {
		t.Fatalf("counts %v, want about three in four of 400 staff with profiles and histories", c)
	}
}
