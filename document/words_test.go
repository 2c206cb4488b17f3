package document

import (
	"strings"
	"testing"
)

// Both languages have every word, each with as many arguments.
func TestWords(t *testing.T) {
	for k, ja := range wordsJA {
		en, ok := wordsEN[k]
		if !ok {
			t.Errorf("%s: no English", k)
		} else if strings.Count(ja, "%") != strings.Count(en, "%") {
			t.Errorf("%s: %q and %q take different arguments", k, ja, en)
		}
	}
	if len(wordsEN) != len(wordsJA) {
		t.Errorf("%d English words, %d Japanese", len(wordsEN), len(wordsJA))
	}
}
