package data_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// TestExportKeepsEachSeriesInItsZone exports a weekly series defined in
// New York across the change to summer time: it is written in its own
// zone with that zone's VTIMEZONE, so that another program keeps 09:00
// local, and imported again it gives the same instants.
func TestExportKeepsEachSeriesInItsZone(t *testing.T) {
	t.Parallel()
	w := newICSWorld(t)
	ctx := as(w.organiser)
	ny, _ := time.LoadLocation("America/New_York")
	start := time.Date(2027, 3, 9, 9, 0, 0, 0, ny)
	e := &model.Event{CommunityID: w.open.ID, Title: "姉妹都市とのオンライン交流", Start: start, End: start.Add(time.Hour),
		TimeZone: "America/New_York", RRule: "FREQ=WEEKLY;COUNT=3"}
	if err := w.db.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	out := exportICS(t, ctx, w.db, data.ICSExport{CommunityID: w.open.ID})
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{
		"METHOD:PUBLISH\r\nX-WR-CALNAME:聞きにくいことを聞ける場所\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n",
		"DTSTART;TZID=America/New_York:20270309T090000\r\nDTEND;TZID=America/New_York:20270309T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("missing %q", want)
		}
	}
	other := newICSWorld(t)
	mustImport(t, as(other.organiser), other.db, []byte(out), other.open.ID)
	os, err := other.db.Occurrences(as(other.organiser), jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), other.open.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range os {
		got = append(got, o.Start.UTC().Format("01-02 15:04Z"))
	}
	if strings.Join(got, ",") != "03-09 14:00Z,03-16 13:00Z,03-23 13:00Z" {
		t.Fatalf("imported again: %v", got)
	}
}

// TestExportSaysWhatWasCancelled cancels an event, an occurrence and
// "this and following" of a series: a calendar that imported them earlier
// reads STATUS:CANCELLED, for CancelledRetention after the cancellation.
func TestExportSaysWhatWasCancelled(t *testing.T) {
	t.Parallel()
	w := newICSWorld(t)
	ctx := as(w.organiser)
	now := jst(2027, 1, 10, 9, 0)
	w.db.Now = func() time.Time { return now }
	once := &model.Event{CommunityID: w.open.ID, Title: "防災訓練の打ち合わせ", Start: jst(2027, 2, 1, 10, 0), End: jst(2027, 2, 1, 11, 0)}
	series := &model.Event{CommunityID: w.open.ID, Title: "相談タイム", Start: jst(2027, 1, 20, 15, 0), End: jst(2027, 1, 20, 16, 0), RRule: "FREQ=MONTHLY;BYDAY=3WE"}
	for _, e := range []*model.Event{once, series} {
		if err := w.db.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.db.CancelEvent(ctx, once.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.db.CancelOccurrence(ctx, series.ID, jst(2027, 2, 17, 15, 0)); err != nil {
		t.Fatal(err)
	}
	if err := w.db.CancelFollowing(ctx, series.ID, jst(2027, 5, 19, 15, 0)); err != nil {
		t.Fatal(err)
	}
	out := strings.ReplaceAll(exportICS(t, ctx, w.db, data.ICSExport{}), "\r\n ", "")
	for _, want := range []string{
		"DTSTART;TZID=Asia/Tokyo:20270201T100000\r\nDTEND;TZID=Asia/Tokyo:20270201T110000\r\nSTATUS:CANCELLED\r\nSUMMARY:防災訓練の打ち合わせ\r\n",
		"RRULE:FREQ=MONTHLY;BYDAY=3WE;UNTIL=20270519T055959Z\r\nEXDATE;TZID=Asia/Tokyo:20270217T150000\r\n",
		"RECURRENCE-ID;TZID=Asia/Tokyo:20270217T150000\r\nDTSTART;TZID=Asia/Tokyo:20270217T150000\r\nDTEND;TZID=Asia/Tokyo:20270217T160000\r\nSTATUS:CANCELLED\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	// Imported elsewhere, the cancelled occurrence and the end hold.
	other := newICSWorld(t)
	mustImport(t, as(other.organiser), other.db, []byte(out), other.open.ID)
	if got := strings.Join(occurrencesOf(t, as(other.organiser), other.db, other.open.ID, "相談タイム"), ","); got != "01-20 15:00-16:00,03-17 15:00-16:00,04-21 15:00-16:00" {
		t.Fatalf("imported again: %s", got)
	}
	now = now.Add(data.CancelledRetention + time.Hour)
	if later := exportICS(t, ctx, w.db, data.ICSExport{}); strings.Contains(later, "防災訓練の打ち合わせ") {
		t.Fatal("a cancelled event is still written after the retention")
	}
	if _, err := w.db.ExportICS(ctx, &bytes.Buffer{}, data.ICSExport{CommunityID: "01NOSUCHCOMMUNITY"}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("unknown community: %v", err)
	}
}
