package data_test

import (
	"flag"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/internal/memtmp"
)

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		// TestCheckpointAfterTheLogGrows waits for the checkpointer
		// twice: 1.3 s at its 500 ms. A full run keeps the program's
		// period: its large writes (generated data, the load tests'
		// processes) took a second more CPU copying the log five times as
		// often.
		data.SetCheckpointEvery(100 * time.Millisecond)
	}
	memtmp.Main(m)
}
