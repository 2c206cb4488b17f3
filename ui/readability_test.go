package ui_test

import (
	"fmt"
	"strings"
	"testing"
)

// eachLangAndWidth runs test in parallel in each language, at 80
// columns and at a wider 120.
func eachLangAndWidth(t *testing.T, test func(t *testing.T, lang string, w int)) {
	for _, lang := range []string{"ja", "en"} {
		for _, w := range []int{80, 120} {
			t.Run(fmt.Sprintf("%s/%d", lang, w), func(t *testing.T) {
				t.Parallel()
				test(t, lang, w)
			})
		}
	}
}

// The tab bar keeps every label at its column whichever tab is active, in
// both languages, at 80 columns (where English closes the tabs up) and
// wider.
func TestTabBarStaysPut(t *testing.T) {
	t.Parallel()
	eachLangAndWidth(t, func(t *testing.T, lang string, w int) {
		h := newDemoHarness(t, lang, w, 24)
		first := h.tabBar()
		for _, k := range []string{"2", "3", "4", "5", "6", "tab", "1"} {
			h.key(k)
			h.checkFrame()
			if bar := h.tabBar(); bar != first {
				t.Errorf("after %q the tab bar moved:\n%q\nwas\n%q", k, bar, first)
			}
		}
		if !strings.Contains(first, "高野 葵") {
			t.Errorf("the tab bar drops the person: %q", first)
		}
	})
}

// The 相談 list names each thread's author whole wherever the row has
// room for the name, the community taking what is left or going; in
// English at 80 columns too, where "N replies" leaves the least room.
func TestThreadRowsKeepTheAuthorWhole(t *testing.T) {
	t.Parallel()
	authors := map[string]string{ // a title's start -> its author
		"今月の産休・育休カフェ": "大河原 真奈",
		"各市町村の掲示板":    "安斎 理恵",
		"職員避難訓練のあとに":  "渡部 健太",
		"座談会「こども部":    "佐久間 正樹",
	}
	eachLangAndWidth(t, func(t *testing.T, lang string, w int) {
		h := newDemoHarness(t, lang, w, 24)
		h.key("2")
		h.checkFrame()
		for title, author := range authors {
			meta := h.listLineAfter(title)
			if !strings.Contains(meta, author) {
				t.Errorf("the row of %s cuts %s: %q\n%s", title, author, meta, h.screen())
			}
		}
		// Anonymous fits beside its badge only where the list is wider.
		anonymous := map[string]string{"ja": "匿名", "en": "Anonymous"}[lang]
		if meta := h.listLineAfter("本庁の電話"); w > 80 && !strings.Contains(meta, anonymous) {
			t.Errorf("the anonymous row: %q", meta)
		}
	})
}

// listLineAfter is the list pane's part (left of the divider) of the line
// below the first that holds s: a row's second line.
func (h *harness) listLineAfter(s string) string {
	lines := strings.Split(h.screen(), "\n")
	for i, l := range lines[:len(lines)-1] {
		if strings.Contains(l, s) {
			left, _, _ := strings.Cut(lines[i+1], "|")
			return left
		}
	}
	h.t.Fatalf("no line holds %q:\n%s", s, h.screen())
	return ""
}

// English says a count of one in the singular: a filter that leaves one
// community or one thread reads "1 community", "1 thread".
func TestEnglishCountsOfOne(t *testing.T) {
	t.Parallel()
	for _, w := range []int{80, 120} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			h := newDemoHarness(t, "en", w, 24)
			h.key("/")
			h.typeText("育休")
			h.key("enter")
			h.checkFrame()
			if l := h.line("Search: 育休"); !strings.HasSuffix(strings.TrimSpace(l), " 1 community") {
				t.Errorf("one community found: %q", l)
			}
			h.key("2", "/")
			h.typeText("ふるさと納税")
			h.key("enter")
			h.checkFrame()
			if l := h.line("All threads"); !strings.Contains(l, " 1 thread ") {
				t.Errorf("one thread found: %q", l)
			}
		})
	}
}

// A person's plans, opened from 所属の利用, end a cell short of the
// divider as every other list's rows do.
func TestDepartmentPersonsPlansLeaveACellBeforeTheDivider(t *testing.T) {
	t.Parallel()
	eachLangAndWidth(t, func(t *testing.T, lang string, w int) {
		h := newDemoHarness(t, "ja", w, 24).asStaff("熊田 剛")
		if lang == "en" {
			h = startHarness(t, h.db, h.other("熊田 剛").ID, "en", w, 24)
		}
		h.key("5", "v", "v", "enter")
		h.checkFrame()
		h.mustShow("橋本 美咲")
		rows := 0
		for _, l := range strings.Split(h.screen(), "\n")[7:23] { // below the figures and the list's header
			left, _, found := strings.Cut(l, "|")
			if !found {
				continue
			}
			if rows++; strings.TrimSpace(left) != "" && !strings.HasSuffix(left, " ") {
				t.Errorf("a row runs into the divider: %q\n%s", left, h.screen())
			}
		}
		if rows < 10 {
			t.Fatalf("%d rows beside a divider:\n%s", rows, h.screen())
		}
	})
}
