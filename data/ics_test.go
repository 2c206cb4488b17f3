package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// icsFixture opens a file of ical/testdata: exports written to look like
// those of Google Calendar, Outlook and Garoon, with invented names.
func icsFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "ical", "testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func importICS(ctx context.Context, db *data.DB, file []byte, community string) (*data.ICSImport, error) {
	return db.ImportICS(ctx, bytes.NewReader(file), data.ICSImportOptions{CommunityID: community})
}

func mustImport(tb testing.TB, ctx context.Context, db *data.DB, file []byte, community string) *data.ICSImport {
	tb.Helper()
	res, err := importICS(ctx, db, file, community)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func exportICS(tb testing.TB, ctx context.Context, db *data.DB, opt data.ICSExport) string {
	tb.Helper()
	var b bytes.Buffer
	if _, err := db.ExportICS(ctx, &b, opt); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// tableDigest is every row of events and event_exceptions, to show that a
// refused import changed nothing.
func tableDigest(tb testing.TB, db *data.DB) string {
	tb.Helper()
	var out strings.Builder
	err := db.Bulk(context.Background(), func(tx *sql.Tx) error {
		out.Reset() // a transaction may run again
		for _, q := range []string{
			`SELECT id || uid || title || starts_at || ends_at || rrule || coalesce(cancelled_at, '') || updated_at FROM events ORDER BY id`,
			`SELECT event_id || occurrence_start || cancelled || coalesce(new_start, '') FROM event_exceptions ORDER BY 1`,
		} {
			rows, err := tx.Query(q)
			if err != nil {
				return err
			}
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					rows.Close()
					return err
				}
				out.WriteString(s + "\n")
			}
			rows.Close()
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out.String()
}

// when lists occurrences as "01-20 15:00-16:00 title" in Tokyo time.
func when(os []model.Occurrence) []string {
	var out []string
	for _, o := range os {
		s := o.Start.In(tokyo).Format("01-02 15:04") + "-" + o.End.In(tokyo).Format("15:04")
		if o.Event.AllDay {
			s = o.Start.In(tokyo).Format("01-02") + " 終日"
		}
		out = append(out, s+" "+o.Event.Title)
	}
	return out
}

func occurrencesOf(tb testing.TB, ctx context.Context, db *data.DB, community, title string) []string {
	tb.Helper()
	os, err := db.Occurrences(ctx, jst(2027, 1, 1, 0, 0), jst(2028, 1, 1, 0, 0), community)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, s := range when(os) {
		if strings.HasSuffix(s, " "+title) {
			out = append(out, strings.TrimSuffix(s, " "+title))
		}
	}
	return out
}

type icsWorld struct {
	db        *data.DB
	organiser *model.Staff
	member    *model.Staff
	outsider  *model.Staff
	open      *model.Community
	secret    *model.Community
}

// newICSWorld gives the test a copy of one icsWorld.
var newICSWorld = worldTemplate(func(t testing.TB, db *data.DB) (*icsWorld, *clock) {
	c := testClock(db)
	w := &icsWorld{db: db}
	w.organiser = MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	w.member = MustCreateStaff(t, db, "須賀 次郎", sukagawa, "総務課")
	w.outsider = MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	w.open = MustCreateCommunity(t, db, as(w.organiser), "聞きにくいことを聞ける場所", model.CategoryConsultation, "", model.VisibilityOpen)
	w.secret = MustCreateCommunity(t, db, as(w.organiser), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
	if err := db.Join(as(w.member), w.open.ID); err != nil {
		t.Fatal(err)
	}
	return w, c
}, func(w *icsWorld, db *data.DB, _ *clock) *icsWorld {
	c := *w
	c.db = db
	organiser, member, outsider, open, secret := *c.organiser, *c.member, *c.outsider, *c.open, *c.secret
	c.organiser, c.member, c.outsider, c.open, c.secret = &organiser, &member, &outsider, &open, &secret
	return &c
})

func TestImportICSGoogle(t *testing.T) {
	t.Parallel()
	w := newICSWorld(t)
	ctx := as(w.organiser)
	res := mustImport(t, ctx, w.db, icsFixture(t, "google.ics"), w.open.ID)
	if res.Created != 3 || res.Updated != 0 || len(res.Warnings) != 0 {
		t.Fatalf("result %+v", res)
	}

	t.Run("ThirdWednesdayWithExdateAndMovedOccurrence", func(t *testing.T) {
		got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, "相談タイム"), ",")
		// Every third Wednesday of 2027 at 15:00, but 05-19 cancelled
		// (EXDATE) and 08-18 moved to 08-25 17:00 (RECURRENCE-ID), where
		// it keeps its own title.
		want := "01-20 15:00-16:00,02-17 15:00-16:00,03-17 15:00-16:00,04-21 15:00-16:00," +
			"06-16 15:00-16:00,07-21 15:00-16:00,09-15 15:00-16:00," +
			"10-20 15:00-16:00,11-17 15:00-16:00,12-15 15:00-16:00"
		if got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
		if got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, "相談タイム (お盆のため1週間後)"), ","); got != "08-25 17:00-18:00" {
			t.Fatalf("moved with its own title: %s", got)
		}
	})
	t.Run("AllDayAndUTC", func(t *testing.T) {
		if got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, "防災訓練"), ","); got != "09-01 終日" {
			t.Fatalf("drill: %s", got)
		}
		// 03:00Z is noon in Tokyo.
		if got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, "産休・育休カフェ"), ","); got != "02-10 12:00-13:30" {
			t.Fatalf("café: %s", got)
		}
	})
	t.Run("FoldedEscapedTextAndConferenceLink", func(t *testing.T) {
		os, _ := w.db.Occurrences(ctx, jst(2027, 1, 20, 0, 0), jst(2027, 1, 21, 0, 0), w.open.ID)
		if len(os) != 1 {
			t.Fatalf("%d occurrences", len(os))
		}
		e, err := w.db.EventByID(ctx, os[0].Event.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The first fold of this DESCRIPTION cuts a UTF-8 character in
		// two, as Google's export does.
		want := "業務の不明点, 知っててあたりまえのことでも聞ける場所です。\n予約は不要です。途中参加・途中退出も歓迎します。\n持ち物: 聞きたいこと; 資料があればそれも。"
		if e.Description != want || e.Place != "郡山市役所 西庁舎 3階 第2会議室" || e.UID != "7kq2d0s1v5m3n8p4r6t9w2y4z1@google.com" {
			t.Fatalf("event %q %q %q", e.Description, e.Place, e.UID)
		}
		if e.OrganiserID != w.organiser.ID || e.CommunityID != w.open.ID {
			t.Fatalf("organiser %s community %s", e.OrganiserID, e.CommunityID)
		}
		cafe, _ := w.db.Occurrences(ctx, jst(2027, 2, 10, 0, 0), jst(2027, 2, 11, 0, 0), w.open.ID)
		if len(cafe) != 1 || cafe[0].Event.OnlineURL != "https://meet.google.com/abc-defg-hij" || cafe[0].Event.Place != "" {
			t.Fatalf("café %+v", cafe)
		}
	})
}

func TestImportICSOutlook(t *testing.T) {
	t.Parallel()
	w := newICSWorld(t)
	ctx := as(w.organiser)
	res := mustImport(t, ctx, w.db, icsFixture(t, "outlook.ics"), w.open.ID)
	if res.Created != 3 || res.Skipped != 1 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Error(), "CLASS:PRIVATE") {
		t.Fatalf("result %+v", res)
	}
	t.Run("LastFridayCountExdateAndMove", func(t *testing.T) {
		// 毎月最終金曜日, 12 times from January 2027 with TZID "Tokyo
		// Standard Time": 03-26 is cancelled and 06-25 moved to 06-24.
		got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, "月末ふりかえり会"), ",")
		want := "01-29 18:00-19:00,02-26 18:00-19:00,04-30 18:00-19:00,05-28 18:00-19:00,06-24 18:00-19:00," +
			"07-30 18:00-19:00,08-27 18:00-19:00,09-24 18:00-19:00,10-29 18:00-19:00,11-26 18:00-19:00,12-31 18:00-19:00"
		if got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("WindowsZonesAllDayAndTeams", func(t *testing.T) {
		if got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, "人事異動内示"), ","); got != "03-19 終日" {
			t.Fatalf("all day: %s", got)
		}
		os, _ := w.db.Occurrences(ctx, jst(2027, 2, 16, 0, 0), jst(2027, 2, 17, 0, 0), w.open.ID)
		if got := strings.Join(when(os), ","); got != "02-16 14:00-15:00 庶務担当者オンライン交流会" {
			t.Fatalf("(UTC+09:00) Osaka, Sapporo, Tokyo: %s", got)
		}
		e := os[0].Event
		if e.Place != "Microsoft Teams 会議" || !strings.HasPrefix(e.OnlineURL, "https://teams.microsoft.com/l/meetup-join/19%3ameeting_") {
			t.Fatalf("place %q url %q", e.Place, e.OnlineURL)
		}
	})
	t.Run("PrivateAppointmentStaysOut", func(t *testing.T) {
		if got := occurrencesOf(t, ctx, w.db, w.open.ID, "通院"); len(got) != 0 {
			t.Fatalf("private event imported: %v", got)
		}
	})
}

func TestImportICSGaroon(t *testing.T) {
	t.Parallel()
	w := newICSWorld(t)
	ctx := as(w.member) // a member may add events, as with CreateEvent
	res := mustImport(t, ctx, w.db, icsFixture(t, "garoon.ics"), "聞きにくいことを聞ける場所")
	if res.Created != 3 {
		t.Fatalf("result %+v", res)
	}
	t.Run("FloatingLastFridayWithUTCAndDateExdates", func(t *testing.T) {
		// Floating 15:30 is Tokyo time; 02-26 is cancelled by a UTC EXDATE
		// and 04-30 by a date-only one; UNTIL=20271231 keeps 12-31.
		got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, "会議:庁内ノウハウ共有会"), ",")
		want := "01-29 15:30-17:00,03-26 15:30-17:00,05-28 15:30-17:00,06-25 15:30-17:00,07-30 15:30-17:00," +
			"08-27 15:30-17:00,09-24 15:30-17:00,10-29 15:30-17:00,11-26 15:30-17:00,12-31 15:30-17:00"
		if got != want {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("YearlyAllDayAndEscapes", func(t *testing.T) {
		if got := strings.Join(occurrencesOf(t, ctx, w.db, w.open.ID, "予算要求の説明会 (市役所の一年の流れ)"), ","); got != "04-15 終日" {
			t.Fatalf("yearly: %s", got)
		}
		os, _ := w.db.Occurrences(ctx, jst(2027, 1, 29, 0, 0), jst(2027, 1, 30, 0, 0), w.open.ID)
		e, err := w.db.EventByID(ctx, os[0].Event.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := "今月の「うまくいったこと」を1人3分で紹介します。\n資料の置き場所: \\\\fileserver\\共有\\ノウハウ; 事前提出は不要です。"; e.Description != want {
			t.Fatalf("description %q", e.Description)
		}
		cafe, _ := w.db.Occurrences(ctx, jst(2027, 3, 3, 0, 0), jst(2027, 3, 4, 0, 0), w.open.ID)
		full, _ := w.db.EventByID(ctx, cafe[0].Event.ID)
		if full.Description != "時間 10:00〜11:30\n子ども連れでの参加も歓迎します。" {
			t.Fatalf("description %q", full.Description)
		}
	})
}

func TestImportICSTwiceDoesNotDuplicate(t *testing.T) {
	t.Parallel()
	w := newICSWorld(t)
	ctx := as(w.organiser)
	for _, name := range []string{"google.ics", "outlook.ics", "garoon.ics"} {
		first := mustImport(t, ctx, w.db, icsFixture(t, name), w.open.ID)
		before := tableDigest(t, w.db)
		again := mustImport(t, ctx, w.db, icsFixture(t, name), w.open.ID)
		if again.Created != 0 || again.Updated != 0 || again.Unchanged != first.Created {
			t.Fatalf("%s: first %+v, again %+v", name, first, again)
		}
		if after := tableDigest(t, w.db); after != before {
			t.Fatalf("%s: second import changed the tables:\n%s\n%s", name, before, after)
		}
	}
	// series_ends_at follows from the rule; other writers store UNTIL
	// there instead of the last start, which is no change of the event.
	MustExec(t, w.db, `UPDATE events SET series_ends_at = '2028-01-01T00:00:00.000Z' WHERE rrule <> ''`)
	if res := mustImport(t, ctx, w.db, icsFixture(t, "outlook.ics"), ""); res.Unchanged != 3 {
		t.Fatalf("series end: %+v", res)
	}
	// The same UID with a new title and one more cancellation updates the
	// event in place; the community need not be given again.
	changed := strings.Replace(string(icsFixture(t, "google.ics")), "SUMMARY:相談タイム\r\n", "SUMMARY:オフライン相談タイム\r\n", 1)
	changed = strings.Replace(changed, "EXDATE;TZID=Asia/Tokyo:20270519T150000", "EXDATE;TZID=Asia/Tokyo:20270519T150000,20270616T150000", 1)
	res := mustImport(t, ctx, w.db, []byte(changed), "")
	if res.Updated != 1 || res.Unchanged != 2 || res.Created != 0 {
		t.Fatalf("update %+v", res)
	}
	got := occurrencesOf(t, ctx, w.db, w.open.ID, "オフライン相談タイム")
	if len(got) != 9 || strings.Contains(strings.Join(got, ","), "06-16") { // the moved one has its own title
		t.Fatalf("updated series: %v", got)
	}
}

func TestImportICSSkipsWhatItCannotTake(t *testing.T) {
	t.Parallel()
	neverOnADate := strings.Replace(string(icsFixture(t, "google.ics")), "RRULE:FREQ=MONTHLY;BYDAY=3WE", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", 1)
	for _, c := range []struct {
		name string
		file []byte
		want string
		line int
	}{
		// The colon is missing on line 79, in the last event; ical's
		// tests walk the other faults of the format.
		{"NoColon", icsFixture(t, "malformed.ics"), "79 行目: SUMMARY の後に「:」がありません", 67},
		// A rule the format allows but that never meets a date.
		{"RuleWithoutDate", []byte(neverOnADate), "21 行目: この繰り返しでは", 18},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newICSWorld(t)
			ctx := as(w.organiser)
			mustImport(t, ctx, w.db, icsFixture(t, "garoon.ics"), w.open.ID)
			before := tableDigest(t, w.db)
			_, err := w.db.ImportICS(ctx, bytes.NewReader(c.file), data.ICSImportOptions{CommunityID: w.open.ID, Strict: true})
			if err == nil || model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), c.want) {
				t.Fatalf("--strict: got %v, want a message with %q", err, c.want)
			}
			if after := tableDigest(t, w.db); after != before {
				t.Fatal("--strict: a refused file changed the database")
			}
			res := mustImport(t, ctx, w.db, c.file, w.open.ID)
			if res.Created != 2 || res.Skipped != 1 || len(res.Skips) != 1 || res.Skips[0].Line != c.line ||
				!strings.Contains(model.ErrorMessage(res.Skips[0].Err), c.want) {
				t.Fatalf("result %+v", res)
			}
		})
	}

	t.Run("RefusedLateInTheFile", func(t *testing.T) {
		// The second event's UID belongs to an event of the members-only
		// community, which the member (importing into the open one) may
		// not see: it is skipped, the others are saved; with --strict
		// nothing is.
		w := newICSWorld(t)
		secretEvent := MustCreateEvent(t, w.db, w.secret.ID, w.organiser, "内示の受け止め方", jst(2027, 3, 19, 18, 0), jst(2027, 3, 19, 19, 0), "", nil)
		MustExec(t, w.db, `UPDATE events SET uid = '3fh8g2k9l4m1n6b7v0c5x2z8a3@google.com' WHERE id = ?`, secretEvent)
		before := tableDigest(t, w.db)
		_, err := w.db.ImportICS(as(w.member), bytes.NewReader(icsFixture(t, "google.ics")), data.ICSImportOptions{CommunityID: w.open.ID, Strict: true})
		if model.ErrorCode(err) != model.EFORBIDDEN || !strings.Contains(model.ErrorMessage(err), "52 行目") {
			t.Fatalf("got %v", err)
		}
		if after := tableDigest(t, w.db); after != before {
			t.Fatal("half of the file was imported")
		}
		res := mustImport(t, as(w.member), w.db, icsFixture(t, "google.ics"), w.open.ID)
		if res.Created != 2 || len(res.Skips) != 1 || model.ErrorCode(res.Skips[0].Err) != model.EFORBIDDEN {
			t.Fatalf("result %+v", res)
		}
	})
}

func TestImportICSWhoAndWhere(t *testing.T) {
	t.Parallel()
	w := newICSWorld(t)
	file := icsFixture(t, "google.ics")
	t.Run("CommunityNeededForNewEvents", func(t *testing.T) {
		_, err := importICS(as(w.organiser), w.db, file, "")
		msg := model.ErrorMessage(err)
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(msg, "新しい予定が 3 件") || !strings.Contains(msg, "聞きにくいことを聞ける場所 ("+w.open.ID+")") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("OutsiderMayNotAdd", func(t *testing.T) {
		_, err := importICS(as(w.outsider), w.db, file, w.open.ID)
		if model.ErrorCode(err) != model.EFORBIDDEN {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("HiddenCommunityIsNotFound", func(t *testing.T) {
		_, err := importICS(as(w.outsider), w.db, file, w.secret.ID)
		if model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("Nobody", func(t *testing.T) {
		_, err := importICS(context.Background(), w.db, file, w.open.ID)
		if model.ErrorCode(err) != model.EFORBIDDEN {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("MemberMayNotChangeAnotherOnesEvent", func(t *testing.T) {
		mustImport(t, as(w.organiser), w.db, file, w.open.ID)
		changed := strings.Replace(string(file), "SUMMARY:防災訓練", "SUMMARY:防災訓練 (中止)", 1)
		res := mustImport(t, as(w.member), w.db, []byte(changed), "")
		if len(res.Skips) != 1 || model.ErrorCode(res.Skips[0].Err) != model.EFORBIDDEN || !strings.Contains(model.ErrorMessage(res.Skips[0].Err), "防災訓練") ||
			res.Unchanged != 2 {
			t.Fatalf("result %+v", res)
		}
	})
	t.Run("AnotherCommunityNeedsMove", func(t *testing.T) {
		// The events are in the open community (above); importing them
		// into the members-only one says where they are, and --move moves
		// them.
		res := mustImport(t, as(w.organiser), w.db, file, w.secret.ID)
		if res.Skipped != 3 || res.Unchanged != 0 || !strings.Contains(model.ErrorMessage(res.Skips[0].Err), "--move") ||
			!strings.Contains(model.ErrorMessage(res.Skips[0].Err), w.open.Name) {
			t.Fatalf("result %+v", res)
		}
		moved, err := w.db.ImportICS(as(w.organiser), bytes.NewReader(file), data.ICSImportOptions{CommunityID: w.secret.ID, Move: true})
		if err != nil || moved.Updated != 3 {
			t.Fatalf("--move: %+v %v", moved, err)
		}
		if got := occurrencesOf(t, as(w.organiser), w.db, w.secret.ID, "防災訓練"); len(got) != 1 {
			t.Fatalf("not moved: %v", got)
		}
	})
}

func TestExportICS(t *testing.T) {
	t.Parallel()
	w := newICSWorld(t)
	ctx := as(w.organiser)
	long := strings.Repeat("育休から復帰した先輩が、保育園の送り迎えと窓口業務の両立について話します。", 8)
	mustImport(t, ctx, w.db, icsFixture(t, "google.ics"), w.open.ID)
	mustImport(t, ctx, w.db, icsFixture(t, "outlook.ics"), w.open.ID)
	hybrid := &model.Event{CommunityID: w.open.ID, Title: "産休・育休カフェ; 座談会, 第2回", Description: long + "\n\\ 終わり",
		Start: jst(2027, 6, 9, 12, 0), End: jst(2027, 6, 9, 13, 0), Place: "本宮市役所 会議室1", OnlineURL: "https://meet.example.jp/cafe",
		Capacity: 12, TwentyPercent: true}
	if err := w.db.CreateEvent(ctx, hybrid); err != nil {
		t.Fatal(err)
	}
	secret := &model.Event{CommunityID: w.secret.ID, Title: "内示の受け止め方", Start: jst(2027, 3, 19, 18, 0), End: jst(2027, 3, 19, 19, 0)}
	if err := w.db.CreateEvent(ctx, secret); err != nil {
		t.Fatal(err)
	}
	out := exportICS(t, ctx, w.db, data.ICSExport{})

	t.Run("Contents", func(t *testing.T) {
		// What is stored comes out: the series with its cancelled and
		// moved occurrences, and every field of the café. ical's tests
		// check how it is written.
		unfolded := strings.ReplaceAll(out, "\r\n ", "")
		for _, want := range []string{
			"UID:7kq2d0s1v5m3n8p4r6t9w2y4z1@google.com\r\n",
			"RRULE:FREQ=MONTHLY;BYDAY=3WE\r\nEXDATE;TZID=Asia/Tokyo:20270519T150000\r\n",
			"RECURRENCE-ID;TZID=Asia/Tokyo:20270818T150000\r\nDTSTART;TZID=Asia/Tokyo:20270825T170000\r\n",
			"DTSTART;VALUE=DATE:20270901\r\n",
			"SUMMARY:産休・育休カフェ\\; 座談会\\, 第2回\r\nLOCATION:本宮市役所 会議室1 / https://meet.example.jp/cafe\r\n" +
				"URL:https://meet.example.jp/cafe\r\nDESCRIPTION:" + long + "\\n\\\\ 終わり\r\nX-HIROBA-CAPACITY:12\r\nX-HIROBA-TWENTY-PERCENT:TRUE\r\n",
		} {
			if !strings.Contains(unfolded, want) {
				t.Errorf("missing %q", want)
			}
		}
		// 3 from Google + 1 moved + 1 cancelled, 3 from Outlook + 1 moved
		// + 1 cancelled, the café and the members-only community's event.
		if n := strings.Count(out, "BEGIN:VEVENT"); n != 12 {
			t.Errorf("%d VEVENTs", n)
		}
	})
	t.Run("OnlyWhatTheViewerSees", func(t *testing.T) {
		if !strings.Contains(out, "内示の受け止め方") {
			t.Fatal("a member does not see the members-only community's event")
		}
		if other := exportICS(t, as(w.outsider), w.db, data.ICSExport{}); strings.Contains(other, "内示の受け止め方") || !strings.Contains(other, "相談タイム") {
			t.Fatal("a non-member sees the members-only community's event, or misses open ones")
		}
		if _, err := w.db.ExportICS(as(w.outsider), &bytes.Buffer{}, data.ICSExport{CommunityID: w.secret.ID}); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("members-only community by id: %v", err)
		}
	})
	t.Run("Window", func(t *testing.T) {
		march := exportICS(t, ctx, w.db, data.ICSExport{From: jst(2027, 3, 1, 0, 0), To: jst(2027, 4, 1, 0, 0)})
		for _, want := range []string{"相談タイム", "人事異動内示", "内示の受け止め方"} {
			if !strings.Contains(march, want) {
				t.Errorf("March lacks %s", want)
			}
		}
		// 月末ふりかえり会 has no occurrence in March: 03-26 is cancelled.
		for _, not := range []string{"防災訓練", "座談会", "庶務担当者", "月末ふりかえり会"} {
			if strings.Contains(march, not) {
				t.Errorf("March has %s", not)
			}
		}
	})
}

func TestICSRoundTrip(t *testing.T) {
	t.Parallel()
	// hiroba -> file -> another hiroba -> file: the same file, but for
	// DTSTAMP, which is each database's time of the last change.
	w := newICSWorld(t)
	ctx := as(w.organiser)
	for _, name := range []string{"google.ics", "outlook.ics", "garoon.ics"} {
		mustImport(t, ctx, w.db, icsFixture(t, name), w.open.ID)
	}
	if err := w.db.CreateEvent(ctx, &model.Event{CommunityID: w.open.ID, Title: "防災訓練 反省会", Description: "避難経路\\n, ; の確認\n二行目",
		Start: jst(2027, 9, 8, 15, 0), End: jst(2027, 9, 8, 16, 30), Place: "郡山市役所 第1会議室", OnlineURL: "https://meet.example.jp/drill",
		Capacity: 30, TwentyPercent: true}); err != nil {
		t.Fatal(err)
	}
	// A weekly all-day series that ends: its UNTIL must be a date.
	if err := w.db.CreateEvent(ctx, &model.Event{CommunityID: w.open.ID, Title: "繁忙期応援 (住民税)", AllDay: true,
		Start: jst(2027, 5, 10, 0, 0), End: jst(2027, 5, 11, 0, 0), RRule: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270531T150000Z"}); err != nil {
		t.Fatal(err)
	}
	first := exportICS(t, ctx, w.db, data.ICSExport{})
	if !strings.Contains(first, "DTSTART;VALUE=DATE:20270510\r\nDTEND;VALUE=DATE:20270511\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270601\r\n") {
		t.Fatalf("all-day series: %s", first)
	}

	other := newICSWorld(t)
	res := mustImport(t, as(other.organiser), other.db, []byte(first), other.open.ID)
	if got := strings.Join(occurrencesOf(t, as(other.organiser), other.db, other.open.ID, "繁忙期応援 (住民税)"), ","); got != "05-10 終日,05-17 終日,05-24 終日,05-31 終日" {
		t.Fatalf("all-day series after the round trip: %s", got)
	}
	if res.Created != 11 || len(res.Warnings) != 0 {
		t.Fatalf("result %+v", res)
	}
	second := exportICS(t, as(other.organiser), other.db, data.ICSExport{})
	stamp := regexp.MustCompile(`DTSTAMP:\d{8}T\d{6}Z`)
	a, b := stamp.ReplaceAllString(first, "DTSTAMP"), stamp.ReplaceAllString(second, "DTSTAMP")
	if a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := range min(len(al), len(bl)) {
			if al[i] != bl[i] {
				t.Fatalf("line %d differs:\n%q\n%q", i+1, al[i], bl[i])
			}
		}
		t.Fatalf("%d lines, then %d", len(al), len(bl))
	}
}
