package node_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"hiroba/cluster/node"
	"hiroba/data"
)

// The commands an administrator and a desktop use, on a cluster of three
// node processes: the status of every node, a desktop that joins with a
// token and opens the cluster by its address, a backup the program
// without a cluster opens, and a check.
func TestClusterCommands(t *testing.T) {
	c := startProcesses(t, 3)
	thread(t, c.open(0))

	var status []node.NodeStatus
	if err := json.Unmarshal([]byte(hiroba(t, c.home, "cluster", "status", "--cluster", c.nodes[0].dir, "--json")), &status); err != nil {
		t.Fatal(err)
	}
	voters, leaders := 0, 0
	for _, n := range status {
		if n.Role == "voter" {
			voters++
		}
		if n.Leader {
			leaders++
		}
	}
	if len(status) != 3 || voters != 3 || leaders != 1 {
		t.Errorf("status: %+v", status)
	}
	table := hiroba(t, c.home, "cluster", "status", "--cluster", c.nodes[1].dir)
	if !strings.Contains(table, "投票者") || !strings.Contains(table, "リーダー") || !strings.Contains(table, c.nodes[2].addr) {
		t.Errorf("status table:\n%s", table)
	}

	// A desktop: its certificate from a token, then the cluster by address.
	tok := tokenIn(hiroba(t, c.home, "cluster", "token", "--cluster", c.nodes[0].dir, "--expires", "10m"))
	hiroba(t, c.home, "cluster", "join", tok, "--desktop")
	address := "dqlite://" + c.nodes[2].addr + "," + c.nodes[1].addr
	if out := hiroba(t, c.home, "threads", "--db", address, "--json"); !strings.Contains(out, "障害試験") {
		t.Errorf("threads through the desktop's certificate:\n%s", out)
	}
	if out := hiroba(t, c.home, "check", "--db", address); !strings.Contains(out, "integrity_check: ok") {
		t.Errorf("check:\n%s", out)
	}

	out := filepath.Join(t.TempDir(), "backup.db")
	hiroba(t, c.home, "backup", "--cluster", c.nodes[1].dir, out)
	file, err := data.Open(out, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if lines, err := file.IntegrityCheck(t.Context()); err != nil || strings.Join(lines, "") != "ok" {
		t.Errorf("the backup: %v %v", lines, err)
	}

	// A cluster with staff takes no file.
	refused := refusedOutput(t, c.home, "cluster", "import", out, "--cluster", c.nodes[0].dir)
	if !strings.Contains(refused, "すでに職員がいます") {
		t.Errorf("import into a cluster with staff: %s", refused)
	}
}

// refusedOutput runs the program, which must fail, and returns what it
// wrote.
func refusedOutput(t testing.TB, home string, args ...string) string {
	t.Helper()
	cmd := programCommand(home, args...)
	b, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("hiroba %s succeeded:\n%s", strings.Join(args, " "), b)
	}
	return string(b)
}
