package data_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/ical"
	"hiroba/model"
)

// benchICSFile writes (once, cached in $TMPDIR) an iCalendar file of n
// events as a region's archive would hold them: one-off meetings with a
// place and a paragraph, and one in ten a series (monthly or weekly, with
// a count) with a cancelled and a moved occurrence.
func benchICSFile(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hiroba-bench-%d.ics", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	titles := []string{"相談タイム", "庶務担当者の情報交換会", "産休・育休カフェ", "防災訓練の打ち合わせ", "新採フォロー面談", "予算要求の勉強会", "引き継ぎ書もくもく会"}
	places := []string{"郡山市役所 本庁舎3階 第1会議室", "須賀川市役所 2階 会議室", "田村市役所 大会議室", "本宮市役所 会議室1", "オンライン"}
	about := "業務の不明点、知っててあたりまえのことでも聞ける場所です。予約は不要です。途中参加・途中退出も歓迎します。持ち物: 聞きたいこと、資料があればそれも。"
	tokyo := (&model.Event{}).Location()
	events := make([]*ical.Event, 0, n)
	for i := range n {
		start := time.Date(2026, 4, 1, 9+i%9, 0, 0, 0, tokyo).AddDate(0, 0, i%730)
		e := &ical.Event{Event: model.Event{UID: fmt.Sprintf("bench-%06d@example.jp", i), Title: titles[i%len(titles)] + fmt.Sprintf(" 第%d回", i%40+1),
			Description: about, Place: places[i%len(places)], Start: start.UTC(), End: start.Add(time.Hour).UTC(), TimeZone: model.DefaultTimeZone,
			UpdatedAt: start.UTC()}}
		if i%10 == 0 {
			e.RRule = []string{"FREQ=MONTHLY;BYDAY=3WE;COUNT=12", "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=20", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6"}[i/10%3]
		}
		events = append(events, e)
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := ical.Write(w, ical.Calendar{Name: "広域圏の予定", Events: events}); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	if err := os.Rename(path+".tmp", path); err != nil {
		b.Fatal(err)
	}
	return path
}

// peakMemory samples the Go runtime's memory (heap, stacks and the
// runtime's own) while fn runs and returns the most it saw, in MB.
func peakMemory(fn func()) float64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	return float64(peak.Load()) / (1 << 20)
}

// BenchmarkImportICS imports 100,000 events (HIROBA_BENCH_EVENTS picks
// another number) into a new database:
//
//	go test ./data -run X -bench ImportICS -benchtime 1x
//
// It reports the wall time per import and the peak memory of the Go
// runtime (the file is read whole; the process's RSS adds SQLite's page
// cache, see the README for /usr/bin/time figures).
func BenchmarkImportICS(b *testing.B) {
	n := 100000
	if s := os.Getenv("HIROBA_BENCH_EVENTS"); s != "" {
		fmt.Sscan(s, &n)
	}
	path := benchICSFile(b, n)
	var peak float64
	for b.Loop() {
		b.StopTimer()
		db, err := data.Open(filepath.Join(b.TempDir(), "import.db"), data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		staff := MustCreateStaff(b, db, "安積 花子", koriyama, "政策開発課")
		c := MustCreateCommunity(b, db, as(staff), "広域圏の予定", model.CategoryLearning, "", model.VisibilityOpen)
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		var res *data.ICSImport
		peak = max(peak, peakMemory(func() {
			res, err = db.ImportICS(model.WithViewer(context.Background(), staff.ID), f, data.ICSImportOptions{CommunityID: c.ID})
		}))
		b.StopTimer()
		f.Close()
		if err != nil || res.Created != n {
			b.Fatalf("%+v %v", res, err)
		}
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(peak, "peak-MB")
}
