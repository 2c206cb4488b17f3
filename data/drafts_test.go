package data_test

import (
	"context"
	"testing"

	"hiroba/model"
)

func TestDrafts(t *testing.T) {
	t.Parallel()
	db := MustOpenDB(t)
	aoi := MustCreateStaff(t, db, "高野 葵", koriyama, "財政課")
	ren := MustCreateStaff(t, db, "佐藤 蓮", koriyama, "財政課")
	asAoi := model.WithViewer(context.Background(), aoi.ID)
	asRen := model.WithViewer(context.Background(), ren.ID)

	t.Run("SavedTextComesBack", func(t *testing.T) {
		d := &model.Draft{Context: "reply:T1", Title: "育休の相談", Body: "途中まで書いた\n本文", Meta: map[string]string{"anonymous": "1"}}
		if err := db.SaveDraft(asAoi, d); err != nil {
			t.Fatal(err)
		}
		d.Body += "の続き"
		if err := db.SaveDraft(asAoi, d); err != nil {
			t.Fatal(err)
		}
		got, err := db.DraftByContext(asAoi, "reply:T1")
		if err != nil {
			t.Fatal(err)
		}
		if got.Body != "途中まで書いた\n本文の続き" || got.Title != "育休の相談" || got.Meta["anonymous"] != "1" {
			t.Errorf("draft = %+v", got)
		}
	})
	t.Run("OthersCannotReadIt", func(t *testing.T) {
		if _, err := db.DraftByContext(asRen, "reply:T1"); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("another person's draft: err = %v, want ENOTFOUND", err)
		}
	})
	t.Run("DeletedIsGone", func(t *testing.T) {
		if err := db.DeleteDraft(asAoi, "reply:T1"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.DraftByContext(asAoi, "reply:T1"); model.ErrorCode(err) != model.ENOTFOUND {
			t.Errorf("after delete: err = %v, want ENOTFOUND", err)
		}
	})
	t.Run("ErrNobody", func(t *testing.T) {
		if err := db.SaveDraft(context.Background(), &model.Draft{Context: "x", Body: "y"}); model.ErrorCode(err) != model.EFORBIDDEN {
			t.Errorf("save without a viewer: err = %v, want EFORBIDDEN", err)
		}
	})
}
