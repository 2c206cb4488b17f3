package data_test

import (
	"context"
	"database/sql"
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

// BenchmarkSearch measures a search for the top 50, ranked, for each word
// of searchWords (HIROBA_BENCH_QUERIES, comma-separated, to choose), and
// beside it, interleaved in the same run, raw SQLite: every query the
// search ran (data.SearchSQL: the hidden communities, the last docid, the
// buckets and the details of what is shown), on a plain connection to the
// same file. Not there, so counted as the search's own: its transaction
// and the viewer's check (readTx), and for a handover note the viewer's
// department. It reports the median and 95th percentile in milliseconds
// of each and the ratio of the medians. The machine is shared and noisy:
// compare figures of one run. HIROBA_BENCH_SCALE chooses the database
// (searchBenchDB).
func BenchmarkSearch(b *testing.B) {
	db, ctx := searchBenchDB(b)
	queries := searchWords
	if q := os.Getenv("HIROBA_BENCH_QUERIES"); q != "" {
		queries = strings.Split(q, ",")
	}
	raw, err := sql.Open("sqlite3", "file:"+db.Path+"?mode=ro&_query_only=1")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	for _, q := range queries {
		b.Run(q, func(b *testing.B) {
			stmts, err := data.SearchSQL(db, ctx, q, 50)
			if err != nil {
				b.Fatal(err)
			}
			search := func() {
				rs, err := db.Search(ctx, q, 50)
				if err != nil {
					b.Fatal(err)
				}
				if len(rs) == 0 {
					b.Fatalf("%s: nothing found", q)
				}
			}
			// The query of the buckets is prepared once, as the search
			// prepares it; the others are compiled at each run, as there.
			match := data.SearchMatchQuery
			prepared, err := raw.Prepare(match)
			if err != nil {
				b.Fatal(err)
			}
			defer prepared.Close()
			query := func(st data.SQLStatement) (*sql.Rows, error) {
				if st.Query == match {
					return prepared.Query(st.Args...)
				}
				return raw.Query(st.Query, st.Args...)
			}
			plain := func() {
				for _, st := range stmts {
					rows, err := query(st)
					if err != nil {
						b.Fatal(err)
					}
					cols, _ := rows.Columns()
					vals := make([]any, len(cols))
					for i := range vals {
						vals[i] = new(any)
					}
					for rows.Next() {
						if err := rows.Scan(vals...); err != nil {
							b.Fatal(err)
						}
					}
					rows.Close()
				}
			}
			// Warm the page cache once, as a person's second search would.
			search()
			plain()
			reportInterleaved(b, search, plain, "sqlite-")
		})
	}
}

// reportInterleaved times b.N runs of measured and of other, one after the
// other, so that both meet the same machine, and reports the median and
// 95th percentile of each in milliseconds (other's named with prefix) and
// the ratio of the medians, other's to measured's (x-prefix).
func reportInterleaved(b *testing.B, measured, other func(), prefix string) {
	a := make([]time.Duration, 0, b.N)
	c := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		measured()
		a = append(a, time.Since(start))
		start = time.Now()
		other()
		c = append(c, time.Since(start))
	}
	b.StopTimer()
	p50, p95 := percentiles(a)
	q50, q95 := percentiles(c)
	b.ReportMetric(p50, "p50-ms")
	b.ReportMetric(p95, "p95-ms")
	b.ReportMetric(q50, prefix+"p50-ms")
	b.ReportMetric(q95, prefix+"p95-ms")
	b.ReportMetric(p50/q50, "x-"+strings.TrimSuffix(prefix, "-"))
}

// percentiles returns the median and the 95th percentile of times in
// milliseconds.
func percentiles(times []time.Duration) (p50, p95 float64) {
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	ms := func(p float64) float64 {
		return float64(times[int(p*float64(len(times)-1))]) / float64(time.Millisecond)
	}
	return ms(0.50), ms(0.95)
}
