package data_test

import (
	"fmt"
	"strings"
	"testing"

	"hiroba/model"
)

// insertAfterFirstEvent puts events into a file after its first VEVENT:
// in the middle, where a broken one must not take the rest with it.
func insertAfterFirstEvent(tb testing.TB, file []byte, events ...string) []byte {
	tb.Helper()
	s := string(file)
	i := strings.Index(s, "END:VEVENT\r\n")
	if i < 0 {
		tb.Fatal("no VEVENT")
	}
	i += len("END:VEVENT\r\n")
	return []byte(s[:i] + strings.Join(events, "") + s[i:])
}

func vevent(lines ...string) string {
	return "BEGIN:VEVENT\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VEVENT\r\n"
}

// TestImportFilesOfOtherCalendars imports files shaped as Google Calendar,
// Outlook (Windows zone names, a byte order mark), Apple Calendar (LF line
// ends) and Thunderbird write them, each with a rule hiroba used to refuse
// and with a broken or unsupported event in the middle: that one is
// skipped with its line and why, the rest are imported and expand to the
// dates a printed calendar shows.
func TestImportFilesOfOtherCalendars(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		file     []byte
		created  int
		skipLine int
		skipWhy  string
		title    string // a series that used to be refused
		dates    string // its occurrences in 2027 (first few)
	}{
		{"Google", insertAfterFirstEvent(t, icsFixture(t, "google.ics"),
			vevent("DTSTART;TZID=Asia/Tokyo:20270103T100000", "DTEND;TZID=Asia/Tokyo:20270103T110000",
				"RRULE:FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,TU", "UID:fortnight-1@google.com", "SUMMARY:隔週の庁内勉強会"),
			vevent("UID:broken-1@google.com", "SUMMARY:開始のない予定", "DTEND;TZID=Asia/Tokyo:20270110T110000")),
			4, 45, "開始日時 DTSTART がありません", "隔週の庁内勉強会",
			"01-03 10:00-11:00,01-05 10:00-11:00,01-17 10:00-11:00,01-19 10:00-11:00,01-31 10:00-11:00"},
		{"Outlook", append([]byte("\xef\xbb\xbf"), insertAfterFirstEvent(t, icsFixture(t, "outlook.ics"),
			vevent(`DTSTART;TZID="Tokyo Standard Time":20270129T170000`, `DTEND;TZID="Tokyo Standard Time":20270129T173000`,
				"RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "UID:040000008200E00074C5B7101A82E008000000001", "SUMMARY:月末の締め確認"),
			vevent("UID:040000008200E00074C5B7101A82E008000000002", "SUMMARY:火星の会議", `DTSTART;TZID="Mars Standard Time":20270201T090000`,
				`DTEND;TZID="Mars Standard Time":20270201T100000`))...),
			4, 50, "タイムゾーン Mars Standard Time が分かりません", "月末の締め確認",
			"01-29 17:00-17:30,02-26 17:00-17:30,03-31 17:00-17:30,04-30 17:00-17:30"},
		{"Apple", icsFixture(t, "apple.ics"), 2, 42, "DTSTART の日時", "支払日の確認 (10日と25日)",
			"01-10 09:00-09:30,01-25 09:00-09:30,02-10 09:00-09:30,02-25 09:00-09:30"},
		{"Thunderbird", icsFixture(t, "thunderbird.ics"), 2, 26, "FREQ=MINUTELY には対応していません", "異動希望先を知る会 (人事異動の前後)",
			"04-05 18:00-19:30,10-04 18:00-19:30"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newICSWorld(t)
			ctx := as(w.organiser)
			res := mustImport(t, ctx, w.db, c.file, w.open.ID)
			if res.Created != c.created || res.Skipped != len(res.Skips)+strings.Count(fmt.Sprint(res.Warnings), "非公開") || len(res.Skips) != 1 || res.Skips[0].Line != c.skipLine ||
				model.ErrorCode(res.Skips[0].Err) != model.EINVALID || !strings.Contains(model.ErrorMessage(res.Skips[0].Err), c.skipWhy) {
				for _, s := range res.Skips {
					t.Log(s.Line, model.ErrorMessage(s.Err))
				}
				t.Fatalf("result %+v", res)
			}
			if got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, c.title), ","); !strings.HasPrefix(got, c.dates) {
				t.Fatalf("%s:\ngot  %s\nwant %s...", c.title, got, c.dates)
			}
		})
	}
}
