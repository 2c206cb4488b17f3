package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// benchSupervisor returns the scale database (benchDB) and the 部長 of
// the first municipality who oversees the most people: the widest scope
// below a whole municipality, the worst case of both views.
func benchSupervisor(b *testing.B) (*data.DB, string, int) {
	b.Helper()
	db, staff := benchDB(b)
	ctx := model.WithViewer(context.Background(), staff)
	me, err := db.StaffByID(ctx, staff)
	if err != nil {
		b.Fatal(err)
	}
	sups, err := db.Supervisors(ctx, me.MunicipalityID)
	if err != nil {
		b.Fatal(err)
	}
	best, most := "", -1
	for _, s := range sups {
		if s.Lapsed || s.Scope == model.ScopeMunicipality || strings.Contains(s.Scope, " ") {
			continue
		}
		u, err := db.DepartmentUse(model.WithViewer(ctx, s.ID), time.Time{})
		if err == nil && len(u.People) > most {
			best, most = s.ID, len(u.People)
		}
	}
	if best == "" {
		b.Skip("no 部長 in the scale database")
	}
	return db, best, most
}

// BenchmarkActivityOpen is pressing 5 until the 活動 tab is drawn: the
// ledger with the year's plans, the first plan's history, the role.
func BenchmarkActivityOpen(b *testing.B) {
	db, sup, _ := benchSupervisor(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		h := startHarness(b, db, sup, "ja", 80, 24)
		b.StartTimer()
		h.key("5")
		if v := h.app.View(); !strings.Contains(v.Content, "2026") && !strings.Contains(v.Content, "年度") {
			b.Fatalf("not the tab:\n%s", h.screen())
		}
	}
}

// BenchmarkActivityDepartment is switching the open tab to the
// department view until it is drawn: everyone the 部長 oversees with
// their month and year, and the first person's ledger beside.
func BenchmarkActivityDepartment(b *testing.B) {
	db, sup, people := benchSupervisor(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		h := startHarness(b, db, sup, "ja", 80, 24)
		h.key("5", "v")
		b.StartTimer()
		h.key("v")
		if v := h.app.View(); !strings.Contains(v.Content, "所属の利用") {
			b.Fatalf("not the department:\n%s", h.screen())
		}
	}
	b.ReportMetric(float64(people), "people")
}
