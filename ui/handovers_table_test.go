package ui_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"hiroba/ui/kit/kittest"
)

// A handover's 年間スケジュール is a table wider than the document pane at
// 80 columns (the new-user trial): it is drawn to the pane, each row's
// text wrapped inside its column, and the grid holds: every line of the
// table has its bar where the rule under the header has its plus, and the
// first rows read whole down their columns. At 120 columns it fits, a
// line a row.
func TestHandoverTableKeepsItsGrid(t *testing.T) {
	t.Parallel()
	rows := [][2]string{
		{"4月", "前年度の出納整理、起債の借入準備"},
		{"5月", "出納閉鎖（5/31）、普通交付税の算定資料の準備"},
		{"6〜7月", "普通交付税の算定・県への提出、7月下旬に決定"},
	}
	for _, size := range [][2]int{{80, 24}, {120, 36}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := ownDemoHarness(t, "ja", size[0], size[1])
			h.key("3", "j", "enter")
			if size[0] == 80 {
				h.key("pgdown")
			}
			h.checkFrame()
			table := scheduleTable(h)
			bar := strings.Index(table[1], "+")
			if !strings.HasPrefix(table[1], "---") || bar < 0 || strings.Count(table[1], "+") != 1 {
				t.Fatalf("no rule under the header: %q", table[1])
			}
			cell := ansi.StringWidth(table[1][:bar])
			var read [][2]string // each row's columns, read down its lines
			for i, l := range table {
				if got := kittest.TableBars(l); !slices.Equal(got, []int{cell}) {
					t.Fatalf("line %d of the table has bars at %v, the rule's plus is at %d:\n%s", i, got, cell, strings.Join(table, "\n"))
				}
				if i < 2 {
					continue
				}
				first := strings.TrimSpace(ansi.Cut(l, 0, cell))
				second := strings.TrimSpace(ansi.Cut(l, cell+1, 1<<20))
				if first != "" || len(read) == 0 {
					read = append(read, [2]string{first, second})
					continue
				}
				read[len(read)-1][1] += second
			}
			if len(read) < len(rows) {
				t.Fatalf("the table shows %d rows, want at least %d:\n%s", len(read), len(rows), strings.Join(table, "\n"))
			}
			for i, want := range rows {
				if read[i] != want {
					t.Errorf("row %d reads %q, want %q:\n%s", i, read[i], want, strings.Join(table, "\n"))
				}
			}
			if wrapped := len(table) - 2 - len(read); size[0] == 120 && wrapped != 0 {
				t.Errorf("at 120 columns the table fits, yet %d lines are wrapped:\n%s", wrapped, strings.Join(table, "\n"))
			}
		})
	}
}

// scheduleTable is the 年間スケジュール's table as the document pane shows
// it: from its header to the first line that is not a table's (or the
// pane's end), without the pane's divider.
func scheduleTable(h *harness) []string {
	h.t.Helper()
	lines := strings.Split(h.screen(), "\n")
	var table []string
	for _, l := range lines[2 : len(lines)-1] {
		divider := strings.Index(l, "|")
		if divider < 0 {
			continue
		}
		doc := strings.TrimRight(l[divider+1:], " ")
		if len(table) == 0 && !strings.Contains(doc, "主な作業") {
			continue
		}
		if !strings.ContainsAny(doc, "|+") {
			break
		}
		table = append(table, doc)
	}
	if len(table) < 3 {
		h.t.Fatalf("no 年間スケジュール table in the document pane:\n%s", h.screen())
	}
	return table
}
