package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

var tokyo = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		panic(err)
	}
	return loc
}()

func jst(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, tokyo)
}

// MustCreateEvent writes an event directly: there is no service that
// creates events yet.
func MustCreateEvent(tb testing.TB, db *data.DB, communityID string, organiser *model.Staff, title string, start, end time.Time, rrule string, seriesEnd *time.Time) string {
	tb.Helper()
	id := model.NewID(db.Now())
	var until any
	if seriesEnd != nil {
		until = data.FormatTime(*seriesEnd)
	}
	at := data.FormatTime(db.Now())
	MustExec(tb, db, `INSERT INTO events (id, uid, community_id, title, description, starts_at, ends_at, place,
		organiser_id, twenty_percent, rrule, series_ends_at, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, '', ?, ?, '郡山市役所 第1会議室', ?, 1, ?, ?, ?, ?, ?)`,
		id, id+"@hiroba", communityID, title, data.FormatTime(start), data.FormatTime(end),
		organiser.ID, rrule, until, organiser.ID, at, at)
	return id
}

func occurrenceDates(os []model.Occurrence) string {
	var out []string
	for _, o := range os {
		out = append(out, o.Start.In(tokyo).Format("01-02"))
	}
	return strings.Join(out, ",")
}

func TestOccurrences(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	hanako := MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	outsider := MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	open := MustCreateCommunity(t, db, as(hanako), "聞きにくいことを聞ける場所", model.CategoryConsultation, "", model.VisibilityOpen)
	secret := MustCreateCommunity(t, db, as(hanako), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
	ctx := as(hanako)
	year2027 := func(communityID string) []model.Occurrence {
		t.Helper()
		os, err := db.Occurrences(ctx, jst(2027, 1, 1, 0, 0), jst(2028, 1, 1, 0, 0), communityID)
		if err != nil {
			t.Fatal(err)
		}
		return os
	}

	// 毎月第3水曜日 18:00-19:30 from December 2026, without end.
	third := MustCreateEvent(t, db, open.ID, hanako, "オフライン相談会", jst(2026, 12, 16, 18, 0), jst(2026, 12, 16, 19, 30), "FREQ=MONTHLY;BYDAY=3WE", nil)

	t.Run("EveryThirdWednesdayOf2027", func(t *testing.T) {
		os := year2027(open.ID)
		want := "01-20,02-17,03-17,04-21,05-19,06-16,07-21,08-18,09-15,10-20,11-17,12-15"
		if got := occurrenceDates(os); got != want {
			t.Fatalf("got %s, want %s", got, want)
		}
		for _, o := range os {
			if o.Event.ID != third || o.Start.In(tokyo).Hour() != 18 || o.End.Sub(o.Start) != 90*time.Minute || o.Start.In(tokyo).Weekday() != time.Wednesday {
				t.Fatalf("occurrence %v-%v of %s", o.Start, o.End, o.Event.ID)
			}
		}
		if os[0].Event.Title != "オフライン相談会" || os[0].Event.CommunityName != "聞きにくいことを聞ける場所" || os[0].Event.OrganiserName != "安積 花子" {
			t.Fatalf("event %+v", os[0].Event)
		}
	})
	t.Run("ExceptionCancelsOne", func(t *testing.T) {
		MustExec(t, db, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled) VALUES (?, ?, 1)`,
			third, data.FormatTime(jst(2027, 5, 19, 18, 0)))
		want := "01-20,02-17,03-17,04-21,06-16,07-21,08-18,09-15,10-20,11-17,12-15"
		if got := occurrenceDates(year2027(open.ID)); got != want {
			t.Fatalf("got %s, want %s", got, want)
		}
	})
	t.Run("ExceptionMovesOne", func(t *testing.T) {
		MustExec(t, db, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled, new_start, new_end) VALUES (?, ?, 0, ?, ?)`,
			third, data.FormatTime(jst(2027, 8, 18, 18, 0)), data.FormatTime(jst(2027, 8, 25, 17, 0)), data.FormatTime(jst(2027, 8, 25, 18, 0)))
		os, err := db.Occurrences(ctx, jst(2027, 8, 1, 0, 0), jst(2027, 9, 1, 0, 0), open.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(os) != 1 || !os[0].Start.Equal(jst(2027, 8, 25, 17, 0)) || !os[0].End.Equal(jst(2027, 8, 25, 18, 0)) {
			t.Fatalf("moved: %v", os)
		}
	})
	t.Run("ExceptionMovesIntoWindow", func(t *testing.T) {
		// The occurrence of 2027-09-15 moves back to 2027-08-31.
		MustExec(t, db, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled, new_start, new_end) VALUES (?, ?, 0, ?, ?)`,
			third, data.FormatTime(jst(2027, 9, 15, 18, 0)), data.FormatTime(jst(2027, 8, 31, 18, 0)), data.FormatTime(jst(2027, 8, 31, 19, 0)))
		os, err := db.Occurrences(ctx, jst(2027, 8, 1, 0, 0), jst(2027, 9, 1, 0, 0), open.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := occurrenceDates(os); got != "08-25,08-31" {
			t.Fatalf("got %s", got)
		}
		if got := occurrenceDates(year2027(open.ID)); strings.Contains(got, "09-15") {
			t.Fatalf("the moved occurrence stays: %s", got)
		}
	})

	t.Run("YearlyRule", func(t *testing.T) {
		c := MustCreateCommunity(t, db, as(hanako), "市役所の一年の流れ", model.CategoryLearning, koriyama, model.VisibilityOpen)
		start := jst(2025, 10, 1, 0, 0)
		MustCreateEvent(t, db, c.ID, hanako, "予算要求の締切", start, start.AddDate(0, 0, 1), "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1", nil)
		os, err := db.Occurrences(ctx, jst(2026, 1, 1, 0, 0), jst(2029, 1, 1, 0, 0), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range os {
			got = append(got, o.Start.In(tokyo).Format("2006-01-02 15:04"))
		}
		if strings.Join(got, ",") != "2026-10-01 00:00,2027-10-01 00:00,2028-10-01 00:00" {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("SeriesEnded", func(t *testing.T) {
		c := MustCreateCommunity(t, db, as(hanako), "新採研修フォロー", model.CategoryLearning, "", model.VisibilityOpen)
		end := jst(2026, 12, 31, 0, 0)
		MustCreateEvent(t, db, c.ID, hanako, "新採フォロー面談", jst(2026, 4, 8, 15, 0), jst(2026, 4, 8, 16, 0), "FREQ=WEEKLY;UNTIL=20261231T000000Z", &end)
		if os := year2027(c.ID); len(os) != 0 {
			t.Fatalf("ended series in 2027: %s", occurrenceDates(os))
		}
	})
	t.Run("OneOffOverlapping", func(t *testing.T) {
		c := MustCreateCommunity(t, db, as(hanako), "職員避難訓練", model.CategoryExperience, "", model.VisibilityOpen)
		MustCreateEvent(t, db, c.ID, hanako, "避難訓練の振り返り", jst(2027, 3, 10, 13, 30), jst(2027, 3, 10, 15, 0), "", nil)
		MustCreateEvent(t, db, c.ID, hanako, "防災週間の展示", jst(2027, 2, 27, 9, 0), jst(2027, 3, 3, 17, 0), "", nil)
		MustCreateEvent(t, db, c.ID, hanako, "2月の訓練", jst(2027, 2, 10, 9, 0), jst(2027, 2, 10, 12, 0), "", nil)
		MustCreateEvent(t, db, c.ID, hanako, "4月の訓練", jst(2027, 4, 1, 0, 0), jst(2027, 4, 1, 12, 0), "", nil)
		cancelled := MustCreateEvent(t, db, c.ID, hanako, "中止した訓練", jst(2027, 3, 20, 9, 0), jst(2027, 3, 20, 12, 0), "", nil)
		MustExec(t, db, `UPDATE events SET cancelled_at = created_at WHERE id = ?`, cancelled)
		os, err := db.Occurrences(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range os {
			got = append(got, o.Event.Title)
		}
		if strings.Join(got, ",") != "防災週間の展示,避難訓練の振り返り" {
			t.Fatalf("got %v", got)
		}
		// The cancelled event is still there for a detail view, marked.
		if e, err := db.EventByID(ctx, cancelled); err != nil || !e.Cancelled || e.Title != "中止した訓練" {
			t.Fatalf("cancelled event: %+v %v", e, err)
		}
	})
	t.Run("AllCommunitiesInOrder", func(t *testing.T) {
		os, err := db.Occurrences(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := occurrenceDates(os); got != "02-27,03-10,03-17" {
			t.Fatalf("got %s", got)
		}
	})
	t.Run("NextAreTheFirstOfAll", func(t *testing.T) {
		// A community's pane reads only the first few, in full.
		all := year2027("")
		if len(all) < 4 {
			t.Fatalf("only %d occurrences to cut", len(all))
		}
		for _, n := range []int{0, 1, 3, len(all) + 5} {
			next, err := db.NextOccurrences(ctx, jst(2027, 1, 1, 0, 0), jst(2028, 1, 1, 0, 0), "", n)
			if err != nil {
				t.Fatal(err)
			}
			want := all[:min(n, len(all))]
			if len(next) != len(want) {
				t.Fatalf("first %d: got %d occurrences, want %d", n, len(next), len(want))
			}
			for i := range want {
				if next[i].Event.ID != want[i].Event.ID || !next[i].Start.Equal(want[i].Start) || next[i].Event.Title != want[i].Event.Title || next[i].Event.CommunityName != want[i].Event.CommunityName {
					t.Fatalf("first %d, #%d: got %s %v %q, want %s %v %q", n, i, next[i].Event.ID, next[i].Start, next[i].Event.Title, want[i].Event.ID, want[i].Start, want[i].Event.Title)
				}
			}
		}
	})
	t.Run("MembersOnlyInvisible", func(t *testing.T) {
		hidden := MustCreateEvent(t, db, secret.ID, hanako, "異動内示後の相談会", jst(2027, 3, 18, 18, 0), jst(2027, 3, 18, 19, 0), "", nil)
		MustCreateEvent(t, db, secret.ID, hanako, "本音の会 (毎月)", jst(2027, 1, 5, 18, 0), jst(2027, 1, 5, 19, 0), "FREQ=MONTHLY", nil)
		mine, err := db.Occurrences(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := occurrenceDates(mine); got != "02-27,03-05,03-10,03-17,03-18" {
			t.Fatalf("member sees %s", got)
		}
		for _, ctx := range []context.Context{as(outsider), context.Background()} {
			theirs, err := db.Occurrences(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), "")
			if err != nil {
				t.Fatal(err)
			}
			if got := occurrenceDates(theirs); got != "02-27,03-10,03-17" {
				t.Fatalf("outsider sees %s", got)
			}
			theirs, _ = db.Occurrences(ctx, jst(2027, 3, 1, 0, 0), jst(2027, 4, 1, 0, 0), secret.ID)
			if len(theirs) != 0 {
				t.Fatalf("outsider sees %s in the community", occurrenceDates(theirs))
			}
			_, err = db.EventByID(ctx, hidden)
			wantCode(t, err, model.ENOTFOUND)
		}
		e, err := db.EventByID(ctx, hidden)
		if err != nil || e.Title != "異動内示後の相談会" || !e.TwentyPercent || e.Place != "郡山市役所 第1会議室" || !e.Start.Equal(jst(2027, 3, 18, 18, 0)) {
			t.Fatalf("%+v %v", e, err)
		}
	})
	t.Run("OneCommunityReadAloneAgreesWithAll", func(t *testing.T) {
		// A fresh handle has no index: one community's events are read
		// alone, and must be what the whole calendar has of it.
		fresh, err := data.Open(db.Path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer fresh.Close()
		from, to := jst(2027, 1, 1, 0, 0), jst(2028, 1, 1, 0, 0)
		for _, c := range []*model.Community{open, secret} {
			alone, err := fresh.Occurrences(ctx, from, to, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			all, _ := db.Occurrences(ctx, from, to, "")
			var want []model.Occurrence
			for _, o := range all {
				if o.Event.CommunityID == c.ID {
					want = append(want, o)
				}
			}
			if got, want := occurrenceDates(alone), occurrenceDates(want); got != want || got == "" {
				t.Fatalf("%s alone: %s, in the whole calendar: %s", c.Name, got, want)
			}
		}
		// What was read for one community is not taken for the whole.
		all, _ := fresh.Occurrences(ctx, from, to, "")
		whole, _ := db.Occurrences(ctx, from, to, "")
		if occurrenceDates(all) != occurrenceDates(whole) {
			t.Fatalf("after one community: %s, want %s", occurrenceDates(all), occurrenceDates(whole))
		}
	})
}
