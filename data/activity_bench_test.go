package data_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// benchActivityDB opens the scale-1 database the program's generator
// makes (`go run . seed --db $TMPDIR/activity/s1.db --scale 1`;
// HIROBA_ACTIVITY_DB names another file), or skips. It returns the
// database, the staff member with the most plans of the fiscal year, the
// supervisor who oversees the most people, the one with the most
// requests waiting, and an administrator.
func benchActivityDB(b *testing.B) (db *data.DB, user, supervisor, busiest, admin context.Context) {
	b.Helper()
	path := os.Getenv("HIROBA_ACTIVITY_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), "activity", "s1.db")
	}
	if _, err := os.Stat(path); err != nil {
		b.Skipf("%s: not made yet (see benchActivityDB)", path)
	}
	db, err := data.Open(path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	var userID, supID, busyID, adminID string
	fy := model.FiscalYearPeriod(model.FiscalYearOf(model.Day(time.Now(), tokyo)))
	err = db.Bulk(context.Background(), func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT staff_id FROM plans WHERE start_date >= ? GROUP BY staff_id ORDER BY count(*) DESC LIMIT 1`,
			fy.From.Format("2006-01-02")).Scan(&userID); err != nil {
			return err
		}
		// A 部長 of the largest city: the widest scope below a whole
		// municipality.
		if err := tx.QueryRow(`SELECT v.staff_id FROM supervisors v JOIN staff s ON s.id = v.staff_id
			WHERE v.scope NOT LIKE '% %' AND v.scope <> '*' AND s.department LIKE v.scope || ' %'
			ORDER BY (SELECT count(*) FROM staff o WHERE o.municipality_id = v.municipality_id AND o.department LIKE v.scope || ' %') DESC
			LIMIT 1`).Scan(&supID); err != nil {
			return err
		}
		if err := tx.QueryRow(`SELECT v.staff_id FROM supervisors v JOIN plans p ON p.state = 'submitted'
			AND p.municipality_id = v.municipality_id AND p.department = v.scope
			GROUP BY v.staff_id ORDER BY count(*) DESC LIMIT 1`).Scan(&busyID); err != nil {
			return err
		}
		return tx.QueryRow(`SELECT id FROM staff WHERE status = 'active' ORDER BY created_at, id LIMIT 1`).Scan(&adminID)
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	return db, model.WithViewer(ctx, userID), model.WithViewer(ctx, supID), model.WithViewer(ctx, busyID), model.WithViewer(ctx, adminID)
}

// BenchmarkLedger is opening the 活動 tab: my month, year and plans.
func BenchmarkLedger(b *testing.B) {
	db, user, _, _, _ := benchActivityDB(b)
	var l *model.Ledger
	loop(b, func() {
		var err error
		if l, err = db.Ledger(user, "", time.Time{}); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(float64(len(l.Plans)), "plans")
}

// BenchmarkDepartmentUse is a 部長's view of everyone in the division.
func BenchmarkDepartmentUse(b *testing.B) {
	db, _, sup, _, _ := benchActivityDB(b)
	var u *model.DepartmentUse
	loop(b, func() {
		var err error
		if u, err = db.DepartmentUse(sup, time.Time{}); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(float64(len(u.People)), "people")
}

// BenchmarkQueue is the requests waiting for the busiest supervisor.
func BenchmarkQueue(b *testing.B) {
	db, _, _, sup, _ := benchActivityDB(b)
	var q []model.PlanRequest
	loop(b, func() {
		var err error
		if q, err = db.Queue(sup); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(float64(len(q)), "requests")
}

// BenchmarkInboxWithPlans is the inbox of the busiest supervisor:
// replies and plans.
func BenchmarkInboxWithPlans(b *testing.B) {
	db, _, _, sup, _ := benchActivityDB(b)
	loop(b, func() {
		if _, err := db.Inbox(sup, 200); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkReportFiscalYear is 人事課's report of the whole area's year.
func BenchmarkReportFiscalYear(b *testing.B) {
	db, _, _, _, admin := benchActivityDB(b)
	fy := model.FiscalYearOf(model.Day(time.Now(), tokyo))
	loop(b, func() {
		if _, err := db.ActivityReport(admin, model.ReportFilter{FiscalYear: fy}); err != nil {
			b.Fatal(err)
		}
	})
}
