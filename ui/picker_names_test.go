package ui_test

import (
	"context"
	"testing"

	"hiroba/model"
)

// Two people of the same name in the same department are told apart in
// a list of people by the end of their staff ID.
func TestPickerTellsNamesakesApart(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	// Not a supervisor: the list of U marks those (所属長), which tells
	// namesakes apart without their IDs.
	iwasaki := h.other("岩崎 愛")
	twin := &model.Staff{Name: "岩崎 愛", MunicipalityID: iwasaki.MunicipalityID, Department: iwasaki.Department}
	if err := h.db.CreateStaff(context.Background(), twin); err != nil {
		t.Fatal(err)
	}
	h = startHarness(t, h.db, h.staff, "ja", 100, 30)
	h.key("U")
	h.typeText("岩崎")
	for _, s := range []*model.Staff{iwasaki, twin} {
		h.mustShow("岩崎 愛  " + iwasaki.Municipality + " " + iwasaki.Department + "  ID …" + s.ID[len(s.ID)-4:])
	}
	h.mustNotShow("高野 葵  郡山市 財務部 財政課  ID") // no namesake, nothing added
	h.key("esc", "3")
	newNote(h, "公用車の管理")
	h.key("N")
	h.typeText("岩崎")
	h.mustShow("岩崎 愛  " + iwasaki.Department + "  ID …" + twin.ID[len(twin.ID)-4:])
}
