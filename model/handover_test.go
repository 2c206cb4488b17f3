package model_test

import (
	"reflect"
	"testing"

	"hiroba/model"
)

// A note's schedule is what its 年間スケジュール section says, not the
// months other sections happen to begin lines with.
func TestHandoverSchedule(t *testing.T) {
	h := model.Handover{Sections: []model.HandoverSection{
		{Title: "業務概要", Body: "4月 人事異動の内示"},
		{Title: model.DefaultSectionTitles[1], Body: "| 月 | 作業 |\n| --- | --- |\n| 6〜7月 | 普通交付税の算定 |\n- １０月: 予算要求"},
		{Title: "注意点・よくある質問", Body: "10月は忙しい"},
	}}
	want := []model.ScheduleItem{{Month: 6, Text: "普通交付税の算定"}, {Month: 10, Text: "予算要求"}}
	if got := h.Schedule(); !reflect.DeepEqual(got, want) {
		t.Fatalf("schedule %+v, want %+v", got, want)
	}
}
