package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"hiroba/model"
)

// The demo's programme: 佐久間 正樹 of 人事課 runs it; 高野 葵 is one of its
// juniors, paired with 関根 隆, with whom she wrote about 査定資料.
func TestFellows(t *testing.T) {
	t.Parallel()
	path, _ := demoDB(t)
	admin := []string{"--db", path, "--as", "佐久間 正樹"}
	out, stderr, code := hiroba(t, append([]string{"fellows", "list", "--json"}, admin...)...)
	var programmes []model.Programme
	if err := json.Unmarshal([]byte(out), &programmes); code != 0 || err != nil || len(programmes) != 1 {
		t.Fatalf("list: exit %d %v %s", code, err, stderr)
	}
	prog := programmes[0].ID
	if !strings.Contains(programmes[0].Title, "フェロー制度") {
		t.Fatalf("programme %+v", programmes[0])
	}

	t.Run("RefusesAMember", func(t *testing.T) {
		for _, args := range [][]string{
			{"list", prog}, {"propose", prog}, {"pair", prog, "大内 里奈", "円谷 沙織"},
			{"unpair", "01NOSUCHPAIR00000000000000"}, {"stats", prog, "--format", "csv"},
		} {
			out, stderr, code := hiroba(t, append(append([]string{"fellows"}, args...), "--db", path, "--as", "高野 葵", "--json")...)
			if code != 1 || out != "" || !strings.Contains(stderr, "管理者 (人事課) だけ") {
				t.Errorf("%v: exit %d %q %q", args, code, out, stderr)
			}
		}
		// Nobody named and nobody remembered: not the operator either.
		if _, stderr, code := hiroba(t, "fellows", "propose", prog, "--db", path); code != 1 || !strings.Contains(stderr, "誰としてフェロー制度を運営するか") {
			t.Errorf("nobody: exit %d %q", code, stderr)
		}
		// A member lists only the programmes they are in.
		out, _, _ := hiroba(t, "fellows", "list", "--json", "--db", path, "--as", "岡田 由紀")
		if strings.TrimSpace(out) != "[]" {
			t.Errorf("岡田 由紀 lists %s", out)
		}
	})
	t.Run("ProposePairUnpair", func(t *testing.T) {
		out, stderr, code := hiroba(t, append([]string{"fellows", "propose", prog, "--json"}, admin...)...)
		var p model.Proposal
		if err := json.Unmarshal([]byte(out), &p); code != 0 || err != nil || len(p.Pairs) == 0 {
			t.Fatalf("propose: exit %d %v %s", code, err, stderr)
		}
		for _, x := range p.Pairs {
			if x.Junior.Department == x.Fellow.Department && x.Junior.MunicipalityID == x.Fellow.MunicipalityID {
				t.Errorf("a pair in one department: %+v", x)
			}
		}
		out, stderr, code = hiroba(t, append([]string{"fellows", "pair", prog, "大内 里奈", "円谷 沙織", "--json"}, admin...)...)
		var pair model.Pair
		if err := json.Unmarshal([]byte(out), &pair); code != 0 || err != nil || pair.Status != model.PairFixed || pair.Fellow.Name != "円谷 沙織" {
			t.Fatalf("pair: exit %d %v %s %s", code, err, out, stderr)
		}
		out, _, _ = hiroba(t, append([]string{"fellows", "list", prog}, admin...)...)
		if !strings.Contains(out, "大内 里奈 (田村市)") || !strings.Contains(out, "固定") {
			t.Fatalf("list after pairing:\n%s", out)
		}
		if out, stderr, code := hiroba(t, append([]string{"fellows", "unpair", pair.ID}, admin...)...); code != 0 || out != "組 "+pair.ID+" を外しました\n" {
			t.Fatalf("unpair: exit %d %q %s", code, out, stderr)
		}
		// Pairing a junior with their own supervisor is refused, nothing saved.
		_, stderr, code = hiroba(t, append([]string{"fellows", "pair", prog, "高野 葵", "熊田 剛"}, admin...)...)
		if code != 1 || stderr == "" {
			t.Fatalf("supervisor as fellow: exit %d %q", code, stderr)
		}
	})
	t.Run("StatsWithoutContent", func(t *testing.T) {
		out, stderr, code := hiroba(t, append([]string{"fellows", "stats", prog, "--format", "csv"}, admin...)...)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil || len(rows) < 2 || rows[0][0] != "pair_id" {
			t.Fatalf("stats: exit %d %v %s", code, err, stderr)
		}
		if !strings.Contains(out, "高野 葵") || strings.Contains(out, "査定資料") || strings.Contains(out, "予算要求の時期") {
			t.Fatalf("stats hold content or lack the pair:\n%s", out)
		}
		if _, stderr, code := hiroba(t, append([]string{"fellows", "stats", prog, "--json"}, admin...)...); code != 2 || !strings.Contains(stderr, "--format csv") {
			t.Fatalf("stats without csv: exit %d %q", code, stderr)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, args := range [][]string{{}, {"merge"}, {"propose"}, {"pair", prog, "高野 葵"}, {"unpair"}, {"list", prog, prog}} {
			if _, stderr, code := hiroba(t, append(append([]string{"fellows"}, args...), admin...)...); code != 2 || stderr == "" {
				t.Errorf("%v: exit %d %q", args, code, stderr)
			}
		}
	})
}
