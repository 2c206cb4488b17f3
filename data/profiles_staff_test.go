package data_test

import (
	"encoding/json"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// aoiProfile is a full profile: two past departments and three topics.
func aoiProfile() *model.Profile {
	return &model.Profile{
		JoinedYear: 2018,
		History: []model.PastPost{
			{Department: "税務部 資産税課", FromYear: 2021, ToYear: 2023},
			{Department: "市民部 市民課", FromYear: 2018, ToYear: 2020},
		},
		Topics: []model.Topic{
			{Kind: model.TopicExperience, Label: "育児休業", Note: "2023年度に10か月"},
			{Kind: model.TopicWork, Label: "固定資産税"},
			{Kind: model.TopicSystem, Label: "ＬｏＧｏチャット"},
		},
	}
}

func mustSaveProfile(tb testing.TB, db *data.DB, s *model.Staff, p *model.Profile) {
	tb.Helper()
	if err := db.SaveProfile(as(s), p); err != nil {
		tb.Fatal(err)
	}
}

func TestSaveProfile(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	aoi := MustCreateStaff(t, db, "高野 葵", koriyama, "財務部 財政課")
	colleague := MustCreateStaff(t, db, "熊田 剛", sukagawa, "総務部 総務課")

	t.Run("OK", func(t *testing.T) {
		mustSaveProfile(t, db, aoi, aoiProfile())
		p, err := db.ProfileByStaff(as(colleague), aoi.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Staff.Name != "高野 葵" || p.JoinedYear != 2018 || len(p.History) != 2 || p.History[0].Department != "市民部 市民課" {
			t.Fatalf("profile %+v, want history oldest first", p)
		}
		var kinds []string
		for _, tp := range p.Topics {
			kinds = append(kinds, string(tp.Kind)+":"+tp.Label)
		}
		if got := strings.Join(kinds, ","); got != "work:固定資産税,system:ＬｏＧｏチャット,experience:育児休業" {
			t.Errorf("topics %s, want grouped by kind", got)
		}
	})
	t.Run("NeverWrittenIsEmpty", func(t *testing.T) {
		p, err := db.ProfileByStaff(as(aoi), colleague.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.UpdatedAt != nil || len(p.History) != 0 || p.Staff.Department != "総務部 総務課" {
			t.Fatalf("profile %+v, want name and department only", p)
		}
		b, _ := json.Marshal(p)
		if !strings.Contains(string(b), `"history":[]`) {
			t.Errorf("JSON %s: an empty history should be a list", b)
		}
	})

	bad := []struct {
		name, key string
		change    func(p *model.Profile)
	}{
		{"ReversedYears", "err.profile.years", func(p *model.Profile) { p.History[0].FromYear, p.History[0].ToYear = 2023, 2021 }},
		{"Overlap", "err.profile.overlap", func(p *model.Profile) { p.History[1].ToYear = 2021 }},
		{"FutureYear", "err.profile.year_range", func(p *model.Profile) { p.History[0].ToYear = 2030 }},
		{"BeforeJoining", "err.profile.before_joined", func(p *model.Profile) { p.JoinedYear = 2019 }},
		{"JoinedInFuture", "err.profile.joined_year", func(p *model.Profile) { p.JoinedYear = 2031 }},
		{"NoDepartment", "err.required", func(p *model.Profile) { p.History[0].Department = " " }},
		{"TopicKind", "err.profile.topic_kind", func(p *model.Profile) { p.Topics[0].Kind = "hobby" }},
		{"DuplicateTopic", "err.profile.topic_duplicate", func(p *model.Profile) { p.Topics[1].Label = "LoGoチャット" }},
		{"LongTopic", "err.toolong", func(p *model.Profile) { p.Topics[1].Label = strings.Repeat("税", model.MaxTopicLen+1) }},
	}
	for _, c := range bad {
		t.Run("Err"+c.name, func(t *testing.T) {
			p := aoiProfile()
			c.change(p)
			err := db.SaveProfile(as(colleague), p)
			var e *model.Error
			if !errorsAs(err, &e) || e.Key != c.key || e.Code != model.EINVALID {
				t.Fatalf("err %v, want %s", err, c.key)
			}
			got, _ := db.ProfileByStaff(as(aoi), colleague.ID)
			if got.UpdatedAt != nil || len(got.History) != 0 {
				t.Errorf("profile %+v: nothing should be saved", got)
			}
		})
	}
	t.Run("ErrOthersProfile", func(t *testing.T) {
		p := aoiProfile()
		p.Staff.ID = aoi.ID
		err := db.SaveProfile(as(colleague), p)
		if model.ErrorCode(err) != model.EFORBIDDEN {
			t.Fatalf("err %v, want forbidden", err)
		}
	})
	t.Run("ErrPendingCannotRead", func(t *testing.T) {
		pending := &model.Staff{Name: "承認 待子", MunicipalityID: koriyama, Department: "総務課", Status: model.StaffPending}
		if err := db.CreateStaff(as(aoi), pending); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ProfileByStaff(as(pending), aoi.ID); model.ErrorCode(err) != model.EFORBIDDEN {
			t.Fatalf("err %v, want forbidden", err)
		}
		if _, err := db.SearchPeople(as(pending), model.PeopleQuery{Text: "固定資産税"}); model.ErrorCode(err) != model.EFORBIDDEN {
			t.Fatalf("search err %v, want forbidden", err)
		}
		if _, err := db.ProfileByStaff(as(aoi), pending.ID); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("err %v: a person not approved has no profile to show", err)
		}
	})
}

func searchNames(ms []model.PersonMatch) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Staff.Name)
	}
	return strings.Join(out, ",")
}

func TestSearchPeople(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	aoi := MustCreateStaff(t, db, "高野 葵", koriyama, "財務部 財政課")
	shun := MustCreateStaff(t, db, "菅野 駿", sukagawa, "税務課")
	daichi := MustCreateStaff(t, db, "矢吹 大地", sukagawa, "子育て支援課")
	hidden := MustCreateStaff(t, db, "隠岐 静", koriyama, "市民課")
	mustSaveProfile(t, db, aoi, aoiProfile())
	mustSaveProfile(t, db, daichi, &model.Profile{
		History: []model.PastPost{{Department: "税務課", FromYear: 2015, ToYear: 2019}},
		Topics:  []model.Topic{{Kind: model.TopicExperience, Label: "育休取得"}},
	})
	mustSaveProfile(t, db, hidden, &model.Profile{
		Hidden: true,
		Topics: []model.Topic{{Kind: model.TopicExperience, Label: "育休取得"}, {Kind: model.TopicWork, Label: "税務課の窓口"}},
	})
	search := func(t *testing.T, text, muni string) []model.PersonMatch {
		t.Helper()
		ms, err := db.SearchPeople(as(shun), model.PeopleQuery{Text: text, MunicipalityID: muni})
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}

	t.Run("ExperienceWordIsDropped", func(t *testing.T) {
		ms := search(t, "税務課 経験", "")
		if got := searchNames(ms); got != "矢吹 大地,菅野 駿" {
			t.Fatalf("found %s, want who was in 税務課 (history) and who is there", got)
		}
		if r := ms[0].Reasons; len(r) != 1 || r[0].Field != model.MatchHistory || r[0].Text != "税務課" {
			t.Errorf("reasons %+v, want the past department", r)
		}
		if r := ms[1].Reasons; r[0].Field != model.MatchDepartment {
			t.Errorf("reasons %+v, want the current department", r)
		}
	})
	t.Run("SynonymAndFilter", func(t *testing.T) {
		if got := searchNames(search(t, "育休", "")); got != "高野 葵,矢吹 大地" {
			t.Fatalf("found %s, want 育児休業 too and never the hidden profile", got)
		}
		if got := searchNames(search(t, "育休", sukagawa)); got != "矢吹 大地" {
			t.Fatalf("found %s in 須賀川市", got)
		}
	})
	t.Run("FullWidthAndReasons", func(t *testing.T) {
		ms := search(t, "logo", "")
		if len(ms) != 1 || ms[0].Reasons[0].Field != model.MatchSystem || ms[0].Reasons[0].Text != "ＬｏＧｏチャット" {
			t.Fatalf("found %+v", ms)
		}
		ms = search(t, "10か月", "")
		if len(ms) != 1 || ms[0].Reasons[0].Text != "育児休業 (2023年度に10か月)" {
			t.Fatalf("found %+v, want the topic's note to match", ms)
		}
	})
	t.Run("AllWordsMustMatch", func(t *testing.T) {
		if got := searchNames(search(t, "育休 固定資産税", "")); got != "高野 葵" {
			t.Fatalf("found %s", got)
		}
		if got := searchNames(search(t, "経験", "")); got != "" {
			t.Fatalf("found %s for a query of nothing but 経験", got)
		}
	})
	t.Run("HiddenNeverFound", func(t *testing.T) {
		for _, q := range []string{"隠岐", "窓口", "市民課", "育休"} {
			for _, viewer := range []*model.Staff{aoi, hidden} {
				ms, err := db.SearchPeople(as(viewer), model.PeopleQuery{Text: q})
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(searchNames(ms), "隠岐") {
					t.Errorf("%q as %s found the hidden profile", q, viewer.Name)
				}
			}
		}
		// Clicking the name shows others the name, municipality and
		// department alone; the person sees it whole.
		p, err := db.ProfileByStaff(as(aoi), hidden.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Staff.Name != "隠岐 静" || p.Staff.Department != "市民課" || len(p.Topics) != 0 || len(p.History) != 0 || !p.Hidden {
			t.Fatalf("a hidden profile shows others %+v", p)
		}
		if own, err := db.ProfileByStaff(as(hidden), hidden.ID); err != nil || len(own.Topics) != 2 {
			t.Fatalf("the person sees %+v, %v; want both topics", own, err)
		}
		if err := db.SetProfileHidden(as(hidden), false); err != nil {
			t.Fatal(err)
		}
		if got := searchNames(search(t, "窓口", "")); got != "隠岐 静" {
			t.Fatalf("found %q once shown again", got)
		}
	})
	t.Run("RevokedNotFound", func(t *testing.T) {
		MustExec(t, db, `UPDATE staff SET status = 'revoked' WHERE id = ?`, daichi.ID)
		if got := searchNames(search(t, "育休", "")); got != "隠岐 静,高野 葵" {
			t.Fatalf("found %s, want 矢吹 大地 gone", got)
		}
	})
	t.Run("DepartmentChangeFollows", func(t *testing.T) {
		MustExec(t, db, `UPDATE staff SET department = '観光課' WHERE id = ?`, aoi.ID)
		ms := search(t, "観光", "")
		if len(ms) != 1 || ms[0].Staff.ID != aoi.ID {
			t.Fatalf("found %+v", ms)
		}
	})
	t.Run("ErrQueryTooLong", func(t *testing.T) {
		_, err := db.SearchPeople(as(shun), model.PeopleQuery{Text: strings.Repeat("税", model.MaxPeopleQueryLen+1)})
		var e *model.Error
		if !errorsAs(err, &e) || e.Key != "err.people.query" {
			t.Fatalf("err %v", err)
		}
	})
}
