package data_test

import (
	"context"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// MustCreateHandover writes a handover note directly, with its sections in
// reverse order of position, so that the order they come back in is
// the query's doing.
func MustCreateHandover(tb testing.TB, db *data.DB, municipalityID, department, duty string, predecessor, successor *model.Staff, visibility string) string {
	tb.Helper()
	id := model.NewID(db.Now())
	var successorID any
	if successor != nil {
		successorID = successor.ID
	}
	at := data.FormatTime(db.Now())
	MustExec(tb, db, `INSERT INTO handovers (id, municipality_id, department, duty, predecessor_id, successor_id,
		effective_date, status, visibility, revision, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, '2027-04-01', 'handed_over', ?, 2, ?, ?)`,
		id, municipalityID, department, duty, predecessor.ID, successorID, visibility, at, at)
	for i := len(model.DefaultSectionTitles) - 1; i >= 0; i-- {
		MustExec(tb, db, `INSERT INTO handover_sections (id, handover_id, position, title, body) VALUES (?, ?, ?, ?, ?)`,
			model.NewID(db.Now()), id, i, model.DefaultSectionTitles[i], "## "+model.DefaultSectionTitles[i]+"\n\n- 4月: 当初予算の執行開始")
	}
	return id
}

func TestHandovers(t *testing.T) {
	db := MustOpenTestDB(t)
	pred := MustCreateStaff(t, db, "安積 花子", koriyama, "税務課")
	succ := MustCreateStaff(t, db, "須賀 次郎", koriyama, "市民課")
	colleague := MustCreateStaff(t, db, "郡 三郎", koriyama, "税務課")
	otherDept := MustCreateStaff(t, db, "郡山 四郎", koriyama, "観光課")
	otherTown := MustCreateStaff(t, db, "三春 一郎", miharu, "税務課")

	dept := MustCreateHandover(t, db, koriyama, "税務課", "固定資産税の賦課", pred, succ, model.HandoverVisDepartment)
	city := MustCreateHandover(t, db, koriyama, "税務課", "市県民税の特別徴収", pred, nil, model.HandoverVisMunicipality)
	area := MustCreateHandover(t, db, koriyama, "税務課", "広域圏の税務研修の事務局", pred, nil, model.HandoverVisArea)

	visible := func(t *testing.T, s *model.Staff) string {
		t.Helper()
		hs, total, err := db.FindHandovers(as(s), model.HandoverFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != len(hs) {
			t.Fatalf("total %d, %d notes", total, len(hs))
		}
		var ids []string
		for _, h := range hs {
			ids = append(ids, h.ID)
			_, err := db.HandoverByID(as(s), h.ID)
			if err != nil {
				t.Fatalf("listed but not readable: %v", err)
			}
		}
		return strings.Join(ids, ",")
	}
	list := func(ids ...string) string { return strings.Join(ids, ",") }

	t.Run("PredecessorAndSameDepartment", func(t *testing.T) {
		for _, s := range []*model.Staff{pred, colleague} {
			if got := visible(t, s); got != list(area, city, dept) {
				t.Fatalf("%s sees %s", s.Name, got)
			}
		}
	})
	t.Run("SuccessorFromAnotherDepartment", func(t *testing.T) {
		if got := visible(t, succ); got != list(area, city, dept) {
			t.Fatalf("successor sees %s", got)
		}
	})
	t.Run("OtherDepartmentNo", func(t *testing.T) {
		if got := visible(t, otherDept); got != list(area, city) {
			t.Fatalf("other department sees %s", got)
		}
		_, err := db.HandoverByID(as(otherDept), dept)
		wantCode(t, err, model.ENOTFOUND)
	})
	t.Run("OtherMunicipalitySameDepartmentNo", func(t *testing.T) {
		if got := visible(t, otherTown); got != list(area) {
			t.Fatalf("other municipality sees %s", got)
		}
		_, err := db.HandoverByID(as(otherTown), city)
		wantCode(t, err, model.ENOTFOUND)
	})
	t.Run("NobodySeesAreaOnly", func(t *testing.T) {
		hs, _, err := db.FindHandovers(context.Background(), model.HandoverFilter{})
		if err != nil || len(hs) != 1 || hs[0].ID != area {
			t.Fatalf("%+v %v", hs, err)
		}
	})
	t.Run("ByID", func(t *testing.T) {
		h, err := db.HandoverByID(as(colleague), dept)
		if err != nil {
			t.Fatal(err)
		}
		if h.Duty != "固定資産税の賦課" || h.Municipality != "郡山市" || h.PredecessorName != "安積 花子" ||
			h.SuccessorID != succ.ID || h.SuccessorName != "須賀 次郎" || h.EffectiveDate.Format("2006-01-02") != "2027-04-01" ||
			h.Status != model.HandoverHandedOver || h.Revision != 2 {
			t.Fatalf("note %+v", h)
		}
		if len(h.Sections) != len(model.DefaultSectionTitles) {
			t.Fatalf("%d sections", len(h.Sections))
		}
		for i, s := range h.Sections {
			if s.Position != i || s.Title != model.DefaultSectionTitles[i] {
				t.Fatalf("section %d: %+v", i, s)
			}
		}
		undecided, err := db.HandoverByID(as(colleague), city)
		if err != nil || undecided.SuccessorID != "" || undecided.SuccessorName != "" {
			t.Fatalf("未定 successor: %+v %v", undecided, err)
		}
	})
	t.Run("Filter", func(t *testing.T) {
		hs, total, err := db.FindHandovers(as(pred), model.HandoverFilter{Query: "市県民税"})
		if err != nil || total != 1 || hs[0].ID != city {
			t.Fatalf("%+v %d %v", hs, total, err)
		}
		hs, total, err = db.FindHandovers(as(pred), model.HandoverFilter{Status: model.HandoverDraft})
		if err != nil || total != 0 || len(hs) != 0 {
			t.Fatalf("drafts %+v %d %v", hs, total, err)
		}
		hs, total, err = db.FindHandovers(as(pred), model.HandoverFilter{Limit: 1, Offset: 1})
		if err != nil || total != 3 || len(hs) != 1 || hs[0].ID != city {
			t.Fatalf("page %+v %d %v", hs, total, err)
		}
	})
}
