package node_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hiroba/cli"
	"hiroba/cluster/command"
	"hiroba/cluster/internal/clustertest"
	"hiroba/cluster/node"
	"hiroba/data"
	"hiroba/internal/sshload"
	"hiroba/model"
)

// The fault tests, the tests of the commands and the benchmarks run each
// node in a process of its own, as on three machines: this test binary,
// started again as the program (asProgram), with `hiroba serve --cluster
// DIR`. Every test that starts a cluster is in this package, and they run
// one after another: the first node of every cluster has the same id, and
// so the same local socket, while it runs.

const asProgram = "HIROBA_TEST_AS_PROGRAM"

func TestMain(m *testing.M) {
	if os.Getenv(asProgram) == "1" {
		cli.Extend(command.Extension())
		os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// programCommand is the program with args, in its own home.
func programCommand(home string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = programEnv(home)
	return cmd
}

// hiroba runs the program to its end and returns what it wrote.
func hiroba(t testing.TB, home string, args ...string) string {
	t.Helper()
	out, err := programCommand(home, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("hiroba %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// programEnv is the environment of the program: its own home, so that
// nothing of the machine's is read or written.
func programEnv(home string) []string {
	return append(os.Environ(), asProgram+"=1", "HOME="+home, "XDG_CONFIG_HOME="+home+"/config",
		"XDG_DATA_HOME="+home+"/data", "HIROBA_DB=")
}

// nodeProcess is one node: its folder, its address in the cluster, the
// address it serves SSH on, and its process while it runs.
type nodeProcess struct {
	dir, addr, ssh string
	mu             sync.Mutex
	cmd            *exec.Cmd
	exited         chan struct{}
}

// processCluster is a cluster of nodes in processes of their own.
type processCluster struct {
	t     testing.TB
	home  string
	nodes []*nodeProcess
}

// startProcesses makes a cluster of n nodes, each serving in its own
// process; every process is killed when the test ends, whatever happens.
func startProcesses(t testing.TB, n int) *processCluster {
	t.Helper()
	c := &processCluster{t: t, home: t.TempDir()}
	t.Cleanup(c.killAll)
	for i := range n {
		p := &nodeProcess{dir: filepath.Join(c.home, fmt.Sprintf("n%d", i+1)), addr: clustertest.FreeAddress(t), ssh: clustertest.FreeAddress(t)}
		if i == 0 {
			hiroba(t, c.home, "cluster", "init", "--cluster", p.dir, "--address", p.addr)
		} else {
			tok := tokenIn(hiroba(t, c.home, "cluster", "token", "--cluster", c.nodes[0].dir))
			hiroba(t, c.home, "cluster", "join", tok, "--cluster", p.dir, "--address", p.addr)
		}
		c.nodes = append(c.nodes, p)
		c.start(p)
	}
	return c
}

func tokenIn(out string) string {
	for _, f := range strings.Fields(out) {
		if strings.HasPrefix(f, "hiroba-join-") {
			return f
		}
	}
	return ""
}

// start runs the node's `hiroba serve --cluster` and waits until it
// listens for SSH.
func (c *processCluster) start(p *nodeProcess) {
	c.t.Helper()
	cmd := programCommand(c.home, "serve", "--cluster", p.dir, "--listen", p.ssh)
	log := &sshload.Log{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	p.mu.Lock()
	p.cmd, p.exited = cmd, exited
	p.mu.Unlock()
	deadline := time.After(3 * time.Minute)
	for !strings.Contains(log.String(), "待ち受けています") {
		select {
		case <-exited:
			c.t.Fatalf("node %s ended:\n%s", p.addr, log.String())
		case <-deadline:
			c.t.Fatalf("node %s did not start:\n%s", p.addr, log.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// signal sends sig to the node's process.
func (p *nodeProcess) signal(sig syscall.Signal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil {
		p.cmd.Process.Signal(sig)
	}
}

// kill ends the node at once, as a power cut does, and waits for it.
func (p *nodeProcess) kill() {
	p.signal(syscall.SIGKILL)
	p.mu.Lock()
	exited := p.exited
	p.mu.Unlock()
	if exited != nil {
		<-exited
	}
}

func (c *processCluster) killAll() {
	for _, p := range c.nodes {
		p.signal(syscall.SIGCONT)
		p.kill()
	}
}

// byAddress is the node at a cluster address.
func (c *processCluster) byAddress(addr string) *nodeProcess {
	for _, p := range c.nodes {
		if p.addr == addr {
			return p
		}
	}
	c.t.Fatalf("no node at %s", addr)
	return nil
}

// client reaches the cluster with the first node's certificate, asking
// the node first first.
func (c *processCluster) client(first int) *node.Client {
	c.t.Helper()
	var addrs []string
	for i := range c.nodes {
		addrs = append(addrs, c.nodes[(first+i)%len(c.nodes)].addr)
	}
	cl, err := node.NewClient(c.nodes[0].dir, addrs)
	if err != nil {
		c.t.Fatal(err)
	}
	return cl
}

// open opens the cluster's database as a desktop whose first node is
// first.
func (c *processCluster) open(first int) *data.DB {
	c.t.Helper()
	db, err := c.client(first).Open(data.Options{})
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { db.Close() })
	return db
}

// leader is the node that leads now.
func (c *processCluster) leader() *nodeProcess {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		addr, err := c.client(0).Leader(ctx)
		if err == nil {
			return c.byAddress(addr)
		}
		if ctx.Err() != nil {
			c.t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// thread makes a member of a community and a thread to reply to.
func thread(t testing.TB, db *data.DB) (*model.Staff, *model.Thread) {
	t.Helper()
	s := &model.Staff{Name: "相馬 結衣", MunicipalityID: "01KOORIYAMA0000000000MUN01", Department: "総務部 総務課"}
	if err := db.CreateStaff(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	ctx := model.WithViewer(context.Background(), s.ID)
	c := &model.Community{Name: "庶務担当者の会", Category: model.CategoryLearning, Visibility: model.VisibilityOpen,
		Summary: "問い合わせの記録を比べる", Description: "月に一度、記録の仕方を見せ合います"}
	if err := db.CreateCommunity(ctx, c); err != nil {
		t.Fatal(err)
	}
	th := &model.Thread{CommunityID: c.ID, Kind: model.KindQuestion, Title: "障害試験", Body: "返信をどうぞ"}
	if err := db.CreateThread(ctx, th); err != nil {
		t.Fatal(err)
	}
	return s, th
}
