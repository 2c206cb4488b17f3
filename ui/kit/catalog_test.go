package kit

import (
	"sort"
	"strings"
	"testing"
)

// Every string of the interface must exist in both languages; a missing
// English entry would show Japanese to someone who asked for English.
func TestCatalogsHaveTheSameKeys(t *testing.T) {
	var missing []string
	for k := range catalogJA {
		if _, ok := catalogEN[k]; !ok {
			missing = append(missing, "en:"+k)
		}
	}
	for k := range catalogEN {
		if _, ok := catalogJA[k]; !ok {
			missing = append(missing, "ja:"+k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("keys missing from a catalogue:\n%s", strings.Join(missing, "\n"))
	}
}
