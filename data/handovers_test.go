package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

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
	t.Parallel()
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

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// newNote creates a draft as pred through the service.
func newNote(t *testing.T, db *data.DB, pred *model.Staff, duty string) *model.Handover {
	t.Helper()
	h := &model.Handover{Duty: duty, EffectiveDate: date(2027, 4, 1)}
	if err := db.CreateHandover(as(pred), h); err != nil {
		t.Fatal(err)
	}
	return h
}

func TestHandoverLifecycle(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	pred := MustCreateStaff(t, db, "安積 花子", koriyama, "財政課")
	succ := MustCreateStaff(t, db, "須賀 次郎", koriyama, "市民課")
	colleague := MustCreateStaff(t, db, "郡 三郎", koriyama, "財政課")

	h := newNote(t, db, pred, "歳入予算の編成\x1b[31m")
	if h.Duty != "歳入予算の編成[31m" || h.Status != model.HandoverDraft || h.Revision != 1 || h.Department != "財政課" ||
		h.Municipality != "郡山市" || h.Visibility != model.HandoverVisDepartment || h.SuccessorID != "" {
		t.Fatalf("created %+v", h)
	}
	for i, s := range h.Sections {
		if s.Title != model.DefaultSectionTitles[i] || s.Body != "" {
			t.Fatalf("template section %d: %+v", i, s)
		}
	}

	t.Run("AcknowledgeDraftRefused", func(t *testing.T) {
		// Not named yet, 須賀 of another department cannot even read it.
		wantCode(t, db.Acknowledge(as(succ), h.ID, ""), model.ENOTFOUND)
		err := db.Acknowledge(as(colleague), h.ID, "")
		wantCode(t, err, model.EFORBIDDEN)
		if !strings.Contains(model.ErrorMessage(err), "未定") {
			t.Fatalf("message %q", model.ErrorMessage(err))
		}
		if err := db.SetSuccessor(as(pred), h.ID, succ.ID); err != nil {
			t.Fatal(err)
		}
		err = db.Acknowledge(as(succ), h.ID, "")
		wantCode(t, err, model.ECONFLICT)
		if !strings.Contains(model.ErrorMessage(err), "作成中") {
			t.Fatalf("message %q", model.ErrorMessage(err))
		}
	})
	t.Run("OnlyPredecessorNamesAndHandsOver", func(t *testing.T) {
		wantCode(t, db.SetSuccessor(as(colleague), h.ID, colleague.ID), model.EFORBIDDEN)
		wantCode(t, db.SetSuccessor(as(pred), h.ID, pred.ID), model.EINVALID)
		wantCode(t, db.MarkHandedOver(as(succ), h.ID, nil), model.EFORBIDDEN)
		got, _ := db.HandoverByID(as(pred), h.ID)
		if got.Status != model.HandoverDraft || got.SuccessorID != succ.ID || got.SuccessorName != "須賀 次郎" {
			t.Fatalf("after refusals %+v", got)
		}
	})
	t.Run("HandOver", func(t *testing.T) {
		if err := db.MarkHandedOver(as(pred), h.ID, nil); err != nil {
			t.Fatal(err)
		}
		got, _ := db.HandoverByID(as(succ), h.ID)
		if got.Status != model.HandoverHandedOver || got.HandedOverAt == nil || got.QuestionsUntil == nil ||
			got.QuestionsUntil.Format("2006-01-02") != "2028-01-04" {
			t.Fatalf("handed over %+v until %v", got, got.QuestionsUntil)
		}
		wantCode(t, db.MarkHandedOver(as(pred), h.ID, nil), model.ECONFLICT)
	})
	t.Run("AcknowledgeOnlySuccessor", func(t *testing.T) {
		err := db.Acknowledge(as(colleague), h.ID, "")
		wantCode(t, err, model.EFORBIDDEN)
		if !strings.Contains(model.ErrorMessage(err), "須賀 次郎") {
			t.Fatalf("message %q", model.ErrorMessage(err))
		}
		wantCode(t, db.Acknowledge(as(pred), h.ID, ""), model.EFORBIDDEN)
		if err := db.Acknowledge(as(succ), h.ID, "  ありがとうございました\x07  "); err != nil {
			t.Fatal(err)
		}
		got, _ := db.HandoverByID(as(pred), h.ID)
		if got.Status != model.HandoverAcknowledged || got.AcknowledgedAt == nil || got.AckComment != "ありがとうございました" ||
			!got.AcknowledgedAt.After(*got.HandedOverAt) {
			t.Fatalf("acknowledged %+v", got)
		}
		wantCode(t, db.Acknowledge(as(succ), h.ID, ""), model.ECONFLICT)
		wantCode(t, db.SetSuccessor(as(pred), h.ID, colleague.ID), model.ECONFLICT)
	})
}

func TestHandoverRevisionsAndDiff(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	pred := MustCreateStaff(t, db, "安積 花子", koriyama, "財政課")
	colleague := MustCreateStaff(t, db, "郡 三郎", koriyama, "財政課")
	h := newNote(t, db, pred, "地方交付税の算定")

	secs := h.Sections
	secs[1].Body = "| 月 | 作業 |\n| --- | --- |\n| 7月 | 普通交付税の算定 |\n| 10月 | 予算要求 |"
	h2, err := db.SaveSections(as(pred), h.ID, 1, secs)
	if err != nil {
		t.Fatal(err)
	}
	if h2.Revision != 2 || h2.Sections[1].Body != secs[1].Body {
		t.Fatalf("saved %+v", h2)
	}

	t.Run("StaleBaseRefused", func(t *testing.T) {
		_, err := db.SaveSections(as(pred), h.ID, 1, secs)
		wantCode(t, err, model.ECONFLICT)
	})
	t.Run("OnlyPredecessorEdits", func(t *testing.T) {
		_, err := db.SaveSections(as(colleague), h.ID, 2, secs)
		wantCode(t, err, model.EFORBIDDEN)
	})
	t.Run("Limits", func(t *testing.T) {
		big := append([]model.HandoverSection{}, h2.Sections...)
		big[0].Body = strings.Repeat("あ", model.MaxSectionBodyLen+1)
		_, err := db.SaveSections(as(pred), h.ID, 2, big)
		wantCode(t, err, model.EINVALID)
		if e := err.(*model.Error); e.Field != "section_body" {
			t.Fatalf("field %q", e.Field)
		}
		_, err = db.SaveSections(as(pred), h.ID, 2, nil)
		wantCode(t, err, model.EINVALID)
		untitled := append([]model.HandoverSection{}, h2.Sections...)
		untitled[2].Title = " "
		_, err = db.SaveSections(as(pred), h.ID, 2, untitled)
		wantCode(t, err, model.EINVALID)
	})
	t.Run("UnchangedSaveKeepsNoRevision", func(t *testing.T) {
		got, err := db.SaveSections(as(pred), h.ID, 2, h2.Sections)
		if err != nil || got.Revision != 2 {
			t.Fatalf("%+v %v", got, err)
		}
	})

	// Rename, reorder, add, remove and edit in one save.
	s := h2.Sections
	s[1].Body = "| 月 | 作業 |\n| --- | --- |\n| 7月 | 普通交付税の算定 |\n| 10月 | 予算要求の締切 |\n| 2月 | 特別交付税 |"
	s[4].Title = "注意点"
	next := []model.HandoverSection{s[1], s[0], s[2], s[4], s[5], {Title: "引き継ぎ後の連絡", Body: "- 4月中は内線で"}}
	h3, err := db.SaveSections(as(pred), h.ID, 2, next)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, x := range h3.Sections {
		titles = append(titles, x.Title)
	}
	if got := strings.Join(titles, ","); got != "年間スケジュール,業務概要,関係先・連絡先,注意点,参考資料・ファイルの場所,引き継ぎ後の連絡" {
		t.Fatalf("sections %s", got)
	}

	revs, err := db.Revisions(as(colleague), h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 3 || revs[0].Number != 3 || revs[2].Number != 1 || revs[0].AuthorName != "安積 花子" {
		t.Fatalf("revisions %+v", revs)
	}

	diff, err := db.DiffRevisions(as(colleague), h.ID, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]model.SectionDiff{}
	for _, d := range diff {
		byTitle[d.Title] = d
	}
	sched := byTitle["年間スケジュール"]
	if sched.Change != model.SectionChanged || sched.OldPosition != 1 || sched.NewPosition != 0 {
		t.Fatalf("schedule %+v", sched)
	}
	var lines []string
	for _, l := range sched.Lines {
		lines = append(lines, string(l.Op)+l.Text)
	}
	want := []string{"~2", " | --- | --- |", " | 7月 | 普通交付税の算定 |", "-| 10月 | 予算要求 |", "+| 10月 | 予算要求の締切 |", "+| 2月 | 特別交付税 |"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("schedule lines:\n%s", strings.Join(lines, "\n"))
	}
	if d := byTitle["注意点"]; d.Change != model.SectionChanged || d.OldTitle != "注意点・よくある質問" || len(d.Lines) != 0 {
		t.Fatalf("renamed %+v", d)
	}
	if d := byTitle["進行中の案件"]; d.Change != model.SectionRemoved || d.NewPosition != -1 {
		t.Fatalf("removed %+v", d)
	}
	if d := byTitle["引き継ぎ後の連絡"]; d.Change != model.SectionAdded || len(d.Lines) != 1 || d.Lines[0].Op != model.DiffAdded {
		t.Fatalf("added %+v", d)
	}
	if d := byTitle["業務概要"]; d.Change != model.SectionSame {
		t.Fatalf("moved but same %+v", d)
	}
	if diff[len(diff)-1].Title != "進行中の案件" {
		t.Fatalf("removed sections come last: %+v", diff)
	}
	_, err = db.DiffRevisions(as(colleague), h.ID, 2, 9)
	wantCode(t, err, model.ENOTFOUND)
}

func TestHandoverQuestions(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	pred := MustCreateStaff(t, db, "安積 花子", koriyama, "財政課")
	succ := MustCreateStaff(t, db, "須賀 次郎", koriyama, "市民課")
	colleague := MustCreateStaff(t, db, "郡 三郎", koriyama, "財政課")
	outsider := MustCreateStaff(t, db, "郡山 四郎", koriyama, "観光課")
	h := newNote(t, db, pred, "地方債の借入")
	other := newNote(t, db, colleague, "決算統計")
	if err := db.SetSuccessor(as(pred), h.ID, succ.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkHandedOver(as(pred), h.ID, nil); err != nil {
		t.Fatal(err)
	}

	q1, err := db.AskQuestion(as(succ), h.ID, "借入の見積合わせは\x1b]0;x\x07何社に？")
	if err != nil {
		t.Fatal(err)
	}
	if q1.Body != "借入の見積合わせは]0;x何社に？" || q1.AuthorName != "須賀 次郎" || q1.Duty != "地方債の借入" {
		t.Fatalf("question %+v", q1)
	}
	q2, err := db.AskQuestion(as(colleague), h.ID, "借換えの協議はどこまで？")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AskQuestion(as(pred), other.ID, "決算統計の締切は？"); err != nil {
		t.Fatal(err)
	}
	_, err = db.AskQuestion(as(outsider), h.ID, "見えないはず")
	wantCode(t, err, model.ENOTFOUND)
	_, err = db.AskQuestion(as(pred), h.ID, "自問自答")
	wantCode(t, err, model.EINVALID)

	mine, err := db.QuestionsForMe(as(pred))
	if err != nil || len(mine) != 2 || mine[0].ID != q2.ID || mine[1].ID != q1.ID {
		t.Fatalf("inbox %+v %v", mine, err)
	}
	if theirs, _ := db.QuestionsForMe(as(succ)); len(theirs) != 0 {
		t.Fatalf("successor's inbox %+v", theirs)
	}

	wantCode(t, db.AnswerQuestion(as(succ), q1.ID, "3社です"), model.EFORBIDDEN)
	if err := db.AnswerQuestion(as(pred), q1.ID, "指定金融機関を含む3社です"); err != nil {
		t.Fatal(err)
	}
	mine, _ = db.QuestionsForMe(as(pred))
	if len(mine) != 1 || mine[0].ID != q2.ID {
		t.Fatalf("inbox after answer %+v", mine)
	}
	qs, err := db.Questions(as(colleague), h.ID)
	if err != nil || len(qs) != 2 || !qs[0].Answered() || qs[0].Answer != "指定金融機関を含む3社です" || qs[0].AnsweredByName != "安積 花子" || qs[1].Answered() {
		t.Fatalf("questions %+v %v", qs, err)
	}
	_, err = db.Questions(as(outsider), h.ID)
	wantCode(t, err, model.ENOTFOUND)

	t.Run("ClosedAfterQuestionsUntil", func(t *testing.T) {
		db.Now = func() time.Time { return date(2028, 1, 5) }
		_, err := db.AskQuestion(as(succ), h.ID, "まだ聞けますか")
		wantCode(t, err, model.ECONFLICT)
		if !strings.Contains(model.ErrorMessage(err), "2028年1月4日") {
			t.Fatalf("message %q", model.ErrorMessage(err))
		}
		db.Now = func() time.Time { return date(2028, 1, 4).Add(14 * time.Hour) } // 23:00 JST on the last day
		if _, err := db.AskQuestion(as(succ), h.ID, "最終日です"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestHandoverFilters(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	pred := MustCreateStaff(t, db, "安積 花子", koriyama, "財政課")
	succ := MustCreateStaff(t, db, "須賀 次郎", koriyama, "市民課")
	colleague := MustCreateStaff(t, db, "郡 三郎", koriyama, "財政課")
	a := newNote(t, db, pred, "地方債の借入")
	b := newNote(t, db, colleague, "決算統計")
	c := MustCreateHandover(t, db, koriyama, "市民課", "住民票の交付", colleague, pred, model.HandoverVisMunicipality)
	if err := db.SetSuccessor(as(pred), a.ID, succ.ID); err != nil {
		t.Fatal(err)
	}
	ids := func(f model.HandoverFilter, s *model.Staff) string {
		t.Helper()
		hs, total, err := db.FindHandovers(as(s), f)
		if err != nil || total != len(hs) {
			t.Fatalf("%v %d", err, total)
		}
		var out []string
		for _, h := range hs {
			out = append(out, h.Duty)
		}
		return strings.Join(out, ",")
	}
	cases := []struct {
		name string
		f    model.HandoverFilter
		who  *model.Staff
		want string
	}{
		{"MineAsPredecessor", model.HandoverFilter{Mine: model.MineAsPredecessor}, pred, "地方債の借入"},
		{"MineAsSuccessor", model.HandoverFilter{Mine: model.MineAsSuccessor}, pred, "住民票の交付"},
		{"MineEither", model.HandoverFilter{Mine: model.MineAsEither}, pred, "地方債の借入,住民票の交付"}, // 地方債 was updated last
		{"Department", model.HandoverFilter{Department: "市民課"}, colleague, "住民票の交付"},
		{"DepartmentNotVisible", model.HandoverFilter{Department: "財政課"}, succ, "地方債の借入"},
		{"Status", model.HandoverFilter{Status: model.HandoverHandedOver}, pred, "住民票の交付"},
		{"WordsInSectionTitle", model.HandoverFilter{Query: "借入 スケジュール"}, colleague, "地方債の借入"},
		{"WordsInDepartment", model.HandoverFilter{Query: "市民"}, pred, "住民票の交付"},
	}
	_ = b
	_ = c
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ids(tc.f, tc.who); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestScheduleToCalendar(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	pred := MustCreateStaff(t, db, "安積 花子", koriyama, "財政課")
	succ := MustCreateStaff(t, db, "須賀 次郎", koriyama, "市民課")
	colleague := MustCreateStaff(t, db, "郡 三郎", koriyama, "財政課")
	com := MustCreateCommunity(t, db, as(succ), "市役所の一年の流れ", model.CategoryLearning, "", model.VisibilityOpen)
	h := newNote(t, db, pred, "歳入予算の編成")
	if err := db.SetSuccessor(as(pred), h.ID, succ.ID); err != nil {
		t.Fatal(err)
	}
	items := model.ScheduleItems("| 月 | 作業 |\n| --- | --- |\n| 6〜7月 | 普通交付税の算定 |\n- １０月: 予算要求\n13月 ない月\n")
	if len(items) != 2 || items[0] != (model.ScheduleItem{Month: 6, Text: "普通交付税の算定"}) || items[1] != (model.ScheduleItem{Month: 10, Text: "予算要求"}) {
		t.Fatalf("items %+v", items)
	}
	_, err := db.AddScheduleToCalendar(as(colleague), h.ID, com.ID, items)
	wantCode(t, err, model.EFORBIDDEN)
	n, err := db.AddScheduleToCalendar(as(succ), h.ID, com.ID, items)
	if err != nil || n != 2 {
		t.Fatalf("%d %v", n, err)
	}
	occ, err := db.Occurrences(as(succ), jst(2027, 1, 1, 0, 0), jst(2029, 1, 1, 0, 0), com.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range occ {
		got = append(got, o.Start.In(tokyo).Format("2006-01-02")+" "+o.Event.Title)
	}
	if strings.Join(got, ",") != "2027-06-01 普通交付税の算定,2027-10-01 予算要求,2028-06-01 普通交付税の算定,2028-10-01 予算要求" {
		t.Fatalf("yearly events %v", got)
	}
}
