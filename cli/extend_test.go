package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// The program built from this module has no cluster: a cluster's address
// or folder is refused with a sentence that says which build has one, and
// nothing is made in the folder.
func TestClusterNeedsTheClusterBuild(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"check", "--db", "dqlite://127.0.0.1:9001,127.0.0.1:9002"},
		{"backup", "--cluster", dir, dir + "/copy.db"},
		{"serve", "--cluster", dir, "--listen", "127.0.0.1:0"},
	} {
		_, stderr, code := hiroba(t, args...)
		if code != 1 || !strings.Contains(stderr, "クラスタに対応していません") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	_, stderr, code := hiroba(t, "serve", "--db", "dqlite://127.0.0.1:9001")
	if code != 2 || !strings.Contains(stderr, "--cluster DIR") {
		t.Errorf("serve on a cluster's address: exit %d, %q", code, stderr)
	}
	if matches, _ := filepath.Glob(dir + "/*"); len(matches) > 0 {
		t.Errorf("files made in the folder: %v", matches)
	}
}
