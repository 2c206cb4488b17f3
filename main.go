// hiroba (広場) is a terminal app where municipal staff of a regional area
// find purpose-based communities, consult each other, hand over their
// duties and see the community calendar. The command line is package cli.
package main

import (
	"os"

	"hiroba/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
