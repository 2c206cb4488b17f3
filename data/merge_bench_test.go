package data_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// drillBenchShared returns a fresh copy of the scale-1 database to be the
// shared one: HIROBA_DRILL_DB names the file, else the search
// benchmarks' database is used (made first if missing).
func drillBenchShared(b *testing.B) *data.DB {
	b.Helper()
	src := os.Getenv("HIROBA_DRILL_DB")
	var source *data.DB
	if src == "" {
		source, _ = searchBenchDB(b)
	} else {
		var err error
		if source, err = data.Open(src, data.Options{}); err != nil {
			b.Fatal(err)
		}
		defer source.Close()
	}
	path := filepath.Join(b.TempDir(), "shared.db")
	if err := source.Backup(context.Background(), path); err != nil {
		b.Fatal(err)
	}
	db, err := data.Open(path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkSnapshot takes a copy of the scale-1 database for 郡山市 and for
// the whole area, and reports its size.
func BenchmarkSnapshot(b *testing.B) {
	shared := drillBenchShared(b)
	for _, c := range []struct{ name, municipality string }{{"Municipality", koriyama}, {"Area", ""}} {
		b.Run(c.name, func(b *testing.B) {
			var size int64
			for i := 0; i < b.N; i++ {
				out := filepath.Join(b.TempDir(), fmt.Sprintf("drill-%d.hiroba", i))
				snap, err := shared.Snapshot(data.AsOperator(context.Background()), out, model.SnapshotOptions{MunicipalityID: c.municipality})
				if err != nil {
					b.Fatal(err)
				}
				size = snap.Size
				b.StopTimer()
				os.Remove(out)
				b.StartTimer()
			}
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

// BenchmarkMerge merges a drill day into the scale-1 database: on a copy
// for 郡山市, 1,000 new posts (100 threads, 900 replies), 200 edits of
// posts that were there, 50 of them also edited on the shared side, and
// 100 answers to events.
func BenchmarkMerge(b *testing.B) {
	for _, c := range []struct{ name, municipality string }{{"Municipality", koriyama}, {"Area", ""}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				shared := drillBenchShared(b)
				path := drillDay(b, shared, c.municipality)
				b.StartTimer()
				report, err := shared.Merge(data.AsOperator(context.Background()), path, model.MergeOptions{})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				t := report.Total()
				if got := report.Table("threads").Added + report.Table("replies").Added; got != 1000 || t.Conflicts < 50 {
					b.Fatalf("merged %d new posts, %d conflicts: %+v", got, t.Conflicts, report.Tables)
				}
				shared.Close()
				b.StartTimer()
			}
		})
	}
}

// drillDay takes a copy and writes a drill day on it and on the shared
// database; it returns the copy's path.
func drillDay(b *testing.B, shared *data.DB, municipality string) string {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "drill.hiroba")
	if _, err := shared.Snapshot(data.AsOperator(ctx), path, model.SnapshotOptions{MunicipalityID: municipality}); err != nil {
		b.Fatal(err)
	}
	laptop, err := data.Open(path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer laptop.Close()
	tick(laptop, time.Now().Add(time.Hour))
	pairs := func(q string) [][2]string {
		lines, err := data.QueryStrings(laptop, q)
		if err != nil {
			b.Fatal(err)
		}
		var out [][2]string
		for _, l := range lines {
			a, z, _ := strings.Cut(l, " ")
			out = append(out, [2]string{a, z})
		}
		return out
	}
	staff := pairs(`SELECT id || ' ' || id FROM staff WHERE municipality_id = '` + koriyama + `' AND status = 'active' ORDER BY id LIMIT 20`)
	open := pairs(`SELECT id || ' ' || community_id FROM threads WHERE hidden = 0 AND deleted_at IS NULL
		AND community_id IN (SELECT id FROM communities WHERE visibility = 'open') ORDER BY id DESC LIMIT 100`)
	mine := pairs(`SELECT r.id || ' ' || r.author_id FROM replies r JOIN threads t ON t.id = r.thread_id
		JOIN communities c ON c.id = t.community_id AND c.visibility = 'open'
		WHERE r.deleted_at IS NULL AND r.hidden = 0 AND t.deleted_at IS NULL ORDER BY r.id DESC LIMIT 200`)
	if len(staff) < 20 || len(open) < 100 || len(mine) < 200 {
		b.Fatalf("the copy has %d staff, %d threads, %d replies to work with", len(staff), len(open), len(mine))
	}
	who := func(i int) context.Context { return model.WithViewer(ctx, staff[i%len(staff)][0]) }
	for i := 0; i < 100; i++ {
		th := &model.Thread{CommunityID: open[i][1], Kind: model.KindExperience,
			Title: fmt.Sprintf("訓練の記録 %d", i), Body: "避難所の開設から受付まで、訓練で分かったことです。"}
		if err := laptop.CreateThread(who(i), th); err != nil {
			b.Fatal(err)
		}
		open = append(open, [2]string{th.ID, th.CommunityID})
	}
	for i := 0; i < 900; i++ {
		r := &model.Reply{ThreadID: open[i%len(open)][0], Body: fmt.Sprintf("訓練中の気づき %d: 受付の列は二つに分けると流れました。", i)}
		if err := laptop.CreateReply(who(i), r); err != nil {
			b.Fatal(err)
		}
	}
	for i, p := range mine {
		r := &model.Reply{ID: p[0], Body: fmt.Sprintf("訓練で確かめて書き直しました (%d)。", i)}
		if err := laptop.UpdateReply(model.WithViewer(ctx, p[1]), r); err != nil {
			b.Fatal(err)
		}
		if i < 50 {
			r.Body = fmt.Sprintf("共有側でも書き直しました (%d)。", i)
			if err := shared.UpdateReply(model.WithViewer(ctx, p[1]), r); err != nil {
				b.Fatal(err)
			}
		}
	}
	events := pairs(`SELECT id || ' ' || starts_at FROM events WHERE rrule = '' AND cancelled_at IS NULL
		AND starts_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 day') ORDER BY starts_at LIMIT 100`)
	for i, e := range events {
		start, err := time.Parse("2006-01-02T15:04:05.000Z", e[1])
		if err != nil {
			b.Fatal(err)
		}
		if _, err := laptop.SetRSVP(who(i), e[0], start, model.RSVPYes); err != nil && model.ErrorCode(err) != model.ENOTFOUND && model.ErrorCode(err) != model.ECONFLICT {
			b.Fatal(err)
		}
	}
	return path
}
