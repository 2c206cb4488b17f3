package cli

import (
	"fmt"

	"hiroba/data"
)

func runVersion(e *env, _ []string) error {
	fmt.Fprint(e.stdout, e.msg("version", Version, data.SchemaVersion()))
	return nil
}
