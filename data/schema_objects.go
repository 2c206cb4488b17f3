package data

import (
	"strings"
	"sync"
)

// The tables, indexes, triggers and views the migrations make are read
// from their text, once per process: running them on a database in memory
// took 10 to 25 ms of every start. TestLatestSchemaAsTheMigrationsMakeIt
// checks the reading against such a run.

var latest struct {
	once    sync.Once
	objects [][2]string
}

// latestSchema returns the type and name of every table, index, trigger
// and view the migrations make, in the order they are made (the tables
// SQLite keeps behind a full-text index aside).
func latestSchema() ([][2]string, error) {
	latest.once.Do(func() {
		var order [][2]string
		made := map[[2]string]bool{}
		for _, m := range migrations() {
			for line := range strings.Lines(m.sql) {
				line, _, _ = strings.Cut(line, "--")
				if !mayMakeObject(line) {
					continue
				}
				verb, k, ok := ddlObject(strings.Fields(line))
				switch {
				case !ok:
				case verb == "DROP":
					delete(made, k)
				case !made[k]:
					made[k] = true
					order = append(order, k)
				}
			}
		}
		for _, k := range order {
			if made[k] {
				latest.objects = append(latest.objects, k)
				made[k] = false // once, though dropped and made again
			}
		}
	})
	return latest.objects, nil
}

// mayMakeObject is false for a line without "create" or "drop" in any
// case, which ddlObject would refuse: most lines of a migration are
// columns, and splitting each into words took most of the 0.5 ms every
// process spent here before its first frame.
func mayMakeObject(line string) bool {
	for i := 0; i+4 <= len(line); i++ {
		switch line[i] | 0x20 {
		case 'c':
			if i+6 <= len(line) && strings.EqualFold(line[i:i+6], "create") {
				return true
			}
		case 'd':
			if strings.EqualFold(line[i:i+4], "drop") {
				return true
			}
		}
	}
	return false
}

// ddlObject reads "CREATE [UNIQUE|VIRTUAL] TYPE [IF [NOT] EXISTS] name"
// or "DROP TYPE [IF EXISTS] name" from the words of a line.
func ddlObject(words []string) (verb string, k [2]string, ok bool) {
	for i, w := range words {
		switch {
		case strings.EqualFold(w, "CREATE"):
			verb = "CREATE"
		case strings.EqualFold(w, "DROP"):
			verb = "DROP"
		default:
			continue
		}
		rest := words[i+1:]
		if len(rest) > 0 && (strings.EqualFold(rest[0], "UNIQUE") || strings.EqualFold(rest[0], "VIRTUAL")) {
			rest = rest[1:]
		}
		if len(rest) < 2 {
			return "", k, false
		}
		typ := strings.ToLower(rest[0])
		if typ != "table" && typ != "index" && typ != "trigger" && typ != "view" {
			return "", k, false
		}
		rest = rest[1:]
		for len(rest) > 1 && (strings.EqualFold(rest[0], "IF") || strings.EqualFold(rest[0], "NOT") || strings.EqualFold(rest[0], "EXISTS")) {
			rest = rest[1:]
		}
		name, _, _ := strings.Cut(strings.Trim(rest[0], "\"`;"), "(")
		return verb, [2]string{typ, name}, name != ""
	}
	return "", k, false
}
