package data_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// benchEventsDB opens the scale-1 database that ui/bench_test.go makes and
// caches ($TMPDIR/hiroba-bench-scale-1.db; HIROBA_BENCH_SCALE picks another
// scale), and returns a context acting as the staff member listed
// first. The benchmark is skipped when the file has not been made yet: run
// `go test ./ui -run X -bench OpenFirstFrame -benchtime 1x` once to make it.
func benchEventsDB(b *testing.B) (*data.DB, context.Context) {
	b.Helper()
	scale := os.Getenv("HIROBA_BENCH_SCALE")
	if scale == "" {
		scale = "1"
	}
	path := filepath.Join(os.TempDir(), "hiroba-bench-scale-"+scale+".db")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("%s: not made yet (see benchEventsDB)", path)
	}
	// Opened for writing, as ui's benchDB does, so that the file gets the
	// newest schema's indexes; the benchmarks themselves only read.
	db, err := data.Open(path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	staff, err := db.FindStaff(context.Background(), 0, 1)
	if err != nil || len(staff) == 0 {
		b.Fatal("no staff", err)
	}
	return db, model.WithViewer(context.Background(), staff[0].ID)
}

// benchMonth is the current month in Tokyo: the generator spreads events
// from a year before it was run to half a year after.
func benchMonth() (time.Time, time.Time) {
	now := time.Now().In(tokyo)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, tokyo)
	return from, from.AddDate(0, 1, 0)
}

// BenchmarkMonthOccurrences expands one month of every community the
// viewer can see: what the agenda of a month needs.
func BenchmarkMonthOccurrences(b *testing.B) {
	db, ctx := benchEventsDB(b)
	from, to := benchMonth()
	var n int
	for b.Loop() {
		os, err := db.Occurrences(ctx, from, to, "")
		if err != nil {
			b.Fatal(err)
		}
		n = len(os)
	}
	b.ReportMetric(float64(n), "occurrences")
}

// BenchmarkMonthOccurrenceDays counts one month's occurrences per day of
// every community the viewer can see: what the month grid needs.
func BenchmarkMonthOccurrenceDays(b *testing.B) {
	db, ctx := benchEventsDB(b)
	from, to := benchMonth()
	var n int
	for b.Loop() {
		days, err := db.OccurrenceDays(ctx, from, to, "")
		if err != nil {
			b.Fatal(err)
		}
		n = 0
		for _, c := range days {
			n += c
		}
	}
	b.ReportMetric(float64(n), "occurrences")
}

// BenchmarkWeekOccurrences expands one week: the agenda beside the grid.
func BenchmarkWeekOccurrences(b *testing.B) {
	db, ctx := benchEventsDB(b)
	from, _ := benchMonth()
	from = from.AddDate(0, 0, 7)
	var n int
	for b.Loop() {
		os, err := db.Occurrences(ctx, from, from.AddDate(0, 0, 7), "")
		if err != nil {
			b.Fatal(err)
		}
		n = len(os)
	}
	b.ReportMetric(float64(n), "occurrences")
}
