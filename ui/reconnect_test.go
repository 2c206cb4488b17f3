package ui_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui"
)

// outOfReach is a database that a test can put out of reach, as a cluster
// electing a new leader is for a few seconds.
type outOfReach struct {
	*data.DB
	down atomic.Bool
}

func (s *outOfReach) Reconnecting() bool { return s.down.Load() }

// While the cluster elects a new leader the status line says so, in the
// person's language, and the screen keeps its place; then the keys come
// back.
func TestStatusLineWhileReconnecting(t *testing.T) {
	t.Parallel()
	db, me := demoDB(t)
	for _, c := range []struct{ lang, notice string }{{"ja", "接続先を切り替えています…"}, {"en", "Switching to another server…"}} {
		store := &outOfReach{DB: db}
		h := startHarnessOn(t, store, db, me, c.lang, 80, 24)
		h.key("2")
		before := h.screen()
		last := func() string { lines := strings.Split(h.screen(), "\n"); return lines[len(lines)-1] }
		if strings.Contains(last(), c.notice) {
			t.Fatalf("%s: the notice shows while in reach:\n%s", c.lang, h.screen())
		}
		store.down.Store(true)
		h.send(ui.LiveTick)
		if !strings.Contains(last(), c.notice) {
			t.Fatalf("%s: no notice while out of reach:\n%s", c.lang, h.screen())
		}
		h.checkFrame()
		if got, want := strings.Split(h.screen(), "\n")[:23], strings.Split(before, "\n")[:23]; strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: the screen moved while out of reach:\n%s", c.lang, h.screen())
		}
		store.down.Store(false)
		h.send(ui.LiveTick)
		if strings.Contains(last(), c.notice) {
			t.Errorf("%s: the notice stays once in reach again:\n%s", c.lang, h.screen())
		}
	}
}

// lostReply is a database whose first reply is saved but reported as of
// unknown outcome, as when the cluster's leader is lost while it commits
// and stays out of reach.
type lostReply struct {
	*data.DB
	lost   atomic.Bool
	calls  atomic.Int32
	ids    []string
	thread string
}

func (s *lostReply) CreateReply(ctx context.Context, r *model.Reply) error {
	s.calls.Add(1)
	s.ids, s.thread = append(s.ids, r.ID), r.ThreadID
	err := s.DB.CreateReply(ctx, r)
	if err == nil && !s.lost.Swap(true) {
		return model.Keyed(model.EIO, "err.cluster.unsure", "保存の途中でクラスタとの接続が切れ、保存されたか分かりません。もう一度保存してください (二重にはなりません) (%v)", "EOF")
	}
	return err
}

// A reply whose save had an unknown outcome keeps its text in the form
// with the reason; saved again, it is there once.
func TestReplySavedAgainAfterAnUnknownOutcomeIsThereOnce(t *testing.T) {
	t.Parallel()
	db, me := demoDB(t)
	store := &lostReply{DB: db}
	h := startHarnessOn(t, store, db, me, "ja", 100, 30)
	h.key("2", "enter", "r")
	h.typeText("翌月10日が締め日です。")
	h.key("ctrl+s")
	h.mustShow("保存されたか分かりません。もう一度保存してください")
	h.mustShow("翌月10日が締め日です。")
	h.checkFrame()
	h.key("ctrl+s")
	if store.calls.Load() != 2 || store.ids[0] == "" || store.ids[0] != store.ids[1] {
		t.Fatalf("saved %d times with ids %q: the second save must give the first's id", store.calls.Load(), store.ids)
	}
	replies, err := db.Replies(model.WithViewer(context.Background(), me), store.thread, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range replies {
		if r.Body == "翌月10日が締め日です。" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the reply is there %d times", n)
	}
}
