package data_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// secret is in everything a pair writes, so that any read path that
// leaks it shows.
const secret = "職場の人間関係の悩み"

// publicView is everything the existing read paths show a viewer, as one
// string, and the counts they give.
func publicView(t *testing.T, db *data.DB, ctx context.Context) (string, []int) {
	t.Helper()
	from, to := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)
	var b strings.Builder
	dump := func(what string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		j, _ := json.Marshal(v)
		b.WriteString(what + ":" + string(j) + "\n")
	}
	var counts []int
	results, err := db.Search(ctx, secret, 100)
	dump("search", results, err)
	threads, n, err := db.FindThreads(ctx, model.ThreadFilter{})
	dump("threads", threads, err)
	counts = append(counts, n)
	inbox, err := db.Inbox(ctx, 100)
	dump("inbox", inbox, err)
	counts = append(counts, len(inbox))
	unread, err := db.UnreadCount(ctx)
	dump("unread", unread, err)
	counts = append(counts, unread)
	occ, err := db.Occurrences(ctx, from, to, "")
	dump("occurrences", occ, err)
	counts = append(counts, len(occ))
	agenda, perDay, err := db.Agenda(ctx, from, to, 10, "")
	dump("agenda", []any{agenda, perDay}, err)
	days, err := db.OccurrenceDays(ctx, from, to, "")
	dump("days", days, err)
	counts = append(counts, len(days))
	mine, err := db.MyEvents(ctx, from, to)
	dump("my events", mine, err)
	counts = append(counts, len(mine))
	var ics bytes.Buffer
	nics, err := db.ExportICS(ctx, &ics, data.ICSExport{})
	dump("ics", ics.String(), err)
	counts = append(counts, nics)
	communities, _, err := db.FindCommunities(ctx, model.CommunityFilter{})
	dump("communities", communities, err)
	people, err := db.SearchPeople(ctx, model.PeopleQuery{Text: secret})
	dump("people", people, err)
	counts = append(counts, len(people))
	return b.String(), counts
}

func TestPairSpaceIsPrivate(t *testing.T) {
	t.Parallel()
	w := newFellowWorld(t)
	db := w.db
	outsider := MustCreateStaff(t, db, "部外 者", sukagawa, "建設課")
	// Something public on the calendar and the boards, so that the paths
	// have content to compare.
	open := MustCreateCommunity(t, db, as(w.hr), "庶務担当者の会", model.CategoryLearning, "", model.VisibilityOpen)
	MustCreateEvent(t, db, open.ID, w.hr, "庶務担当者の情報交換会", jst(2027, 1, 20, 15, 0), jst(2027, 1, 20, 16, 0), "", nil)
	pairs := w.confirmed(t)
	x := pairs[w.aoi.ID]
	if x.Fellow.ID != w.rie.ID {
		t.Fatalf("pair %+v", x)
	}
	viewers := []*model.Staff{w.hr, w.tomo, outsider, w.rie, w.aoi}
	type before struct {
		view   string
		counts []int
	}
	baseline := map[string]before{}
	for _, v := range viewers {
		view, counts := publicView(t, db, as(v))
		baseline[v.ID] = before{view, counts}
	}

	if _, err := db.PostPairMessage(as(w.aoi), x.ID, "実は"+secret+"があって、相談させてください。"); err != nil {
		t.Fatal(err)
	}
	meeting := &model.PairMeeting{PairID: x.ID, Start: jst(2027, 1, 15, 17, 30), End: jst(2027, 1, 15, 18, 0),
		Place: "本庁舎 相談室 (" + secret + ")", Note: secret + "について", TwentyPercent: true}
	if err := db.SchedulePairMeeting(as(w.rie), meeting); err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerFeedback(as(w.aoi), &model.PairFeedback{PairID: x.ID, Ease: 5, Useful: 4, Continue: 5, Comment: secret + "を聞いてもらえた"}); err != nil {
		t.Fatal(err)
	}

	t.Run("OtherPartyReads", func(t *testing.T) {
		msgs, err := db.PairMessages(as(w.rie), x.ID, 0, 0)
		if err != nil || len(msgs) != 1 || msgs[0].Author.ID != w.aoi.ID {
			t.Fatalf("messages %+v %v", msgs, err)
		}
		ms, err := db.MyPairMeetings(as(w.aoi), jst(2027, 1, 1, 0, 0), jst(2027, 2, 1, 0, 0))
		if err != nil || len(ms) != 1 || ms[0].With.ID != w.rie.ID || ms[0].Note != secret+"について" {
			t.Fatalf("meetings %+v %v", ms, err)
		}
		mine, err := db.MyPairs(as(w.rie))
		if err != nil || len(mine) != 1 || mine[0].Unread != 1 {
			t.Fatalf("pairs %+v %v, want one unread message", mine, err)
		}
		if err := db.MarkPairRead(as(w.rie), x.ID); err != nil {
			t.Fatal(err)
		}
		if mine, _ := db.MyPairs(as(w.rie)); mine[0].Unread != 0 {
			t.Errorf("unread %d after reading", mine[0].Unread)
		}
	})
	t.Run("AnswersReadByWhoAnswered", func(t *testing.T) {
		mine, err := db.MyFeedback(as(w.aoi), x.ID)
		if err != nil || len(mine) != 1 || mine[0].Ease != 5 || mine[0].Useful != 4 || mine[0].Continue != 5 || mine[0].Comment != secret+"を聞いてもらえた" {
			t.Fatalf("the one who answered reads %+v %v", mine, err)
		}
		if theirs, err := db.MyFeedback(as(w.rie), x.ID); err != nil || len(theirs) != 0 {
			t.Fatalf("the other of the pair reads %+v %v", theirs, err)
		}
	})
	t.Run("AdministratorAndThirdPersonsCannot", func(t *testing.T) {
		for _, v := range []*model.Staff{w.hr, w.tomo, outsider} {
			if _, err := db.MyFeedback(as(v), x.ID); model.ErrorCode(err) != model.ENOTFOUND {
				t.Errorf("%s reads answers through the pair: %v", v.Name, err)
			}
			if _, err := db.PairMessages(as(v), x.ID, 0, 0); model.ErrorCode(err) != model.ENOTFOUND {
				t.Errorf("%s reads the thread: %v", v.Name, err)
			}
			if _, err := db.PairMeetings(as(v), x.ID); model.ErrorCode(err) != model.ENOTFOUND {
				t.Errorf("%s reads the 面談: %v", v.Name, err)
			}
			if _, err := db.PostPairMessage(as(v), x.ID, "こんにちは"); model.ErrorCode(err) != model.ENOTFOUND {
				t.Errorf("%s writes to the thread: %v", v.Name, err)
			}
			ms, err := db.MyPairMeetings(as(v), jst(2027, 1, 1, 0, 0), jst(2027, 2, 1, 0, 0))
			if err != nil || len(ms) != 0 {
				t.Errorf("%s has %d 面談 of others (%v)", v.Name, len(ms), err)
			}
			mine, _ := db.MyPairs(as(v))
			for _, p := range mine {
				if p.ID == x.ID {
					t.Errorf("%s lists the pair", v.Name)
				}
			}
		}
	})
	t.Run("NoExistingReadPathShowsIt", func(t *testing.T) {
		for _, v := range viewers {
			view, counts := publicView(t, db, as(v))
			if strings.Contains(view, secret) {
				t.Errorf("%s sees the pair's words in: %s", v.Name, view)
			}
			if b := baseline[v.ID]; view != b.view || !slices.Equal(counts, b.counts) {
				t.Errorf("%s: counts %v, before the pair wrote %v", v.Name, counts, b.counts)
			}
		}
	})
	t.Run("AdministratorGetsFiguresOnly", func(t *testing.T) {
		stats, err := db.ProgrammeStats(as(w.hr), w.programme.ID)
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(stats)
		// The comment is for the administrator: it is the one text there.
		if strings.Count(string(j), secret) != 1 || !strings.Contains(string(j), secret+"を聞いてもらえた") {
			t.Fatalf("stats %s: want the feedback comment and nothing else the pair wrote", j)
		}
		var csv bytes.Buffer
		if err := model.WriteStatsCSV(&csv, stats); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(csv.String(), secret) || !strings.Contains(csv.String(), "高野 葵") {
			t.Fatalf("CSV %s: names and figures, no comment", csv.String())
		}
		for _, v := range []*model.Staff{w.aoi, w.rie, w.tomo} {
			if _, err := db.ProgrammeStats(as(v), w.programme.ID); model.ErrorCode(err) != model.EFORBIDDEN {
				t.Errorf("%s reads the figures: %v", v.Name, err)
			}
		}
	})
	t.Run("ErrBadInput", func(t *testing.T) {
		wantErrKey(t, db.SchedulePairMeeting(as(w.aoi), &model.PairMeeting{PairID: x.ID, Start: jst(2027, 1, 15, 18, 0), End: jst(2027, 1, 15, 17, 0)}), "err.meeting.end")
		wantErrKey(t, db.AnswerFeedback(as(w.aoi), &model.PairFeedback{PairID: x.ID, Ease: 6, Useful: 3, Continue: 3}), "err.feedback.score")
		_, err := db.PostPairMessage(as(w.aoi), x.ID, " \n ")
		wantErrKey(t, err, "err.required")
	})
}

func TestProgrammeStats(t *testing.T) {
	t.Parallel()
	w := newFellowWorld(t)
	db := w.db
	pairs := w.confirmed(t)
	met, never := pairs[w.aoi.ID], pairs[w.yui.ID]
	for _, start := range []time.Time{jst(2027, 1, 12, 17, 0), jst(2027, 2, 9, 17, 0), jst(2027, 6, 1, 17, 0)} {
		m := &model.PairMeeting{PairID: met.ID, Start: start, End: start.Add(time.Hour)}
		if err := db.SchedulePairMeeting(as(w.aoi), m); err != nil {
			t.Fatal(err)
		}
	}
	cancelled := &model.PairMeeting{PairID: never.ID, Start: jst(2027, 1, 20, 17, 0), End: jst(2027, 1, 20, 18, 0)}
	if err := db.SchedulePairMeeting(as(w.yui), cancelled); err != nil {
		t.Fatal(err)
	}
	if err := db.CancelPairMeeting(as(w.tomo), cancelled.ID); err != nil {
		t.Fatal(err)
	}
	// Three months after confirmation: the 6月 面談 is still ahead, the
	// last held one was 51 days ago.
	db.Now = func() time.Time { return jst(2027, 4, 1, 9, 0) }
	stats, err := db.ProgrammeStats(as(w.hr), w.programme.ID)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]model.PairStat{}
	for _, s := range stats {
		by[s.PairID] = s
	}
	if s := by[met.ID]; s.Meetings != 2 || s.LastMet == nil || !s.LastMet.Equal(jst(2027, 2, 9, 17, 0)) || s.Lapsed {
		t.Errorf("met: %+v, want 2 held, last 2月9日, not lapsed (51 days)", s)
	}
	if s := by[never.ID]; s.Meetings != 0 || s.LastMet != nil || !s.Lapsed {
		t.Errorf("never met: %+v, want lapsed (a cancelled 面談 is no meeting)", s)
	}
	db.Now = func() time.Time { return jst(2027, 4, 30, 9, 0) }
	stats, _ = db.ProgrammeStats(as(w.hr), w.programme.ID)
	for _, s := range stats {
		if s.PairID == met.ID && !s.Lapsed {
			t.Errorf("met: %+v, want lapsed 80 days after the last 面談", s)
		}
	}
	// Feedback of the new half year is a second answer, not a replacement.
	for _, now := range []time.Time{jst(2027, 3, 1, 9, 0), jst(2027, 4, 30, 9, 0), jst(2027, 5, 1, 9, 0)} {
		db.Now = func() time.Time { return now }
		if err := db.AnswerFeedback(as(w.rie), &model.PairFeedback{PairID: met.ID, Ease: 3, Useful: 3, Continue: 2}); err != nil {
			t.Fatal(err)
		}
	}
	stats, _ = db.ProgrammeStats(as(w.hr), w.programme.ID)
	for _, s := range stats {
		if s.PairID == met.ID {
			var periods []string
			for _, f := range s.Feedback {
				periods = append(periods, f.Period+":"+f.Side)
			}
			if got := strings.Join(periods, ","); got != "2026-2:fellow,2027-1:fellow" {
				t.Errorf("feedback %s, want one per half year", got)
			}
		}
	}
}
