package model_test

import (
	"testing"

	"hiroba/model"
)

// Anyone who sees an open community may post in it; only members post in
// a members-only one.
func TestCommunityCanPost(t *testing.T) {
	for _, c := range []struct {
		visibility, role string
		want             bool
	}{
		{model.VisibilityOpen, "", true},
		{model.VisibilityOpen, model.MemberRegular, true},
		{model.VisibilityMembers, "", false},
		{model.VisibilityMembers, model.MemberRegular, true},
		{model.VisibilityMembers, model.MemberOrganiser, true},
	} {
		com := model.Community{Visibility: c.visibility, ViewerRole: c.role}
		if got := com.CanPost(); got != c.want {
			t.Errorf("%s community, role %q: CanPost %v, want %v", c.visibility, c.role, got, c.want)
		}
	}
}
