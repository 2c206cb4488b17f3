package cli

import (
	"context"
	"fmt"
	"time"

	"hiroba/data/seed"
	"hiroba/model"
)

// runSeed fills an empty database with generated data at --scale (1 is
// 100,000 threads), for benchmarks; it says how far it has come on
// standard error.
func runSeed(e *env, _ []string) error {
	if e.scale <= 0 {
		return refusef(model.EINVALID, "seed.scale")
	}
	db, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	err = seed.Scale(context.Background(), db, e.scale, time.Now(), seed.PrintProgress(e.stderr))
	if err != nil {
		return err
	}
	fmt.Fprint(e.stderr, e.msg("seed.done", db.Path, time.Since(start).Seconds()))
	return nil
}
