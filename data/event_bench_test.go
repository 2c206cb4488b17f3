package data_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
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

// cpuTime is the process's user and system time so far. The benchmarks
// report it per operation (cpu-ns/op) beside the wall time, because this
// machine's two cores are shared and wall time grows with others' load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs op b.N times and reports cpu-ns/op.
func loop(b *testing.B, op func()) {
	b.Helper()
	start := cpuTime()
	n := 0
	for b.Loop() {
		op()
		n++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
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
	loop(b, func() {
		os, err := db.Occurrences(ctx, from, to, "")
		if err != nil {
			b.Fatal(err)
		}
		n = len(os)
	})
	b.ReportMetric(float64(n), "occurrences")
}

// BenchmarkMonthOccurrenceDays counts one month's occurrences per day of
// every community the viewer can see: what the month grid needs.
func BenchmarkMonthOccurrenceDays(b *testing.B) {
	db, ctx := benchEventsDB(b)
	from, to := benchMonth()
	var n int
	loop(b, func() {
		days, err := db.OccurrenceDays(ctx, from, to, "")
		if err != nil {
			b.Fatal(err)
		}
		n = 0
		for _, c := range days {
			n += c
		}
	})
	b.ReportMetric(float64(n), "occurrences")
}

// BenchmarkWeekOccurrences expands one week: the agenda beside the grid.
func BenchmarkWeekOccurrences(b *testing.B) {
	db, ctx := benchEventsDB(b)
	from, _ := benchMonth()
	from = from.AddDate(0, 0, 7)
	var n int
	loop(b, func() {
		os, err := db.Occurrences(ctx, from, from.AddDate(0, 0, 7), "")
		if err != nil {
			b.Fatal(err)
		}
		n = len(os)
	})
	b.ReportMetric(float64(n), "occurrences")
}

// BenchmarkDayOccurrences expands one day with every detail: what the
// agenda beside the month grid shows for the selected day.
func BenchmarkDayOccurrences(b *testing.B) {
	db, ctx := benchEventsDB(b)
	from, _ := benchMonth()
	from = from.AddDate(0, 0, 14)
	var n int
	loop(b, func() {
		os, err := db.Occurrences(ctx, from, from.AddDate(0, 0, 1), "")
		if err != nil {
			b.Fatal(err)
		}
		n = len(os)
	})
	b.ReportMetric(float64(n), "occurrences")
}

// BenchmarkMonthAfterEventChange counts one month right after an event
// changed somewhere: the calendar's in-memory index of every event is read
// again first (calendar_index.go), once for everyone in the process.
func BenchmarkMonthAfterEventChange(b *testing.B) {
	db, ctx := benchEventsDB(b)
	from, to := benchMonth()
	loop(b, func() {
		data.ForgetCalendar(db)
		if _, err := db.OccurrenceDays(ctx, from, to, ""); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkAgendaDay reads what the narrow agenda shows of the busiest
// kind of day: the first 11 events with details, and every day's count.
func BenchmarkAgendaDay(b *testing.B) {
	db, ctx := benchEventsDB(b)
	from, _ := benchMonth()
	from = from.AddDate(0, 0, 14)
	var n int
	loop(b, func() {
		os, _, err := db.Agenda(ctx, from, from.AddDate(0, 0, 1), 11, "")
		if err != nil {
			b.Fatal(err)
		}
		n = len(os)
	})
	b.ReportMetric(float64(n), "occurrences")
}
