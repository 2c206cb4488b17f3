package data_test

import (
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// BenchmarkPostReply measures posting a reply in the benchmark database
// (searchBenchDB; it writes to it): the reply, the thread's counts, the
// community's activity, following, the read mark and the search index in
// one transaction. Blocks of 100 writes alternate between checkpointing
// off the write path (as hiroba does) and in the writing connection (as
// SQLite does by itself, before), so that both meet the same machine. It
// reports the median, 95th percentile and slowest write of each in
// milliseconds. Run it while another process keeps a core busy (stress
// -c 1) too.
func BenchmarkPostReply(b *testing.B) {
	db, ctx := searchBenchDB(b)
	page, _, err := db.FindThreads(ctx, model.ThreadFilter{Limit: 50})
	if err != nil {
		b.Fatal(err)
	}
	if len(page) == 0 {
		b.Fatal("no threads")
	}
	// A reply costs the same whatever the thread holds: it reads none.
	target := page[0]
	var now, before []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		inline := i/100%2 == 1
		if i%100 == 0 {
			if err := data.CheckpointInline(db, inline); err != nil {
				b.Fatal(err)
			}
		}
		start := time.Now()
		if err := db.CreateReply(ctx, &model.Reply{ThreadID: target.ID, Body: "ベンチマークの返信です。育休の手続きは人事課へ。"}); err != nil {
			b.Fatal(err)
		}
		if inline {
			before = append(before, time.Since(start))
		} else {
			now = append(now, time.Since(start))
		}
	}
	b.StopTimer()
	if err := data.CheckpointInline(db, false); err != nil {
		b.Fatal(err)
	}
	report := func(times []time.Duration, prefix string) {
		if len(times) == 0 {
			return
		}
		p50, p95 := percentiles(times)
		b.ReportMetric(p50, prefix+"p50-ms")
		b.ReportMetric(p95, prefix+"p95-ms")
		b.ReportMetric(float64(times[len(times)-1])/float64(time.Millisecond), prefix+"max-ms")
	}
	report(now, "")
	report(before, "inline-")
}
