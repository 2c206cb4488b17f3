package cli_test

import (
	"strings"
	"testing"

	"hiroba/data/datatest"
)

// TestOutputsCleanRowsOfOtherPrograms writes C1 controls (CSI, NEL) and a
// right-to-left override into titles and places with sqlite3: no --json
// or text output of the command line lets them through.
func TestOutputsCleanRowsOfOtherPrograms(t *testing.T) {
	t.Parallel()
	path, _ := eventsDB(t)
	datatest.WriteOutside(t, path, "UPDATE events SET title = title || char(155) || '31m' || char(133) || char(8238) || '逆向き', "+
		"place = char(8238) || place; UPDATE communities SET name = name || char(157) || '0;title' || char(156) || char(8238)")
	bad := "\u009b\u0085\u202e\u009d\u009c"
	for _, args := range [][]string{
		{"events", "--from", "2027-01-01", "--to", "2027-03-31", "--json"},
		{"events", "--from", "2027-01-01", "--to", "2027-03-31"},
		{"communities", "--json"},
		{"search", "相談", "--json"},
	} {
		out, stderr, code := hiroba(t, append(args, "--db", path, "--as", "安積 花子")...)
		if code != 0 || !strings.Contains(out, "逆向き") && args[0] == "events" {
			t.Fatalf("%v: exit %d %s\n%s", args, code, stderr, out)
		}
		if strings.ContainsAny(out+stderr, bad) {
			t.Errorf("%v lets a control through:\n%q", args, out)
		}
	}
}

// TestUnknownIDsInFiltersAreErrors: a filter naming nothing is a mistake
// said on standard error with exit status 1, in every command, rather
// than an empty list.
func TestUnknownIDsInFiltersAreErrors(t *testing.T) {
	t.Parallel()
	path, _ := eventsDB(t)
	for _, args := range [][]string{
		{"threads", "--json", "--community", "01NOSUCHCOMMUNITY000000000"},
		{"events", "--json", "--from", "2027-01-01", "--to", "2027-01-31", "--community", "01NOSUCHCOMMUNITY000000000"},
		{"ics", "export", "--community", "01NOSUCHCOMMUNITY000000000"},
		{"people", "search", "育休", "--json", "--municipality", "存在しない村"},
		{"ledger", "--json", "--municipality", "存在しない村"},
	} {
		out, stderr, code := hiroba(t, append(args, "--db", path, "--as", "安積 花子")...)
		if code != 1 || out != "" || !strings.HasPrefix(stderr, "hiroba: ") {
			t.Errorf("%v: exit %d, out %q, err %q", args, code, out, stderr)
		}
	}
}
