package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

// One drill file copied to two laptops: both copies carry one snapshot
// id, and both come back. What the first merge changed is the shared
// side's change for the second, as any change made at city hall
// meanwhile: the second laptop's edit of the same post is a conflict
// (its text an edit note, its dry run saying so), its deletion of a
// reply the first edited keeps the reply, and its later answer to the
// same event wins as answers do. Nothing either laptop wrote is lost,
// and merging either again changes nothing.
func TestTwoLaptopsOneDrillFile(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	db := w.db
	first, _ := w.snapshot(t, "")
	second := filepath.Join(t.TempDir(), "drill-copy.hiroba")
	b, err := os.ReadFile(first)
	must(t, err)
	must(t, os.WriteFile(second, b, 0o600))

	a := openLaptop(t, first, time.Date(2027, 1, 20, 0, 30, 0, 0, time.UTC))
	storyA := *w.story
	storyA.Body = "一台目: 鍵は防災課の金庫にありました。"
	must(t, a.UpdateThread(as(w.ichiro), &storyA))
	replyA := *w.storyReply
	replyA.Body = "一台目: 受付名簿は紙で、鉛筆を添えて。"
	must(t, a.UpdateReply(as(w.jiro), &replyA))
	_, err = a.SetRSVP(as(w.jiro), w.debrief.ID, w.debrief.Start, model.RSVPYes)
	must(t, err)
	a.Close()

	// The second laptop's clock is an hour later.
	l2 := openLaptop(t, second, time.Date(2027, 1, 20, 1, 30, 0, 0, time.UTC))
	storyB := *w.story
	storyB.Body = "二台目: 鍵は総務課で借りました。"
	must(t, l2.UpdateThread(as(w.ichiro), &storyB))
	must(t, l2.DeleteReply(as(w.jiro), w.storyReply.ID))
	_, err = l2.SetRSVP(as(w.jiro), w.debrief.ID, w.debrief.Start, model.RSVPNo)
	must(t, err)
	l2.Close()

	if _, err := db.Merge(w.op, first, model.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	before := mustDump(t, db, everything)
	dry, err := db.Merge(w.op, second, model.MergeOptions{DryRun: true})
	must(t, err)
	if after := mustDump(t, db, everything); after != before {
		t.Fatal("the dry run wrote to the database")
	}
	report, err := db.Merge(w.op, second, model.MergeOptions{})
	must(t, err)

	t.Run("ReportedAsConflicts", func(t *testing.T) {
		for _, r := range []*model.MergeReport{dry, report} {
			reasons := map[string]string{}
			for _, it := range r.Items {
				if it.Outcome == model.MergeConflict {
					reasons[it.Table] = it.Reason
				}
			}
			if reasons["threads"] != "merge.reason.edited_both" || reasons["replies"] != "merge.reason.kept" || reasons["rsvps"] != "merge.reason.later_wins" {
				t.Errorf("dry run %v: conflicts %v, want the thread edited on both, the reply kept, the later answer", r.DryRun, reasons)
			}
			if c := r.Table("threads"); c.Conflicts != 1 || c.Updated != 0 {
				t.Errorf("dry run %v: threads %+v", r.DryRun, c)
			}
		}
	})
	t.Run("TheFirstEditStays", func(t *testing.T) {
		got, err := db.ThreadByID(as(w.jiro), w.story.ID)
		must(t, err)
		if got.Body != storyA.Body {
			t.Errorf("the second merge overwrote the first laptop's edit: %q", got.Body)
		}
		notes := keptFor(t, db, as(w.ichiro), "threads", w.story.ID)
		if len(notes) != 1 || notes[0].Kind != model.KeptEditNote || notes[0].Body != storyB.Body {
			t.Errorf("the second laptop's text is not an edit note: %+v", notes)
		}
		replies, err := db.Replies(as(w.jiro), w.story.ID, 0, 0)
		must(t, err)
		for _, r := range replies {
			if r.ID == w.storyReply.ID && (r.Deleted || r.Body != replyA.Body) {
				t.Errorf("edited on one laptop, deleted on the other: %+v", r)
			}
		}
		people, err := db.Attendees(as(w.hanako), w.debrief.ID, w.debrief.Start)
		must(t, err)
		for _, p := range people {
			if p.Name == w.jiro.Name && p.Response != model.RSVPNo {
				t.Errorf("the later answer did not win: %+v", p)
			}
		}
	})
	t.Run("MergingEitherAgainChangesNothing", func(t *testing.T) {
		before := mustDump(t, db, everything)
		for _, p := range []string{first, second, first} {
			again, err := db.Merge(w.op, p, model.MergeOptions{})
			must(t, err)
			if again.Changed() {
				t.Errorf("merging %s again: %+v %+v", filepath.Base(p), again.Tables, again.Items)
			}
		}
		if after := mustDump(t, db, everything); after != before {
			t.Errorf("merging again changed the database:\n%s", firstDifference(before, after))
		}
	})
	lost(t, w.db, db, first)
	lost(t, w.db, db, second)
	if strings.Contains(mustDump(t, db, everything), "二台目: 鍵は総務課で借りました。") == false {
		t.Error("the second laptop's text is nowhere")
	}
}
