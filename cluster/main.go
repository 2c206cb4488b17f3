// The hiroba program with cluster support: the program of the module
// above, with the `hiroba cluster` commands and databases on a dqlite
// cluster (README, クラスタ). Build it with -tags libsqlite3, so that
// SQLite and dqlite share the system's SQLite.
package main

import (
	"os"

	"hiroba/cli"
	"hiroba/cluster/command"
)

func main() {
	cli.Extend(command.Extension())
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
