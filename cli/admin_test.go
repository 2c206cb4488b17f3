package cli_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestAdmin(t *testing.T) {
	t.Parallel()
	db := seededDB(t)
	staff, _ := staffAndCommunities(t, db)
	who := staff[1]
	status := func() (state string, admin bool) {
		t.Helper()
		out, stderr, code := hiroba(t, "admin", "list", "--json", "--db", db)
		var accounts []struct {
			ID, Status string
			Admin      bool
		}
		if err := json.Unmarshal([]byte(out), &accounts); code != 0 || err != nil {
			t.Fatalf("list: %d %v %s", code, err, stderr)
		}
		for _, a := range accounts {
			if a.ID == who.ID {
				return a.Status, a.Admin
			}
		}
		t.Fatalf("%s is not listed", who.ID)
		return "", false
	}

	out, stderr, code := hiroba(t, "admin", "revoke", who.ID, "--db", db)
	if code != 0 || out != who.Name+" さん ("+who.ID+") を利用を停止しました\n" {
		t.Fatalf("revoke: %d %q %s", code, out, stderr)
	}
	if s, _ := status(); s != "revoked" {
		t.Fatalf("after revoke: %s", s)
	}
	// By exact name as well as by id.
	if out, _, code := hiroba(t, "admin", "approve", who.Name, "--db", db); code != 0 || !strings.HasSuffix(out, "を承認しました\n") {
		t.Fatalf("approve: %d %q", code, out)
	}
	if out, _, code := hiroba(t, "admin", "grant", who.ID, "--db", db); code != 0 || !strings.HasSuffix(out, "を管理者にしました\n") {
		t.Fatalf("grant: %d %q", code, out)
	}
	if s, admin := status(); s != "active" || !admin {
		t.Fatalf("after approve and grant: %s admin=%v", s, admin)
	}

	t.Run("TextColumnsLineUp", func(t *testing.T) {
		out, _, code := hiroba(t, "admin", "list", "--db", db)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != 0 || len(lines) != len(staff)+1 || !strings.HasPrefix(lines[0], "ID  ") {
			t.Fatalf("%d\n%s", code, out)
		}
		// 氏名 starts in the same cell on every line, Japanese or not.
		at := func(line, word string) int { return ansi.StringWidth(line[:strings.Index(line, word)]) }
		for _, l := range lines[1:] {
			if strings.Contains(l, who.ID) && (!strings.Contains(l, "利用中  管理者") || at(l, who.Name) != at(lines[0], "氏名")) {
				t.Fatalf("row of %s does not line up:\n%s\n%s", who.Name, lines[0], l)
			}
		}
	})
	t.Run("Shared", func(t *testing.T) {
		if out, _, code := hiroba(t, "admin", "shared", "on", "--db", db); code != 0 || out != db+": ネットワーク共有モードにしました。これからは --shared なしでも WAL を使わずに開きます\n" {
			t.Fatalf("on: %d %q", code, out)
		}
		if out, _, code := hiroba(t, "admin", "shared", "off", "--db", db); code != 0 || out != db+": ネットワーク共有モードをやめました (WAL で開きます)\n" {
			t.Fatalf("off: %d %q", code, out)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"admin"}, "hiroba admin: サブコマンドを指定してください"},
			{[]string{"admin", "approve"}, "hiroba admin: approve には職員 ID を一つ指定してください"},
			{[]string{"admin", "list", "all"}, "hiroba admin: list に引数は要りません"},
			{[]string{"admin", "shared", "yes"}, "hiroba admin: shared には on か off を指定してください"},
			{[]string{"admin", "promote", who.ID}, `hiroba admin: "promote" というサブコマンドはありません`},
		} {
			if _, stderr, code := hiroba(t, append(c.args, "--db", db)...); code != 2 || !strings.HasPrefix(stderr, c.want) {
				t.Errorf("%v: %d %q", c.args, code, stderr)
			}
		}
		if _, stderr, code := hiroba(t, "admin", "approve", "01NOSUCHSTAFF0000000000000", "--db", db); code != 1 || stderr == "" {
			t.Errorf("unknown staff: %d %q", code, stderr)
		}
	})
}
