package data_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/model"
)

// searchBenchDB opens the database of ui/bench_test.go's benchDB (the
// generator's scale HIROBA_BENCH_SCALE, default 1: 100,000 threads and
// 1,000,000 replies), making it first if it is missing. It opens it for
// writing, as the app does, so the first run after the search migration
// indexes every row; the time that takes is logged.
func searchBenchDB(b *testing.B) (*data.DB, context.Context) {
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
	if _, err := os.Stat(path); err != nil {
		db, err := data.Open(path+".tmp", data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := seed.Scale(context.Background(), db, scale, time.Now(), nil); err != nil {
			b.Fatal(err)
		}
		db.Close()
		os.Remove(path + ".tmp-wal")
		os.Remove(path + ".tmp-shm")
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	db, err := data.Open(path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		b.Logf("opening %s took %v (indexing for search)", path, d.Round(time.Millisecond))
	}
	b.Cleanup(func() { db.Close() })
	staff, err := db.FindStaff(context.Background(), 0, 1)
	if err != nil || len(staff) == 0 {
		b.Fatal("no staff", err)
	}
	return db, model.WithViewer(context.Background(), staff[0].ID)
}

// BenchmarkSearch measures a search for the top 50, ranked, and reports the
// median and 95th percentile in milliseconds. The words are common (確認
// is in about 400,000 rows at scale 1, 庶務 in 120,000), middling (育休,
// 議会), rare (猪苗, 鏡石) and mixed Latin and katakana (LoGoチャット).
func BenchmarkSearch(b *testing.B) {
	db, ctx := searchBenchDB(b)
	queries := []string{"確認", "庶務", "育休", "議会", "猪苗", "鏡石", "LoGoチャット"}
	if q := os.Getenv("HIROBA_BENCH_QUERIES"); q != "" {
		queries = strings.Split(q, ",")
	}
	for _, q := range queries {
		b.Run(q, func(b *testing.B) {
			// Warm the page cache once, as a person's second search would.
			if _, err := db.Search(ctx, q, 50); err != nil {
				b.Fatal(err)
			}
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				rs, err := db.Search(ctx, q, 50)
				times = append(times, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				if len(rs) == 0 {
					b.Fatalf("%s: nothing found", q)
				}
			}
			b.StopTimer()
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			ms := func(p float64) float64 {
				return float64(times[int(p*float64(len(times)-1))]) / float64(time.Millisecond)
			}
			b.ReportMetric(ms(0.50), "p50-ms")
			b.ReportMetric(ms(0.95), "p95-ms")
		})
	}
}
