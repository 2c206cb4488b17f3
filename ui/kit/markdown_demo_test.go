package kit

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	mdast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The demo's texts (data/seed/demo_*.go), as a trainer projects them: every
// bold span renders bold, and none is set off from the Japanese around it
// by a space that the screen shows as a gap (ここは どんな初歩的な質問でも
// 歓迎 する). A space stays only where the bold would not render without
// it: CommonMark's emphasis rules do not let ** open after a letter when
// 「 or another punctuation mark follows it.
func TestDemoTextBoldReadsWithoutGaps(t *testing.T) {
	texts := demoTexts(t)
	if len(texts) < 20 {
		t.Fatalf("found %d texts with bold in the demo: is the pattern right?", len(texts))
	}
	// bold reports whether the renderer's parser makes every span between
	// a line's ** and the next one bold, and nothing else.
	parse := newMarkdown(mdStyle{}).Parser()
	bold := func(doc string) bool {
		var strong []string
		src := []byte(doc)
		mdast.Walk(parse.Parse(text.NewReader(src)), func(n mdast.Node, entering bool) (mdast.WalkStatus, error) {
			if e, ok := n.(*mdast.Emphasis); ok && entering && e.Level == 2 {
				strong = append(strong, string(e.Text(src)))
			}
			return mdast.WalkContinue, nil
		})
		return slices.Equal(strong, boldSpans(doc))
	}
	for _, text := range texts {
		if !bold(text.doc) {
			t.Errorf("%s: a bold span does not render as written: %q", text.where, text.doc)
			continue
		}
		for _, gap := range boldGaps(text.doc) {
			without := text.doc[:gap] + text.doc[gap+1:]
			if bold(without) {
				t.Errorf("%s: the space before %q needs not be there: the bold renders without it", text.where, firstLine(text.doc[gap+1:]))
			}
		}
	}
}

type demoText struct{ where, doc string }

// demoTexts are the string constants of the demo's sources that hold bold.
func demoTexts(t *testing.T) []demoText {
	t.Helper()
	files, err := filepath.Glob("../../data/seed/demo_*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no demo sources: %v", err)
	}
	var out []demoText
	fset := gotoken.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != gotoken.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && strings.Contains(s, "**") {
				out = append(out, demoText{where: fset.Position(lit.Pos()).String(), doc: s})
			}
			return true
		})
	}
	return out
}

// boldSpans are the texts between the ** of each line, paired in order.
func boldSpans(doc string) []string {
	var out []string
	for _, line := range strings.Split(doc, "\n") {
		parts := strings.Split(line, "**")
		for i := 1; i+1 < len(parts); i += 2 {
			out = append(out, parts[i])
		}
	}
	return out
}

// boldGaps are the byte offsets of the spaces that stand between a
// Japanese character and a bold span's ** (before it opens or after it
// closes), pairing the ** of each line in order.
func boldGaps(doc string) []int {
	var gaps []int
	offset := 0
	for _, line := range strings.SplitAfter(doc, "\n") {
		var marks []int
		for i := 0; i+1 < len(line); i++ {
			if line[i] == '*' && line[i+1] == '*' {
				marks = append(marks, i)
				i++
			}
		}
		for p := 0; p+1 < len(marks); p += 2 {
			open, end := marks[p], marks[p+1]+2
			if open >= 2 && line[open-1] == ' ' && japaneseBefore(line[:open-1]) {
				gaps = append(gaps, offset+open-1)
			}
			if end+1 < len(line) && line[end] == ' ' && japaneseAfter(line[end+1:]) {
				gaps = append(gaps, offset+end)
			}
		}
		offset += len(line)
	}
	return gaps
}

func japaneseBefore(s string) bool {
	r := []rune(s)
	return len(r) > 0 && isJapanese(r[len(r)-1])
}

func japaneseAfter(s string) bool {
	for _, r := range s {
		return isJapanese(r)
	}
	return false
}

// isJapanese is a character of Japanese text: kana, kanji and full-width
// forms, punctuation included.
func isJapanese(r rune) bool {
	return r >= 0x3000 && r <= 0x9FFF || r >= 0xFF00 && r <= 0xFFEF || unicode.Is(unicode.Han, r)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
