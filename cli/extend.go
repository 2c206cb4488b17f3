package cli

import (
	"cmp"
	"flag"
	"io"
	"path/filepath"
	"strings"

	"hiroba/data"
	"hiroba/model"
)

// Extension is what a build of hiroba with more than SQLite adds to the
// command line: the cluster module (cluster/, issue 17), whose main calls
// Extend before Run. It brings commands of its own, and a way to open a
// database that is not a file. The program built from this module has
// none, and says so when asked for a cluster.
type Extension struct {
	Commands []Command
	// Open opens the database t names (Target), with opt; the database's
	// Close ends whatever Open started.
	Open func(t Target, opt data.Options) (*data.DB, error)
}

// Command is a command an extension adds: its name (the first argument),
// its lines of `hiroba help`, and setup, which adds its own flags to fs
// and returns what runs it with the positional arguments.
type Command struct {
	Name string
	// Usage is its lines in Japanese, UsageEN in English (Usage when
	// empty).
	Usage, UsageEN string
	Setup          func(fs *flag.FlagSet) func(inv *Invocation, args []string) error
}

// Invocation is one run of an added command: the options every command
// takes, the streams, and the database they name.
type Invocation struct {
	DB      string // --db, or the default file
	As      string
	Lang    string
	Cluster string // --cluster DIR
	JSON    bool
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	// Open opens the database the options name, as the built-in commands
	// do: a file, or through the extension.
	Open func(readOnly bool) (*data.DB, error)
}

// Target names a database that is not a file.
type Target struct {
	// DB is --db when it is an address with a scheme, such as
	// dqlite://h1:9001,h2:9001,h3:9001; "" otherwise.
	DB string
	// Cluster is --cluster DIR: this machine's folder of the cluster (its
	// certificate, and on a node the node itself).
	Cluster string
	// Serve says the database is for `hiroba serve`: this machine's node
	// runs in the process for as long as the database is open.
	Serve bool
}

var extension Extension

// Extend adds ext to the command line; a build calls it once, before Run.
func Extend(ext Extension) {
	extension = ext
	for _, c := range ext.Commands {
		run := c.Setup
		messagesJA["usage."+c.Name] = c.Usage
		messagesEN["usage."+c.Name] = cmp.Or(c.UsageEN, c.Usage)
		commands = append(commands, command{c.Name, func(fs *flag.FlagSet) runFunc {
			added := run(fs)
			return func(e *env, args []string) error { return added(e.invocation(), args) }
		}})
	}
}

func (e *env) invocation() *Invocation {
	return &Invocation{DB: e.db, As: e.as, Lang: e.lang, Cluster: e.cluster, JSON: e.json,
		Stdin: e.stdin, Stdout: e.stdout, Stderr: e.stderr, Open: e.open}
}

// target reports whether the options name a database that is not a file:
// --cluster, or --db with a scheme.
func (e *env) target() (Target, bool) {
	t := Target{Cluster: e.cluster, Serve: e.serving}
	if strings.Contains(e.db, "://") {
		t.DB = e.db
	}
	return t, t.DB != "" || t.Cluster != ""
}

// openTarget opens a database that is not a file through the extension.
func (e *env) openTarget(t Target, readOnly bool) (*data.DB, error) {
	if extension.Open == nil {
		return nil, refusef(model.EUNSUPPORTED, "cluster.unsupported")
	}
	return extension.Open(t, data.Options{ReadOnly: readOnly})
}

// hostKeyFor is where the server's host key is kept: next to the
// database, or in the node's folder on a cluster.
func (e *env) hostKeyFor(db *data.DB) string {
	if e.cluster != "" {
		return filepath.Join(e.cluster, "ssh_host_key")
	}
	return hostKeyPath(db.Path)
}

// WriteColumns writes rows in columns measured in terminal cells, as the
// built-in commands' tables are, for an added command's tables.
func WriteColumns(w io.Writer, rows [][]string) { writeColumns(w, rows) }
