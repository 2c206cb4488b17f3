package ui_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui"
	"hiroba/ui/kit"
)

func TestScreensHoldLayout(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := ownDemoHarness(t, "ja", size[0], size[1])
			for _, tab := range []string{"1", "2", "3", "4"} {
				h.key(tab)
				h.checkFrame()
				// The detail pane scrolls without breaking the frame.
				h.key("enter", "pgdown", "pgdown")
				h.checkFrame()
				h.key("esc", "down", "down")
				h.checkFrame()
			}
		})
	}
}

func TestEnglish(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "en", 80, 24)
	h.checkFrame()
	h.mustShow("Communities")
	h.mustShow("Category:")
	h.golden("tab1_en_80x24")
}

func TestTooSmall(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.send(tea.WindowSizeMsg{Width: 70, Height: 20})
	got := h.screen()
	if strings.Count(got, "\n") != 0 || !strings.Contains(got, "80 x 24") {
		t.Fatalf("want one line asking for 80 x 24, got %q", got)
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.checkFrame()
}

func TestTabSwitching(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 100, 30)
	// Each screen names itself on the line under the tab bar.
	active := func() string {
		header := strings.Split(h.screen(), "\n")[1]
		for prefix, name := range map[string]string{"分類:": "コミュニティ", "相談の一覧": "相談", "引き継ぎ書の一覧": "引き継ぎ", "今日 11月20日": "カレンダー", "活動 (20%ルール)": "活動", "[探す]": "人"} {
			if strings.Contains(header, prefix) {
				return name
			}
		}
		return header
	}
	if got := active(); got != "コミュニティ" {
		t.Fatalf("first tab %q", got)
	}
	for _, step := range [][2]string{{"2", "相談"}, {"3", "引き継ぎ"}, {"4", "カレンダー"}, {"5", "活動"}, {"1", "コミュニティ"}, {"5", "活動"}} {
		h.key(step[0])
		if got := active(); got != step[1] {
			t.Fatalf("key %s showed %q", step[0], got)
		}
	}
	for _, step := range [][2]string{{"tab", "人"}, {"tab", "コミュニティ"}, {"shift+tab", "人"}, {"shift+tab", "活動"}, {"6", "人"}, {"5", "活動"}, {"4", "カレンダー"}} {
		h.key(step[0])
		if got := active(); got != step[1] {
			t.Fatalf("%s went to %q, want %s", step[0], got, step[1])
		}
	}
	// A click on the 相談 tab.
	first := strings.Split(h.screen(), "\n")[0]
	h.send(tea.MouseClickMsg{X: cellOf(first, "相談"), Y: 0, Button: tea.MouseLeft})
	if got := active(); got != "相談" {
		t.Fatalf("click went to %q", got)
	}
}

// cellOf is the terminal column where sub begins in line.
func cellOf(line, sub string) int {
	i := strings.Index(line, sub)
	w := 0
	for _, r := range line[:i] {
		if r > 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func TestHelpAndQuit(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("?")
	h.mustShow("キー操作")
	h.mustShow("参加/退会")
	h.checkFrame()
	h.key("?")
	h.mustNotShow("キー操作")
	h.key("q")
	if !h.quit {
		t.Fatal("q did not quit")
	}
}

func TestCommunityFilters(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 100, 30)
	t.Run("Category", func(t *testing.T) {
		h.key("c")
		h.mustShow("分類: 学び合い")
		list, total, err := h.db.FindCommunities(model.WithViewer(context.Background(), h.staff), model.CommunityFilter{Category: model.CategoryLearning})
		if err != nil || total == 0 {
			t.Fatal(total, err)
		}
		h.mustShow(fmt.Sprintf("%d件", total))
		h.mustShow(list[0].Name)
		h.key("x")
		h.mustShow("分類: すべて")
	})
	t.Run("NameFilter", func(t *testing.T) {
		h.key("/")
		h.typeText("育休")
		h.key("enter")
		h.mustShow("産休・育休カフェ")
		h.mustShow("1件")
		// While typing, q is text: the app did not quit.
		h.key("/")
		h.typeText("q")
		if h.quit {
			t.Fatal("q typed into the filter quit the app")
		}
		h.key("backspace", "enter", "x")
	})
	t.Run("Municipality", func(t *testing.T) {
		h.key("m")
		h.mustShow("自治体を選ぶ")
		h.checkFrame()
		h.key("down") // 広域圏
		h.key("enter")
		h.mustShow("自治体: 広域圏")
		h.checkFrame()
	})
}

func TestJoinAndLeave(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	ctx := model.WithViewer(context.Background(), h.staff)
	list, _, err := h.db.FindCommunities(ctx, model.CommunityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// Walk to the first community the demo person has not joined.
	idx := -1
	for i, c := range list {
		if c.ViewerRole == "" {
			idx = i
			break
		}
	}
	if idx < 0 {
		t.Fatal("the demo person belongs to every community")
	}
	for i := 0; i < idx; i++ {
		h.key("down")
	}
	before := list[idx].MemberCount
	h.key("s")
	h.mustShow("に参加しました")
	c, err := h.db.CommunityByID(ctx, list[idx].ID)
	if err != nil || c.MemberCount != before+1 || c.ViewerRole != model.MemberRegular {
		t.Fatalf("after join: %+v %v", c, err)
	}
	h.mustShow(fmt.Sprintf("%d人", before+1))
	h.key("s")
	h.mustShow("退会しますか")
	h.key("n")
	if c, _ := h.db.CommunityByID(ctx, list[idx].ID); c.ViewerRole == "" {
		t.Fatal("n left the community")
	}
	h.key("s", "y")
	h.mustShow("から退会しました")
	if c, _ := h.db.CommunityByID(ctx, list[idx].ID); c.MemberCount != before || c.ViewerRole != "" {
		t.Fatalf("after leave: %+v", c)
	}
}

func TestCreateCommunity(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("n")
	h.mustShow("コミュニティを作る")
	h.mustShow("esc: やめる") // the form's keys fit at 80 columns
	h.mustNotShow("q 終了")  // q is text in the form, not quit
	h.checkFrame()
	// Saving with no name is refused inside the form.
	h.key("ctrl+s")
	h.mustShow("入力してください")
	h.mustShow("コミュニティを作る")
	h.typeText("窓口DX勉強会")
	h.key("tab")
	h.key("right", "right") // 学び合い -> 経験の共有 -> 相談
	h.key("tab", "tab", "tab")
	h.typeText("書かない窓口を一緒に考えます")
	h.key("tab")
	h.typeText("# 目的\n\n窓口のデジタル化について話します。")
	if cur := h.app.View().Cursor; cur == nil {
		t.Fatal("no real cursor in the description field")
	}
	h.checkFrame()
	h.key("ctrl+s")
	h.mustShow("「窓口DX勉強会」を作成しました")
	ctx := model.WithViewer(context.Background(), h.staff)
	list, _, err := h.db.FindCommunities(ctx, model.CommunityFilter{Query: "窓口DX"})
	if err != nil || len(list) != 1 {
		t.Fatalf("created community not found: %v %v", list, err)
	}
	c := list[0]
	if c.Category != model.CategoryConsultation || c.ViewerRole != model.MemberOrganiser || !strings.Contains(c.Description, "窓口のデジタル化") {
		t.Fatalf("saved %+v", c)
	}

	// The organiser edits it: the form opens filled in.
	h.key("x")
	h.key("/")
	h.typeText("窓口DX")
	h.key("enter", "e")
	h.mustShow("コミュニティを編集")
	h.mustShow("窓口DX勉強会")
	h.typeText("（第2期）")
	h.key("ctrl+s")
	h.mustShow("を保存しました")
	if c, _ := h.db.CommunityByID(ctx, c.ID); c.Name != "窓口DX勉強会（第2期）" {
		t.Fatalf("edited name %q", c.Name)
	}
}

func TestEditNeedsOrganiser(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	ctx := model.WithViewer(context.Background(), h.staff)
	list, _, _ := h.db.FindCommunities(ctx, model.CommunityFilter{})
	for i, c := range list {
		if c.ViewerRole != model.MemberOrganiser {
			for j := 0; j < i; j++ {
				h.key("down")
			}
			h.key("e")
			h.mustShow("編集できるのは世話役だけです")
			h.mustNotShow("コミュニティを編集")
			return
		}
	}
	t.Fatal("no community the demo person does not organise")
}

func TestFormEscapeKeepsWorkUntilConfirmed(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("n")
	h.typeText("下書き")
	h.key("esc")
	h.mustShow("書いた内容を捨てて閉じますか？")
	h.key("n")
	h.mustShow("下書き")
	h.key("ctrl+c")
	if h.quit {
		t.Fatal("ctrl+c quit with unsaved input without asking")
	}
	h.mustShow("保存していない入力があります")
	h.key("n")
	h.key("esc", "y")
	h.mustNotShow("コミュニティを作る")
}

func TestReadOnlyNotice(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	path := h.db.Path
	h.db.Close()
	ro, err := data.Open(path, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	app := ui.New(ui.Config{Store: ro, Lang: "ja", StaffID: h.staff, ReadOnly: ro.ReadOnly, Now: func() time.Time { return fixedNow }, Location: jst, NoWait: true})
	r := &harness{t: t, app: app, w: 80, h: 24, db: ro, staff: h.staff}
	r.run(app.Init())
	r.send(teaSize(80, 24))
	r.checkFrame()
	if first := strings.Split(r.screen(), "\n")[0]; !strings.Contains(first, "読み取り専用") {
		t.Fatalf("no read-only notice on the tab bar: %q", first)
	}
	r.key("n")
	r.mustNotShow("コミュニティを作る")
}

func TestFormPreview(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	h.key("n", "tab", "tab", "tab", "tab", "tab")
	h.typeText("## 目的\n\n- 窓口の**デジタル化**")
	h.key("ctrl+p")
	h.mustShow("プレビュー")
	h.mustShow("## 目的")
	h.mustNotShow("**デジタル化**")
	h.checkFrame()
	h.key("ctrl+p")
	h.mustShow("**デジタル化**")
}

// A search result for a community shows it, whatever the list holds.
func TestOpenCommunityFromSearch(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	list, _, err := h.db.FindCommunities(model.WithViewer(context.Background(), h.staff), model.CommunityFilter{Query: "庶務担当者の会"})
	if err != nil || len(list) != 1 {
		t.Fatalf("community %v %v", list, err)
	}
	h.key("2")
	h.send(kit.OpenMsg{Kind: kit.OpenCommunity, ID: list[0].ID})
	h.mustShow("コミュニティ  庶務担当者の会")
	h.checkFrame()
}

// A community opens as a page of its own: its threads and events are
// chosen with j and k and open with enter on their tabs; n posts a
// thread or makes an event in it.
func TestCommunityPage(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		h := ownDemoHarness(t, "ja", size[0], size[1])
		for i := 0; i < 16 && !strings.Contains(h.selectedLine(), "産休・育休カフェ"); i++ {
			h.key("j")
		}
		h.key("enter")
		h.mustShow("コミュニティ  産休・育休カフェ")
		h.checkFrame()
		unmarked := strings.Split(h.screen(), "\n")
		h.key("j")
		first := h.selectedLine()
		if !strings.HasPrefix(first, " > ") {
			t.Fatalf("j did not mark the first thread: %q\n%s", first, h.screen())
		}
		// The mark takes the row's indent: the row's words stay where
		// they were.
		words := []rune(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(first), ">")))[:6]
		for _, l := range unmarked {
			if at := strings.Index(l, string(words)); at >= 0 && at != strings.Index(first, string(words)) {
				t.Errorf("marked, the row moved:\n%q\n%q", l, first)
			}
		}
		h.key("j")
		if h.selectedLine() == first {
			t.Fatalf("j did not move the mark:\n%s", h.screen())
		}
		h.key("k", "enter")
		h.mustShow("相談の一覧")
		if !strings.Contains(h.screen(), strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(first), ">"))[:9]) {
			t.Fatalf("the thread %q did not open:\n%s", first, h.screen())
		}
		// esc goes back to the page the thread was opened from, as the key
		// line says (a new user found themselves on the whole list).
		h.mustShow("esc コミュニティへ戻る")
		h.key("esc")
		h.mustShow("コミュニティ  産休・育休カフェ")

		// Back on the page: a new thread in the community.
		h.key("1", "n")
		h.mustShow("「産休・育休カフェ」に")
		h.key("enter")
		h.mustShow("新しい投稿")
		h.mustShow("産休・育休カフェ")
		h.key("esc")

		// An event in it.
		h.key("1", "n", "j", "enter")
		h.mustShow("予定を作る")
		h.mustShow("産休・育休カフェ")
		h.key("esc")
		h.key("1", "esc")
		h.mustShow("分類:") // the list again
	}
}

// A later occurrence of a monthly event on a community's page opens on
// its own date in the calendar, not on the series' next (review: the row
// of 2月12日 showed 12月11日).
func TestCommunityPageOpensTheOccurrenceChosen(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	for i := 0; i < 16 && !strings.Contains(h.selectedLine(), "産休・育休カフェ"); i++ {
		h.key("j")
	}
	h.key("enter", "G", "k")
	row := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(h.selectedLine()), ">"))
	when, _, ok := strings.Cut(row, "  ")
	if !ok || !strings.Contains(when, "月") {
		t.Fatalf("no event row marked: %q\n%s", row, h.screen())
	}
	h.key("enter")
	h.mustShow(when + "-") // the occurrence's start, then its end
}

// After an event form opened from a community's page, h and left still
// move the calendar by day; esc alone goes back to the page (review: h
// went back too).
func TestBackFromAnotherTabIsEscOnly(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	for i := 0; i < 16 && !strings.Contains(h.selectedLine(), "産休・育休カフェ"); i++ {
		h.key("j")
	}
	h.key("enter", "n", "j", "enter")
	h.mustShow("予定を作る")
	h.key("esc") // the form, kept as a draft or not
	h.mustShow("esc コミュニティへ戻る")
	h.key("h", "left")
	h.mustNotShow("コミュニティ  産休・育休カフェ")
	h.mustShow("esc コミュニティへ戻る")
	h.key("esc")
	h.mustShow("コミュニティ  産休・育休カフェ")
}

// The community page reads like the rest of the app: its text starts one
// column in, and the summary line wraps rather than being cut.
func TestCommunityPageMarginAndSummary(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 80, 24)
	list, _, err := h.db.FindCommunities(model.WithViewer(context.Background(), h.staff), model.CommunityFilter{Query: "庶務担当者の会"})
	if err != nil || len(list) != 1 {
		t.Fatalf("community %v %v", list, err)
	}
	h.send(kit.OpenMsg{Kind: kit.OpenCommunity, ID: list[0].ID})
	h.mustShow("コミュニティ  庶務担当者の会")
	h.checkFrame()
	lines := strings.Split(h.screen(), "\n")
	body := lines[1 : len(lines)-1] // under the tab bar, above the key line
	var text strings.Builder
	for i, l := range body {
		if l != "" && l[0] != ' ' {
			t.Errorf("line %d starts at column 0: %q", i+1, l)
		}
		text.WriteString(strings.TrimSpace(l))
		if strings.Contains(l, "…") {
			t.Errorf("line %d is cut: %q", i+1, l)
		}
	}
	if summary := list[0].Summary; !strings.Contains(text.String(), summary) {
		t.Errorf("the summary %q is not shown whole:\n%s", summary, h.screen())
	}
	h.golden("community_page_80x24")
}

// The pane beside the list says how many members the selected community
// has, whole, in both languages and at every size: at 80x24 the header
// line (category, place, visibility, members) is wider than the pane, and
// in English the list's rows leave the count to the pane.
func TestCommunityPaneShowsMemberCount(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ja", "en"} {
		for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 36}} {
			t.Run(fmt.Sprintf("%s_%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				h := newDemoHarness(t, lang, size[0], size[1])
				format := map[string]string{"ja": "メンバー %d人", "en": "Members: %d"}[lang]
				for range 6 {
					h.checkFrame()
					var pane []string
					for _, l := range strings.Split(h.screen(), "\n")[2:] {
						if _, right, ok := strings.Cut(l, "|"); ok {
							pane = append(pane, right)
						}
					}
					name := strings.TrimSpace(pane[0])
					list, _, err := h.db.FindCommunities(model.WithViewer(context.Background(), h.staff), model.CommunityFilter{Query: name})
					if err != nil {
						t.Fatal(err)
					}
					count := -1
					for _, c := range list {
						if c.Name == name {
							count = c.MemberCount
						}
					}
					if count < 0 {
						t.Fatalf("no community named %q:\n%s", name, h.screen())
					}
					// Within the pane's first lines, not further down where
					// the member list has a heading of its own.
					if want := fmt.Sprintf(format, count); !strings.Contains(strings.Join(pane[:3], "\n"), want) {
						t.Errorf("the pane for %s does not say %q under its name:\n%s", name, want, h.screen())
					}
					h.key("j")
				}
			})
		}
	}
}
