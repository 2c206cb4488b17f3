package data_test

import (
	"context"
	"testing"
	"time"

	"hiroba/model"
)

// On a drill copy, the people to choose from at first start are the staff
// the copy was taken with: someone registered on the laptop is not among
// them (a merge does not take them, and what they write is set aside), nor
// is anyone who may not sign in. The shared database is no copy: nobody.
func TestDrillStaff(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	ctx := context.Background()
	must(t, w.db.RevokeStaff(w.op, w.saburo.ID))
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 30, 0, 0, time.UTC))
	twin := &model.Staff{Name: "安積 花子", MunicipalityID: koriyama, Department: "防災課"}
	must(t, laptop.CreateStaff(ctx, twin))

	got, err := laptop.DrillStaff(ctx)
	must(t, err)
	names := map[string]bool{}
	for _, s := range got {
		names[s.ID] = true
	}
	for _, s := range []*model.Staff{w.hanako, w.ichiro, w.jiro} {
		if !names[s.ID] {
			t.Errorf("%s, taken with the copy, is not listed", s.Name)
		}
	}
	if names[twin.ID] {
		t.Error("the person registered on the laptop is listed")
	}
	if names[w.saburo.ID] {
		t.Error("a staff member who may not sign in is listed")
	}
	if len(got) != 3 {
		t.Errorf("listed %d, want 3: %+v", len(got), got)
	}
	if shared, err := w.db.DrillStaff(ctx); err != nil || shared != nil {
		t.Errorf("the shared database lists %+v %v", shared, err)
	}
}
