package model_test

import (
	"testing"

	"hiroba/model"
)

func TestInScope(t *testing.T) {
	for _, c := range []struct {
		dept, scope string
		want        bool
	}{
		{"財務部 財政課", "財務部 財政課", true},
		{"財務部　財政課", "財務部 財政課", true}, // an ideographic space
		{"財務部 財政課", "財務部", true},
		{"財務部 財政課 予算係", "財務部", true},
		{"財務部 財政課", model.ScopeMunicipality, true},
		{"財務部", "財務部 財政課", false},
		{"財務部長室", "財務部", false}, // a prefix of the text is not a level
		{"税務部 収納課", "財務部", false},
		{"", "財務部", false},
	} {
		if got := model.InScope(c.dept, c.scope); got != c.want {
			t.Errorf("InScope(%q, %q) = %v", c.dept, c.scope, got)
		}
	}
}

func TestDecidingScope(t *testing.T) {
	// 郡山市: a 課長 and a 課長補佐 of 財政課, a 部長 of 財務部, and a 副市長
	// for the whole city. 総務課 has nobody.
	supervised := func(scopes ...string) func(string) bool {
		set := map[string]bool{}
		for _, s := range scopes {
			set[s] = true
		}
		return func(s string) bool { return set[s] }
	}
	all := supervised("財務部 財政課", "財務部", model.ScopeMunicipality)
	for _, c := range []struct {
		name      string
		dept, own string
		sup       func(string) bool
		want      string
	}{
		{"StaffGoToTheirSection", "財務部 財政課", "", all, "財務部 財政課"},
		{"UnitUnderTheSection", "財務部 財政課 予算係", "", all, "財務部 財政課"},
		{"SectionWithoutSupervisorGoesUp", "財務部 契約検査課", "", all, "財務部"},
		{"SupervisorGoesToTheNextOneUp", "財務部 財政課", "財務部 財政課", all, "財務部"},
		{"HeadOfDivisionGoesToTheCity", "財務部 財務総務課", "財務部", all, model.ScopeMunicipality},
		{"TopGoesToAdministrators", "総務部 秘書課", model.ScopeMunicipality, all, ""},
		{"NobodyAnywhere", "総務課", "", supervised(), ""},
		{"SmallTown", "総務課", "", supervised("総務課"), "総務課"},
		{"SmallTownSupervisorHasNobodyUp", "総務課", "総務課", supervised("総務課"), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := model.DecidingScope(c.dept, c.own, c.sup); got != c.want {
				t.Errorf("DecidingScope(%q, %q) = %q, want %q", c.dept, c.own, got, c.want)
			}
		})
	}
}

func TestOversees(t *testing.T) {
	for _, c := range []struct {
		sup, dept, own string
		want           bool
	}{
		{"財務部 財政課", "財務部 財政課", "", true},
		{"財務部", "財務部 財政課", "", true},
		{"財務部", "財務部 財政課", "財務部 財政課", true},      // the 部長 sees the 課長
		{"財務部 財政課", "財務部 財政課", "財務部 財政課", false}, // peers do not see each other
		{"財務部 財政課", "財務部 財政課", "財務部", false},     // nor the 課長 the 部長
		{"財務部 財政課", "税務部 収納課", "", false},
	} {
		if got := model.Oversees(c.sup, c.dept, c.own); got != c.want {
			t.Errorf("Oversees(%q, %q, %q) = %v", c.sup, c.dept, c.own, got)
		}
	}
}
