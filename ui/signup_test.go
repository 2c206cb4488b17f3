package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui"
)

func TestSignupOnFirstStart(t *testing.T) {
	t.Parallel()
	db, err := data.Open(filepath.Join(t.TempDir(), "new.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	remembered := ""
	app := ui.New(ui.Config{Store: db, Lang: "ja", Now: func() time.Time { return fixedNow }, Location: jst, NoWait: true,
		Remember: func(id string) error { remembered = id; return nil }})
	h := &harness{t: t, app: app, w: 80, h: 24, db: db}
	h.run(app.Init())
	h.send(teaSize(80, 24))
	h.mustShow("あなたのことを教えてください")
	// The keys fit at 80 columns on two lines, the last one too.
	h.mustShow("ctrl+c: やめる")
	if n := strings.Count(h.screen(), "\n") + 1; n != 24 {
		t.Fatalf("the form is %d lines high, want 24", n)
	}
	// Name left empty: refused, and the cursor goes back to the name.
	h.key("enter", "enter", "enter", "enter")
	h.mustShow("名前: ")
	h.typeText("山川 花子")
	h.mustNotShow("名前: ") // the error goes once the name is typed
	// The municipality is found by typing its reading.
	h.key("tab")
	h.typeText("すか")
	h.mustShow("須賀川市")
	h.mustNotShow("郡山市")
	h.key("enter")
	// Department left empty: refused with a message, nothing saved.
	h.key("enter")
	h.mustShow("入力してください")
	if staff, _ := db.FindStaff(context.Background(), 0, 0); len(staff) != 0 {
		t.Fatal("staff saved without a department")
	}
	h.typeText("市民部 市民課")
	h.key("enter")
	if remembered == "" {
		t.Fatal("the new profile was not remembered")
	}
	s, err := db.StaffByID(model.WithViewer(context.Background(), remembered), remembered)
	if err != nil || s.Name != "山川 花子" || s.Department != "市民部 市民課" || s.Municipality != "須賀川市" {
		t.Fatalf("saved %+v %v", s, err)
	}
	h.mustShow("ようこそ、山川 花子 さん")
	h.mustShow("コミュニティ")
	h.checkFrame()
}
