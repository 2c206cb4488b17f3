package kit

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Every error of a drill that the store can return, and every reason a
// merge gives, has its sentence in both languages; every table a merge
// can count has a name. The keys and tables are read from the source of
// model and data and from the migrations, so that one added there and
// forgotten here fails this test.
func TestCatalogsHaveDrillEntries(t *testing.T) {
	keys := regexp.MustCompile(`"((?:err\.(?:drill|snapshot|merge)|merge\.reason)\.[a-z_]+)"`)
	tables := regexp.MustCompile(`(?i)CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)`)
	found := map[string]bool{}
	read := func(pattern string, re *regexp.Regexp, key func(string) string) {
		files, err := filepath.Glob(pattern)
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
				if k := key(m[1]); k != "" {
					found[k] = true
				}
			}
		}
	}
	same := func(s string) string { return s }
	read("../../model/*.go", keys, same)
	read("../../data/*.go", keys, same)
	read("../../data/migrations/*.sql", tables, func(table string) string {
		for _, p := range []string{"search_", "drill_", "merge_", "schema_", "change_", "people_text"} {
			if strings.HasPrefix(table, p) {
				return "" // never merged, never counted
			}
		}
		return "merge.table." + table
	})
	if len(found) < 50 {
		t.Fatalf("found only %d keys and tables: are the patterns right?", len(found))
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
		t.Errorf("missing from a catalogue:\n%s", strings.Join(missing, "\n"))
	}
}
