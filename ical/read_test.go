package ical_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/ical"
	"hiroba/model"
)

var tokyo = (&model.Event{}).Location()

func jst(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, tokyo).UTC()
}

// fixture opens a file of testdata: exports written to look like those of
// Google Calendar, Outlook and Garoon, with invented names.
func fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustRead(tb testing.TB, file []byte) *ical.File {
	tb.Helper()
	f, err := ical.Read(bytes.NewReader(file))
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// byTitle finds the event of the file with that title.
func byTitle(tb testing.TB, f *ical.File, title string) *ical.Event {
	tb.Helper()
	for _, e := range f.Events {
		if e.Title == title {
			return e
		}
	}
	tb.Fatalf("no event %q", title)
	return nil
}

// changes lists a series' changes as "01-02 15:04 cancelled" or
// "01-02 15:04 -> 01-02 15:04-15:04" in Tokyo time.
func changes(e *ical.Event) string {
	var out []string
	for _, x := range e.Changes {
		s := x.Original.In(tokyo).Format("01-02 15:04")
		switch {
		case x.Cancelled:
			s += " cancelled"
		case x.Moved():
			s += " -> " + x.Start.In(tokyo).Format("01-02 15:04") + "-" + x.End.In(tokyo).Format("15:04")
		}
		for _, own := range []string{x.Title, x.Place, x.Description} {
			if own != "" {
				s += " " + own
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

func TestReadGoogle(t *testing.T) {
	f := mustRead(t, fixture(t, "google.ics"))
	if len(f.Events) != 3 || f.Skipped != 0 || len(f.Warnings) != 0 {
		t.Fatalf("%d events, %d skipped, warnings %v", len(f.Events), f.Skipped, f.Warnings)
	}

	t.Run("ThirdWednesdayWithExdateAndMovedOccurrence", func(t *testing.T) {
		e := byTitle(t, f, "相談タイム")
		if e.UID != "7kq2d0s1v5m3n8p4r6t9w2y4z1@google.com" || e.Line != 18 || e.RRule != "FREQ=MONTHLY;BYDAY=3WE" || e.TimeZone != "Asia/Tokyo" {
			t.Fatalf("event %+v", e)
		}
		if !e.Start.Equal(jst(2027, 1, 20, 15, 0)) || !e.End.Equal(jst(2027, 1, 20, 16, 0)) || e.Start.Location() != time.UTC {
			t.Fatalf("%v - %v", e.Start, e.End)
		}
		if got, want := changes(e), "05-19 15:00 cancelled, 08-18 15:00 -> 08-25 17:00-18:00 相談タイム (お盆のため1週間後)"; got != want {
			t.Fatalf("changes %s, want %s", got, want)
		}
	})
	t.Run("FoldedEscapedText", func(t *testing.T) {
		e := byTitle(t, f, "相談タイム")
		// The first fold of this DESCRIPTION cuts a UTF-8 character in
		// two, as Google's export does.
		want := "業務の不明点, 知っててあたりまえのことでも聞ける場所です。\n予約は不要です。途中参加・途中退出も歓迎します。\n持ち物: 聞きたいこと; 資料があればそれも。"
		if e.Description != want || e.Place != "郡山市役所 西庁舎 3階 第2会議室" {
			t.Fatalf("%q %q", e.Description, e.Place)
		}
	})
	t.Run("AllDayUTCAndConferenceLink", func(t *testing.T) {
		drill := byTitle(t, f, "防災訓練")
		if !drill.AllDay || !drill.Start.Equal(jst(2027, 9, 1, 0, 0)) || !drill.End.Equal(jst(2027, 9, 2, 0, 0)) {
			t.Fatalf("drill %+v", drill.Event)
		}
		// 03:00Z is noon in Tokyo; a one-off in UTC needs no zone.
		cafe := byTitle(t, f, "産休・育休カフェ")
		if !cafe.Start.Equal(jst(2027, 2, 10, 12, 0)) || cafe.End.Sub(cafe.Start) != 90*time.Minute || cafe.TimeZone != "Asia/Tokyo" {
			t.Fatalf("café %v - %v %s", cafe.Start, cafe.End, cafe.TimeZone)
		}
		if cafe.OnlineURL != "https://meet.google.com/abc-defg-hij" || cafe.Place != "" {
			t.Fatalf("café %q %q", cafe.OnlineURL, cafe.Place)
		}
	})
}

func TestReadOutlook(t *testing.T) {
	f := mustRead(t, fixture(t, "outlook.ics"))
	if len(f.Events) != 3 || f.Skipped != 1 || len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].Error(), "CLASS:PRIVATE") || !strings.Contains(f.Warnings[0].Error(), "104 行目") {
		t.Fatalf("%d events, %d skipped, warnings %v", len(f.Events), f.Skipped, f.Warnings)
	}
	t.Run("LastFridayCountExdateAndMove", func(t *testing.T) {
		// 毎月最終金曜日, 12 times from January 2027 with TZID "Tokyo
		// Standard Time": 03-26 is cancelled and 06-25 moved to 06-24.
		e := byTitle(t, f, "月末ふりかえり会")
		if e.TimeZone != "Asia/Tokyo" || !e.Start.Equal(jst(2027, 1, 29, 18, 0)) || !strings.Contains(e.RRule, "COUNT=12") {
			t.Fatalf("series %+v", e.Event)
		}
		if got, want := changes(e), "03-26 18:00 cancelled, 06-25 18:00 -> 06-24 18:00-19:00"; got != want {
			t.Fatalf("changes %s, want %s", got, want)
		}
	})
	t.Run("WindowsZonesAllDayAndTeams", func(t *testing.T) {
		if e := byTitle(t, f, "人事異動内示"); !e.AllDay || !e.Start.Equal(jst(2027, 3, 19, 0, 0)) {
			t.Fatalf("all day %+v", e.Event)
		}
		e := byTitle(t, f, "庶務担当者オンライン交流会")
		if !e.Start.Equal(jst(2027, 2, 16, 14, 0)) {
			t.Fatalf("(UTC+09:00) Osaka, Sapporo, Tokyo: %v", e.Start)
		}
		if e.Place != "Microsoft Teams 会議" || !strings.HasPrefix(e.OnlineURL, "https://teams.microsoft.com/l/meetup-join/19%3ameeting_") {
			t.Fatalf("place %q url %q", e.Place, e.OnlineURL)
		}
	})
	t.Run("PrivateAppointmentStaysOut", func(t *testing.T) {
		for _, e := range f.Events {
			if e.Title == "通院" {
				t.Fatal("private event read")
			}
		}
	})
}

func TestReadGaroon(t *testing.T) {
	f := mustRead(t, fixture(t, "garoon.ics"))
	if len(f.Events) != 3 {
		t.Fatalf("%d events", len(f.Events))
	}
	t.Run("FloatingLastFridayWithUTCAndDateExdates", func(t *testing.T) {
		// Floating 15:30 is Tokyo time; 02-26 is cancelled by a UTC EXDATE
		// and 04-30 by a date-only one; UNTIL=20271231 keeps 12-31.
		e := byTitle(t, f, "会議:庁内ノウハウ共有会")
		if !e.Start.Equal(jst(2027, 1, 29, 15, 30)) || e.RRule != "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T145959Z" {
			t.Fatalf("series %v %s", e.Start, e.RRule)
		}
		if got, want := changes(e), "02-26 15:30 cancelled, 04-30 15:30 cancelled"; got != want {
			t.Fatalf("changes %s, want %s", got, want)
		}
		if want := "今月の「うまくいったこと」を1人3分で紹介します。\n資料の置き場所: \\\\fileserver\\共有\\ノウハウ; 事前提出は不要です。"; e.Description != want {
			t.Fatalf("description %q", e.Description)
		}
	})
	t.Run("YearlyAllDay", func(t *testing.T) {
		e := byTitle(t, f, "予算要求の説明会 (市役所の一年の流れ)")
		if !e.AllDay || !e.Start.Equal(jst(2027, 4, 15, 0, 0)) || e.RRule != "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15" {
			t.Fatalf("yearly %+v", e.Event)
		}
		if cafe := byTitle(t, f, "産休・育休カフェ (三春町)"); cafe.Description != "時間 10:00〜11:30\n子ども連れでの参加も歓迎します。" {
			t.Fatalf("description %q", cafe.Description)
		}
	})
}

// TestReadSkipsBrokenEvents breaks one event of Google's export at a
// time: that event is left out with its line and why, and the other
// events (google.ics has three series and one override) are read.
func TestReadSkipsBrokenEvents(t *testing.T) {
	google := string(fixture(t, "google.ics"))
	replace := func(old, new string) []byte {
		t.Helper()
		if !strings.Contains(google, old) {
			t.Fatalf("fixture lacks %q", old)
		}
		return []byte(strings.Replace(google, old, new, 1))
	}
	for _, c := range []struct {
		name string
		file []byte
		want string
		line int
	}{
		// The colon is missing on line 79, in the last event.
		{"NoColon", fixture(t, "malformed.ics"), "79 行目: SUMMARY の後に「:」がありません", 67},
		{"BadDate", replace("DTSTART;VALUE=DATE:20270901", "DTSTART;VALUE=DATE:2027-09-01"), "53 行目: DTSTART の日時「2027-09-01」が読めません", 52},
		{"EndBeforeStart", replace("DTEND:20270210T043000Z", "DTEND:20270209T043000Z"), "69 行目: 終わり (DTEND) が始まり (DTSTART) より前です", 67},
		{"UnknownRulePart", replace("RRULE:FREQ=MONTHLY;BYDAY=3WE", "RRULE:FREQ=MONTHLY;BYDAY=3WE;BYFOO=9"), "21 行目: BYFOO という指定は RRULE にありません", 18},
		{"RuleWithoutDates", replace("RRULE:FREQ=MONTHLY;BYDAY=3WE", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), "21 行目: この繰り返しでは", 18},
		{"Minutely", replace("RRULE:FREQ=MONTHLY;BYDAY=3WE", "RRULE:FREQ=MINUTELY"), "21 行目: FREQ=MINUTELY には対応していません", 18},
		{"UnknownZone", replace("DTSTART;TZID=Asia/Tokyo:20270120T150000", "DTSTART;TZID=Mars/Olympus:20270120T150000"), "19 行目: タイムゾーン Mars/Olympus が分かりません", 18},
		{"UnclosedEvent", replace("END:VEVENT\r\nEND:VCALENDAR", "END:VCALENDAR"), "67 行目: BEGIN:VEVENT が END:VEVENT で閉じられていません", 67},
		{"NotUTF8", replace("SUMMARY:防災訓練", "SUMMARY:\xff\xfe防災訓練"), "64 行目: 文字コードが読めません", 52},
		{"DuplicateUID", replace("UID:3fh8g2k9l4m1n6b7v0c5x2z8a3@google.com", "UID:7kq2d0s1v5m3n8p4r6t9w2y4z1@google.com"), "の予定が 18 行目にもあります", 52},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := ical.Read(bytes.NewReader(c.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Problems) != 1 || f.Problems[0].Line != c.line || model.ErrorCode(f.Problems[0].Err) != model.EINVALID ||
				!strings.Contains(model.ErrorMessage(f.Problems[0].Err), c.want) {
				t.Fatalf("problems %+v, want one at line %d with %q", f.Problems, c.line, c.want)
			}
			if len(f.Events) != 2 {
				t.Fatalf("%d events read beside the broken one", len(f.Events))
			}
		})
	}
}

func TestReadRefusesWhatIsNotACalendar(t *testing.T) {
	for _, c := range []struct {
		name string
		file []byte
		want string
	}{
		{"NotICS", []byte("件名,開始日\r\n相談タイム,2027/01/20\r\n"), "1 行目:"},
		{"TooLarge", bytes.Repeat([]byte("X"), ical.MaxBytes+1), "ファイルが大きすぎます"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := ical.Read(bytes.NewReader(c.file))
			if err == nil || model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), c.want) || f != nil {
				t.Fatalf("got %v, want a message with %q", err, c.want)
			}
		})
	}
}

func TestReadTimeZones(t *testing.T) {
	for i, c := range []struct{ dtstart, zone string }{
		{"DTSTART;TZID=Tokyo Standard Time:20270120T150000", "Asia/Tokyo"},
		{`DTSTART;TZID="(UTC+09:00) Osaka, Sapporo, Tokyo":20270120T150000`, "Asia/Tokyo"},
		{"DTSTART;TZID=/mozilla.org/20050126_1/Asia/Tokyo:20270120T150000", "Asia/Tokyo"},
		{"DTSTART;TZID=Korea Standard Time:20270120T150000", "Asia/Seoul"},
		{"DTSTART;TZID=Pacific Standard Time:20270119T220000", "America/Los_Angeles"},
		{"DTSTART;TZID=Europe/London:20270120T060000", "Europe/London"},
		{"DTSTART;TZID=JST-9:20270120T150000", "Asia/Tokyo"}, // a zone known only by its VTIMEZONE
		{"DTSTART:20270120T060000Z", "Asia/Tokyo"},           // a one-off in UTC needs no zone
		{"DTSTART:20270120T150000", "Asia/Tokyo"},            // floating: Asia/Tokyo
	} {
		uid := "tz" + string(rune('a'+i)) + "@example.jp"
		file := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//x//JA\r\n" +
			"BEGIN:VTIMEZONE\r\nTZID:JST-9\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
			"BEGIN:VEVENT\r\nUID:" + uid + "\r\n" + c.dtstart + "\r\nDURATION:PT1H\r\nSUMMARY:" + uid + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		f, err := ical.Read(strings.NewReader(file))
		if err != nil {
			t.Fatalf("%s: %v", c.dtstart, err)
		}
		e := f.Events[0]
		if !e.Start.Equal(jst(2027, 1, 20, 15, 0)) || !e.End.Equal(jst(2027, 1, 20, 16, 0)) || e.TimeZone != c.zone {
			t.Errorf("%s: %v - %v in %s", c.dtstart, e.Start.In(tokyo), e.End.In(tokyo), e.TimeZone)
		}
	}
}

func TestReadCleansControlCharacters(t *testing.T) {
	file := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//x//JA\r\nBEGIN:VEVENT\r\nUID:esc@example.jp\r\n" +
		"DTSTART;TZID=Asia/Tokyo:20270120T150000\r\nDTEND;TZID=Asia/Tokyo:20270120T160000\r\n" +
		"SUMMARY:\x1b[2J\x1b]0;title\x07相談\u202eタイム\r\n" +
		"DESCRIPTION:一行目\\n\x1b[31m赤\x1b[0m\u009b2J\r\nLOCATION:会議室\x1b[1mA\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	e := mustRead(t, []byte(file)).Events[0]
	for _, s := range []string{e.Title, e.Description, e.Place} {
		if strings.ContainsAny(s, "\x1b\x07\u009b\u202e") {
			t.Fatalf("control characters kept: %q", s)
		}
	}
	if !strings.Contains(e.Title, "相談タイム") || !strings.HasPrefix(e.Description, "一行目\n") {
		t.Fatalf("text lost: %q %q", e.Title, e.Description)
	}
}

func TestReadShiftJIS(t *testing.T) {
	// 相談タイム in Shift_JIS, as older Japanese groupware writes it.
	file := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:sjis@example.jp\r\nDTSTART:20270120T150000\r\n" +
		"SUMMARY:\x91\x8a\x92\x6b\x83\x5e\x83\x43\x83\x80\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if e := mustRead(t, []byte(file)).Events[0]; e.Title != "相談タイム" {
		t.Fatalf("title %q", e.Title)
	}
}
