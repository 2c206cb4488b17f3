package kit

import (
	"regexp"
	"strings"
	"testing"
)

// Every error of 人 that the store can return has its sentence in both
// languages: the keys are read from the source of model and data, so
// that a key added there and forgotten here fails this test.
func TestCatalogsHavePeopleErrors(t *testing.T) {
	found := keysInSource(t, regexp.MustCompile(`"(err\.(?:profile|people|programme|pair|meeting|feedback)\.[a-z_]+)"`),
		"../../model/*.go", "../../data/*.go")
	found["err.required"], found["err.toolong"], found["err.utf8"] = true, true, true
	if len(found) < 30 {
		t.Fatalf("found only %d keys in model and data: is the pattern right?", len(found))
	}
	if missing := missingFromCatalogs(found); len(missing) > 0 {
		t.Errorf("keys the store returns, missing from a catalogue:\n%s", strings.Join(missing, "\n"))
	}
}

// A sentence takes the same arguments in both languages, or one of them
// would print %!d(MISSING) or drop a name.
func TestPeopleCatalogArguments(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d+\])?[dsv]`)
	for k, ja := range catalogPeopleJA {
		en := catalogPeopleEN[k]
		if a, b := len(verbs.FindAllString(ja, -1)), len(verbs.FindAllString(en, -1)); a != b {
			t.Errorf("%s: %d arguments in Japanese, %d in English", k, a, b)
		}
	}
}
