package kit

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Every table a merge of a drill copy can count has a name in both
// languages. The tables are read from the migrations, so that one added
// there and forgotten here fails this test. (The errors and reasons of a
// drill are held by TestErrorCatalogues.)
func TestCatalogsNameEveryMergedTable(t *testing.T) {
	tables := keysInSource(t, regexp.MustCompile(`(?i)CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)`), "../../data/migrations/*.sql")
	found := map[string]bool{}
	for table := range tables {
		counted := true
		for _, p := range []string{"search_", "drill_", "merge_", "schema_", "change_", "people_text", "write_receipts"} {
			counted = counted && !strings.HasPrefix(table, p) // never merged, never counted
		}
		if counted {
			found["merge.table."+table] = true
		}
	}
	if len(found) < 20 {
		t.Fatalf("found only %d tables: is the pattern right?", len(found))
	}
	if missing := missingFromCatalogs(found); len(missing) > 0 {
		t.Errorf("missing from a catalogue:\n%s", strings.Join(missing, "\n"))
	}
}

// keysInSource returns what the first group of re matches in the files of
// the globs, test files left out.
func keysInSource(t *testing.T, re *regexp.Regexp, globs ...string) map[string]bool {
	t.Helper()
	found := map[string]bool{}
	for _, glob := range globs {
		files, err := filepath.Glob(glob)
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
	return found
}

// missingFromCatalogs lists, as lang:key and sorted, the keys a
// catalogue lacks.
func missingFromCatalogs(keys map[string]bool) []string {
	var missing []string
	for k := range keys {
		for lang, cat := range map[string]map[string]string{"ja": catalogJA, "en": catalogEN} {
			if _, ok := cat[k]; !ok {
				missing = append(missing, lang+":"+k)
			}
		}
	}
	sort.Strings(missing)
	return missing
}
