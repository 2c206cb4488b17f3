package node_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/seed"
	"hiroba/internal/sshload"
	"hiroba/model"
)

// BenchmarkThroughFollower times what a session on a node that does not
// lead does, on a cluster of three nodes in this process holding the
// generator's data at scale 0.02 (2,000 threads, 20,000 replies): a
// reply, the first page of the thread list, a search, and how long after
// a reply through one node another node's screens learn of it (before
// their next look, every ui.LiveInterval). p50 and p95 in milliseconds.
//
//	go test -tags libsqlite3 -run '^$' -bench BenchmarkThroughFollower -benchtime 200x ./node
func BenchmarkThroughFollower(b *testing.B) {
	path := filepath.Join(b.TempDir(), "seed.db")
	file, err := data.Open(path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := seed.Scale(context.Background(), file, 0.02, time.Now(), nil); err != nil {
		b.Fatal(err)
	}
	file.Close()
	c := startCluster(b, 3)
	cl := c.client()
	if _, err := cl.Import(context.Background(), path); err != nil {
		b.Fatal(err)
	}
	leader, err := cl.Leader(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	follower, other := -1, -1
	for i, n := range c.nodes {
		if n.Address() != leader {
			if follower < 0 {
				follower = i
			} else {
				other = i
			}
		}
	}
	db := c.dbs[follower]
	staff, err := db.FindStaff(context.Background(), 0, 1)
	if err != nil || len(staff) == 0 {
		b.Fatal("no staff", err)
	}
	ctx := model.WithViewer(context.Background(), staff[0].ID)
	threads, _, err := db.FindThreads(ctx, model.ThreadFilter{Limit: 1})
	if err != nil || len(threads) == 0 {
		b.Fatal("no thread", err)
	}
	timed := func(b *testing.B, what string, op func(i int) error) {
		var took []time.Duration
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if err := op(i); err != nil {
				b.Fatal(err)
			}
			took = append(took, time.Since(start))
		}
		sshload.Report(b, took, what)
	}
	b.Run("Reply", func(b *testing.B) {
		timed(b, "replies", func(i int) error {
			return db.CreateReply(ctx, &model.Reply{ThreadID: threads[0].ID, Body: fmt.Sprintf("試験の返信 %d", i)})
		})
	})
	b.Run("ThreadList", func(b *testing.B) {
		timed(b, "pages", func(int) error {
			_, _, err := db.FindThreads(ctx, model.ThreadFilter{Limit: 50})
			return err
		})
	})
	b.Run("Search", func(b *testing.B) {
		words := []string{"申請", "引き継ぎ", "予算", "窓口"}
		timed(b, "searches", func(i int) error {
			_, err := db.Search(ctx, words[i%len(words)], 20)
			return err
		})
	})
	b.Run("SeenByAnotherNode", func(b *testing.B) {
		watcher := c.dbs[other]
		timed(b, "replies", func(i int) error {
			seen := watcher.Changes()
			if err := db.CreateReply(ctx, &model.Reply{ThreadID: threads[0].ID, Body: fmt.Sprintf("見える返信 %d", i)}); err != nil {
				return err
			}
			for watcher.Changes() == seen {
				time.Sleep(5 * time.Millisecond)
			}
			return nil
		})
	})
}
