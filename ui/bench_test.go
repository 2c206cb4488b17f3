package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/model"
)

// benchDB returns a database made by the program's own generator at the
// scale HIROBA_BENCH_SCALE names (default 1: 100,000 threads, 1,000,000
// replies). It is made once and kept in the temporary folder, because
// scale 1 takes about half a minute to write.
func benchDB(b *testing.B) (*data.DB, string) {
	b.Helper()
	scale := 1.0
	if s := os.Getenv("HIROBA_BENCH_SCALE"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			b.Fatal(err)
		}
		scale = v
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hiroba-bench-scale-%g.db", scale))
	benchOnce.Do(func() {
		if _, err := os.Stat(path); err == nil {
			return
		}
		db, err := data.Open(path+".tmp", data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := seed.Scale(context.Background(), db, scale, time.Now(), func(string, int, int) {}); err != nil {
			b.Fatal(err)
		}
		db.Close()
		os.Remove(path + ".tmp-wal")
		os.Remove(path + ".tmp-shm")
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
	})
	db, err := data.Open(path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	// Sign in as the staff member who belongs to the most communities: the
	// worst case for visibility checks.
	staff, err := db.FindStaff(context.Background(), 0, 1)
	if err != nil || len(staff) == 0 {
		b.Fatal("no staff", err)
	}
	return db, staff[0].ID
}

var benchOnce sync.Once

// BenchmarkOpenFirstFrame measures opening the database, loading the first
// page of communities and drawing the first full frame, at 80x24 and
// 100x30 as bench/run.sh does in a terminal.
func BenchmarkOpenFirstFrame(b *testing.B) {
	db, staff := benchDB(b)
	path := db.Path
	db.Close()
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				db, err := data.Open(path, data.Options{})
				if err != nil {
					b.Fatal(err)
				}
				h := startHarness(b, db, staff, "ja", size[0], size[1])
				if h.app.View().Content == "" {
					b.Fatal("empty frame")
				}
				db.Close()
			}
		})
	}
}

// BenchmarkThreadListCursorMove measures one key press in the 相談 list of
// every visible thread (100,000 at scale 1): Update and the redraw. Loads
// of further pages run in commands, outside the key press, as in the real
// program.
func BenchmarkThreadListCursorMove(b *testing.B) {
	db, staff := benchDB(b)
	h := startHarness(b, db, staff, "ja", 80, 24)
	h.key("2")
	total, _ := countThreads(db, staff)
	b.ReportMetric(float64(total), "threads")
	down := keyMsg("down")
	up := keyMsg("up")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := down
		if i/10%2 == 1 {
			k = up
		}
		h.app.Update(k)
		_ = h.app.View()
	}
}

// BenchmarkTabSwitch measures switching tabs and drawing the new one.
func BenchmarkTabSwitch(b *testing.B) {
	db, staff := benchDB(b)
	h := startHarness(b, db, staff, "ja", 80, 24)
	for _, k := range []string{"2", "3", "4", "1"} {
		h.key(k) // every tab has loaded once
	}
	keys := []tea.KeyPressMsg{keyMsg("1"), keyMsg("2"), keyMsg("3"), keyMsg("4")}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.app.Update(keys[i%4])
		_ = h.app.View()
	}
}

func countThreads(db *data.DB, staff string) (int, error) {
	_, total, err := db.FindThreads(model.WithViewer(context.Background(), staff), model.ThreadFilter{Limit: 1})
	return total, err
}
