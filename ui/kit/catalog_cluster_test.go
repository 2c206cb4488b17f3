package kit

import (
	"regexp"
	"strings"
	"testing"
)

// Every error of a cluster that the store or the cluster module's commands
// (cluster/, a module of its own) can return has its sentence in both
// languages, with the same arguments.
func TestCatalogsHaveClusterErrors(t *testing.T) {
	found := keysInSource(t, regexp.MustCompile(`"(err\.cluster\.[a-z_]+)"`), "../../data/*.go", "../../cluster/*/*.go")
	if len(found) < 15 {
		t.Fatalf("found only %d keys in data: is the pattern right?", len(found))
	}
	if missing := missingFromCatalogs(found); len(missing) > 0 {
		t.Errorf("keys the store returns, missing from a catalogue:\n%s", strings.Join(missing, "\n"))
	}
	verbs := regexp.MustCompile(`%(\[\d+\])?[dsv]`)
	for k, ja := range catalogClusterJA {
		if a, b := len(verbs.FindAllString(ja, -1)), len(verbs.FindAllString(catalogClusterEN[k], -1)); a != b {
			t.Errorf("%s: %d arguments in Japanese, %d in English", k, a, b)
		}
	}
}
