package cli

import (
	"context"
	"fmt"

	"hiroba/data"
)

// runCheck prints the file's schema version and SQLite's integrity check;
// it exits 1 unless both are sound.
func runCheck(e *env, _ []string) error {
	db, err := e.open(true)
	if err != nil {
		fmt.Fprint(e.stderr, e.msg("check.error", e.errText(err)))
		return exitStatus(1)
	}
	defer db.Close()
	ctx := context.Background()
	v, err := db.Version(ctx)
	if err != nil {
		fmt.Fprint(e.stderr, e.msg("check.error.file", db.Path, e.errText(err)))
		return exitStatus(1)
	}
	lines, err := db.IntegrityCheck(ctx)
	if err != nil {
		fmt.Fprint(e.stderr, e.msg("check.error.file", db.Path, e.errText(err)))
		return exitStatus(1)
	}
	fmt.Fprint(e.stdout, e.msg("check.schema", db.Path, v, data.SchemaVersion()))
	for _, l := range lines {
		fmt.Fprint(e.stdout, e.msg("check.integrity", l))
	}
	if len(lines) != 1 || lines[0] != "ok" || v != data.SchemaVersion() {
		return exitStatus(1)
	}
	return nil
}
