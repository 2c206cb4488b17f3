package sshload

import (
	"context"
	"fmt"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"hiroba/data"
	"hiroba/model"
)

// Audience signs up n staff members of 郡山市 (試験 職員00, 01, ...), each
// with an SSH key and approved, and starts a thread for them to reply to
// in an open community of db, which holds the demo's.
func Audience(tb testing.TB, db *data.DB, n int) ([]Person, *model.Thread) {
	tb.Helper()
	ctx := context.Background()
	op := data.AsOperator(ctx)
	people := make([]Person, n)
	for i := range people {
		k := NewKey(tb)
		ks := &model.KeySignup{Staff: model.Staff{Name: fmt.Sprintf("試験 職員%02d", i), MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "総務部 総務課"},
			Fingerprint: gossh.FingerprintSHA256(k.PublicKey()), PublicKey: "bench"}
		if err := db.SignUpWithKey(ctx, ks); err != nil {
			tb.Fatal(err)
		}
		if err := db.ApproveStaff(op, ks.ID); err != nil {
			tb.Fatal(err)
		}
		people[i] = Person{Key: k, ID: ks.ID, Name: ks.Name}
	}
	list, _, err := db.FindCommunities(ctx, model.CommunityFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	thread := &model.Thread{Kind: model.KindQuestion, Title: "負荷試験のスレッド", Body: "返信をどうぞ。"}
	for _, c := range list {
		if c.Visibility == model.VisibilityOpen {
			thread.CommunityID = c.ID
			break
		}
	}
	if err := db.CreateThread(model.WithViewer(ctx, people[0].ID), thread); err != nil {
		tb.Fatal(err)
	}
	return people, thread
}
