package model

import "testing"

func TestDerivedID(t *testing.T) {
	a := DerivedID("01SNAPSHOT", "replies", `["01REPLY"]`, "text", "abc")
	if !ValidID(a) {
		t.Errorf("%q is not an id", a)
	}
	if b := DerivedID("01SNAPSHOT", "replies", `["01REPLY"]`, "text", "abc"); b != a {
		t.Errorf("the same parts gave %q and %q", a, b)
	}
	// Parts are separated: moving a character from one to the next is
	// another id.
	if b := DerivedID("01SNAPSHOT", "replies", `["01REPLY"]`, "tex", "tabc"); b == a {
		t.Errorf("different parts gave the same id %q", a)
	}
}

func TestMergeReportTotals(t *testing.T) {
	r := &MergeReport{Tables: []MergeTableCount{
		{Table: "replies", Added: 3, Conflicts: 1},
		{Table: "rsvps", Updated: 2, SetAside: 1},
	}}
	if got := r.Total(); got.Added != 3 || got.Updated != 2 || got.Conflicts != 1 || got.SetAside != 1 {
		t.Errorf("total %+v", got)
	}
	if !r.Changed() || r.Table("rsvps").Updated != 2 || r.Table("events") != (MergeTableCount{Table: "events"}) {
		t.Errorf("report %+v", r)
	}
	if (&MergeReport{}).Changed() {
		t.Error("an empty report changed something")
	}
}
