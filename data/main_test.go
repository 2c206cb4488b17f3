package data_test

import (
	"testing"
	"time"

	"hiroba/data"
	"hiroba/internal/memtmp"
)

func TestMain(m *testing.M) {
	// TestCheckpointAfterTheLogGrows waits for the checkpointer twice:
	// 1.3 s at its 500 ms.
	data.SetCheckpointEvery(100 * time.Millisecond)
	memtmp.Main(m)
}
