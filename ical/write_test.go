package ical_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"hiroba/ical"
	"hiroba/model"
)

func write(tb testing.TB, events []*ical.Event) string {
	tb.Helper()
	var b bytes.Buffer
	if err := ical.Write(&b, ical.Calendar{Name: "相談タイム, 郡山", Events: events}); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

var physicalLine = regexp.MustCompile(`[^\n]*\n`)

// long is a description that folds several times.
var long = strings.Repeat("育休から復帰した先輩が、保育園の送り迎えと窓口業務の両立について話します。", 8)

// written are the events of the Google and Outlook fixtures, and a café
// with every field hiroba writes.
func written(t *testing.T) []*ical.Event {
	events := append(mustRead(t, fixture(t, "google.ics")).Events, mustRead(t, fixture(t, "outlook.ics")).Events...)
	return append(events, &ical.Event{Event: model.Event{UID: "cafe@hiroba", Title: "産休・育休カフェ; 座談会, 第2回", Description: long + "\n\\ 終わり",
		Start: jst(2027, 6, 9, 12, 0), End: jst(2027, 6, 9, 13, 0), Place: "本宮市役所 会議室1", OnlineURL: "https://meet.example.jp/cafe",
		Capacity: 12, TwentyPercent: true, TimeZone: "Asia/Tokyo", UpdatedAt: jst(2026, 12, 1, 9, 0)}})
}

func TestWriteFoldsLinesAtWholeCharacters(t *testing.T) {
	out := write(t, written(t))
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Fatal("no CRLF at the end")
	}
	lines := physicalLine.FindAllString(out, -1)
	if len(strings.Join(lines, "")) != len(out) {
		t.Fatal("text after the last line end")
	}
	folded := 0
	for i, l := range lines {
		if !strings.HasSuffix(l, "\r\n") || strings.Count(l, "\r") != 1 {
			t.Fatalf("line %d does not end in CRLF: %q", i+1, l)
		}
		l = strings.TrimSuffix(l, "\r\n")
		if len(l) > 75 {
			t.Fatalf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("line %d splits a character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 10 {
		t.Fatalf("only %d folded lines", folded)
	}
}

func TestWriteContents(t *testing.T) {
	unfolded := strings.ReplaceAll(write(t, written(t)), "\r\n ", "")
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hiroba//hiroba//JA\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:相談タイム\\, 郡山\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n",
		"UID:7kq2d0s1v5m3n8p4r6t9w2y4z1@google.com\r\n",
		"DTSTART;TZID=Asia/Tokyo:20270120T150000\r\nDTEND;TZID=Asia/Tokyo:20270120T160000\r\nRRULE:FREQ=MONTHLY;BYDAY=3WE\r\nEXDATE;TZID=Asia/Tokyo:20270519T150000\r\n",
		"RECURRENCE-ID;TZID=Asia/Tokyo:20270818T150000\r\nDTSTART;TZID=Asia/Tokyo:20270825T170000\r\nDTEND;TZID=Asia/Tokyo:20270825T180000\r\n",
		"DTSTART;VALUE=DATE:20270901\r\nDTEND;VALUE=DATE:20270902\r\n",
		"DTSTAMP:20261201T000000Z\r\n",
		"SUMMARY:産休・育休カフェ\\; 座談会\\, 第2回\r\n",
		"LOCATION:本宮市役所 会議室1 / https://meet.example.jp/cafe\r\nURL:https://meet.example.jp/cafe\r\n",
		"DESCRIPTION:" + long + "\\n\\\\ 終わり\r\n",
		"X-HIROBA-CAPACITY:12\r\nX-HIROBA-TWENTY-PERCENT:TRUE\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("missing %q", want)
		}
	}
	// 3 from Google + 1 moved + 1 cancelled, 3 from Outlook + 1 moved + 1
	// cancelled, and the café.
	if n := strings.Count(unfolded, "BEGIN:VEVENT"); n != 11 {
		t.Errorf("%d VEVENTs", n)
	}
}

func TestWriteAllDaySeriesEndsOnADate(t *testing.T) {
	// RFC 5545 wants UNTIL of DTSTART's type.
	out := write(t, []*ical.Event{{Event: model.Event{UID: "busy@hiroba", Title: "繁忙期応援 (住民税)", AllDay: true,
		Start: jst(2027, 5, 10, 0, 0), End: jst(2027, 5, 11, 0, 0), RRule: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270531T150000Z"}}})
	if !strings.Contains(out, "DTSTART;VALUE=DATE:20270510\r\nDTEND;VALUE=DATE:20270511\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270601\r\n") {
		t.Fatal(out)
	}
}

func TestWriteCleansControlCharacters(t *testing.T) {
	// Rows written by other programs may hold anything.
	out := write(t, []*ical.Event{{Event: model.Event{UID: "esc\x1b@hiroba", Title: "\x1b[2J相談タイム", Description: "\x1b]52;c;AAAA\x07本文",
		Place: "会議室\u202e", Start: jst(2027, 1, 20, 15, 0), End: jst(2027, 1, 20, 16, 0)}}})
	if strings.ContainsAny(out, "\x1b\x07\u202e") || !strings.Contains(out, "SUMMARY:[2J相談タイム") {
		t.Fatalf("%q", out)
	}
}

func TestWriteIsReadByAnotherParser(t *testing.T) {
	out := write(t, written(t))
	cal, err := goical.NewDecoder(strings.NewReader(out)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 11 {
		t.Fatalf("go-ical reads %d events", len(events))
	}
	found := false
	for _, e := range events {
		start, err := e.DateTimeStart(tokyo)
		if err != nil {
			t.Fatal(err)
		}
		if d := e.Props.Get(goical.PropDescription); d != nil && strings.HasPrefix(d.Value, "育休から") {
			found = true
			if !start.Equal(jst(2027, 6, 9, 12, 0)) {
				t.Fatalf("start %v", start)
			}
			if want := strings.NewReplacer(",", "\\,").Replace(long) + "\\n\\\\ 終わり"; d.Value != want {
				t.Fatalf("description as go-ical reads it:\n%q\nwant\n%q", d.Value, want)
			}
		}
	}
	if !found {
		t.Fatal("the café is not among go-ical's events")
	}
}

func TestReadWhatWasWritten(t *testing.T) {
	// file -> events -> file -> events: the same events, but for where
	// they stand in the file.
	summary := func(f *ical.File) string {
		var b strings.Builder
		for _, e := range f.Events {
			b.WriteString(strings.Join([]string{e.UID, e.Title, e.Description, e.Place, e.OnlineURL, e.RRule, e.TimeZone,
				e.Start.String(), e.End.String(), changes(e)}, "|") + "\n")
		}
		return b.String()
	}
	for _, name := range []string{"google.ics", "outlook.ics", "garoon.ics"} {
		first := mustRead(t, fixture(t, name))
		again := mustRead(t, []byte(write(t, first.Events)))
		if a, b := summary(first), summary(again); a != b {
			t.Errorf("%s:\n%s\nthen\n%s", name, a, b)
		}
	}
}
