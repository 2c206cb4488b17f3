package cli

import (
	"context"
	"fmt"
)

// runBackup writes a consistent copy of the database to a new file, even
// while others write.
func runBackup(e *env, args []string) error {
	if len(args) != 1 {
		return usageErrorf("backup.out")
	}
	db, err := e.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(context.Background(), args[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n", args[0])
	return nil
}
