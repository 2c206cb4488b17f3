package data

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"hiroba/model"
)

// A search answers while the other reading connections are all held (by
// other searches, as the interface starts one per key typed): the first
// search of a process prepared its bucket query inside its transaction,
// waited for a connection that none of them would give back, and the
// searches hung for good (peakmem's search never came back). The bound
// only tells a hang from an answer.
func TestFirstSearchWithEveryOtherConnectionHeld(t *testing.T) {
	t.Parallel()
	db := newFile(t)
	me := &model.Staff{Name: "安積 花子", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "総務課"}
	if err := db.CreateStaff(context.Background(), me); err != nil {
		t.Fatal(err)
	}
	var held []*sql.Tx
	for range 3 { // the pool has four
		tx, err := db.read.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`SELECT count(*) FROM staff`); err != nil {
			t.Fatal(err)
		}
		held = append(held, tx)
	}
	defer func() {
		for _, tx := range held {
			tx.Rollback()
		}
	}()
	done := make(chan error, 1)
	go func() {
		_, err := db.Search(model.WithViewer(context.Background(), me.ID), "育休", 50)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("a search with every other reading connection held never answered")
	}
}
