package data

import (
	"database/sql"
	"sort"
	"strings"
	"testing"
)

// The objects read from the migrations' text are those that running them
// makes, but for the tables SQLite keeps behind a full-text index.
func TestLatestSchemaAsTheMigrationsMakeIt(t *testing.T) {
	mem, err := sql.Open("sqlite3", "file::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1)
	for _, m := range migrations() {
		if _, err := mem.Exec(m.sql); err != nil {
			t.Fatalf("migration %s: %v", m.name, err)
		}
	}
	rows, err := mem.Query(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var made, virtual []string
	var all [][2]string
	for rows.Next() {
		var typ, name string
		var text sql.NullString
		if err := rows.Scan(&typ, &name, &text); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToUpper(text.String), "VIRTUAL TABLE") {
			virtual = append(virtual, name+"_")
		}
		all = append(all, [2]string{typ, name})
	}
	rows.Close()
	for _, k := range all {
		shadow := false
		for _, v := range virtual {
			shadow = shadow || k[0] == "table" && strings.HasPrefix(k[1], v)
		}
		if !shadow {
			made = append(made, k[0]+" "+k[1])
		}
	}
	objects, _ := latestSchema()
	var read []string
	for _, k := range objects {
		read = append(read, k[0]+" "+k[1])
	}
	sort.Strings(made)
	sort.Strings(read)
	if strings.Join(read, "\n") != strings.Join(made, "\n") {
		t.Fatalf("read from the migrations:\n%s\n\nmade by them:\n%s", strings.Join(read, "\n"), strings.Join(made, "\n"))
	}
}
