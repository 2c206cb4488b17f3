package kit

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
)

// A screen's first full frame waits for one read: the first page's
// command brings the document of the row the cursor lands on, shown with
// the page, without a read or a round through the event loop of its own
// (Browser.Start).
func TestStartBringsTheFirstRowsDocumentWithThePage(t *testing.T) {
	rows := []string{"申請書の様式", "庶務の引き継ぎ", "会議室の予約"}
	var reads []string // what was read, in order: "page" or a row
	c := NewCommon(nil, NewCatalog("ja", time.UTC, time.Now), false)
	c.SetMe(&model.Staff{ID: "s1", Name: "高野 葵"})
	c.NoWait = true
	list := NewPagedList(func(_ context.Context, offset, limit int) ([]string, int, error) {
		reads = append(reads, "page")
		return rows, len(rows), nil
	})
	b := NewBrowser(c, list, func(d string, w int) Document { return Document{Text: "本文: " + d} }, 1, "none")
	b.Row = func(item string, w int, selected bool) []string { return []string{Fit(item, w)} }
	b.IDOf = func(item string) string { return item + "/1" }
	b.Load = func(_ context.Context, item string) (string, error) {
		reads = append(reads, item)
		return item, nil
	}
	b.SetSize(80, 10)

	page := b.Start()() // the one command: the page, and with it the first row's document
	if strings.Join(reads, ",") != "page,申請書の様式" {
		t.Fatalf("the first page's command read %v, want the page and its first row", reads)
	}
	if !b.Doc.Owns(page) {
		t.Error("the page does not say it brings the reader's document")
	}
	_, follow := b.Update(page)
	view := ansi.Strip(b.View())
	if !strings.Contains(view, "庶務の引き継ぎ") || !strings.Contains(view, "本文: 申請書の様式") {
		t.Errorf("the list and the first row's document are not both shown with the page:\n%s", view)
	}
	if !b.Settled() {
		t.Error("the browser has not settled with its list and document shown")
	}
	deliver(b, follow)
	if strings.Join(reads, ",") != "page,申請書の様式" {
		t.Errorf("showing the first row read again: %v", reads)
	}

	// Moving on shows the next row's document, read as before.
	_, cmd := b.Update(tea.KeyPressMsg{Code: 'j', Text: "j"})
	deliver(b, cmd)
	if got := reads[len(reads)-1]; got != "庶務の引き継ぎ" {
		t.Errorf("the next row read %q", got)
	}

	// A first page whose document is no longer the one asked for (the
	// pane was resized meanwhile) does not say it brings one.
	b.shownID = ""
	late := b.Start()()
	b.SetSize(60, 10)
	if b.Doc.Owns(late) {
		t.Error("a first page's out-of-date document is said to be the reader's")
	}
}

// deliver runs cmd and gives what it brings back to b, depth first, as
// the program would.
func deliver(b *Browser[string, string], cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			deliver(b, c)
		}
	default:
		_, next := b.Update(msg)
		deliver(b, next)
	}
}
