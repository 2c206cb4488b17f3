package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

// The demo's 20% rule: 熊田 剛 is 所属長 of 財務部 財政課, where 高野 葵
// and 橋本 美咲 have plans; 岩崎 愛 of 総務部 総務課 has one; 岡田 由紀
// (こども部 保育課) oversees nobody. Every department has fewer than five
// people, so a member sees no department's totals.
func TestLedgerPrivacy(t *testing.T) {
	t.Parallel()
	path, _ := demoDB(t)
	fy := fmt.Sprint(model.FiscalYear(time.Now()))
	report := func(t *testing.T, as ...string) model.ActivityReport {
		t.Helper()
		out, stderr, code := hiroba(t, append([]string{"ledger", "--json", "--fiscal-year", fy, "--db", path}, as...)...)
		var r model.ActivityReport
		if err := unmarshalShaped(out, &r); code != 0 || err != nil {
			t.Fatalf("exit %d %v: %s", code, err, stderr)
		}
		return r
	}
	people := func(r model.ActivityReport) string {
		var names []string
		for _, p := range r.People {
			names = append(names, p.Name)
		}
		return strings.Join(names, ",")
	}
	csvNames := func(t *testing.T, as ...string) (rows [][]string) {
		t.Helper()
		out, stderr, code := hiroba(t, append([]string{"ledger", "--format", "csv", "--fiscal-year", fy, "--db", path}, as...)...)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil || len(rows) == 0 || rows[0][0] != "row" {
			t.Fatalf("exit %d %v: %q %s", code, err, out, stderr)
		}
		return rows[1:]
	}

	t.Run("ThePerson", func(t *testing.T) {
		r := report(t, "--as", "高野 葵")
		if people(r) != "高野 葵" || len(r.Departments) != 0 || r.Hidden == 0 {
			t.Fatalf("people %s, departments %+v, hidden %d", people(r), r.Departments, r.Hidden)
		}
		p := r.People[0]
		if p.Department != "財務部 財政課" || p.Planned == 0 || p.Cap == 0 || p.Done > p.Approved || p.Approved > p.Planned {
			t.Fatalf("figures %+v", p)
		}
		rows := csvNames(t, "--as", "高野 葵")
		if len(rows) != 1 || rows[0][0] != "person" || rows[0][5] != "高野 葵" || rows[0][11] != fmt.Sprint(p.Planned) || rows[0][14] != fmt.Sprint(p.Cap) {
			t.Fatalf("csv %v, want her line with %+v", rows, p)
		}
	})
	t.Run("TheSupervisor", func(t *testing.T) {
		r := report(t, "--as", "熊田 剛")
		got := people(r)
		if !strings.Contains(got, "高野 葵") || !strings.Contains(got, "橋本 美咲") || strings.Contains(got, "岩崎 愛") {
			t.Fatalf("熊田 剛 sees %s", got)
		}
		var names []string
		for _, row := range csvNames(t, "--as", "熊田 剛") {
			names = append(names, row[5])
		}
		if strings.Join(names, ",") != got {
			t.Fatalf("csv %v, json %s", names, got)
		}
	})
	t.Run("AnUnrelatedMember", func(t *testing.T) {
		r := report(t, "--as", "岡田 由紀")
		if len(r.People) != 0 || len(r.Departments) != 0 || len(r.Categories) != 0 || r.Hidden == 0 {
			t.Fatalf("岡田 由紀 sees %+v", r)
		}
		if rows := csvNames(t, "--as", "岡田 由紀"); len(rows) != 0 {
			t.Fatalf("csv %v", rows)
		}
		out, _, code := hiroba(t, "ledger", "--fiscal-year", fy, "--db", path, "--as", "岡田 由紀")
		if code != 0 || strings.Contains(out, "高野") || strings.Contains(out, "財政課") || !strings.Contains(out, "一人ひとりが分からないよう") {
			t.Fatalf("text:\n%s", out)
		}
	})
	t.Run("TheOperator", func(t *testing.T) {
		// The file's owner, with no --as: everyone, and every department.
		r := report(t)
		if got := people(r); !strings.Contains(got, "岩崎 愛") || !strings.Contains(got, "高野 葵") || len(r.Departments) == 0 || r.Hidden != 0 {
			t.Fatalf("operator sees %s, %d departments, %d hidden", got, len(r.Departments), r.Hidden)
		}
		var learning *model.ReportCategory
		for i, c := range r.Categories {
			if c.Category == model.CategoryLearning {
				learning = &r.Categories[i]
			}
		}
		if learning == nil || learning.Plans == 0 {
			t.Fatalf("categories %+v", r.Categories)
		}
		out, _, _ := hiroba(t, "ledger", "--fiscal-year", fy, "--db", path)
		if !strings.Contains(out, "学び合い") || !strings.Contains(out, "所属の合計") {
			t.Fatalf("text:\n%s", out)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		r := report(t, "--municipality", "須賀川市")
		for _, p := range r.People {
			if p.Municipality != "須賀川市" {
				t.Fatalf("--municipality 須賀川市 gave %+v", p)
			}
		}
		r = report(t, "--department", "総務部")
		if got := people(r); !strings.Contains(got, "岩崎 愛") || strings.Contains(got, "高野 葵") {
			t.Fatalf("--department 総務部 gave %s", got)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, c := range []struct {
			args []string
			code int
			want string
		}{
			{[]string{"--month", "2027-4"}, 2, "YYYY-MM"},
			{[]string{"--month", "2027-04", "--fiscal-year", "2027"}, 2, "どちらか一方"},
			{[]string{"--format", "xlsx"}, 2, "xlsx"},
			{[]string{"--municipality", "東京都"}, 1, "東京都"},
			{[]string{"--fiscal-year", "1900"}, 1, "年度"},
		} {
			_, stderr, code := hiroba(t, append([]string{"ledger", "--db", path}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("%v: exit %d %q", c.args, code, stderr)
			}
		}
	})
}

// People search never finds a hidden profile: 佐藤 舞 of 二本松市 hid hers,
// though 研修の企画 and 人事評価 are among her topics.
func TestPeopleSearch(t *testing.T) {
	t.Parallel()
	path, _ := demoDB(t)
	search := func(t *testing.T, args ...string) []model.PersonMatch {
		t.Helper()
		out, stderr, code := hiroba(t, append([]string{"people", "search", "--json", "--db", path}, args...)...)
		var found []model.PersonMatch
		if err := json.Unmarshal([]byte(out), &found); code != 0 || err != nil {
			t.Fatalf("exit %d %v: %s", code, err, stderr)
		}
		return found
	}
	for _, as := range [][]string{{"--as", "高野 葵"}, {"--as", "佐久間 正樹"}, nil} {
		found := search(t, append([]string{"研修の企画"}, as...)...)
		if len(found) == 0 {
			t.Fatalf("%v: nobody found", as)
		}
		for _, m := range found {
			if m.Staff.Name == "佐藤 舞" {
				t.Fatalf("%v: the hidden profile was found", as)
			}
			if len(m.Reasons) == 0 || m.Reasons[0].Field != model.MatchWork || m.Reasons[0].Text != "研修の企画" {
				t.Fatalf("%v: %s found for %+v", as, m.Staff.Name, m.Reasons)
			}
		}
	}
	if found := search(t, "人事評価", "--municipality", "二本松市", "--as", "高野 葵"); len(found) != 0 {
		t.Fatalf("二本松市 人事評価: %+v", found)
	}
	found := search(t, "育休", "--municipality", "郡山市")
	if len(found) == 0 {
		t.Fatal("nobody in 郡山市 took 育休")
	}
	for _, m := range found {
		if m.Staff.Municipality != "郡山市" || m.Reasons[0].Field != model.MatchExperience {
			t.Fatalf("%+v", m)
		}
	}
	for _, c := range []struct {
		args []string
		code int
	}{{[]string{"people"}, 2}, {[]string{"people", "search"}, 2}, {[]string{"people", "search", "育休"}, 1}, {[]string{"people", "find", "育休"}, 2}} {
		if _, stderr, code := hiroba(t, append(c.args, "--db", path)...); code != c.code || stderr == "" {
			t.Errorf("%v: exit %d %q", c.args, code, stderr)
		}
	}
}
