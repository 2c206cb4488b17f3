package data

import "time"

// SetCheckpointEvery sets how often the checkpointer runs at most, and
// returns what puts the period back.
func SetCheckpointEvery(d time.Duration) (restore func()) {
	old := checkpointEvery.Swap(int64(d))
	return func() { checkpointEvery.Store(old) }
}

// CheckpointEvery is how often the checkpointer runs at most.
func CheckpointEvery() time.Duration { return time.Duration(checkpointEvery.Load()) }
