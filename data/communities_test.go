package data_test

import (
	"context"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// MustCreateCommunity creates a community organised by the context's viewer.
func MustCreateCommunity(tb testing.TB, db *data.DB, ctx context.Context, name string, category model.Category, municipalityID, visibility string) *model.Community {
	tb.Helper()
	c := &model.Community{
		Name:           name,
		Category:       category,
		MunicipalityID: municipalityID,
		Visibility:     visibility,
		Summary:        name + "の集まりです",
		Description:    "# " + name + "\n\n所属長の了承を得て、20%ルールの範囲で参加できます。",
	}
	if err := db.CreateCommunity(ctx, c); err != nil {
		tb.Fatal(err)
	}
	return c
}

func names(cs []model.Community) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return strings.Join(out, ",")
}

func TestCreateCommunity(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		db := MustOpenTestDB(t)
		hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
		c := MustCreateCommunity(t, db, as(hanako), "庶務担当者の集い", model.CategoryLearning, "", model.VisibilityOpen)
		if !model.ValidID(c.ID) || c.CreatedBy != hanako.ID || c.MemberCount != 1 || c.ViewerRole != model.MemberOrganiser || c.Municipality != "" {
			t.Fatalf("created %+v", c)
		}
		got, err := db.CommunityByID(as(hanako), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "庶務担当者の集い" || got.MemberCount != 1 || got.ViewerRole != model.MemberOrganiser || got.MunicipalityID != "" ||
			got.Description != c.Description || !got.LastActivityAt.Equal(c.CreatedAt) {
			t.Fatalf("read back %+v", got)
		}
		members, total, err := db.Members(as(hanako), c.ID, 0)
		if err != nil || total != 1 || len(members) != 1 || members[0].Staff.ID != hanako.ID || members[0].Role != model.MemberOrganiser {
			t.Fatalf("members %+v %d %v", members, total, err)
		}
	})
	t.Run("OKMunicipality", func(t *testing.T) {
		db := MustOpenTestDB(t)
		hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
		c := MustCreateCommunity(t, db, as(hanako), "郡山の魅力発信", model.CategoryLocal, koriyama, model.VisibilityOpen)
		if c.Municipality != "郡山市" || c.MunicipalityID != koriyama {
			t.Fatalf("created %+v", c)
		}
	})
	for _, tc := range []struct {
		name, title, description string
	}{
		{"ErrNameRequired", "", "説明"},
		{"ErrNameInvalidUTF8", "産休\xfe育休カフェ", "説明"},
		{"ErrNameTooLong", strings.Repeat("あ", model.MaxCommunityNameLen+1), "説明"},
		{"ErrDescriptionTooLong", "産休・育休カフェ", strings.Repeat("説", model.MaxDescriptionLen+1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenTestDB(t)
			hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
			c := &model.Community{Name: tc.title, Category: model.CategoryWorkLife, Visibility: model.VisibilityOpen, Description: tc.description}
			wantCode(t, db.CreateCommunity(as(hanako), c), model.EINVALID)
			if n := MustQueryInt(t, db, `SELECT count(*) FROM communities`); n != 0 {
				t.Fatalf("%d communities saved", n)
			}
		})
	}
	t.Run("ErrNoViewer", func(t *testing.T) {
		db := MustOpenTestDB(t)
		c := &model.Community{Name: "産休・育休カフェ", Category: model.CategoryWorkLife, Visibility: model.VisibilityOpen, Description: "説明"}
		wantCode(t, db.CreateCommunity(context.Background(), c), model.EFORBIDDEN)
		wantCode(t, db.CreateCommunity(model.WithViewer(context.Background(), "01ZZZZZZZZZZZZZZZZZZZZZZZZ"), c), model.EFORBIDDEN)
	})
	t.Run("ErrPendingStaff", func(t *testing.T) {
		db := MustOpenTestDB(t)
		s := &model.Staff{Name: "新採 太郎", MunicipalityID: koriyama, Department: "総務課", Status: model.StaffPending}
		if err := db.CreateStaff(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		c := &model.Community{Name: "産休・育休カフェ", Category: model.CategoryWorkLife, Visibility: model.VisibilityOpen, Description: "説明"}
		wantCode(t, db.CreateCommunity(as(s), c), model.EFORBIDDEN)
	})
}

func TestFindCommunities(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	jiro := MustCreateStaff(t, db, "須賀 次郎", sukagawa, "総務課")
	outsider := MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	// Created in this order, so the last is the latest active.
	shomu := MustCreateCommunity(t, db, as(hanako), "庶務担当者の集い", model.CategoryLearning, "", model.VisibilityOpen)
	cafe := MustCreateCommunity(t, db, as(jiro), "産休・育休カフェ", model.CategoryWorkLife, sukagawa, model.VisibilityOpen)
	secret := MustCreateCommunity(t, db, as(hanako), "人事異動の本音 100%", model.CategoryExperience, koriyama, model.VisibilityMembers)
	if err := db.Join(as(jiro), shomu.ID); err != nil {
		t.Fatal(err)
	}
	_ = cafe

	find := func(t *testing.T, ctx context.Context, f model.CommunityFilter) (string, int) {
		t.Helper()
		cs, total, err := db.FindCommunities(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return names(cs), total
	}

	t.Run("MembersOnlyInvisibleToOthers", func(t *testing.T) {
		if got, total := find(t, as(outsider), model.CommunityFilter{}); got != "産休・育休カフェ,庶務担当者の集い" || total != 2 {
			t.Fatalf("outsider sees %q (%d)", got, total)
		}
		if got, total := find(t, context.Background(), model.CommunityFilter{}); got != "産休・育休カフェ,庶務担当者の集い" || total != 2 {
			t.Fatalf("nobody sees %q (%d)", got, total)
		}
		if got, total := find(t, as(hanako), model.CommunityFilter{}); got != "人事異動の本音 100%,産休・育休カフェ,庶務担当者の集い" || total != 3 {
			t.Fatalf("member sees %q (%d)", got, total)
		}
		if got, _ := find(t, as(outsider), model.CommunityFilter{Query: "人事"}); got != "" {
			t.Fatalf("outsider finds %q by name", got)
		}
	})
	t.Run("Category", func(t *testing.T) {
		if got, total := find(t, as(hanako), model.CommunityFilter{Category: model.CategoryWorkLife}); got != "産休・育休カフェ" || total != 1 {
			t.Fatalf("%q %d", got, total)
		}
	})
	t.Run("Municipality", func(t *testing.T) {
		if got, _ := find(t, as(hanako), model.CommunityFilter{MunicipalityID: koriyama}); got != "人事異動の本音 100%" {
			t.Fatalf("郡山市: %q", got)
		}
		if got, _ := find(t, as(hanako), model.CommunityFilter{MunicipalityID: model.AreaWide}); got != "庶務担当者の集い" {
			t.Fatalf("area: %q", got)
		}
	})
	t.Run("Query", func(t *testing.T) {
		if got, _ := find(t, as(hanako), model.CommunityFilter{Query: "カフェ"}); got != "産休・育休カフェ" {
			t.Fatalf("カフェ: %q", got)
		}
		// % and _ are literal characters, not wildcards.
		if got, _ := find(t, as(hanako), model.CommunityFilter{Query: "100%"}); got != "人事異動の本音 100%" {
			t.Fatalf("100%%: %q", got)
		}
		if got, _ := find(t, as(hanako), model.CommunityFilter{Query: "%"}); got != "人事異動の本音 100%" {
			t.Fatalf("%%: %q", got)
		}
		if got, _ := find(t, as(hanako), model.CommunityFilter{Query: "_"}); got != "" {
			t.Fatalf("_: %q", got)
		}
	})
	t.Run("MemberOnly", func(t *testing.T) {
		if got, total := find(t, as(jiro), model.CommunityFilter{MemberOnly: true}); got != "産休・育休カフェ,庶務担当者の集い" || total != 2 {
			t.Fatalf("%q %d", got, total)
		}
		if got, _ := find(t, as(outsider), model.CommunityFilter{MemberOnly: true}); got != "" {
			t.Fatalf("outsider belongs to %q", got)
		}
	})
	t.Run("PageAndViewerRole", func(t *testing.T) {
		cs, total, err := db.FindCommunities(as(jiro), model.CommunityFilter{Offset: 1, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(cs) != 1 || cs[0].Name != "庶務担当者の集い" || cs[0].ViewerRole != model.MemberRegular || cs[0].MemberCount != 2 {
			t.Fatalf("page %+v total %d", cs, total)
		}
		cs, _, _ = db.FindCommunities(as(outsider), model.CommunityFilter{Limit: 1})
		if len(cs) != 1 || cs[0].ViewerRole != "" || cs[0].Municipality != "須賀川市" {
			t.Fatalf("outsider page %+v", cs)
		}
	})
	t.Run("TotalBesideAPage", func(t *testing.T) {
		// A page shorter than the result counts the rest: the members-only
		// community counts for its members alone.
		for _, c := range []struct {
			ctx  context.Context
			want int
		}{{as(outsider), 2}, {context.Background(), 2}, {as(hanako), 3}, {as(jiro), 2}} {
			cs, total, err := db.FindCommunities(c.ctx, model.CommunityFilter{Limit: 1})
			if err != nil || len(cs) != 1 || total != c.want {
				t.Errorf("viewer %q: %d of %d, want a page of 1 of %d (%v)", model.ViewerFrom(c.ctx), len(cs), total, c.want, err)
			}
		}
		if _, total, _ := db.FindCommunities(as(hanako), model.CommunityFilter{Limit: 1, Category: model.CategoryExperience}); total != 1 {
			t.Errorf("a category's page counts %d, want 1", total)
		}
	})
	t.Run("CommunityByIDMembersOnly", func(t *testing.T) {
		_, err := db.CommunityByID(as(outsider), secret.ID)
		wantCode(t, err, model.ENOTFOUND)
		_, err = db.CommunityByID(context.Background(), secret.ID)
		wantCode(t, err, model.ENOTFOUND)
		c, err := db.CommunityByID(as(hanako), secret.ID)
		if err != nil || c.Municipality != "郡山市" {
			t.Fatalf("%+v %v", c, err)
		}
		_, err = db.CommunityByID(as(hanako), "01ZZZZZZZZZZZZZZZZZZZZZZZZ")
		wantCode(t, err, model.ENOTFOUND)
	})
}

func TestUpdateCommunity(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	jiro := MustCreateStaff(t, db, "須賀 次郎", sukagawa, "総務課")
	outsider := MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	c := MustCreateCommunity(t, db, as(hanako), "庶務担当者の集い", model.CategoryLearning, "", model.VisibilityOpen)
	if err := db.Join(as(jiro), c.ID); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		edit := *c
		edit.Name, edit.Category, edit.MunicipalityID = "庶務・経理担当者の集い", model.CategoryConsultation, koriyama
		edit.Summary, edit.Description = "問い合わせ管理の工夫を持ち寄ります", "毎月第3水曜日に会議室で。"
		if err := db.UpdateCommunity(as(hanako), &edit); err != nil {
			t.Fatal(err)
		}
		got, err := db.CommunityByID(as(outsider), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "庶務・経理担当者の集い" || got.Category != model.CategoryConsultation || got.Municipality != "郡山市" ||
			got.Summary != "問い合わせ管理の工夫を持ち寄ります" || got.Description != "毎月第3水曜日に会議室で。" ||
			!got.UpdatedAt.After(c.UpdatedAt) || got.MemberCount != 2 {
			t.Fatalf("updated %+v", got)
		}
	})
	t.Run("ErrForbiddenMember", func(t *testing.T) {
		edit := *c
		edit.Name = "乗っ取り"
		wantCode(t, db.UpdateCommunity(as(jiro), &edit), model.EFORBIDDEN)
		wantCode(t, db.UpdateCommunity(as(outsider), &edit), model.EFORBIDDEN)
		if got, _ := db.CommunityByID(as(hanako), c.ID); got.Name == "乗っ取り" {
			t.Fatal("name changed")
		}
	})
	t.Run("ErrNameRequired", func(t *testing.T) {
		edit := *c
		edit.Name = ""
		wantCode(t, db.UpdateCommunity(as(hanako), &edit), model.EINVALID)
	})
	t.Run("ErrNotFoundMembersOnly", func(t *testing.T) {
		secret := MustCreateCommunity(t, db, as(hanako), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
		edit := *secret
		wantCode(t, db.UpdateCommunity(as(outsider), &edit), model.ENOTFOUND)
	})
}

func TestJoinLeave(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	jiro := MustCreateStaff(t, db, "須賀 次郎", sukagawa, "総務課")
	ichiro := MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	c := MustCreateCommunity(t, db, as(hanako), "産休・育休カフェ", model.CategoryWorkLife, "", model.VisibilityOpen)
	count := func(t *testing.T) int {
		t.Helper()
		got, err := db.CommunityByID(as(hanako), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := MustQueryInt(t, db, `SELECT count(*) FROM memberships WHERE community_id = ?`, c.ID); n != got.MemberCount {
			t.Fatalf("member_count %d, memberships %d", got.MemberCount, n)
		}
		return got.MemberCount
	}

	t.Run("OK", func(t *testing.T) {
		if err := db.Join(as(jiro), c.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.Join(as(ichiro), c.ID); err != nil {
			t.Fatal(err)
		}
		if n := count(t); n != 3 {
			t.Fatalf("count %d after joins", n)
		}
		if got, _ := db.CommunityByID(as(jiro), c.ID); got.ViewerRole != model.MemberRegular {
			t.Fatalf("role %q", got.ViewerRole)
		}
		if err := db.Leave(as(ichiro), c.ID); err != nil {
			t.Fatal(err)
		}
		if n := count(t); n != 2 {
			t.Fatalf("count %d after leave", n)
		}
	})
	t.Run("ErrAlreadyMember", func(t *testing.T) {
		wantCode(t, db.Join(as(jiro), c.ID), model.ECONFLICT)
		if n := count(t); n != 2 {
			t.Fatalf("count %d", n)
		}
	})
	t.Run("ErrNotMember", func(t *testing.T) {
		wantCode(t, db.Leave(as(ichiro), c.ID), model.ECONFLICT)
		if n := count(t); n != 2 {
			t.Fatalf("count %d", n)
		}
	})
	t.Run("ErrLastOrganiser", func(t *testing.T) {
		err := db.Leave(as(hanako), c.ID)
		wantCode(t, err, model.ECONFLICT)
		if !strings.Contains(model.ErrorMessage(err), "世話役") {
			t.Fatalf("message %q", model.ErrorMessage(err))
		}
		if n := count(t); n != 2 {
			t.Fatalf("count %d", n)
		}
	})
	t.Run("OrganiserLeavesWhenAnotherRemains", func(t *testing.T) {
		MustExec(t, db, `UPDATE memberships SET role = 'organiser' WHERE community_id = ? AND staff_id = ?`, c.ID, jiro.ID)
		if err := db.Leave(as(hanako), c.ID); err != nil {
			t.Fatal(err)
		}
		if n := count(t); n != 1 {
			t.Fatalf("count %d", n)
		}
	})
	t.Run("ErrJoinMembersOnly", func(t *testing.T) {
		secret := MustCreateCommunity(t, db, as(hanako), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
		wantCode(t, db.Join(as(ichiro), secret.ID), model.ENOTFOUND)
	})
	t.Run("ErrNoViewer", func(t *testing.T) {
		wantCode(t, db.Join(context.Background(), c.ID), model.EFORBIDDEN)
	})
}

func TestMembers(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	jiro := MustCreateStaff(t, db, "須賀 次郎", sukagawa, "総務課")
	ichiro := MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	kenji := MustCreateStaff(t, db, "猪苗代 健二", inawashiro, "観光課")
	c := MustCreateCommunity(t, db, as(hanako), "地元の魅力発信", model.CategoryLocal, "", model.VisibilityOpen)
	for _, s := range []*model.Staff{jiro, ichiro, kenji} {
		if err := db.Join(as(s), c.ID); err != nil {
			t.Fatal(err)
		}
	}
	// The last to join becomes a second organiser: organisers come first.
	MustExec(t, db, `UPDATE memberships SET role = 'organiser' WHERE community_id = ? AND staff_id = ?`, c.ID, kenji.ID)

	t.Run("OK", func(t *testing.T) {
		ms, total, err := db.Members(as(ichiro), c.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.Role+":"+m.Staff.Name+"("+m.Staff.Municipality+")")
		}
		want := "organiser:安積 花子(郡山市),organiser:猪苗代 健二(猪苗代町),member:須賀 次郎(須賀川市),member:三春 一郎(三春町)"
		if strings.Join(got, ",") != want || total != 4 {
			t.Fatalf("got %v (%d), want %v", got, total, want)
		}
	})
	t.Run("Limit", func(t *testing.T) {
		ms, total, err := db.Members(as(ichiro), c.ID, 2)
		if err != nil || len(ms) != 2 || total != 4 {
			t.Fatalf("%d members of %d: %v", len(ms), total, err)
		}
	})
	t.Run("ErrNotFoundMembersOnly", func(t *testing.T) {
		secret := MustCreateCommunity(t, db, as(hanako), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
		_, _, err := db.Members(as(ichiro), secret.ID, 0)
		wantCode(t, err, model.ENOTFOUND)
	})
}
