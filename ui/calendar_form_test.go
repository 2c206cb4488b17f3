package ui_test

// The event form on the calendar: refusals, one occurrence moved, all-day
// events over several days.

import (
	"context"
	"testing"
	"time"

	"hiroba/model"
)

func TestEventFormRefusesBadInput(t *testing.T) {
	t.Parallel()
	h := openCalendar(t, 80, 24)
	h.key("n")
	h.mustShow("予定を作る")
	h.checkFrame()
	h.typeText("育休復帰の座談会")
	// Rows: タイトル, コミュニティ, 日付, 終日, 開始, 終了, ...
	formTab(h, 5)
	typeInto(h, "14:00") // before the start, 15:00
	h.key("ctrl+s")
	h.checkFrame()
	h.mustShow("終了 (2026-11-20 14:00) が開始 (2026-11-20 15:00) より前です")
	h.mustShow("保存していません: 終了")

	h.key("shift+tab", "shift+tab", "shift+tab")
	typeInto(h, "2026-02-30")
	h.key("ctrl+s")
	h.mustShow("日付を読めません: 2026-02-30")

	typeInto(h, "2027-02-01")
	formTab(h, 3)
	typeInto(h, "16:00")
	// 繰り返し: 毎月 N日 on the 31st, until 27 February: not one date.
	formTab(h, 5)
	h.key("right", "right", "right")
	h.mustShow("毎月 N日")
	h.key("tab")
	typeInto(h, "31")
	h.key("tab", "right")
	h.mustShow("日付まで")
	h.key("tab")
	typeInto(h, "2027-02-27")
	h.key("ctrl+s")
	h.mustShow("この繰り返しでは、開始日 2027-02-01 以降に一度も日付")

	// The refusal put the cursor on 繰り返し, the row at fault. An absurd
	// count.
	h.key("tab", "tab", "right")
	h.mustShow("回数")
	h.key("tab")
	typeInto(h, "100000")
	h.key("ctrl+s")
	h.mustShow("繰り返しの回数は 1000 回までです (いまは 100000 回)")
	typeInto(h, "たくさん")
	h.key("ctrl+s")
	h.mustShow("回数は 1 から 1000 の数字で")
	h.checkFrame()

	if n := eventsTitled(t, h, "育休復帰の座談会"); n != 0 {
		t.Fatalf("a refused form saved %d occurrences", n)
	}
	// esc asks before throwing the input away.
	h.key("esc")
	h.mustShow("書いた内容を捨てて閉じますか？ 元に戻せません (y/n)")
	h.key("n")
	h.mustShow("育休復帰の座談会")
	h.key("esc", "y")
	h.mustShow("2026年11月")
}

func TestEventFormCreatesAndMovesOneOccurrence(t *testing.T) {
	t.Parallel()
	h := openCalendarToWrite(t, 80, 24)
	h.key("l", "n") // Saturday 21 November
	h.typeText("土曜の勉強会")
	formTab(h, 10) // 繰り返し
	h.mustShow("繰り返し")
	h.key("right")
	h.mustShow("毎週 (曜日を選ぶ)")
	h.mustShow("[土]")
	h.key("tab", "tab", "right", "right", "tab")
	typeInto(h, "4")
	h.key("ctrl+s")
	h.mustShow("「土曜の勉強会」を作りました")
	if n := eventsTitled(t, h, "土曜の勉強会"); n != 4 {
		t.Fatalf("%d occurrences, want 4 (毎週土曜日, 4 回)", n)
	}
	h.key("enter")
	h.mustShow("繰り返し: 毎週土曜日 15:00-16:00 (全4回)")
	// Move this date only.
	h.key("e")
	h.mustShow("この回だけ")
	h.mustShow("この回以降すべて")
	h.key("enter")
	h.mustShow("この回だけ変更")
	h.key("tab", "tab")
	typeInto(h, "10:00")
	h.key("tab")
	typeInto(h, "11:00")
	h.key("ctrl+s")
	h.mustShow("この回だけを変更しました")
	h.mustShow("10:00-11:00")
	h.key("esc", "j")
	h.mustShow(">28")
	h.mustShow("15:00-16:00 土曜の勉強会")
	h.checkFrame()
}

// An all-day event over several days: the end row asks for the last day,
// a last day before the first is refused there, and the saved event
// shows on each of its days.
func TestEventFormAllDayOverSeveralDays(t *testing.T) {
	t.Parallel()
	h := openCalendarToWrite(t, 80, 24)
	h.key("j", "n") // Friday 27 November
	h.typeText("防災週間のパネル展示")
	formTab(h, 3) // 終日
	h.key("right")
	h.mustShow("最終日")
	h.mustShow("この日まで (空なら 1 日だけ)")
	h.mustNotShow("開始")
	h.checkFrame()
	h.key("tab")
	typeInto(h, "2026-11-25")
	h.key("ctrl+s")
	h.mustShow("保存していません: 最終日")
	if n := eventsTitled(t, h, "防災週間のパネル展示"); n != 0 {
		t.Fatalf("a refused form saved %d events", n)
	}
	typeInto(h, "2026-11-29")
	h.key("ctrl+s")
	h.mustShow("「防災週間のパネル展示」を作りました")
	ctx := model.WithViewer(context.Background(), h.staff)
	occ, err := h.db.Occurrences(ctx, time.Date(2026, 11, 29, 0, 0, 0, 0, jst), time.Date(2026, 11, 30, 0, 0, 0, 0, jst), "")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, o := range occ {
		if o.Event.Title == "防災週間のパネル展示" {
			found = o.Event.AllDay && o.Start.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, jst)) && o.End.Equal(time.Date(2026, 11, 30, 0, 0, 0, 0, jst))
		}
	}
	if !found {
		t.Fatalf("the event should cover 27 to 29 November, all day: %v", occ)
	}
	h.key("l", "l")
	h.mustShow("防災週間のパネル展示") // on Sunday the 29th too
	h.checkFrame()
	// A one-day all-day event leaves the last day empty.
	h.key("n")
	h.typeText("予算要求 締切")
	formTab(h, 3)
	h.key("right", "ctrl+s")
	h.mustShow("「予算要求 締切」を作りました")
	occ, err = h.db.Occurrences(ctx, time.Date(2026, 11, 29, 0, 0, 0, 0, jst), time.Date(2026, 12, 1, 0, 0, 0, 0, jst), "")
	if err != nil {
		t.Fatal(err)
	}
	days := 0
	for _, o := range occ {
		if o.Event.Title == "予算要求 締切" {
			days++
			if !o.Event.AllDay || o.End.Sub(o.Start) != 24*time.Hour {
				t.Fatalf("a one-day all-day event lasts %v", o.End.Sub(o.Start))
			}
		}
	}
	if days != 1 {
		t.Fatalf("the one-day all-day event was saved %d times", days)
	}
}
