package data_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// everything compares whole databases.
func everything(string, string) bool { return false }

func mustDump(t *testing.T, db *data.DB, skip func(table, column string) bool) string {
	t.Helper()
	s, err := data.Dump(db, skip)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// keptFor returns the kept rows of one table and key, as the viewer sees them.
func keptFor(t *testing.T, db *data.DB, ctx context.Context, table, id string) []model.KeptRow {
	t.Helper()
	all, err := db.KeptRows(ctx, "")
	must(t, err)
	var out []model.KeptRow
	for _, k := range all {
		if k.Table == table && strings.Contains(k.Key, id) {
			out = append(out, k)
		}
	}
	return out
}

// TestDrill is a drill day: a copy taken in the morning, a day of writes
// on the laptop by several staff while the shared database goes on, with
// edits of the same threads, handover and event and deletions on both
// sides; then the merge.
func TestDrill(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	db := w.db
	toilet := MustCreateThread(t, db, as(w.saburo), w.open.ID, "仮設トイレの設置場所", false)
	leaders := MustCreateCommunity(t, db, as(w.hanako), "避難所運営リーダー会", model.CategorySupport, koriyama, model.VisibilityOpen)
	y := MustCreateReply(t, db, as(w.ichiro), w.story.ID, "毛布の配布は世帯ごとにしました。", false)
	z := MustCreateReply(t, db, as(w.saburo), w.story.ID, "須賀川ではペット同行の受付を分けました。", false)
	x := MustCreateReply(t, db, as(w.jiro), w.story.ID, "間違えて投稿しました。", false)
	_, err := db.ToggleHelpful(as(w.hanako), w.storyReply.ID)
	must(t, err)
	path, snap := w.snapshot(t, "")

	// The laptop, whose clock is two weeks ahead.
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 30, 0, 0, time.UTC))
	newThread := MustCreateThread(t, laptop, as(w.ichiro), w.open.ID, "訓練で気づいたこと", false)
	newReply := MustCreateReply(t, laptop, as(w.jiro), newThread.ID, "発電機の燃料は二日分では足りませんでした。", false)
	la := MustCreateReply(t, laptop, as(w.jiro), w.story.ID, "停電の間はホワイトボードで掲示しました。", false)
	lb := MustCreateReply(t, laptop, as(w.saburo), w.story.ID, "受付は二列にしました", false)
	lb.Body = "受付は二列にし、要配慮者を先にしました。"
	must(t, laptop.UpdateReply(as(w.saburo), lb))
	story := *w.story
	story.Body = "訓練で分かった初動: まず鍵、次に受付、最後に掲示。"
	must(t, laptop.UpdateThread(as(w.ichiro), &story))
	edited := *w.storyReply
	edited.Body = "受付名簿は紙で用意し、鉛筆も添えました。"
	must(t, laptop.UpdateReply(as(w.jiro), &edited))
	for _, s := range []*model.Staff{w.jiro, w.ichiro, w.saburo} {
		_, err := laptop.SetRSVP(as(s), w.debrief.ID, w.debrief.Start, model.RSVPYes)
		must(t, err)
	}
	note, err := laptop.HandoverByID(as(w.ichiro), w.handover.ID)
	must(t, err)
	sections := append([]model.HandoverSection{}, note.Sections...)
	sections[0].Body = "訓練で確認: 鍵は防災課の金庫。"
	sections[1].Body = "4月: 避難所の備品点検"
	_, err = laptop.SaveSections(as(w.ichiro), note.ID, note.Revision, sections)
	must(t, err)
	hug := &model.Event{CommunityID: w.open.ID, Title: "避難所運営ゲーム(HUG)", Place: "郡山市役所 第2会議室",
		Start: time.Date(2027, 3, 3, 5, 0, 0, 0, time.UTC), End: time.Date(2027, 3, 3, 7, 0, 0, 0, time.UTC)}
	must(t, laptop.CreateEvent(as(w.hanako), hug))
	orphan := MustCreateReply(t, laptop, as(w.saburo), toilet.ID, "南側の駐車場が平らでした。", false)
	closed := MustCreateThread(t, laptop, as(w.jiro), leaders.ID, "リーダー会への質問", false)
	must(t, laptop.DeleteReply(as(w.jiro), x.ID))
	y.Body = "毛布の配布は世帯ごとにし、名簿に印を付けました。"
	must(t, laptop.UpdateReply(as(w.ichiro), y))
	must(t, laptop.DeleteReply(as(w.saburo), z.ID))
	must(t, laptop.Leave(as(w.ichiro), w.open.ID))
	_, err = laptop.ToggleHelpful(as(w.hanako), w.storyReply.ID)
	must(t, err)
	newbie := MustCreateStaff(t, laptop, "新人 四郎", koriyama, "防災課")
	stranger := MustCreateReply(t, laptop, as(newbie), w.story.ID, "初めての訓練でした。", false)
	must(t, laptop.Resolve(as(w.ichiro), w.story.ID, stranger.ID))
	must(t, laptop.MarkRead(as(w.hanako), w.story.ID))
	// Upserts (ON CONFLICT DO UPDATE) of a row the copy already changed.
	must(t, laptop.MarkRead(as(w.ichiro), w.story.ID))
	must(t, laptop.MarkRead(as(w.ichiro), w.story.ID))
	laptop.Close()

	// Meanwhile on the shared database.
	shared := *w.story
	shared.Body = "初動の記録: 鍵の場所を確認してから参集。"
	must(t, db.UpdateThread(as(w.ichiro), &shared))
	must(t, db.DeleteThread(as(w.saburo), toilet.ID))
	leaders.Visibility = model.VisibilityMembers
	must(t, db.UpdateCommunity(as(w.hanako), leaders))
	_, err = db.SetRSVP(as(w.jiro), w.debrief.ID, w.debrief.Start, model.RSVPNo)
	must(t, err)
	_, err = db.SetRSVP(as(w.hanako), w.debrief.ID, w.debrief.Start, model.RSVPYes)
	must(t, err)
	note, err = db.HandoverByID(as(w.ichiro), w.handover.ID)
	must(t, err)
	sharedSections := append([]model.HandoverSection{}, note.Sections...)
	sharedSections[0].Body = "鍵は総務課で借りる。"
	_, err = db.SaveSections(as(w.ichiro), note.ID, note.Revision, sharedSections)
	must(t, err)
	must(t, db.DeleteReply(as(w.ichiro), y.ID))
	z.Body = "須賀川ではペット同行の受付を別の入口にしました。"
	must(t, db.UpdateReply(as(w.saburo), z))
	MustCreateReply(t, db, as(w.hanako), w.story.ID, "振り返り会で共有しましょう。", false)

	before := mustDump(t, db, everything)
	dry, err := db.Merge(w.op, path, model.MergeOptions{DryRun: true})
	must(t, err)
	if after := mustDump(t, db, everything); after != before {
		t.Fatal("the dry run wrote to the database")
	}
	report, err := db.Merge(w.op, path, model.MergeOptions{})
	must(t, err)

	t.Run("DryRunPlansTheSame", func(t *testing.T) {
		if !dry.DryRun || report.DryRun {
			t.Errorf("dry run flags %v %v", dry.DryRun, report.DryRun)
		}
		if !reflect.DeepEqual(dry.Tables, report.Tables) || !reflect.DeepEqual(dry.Items, report.Items) {
			t.Errorf("dry run\n%+v\nmerge\n%+v", dry.Tables, report.Tables)
		}
	})

	t.Run("Counts", func(t *testing.T) {
		want := map[string]model.MergeTableCount{
			"threads":            {Added: 1, Conflicts: 1, SetAside: 1},
			"replies":            {Added: 3, Updated: 2, Conflicts: 2, SetAside: 2},
			"rsvps":              {Added: 2, Conflicts: 1},
			"handover_sections":  {Updated: 1, Conflicts: 1},
			"handover_revisions": {Added: 1},
			"events":             {Added: 1},
			"memberships":        {Deleted: 1},
			"helpful_marks":      {Deleted: 1},
			"staff":              {Reported: 1},
		}
		for table, c := range want {
			c.Table = table
			if got := report.Table(table); got != c {
				t.Errorf("%s: %+v, want %+v", table, got, c)
			}
		}
		// The laptop's clock ran two weeks ahead of the shared machine's.
		if report.SnapshotID != snap.SnapshotID || report.ClockBehind != 0 || report.ClockAhead == 0 {
			t.Errorf("report %+v", report)
		}
		var items int
		for _, c := range report.Tables {
			items += c.Conflicts + c.SetAside + c.Reported
		}
		if len(report.Items) < items {
			t.Errorf("%d items for %d conflicts, set aside and reported", len(report.Items), items)
		}
		reports, err := db.MergeReports(w.op)
		if err != nil || len(reports) != 1 || reports[0].ID != report.ID || !reflect.DeepEqual(reports[0].Tables, report.Tables) {
			t.Errorf("kept reports %+v %v", reports, err)
		}
	})

	t.Run("EveryLaptopRowIsThereOrSetAside", func(t *testing.T) {
		for _, it := range []struct{ table, id string }{
			{"threads", newThread.ID}, {"replies", newReply.ID}, {"replies", la.ID}, {"replies", lb.ID}, {"events", hug.ID},
		} {
			if ok, err := data.RowExists(db, it.table, `["`+it.id+`"]`); err != nil || !ok {
				t.Errorf("%s %s missing: %v", it.table, it.id, err)
			}
		}
		for _, it := range []struct{ table, id, reason string }{
			{"replies", orphan.ID, "merge.reason.thread_deleted"},
			{"threads", closed.ID, "merge.reason.members_only"},
			{"replies", stranger.ID, "merge.reason.unknown_staff"},
		} {
			if ok, _ := data.RowExists(db, it.table, `["`+it.id+`"]`); ok {
				t.Errorf("%s %s applied, want set aside", it.table, it.id)
			}
			kept := keptFor(t, db, as(w.hanako), it.table, it.id)
			if len(kept) != 1 || kept[0].Reason != it.reason || kept[0].Kind != model.KeptSetAside {
				t.Errorf("%s %s kept %+v, want %s", it.table, it.id, kept, it.reason)
			}
		}
		// The author sees what was set aside; others do not.
		if k := keptFor(t, db, as(w.saburo), "replies", orphan.ID); len(k) != 1 || !strings.Contains(k[0].Body, "南側の駐車場") {
			t.Errorf("the author's view %+v", k)
		}
		if k := keptFor(t, db, as(w.jiro), "replies", orphan.ID); len(k) != 0 {
			t.Errorf("another's view %+v", k)
		}
	})

	t.Run("ConflictsKeepBoth", func(t *testing.T) {
		got, err := db.ThreadByID(as(w.jiro), w.story.ID)
		must(t, err)
		if got.Body != shared.Body {
			t.Errorf("the shared edit did not stay: %q", got.Body)
		}
		notes := keptFor(t, db, as(w.ichiro), "threads", w.story.ID)
		if len(notes) != 2 || notes[0].Kind == notes[1].Kind {
			t.Fatalf("kept of the thread %+v", notes)
		}
		if notes[0].Kind != model.KeptEditNote {
			notes[0], notes[1] = notes[1], notes[0]
		}
		if notes[0].Body != story.Body || notes[0].Reason != "merge.reason.edited_both" {
			t.Errorf("edit note %+v", notes[0])
		}
		// The answer the laptop chose was set aside: so is the choice.
		if notes[1].Reason != "merge.reason.missing_parent" || notes[1].Content["resolved_reply_id"] != stranger.ID || got.ResolvedReplyID != "" {
			t.Errorf("resolution %+v, thread resolved by %q", notes[1], got.ResolvedReplyID)
		}
		// A post deleted on the shared side stays deleted; the laptop's
		// edit is a note.
		notes = keptFor(t, db, as(w.ichiro), "replies", y.ID)
		if len(notes) != 1 || notes[0].Kind != model.KeptEditNote || notes[0].Body != y.Body || notes[0].Reason != "merge.reason.deleted_shared" {
			t.Errorf("edit note %+v", notes)
		}
		if notes, err := db.KeptRows(as(w.ichiro), w.story.ID); err != nil || len(notes) != 3 {
			t.Errorf("notes on the thread %+v %v", notes, err)
		}
		if others, _ := db.KeptRows(as(w.jiro), w.story.ID); len(others) != 0 {
			t.Errorf("another person sees the note: %+v", others)
		}
		replies, err := db.Replies(as(w.jiro), w.story.ID, 0, 0)
		must(t, err)
		byID := map[string]model.Reply{}
		for _, r := range replies {
			byID[r.ID] = r
		}
		if r := byID[y.ID]; !r.Deleted {
			t.Errorf("deleted on the shared side, edited on the laptop: %+v", r)
		}
		if r := byID[z.ID]; r.Deleted || r.Body != z.Body {
			t.Errorf("deleted on the laptop, edited on the shared side: %+v", r)
		}
		if r := byID[x.ID]; !r.Deleted {
			t.Errorf("deleted on the laptop only: %+v", r)
		}
		if r := byID[w.storyReply.ID]; r.Body != edited.Body || r.HelpfulCount != 0 {
			t.Errorf("edited on the laptop only, mark taken back: %+v", r)
		}
		if r := byID[lb.ID]; r.Body != lb.Body {
			t.Errorf("added and edited on the laptop: %+v", r)
		}
		if got.ReplyCount != len(replies) {
			t.Errorf("reply count %d, %d replies", got.ReplyCount, len(replies))
		}

		h, err := db.HandoverByID(as(w.ichiro), w.handover.ID)
		must(t, err)
		if h.Sections[0].Body != sharedSections[0].Body || h.Sections[1].Body != sections[1].Body {
			t.Errorf("sections %q %q", h.Sections[0].Body, h.Sections[1].Body)
		}
		revs, err := db.Revisions(as(w.ichiro), w.handover.ID)
		must(t, err)
		if len(revs) != 3 || h.Revision != 3 {
			t.Fatalf("revisions %+v, note at %d", revs, h.Revision)
		}
		diff, err := db.DiffRevisions(as(w.ichiro), w.handover.ID, 2, 3)
		must(t, err)
		if !strings.Contains(diffText(diff), "金庫") {
			t.Errorf("the laptop's version is not the newest revision: %+v", diff)
		}
	})

	t.Run("AnswersAndSeats", func(t *testing.T) {
		people, err := db.Attendees(as(w.hanako), w.debrief.ID, w.debrief.Start)
		must(t, err)
		got := map[string]string{}
		for _, p := range people {
			got[p.Name] = p.Response
			if p.Waitlisted {
				got[p.Name] += " waiting"
			}
		}
		want := map[string]string{"安積 花子": "yes", "須賀 次郎": "yes", "逢瀬 一郎": "yes waiting", "牡丹 三郎": "yes waiting"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("attendees %v, want %v", got, want)
		}
	})

	t.Run("SoundAndSearchable", func(t *testing.T) {
		lines, err := db.IntegrityCheck(context.Background())
		if err != nil || len(lines) != 1 || lines[0] != "ok" {
			t.Errorf("integrity %v %v", lines, err)
		}
		if bad, err := data.ForeignKeyCheck(db); err != nil || len(bad) != 0 {
			t.Errorf("foreign keys %v %v", bad, err)
		}
		for word, id := range map[string]string{"ホワイトボード": la.ID, "発電機": newReply.ID, "気づいた": newThread.ID, "HUG": hug.ID} {
			res, err := db.Search(as(w.jiro), word, 20)
			must(t, err)
			found := false
			for _, r := range res {
				found = found || r.ID == id || r.Anchor == id
			}
			if !found {
				t.Errorf("search %q does not find %s: %+v", word, id, res)
			}
		}
	})

	t.Run("MergingAgainChangesNothing", func(t *testing.T) {
		before := mustDump(t, db, everything)
		again, err := db.Merge(w.op, path, model.MergeOptions{})
		must(t, err)
		if again.Changed() || again.AlreadyMerged == 0 {
			t.Errorf("second merge %+v", again)
		}
		if after := mustDump(t, db, everything); after != before {
			t.Error("the second merge changed the database")
		}
		if reports, _ := db.MergeReports(w.op); len(reports) != 1 {
			t.Errorf("%d reports", len(reports))
		}
	})
}

func diffText(d []model.SectionDiff) string {
	var b strings.Builder
	for _, s := range d {
		b.WriteString(s.Title)
		for _, l := range s.Lines {
			b.WriteString(l.Text)
		}
	}
	return b.String()
}

// TestKeptRowOfAnAnonymousPost: what a merge kept of an anonymous reply
// names no author to administrators, as everywhere; its author sees it is
// theirs.
func TestKeptRowOfAnAnonymousPost(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	r := MustCreateReply(t, w.db, as(w.jiro), w.story.ID, "夜間の受付は二人で回しました。", true)
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 30, 0, 0, time.UTC))
	r.Body = "夜間の受付は二人で回し、仮眠は交代で取りました。"
	must(t, laptop.UpdateReply(as(w.jiro), r))
	laptop.Close()
	must(t, w.db.DeleteReply(as(w.jiro), r.ID))
	dry, err := w.db.Merge(w.op, path, model.MergeOptions{DryRun: true})
	must(t, err)
	done, err := w.db.Merge(w.op, path, model.MergeOptions{})
	must(t, err)
	for _, rep := range []*model.MergeReport{dry, done} {
		reported := 0
		for _, it := range rep.Items {
			if it.Table == "replies" {
				reported++
				if it.AuthorID != "" || it.AuthorName != "" || !it.Anonymous {
					t.Errorf("the report (dry run %v) names the author of an anonymous reply: %+v", rep.DryRun, it)
				}
			}
		}
		if reported == 0 {
			t.Errorf("the report (dry run %v) has no line for the reply: %+v", rep.DryRun, rep.Items)
		}
	}

	// The kept reports too, and one kept before the merge left the
	// author out (as it then named them).
	MustExec(t, w.db, `UPDATE merge_reports SET report = replace(report, '"anonymous":true', '"author_id":"`+w.jiro.ID+`"')`)
	reports, err := w.db.MergeReports(w.op)
	must(t, err)
	for _, rep := range reports {
		for _, it := range rep.Items {
			if it.Table == "replies" && (it.AuthorID != "" || !it.Anonymous) {
				t.Errorf("a kept report names the author of an anonymous reply: %+v", it)
			}
		}
	}

	kept := keptFor(t, w.db, w.op, "replies", r.ID)
	if len(kept) != 1 || !kept[0].Anonymous || kept[0].AuthorID != "" || kept[0].Content["author_id"] != nil {
		t.Fatalf("an administrator sees %+v", kept)
	}
	mine := keptFor(t, w.db, as(w.jiro), "replies", r.ID)
	if len(mine) != 1 || !mine[0].Anonymous || mine[0].AuthorID != w.jiro.ID {
		t.Fatalf("its author sees %+v", mine)
	}
}

// A thread made anonymous on the shared side while a laptop edited it is
// anonymous in the merge report too, though the copy says it is not.
func TestMergeReportHidesAnAuthorAnonymousOnTheSharedSide(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 30, 0, 0, time.UTC))
	onLaptop := *w.story
	onLaptop.Body = "避難所の鍵の受け渡しも書き足しました。"
	must(t, laptop.UpdateThread(as(w.ichiro), &onLaptop))
	laptop.Close()
	shared := *w.story
	shared.Anonymous = true
	must(t, w.db.UpdateThread(as(w.ichiro), &shared))

	rep, err := w.db.Merge(w.op, path, model.MergeOptions{DryRun: true})
	must(t, err)
	seen := 0
	for _, it := range rep.Items {
		if it.Table == "threads" {
			seen++
			if it.AuthorID != "" || !it.Anonymous {
				t.Errorf("the report names the author of a thread now anonymous: %+v", it)
			}
		}
	}
	if seen == 0 {
		t.Fatalf("no line for the thread: %+v", rep.Items)
	}
}

// A profile rewritten on the laptop is found by people search after the
// merge, by what the laptop wrote, and no longer by what it took out.
func TestMergedProfileIsSearchable(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	mustSaveProfile(t, w.db, w.jiro, &model.Profile{
		History: []model.PastPost{{Department: "総務課", FromYear: 2019, ToYear: 2022}},
		Topics:  []model.Topic{{Kind: model.TopicWork, Label: "文書管理"}},
	})
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 30, 0, 0, time.UTC))
	mustSaveProfile(t, laptop, w.jiro, &model.Profile{
		History: []model.PastPost{{Department: "税務課", FromYear: 2016, ToYear: 2018}, {Department: "総務課", FromYear: 2019, ToYear: 2022}},
		Topics:  []model.Topic{{Kind: model.TopicWork, Label: "避難所運営"}, {Kind: model.TopicSystem, Label: "防災無線"}},
	})
	laptop.Close()
	if _, err := w.db.Merge(w.op, path, model.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	find := func(text string) bool {
		t.Helper()
		found, err := w.db.SearchPeople(as(w.hanako), model.PeopleQuery{Text: text})
		must(t, err)
		for _, m := range found {
			if m.Staff.ID == w.jiro.ID {
				return true
			}
		}
		return false
	}
	for _, text := range []string{"防災無線", "避難所運営", "税務課 経験"} {
		if !find(text) {
			t.Errorf("people search %q does not find the profile the laptop wrote", text)
		}
	}
	if find("文書管理") {
		t.Error("people search still finds what the laptop took out of the profile")
	}
}
