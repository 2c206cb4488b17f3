package ui_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
)

// longThread finds a thread with at least n replies that staff can see.
func longThread(b *testing.B, h *harness, staff string, n int) model.Thread {
	b.Helper()
	ctx := model.WithViewer(context.Background(), staff)
	for offset := 0; ; offset += 1000 {
		page, total, err := h.db.FindThreads(ctx, model.ThreadFilter{Offset: offset, Limit: 1000})
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range page {
			if t.ReplyCount >= n {
				return t
			}
		}
		if offset+1000 >= total {
			b.Skipf("no visible thread with %d replies at this scale", n)
		}
	}
}

// BenchmarkOpenLongThread measures opening a thread of 300 replies: loading
// it and its replies, rendering every post's markdown at the pane's width
// and drawing the frame, at 80x24. The markdown cache is emptied each time.
func BenchmarkOpenLongThread(b *testing.B) {
	db, staff := benchDB(b)
	h := startHarness(b, db, staff, "ja", 80, 24)
	h.key("2")
	t := longThread(b, h, staff, 300)
	b.ReportMetric(float64(t.ReplyCount), "replies")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		kit.ForgetMarkdown()
		h.send(kit.OpenMsg{Kind: kit.OpenThread, ID: t.ID, Anchor: ""})
		_ = h.app.View()
	}
}

// BenchmarkScrollLongThread measures one key press that scrolls an open
// thread of 300 replies by a line: Update and the redraw.
func BenchmarkScrollLongThread(b *testing.B) {
	db, staff := benchDB(b)
	h := startHarness(b, db, staff, "ja", 80, 24)
	h.key("2")
	t := longThread(b, h, staff, 300)
	h.send(kit.OpenMsg{Kind: kit.OpenThread, ID: t.ID, Anchor: ""})
	down, up := keyMsg("down"), keyMsg("up")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := down
		if i/200%2 == 1 {
			k = up
		}
		h.app.Update(k)
		_ = h.app.View()
	}
}

// BenchmarkPostReply measures saving a reply in the scale database (the
// thread's counts, the community's activity, following and the read mark
// in one transaction) and reports the 95th percentile. It writes to the
// cached benchmark database: the replies go to an ordinary thread, not to
// the long ones the other benchmarks open.
func BenchmarkPostReply(b *testing.B) {
	db, staff := benchDB(b)
	ctx := model.WithViewer(context.Background(), staff)
	page, _, err := db.FindThreads(ctx, model.ThreadFilter{Limit: 50})
	if err != nil {
		b.Fatal(err)
	}
	var target model.Thread
	for _, t := range page {
		if t.ReplyCount < 100 && !t.Deleted {
			target = t
			break
		}
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := db.CreateReply(ctx, &model.Reply{ThreadID: target.ID, Body: "ベンチマークの返信です。育休の手続きは人事課へ。"}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
}
