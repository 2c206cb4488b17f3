package recur

import (
	"flag"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

var writeCases = flag.Bool("write-cases", false, "write testdata/dateutil_cases.txt for testdata/expand_dateutil.py")

// TestDateutil compares this package with python-dateutil on random rules
// (a fixed seed) whose expansions python computed once: testdata/
// expand_dateutil.py says how to compute them again. Only the rules with dates
// are written: dateutil, like rrule-go, searches a rule without any until
// the year 9999.
func TestDateutil(t *testing.T) {
	if *writeCases {
		rng := rand.New(rand.NewPCG(5545, 1))
		var lines []string
		for len(lines) < 1000 {
			rule, first, loc, from, to := randomRule(rng)
			r, err := Parse(rule)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := New(r, first, loc).First(); !ok {
				continue
			}
			lines = append(lines, strings.Join([]string{rule, first.Format(time.RFC3339), loc.String(),
				from.UTC().Truncate(time.Second).Format(time.RFC3339), to.UTC().Truncate(time.Second).Format(time.RFC3339)}, "|"))
		}
		if err := os.WriteFile("testdata/dateutil_cases.txt", []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	cases, err := os.ReadFile("testdata/dateutil_cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	expected, err := os.ReadFile("testdata/dateutil_expected.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(expected)), "\n")
	lines := strings.Split(strings.TrimSpace(string(cases)), "\n")
	if len(lines) != len(want) || len(lines) < 1000 {
		t.Fatalf("%d cases, %d expected", len(lines), len(want))
	}
	for i, line := range lines {
		f := strings.Split(line, "|")
		parse := func(s string) time.Time {
			x, err := time.Parse(time.RFC3339, s)
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
		loc := mustZone(f[2])
		r, err := Parse(f[0])
		if err != nil {
			t.Fatalf("%s: %v", f[0], err)
		}
		got := formatAll(New(r, parse(f[1]).In(loc), loc).Between(parse(f[3]), parse(f[4])))
		if got == "" {
			got = "-"
		}
		if got != want[i] {
			t.Errorf("line %d: %s from %s (%s), window %s - %s:\nours     %s\ndateutil %s", i+1, f[0], f[1], f[2], f[3], f[4], got, want[i])
		}
	}
}
