package node

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/canonical/go-dqlite/client"
	"github.com/ghodss/yaml"

	"hiroba/data"
	"hiroba/model"
)

// Init makes a new cluster in the folder dir, with this machine as its
// first node, reached at address: the cluster's authority, the node's
// certificate, and the database's schema, migrated through the node.
func Init(dir, address string) error {
	if err := freshFolder(dir); err != nil {
		return err
	}
	ca, err := newAuthority()
	if err != nil {
		return err
	}
	if err := ca.save(dir); err != nil {
		return err
	}
	if err := issueOwn(dir, ca, address); err != nil {
		return err
	}
	n, err := Start(dir, address, nil)
	if err != nil {
		return err
	}
	db, err := n.Open(data.Options{})
	if err != nil {
		n.Close()
		return err
	}
	return db.Close() // stops the node
}

// issueOwn gives the node that holds the authority its own certificate.
func issueOwn(dir string, ca *authority, name string) error {
	keyPEM, csrDER, err := newRequest(name)
	if err != nil {
		return err
	}
	csr, err := x509.ParseCertificateRequest(csrDER)
	if err != nil {
		return err
	}
	certPEM, err := ca.sign(csr, name)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, nodeKeyFile), keyPEM); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, nodeCertFile), certPEM)
}

// Join makes this machine a node of the cluster the token is from, in the
// folder dir, reached at address. The node catches up with the cluster
// and is stopped again, its roles handed back: `hiroba serve --cluster
// DIR` runs it from then on.
func Join(ctx context.Context, tokenText, dir, address string) error {
	if err := freshFolder(dir); err != nil {
		return err
	}
	nodes, err := requestCertificate(ctx, tokenText, dir, address)
	if err != nil {
		return err
	}
	n, err := Start(dir, address, nodes)
	if err != nil {
		return err
	}
	return n.Close()
}

// JoinDesktop gives a desktop that reads the cluster (hiroba --db
// dqlite://...) its certificate, in the folder dir, with the list of the
// cluster's nodes.
func JoinDesktop(ctx context.Context, tokenText, dir, name string) error {
	if _, err := os.Stat(filepath.Join(dir, nodeCertFile)); err == nil {
		return model.Keyed(model.ECONFLICT, "err.cluster.folder_used", "%s: このフォルダはすでにクラスタに使われています。別のフォルダを指定してください", dir)
	}
	nodes, err := requestCertificate(ctx, tokenText, dir, name)
	if err != nil {
		return err
	}
	var infos []client.NodeInfo
	for _, a := range nodes {
		infos = append(infos, client.NodeInfo{Address: a})
	}
	store, err := client.NewYamlNodeStore(filepath.Join(dir, "cluster.yaml"))
	if err != nil {
		return err
	}
	return store.Set(ctx, infos)
}

// freshFolder refuses a folder that already holds a node or a cluster's
// certificate, and makes the folder if it is not there.
func freshFolder(dir string) error {
	for _, f := range []string{"info.yaml", nodeCertFile, caKeyFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return model.Keyed(model.ECONFLICT, "err.cluster.folder_used", "%s: このフォルダはすでにクラスタに使われています。別のフォルダを指定してください", dir)
		}
	}
	return os.MkdirAll(dir, 0o700)
}

// Client is a machine that reaches the cluster with its certificate, not
// as a node: a desktop, or an administrator's command on a node.
type Client struct {
	Name  string   // how messages name the cluster
	nodes []string // the nodes to look for the leader among
	creds *Credentials
}

// NewClient reaches the cluster with the certificate of the folder dir,
// through the nodes addresses names, or else those the folder lists.
func NewClient(dir string, addresses []string) (*Client, error) {
	creds, err := LoadCredentials(dir)
	if err != nil {
		return nil, model.Keyed(model.EFORBIDDEN, "err.cluster.no_certificate", "%s: この機械にはクラスタの証明書がありません (%v)。hiroba cluster join で参加するか、--cluster でフォルダを指定してください", dir, err)
	}
	if len(addresses) == 0 {
		infos, err := fileStore(filepath.Join(dir, "cluster.yaml")).Get(context.Background())
		if err != nil {
			return nil, err
		}
		for _, n := range infos {
			addresses = append(addresses, n.Address)
		}
	}
	if len(addresses) == 0 {
		return nil, model.Keyed(model.EINVALID, "err.cluster.no_nodes", "%s: クラスタのノードが分かりません。--db dqlite://HOST:PORT,... で指定してください", dir)
	}
	return &Client{Name: "dqlite://" + strings.Join(addresses, ","), nodes: addresses, creds: creds}, nil
}

// ParseAddress reads a cluster's address as --db gives it:
// dqlite://h1:9001,h2:9001,h3:9001.
func ParseAddress(s string) ([]string, bool) {
	rest, ok := strings.CutPrefix(s, "dqlite://")
	if !ok {
		return nil, false
	}
	var out []string
	for _, a := range strings.Split(rest, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out, len(out) > 0
}

func (c *Client) store() client.NodeStore {
	s := client.NewInmemNodeStore()
	var infos []client.NodeInfo
	for _, a := range c.nodes {
		infos = append(infos, client.NodeInfo{Address: a})
	}
	s.Set(context.Background(), infos)
	return s
}

// Open opens the cluster's database, migrating it unless opt.ReadOnly.
func (c *Client) Open(opt data.Options) (*data.DB, error) {
	_, dialTLS := c.creds.tls()
	r, err := newRemote(c.Name, c.store(), dialTLS)
	if err != nil {
		return nil, err
	}
	db, err := data.OpenRemote(r, opt)
	var refused *CertificateError
	if errors.As(err, &refused) {
		return nil, model.Keyed(model.EFORBIDDEN, "err.cluster.certificate", "%s: クラスタがこの機械の証明書を受け付けません (%v)。hiroba cluster join で、このクラスタの参加トークンから証明書をもらってください", c.Name, refused.Err)
	}
	return db, err
}

// leader connects to the cluster's leader for its administration.
func (c *Client) leader(ctx context.Context) (*client.Client, error) {
	_, dialTLS := c.creds.tls()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cl, err := client.FindLeader(ctx, c.store(), client.WithDialFunc(dial(dialTLS)), client.WithLogFunc(quiet))
	if err != nil {
		return nil, model.Keyed(model.EIO, "err.cluster.no_leader", "%s: クラスタのリーダーが見つかりません (%v)。過半数のノードが動いているか確かめてください", c.Name, err)
	}
	return cl, nil
}

// NodeStatus is one node as `hiroba cluster status` shows it.
type NodeStatus struct {
	ID        uint64 `json:"id"`
	Address   string `json:"address"`
	Role      string `json:"role"` // voter, stand-by or spare
	Leader    bool   `json:"leader"`
	Reachable bool   `json:"reachable"`
	// Behind is how many of the leader's changes the node has yet to
	// apply: 0 when it is up to date, and for a spare, which holds no
	// copy.
	Behind int64  `json:"behind"`
	Error  string `json:"error,omitempty"`
}

// Status lists the cluster's nodes with their roles, the leader, and how
// far each is behind it: each node's copy of the database is read for its
// count of changes (go-dqlite 1.11 tells no raft index), so it costs a
// copy of the database from each node.
func (c *Client) Status(ctx context.Context) ([]NodeStatus, error) {
	cl, err := c.leader(ctx)
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	nodes, err := cl.Cluster(ctx)
	if err != nil {
		return nil, err
	}
	leader, err := cl.Leader(ctx)
	if err != nil {
		return nil, err
	}
	_, dialTLS := c.creds.tls()
	out := make([]NodeStatus, len(nodes))
	counts := make([]int64, len(nodes))
	var top int64
	for i, n := range nodes {
		out[i] = NodeStatus{ID: n.ID, Address: n.Address, Role: n.Role.String(), Leader: leader != nil && n.ID == leader.ID}
		if n.Role == client.Spare {
			// A spare takes no part in raft and holds no copy: it is
			// asked only whether it answers.
			err := answers(ctx, n.Address, dialTLS)
			out[i].Reachable = err == nil
			if err != nil {
				out[i].Error = err.Error()
			}
			continue
		}
		count, err := changesOn(ctx, n.Address, dialTLS)
		if err != nil {
			out[i].Error = err.Error()
			continue
		}
		out[i].Reachable, counts[i] = true, count
		top = max(top, count)
	}
	for i := range out {
		if out[i].Reachable && out[i].Role != client.Spare.String() {
			out[i].Behind = top - counts[i]
		}
	}
	return out, nil
}

// answers reports whether the node at address answers.
func answers(ctx context.Context, address string, dialTLS *tls.Config) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	cl, err := client.New(ctx, address, client.WithDialFunc(dial(dialTLS)), client.WithLogFunc(quiet))
	if err != nil {
		return err
	}
	defer cl.Close()
	_, err = cl.Leader(ctx)
	return err
}

// Leader is the address of the cluster's leader.
func (c *Client) Leader(ctx context.Context) (string, error) {
	cl, err := c.leader(ctx)
	if err != nil {
		return "", err
	}
	defer cl.Close()
	info, err := cl.Leader(ctx)
	if err != nil || info == nil {
		return "", errors.Join(err, errors.New("no leader"))
	}
	return info.Address, nil
}

// CopyOf writes the database as the node at address has it into a new
// SQLite file, in a folder of its own that the caller removes.
func (c *Client) CopyOf(ctx context.Context, address string) (string, error) {
	_, dialTLS := c.creds.tls()
	return dump(ctx, address, dialTLS)
}

// Remove takes the node (its address or id) out of the cluster.
func (c *Client) Remove(ctx context.Context, node string) error {
	return c.withNode(ctx, node, func(cl *client.Client, n client.NodeInfo) error {
		return cl.Remove(ctx, n.ID)
	})
}

// Promote makes the node (its address or id) a voter: a stand-by at a
// site that is still standing, when a voter's site is lost.
func (c *Client) Promote(ctx context.Context, node string) error {
	return c.withNode(ctx, node, func(cl *client.Client, n client.NodeInfo) error {
		return cl.Assign(ctx, n.ID, client.Voter)
	})
}

func (c *Client) withNode(ctx context.Context, node string, fn func(*client.Client, client.NodeInfo) error) error {
	cl, err := c.leader(ctx)
	if err != nil {
		return err
	}
	defer cl.Close()
	nodes, err := cl.Cluster(ctx)
	if err != nil {
		return err
	}
	for _, n := range nodes {
		if n.Address == node || strconv.FormatUint(n.ID, 10) == node {
			if err := fn(cl, n); err != nil {
				return fmt.Errorf("%s: %w", n.Address, err)
			}
			return nil
		}
	}
	return model.Keyed(model.ENOTFOUND, "err.cluster.no_such_node", "%s: クラスタにそのノードはありません。hiroba cluster status で確かめてください", node)
}

// nodeAddress is the address of the node of the folder dir.
func nodeAddress(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "info.yaml"))
	if err != nil {
		return "", err
	}
	var info client.NodeInfo
	if err := yaml.Unmarshal(b, &info); err != nil {
		return "", err
	}
	if info.Address == "" {
		return "", errors.New(dir + ": info.yaml has no address")
	}
	return info.Address, nil
}
