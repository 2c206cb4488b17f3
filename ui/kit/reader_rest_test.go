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

// restDoc is a document whose second part is read after its first is
// drawn (Reader.Rest).
type restDoc struct{ head, tail string }

// A document with a Rest is drawn as soon as its first part is read, the
// rest marked as on its way, then whole; read again after a change, it
// stays as it was until the whole arrives; resized meanwhile, the whole
// still comes, at the new width.
func TestReaderDrawsTheFirstPartThenTheRest(t *testing.T) {
	c := NewCommon(nil, NewCatalog("ja", time.UTC, time.Now), false)
	c.SetMe(&model.Staff{ID: "s1", Name: "高野 葵"})
	version := "一"
	renders := 0
	r := NewReader(c, func(d restDoc, w int) Document {
		renders++
		tail := d.tail
		if tail == "" {
			tail = "予定: 読み込み中…"
		}
		return Document{Text: d.head + "\n" + tail}
	})
	r.Rest = func(_ context.Context, d restDoc) (restDoc, error) {
		d.tail = "予定: 12/16 カフェ " + version
		return d, nil
	}
	r.Pane.SetSize(40, 5)
	load := func(context.Context) (restDoc, error) {
		return restDoc{head: "産休・育休カフェ " + version}, nil
	}
	shown := func() string { return ansi.Strip(r.Pane.View()) }

	first := r.Load("c1/1", load)()
	_, rest := r.Update(first)
	if got := shown(); !strings.Contains(got, "産休・育休カフェ 一") || !strings.Contains(got, "読み込み中") {
		t.Fatalf("the first part is not drawn with its rest on its way:\n%s", got)
	}
	if rest == nil {
		t.Fatal("no command reads the rest")
	}
	r.Update(rest())
	if got := shown(); !strings.Contains(got, "予定: 12/16 カフェ 一") {
		t.Fatalf("the rest is not drawn:\n%s", got)
	}

	// Read again after a change: the first part alone does not replace
	// what is shown.
	version = "二"
	before := renders
	_, rest = r.Update(r.Load("c1/1", load)())
	if renders != before {
		t.Error("read again, the first part that is not shown was drawn")
	}
	if got := shown(); !strings.Contains(got, "産休・育休カフェ 一") || !strings.Contains(got, "カフェ 一") || strings.Contains(got, "読み込み中") {
		t.Fatalf("read again, the document went back to its first part:\n%s", got)
	}
	r.Update(rest())
	if got := shown(); !strings.Contains(got, "産休・育休カフェ 二") || !strings.Contains(got, "12/16 カフェ 二") {
		t.Fatalf("the changed document is not drawn whole:\n%s", got)
	}

	// Another item, and a resize before its rest arrives: the rest asked
	// at the old width is dropped, and the resize asks for it again.
	_, rest = r.Update(r.Load("c2/1", load)())
	r.Pane.SetSize(30, 5)
	var cmd tea.Cmd = r.Rerender()
	if cmd == nil {
		t.Fatal("no command after the resize")
	}
	r.Update(rest())
	if got := shown(); !strings.Contains(got, "読み込み中") {
		t.Fatalf("the rest read at the old width was shown:\n%s", got)
	}
	r.Update(cmd())
	if got := shown(); !strings.Contains(got, "12/16 カフェ 二") {
		t.Fatalf("after a resize the rest never came:\n%s", got)
	}

	// Read again after a change, and a resize before the whole arrives:
	// the new version still comes, not the old one drawn again.
	version = "三"
	_, rest = r.Update(r.Load("c2/2", load)())
	r.Pane.SetSize(40, 5)
	cmd = r.Rerender()
	r.Update(rest())
	r.Update(cmd())
	if got := shown(); !strings.Contains(got, "産休・育休カフェ 三") || !strings.Contains(got, "12/16 カフェ 三") {
		t.Fatalf("a resize while the changed document was read lost it:\n%s", got)
	}
}
