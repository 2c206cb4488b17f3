package data_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
)

// drillWorld is a shared database before a drill: staff of 郡山市 and
// 須賀川市, an open community for disaster stories, a members-only room of
// 須賀川市's disaster staff, a handover of 避難所運営 and a debriefing
// with a few seats.
type drillWorld struct {
	db                           *data.DB
	op                           context.Context // the operator, who takes and merges copies
	hanako, ichiro, jiro, saburo *model.Staff
	open, secret                 *model.Community
	story, secretThread          *model.Thread
	storyReply                   *model.Reply
	handover                     *model.Handover
	debrief                      *model.Event
}

// newDrillWorld gives the test a copy of one drillWorld.
var newDrillWorld = worldTemplate(func(t testing.TB, db *data.DB) (*drillWorld, *clock) {
	c := testClock(db)
	w := &drillWorld{db: db, op: data.AsOperator(context.Background())}
	w.hanako = MustCreateStaff(t, db, "安積 花子", koriyama, "防災課")
	w.ichiro = MustCreateStaff(t, db, "逢瀬 一郎", koriyama, "防災課")
	w.jiro = MustCreateStaff(t, db, "須賀 次郎", sukagawa, "総務課")
	w.saburo = MustCreateStaff(t, db, "牡丹 三郎", sukagawa, "防災課")
	w.open = MustCreateCommunity(t, db, as(w.hanako), "災害時の業務体験談", model.CategoryExperience, "", model.VisibilityOpen)
	w.secret = MustCreateCommunity(t, db, as(w.saburo), "須賀川 防災担当の部屋", model.CategoryLearning, sukagawa, model.VisibilityMembers)
	for _, s := range []*model.Staff{w.ichiro, w.jiro, w.saburo} {
		if err := db.Join(as(s), w.open.ID); err != nil {
			t.Fatal(err)
		}
	}
	w.story = MustCreateThread(t, db, as(w.ichiro), w.open.ID, "避難所開設の初動", false)
	w.storyReply = MustCreateReply(t, db, as(w.jiro), w.story.ID, "受付名簿は紙で用意しておくと停電でも困りませんでした。", false)
	w.secretThread = MustCreateThread(t, db, as(w.saburo), w.secret.ID, "須賀川の備蓄倉庫の鍵", false)
	w.handover = &model.Handover{Duty: "避難所運営", EffectiveDate: date(2027, 4, 1), Visibility: model.HandoverVisDepartment}
	if err := db.CreateHandover(as(w.ichiro), w.handover); err != nil {
		t.Fatal(err)
	}
	w.debrief = &model.Event{CommunityID: w.open.ID, Title: "訓練の振り返り会", Place: "郡山市役所 第1会議室",
		Start: time.Date(2027, 2, 10, 1, 0, 0, 0, time.UTC), End: time.Date(2027, 2, 10, 2, 0, 0, 0, time.UTC), Capacity: 2}
	if err := db.CreateEvent(as(w.hanako), w.debrief); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetRSVP(as(w.jiro), w.debrief.ID, w.debrief.Start, model.RSVPMaybe); err != nil {
		t.Fatal(err)
	}
	return w, c
}, func(w *drillWorld, db *data.DB, _ *clock) *drillWorld {
	c := *w
	c.db = db
	hanako, ichiro, jiro, saburo := *c.hanako, *c.ichiro, *c.jiro, *c.saburo
	open, secret, story, secretThread, storyReply := *c.open, *c.secret, *c.story, *c.secretThread, *c.storyReply
	handover, debrief := *c.handover, *c.debrief
	c.hanako, c.ichiro, c.jiro, c.saburo = &hanako, &ichiro, &jiro, &saburo
	c.open, c.secret, c.story, c.secretThread, c.storyReply = &open, &secret, &story, &secretThread, &storyReply
	c.handover, c.debrief = &handover, &debrief
	return &c
})

// snapshot takes a copy into a new folder and returns its path.
func (w *drillWorld) snapshot(t *testing.T, municipality string) (string, *model.Snapshot) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "drill.hiroba")
	snap, err := w.db.Snapshot(w.op, out, model.SnapshotOptions{MunicipalityID: municipality})
	if err != nil {
		t.Fatal(err)
	}
	return out, snap
}

// openLaptop opens a copy as the laptop does, with its own clock.
func openLaptop(t *testing.T, path string, start time.Time) *data.DB {
	t.Helper()
	db, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tick(db, start)
	return db
}

// errorKey returns the catalogue key of a keyed error, "" for any other.
func errorKey(err error) string {
	var e *model.Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}

func TestSnapshot(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	path, snap := w.snapshot(t, "")

	t.Run("OpensAsDrillCopy", func(t *testing.T) {
		st, err := os.Stat(path)
		if err != nil || st.Size() != snap.Size || snap.Size == 0 {
			t.Fatalf("size %d, file %v %v", snap.Size, st, err)
		}
		for _, s := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(path + s); err == nil {
				t.Errorf("the copy is not one file: %s is left", path+s)
			}
		}
		id, err := w.db.DatabaseID(context.Background())
		if err != nil || len(id) != 32 {
			t.Fatalf("identity %q %v", id, err)
		}
		if d, err := w.db.DrillCopy(context.Background()); err != nil || d != nil {
			t.Fatalf("the shared database says it is a copy: %+v %v", d, err)
		}
		laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC))
		d, err := laptop.DrillCopy(context.Background())
		if err != nil || d == nil {
			t.Fatalf("copy not recognised: %v", err)
		}
		if d.SourceID != id || d.SnapshotID != snap.SnapshotID || d.SchemaVersion != data.SchemaVersion() || !d.TakenAt.Equal(snap.TakenAt) {
			t.Errorf("copy %+v, snapshot %+v, source %s", d, snap, id)
		}
		if got, err := laptop.DatabaseID(context.Background()); err != nil || got != id {
			t.Errorf("the copy's identity %q, want its source's %q", got, id)
		}
		th, err := laptop.ThreadByID(as(w.hanako), w.story.ID)
		if err != nil || th.Title != w.story.Title {
			t.Fatalf("the copy lacks the thread: %v", err)
		}
		res, err := laptop.Search(as(w.hanako), "受付名簿", 10)
		if err != nil || len(res) == 0 {
			t.Errorf("search on the copy: %v %v", res, err)
		}
	})

	t.Run("Refusals", func(t *testing.T) {
		_, err := w.db.Snapshot(w.op, path, model.SnapshotOptions{})
		if errorKey(err) != "err.snapshot.exists" {
			t.Errorf("over an existing file: %v", err)
		}
		_, err = w.db.Snapshot(as(w.jiro), filepath.Join(t.TempDir(), "x.hiroba"), model.SnapshotOptions{})
		if errorKey(err) != "err.drill.admin" {
			t.Errorf("by a member: %v", err)
		}
		_, err = w.db.Snapshot(w.op, filepath.Join(t.TempDir(), "x.hiroba"), model.SnapshotOptions{MunicipalityID: "01NOWHERE"})
		if errorKey(err) != "err.snapshot.municipality" {
			t.Errorf("of an unknown municipality: %v", err)
		}
		laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC))
		_, err = laptop.Snapshot(w.op, filepath.Join(t.TempDir(), "x.hiroba"), model.SnapshotOptions{})
		if errorKey(err) != "err.snapshot.copy" {
			t.Errorf("of a copy: %v", err)
		}
	})
}

func TestSnapshotForMunicipality(t *testing.T) {
	t.Parallel()
	w := newDrillWorld(t)
	other := &model.Handover{Duty: "須賀川 避難所運営", EffectiveDate: date(2027, 4, 1), Visibility: model.HandoverVisDepartment}
	if err := w.db.CreateHandover(as(w.saburo), other); err != nil {
		t.Fatal(err)
	}
	path, snap := w.snapshot(t, koriyama)
	if snap.MunicipalityID != koriyama || snap.Municipality != "郡山市" {
		t.Errorf("snapshot %+v", snap)
	}
	// Not even the file's free pages carry what 郡山市 may not read.
	raw, err := os.ReadFile(path)
	must(t, err)
	for _, secret := range []string{w.secretThread.Title, "須賀川 避難所運営"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the copy's file holds %q", secret)
		}
	}
	laptop := openLaptop(t, path, time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC))
	if d, err := laptop.DrillCopy(context.Background()); err != nil || d.MunicipalityID != koriyama || d.Municipality != "郡山市" {
		t.Fatalf("copy %+v %v", d, err)
	}

	// 須賀川市's staff see the members-only room and their own notes; in
	// 郡山市's copy they do not exist, even for them.
	if _, err := laptop.ThreadByID(as(w.saburo), w.secretThread.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("members-only thread of another municipality in the copy: %v", err)
	}
	if _, err := laptop.HandoverByID(as(w.saburo), other.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("another municipality's department note in the copy: %v", err)
	}
	if res, err := laptop.Search(as(w.saburo), "備蓄倉庫", 10); err != nil || len(res) != 0 {
		t.Errorf("search finds what the copy must not hold: %v %v", res, err)
	}
	// What 郡山市's staff see is all there, and searchable.
	if _, err := laptop.HandoverByID(as(w.ichiro), w.handover.ID); err != nil {
		t.Errorf("郡山市's note: %v", err)
	}
	replies, err := laptop.Replies(as(w.ichiro), w.story.ID, 0, 0)
	if err != nil || len(replies) != 1 {
		t.Errorf("replies in the copy: %v %v", replies, err)
	}
	if res, err := laptop.Search(as(w.ichiro), "受付名簿", 10); err != nil || len(res) == 0 {
		t.Errorf("search on the copy: %v %v", res, err)
	}
	staff, err := laptop.FindStaff(as(w.ichiro), 0, 0)
	if err != nil || len(staff) != 4 {
		t.Errorf("every name stays in the copy: %d %v", len(staff), err)
	}

	// What the laptop writes comes back.
	r := MustCreateReply(t, laptop, as(w.hanako), w.story.ID, "郡山の訓練では、受付に二人いると流れが止まりませんでした。", false)
	laptop.Close()
	report, err := w.db.Merge(w.op, path, model.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := report.Table("replies"); got.Added != 1 {
		t.Errorf("replies %+v", got)
	}
	back, err := w.db.Replies(as(w.jiro), w.story.ID, 0, 0)
	if err != nil || len(back) != 2 || back[1].ID != r.ID || !strings.Contains(back[1].Body, "受付に二人") {
		t.Errorf("merged replies %+v %v", back, err)
	}
}
