// Package fuzzcost times one input of a fuzz test: only under go test
// -fuzz (a plain go test runs the seeds, and timings stay out of pass/fail
// tests), and the best of three runs, since a machine busy with others
// stalls single runs now and then.
package fuzzcost

import (
	"flag"
	"time"
)

// Fuzzing reports whether the test runs under go test -fuzz.
func Fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// Slow runs fn and reports whether it took longer than limit three times
// in a row, and the shortest time; it runs fn once when not fuzzing.
func Slow(fn func(), limit time.Duration) (time.Duration, bool) {
	best := time.Duration(1<<63 - 1)
	for i := 0; i < 3; i++ {
		began := time.Now()
		fn()
		best = min(best, time.Since(began))
		if !Fuzzing() || best <= limit {
			return best, false
		}
	}
	return best, true
}
