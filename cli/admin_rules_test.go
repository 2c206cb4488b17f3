package cli_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

// Marking 岩崎 愛 (総務部 総務課) as 所属長 of all 郡山市 lets her see the
// ledger of 財政課; unmarking her takes it away; a shorter working day
// lowers the cap.
func TestAdminSupervisorAndWorkday(t *testing.T) {
	t.Parallel()
	path, _ := demoDB(t)
	fy := fmt.Sprint(model.FiscalYear(time.Now()))
	seen := func(t *testing.T) (names string, caps map[string]int) {
		t.Helper()
		out, stderr, code := hiroba(t, "ledger", "--json", "--fiscal-year", fy, "--db", path, "--as", "岩崎 愛")
		var r model.ActivityReport
		if err := unmarshalShaped(out, &r); code != 0 || err != nil {
			t.Fatalf("ledger: exit %d %v %s", code, err, stderr)
		}
		caps = map[string]int{}
		var list []string
		for _, p := range r.People {
			list = append(list, p.Name)
			caps[p.Name] = p.Cap
		}
		return strings.Join(list, ","), caps
	}
	before, caps := seen(t)
	out, stderr, code := hiroba(t, "admin", "supervisor", "岩崎 愛", "on", "--db", path)
	if code != 0 || !strings.HasPrefix(out, "岩崎 愛 さん (") || !strings.HasSuffix(out, ") を 郡山市 総務部 総務課 の所属長にしました\n") {
		t.Fatalf("on: exit %d %q %s", code, out, stderr)
	}
	out, _, code = hiroba(t, "admin", "supervisor", "岩崎 愛", "on", "--scope", "*", "--db", path)
	if code != 0 || !strings.HasSuffix(out, "を 郡山市全体の所属長にしました\n") {
		t.Fatalf("whole municipality: %d %q", code, out)
	}
	if after, _ := seen(t); !strings.Contains(after, "高野 葵") || !strings.Contains(after, "橋本 美咲") {
		t.Fatalf("a supervisor of all 郡山市 sees %s", after)
	}
	if out, _, code := hiroba(t, "admin", "supervisor", "岩崎 愛", "off", "--db", path); code != 0 || !strings.HasSuffix(out, "の所属長の指定を外しました\n") {
		t.Fatalf("off: %d %q", code, out)
	}
	if after, _ := seen(t); after != before {
		t.Fatalf("after off she sees %s, before %s", after, before)
	}

	out, _, code = hiroba(t, "admin", "workday", "郡山市", "6:00", "--db", path)
	if code != 0 || out != "郡山市: 1日の勤務時間を 6時間 にしました (20%ルールの上限はその 20%)\n" {
		t.Fatalf("workday: %d %q", code, out)
	}
	if _, after := seen(t); after["岩崎 愛"]*465 != caps["岩崎 愛"]*360 {
		t.Fatalf("cap %d at 6 h, %d at 7 h 45 min", after["岩崎 愛"], caps["岩崎 愛"])
	}
	if out, _, code := hiroba(t, "admin", "workday", "郡山市", "default", "--db", path); code != 0 || !strings.Contains(out, "7時間45分") {
		t.Fatalf("default: %d %q", code, out)
	}

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"supervisor", "岩崎 愛"}, 2, "on か off"},
		{[]string{"supervisor", "岩崎 愛", "off", "--scope", "総務部"}, 2, "--scope は"},
		{[]string{"list", "--scope", "総務部"}, 2, "--scope は"},
		{[]string{"supervisor", "岩崎 愛", "on", "--scope", "財務部"}, 1, "所属長の範囲は"},
		{[]string{"workday", "郡山市"}, 2, "1日の勤務時間"},
		{[]string{"workday", "郡山市", "たくさん"}, 2, "勤務時間として読めません"},
		{[]string{"workday", "郡山市", "30"}, 1, "60 分から 720 分"},
		{[]string{"workday", "東京都", "7:45"}, 1, "東京都"},
	} {
		if _, stderr, code := hiroba(t, append(append([]string{"admin"}, c.args...), "--db", path)...); code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d %q", c.args, code, stderr)
		}
	}
}
