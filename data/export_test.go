package data

import "time"

// SetCheckpointEvery sets how often the checkpointer runs at most, for the
// tests of a test binary: call it in TestMain, before any database opens.
func SetCheckpointEvery(d time.Duration) { checkpointEvery = d }

// CheckpointEvery is how often the checkpointer runs at most.
func CheckpointEvery() time.Duration { return checkpointEvery }
