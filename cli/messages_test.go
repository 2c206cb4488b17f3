package cli

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestMessages reads the package's source: every message key the code
// names is in the table, every entry of the table is used, and no
// sentence is written anywhere else, so that the table is the whole of
// what the command line says.
func TestMessages(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, c := range commands {
		used["usage."+c.name] = true
	}
	used["usage.head"], used["usage.tail"], used["usage.more"] = true, true, true
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := messagesJA[s]; ok {
				used[s] = true
			}
			if name != "messages.go" && name != "messages_en.go" && strings.IndexFunc(s, func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) }) >= 0 {
				t.Errorf("%s: %s is a sentence outside messages.go", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
		// The first string argument of msg, usageErrorf, refusef (after
		// the code), say (after the language), logf and withViewer (after
		// write) is a key.
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch f := call.Fun.(type) {
			case *ast.Ident:
				fn = f.Name
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			}
			arg := map[string]int{"msg": 0, "usageErrorf": 0, "logf": 0, "refusef": 1, "say": 1, "withViewer": 1}
			i, ok := arg[fn]
			if !ok || len(call.Args) <= i {
				return true
			}
			if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				key, _ := strconv.Unquote(lit.Value)
				if _, ok := messagesJA[key]; !ok && key != "" {
					t.Errorf("%s: %s(%q): no such message", fset.Position(lit.Pos()), fn, key)
				}
			}
			return true
		})
	}
	for key := range messagesJA {
		if !used[key] && !strings.HasPrefix(key, "field.") {
			t.Errorf("message %q is never used", key)
		}
	}
}

// The English table says everything the Japanese one does, with the same
// arguments, so that --lang en never falls back to a key or prints
// %!d(MISSING).
func TestMessagesInEnglish(t *testing.T) {
	for key, ja := range messagesJA {
		en, ok := messagesEN[key]
		if !ok {
			t.Errorf("%s: no English", key)
			continue
		}
		if a, b := verbs(ja), verbs(en); a != b {
			t.Errorf("%s: arguments %s in Japanese, %s in English", key, a, b)
		}
	}
	for key := range messagesEN {
		if _, ok := messagesJA[key]; !ok {
			t.Errorf("%s: English only", key)
		}
	}
}

// verbs lists a sentence's verbs by the argument they format, such as
// "1s 2d" for "%s ... %d" or for "%[2]d ... %[1]s".
func verbs(s string) string {
	var out []string
	next := 1
	for _, m := range verb.FindAllStringSubmatch(s, -1) {
		if m[0] == "%%" {
			continue
		}
		n := next
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		}
		out = append(out, fmt.Sprintf("%d%s", n, m[2]))
		next = n + 1
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

var verb = regexp.MustCompile(`%%|%(?:\[(\d+)\])?[-+#0-9.]*([a-zA-Z])`)

// The English help names every option the Japanese one does, line for
// line of each command: a flag added to one table and forgotten in the
// other is caught here, as a missing key is in TestMessages.
func TestUsageNamesTheSameOptions(t *testing.T) {
	flagsOf := func(s string) []string {
		found := regexp.MustCompile(`--[a-z][a-z-]*`).FindAllString(s, -1)
		sort.Strings(found)
		return slices.Compact(found)
	}
	for key, ja := range messagesJA {
		if !strings.HasPrefix(key, "usage.") {
			continue
		}
		if got, want := flagsOf(messagesEN[key]), flagsOf(ja); !slices.Equal(got, want) {
			t.Errorf("%s: English names %v, Japanese %v", key, got, want)
		}
	}
}
