package node_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/canonical/go-dqlite/client"

	"hiroba/cluster/internal/clustertest"
	"hiroba/cluster/node"
	"hiroba/data"
	"hiroba/model"
)

// A machine with the certificate of another cluster can neither read nor
// write: it is told so at once, in words, not after waiting for a leader.
func TestStrangerCannotRead(t *testing.T) {
	// The other cluster is made first: the first node of every cluster has
	// the same id, and so the same local socket, while it runs.
	other := filepath.Join(t.TempDir(), "other")
	if err := node.Init(other, clustertest.FreeAddress(t)); err != nil {
		t.Fatal(err)
	}
	c := startCluster(t, 1)
	stranger, err := node.NewClient(other, []string{c.nodes[0].Address()})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = stranger.Open(data.Options{ReadOnly: true})
	var e *model.Error
	if !errors.As(err, &e) || e.Key != "err.cluster.certificate" {
		t.Fatalf("a stranger opened the cluster: %v", err)
	}
	if waited := time.Since(start); waited > 20*time.Second {
		t.Errorf("refused only after %s", waited)
	}
}

// Without a certificate at all, a node cannot even speak dqlite to the
// cluster: neither in the clear nor over TLS without one.
func TestNoCertificateNoConversation(t *testing.T) {
	c := startCluster(t, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	addr := c.nodes[0].Address()
	if cl, err := client.New(ctx, addr); err == nil {
		_, err = cl.Cluster(ctx)
		cl.Close()
		if err == nil {
			t.Error("the cluster answered in the clear")
		}
	}
	withTLS := client.WithDialFunc(func(ctx context.Context, a string) (net.Conn, error) {
		conn, err := net.Dial("tcp", a)
		if err != nil {
			return nil, err
		}
		tc := tls.Client(conn, &tls.Config{InsecureSkipVerify: true})
		return tc, tc.HandshakeContext(ctx)
	})
	if cl, err := client.New(ctx, addr, withTLS); err == nil {
		_, err = cl.Cluster(ctx)
		cl.Close()
		if err == nil {
			t.Error("the cluster answered a TLS client without a certificate")
		}
	}
}

// A join token works once, and not after it expired; a desktop's
// certificate from a token reads the cluster.
func TestJoinTokenWorksOnce(t *testing.T) {
	c := startCluster(t, 1)
	tok, _, err := node.IssueToken(c.dirs[0], time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	desk := filepath.Join(t.TempDir(), "desk")
	if err := node.JoinDesktop(context.Background(), tok, desk, "desktop 1"); err != nil {
		t.Fatal(err)
	}
	cl, err := node.NewClient(desk, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := cl.Open(data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	wantKey := func(err error, key string) {
		t.Helper()
		var e *model.Error
		if !errors.As(err, &e) || e.Key != key {
			t.Errorf("got %v, want %s", err, key)
		}
	}
	wantKey(node.JoinDesktop(context.Background(), tok, filepath.Join(t.TempDir(), "again"), "desktop 2"), "err.cluster.token_expired")
	short, _, err := node.IssueToken(c.dirs[0], time.Second)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	wantKey(node.JoinDesktop(context.Background(), short, filepath.Join(t.TempDir(), "late"), "desktop 3"), "err.cluster.token_expired")
	wantKey(node.JoinDesktop(context.Background(), "hiroba-join-1.bm90IGEgdG9rZW4", filepath.Join(t.TempDir(), "bad"), "desktop 4"), "err.cluster.token_bad")
	// Only the node that holds the authority's key issues tokens.
	if _, _, err := node.IssueToken(desk, time.Hour); err == nil {
		t.Error("a desktop issued a token")
	}
}
