package kit_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// schedule is a handover's 年間スケジュール as a table some 100 cells
// wide: wider than a pane at 40 or 80 columns, narrower than one at 120.
var schedule = [][]string{
	{"月", "主な作業", "担当", "備考"},
	{"4月", "前年度の出納整理、起債の借入準備", "財政係", "出納閉鎖は5/31"},
	{"6〜7月", "普通交付税の算定・県への提出、7月下旬に決定", "交付税担当", "締切は動かせない"},
	{"11〜12月", "歳入予算の見込み、ヒアリング", "財政係長", "市税は市民税課へ"},
	{"3月", "地方債の借入 (Local bonds)、年度末の補正予算", "", "見積合わせ"},
}

func markdownTable(rows [][]string) string {
	var b strings.Builder
	for i, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		if i == 0 {
			b.WriteString(strings.Repeat("| --- ", len(r)) + "|\n")
		}
	}
	return b.String()
}

// tableLines are the lines of out, without colours, between the first
// that holds before and the next that holds after (or the end, for ""),
// blank ones left out.
func tableLines(t *testing.T, out, before, after string) []string {
	t.Helper()
	lines := strings.Split(ansi.Strip(out), "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, before) })
	end := len(lines)
	if after != "" && start >= 0 {
		end = slices.IndexFunc(lines[start:], func(l string) bool { return strings.Contains(l, after) }) + start
	}
	if start < 0 || end <= start {
		t.Fatalf("no table between %q and %q in:\n%s", before, after, ansi.Strip(out))
	}
	var table []string
	for _, l := range lines[start+1 : end] {
		if strings.TrimSpace(l) != "" {
			table = append(table, l)
		}
	}
	return table
}

// marks are the characters that mark a table's place and lines in the
// output that every width shares (markdown_table.go).
const marks = "\uFDD0\uFDD1\uFDD2"

// A table wider than the pane is drawn to the pane's width, its cells
// wrapped inside their columns: every line fits, every line of the grid
// has its bars where the rule has its pluses, and each column, read down,
// says what its cells say.
func TestMarkdownTableFitsThePane(t *testing.T) {
	doc := "年間の予定です。\n\n" + markdownTable(schedule) + "\n以上です。"
	for _, lang := range []string{"ja", "en"} {
		for _, w := range []int{40, 80, 120} {
			out := kit.RenderMarkdown(doc, w, kit.NewCatalog(lang, nil, nil))
			for _, l := range strings.Split(out, "\n") {
				if kit.Width(l) > w {
					t.Fatalf("%s at %d: a line of %d cells: %q", lang, w, kit.Width(l), ansi.Strip(l))
				}
			}
			table := tableLines(t, out, "予定です。", "以上です。")
			checkGrid(t, table, schedule)
			if w == 120 && len(table) != len(schedule)+1 {
				t.Errorf("at 120 the table fits and should stay one line a row:\n%s", strings.Join(table, "\n"))
			}
		}
	}
}

// checkGrid checks that the lines of a table have their bars where the
// rule under its header has its pluses, and that each column, read down,
// says what the cells of rows say.
func checkGrid(t *testing.T, table []string, rows [][]string) {
	t.Helper()
	rule := slices.IndexFunc(table, func(l string) bool { return strings.HasPrefix(l, "---") })
	if rule < 1 {
		t.Fatalf("no rule under the header:\n%s", strings.Join(table, "\n"))
	}
	cols := kittest.TableBars(table[rule])
	if len(cols) != len(rows[0])-1 {
		t.Fatalf("the rule has %d pluses, want %d: %q", len(cols), len(rows[0])-1, table[rule])
	}
	for _, l := range table {
		if got := kittest.TableBars(l); !slices.Equal(got, cols) {
			t.Fatalf("bars at %v, the rule's at %v:\n%s", got, cols, strings.Join(table, "\n"))
		}
	}
	// Read each column down, the header's lines and then the rows', and
	// find the cells' text in it, in order.
	bounds := append(append([]int{-1}, cols...), 1<<20)
	for c := range rows[0] {
		var down, want strings.Builder
		for i, l := range table {
			if i != rule {
				down.WriteString(cellText(l, bounds[c]+1, bounds[c+1]))
			}
		}
		for _, r := range rows {
			want.WriteString(strings.ReplaceAll(r[c], " ", ""))
		}
		if down.String() != want.String() {
			t.Errorf("column %d reads %q, want %q:\n%s", c, down.String(), want.String(), strings.Join(table, "\n"))
		}
	}
}

// cellText is what line shows from cell from to cell to, without spaces.
func cellText(line string, from, to int) string {
	return strings.ReplaceAll(ansi.Cut(line, from, to), " ", "")
}

// A table stays a grid inside a quote and a list item at a narrow width,
// and the text around it keeps its lines.
func TestMarkdownNestedTableFitsThePane(t *testing.T) {
	rows := schedule[:3]
	table := strings.TrimSuffix(markdownTable(rows), "\n")
	for _, nest := range []struct{ name, doc, bar string }{
		{"Quote", "> 引用の前\n>\n> " + strings.ReplaceAll(table, "\n", "\n> ") + "\n>\n> 引用の後", "| "},
		{"ListItem", "- 項目の前\n\n  " + strings.ReplaceAll(table, "\n", "\n  ") + "\n\n  項目の後\n- 次の項目", ""},
	} {
		for _, w := range []int{40, 60} {
			out := kit.RenderMarkdown(nest.doc, w, kit.NewCatalog("ja", nil, nil))
			for _, l := range strings.Split(out, "\n") {
				if kit.Width(l) > w {
					t.Fatalf("%s at %d: a line of %d cells: %q", nest.name, w, kit.Width(l), ansi.Strip(l))
				}
			}
			var lines []string
			for _, l := range tableLines(t, out, "の前", "の後") {
				if !strings.HasPrefix(l, nest.bar) {
					t.Fatalf("%s at %d: a line of the table outside the quote: %q", nest.name, w, l)
				}
				if l = strings.TrimPrefix(l, nest.bar); strings.TrimSpace(l) != "" {
					lines = append(lines, l)
				}
			}
			checkGrid(t, lines, rows)
		}
	}
}

// A table of more columns than the pane can hold as a grid shows each row
// as lines of "header: text", every cell's text there and no line wider
// than the pane.
func TestMarkdownTableTooNarrowForItsColumns(t *testing.T) {
	rows := [][]string{{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}, {"郡山市", "三春町", "大玉村", "本宮市", "田村市", "須賀川市", "鏡石町", "天栄村", "猪苗代町", "磐梯町"}}
	out := kit.RenderMarkdown(markdownTable(rows), 24, kit.NewCatalog("ja", nil, nil))
	plain := ansi.Strip(out)
	for _, l := range strings.Split(out, "\n") {
		if kit.Width(l) > 24 {
			t.Fatalf("a line of %d cells: %q", kit.Width(l), ansi.Strip(l))
		}
	}
	for c := range rows[0] {
		if want := rows[0][c] + ": " + rows[1][c]; !strings.Contains(plain, want) {
			t.Errorf("%q is missing from:\n%s", want, plain)
		}
	}
}

// The marks that say where a table is cannot be written: a document that
// holds them, as characters or as references, shows its text and its
// table as any other, and no mark reaches the terminal.
func TestMarkdownTableMarksCannotBeForged(t *testing.T) {
	for _, forged := range []string{"\uFDD0", "\uFDD1", "\uFDD2", "&#xFDD1;", "&#64978;"} {
		doc := "前" + forged + "後\n\n" + forged + "| 偽 | 表 |\n\n" + markdownTable(schedule[:2])
		out := kit.RenderMarkdown(doc, 40, kit.NewCatalog("ja", nil, nil))
		if strings.ContainsAny(out, marks) {
			t.Fatalf("%q: a mark reached the terminal: %q", forged, out)
		}
		for _, want := range []string{"前\uFFFD後", "\uFFFD| 偽 | 表 |"} {
			if !strings.Contains(ansi.Strip(out), want) {
				t.Errorf("%q: %q is missing from:\n%s", forged, want, ansi.Strip(out))
			}
		}
		checkGrid(t, tableLines(t, out, "表 |", ""), schedule[:2])
	}
}

// Two tables in one list item, which glamour writes on one line with the
// item's other paragraphs, each show whole, in order, between the text
// around them.
func TestMarkdownTwoTablesInOneListItem(t *testing.T) {
	first := strings.ReplaceAll(strings.TrimSuffix(markdownTable(schedule[:2]), "\n"), "\n", "\n  ")
	second := strings.ReplaceAll(strings.TrimSuffix(markdownTable(schedule[2:4]), "\n"), "\n", "\n  ")
	doc := "- 項目の前\n\n  " + first + "\n\n  " + second + "\n\n  項目の後\n- 次の項目"
	out := kit.RenderMarkdown(doc, 50, kit.NewCatalog("ja", nil, nil))
	if strings.ContainsAny(out, marks) {
		t.Fatalf("a mark reached the terminal: %q", out)
	}
	lines := tableLines(t, out, "項目の前", "項目の後")
	split := slices.IndexFunc(lines[1:], func(l string) bool { return strings.Contains(l, "6〜7月") }) + 1
	if split < 1 {
		t.Fatalf("the second table is missing:\n%s", ansi.Strip(out))
	}
	checkGrid(t, lines[:split], schedule[:2])
	checkGrid(t, lines[split:], schedule[2:4])
}

// A table where a pane has little room: under quotes nested as deep as
// markdown keeps (20), and with columns so narrow that a cell ending in
// a closing mark wraps at two cells. Each is drawn, its text whole,
// within the pane: the first had panicked, the second never ended.
func TestMarkdownTableWithLittleRoom(t *testing.T) {
	cat := kittest.Catalog("ja")
	deep := strings.Repeat("> ", 20) + "| 項目 | 状況 |\n" + strings.Repeat("> ", 20) + "|---|---|\n" +
		strings.Repeat("> ", 20) + "| 起債 | 完了。 |\n" + strings.Repeat("> ", 20) + "| 交付税 | 未定 |\n"
	narrow := "| 項目 | 4月 | 5月 | 6月 | 7月 | 8月 | 9月 |\n|---|---|---|---|---|---|---|\n" +
		"| 出納整理 | 済 | 済 | 確認中 | 予定 | 予定 | 完了。 |\n"
	for _, doc := range []string{deep, narrow} {
		for _, w := range []int{12, 24, 39} {
			done := make(chan string, 1)
			go func() { done <- kit.RenderMarkdown(doc, w, cat) }()
			var out string
			select {
			case out = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("at %d cells the table is never drawn:\n%s", w, doc)
			}
			// A narrow grid wraps a cell down its column: each character
			// is still there.
			for _, r := range "完了。項目交付税出納整理" {
				if strings.Contains(doc, string(r)) && !strings.ContainsRune(ansi.Strip(out), r) {
					t.Errorf("at %d cells %q is lost:\n%s", w, r, ansi.Strip(out))
				}
			}
			for _, l := range strings.Split(out, "\n") {
				if kit.Width(l) > w {
					t.Errorf("at %d cells a line is %d wide: %q", w, kit.Width(l), ansi.Strip(l))
				}
			}
		}
	}
}
