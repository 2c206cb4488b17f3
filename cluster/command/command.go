// Package command is the command line of hiroba on a cluster: the
// `hiroba cluster` commands, and how the program opens a database that
// is a cluster (--cluster DIR, --db dqlite://...). main hands both to the
// command line with cli.Extend.
package command

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"hiroba/cli"
	"hiroba/cluster/node"
	"hiroba/data"
	"hiroba/model"
)

// Extension is what the cluster adds to hiroba's command line.
func Extension() cli.Extension {
	return cli.Extension{
		Commands: []cli.Command{{Name: "cluster", Usage: usage, UsageEN: usageEN, Setup: clusterFlags}},
		Open:     Open,
	}
}

const usage = "  hiroba cluster init --cluster DIR --address HOST:PORT   クラスタを作る (認証局と最初のノード)\n" +
	"  hiroba cluster token --cluster DIR [--expires 1h]       新しいノードか端末の参加トークン (最初のノードで)\n" +
	"  hiroba cluster join TOKEN --cluster DIR --address HOST:PORT  ノードとして参加 (--desktop で端末として)\n" +
	"  hiroba cluster status [--json] | remove NODE | promote NODE  ノードの状態・取り外し・投票者にする\n" +
	"  hiroba cluster import FILE                               hiroba のファイルから作ったばかりのクラスタへ\n"

const usageEN = "  hiroba cluster init --cluster DIR --address HOST:PORT   make a cluster (its authority and first node)\n" +
	"  hiroba cluster token --cluster DIR [--expires 1h]       a token for a new node or desktop to join (on the first node)\n" +
	"  hiroba cluster join TOKEN --cluster DIR --address HOST:PORT  join as a node (--desktop: as a desktop)\n" +
	"  hiroba cluster status [--json] | remove NODE | promote NODE  the nodes' state, take one out, make one a voter\n" +
	"  hiroba cluster import FILE                               into a cluster just made, from a hiroba file\n"

// Open opens the cluster's database the target names: on a node that
// serves, the node itself runs in the process; otherwise the machine
// reaches the cluster with its certificate, through the nodes --db names
// or those its folder lists.
func Open(t cli.Target, opt data.Options) (*data.DB, error) {
	if t.Serve {
		n, err := node.Start(t.Cluster, "", nil)
		if err != nil {
			return nil, err
		}
		db, err := n.Open(opt)
		if err != nil {
			n.Close() // if the database did not get as far as to stop it
		}
		return db, err
	}
	c, err := client(t.Cluster, t.DB)
	if err != nil {
		return nil, err
	}
	return c.Open(opt)
}

// client reaches the cluster from the folder dir (a desktop's by
// default) through the nodes of address, if given.
func client(dir, address string) (*node.Client, error) {
	if dir == "" {
		dir = DesktopFolder()
	}
	var nodes []string
	if address != "" {
		var ok bool
		if nodes, ok = node.ParseAddress(address); !ok {
			return nil, model.Keyed(model.EINVALID, "err.cluster.bad_address", "%s: クラスタのアドレスは dqlite://HOST:PORT,HOST:PORT の形で指定してください", address)
		}
	}
	return node.NewClient(dir, nodes)
}

// DesktopFolder is where a desktop keeps its certificate of the cluster:
// $XDG_CONFIG_HOME/hiroba/cluster, else ~/.config/hiroba/cluster.
func DesktopFolder() string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "hiroba", "cluster")
}

type clusterOptions struct {
	address string
	expires time.Duration
	desktop bool
}

func clusterFlags(fs *flag.FlagSet) func(*cli.Invocation, []string) error {
	var o clusterOptions
	fs.StringVar(&o.address, "address", "", "")
	fs.DurationVar(&o.expires, "expires", time.Hour, "")
	fs.BoolVar(&o.desktop, "desktop", false, "")
	return func(inv *cli.Invocation, args []string) error {
		if len(args) == 0 {
			return refuse(inv, "cluster.what")
		}
		ctx := context.Background()
		sub, args := args[0], args[1:]
		switch sub {
		case "init":
			return initCluster(inv, o, args)
		case "token":
			return token(inv, o, args)
		case "join":
			return join(ctx, inv, o, args)
		case "status":
			return status(ctx, inv, args)
		case "remove", "promote":
			return changeNode(ctx, inv, sub, args)
		case "import":
			return importFile(ctx, inv, args)
		}
		return refuse(inv, "cluster.what")
	}
}

func initCluster(inv *cli.Invocation, o clusterOptions, args []string) error {
	if len(args) > 0 || inv.Cluster == "" || o.address == "" {
		return refuse(inv, "cluster.init.usage")
	}
	if err := node.Init(inv.Cluster, o.address); err != nil {
		return err
	}
	say(inv, "cluster.init.done", inv.Cluster, o.address)
	return token(inv, o, nil)
}

func token(inv *cli.Invocation, o clusterOptions, args []string) error {
	if len(args) > 0 || inv.Cluster == "" || o.expires <= 0 {
		return refuse(inv, "cluster.token.usage")
	}
	t, expires, err := node.IssueToken(inv.Cluster, o.expires)
	if err != nil {
		return err
	}
	say(inv, "cluster.token", t, expires.In(tokyo()).Format("2006-01-02 15:04"))
	return nil
}

func join(ctx context.Context, inv *cli.Invocation, o clusterOptions, args []string) error {
	if len(args) != 1 {
		return refuse(inv, "cluster.join.usage")
	}
	if o.desktop {
		dir := inv.Cluster
		if dir == "" {
			dir = DesktopFolder()
		}
		host, _ := os.Hostname()
		if err := node.JoinDesktop(ctx, args[0], dir, "desktop "+host); err != nil {
			return err
		}
		say(inv, "cluster.join.desktop", dir)
		return nil
	}
	if inv.Cluster == "" || o.address == "" {
		return refuse(inv, "cluster.join.usage")
	}
	if err := node.Join(ctx, args[0], inv.Cluster, o.address); err != nil {
		return err
	}
	say(inv, "cluster.join.done", o.address, inv.Cluster)
	return nil
}

// adminClient reaches the cluster for an administrator's command: from a
// node's folder (--cluster) or a desktop's, through --db's nodes if given.
func adminClient(inv *cli.Invocation) (*node.Client, error) {
	address := ""
	if strings.Contains(inv.DB, "://") {
		address = inv.DB
	}
	return client(inv.Cluster, address)
}

func status(ctx context.Context, inv *cli.Invocation, args []string) error {
	if len(args) > 0 {
		return refuse(inv, "cluster.what")
	}
	c, err := adminClient(inv)
	if err != nil {
		return err
	}
	nodes, err := c.Status(ctx)
	if err != nil {
		return err
	}
	if inv.JSON {
		enc := json.NewEncoder(inv.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(nodes)
	}
	rows := [][]string{strings.Split(text(inv, "cluster.status.head"), "\t")}
	for _, n := range nodes {
		leader, state := "", text(inv, "cluster.status.behind", n.Behind)
		if n.Leader {
			leader = text(inv, "cluster.status.leader")
		}
		if n.Behind == 0 {
			state = text(inv, "cluster.status.current")
		}
		if n.Role == "spare" {
			state = text(inv, "cluster.status.spare")
		}
		if !n.Reachable {
			state = text(inv, "cluster.status.unreachable", model.CleanLine(n.Error))
		}
		rows = append(rows, []string{fmt.Sprint(n.ID), n.Address, text(inv, "cluster.role."+n.Role), leader, state})
	}
	cli.WriteColumns(inv.Stdout, rows)
	return nil
}

func changeNode(ctx context.Context, inv *cli.Invocation, sub string, args []string) error {
	if len(args) != 1 {
		return refuse(inv, "cluster.node.usage")
	}
	c, err := adminClient(inv)
	if err != nil {
		return err
	}
	if sub == "remove" {
		err = c.Remove(ctx, args[0])
	} else {
		err = c.Promote(ctx, args[0])
	}
	if err != nil {
		return err
	}
	say(inv, "cluster."+sub+".done", args[0])
	return nil
}

func importFile(ctx context.Context, inv *cli.Invocation, args []string) error {
	if len(args) != 1 {
		return refuse(inv, "cluster.import.usage")
	}
	c, err := adminClient(inv)
	if err != nil {
		return err
	}
	got, err := c.Import(ctx, args[0])
	if err != nil {
		return err
	}
	total := 0
	for _, t := range got.Tables {
		total += got.Rows[t]
	}
	say(inv, "cluster.import.done", args[0], c.Name, len(got.Tables), total)
	return nil
}

// tokyo is the zone the token's expiry is shown in, as every time of the
// program.
func tokyo() *time.Location {
	if os.Getenv("TZ") == "" {
		if loc, err := time.LoadLocation("Asia/Tokyo"); err == nil {
			return loc
		}
	}
	return time.Local
}

// refuse is a command line that cannot be run as written.
func refuse(inv *cli.Invocation, key string) error {
	return &model.Error{Code: model.EINVALID, Message: text(inv, key) + "\n\n" + strings.TrimRight(usage, "\n")}
}
