package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestHolidaysJSON(t *testing.T) {
	t.Parallel()
	out, stderr, code := hiroba(t, "holidays", "2026", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var list []struct {
		Date   string `json:"date"`
		Name   string `json:"name"`
		NameEN string `json:"name_en"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(list) != 18 {
		t.Fatalf("2026 has 18 holidays, got %d: %v", len(list), list)
	}
	if list[0].Date != "2026-01-01" || list[0].Name != "元日" {
		t.Errorf("first: %+v", list[0])
	}
	var found bool
	for _, h := range list {
		if h.Date == "2026-09-22" {
			found = h.Name == "国民の休日" && h.NameEN == "Citizens' Holiday"
		}
	}
	if !found {
		t.Errorf("2026-09-22 国民の休日 missing: %v", list)
	}
	if !strings.Contains(out, `"name_en"`) {
		t.Errorf("no English names: %s", out)
	}
}

func TestHolidaysBadYear(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"holidays", "1979", "--json"}, "1980 年から 2099 年まで"},
		{[]string{"holidays", "2100"}, "1980 年から 2099 年まで"},
		{[]string{"holidays", "令和8", "--json"}, "年ではありません"},
		{[]string{"holidays", "--json"}, "年を一つ指定"},
	} {
		out, stderr, code := hiroba(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, stderr, c.want)
		}
	}
}

func TestHolidaysText(t *testing.T) {
	t.Parallel()
	out, _, code := hiroba(t, "holidays", "2019")
	if code != 0 || !strings.Contains(out, "2019-05-01  天皇の即位の日\n") || strings.Contains(out, "天皇誕生日") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
