package model_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"hiroba/model"
)

func cand(id, muni, dept string, topics ...string) model.MatchCandidate {
	c := model.MatchCandidate{ID: id, Name: id, MunicipalityID: muni, Municipality: muni, Department: dept}
	for _, t := range topics {
		c.Topics = append(c.Topics, model.Topic{Kind: model.TopicWork, Label: t})
	}
	return c
}

func pairsByJunior(pairs []model.MatchedPair) map[string]string {
	out := map[string]string{}
	for _, p := range pairs {
		out[p.JuniorID] = p.FellowID
	}
	return out
}

func TestProposePairs(t *testing.T) {
	t.Run("SharedTopicsWin", func(t *testing.T) {
		pairs, unpaired := model.ProposePairs(model.MatchInput{
			Juniors: []model.MatchCandidate{cand("j1", "郡山市", "財政課", "固定資産税", "LoGoチャット")},
			Fellows: []model.MatchCandidate{
				cand("f1", "須賀川市", "市民課", "育休取得"),
				cand("f2", "田村市", "総務課", "ＬｏＧｏチャット", "固定資産税"),
			},
			Cap: 2,
		})
		if len(unpaired) != 0 || pairsByJunior(pairs)["j1"] != "f2" {
			t.Fatalf("pairs %+v unpaired %v, want j1 with f2 (two shared topics)", pairs, unpaired)
		}
		if got := pairs[0].Shared; len(got) != 2 {
			t.Errorf("shared %v, want both topics, full-width letters folded", got)
		}
	})
	t.Run("MorePairedBeforeMoreShared", func(t *testing.T) {
		// j1 would rather have f1, but f1 is j2's only possible fellow.
		pairs, unpaired := model.ProposePairs(model.MatchInput{
			Juniors: []model.MatchCandidate{
				cand("j1", "郡山市", "財政課", "税"),
				cand("j2", "郡山市", "観光課", "税"),
			},
			Fellows: []model.MatchCandidate{
				cand("f1", "郡山市", "税務課", "税"),
				cand("f2", "郡山市", "観光課"),
			},
			Cap: 1,
		})
		got := pairsByJunior(pairs)
		if len(unpaired) != 0 || got["j1"] != "f2" || got["j2"] != "f1" {
			t.Fatalf("pairs %v unpaired %v, want j1-f2 and j2-f1", got, unpaired)
		}
	})
	t.Run("HardRules", func(t *testing.T) {
		junior := cand("j1", "郡山市", "財務部 財政課", "予算")
		junior.ReportingLine = []string{"boss"}
		pairs, unpaired := model.ProposePairs(model.MatchInput{
			Juniors: []model.MatchCandidate{junior},
			Fellows: []model.MatchCandidate{
				cand("j1", "須賀川市", "x", "予算"),
				cand("same", "郡山市", "財務部　財政課", "予算"),
				cand("boss", "郡山市", "財務部", "予算"),
			},
			Cap: 3,
		})
		if len(pairs) != 0 || len(unpaired) != 1 {
			t.Fatalf("pairs %+v, want none: self, same department and supervisor are all refused", pairs)
		}
	})
	t.Run("NotTheFellowOfAnEndedPair", func(t *testing.T) {
		// f1 shares the junior's topic, but their pair ended.
		pairs, unpaired := model.ProposePairs(model.MatchInput{
			Juniors: []model.MatchCandidate{cand("j1", "郡山市", "財政課", "予算"), cand("j2", "郡山市", "観光課", "予算")},
			Fellows: []model.MatchCandidate{cand("f1", "須賀川市", "市民課", "予算"), cand("f2", "田村市", "総務課")},
			Cap:     2,
			Ended:   map[string][]string{"j1": {"f1"}},
		})
		got := pairsByJunior(pairs)
		if len(unpaired) != 0 || got["j1"] != "f2" || got["j2"] != "f1" {
			t.Fatalf("pairs %v unpaired %v, want j1-f2 (not f1 again) and j2-f1", got, unpaired)
		}
	})
	t.Run("CapCountsExistingLoad", func(t *testing.T) {
		pairs, unpaired := model.ProposePairs(model.MatchInput{
			Juniors: []model.MatchCandidate{cand("j1", "a", "x"), cand("j2", "a", "x")},
			Fellows: []model.MatchCandidate{cand("f1", "b", "y")},
			Cap:     2,
			Load:    map[string]int{"f1": 1},
		})
		if len(pairs) != 1 || len(unpaired) != 1 {
			t.Fatalf("pairs %+v unpaired %v, want one: f1 has one place left", pairs, unpaired)
		}
	})
	t.Run("LoadSpreads", func(t *testing.T) {
		pairs, _ := model.ProposePairs(model.MatchInput{
			Juniors: []model.MatchCandidate{cand("j1", "a", "x"), cand("j2", "a", "x")},
			Fellows: []model.MatchCandidate{cand("f1", "b", "y"), cand("f2", "c", "z")},
			Cap:     2,
		})
		got := pairsByJunior(pairs)
		if got["j1"] == got["j2"] {
			t.Fatalf("pairs %v, want the two juniors with two fellows", got)
		}
	})
}

// generated returns n people over a few municipalities and departments,
// with topics drawn from a small list so that some are shared.
func generated(rng *rand.Rand, prefix string, n int) []model.MatchCandidate {
	munis := []string{"郡山市", "須賀川市", "田村市", "本宮市", "三春町", "小野町"}
	depts := []string{"財政課", "税務課", "市民課", "総務課", "観光課", "保育課", "道路河川課", "人事課"}
	topics := []string{"固定資産税", "住民税", "予算要求", "LoGoチャット", "財務会計", "育休取得", "災害対応", "議会対応", "窓口", "SNS発信", "RPA", "選挙事務"}
	out := make([]model.MatchCandidate, n)
	for i := range out {
		var ts []string
		for k := 0; k < 1+rng.IntN(4); k++ {
			ts = append(ts, topics[rng.IntN(len(topics))])
		}
		out[i] = cand(fmt.Sprintf("%s%04d", prefix, i), munis[rng.IntN(len(munis))], depts[rng.IntN(len(depts))], dedupe(ts)...)
	}
	return out
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func TestProposePairsGeneratedKeepsEveryRule(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 300 // juniors, with 4/3 as many fellows
	if testing.Short() {
		n = 120 // the same rules over fewer people: a seventh of the time
	}
	juniors, fellows := generated(rng, "j", n), generated(rng, "f", n*4/3)
	// Some juniors' supervisors stand as fellows.
	for i := 0; i < n/6; i++ {
		juniors[i].ReportingLine = []string{fellows[i].ID}
	}
	in := model.MatchInput{Juniors: juniors, Fellows: fellows, Cap: 2}
	pairs, unpaired := model.ProposePairs(in)
	if len(unpaired) != 0 || len(pairs) != n {
		t.Fatalf("%d pairs, %d unpaired; want all %d juniors paired", len(pairs), len(unpaired), n)
	}
	jr, fl := map[string]model.MatchCandidate{}, map[string]model.MatchCandidate{}
	for _, j := range juniors {
		jr[j.ID] = j
	}
	for _, f := range fellows {
		fl[f.ID] = f
	}
	load := map[string]int{}
	for _, p := range pairs {
		if err := model.PairAllowed(jr[p.JuniorID], fl[p.FellowID]); err != nil {
			t.Errorf("%s with %s: %v", p.JuniorID, p.FellowID, err)
		}
		if load[p.FellowID]++; load[p.FellowID] > in.Cap {
			t.Errorf("%s has %d juniors, over the cap", p.FellowID, load[p.FellowID])
		}
	}
	f := model.MatchFairness(fellows, jr, pairs, len(juniors))
	if f.WithShared < n*5/6 || f.FellowLoadMax > in.Cap {
		t.Errorf("fairness %+v: most pairs should share a topic, no fellow over the cap", f)
	}
	t.Logf("fairness: %d/%d share a topic, %.2f shared on average, %d across municipalities, load %d..%d",
		f.WithShared, f.Paired, f.SharedTopics, f.CrossMunicipality, f.FellowLoadMin, f.FellowLoadMax)
}

func BenchmarkProposePairs300x400(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	in := model.MatchInput{Juniors: generated(rng, "j", 300), Fellows: generated(rng, "f", 400), Cap: 2}
	for b.Loop() {
		model.ProposePairs(in)
	}
}
