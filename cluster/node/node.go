// Package node runs hiroba on a dqlite cluster: a node of the cluster in
// the process (`hiroba serve --cluster DIR`), the cluster's certificates
// and the tokens that admit a new node, and the database reached through
// the cluster as data.Remote, for a node or for a desktop.
package node

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/canonical/go-dqlite"
	"github.com/canonical/go-dqlite/app"
	"github.com/canonical/go-dqlite/client"

	"hiroba/data"
)

// A node's process opens local files with go-sqlite3 beside the dqlite
// engine's own thread: a backup, an import, data.Open. go-dqlite puts
// SQLite in single-thread mode when its package starts, where every mutex
// of SQLite is a no-op and none of that is safe. Multi-thread mode lets
// each connection be used by one thread at a time, as database/sql and
// the engine do. It must come before SQLite starts: here, at the start of
// the process, after go-dqlite's own init (a package it imports).
func init() {
	if err := dqlite.ConfigMultiThread(); err != nil {
		panic(fmt.Errorf("node: SQLite's threading mode: %w", err))
	}
}

// networkLatency is the one-way latency between sites that raft's timers
// are set from: with it a lost leader is replaced in one to two seconds
// (three to six with go-dqlite's default).
const networkLatency = 50 * time.Millisecond

// snapshots keep the raft log of a node small: a snapshot after every 512
// transactions, and 512 kept after it for a node that fell behind (the
// defaults keep 8192: 95 MB of log for a database of half a megabyte).
var snapshots = dqlite.SnapshotParams{Threshold: 512, Trailing: 512}

// readyTimeout bounds how long a starting node waits for the cluster.
var readyTimeout = 2 * time.Minute

// Node is this machine's node of a cluster, running in the process.
type Node struct {
	dir    string
	app    *app.App
	creds  *Credentials
	join   *joinService // on the node that admits others
	closed sync.Once
	err    error // of Close
}

// Start runs the node of the cluster folder dir and waits until it is
// part of the cluster. address and cluster are for its first start only:
// the address it is reached at, and the addresses of nodes already in the
// cluster (none for the first node).
func Start(dir, address string, cluster []string) (*Node, error) {
	creds, err := LoadCredentials(dir)
	if err != nil {
		return nil, err
	}
	listen, dialTLS := creds.tls()
	opts := []app.Option{
		app.WithTLS(listen, dialTLS),
		app.WithNetworkLatency(networkLatency),
		app.WithSnapshotParams(snapshots),
		app.WithRolesAdjustmentFrequency(5 * time.Second),
		app.WithLogFunc(quiet),
	}
	if address != "" {
		opts = append(opts, app.WithAddress(address))
	}
	if len(cluster) > 0 {
		opts = append(opts, app.WithCluster(cluster))
	}
	a, err := app.New(dir, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	n := &Node{dir: dir, app: a, creds: creds}
	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	if err := a.Ready(ctx); err != nil {
		a.Close()
		return nil, fmt.Errorf("%s: the cluster did not take this node in %s: %w", a.Address(), readyTimeout, err)
	}
	if _, err := os.Stat(filepath.Join(dir, caKeyFile)); err == nil {
		if n.join, err = startJoinService(n); err != nil {
			n.Close()
			return nil, err
		}
	}
	return n, nil
}

// Address is where the node is reached.
func (n *Node) Address() string { return n.app.Address() }

// ID is the node's id in the cluster.
func (n *Node) ID() uint64 { return n.app.ID() }

// Open opens the cluster's database through this node's certificate,
// migrating it unless opt.ReadOnly; closing it stops the node.
func (n *Node) Open(opt data.Options) (*data.DB, error) {
	r, err := n.remote()
	if err != nil {
		return nil, err
	}
	r.Close = n.Close
	return data.OpenRemote(r, opt)
}

func (n *Node) remote() (data.Remote, error) {
	_, dialTLS := n.creds.tls()
	return newRemote("dqlite://"+n.Address(), fileStore(filepath.Join(n.dir, "cluster.yaml")), dialTLS)
}

// Close hands the node's roles (leadership, its vote) to another node
// if there is one, and stops it; closing it again does nothing.
func (n *Node) Close() error {
	n.closed.Do(func() {
		if n.join != nil {
			n.join.close()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		n.app.Handover(ctx)
		n.err = n.app.Close()
	})
	return n.err
}

// newRemote is the cluster's database as data opens it, reached through
// the nodes store lists.
func newRemote(name string, store client.NodeStore, dialTLS *tls.Config) (data.Remote, error) {
	conn, err := newConnector(store, dialTLS)
	if err != nil {
		return data.Remote{}, err
	}
	return data.Remote{
		Name:      name,
		Connector: conn,
		Transient: transient,
		Backup:    func(ctx context.Context, out string) error { return backup(ctx, store, dialTLS, out) },
	}, nil
}

// fileStore is the list of the cluster's nodes that the node keeps in its
// folder (cluster.yaml, which go-dqlite's app brings up to date), read
// afresh each time a connection looks for the leader.
type fileStore string

func (f fileStore) Get(ctx context.Context) ([]client.NodeInfo, error) {
	s, err := client.NewYamlNodeStore(string(f))
	if err != nil {
		return nil, err
	}
	return s.Get(ctx)
}

func (f fileStore) Set(context.Context, []client.NodeInfo) error {
	return errors.New("the node's list of nodes is kept by the node")
}

// joinAddress is where the node that admits others takes join requests:
// the port after the cluster's.
func joinAddress(address string) (string, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return "", err
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return "", err
	}
	return net.JoinHostPort(host, strconv.Itoa(p+1)), nil
}
