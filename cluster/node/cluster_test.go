package node_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hiroba/cluster/node"
	"hiroba/data"
	"hiroba/model"
)

// Three city halls, one database: a thread posted through one node is
// read through the others, the others' screens learn of it (Changes), a
// reply through a follower counts once, and the status lists three voters
// with one leader, none behind.
func TestThreeNodesShareOneDatabase(t *testing.T) {
	c := startCluster(t, 3)
	w := newWorld(t, c.dbs[0], "相馬 結衣", "蒲生 拓海", "安積 花子")
	seen := c.dbs[2].Changes()
	th := &model.Thread{CommunityID: w.community.ID, Kind: model.KindQuestion, Title: "電話の記録、どうしていますか", Body: "共有の表に書いています"}
	if err := c.dbs[0].CreateThread(as(w.staff[0]), th); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the third node's screens learn of the post", func() bool { return c.dbs[2].Changes() != seen })
	got, err := c.dbs[2].ThreadByID(as(w.staff[2]), th.ID)
	if err != nil || got.Title != th.Title {
		t.Fatalf("through the third node: %+v %v", got, err)
	}
	r := &model.Reply{ThreadID: th.ID, Body: "課の共有フォルダに一行ずつです"}
	if err := c.dbs[1].CreateReply(as(w.staff[1]), r); err != nil {
		t.Fatal(err)
	}
	got, err = c.dbs[0].ThreadByID(as(w.staff[0]), th.ID)
	if err != nil || got.ReplyCount != 1 {
		t.Fatalf("reply count through the first node: %+v %v", got, err)
	}
	found, err := c.dbs[1].Search(as(w.staff[1]), "共有フォルダ", 10)
	if err != nil || len(found) != 1 || found[0].ID != th.ID || found[0].Anchor != r.ID {
		t.Fatalf("search through a node: %+v %v", found, err)
	}

	cl := c.client()
	var status []node.NodeStatus
	waitFor(t, 10*time.Second, "every node up to date", func() bool {
		status, err = cl.Status(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range status {
			if !n.Reachable || n.Behind != 0 {
				return false
			}
		}
		return true
	})
	leaders, voters := 0, 0
	for _, n := range status {
		if n.Leader {
			leaders++
		}
		if n.Role == "voter" {
			voters++
		}
	}
	if len(status) != 3 || leaders != 1 || voters != 3 {
		t.Errorf("status: %+v", status)
	}
}

// A backup of the cluster is an ordinary hiroba file that the program
// without a cluster opens, with everything in it.
func TestBackupOfTheClusterIsAnOrdinaryFile(t *testing.T) {
	c := startCluster(t, 3)
	w := newWorld(t, c.dbs[0], "相馬 結衣", "蒲生 拓海")
	th := &model.Thread{CommunityID: w.community.ID, Kind: model.KindIdea, Title: "税外収入を考えたい", Body: "一緒に考える人はいますか"}
	if err := c.dbs[1].CreateThread(as(w.staff[1]), th); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := c.dbs[2].Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	file, err := data.Open(out, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if lines, err := file.IntegrityCheck(context.Background()); err != nil || strings.Join(lines, "") != "ok" {
		t.Fatalf("integrity of the copy: %v %v", lines, err)
	}
	got, err := file.ThreadByID(as(w.staff[0]), th.ID)
	if err != nil || got.Title != th.Title {
		t.Fatalf("the copy: %+v %v", got, err)
	}
	found, err := file.Search(as(w.staff[0]), "税外収入", 5)
	if err != nil || len(found) != 1 {
		t.Fatalf("search in the copy: %+v %v", found, err)
	}
	if err := c.dbs[0].Backup(context.Background(), out); model.ErrorCode(err) != model.ECONFLICT {
		t.Errorf("a backup over a file: %v", err)
	}
}

// Writers through one node and through different nodes, at once, never
// see "database is locked": busy is tried again inside the data layer.
// Every reply is there once.
func TestConcurrentWritersThroughNodes(t *testing.T) {
	c := startCluster(t, 3)
	w := newWorld(t, c.dbs[0], "相馬 結衣", "蒲生 拓海", "安積 花子", "三春 一郎", "須賀 次郎", "郡 三郎")
	th := &model.Thread{CommunityID: w.community.ID, Kind: model.KindQuestion, Title: "旅費精算の締め日", Body: "いつですか"}
	if err := c.dbs[0].CreateThread(as(w.staff[0]), th); err != nil {
		t.Fatal(err)
	}
	const each = 15
	// Two writers through the first node, and one through each node.
	through := []int{0, 0, 0, 1, 2, 2}
	var wg sync.WaitGroup
	errs := make(chan error, len(through)*each)
	for i, n := range through {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range each {
				err := c.dbs[n].CreateReply(as(w.staff[i]), &model.Reply{ThreadID: th.ID, Body: "返信です"})
				if err == nil {
					err = c.dbs[n].SaveDraft(as(w.staff[i]), &model.Draft{Context: "reply:" + th.ID, Body: strings.Repeat("書", k+1)})
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a writer was refused: %v", err)
	}
	got, err := c.dbs[1].ThreadByID(as(w.staff[1]), th.ID)
	if err != nil || got.ReplyCount != len(through)*each {
		t.Fatalf("reply count %d after %d replies (%v)", got.ReplyCount, len(through)*each, err)
	}
}

// With four nodes one waits as a stand-by; it can be made a voter at
// once (a disaster took a voter's site), and a node that is gone for
// good can be taken out of the cluster.
func TestPromoteAndRemove(t *testing.T) {
	c := startCluster(t, 4)
	cl := c.client()
	ctx := context.Background()
	roles := func() map[string]string {
		status, err := cl.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, n := range status {
			out[n.Address] = n.Role
		}
		return out
	}
	var standby string
	waitFor(t, 30*time.Second, "three voters and a stand-by", func() bool {
		count := map[string]int{}
		for addr, role := range roles() {
			count[role]++
			if role == "stand-by" {
				standby = addr
			}
		}
		return count["voter"] == 3 && count["stand-by"] == 1
	})
	if err := cl.Promote(ctx, standby); err != nil {
		t.Fatal(err)
	}
	if got := roles()[standby]; got != "voter" {
		t.Errorf("promoted %s is a %s", standby, got)
	}
	last := len(c.nodes) - 1
	gone := c.nodes[last].Address()
	c.dbs[last].Close()
	c.dbs[last] = nil
	if err := cl.Remove(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if got := roles(); len(got) != 3 || got[gone] != "" {
		t.Errorf("after removing %s: %v", gone, got)
	}
	var e *model.Error
	if err := cl.Remove(ctx, "127.0.0.1:1"); !errors.As(err, &e) || e.Key != "err.cluster.no_such_node" {
		t.Errorf("removing a node that is not there: %v", err)
	}
}
