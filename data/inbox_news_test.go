package data_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

// news is the inbox of ctx's viewer as "kind/event:title" lines, newest
// first, without the replies.
func news(t *testing.T, inbox func(context.Context, int) ([]model.InboxItem, error), ctx context.Context) string {
	t.Helper()
	items, err := inbox(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		switch it.Kind {
		case model.InboxHandover:
			out = append(out, it.HandoverEvent+":"+it.ThreadTitle+":"+it.AuthorName)
		case model.InboxCancelled:
			out = append(out, "cancelled:"+it.ThreadTitle+":"+it.OccurrenceStart.In(jstZone).Format("01-02"))
		}
	}
	return strings.Join(out, ",")
}

var jstZone = time.FixedZone("JST", 9*60*60)

// The people of a handover note hear of each step in their inbox: the
// successor when named and when it is handed over, the predecessor when
// it is acknowledged, the asker when answered; reading the note takes
// its news away.
func TestInboxHandoverNews(t *testing.T) {
	db := MustOpenTestDB(t)
	pred := MustCreateStaff(t, db, "安積 花子", koriyama, "税務課")
	succ := MustCreateStaff(t, db, "須賀 次郎", koriyama, "税務課")
	asker := MustCreateStaff(t, db, "郡 三郎", koriyama, "税務課")

	h := &model.Handover{Duty: "固定資産税の賦課", EffectiveDate: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), Visibility: model.HandoverVisDepartment}
	if err := db.CreateHandover(as(pred), h); err != nil {
		t.Fatal(err)
	}
	if got := news(t, db.Inbox, as(succ)); got != "" {
		t.Fatalf("before anything: %q", got)
	}

	t.Run("Named", func(t *testing.T) {
		if err := db.SetSuccessor(as(pred), h.ID, succ.ID); err != nil {
			t.Fatal(err)
		}
		if got := news(t, db.Inbox, as(succ)); got != "named:固定資産税の賦課:安積 花子" {
			t.Fatalf("successor's inbox %q", got)
		}
		// Naming the same person again tells them nothing new.
		if err := db.MarkHandoverRead(as(succ), h.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.SetSuccessor(as(pred), h.ID, succ.ID); err != nil {
			t.Fatal(err)
		}
		if got := news(t, db.Inbox, as(succ)); got != "" {
			t.Fatalf("named again: %q", got)
		}
	})
	t.Run("HandedOver", func(t *testing.T) {
		if err := db.MarkHandedOver(as(pred), h.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got := news(t, db.Inbox, as(succ)); got != "handed:固定資産税の賦課:安積 花子" {
			t.Fatalf("successor's inbox %q", got)
		}
		if got := news(t, db.Inbox, as(asker)); got != "" {
			t.Fatalf("a colleague hears of it: %q", got)
		}
	})
	t.Run("Acknowledged", func(t *testing.T) {
		if err := db.Acknowledge(as(succ), h.ID, "ありがとうございました"); err != nil {
			t.Fatal(err)
		}
		if got := news(t, db.Inbox, as(pred)); got != "acknowledged:固定資産税の賦課:須賀 次郎" {
			t.Fatalf("predecessor's inbox %q", got)
		}
		if err := db.MarkHandoverRead(as(pred), h.ID); err != nil {
			t.Fatal(err)
		}
		if got := news(t, db.Inbox, as(pred)); got != "" {
			t.Fatalf("after reading: %q", got)
		}
	})
	t.Run("Answered", func(t *testing.T) {
		q, err := db.AskQuestion(as(asker), h.ID, "評価替えの年はいつですか")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.AnswerQuestion(as(pred), q.ID, "3年ごと、次は2027年度です"); err != nil {
			t.Fatal(err)
		}
		items, err := db.Inbox(as(asker), 50)
		if err != nil || len(items) != 1 || items[0].HandoverEvent != model.NewsAnswered || items[0].QuestionID != q.ID ||
			!strings.Contains(items[0].Snippet, "3年ごと") {
			t.Fatalf("asker's inbox %+v %v", items, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		other := MustCreateStaff(t, db, "三春 一郎", miharu, "税務課")
		if err := db.MarkHandoverRead(as(other), h.ID); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("someone who may not read it: %v", err)
		}
	})
}

// Those who said they would come hear that an occurrence was cancelled,
// until they have seen it; those who said no do not.
func TestInboxCancelledOccurrence(t *testing.T) {
	db := MustOpenTestDB(t)
	org := MustCreateStaff(t, db, "安積 花子", koriyama, "総務課")
	coming := MustCreateStaff(t, db, "須賀 次郎", koriyama, "市民課")
	notComing := MustCreateStaff(t, db, "郡 三郎", koriyama, "税務課")
	com := MustCreateCommunity(t, db, as(org), "庶務担当者の会", model.CategoryLearning, koriyama, model.VisibilityOpen)
	for _, s := range []*model.Staff{coming, notComing} {
		if err := db.Join(as(s), com.ID); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2027, 1, 20, 6, 0, 0, 0, time.UTC) // 15:00 JST, a Wednesday
	ev := &model.Event{CommunityID: com.ID, Title: "相談タイム", Start: start, End: start.Add(time.Hour), RRule: "FREQ=MONTHLY;BYDAY=3WE"}
	if err := db.CreateEvent(as(org), ev); err != nil {
		t.Fatal(err)
	}
	feb := time.Date(2027, 2, 17, 6, 0, 0, 0, time.UTC)
	for s, r := range map[*model.Staff]string{coming: model.RSVPYes, notComing: model.RSVPNo} {
		if _, err := db.SetRSVP(as(s), ev.ID, feb, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CancelOccurrence(as(org), ev.ID, feb); err != nil {
		t.Fatal(err)
	}
	if got := news(t, db.Inbox, as(coming)); got != "cancelled:相談タイム:02-17" {
		t.Fatalf("inbox of who said yes: %q", got)
	}
	if got := news(t, db.Inbox, as(notComing)); got != "" {
		t.Fatalf("inbox of who said no: %q", got)
	}
	if err := db.MarkCancellationSeen(as(coming), ev.ID, feb); err != nil {
		t.Fatal(err)
	}
	if got := news(t, db.Inbox, as(coming)); got != "" {
		t.Fatalf("after seeing it: %q", got)
	}
}
