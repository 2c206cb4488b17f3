package kit_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// A post of three kinds of links reads as its words, each link's text
// followed by its address, and an address written alone once; nothing of
// glamour's hyperlink sequences is left as text.
func TestMarkdownLinksReadAsLinks(t *testing.T) {
	doc := "詳しくは[郡山市のサイト](https://www.city.koriyama.lg.jp/)をご覧ください。\n\n" +
		"申請書の様式: <https://www.city.sukagawa.fukushima.jp/form.html>\n\n" +
		"研修の資料は https://example.jp/kenshu/2027 にあります。\n\n" +
		"[https://example.jp/faq](https://example.jp/faq) もどうぞ。"
	out := kit.RenderMarkdown(doc, 60, kittest.Catalog("ja"))
	plain := ansi.Strip(out)
	for _, junk := range []string{"8;id=", "8;;", "]8"} {
		if strings.Contains(out, junk) {
			t.Fatalf("a piece of a hyperlink sequence is left as text (%q):\n%s", junk, plain)
		}
	}
	if !strings.Contains(plain, "郡山市のサイト https://www.city.koriyama.lg.jp/") {
		t.Fatalf("a link's text is not followed by its address:\n%s", plain)
	}
	if n := strings.Count(plain, "https://example.jp/faq"); n != 1 {
		t.Fatalf("a link to its own address shows it %d times:\n%s", n, plain)
	}
	// The address is drawn in another style than the text before it.
	i := strings.Index(out, "https://www.city.koriyama.lg.jp/")
	j := strings.LastIndex(out[:i], "郡山市のサイト")
	if j < 0 || !strings.Contains(out[j:i], "\x1b[") {
		t.Fatalf("the address is not styled apart from the text: %q", out[max(j, 0):i])
	}
	kittest.Golden(t, "markdown_links", plain+"\n")
}

// Nesting deeper than kit.MarkdownMaxDepth is flattened: 200 nested
// quotes render as 20, with the words kept; so do 30 nested lists.
func TestMarkdownFlattensDeepNesting(t *testing.T) {
	cat := kittest.Catalog("ja")
	quotes := kit.RenderMarkdown(strings.Repeat(">", 200)+" 深い引用の本文", 80, cat)
	for _, l := range strings.Split(ansi.Strip(quotes), "\n") {
		if n := strings.Count(l, "|"); n > kit.MarkdownMaxDepth {
			t.Fatalf("a line nests %d deep: %q", n, l)
		}
	}
	if !strings.Contains(ansi.Strip(quotes), "深い引用の本文") {
		t.Fatalf("the words were lost:\n%s", ansi.Strip(quotes))
	}
	var list strings.Builder
	for i := range 30 {
		fmt.Fprintf(&list, "%s- 項目%d\n", strings.Repeat("  ", i), i)
	}
	items := ansi.Strip(kit.RenderMarkdown(list.String(), 200, cat))
	for i := range 30 {
		if !strings.Contains(items, fmt.Sprintf("項目%d", i)) {
			t.Fatalf("item %d was lost:\n%s", i, items)
		}
	}
	deepest := 0
	for _, l := range strings.Split(items, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		deepest = max(deepest, len(l)-len(strings.TrimLeft(l, " ")))
	}
	if deepest > 2*kit.MarkdownMaxDepth {
		t.Fatalf("30 nested items indent %d cells", deepest)
	}
}

// A document too long to format within the budget shows the rest as
// written: every word is there, in order, within the width.
func TestMarkdownLongDocumentKeepsEveryWord(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 100_000; i++ {
		fmt.Fprintf(&b, "## 第%d節\n\n- **手順%d**: 申請書を受け付けたら `受付簿` に記入し、[様式](https://example.jp/%d)を確認する。\n\n", i, i, i)
	}
	out := kit.RenderMarkdown(b.String(), 70, kittest.Catalog("ja"))
	plain := ansi.Strip(out)
	last := 0
	for i := 0; ; i++ {
		at := strings.Index(plain[last:], fmt.Sprintf("手順%d", i))
		if at < 0 {
			if !strings.Contains(b.String(), fmt.Sprintf("手順%d*", i)) {
				break // past the last
			}
			t.Fatalf("手順%d is missing or out of order", i)
		}
		last += at
	}
	for _, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 70 {
			t.Fatalf("a line of %d cells: %q", w, ansi.Strip(l))
		}
	}
	if !strings.Contains(plain, "- 手順0: 申請書") {
		t.Fatalf("the start is not formatted: %q", plain[:80])
	}
}
