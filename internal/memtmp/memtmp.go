// Package memtmp puts a test binary's temporary files in memory.
//
// SQLite syncs a database to the disk when it checkpoints and closes, and
// the tests open hundreds of files: on a disk shared with other work
// those syncs, not the tests' own work, took half of the data package's
// time (20.8 s run one test at a time, 10.8 s in memory). A process that
// is killed loses nothing the page cache holds, so the crash tests test
// the same with or without a disk under them.
package memtmp

import (
	"os"
	"testing"
)

// shm is the memory file system Linux mounts for every process.
const shm = "/dev/shm"

// disk is the temporary folder as it was before Use.
var disk = os.TempDir()

// Disk returns the temporary folder on the disk, as it was before Use:
// for a program a test copies to run, since /dev/shm is usually mounted
// noexec.
func Disk() string { return disk }

// Use points TMPDIR to a fresh folder under /dev/shm, when there is one
// and TMPDIR does not already name a folder; done removes the folder and
// puts TMPDIR back. Call it first in TestMain: code that makes temporary
// files (t.TempDir, os.MkdirTemp, the processes a test starts) then makes
// them there.
func Use() (done func()) {
	nothing := func() {}
	if os.Getenv("TMPDIR") != "" {
		return nothing
	}
	if fi, err := os.Stat(shm); err != nil || !fi.IsDir() {
		return nothing
	}
	dir, err := os.MkdirTemp(shm, "hiroba-test-")
	if err != nil {
		return nothing
	}
	// Others may enter, as they may enter /tmp: a test may run a process
	// as another user on its files (each test's own folder is private).
	os.Chmod(dir, 0o755)
	os.Setenv("TMPDIR", dir)
	return func() {
		os.Unsetenv("TMPDIR")
		os.RemoveAll(dir)
	}
}

// Main is a TestMain that needs nothing else: it runs m with its
// temporary files in memory (Use) and exits with m's status.
func Main(m *testing.M) {
	done := Use()
	code := m.Run()
	done()
	os.Exit(code)
}
