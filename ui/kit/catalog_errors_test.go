package kit

import (
	"fmt"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// The packages whose errors reach a person: what they return is said
// through the catalogues.
var errorSources = []string{"../../model", "../../data", "../../data/seed", "../../ical", "../../recur", "../../cli", "../../document"}

// keyLiteral is a catalogue key of an error or of a merge's reason.
var keyLiteral = regexp.MustCompile(`^(?:err|merge\.reason)(?:\.[a-z0-9_]+)+$`)

// Every key that model, data, ical, recur and cli can return has its sentence in
// both catalogues; where the source writes the key beside its Japanese
// (model.Keyed, model.FieldError, ical.LineError and their helpers), the
// Japanese catalogue says exactly that, and the call passes as many
// arguments as the sentence takes. The keys are read from the source, so
// that one added there and forgotten here fails this test.
func TestErrorCatalogues(t *testing.T) {
	seen, keyed := 0, 0
	for _, f := range parseSources(t) {
		ast.Inspect(f.file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if key, ok := stringLit(n); ok && keyLiteral.MatchString(key) {
					seen++
					for lang, cat := range map[string]map[string]string{"ja": catalogJA, "en": catalogEN} {
						if _, ok := cat[key]; !ok {
							t.Errorf("%s: %s has no %s entry", f.pos(n), key, lang)
						}
					}
				}
			case *ast.CallExpr:
				for i := 0; i+1 < len(n.Args); i++ {
					key, ok1 := stringLit(n.Args[i])
					ja, ok2 := stringLit(n.Args[i+1])
					if !ok1 || !ok2 || !keyLiteral.MatchString(key) {
						continue
					}
					keyed++
					if got, ok := catalogJA[key]; ok && got != ja {
						t.Errorf("%s: %s is %q in the source and %q in the Japanese catalogue", f.pos(n), key, ja, got)
					}
					if want, got := len(verbs(ja)), len(n.Args)-i-2; formats[callName(n)] && !n.Ellipsis.IsValid() && want != got {
						t.Errorf("%s: %s takes %d arguments, and is given %d", f.pos(n), key, want, got)
					}
				}
			}
			return true
		})
	}
	if seen < 250 || keyed < 200 {
		t.Fatalf("found only %d keys, %d beside their Japanese: have the sources moved?", seen, keyed)
	}
}

// No error a person can see is written in Japanese without a key: any
// Errorf or New (fmt's, errors', or a model.Errorf come back) with a
// Japanese message fails, unless it is fmt.Errorf wrapping another error
// (%w) with the context of an internal failure.
func TestNoErrorWithoutAKey(t *testing.T) {
	for _, f := range parseSources(t) {
		ast.Inspect(f.file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if name := callName(call); name != "Errorf" && name != "New" {
				return true
			}
			for _, a := range call.Args {
				s, ok := stringLit(a)
				if !ok || !japanese(s) {
					continue
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && fmt.Sprint(sel.X) == "fmt" && strings.Contains(s, "%w") {
					continue
				}
				t.Errorf("%s: an error a person sees without a catalogue key: %q", f.pos(call), s)
			}
			return true
		})
	}
}

// formats are the functions that format their Japanese with the
// arguments after it.
var formats = map[string]bool{"Keyed": true, "FieldError": true, "LineError": true, "ruleError": true}

// callName is the name of the function call calls, without its package.
func callName(call *ast.CallExpr) string {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

type sourceFile struct {
	fset *gotoken.FileSet
	file *ast.File
}

func (f sourceFile) pos(n ast.Node) gotoken.Position { return f.fset.Position(n.Pos()) }

// parseSources returns every file of errorSources, tests left out,
// parsed once for both tests that read them (a third of a second each).
func parseSources(t *testing.T) []sourceFile {
	t.Helper()
	files, err := parsedSources()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var parsedSources = sync.OnceValues(func() ([]sourceFile, error) {
	fset := gotoken.NewFileSet()
	var out []sourceFile
	for _, dir := range errorSources {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(names) == 0 {
			return nil, fmt.Errorf("%s: no Go files (%v)", dir, err)
		}
		sort.Strings(names)
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				return nil, err
			}
			out = append(out, sourceFile{fset, f})
		}
	}
	return out, nil
})

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != gotoken.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func japanese(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) }) >= 0
}
