package node_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"hiroba/cluster/internal/clustertest"
	"hiroba/cluster/node"
	"hiroba/data"
	"hiroba/model"
)

// testCluster is a cluster of nodes on 127.0.0.1, each running in this
// process, with its database open through each node.
type testCluster struct {
	t     testing.TB
	dirs  []string
	nodes []*node.Node
	dbs   []*data.DB
}

// startCluster makes a cluster of n nodes: the first makes it, the others
// join with a token each; every node is then started and its database
// opened. Everything stops when the test ends.
func startCluster(t testing.TB, n int) *testCluster {
	t.Helper()
	c := &testCluster{t: t}
	base := t.TempDir()
	for i := range n {
		dir := filepath.Join(base, fmt.Sprintf("n%d", i+1))
		addr := clustertest.FreeAddress(t)
		if i == 0 {
			if err := node.Init(dir, addr); err != nil {
				t.Fatal(err)
			}
		} else {
			tok, _, err := node.IssueToken(c.dirs[0], time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if err := node.Join(context.Background(), tok, dir, addr); err != nil {
				t.Fatal(err)
			}
		}
		c.dirs = append(c.dirs, dir)
		c.start(i)
	}
	t.Cleanup(c.stop)
	return c
}

// start runs node i (the first node must run for others to join) and
// opens the database through it.
func (c *testCluster) start(i int) {
	c.t.Helper()
	n, err := node.Start(c.dirs[i], "", nil)
	if err != nil {
		c.t.Fatal(err)
	}
	db, err := n.Open(data.Options{})
	if err != nil {
		n.Close()
		c.t.Fatal(err)
	}
	for len(c.nodes) <= i {
		c.nodes, c.dbs = append(c.nodes, nil), append(c.dbs, nil)
	}
	c.nodes[i], c.dbs[i] = n, db
}

func (c *testCluster) stop() {
	for i := len(c.dbs) - 1; i >= 0; i-- {
		if c.dbs[i] != nil {
			c.dbs[i].Close() // stops the node
		}
	}
}

// client reaches the cluster as a desktop would, with the first node's
// certificate.
func (c *testCluster) client() *node.Client {
	c.t.Helper()
	cl, err := node.NewClient(c.dirs[0], nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return cl
}

// world is what the tests write: staff, and a community they belong to.
type world struct {
	staff     []*model.Staff
	community *model.Community
}

const koriyama = "01KOORIYAMA0000000000MUN01" // 郡山市

func as(s *model.Staff) context.Context { return model.WithViewer(context.Background(), s.ID) }

// newWorld registers the staff, the first of whom makes a community the
// others join.
func newWorld(t testing.TB, db *data.DB, names ...string) *world {
	t.Helper()
	w := &world{}
	for _, name := range names {
		s := &model.Staff{Name: name, MunicipalityID: koriyama, Department: "総務部 総務課"}
		if err := db.CreateStaff(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		w.staff = append(w.staff, s)
	}
	w.community = &model.Community{Name: "庶務担当者の会", Category: model.CategoryLearning, Visibility: model.VisibilityOpen,
		Summary: "問い合わせの記録を比べる", Description: "月に一度、記録の仕方を見せ合います"}
	if err := db.CreateCommunity(as(w.staff[0]), w.community); err != nil {
		t.Fatal(err)
	}
	for _, s := range w.staff[1:] {
		if err := db.Join(as(s), w.community.ID); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// waitFor polls ok every 50 ms for up to bound, and fails the test if it
// never holds.
func waitFor(t testing.TB, bound time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(bound)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, bound)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
