package ui_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui"
)

// unreadWatch is the demo database, noting what the first screen showed
// when the unread count was first asked for.
type unreadWatch struct {
	*data.DB
	app       *ui.App
	firstSeen string // the screen when UnreadCount was first called
}

func (w *unreadWatch) UnreadCount(ctx context.Context) (int, error) {
	if w.firstSeen == "" {
		w.firstSeen = w.app.View().Content
	}
	return w.DB.UnreadCount(ctx)
}

// The unread count reads every thread of the person's communities: it is
// asked for after the first screen shows its list and the first
// community, even when every command runs at once, as they do in the
// real program. The commands here run breadth first, one round at a time.
func TestTabCountsWaitForTheFirstScreen(t *testing.T) {
	path, staff := demoCopy(t)
	db, err := data.Open(path, data.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := &unreadWatch{DB: db}
	// Painted comes once the first frame had time to reach the terminal,
	// and the counts are read after it, not beside that frame.
	var app *ui.App
	painted, paintedSeen := 0, ""
	whenPainted := func() {
		painted++
		paintedSeen = app.View().Content
		if store.firstSeen != "" {
			t.Error("the unread count was asked for before the first frame was painted")
		}
	}
	app = ui.New(ui.Config{Store: store, Lang: "ja", StaffID: staff, Now: func() time.Time { return fixedNow }, Location: jst, NoWait: true, Painted: whenPainted})
	store.app = app
	queue := []tea.Cmd{app.Init(), func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} }}
	for round := 0; len(queue) > 0 && round < 50; round++ {
		var msgs []tea.Msg
		for _, cmd := range queue {
			msgs = append(msgs, flatten(cmd)...)
		}
		queue = nil
		for _, msg := range msgs {
			_, cmd := app.Update(msg)
			queue = append(queue, cmd)
		}
	}
	if store.firstSeen == "" {
		t.Fatal("the unread count was never asked for")
	}
	if painted != 1 || !strings.Contains(paintedSeen, "世話役") {
		t.Fatalf("Painted was called %d times, the last over this screen:\n%s", painted, paintedSeen)
	}
	if !strings.Contains(store.firstSeen, "世話役") {
		t.Fatalf("the unread count was asked for before the first community was shown:\n%s", store.firstSeen)
	}
	if tabs := strings.SplitN(app.View().Content, "\n", 2)[0]; !strings.Contains(tabs, "相談(") {
		t.Fatalf("no unread count on the tab once everything arrived: %s", tabs)
	}
}

// flatten runs cmd and the batches it returns, and gives the messages.
func flatten(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, flatten(c)...)
		}
		return out
	}
	if msg == nil || reflect.TypeOf(msg).String() == "tea.sequenceMsg" {
		return nil
	}
	return []tea.Msg{msg}
}

// A tab chosen before the first screen settles still tells the caller
// the first frame was painted, once (Config.Painted; review).
func TestPaintedAfterAnEarlyTab(t *testing.T) {
	db, staff := demoDB(t)
	painted := 0
	app := ui.New(ui.Config{Store: db, Lang: "ja", StaffID: staff, Now: func() time.Time { return fixedNow }, Location: jst, NoWait: true, Painted: func() { painted++ }})
	queue := []tea.Cmd{app.Init(), func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} }}
	for round := 0; len(queue) > 0 && round < 50; round++ {
		var next []tea.Cmd
		for _, c := range queue {
			for _, m := range flatten(c) {
				_, cmd := app.Update(m)
				next = append(next, cmd)
			}
		}
		if round == 1 {
			_, cmd := app.Update(tea.KeyPressMsg{Code: '2', Text: "2"})
			next = append(next, cmd)
		}
		queue = next
	}
	if painted != 1 {
		t.Errorf("Painted was called %d times, want once", painted)
	}
}

// viewerWatch is the demo database, noting whose unread count was read.
type viewerWatch struct {
	*data.DB
	viewers []string
}

func (w *viewerWatch) UnreadCount(ctx context.Context) (int, error) {
	w.viewers = append(w.viewers, model.ViewerFrom(ctx))
	return w.DB.UnreadCount(ctx)
}

// U within paintWait: the first person's late timer reads nothing onto
// the new person's tabs, whose counts are read once theirs settle
// (review).
func TestActAsInsidePaintWaitReadsOnlyTheNewCounts(t *testing.T) {
	db, staff := demoDB(t)
	store := &viewerWatch{DB: db}
	app := ui.New(ui.Config{Store: store, Lang: "ja", StaffID: staff, Now: func() time.Time { return fixedNow }, Location: jst, NoWait: true})
	var held tea.Msg
	var runAll func(cmd tea.Cmd)
	runAll = func(cmd tea.Cmd) {
		for _, m := range flatten(cmd) {
			if held == nil && reflect.TypeOf(m).String() == "ui.prefetchMsg" {
				held = m // the first person's timer, fired late below
				continue
			}
			_, c := app.Update(m)
			runAll(c)
		}
	}
	runAll(app.Init())
	_, c := app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	runAll(c)
	if held == nil {
		t.Fatal("the counts were not put off until the first frame")
	}
	for _, k := range []tea.KeyPressMsg{{Code: 'U', Text: "U"}, {Code: '熊', Text: "熊"}, {Code: '田', Text: "田"}} {
		_, c = app.Update(k)
		runAll(c)
	}
	_, loadMe := app.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	_, c = app.Update(held)
	runAll(c)
	runAll(loadMe)
	if len(store.viewers) == 0 {
		t.Fatal("the new person's unread count was never read")
	}
	for _, v := range store.viewers {
		if v == staff {
			t.Errorf("the first person's unread count was read after U: %v", store.viewers)
		}
	}
	if tabs := strings.SplitN(app.View().Content, "\n", 2)[0]; !strings.Contains(tabs, "熊田 剛") {
		t.Errorf("not signed in as 熊田 剛: %s", tabs)
	}
}
