package ui_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"hiroba/ui/kit"
)

// highlighted finds a word drawn in a style of its own: an SGR sequence
// right before it.
func highlighted(content, word string) bool {
	return regexp.MustCompile(`\x1b\[[0-9;:]*m` + regexp.QuoteMeta(word)).MatchString(content)
}

func TestSearchFromCommunities(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("ctrl+k")
	h.mustShow("検索")
	h.mustShow("2文字の語も")
	h.checkFrame()

	h.typeText("育休")
	h.checkFrame()
	h.mustShow("男性の育休、何か月取るか上司にどう切り出しましたか")
	h.mustShow("件 (よく合うものから)")
	for _, label := range []string{"相談", "コミュニティ", "予定"} {
		h.mustShow(label)
	}
	if !highlighted(h.app.View().Content, "育休") {
		t.Fatalf("育休 is not highlighted:\n%q", h.app.View().Content)
	}
	// The real cursor stands after what was typed, for IME composition:
	// " 検索  " is 7 cells, 育休 4.
	if cur := h.app.View().Cursor; cur == nil || cur.Y != 1 || cur.X != 7+4 {
		t.Fatalf("cursor %+v", cur)
	}

	// The best match comes first, after the people who took 育休: the
	// thread with 育休 in its title.
	first := ""
	for _, l := range strings.Split(h.screen(), "\n")[3:] {
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, " 人 ") && !strings.HasPrefix(l, "     ") {
			first = l
			break
		}
	}
	if !strings.Contains(first, "育休") {
		t.Fatalf("first result %q", first)
	}

	// Move to the thread and open it on the 相談 tab.
	for i := 0; i < 10 && !selectedLineHas(h, "男性の育休、何か月取るか"); i++ {
		h.key("down")
	}
	if !selectedLineHas(h, "男性の育休、何か月取るか") {
		t.Fatalf("could not select the thread:\n%s", h.screen())
	}
	h.key("enter")
	h.checkFrame()
	h.mustNotShow("件 (よく合うものから)")
	top := strings.Split(h.app.View().Content, "\n")[0]
	if !strings.Contains(top, bgSGR(kit.DefaultStyles().Colors.TabBg)+"m相談") { // the active tab's background
		t.Fatalf("相談 tab is not the active one: %q", top)
	}
	h.mustShow("来春に子どもが生まれる予定です")
}

// selectedLineHas reports whether the selected result (drawn with the
// selection's background) shows s.
func selectedLineHas(h *harness, s string) bool {
	for _, l := range strings.Split(h.app.View().Content, "\n") {
		if strings.Contains(l, bgSGR(kit.DefaultStyles().Colors.SelBg)) && strings.Contains(ansi.Strip(l), s) {
			return true
		}
	}
	return false
}

func TestSearchEscAndNothingFound(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("2", "S")
	h.typeText("LoGoチャット")
	h.checkFrame()
	h.mustShow("LoGoチャット")
	h.key("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("該当なしの語句")
	h.mustShow("「該当なしの語句」は見つかりませんでした")
	h.checkFrame()
	h.key("esc")
	h.mustNotShow("見つかりませんでした")
	h.checkFrame()
}

func TestSearchEnglishAt160x50(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "en", 160, 50)
	h.key("ctrl+k")
	h.typeText("庶務")
	h.checkFrame()
	h.mustShow("found (best first)")
	if !highlighted(h.app.View().Content, "庶務") {
		t.Fatal("庶務 is not highlighted")
	}
}

// TestSearchOpensReplyInItsThread: a reply found by its words opens its
// thread on the 相談 tab.
func TestSearchOpensReplyInItsThread(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("3", "ctrl+k")
	h.typeText("この話をしてもいい")
	h.checkFrame()
	h.mustShow("返信")
	h.mustShow("家族のことを後回しにした後悔")
	h.key("enter")
	h.checkFrame()
	top := strings.Split(h.app.View().Content, "\n")[0]
	if !strings.Contains(top, bgSGR(kit.DefaultStyles().Colors.TabBg)+"m相談") {
		t.Fatalf("相談 tab is not the active one: %q", ansi.Strip(top))
	}
	// The thread opens at the reply found (openMsg.Anchor), marked; the
	// 相談 screen scrolls to it, whatever document arrived before.
	h.mustShow("返信 2/3")
	h.mustShow("の話をしてもいいですか")
	if sel := h.selectedLine(); !strings.Contains(sel, "返信") {
		t.Errorf("the reply found is not the marked post: %q", sel)
	}
}

// A handover note found by a word in one of its sections opens at that
// section, marked; the count says when it is only the first results.
func TestSearchOpensHandoverAtTheSection(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("ctrl+k")
	h.typeText("地方財政小辞典")
	h.mustShow("引き継ぎ")
	h.mustShow("1 件")
	h.mustNotShow("先頭の")
	h.key("enter")
	h.checkFrame()
	if line := h.selectedLine(); !strings.Contains(line, "> ") || !strings.Contains(line, "参考資料") {
		t.Fatalf("the note did not open at its section: %q\n%s", line, h.screen())
	}
}

// The hint of an empty search is read whole at 80 columns: its end said
// that words mixed with Latin letters are found too, and was cut off.
func TestSearchHintWholeAt80(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ lang, end string }{{"ja", "英字まじりの語も探せます"}, {"en", "too"}} {
		h := newDemoHarness(t, c.lang, 80, 24)
		h.key("S")
		screen := strings.ReplaceAll(h.screen(), "\n ", "")
		if !strings.Contains(strings.ReplaceAll(screen, " ", ""), strings.ReplaceAll(c.end, " ", "")) {
			t.Errorf("%s: the hint's end %q is not on the screen:\n%s", c.lang, c.end, h.screen())
		}
		h.checkFrame()
	}
}
