package kit

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Every error of 人 that the store can return has its sentence in both
// languages: the keys are read from the source of model and data, so
// that a key added there and forgotten here fails this test.
func TestCatalogsHavePeopleErrors(t *testing.T) {
	re := regexp.MustCompile(`"(err\.(?:profile|people|programme|pair|meeting|feedback)\.[a-z_]+)"`)
	found := map[string]bool{"err.required": true, "err.toolong": true, "err.utf8": true}
	for _, dir := range []string{"../../model", "../../data"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				found[m[1]] = true
			}
		}
	}
	if len(found) < 30 {
		t.Fatalf("found only %d keys in model and data: is the pattern right?", len(found))
	}
	var missing []string
	for k := range found {
		for lang, cat := range map[string]map[string]string{"ja": catalogJA, "en": catalogEN} {
			if _, ok := cat[k]; !ok {
				missing = append(missing, lang+":"+k)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
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
