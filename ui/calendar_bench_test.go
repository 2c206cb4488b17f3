package ui_test

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/data"
	"hiroba/model"
)

// BenchmarkCalendarMonth measures what changing the month costs on the
// scale-1 database (50,000 events): reading the grid's six weeks of
// occurrences for the viewer, placing them in the days (the key press and
// the load it starts, run as the program would), and drawing the screen.
func BenchmarkCalendarMonth(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		b.Run(sizeName(size), func(b *testing.B) {
			rw, staff := benchDB(b)
			path := rw.Path
			rw.Close()
			db, err := data.Open(path, data.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			h := startHarness(b, db, staff, "ja", size[0], size[1])
			h.key("4")
			keys := []tea.KeyPressMsg{keyMsg("]"), keyMsg("[")}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				h.send(keys[i%2])
				if h.app.View().Content == "" {
					b.Fatal("empty frame")
				}
			}
		})
	}
}

// BenchmarkCalendarParts splits BenchmarkCalendarMonth: the grid's counts
// (OccurrenceDays over six weeks) and its dates cancelled one by one
// (CancelledOccurrences), the narrow agenda's day and the wide
// week view's week (Occurrences), and drawing the screen once loaded.
func BenchmarkCalendarParts(b *testing.B) {
	rw, staff := benchDB(b)
	path := rw.Path
	rw.Close()
	db, err := data.Open(path, data.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ctx := model.WithViewer(context.Background(), staff)
	grid := time.Date(2026, 11, 1, 0, 0, 0, 0, jst) // a Sunday: November 2026's grid
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, jst)
	week := time.Date(2026, 11, 15, 0, 0, 0, 0, jst)
	b.Run("OccurrenceDays-6weeks", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			days, err := db.OccurrenceDays(ctx, grid, grid.AddDate(0, 0, 42), "")
			if err != nil || len(days) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("CancelledOccurrences-6weeks", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := db.CancelledOccurrences(ctx, grid, grid.AddDate(0, 0, 42), ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, span := range []struct {
		name     string
		from, to time.Time
	}{{"Occurrences-day", day, day.AddDate(0, 0, 1)}, {"Occurrences-week", week, week.AddDate(0, 0, 7)}} {
		b.Run(span.name, func(b *testing.B) {
			n := 0
			for i := 0; i < b.N; i++ {
				occ, err := db.Occurrences(ctx, span.from, span.to, "")
				if err != nil {
					b.Fatal(err)
				}
				n = len(occ)
			}
			b.ReportMetric(float64(n), "occurrences")
		})
	}
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		b.Run("View-"+sizeName(size), func(b *testing.B) {
			h := startHarness(b, db, staff, "ja", size[0], size[1])
			h.key("4")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if h.app.View().Content == "" {
					b.Fatal("empty frame")
				}
			}
		})
	}
}
