package kit

import (
	"strings"
	"testing"
)

// heavyMarkdown are inputs of up to 100 KB that cost glamour the most:
// deep nesting, dense inline markup, long lines, big tables and lists.
// Each must render in at most 100 ms (issue 16); BenchmarkMarkdownHeavy
// measures them, the markdown cache emptied each time.
func heavyMarkdown() []struct{ name, text string } {
	fill := func(unit string, size int) string {
		return strings.Repeat(unit, max(size/len(unit), 1))
	}
	var list strings.Builder
	for i := 0; list.Len() < 40_000; i++ {
		list.WriteString(strings.Repeat("  ", i%100) + "- 項目\n")
	}
	return []struct{ name, text string }{
		{"Quotes200", strings.Repeat(">", 200) + " 深い引用"},
		{"NestedList40KB", list.String()},
		{"Quotes20Deep100KB", fill(strings.Repeat(">", 20)+" 引用\n", 100_000)},
		{"Paragraphs100KB", fill("窓口の引き継ぎについて、四月の異動で担当が替わるため、証明書の窓口業務で気をつけていることをまとめました。\n\n", 100_000)},
		{"Items100KB", fill("- 項目 **強調** と `コード` と [リンク](https://example.jp/a) です\n", 100_000)},
		{"Table100KB", "| 市 | 町 | 村 |\n|---|---|---|\n" + fill("| 郡山市 | 三春町 | 大玉村 |\n", 100_000)},
		{"OneLine100KB", fill("あ", 100_000)},
		{"Emphasis100KB", fill("*a ", 50_000) + fill(" a*", 50_000)},
		{"Brackets100KB", fill("[", 50_000) + fill("](x)", 50_000)},
		{"Backticks100KB", fill("`a", 100_000)},
	}
}

func BenchmarkMarkdownHeavy(b *testing.B) {
	cat := NewCatalog("ja", nil, nil)
	for _, in := range heavyMarkdown() {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			for i := 0; i < b.N; i++ {
				ForgetMarkdown()
				RenderMarkdown(in.text, 80, cat)
			}
		})
	}
}
