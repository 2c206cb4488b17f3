package cli

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"hiroba/data"
	"hiroba/internal/sshload"
	"hiroba/model"
)

// BenchmarkServe50Sessions serves the demo to 50 SSH sessions at once, each
// a person browsing (switching tabs, moving the cursor) and now and then
// posting a reply, which every other session then shows live. It reports
// the time from a key press to the first screen update the key caused:
// p50, p95 and the worst, in milliseconds.
//
//	go test -run '^$' -bench BenchmarkServe50Sessions -benchtime 1x ./cli
func BenchmarkServe50Sessions(b *testing.B) {
	const sessions, actions = 50, 30
	db, addr, _ := startServer(b, serveConfig{maxSessions: 100})
	op := data.AsOperator(context.Background())
	var community string
	if list, _, err := db.FindCommunities(context.Background(), model.CommunityFilter{}); err == nil {
		for _, c := range list {
			if c.Visibility == model.VisibilityOpen {
				community = c.ID
				break
			}
		}
	}
	people := make([]sshload.Person, sessions)
	for i := range people {
		k := sshload.NewKey(b)
		ks := &model.KeySignup{Staff: model.Staff{Name: fmt.Sprintf("試験 職員%02d", i), MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "総務部 総務課"},
			Fingerprint: gossh.FingerprintSHA256(k.PublicKey()), PublicKey: "bench"}
		if err := db.SignUpWithKey(context.Background(), ks); err != nil {
			b.Fatal(err)
		}
		if err := db.ApproveStaff(op, ks.ID); err != nil {
			b.Fatal(err)
		}
		people[i] = sshload.Person{Key: k, ID: ks.ID, Name: ks.Name}
	}
	thread := &model.Thread{CommunityID: community, Kind: model.KindQuestion, Title: "負荷試験のスレッド", Body: "返信をどうぞ。"}
	if err := db.CreateThread(model.WithViewer(context.Background(), people[0].ID), thread); err != nil {
		b.Fatal(err)
	}

	b.ResetTimer()
	var all []time.Duration
	var posts atomic.Int64
	for n := 0; n < b.N; n++ {
		all = append(all, sshload.Browse(b, []string{addr}, people, func(p sshload.Person) string { return p.Name + " 郡山市" }, actions,
			func(i, a int) error {
				// A post, which all the others show live.
				posts.Add(1)
				return db.CreateReply(model.WithViewer(context.Background(), people[i].ID),
					&model.Reply{ThreadID: thread.ID, Body: fmt.Sprintf("%s の返信 %d", people[i].Name, a)})
			})...)
	}
	b.StopTimer()
	sshload.Report(b, all, "keys")
	b.ReportMetric(float64(posts.Load()), "posts")
}
