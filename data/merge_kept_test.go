package data_test

import (
	"testing"
	"time"

	"hiroba/model"
)

// A kept row is marked done by the person it is for or by an
// administrator, and by nobody else; done, it says when, and it can be
// opened again.
func TestKeptRowDone(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	db := w.db
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 30, 0, 0, time.UTC))
	story := *w.story
	story.Body = "訓練で分かった初動: まず鍵、次に受付。"
	must(t, laptop.UpdateThread(as(w.ichiro), &story))
	reply := *w.storyReply
	reply.Body = "受付名簿は紙で、鉛筆も添えました。"
	must(t, laptop.UpdateReply(as(w.jiro), &reply))
	laptop.Close()
	shared := *w.story
	shared.Body = "初動の記録: 鍵の場所を確認してから参集。"
	must(t, db.UpdateThread(as(w.ichiro), &shared))
	sharedReply := *w.storyReply
	sharedReply.Body = "受付名簿は総務課が用意します。"
	must(t, db.UpdateReply(as(w.jiro), &sharedReply))
	_, err := db.Merge(w.op, path, model.MergeOptions{})
	must(t, err)
	note := keptFor(t, db, as(w.ichiro), "threads", w.story.ID)
	other := keptFor(t, db, as(w.jiro), "replies", w.storyReply.ID)
	if len(note) != 1 || len(other) != 1 || note[0].DoneAt != nil {
		t.Fatalf("kept %+v %+v, want one edit note each, not done", note, other)
	}

	t.Run("ErrNotTheirs", func(t *testing.T) {
		// 須賀 is not the note's author nor an administrator: as if there
		// were no such note.
		if err := db.SetKeptDone(as(w.jiro), note[0].ID, true); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("another person marks it done: %v", err)
		}
		if err := db.SetKeptDone(as(w.ichiro), "01MBEZZZZZZZZZZZZZZZZZZZZZ", true); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("an unknown id: %v", err)
		}
		if k := keptFor(t, db, as(w.ichiro), "threads", w.story.ID); k[0].DoneAt != nil {
			t.Fatalf("marked done by a refused call: %+v", k[0])
		}
	})
	t.Run("ByItsAuthor", func(t *testing.T) {
		must(t, db.SetKeptDone(as(w.ichiro), note[0].ID, true))
		k := keptFor(t, db, as(w.ichiro), "threads", w.story.ID)
		if len(k) != 1 || k[0].DoneAt == nil || k[0].DoneBy != w.ichiro.ID {
			t.Fatalf("after done %+v", k)
		}
		// Again changes nothing: the first time stays.
		must(t, db.SetKeptDone(as(w.ichiro), note[0].ID, true))
		if again := keptFor(t, db, as(w.ichiro), "threads", w.story.ID); !again[0].DoneAt.Equal(*k[0].DoneAt) {
			t.Errorf("done again moved the time: %v %v", again[0].DoneAt, k[0].DoneAt)
		}
		must(t, db.SetKeptDone(as(w.ichiro), note[0].ID, false))
		if k := keptFor(t, db, as(w.ichiro), "threads", w.story.ID); k[0].DoneAt != nil || k[0].DoneBy != "" {
			t.Fatalf("opened again %+v", k[0])
		}
	})
	t.Run("ByAnAdministrator", func(t *testing.T) {
		must(t, db.SetKeptDone(as(w.hanako), other[0].ID, true))
		if k := keptFor(t, db, as(w.jiro), "replies", w.storyReply.ID); k[0].DoneAt == nil || k[0].DoneBy != w.hanako.ID {
			t.Fatalf("after an administrator's done %+v", k[0])
		}
		must(t, db.SetKeptDone(w.op, note[0].ID, true))
		if k := keptFor(t, db, as(w.ichiro), "threads", w.story.ID); k[0].DoneAt == nil || k[0].DoneBy != "" {
			t.Fatalf("after the operator's done %+v", k[0])
		}
	})
}

// Someone registered on the laptop writes a thread, a reply, a follow and
// a read mark; the merge sets them all aside (the shared database does
// not know them). The report and the kept rows name them as the laptop
// did, say what each row is about (the thread's title, from the shared
// database or from the thread kept beside it), and whether that is in the
// shared database to open.
func TestKeptRowsOfSomeoneRegisteredOnTheLaptop(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	path, _ := w.snapshot(t, "")
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 30, 0, 0, time.UTC))
	newcomer := MustCreateStaff(t, laptop, "安積 新", koriyama, "防災課")
	must(t, laptop.Join(as(newcomer), w.open.ID))
	own := MustCreateThread(t, laptop, as(newcomer), w.open.ID, "訓練会場の受付", false)
	MustCreateReply(t, laptop, as(newcomer), w.story.ID, "訓練会場から返信します。", false)
	must(t, laptop.Follow(as(newcomer), w.story.ID, true))
	must(t, laptop.MarkRead(as(newcomer), w.story.ID))
	laptop.Close()

	dry, err := w.db.Merge(w.op, path, model.MergeOptions{DryRun: true})
	must(t, err)
	for _, it := range dry.Items {
		if it.AuthorID == newcomer.ID && it.AuthorName != "安積 新" {
			t.Errorf("the dry run names the author of %s %s %q", it.Table, it.Key, it.AuthorName)
		}
	}
	_, err = w.db.Merge(w.op, path, model.MergeOptions{})
	must(t, err)
	kept, err := w.db.KeptRows(w.op, "")
	must(t, err)
	type about struct {
		title string
		found bool
	}
	want := map[string]about{
		"threads": {own.Title, false}, "replies": {w.story.Title, true}, "memberships": {w.open.Name, true},
	}
	marks := map[string]map[string]about{"follows": {}, "read_marks": {}}
	seen := map[string]bool{}
	for _, k := range kept {
		if k.AuthorName != "安積 新" {
			t.Errorf("%s: author %q %q", k.Table, k.AuthorID, k.AuthorName)
		}
		got := about{k.TargetTitle, k.TargetTable != ""}
		if m, ok := marks[k.Table]; ok {
			m[k.TargetID] = got
			continue
		}
		seen[k.Table] = true
		if w, ok := want[k.Table]; ok && got != w {
			t.Errorf("%s is about %+v, want %+v", k.Table, got, w)
		}
	}
	for table := range want {
		if !seen[table] {
			t.Errorf("no %s kept: %+v", table, kept)
		}
	}
	// The follow and read mark of the shared thread, and those the
	// laptop made of its own thread when it wrote it.
	for table, m := range marks {
		if f := m[w.story.ID]; f != (about{w.story.Title, true}) {
			t.Errorf("%s of the shared thread is about %+v", table, f)
		}
		if f, ok := m[own.ID]; ok && f != (about{own.Title, false}) {
			t.Errorf("%s of the laptop's thread is about %+v", table, f)
		}
	}
}
