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

// 人 as the people who use it: a trainer finds who took 育休 and opens a
// profile; 高野 葵 reads and writes in her pair's space; her fellow sees
// the badge; the administrator looks at the programme; and everyone else
// finds neither the pair nor a hidden profile.

// as opens a harness on h's database signed in as the staff member name,
// as a second hiroba on the same file would.
func as(t *testing.T, h *harness, name string, w, hh int) *harness {
	t.Helper()
	s, err := h.db.StaffByIDOrName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return startHarness(t, h.db, s.ID, "ja", w, hh)
}

// aoiPair is the id of 高野 葵's pair with 関根 隆.
func aoiPair(t *testing.T, h *harness) string {
	t.Helper()
	pairs, err := h.db.MyPairs(model.WithViewer(context.Background(), h.staff))
	if err != nil || len(pairs) != 1 {
		t.Fatalf("pairs %+v %v", pairs, err)
	}
	return pairs[0].ID
}

// tabBar is the first line: the tabs with their badges.
func (h *harness) tabBar() string { return strings.Split(h.screen(), "\n")[0] }

func TestPeopleSearchAndProfile(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newDemoHarness(t, "ja", size[0], size[1])
			h.key("6")
			h.checkFrame()
			// Nothing typed: one's own profile beside the list, which
			// stays when a moving key or the wheel finds no row to move
			// to (a new user's j cleared it for good).
			h.mustShow("高野 葵  (自分)")
			h.mustShow("/ で探す")
			h.key("j", "down", "k", "G")
			h.send(tea.MouseWheelMsg{X: 3, Y: 5, Button: tea.MouseWheelDown})
			h.send(tea.MouseClickMsg{X: 3, Y: 4, Button: tea.MouseLeft})
			h.mustShow("高野 葵  (自分)")
			h.key("/")
			h.typeText("育休")
			h.key("enter")
			h.checkFrame()
			for _, who := range []string{"矢吹 大地", "岩崎 愛", "松井 恵子", "大河原 真奈"} {
				h.mustShow(who)
			}
			// Why each matched, and 育児休業 found for 育休.
			h.mustShow("経験 育児休業")
			h.mustShow("見つかった理由")
			h.mustNotShow("佐藤 舞") // hidden
			h.golden(fmt.Sprintf("people_search_%dx%d", size[0], size[1]))

			// The municipality filter narrows as one types its name.
			h.key("m")
			h.typeText("須賀")
			h.mustShow("須賀川市")
			h.key("enter")
			h.mustShow("自治体: 須賀川市")
			h.mustShow("1件")
			h.mustShow("矢吹 大地")
			h.mustNotShow("岩崎 愛")

			// @ shows the profile over the screen; esc goes back.
			h.key("@")
			h.checkFrame()
			h.mustShow("プロフィール")
			h.mustShow("子育て支援、住民税")
			h.mustShow("育休取得 (3か月。男性職員で課内初)")
			h.golden(fmt.Sprintf("people_profile_%dx%d", size[0], size[1]))
			h.key("esc")
			h.mustShow("自治体: 須賀川市")
		})
	}
}

func TestPeopleSearchLayerHasPeople(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "ja", 100, 30)
	h.key("S")
	h.typeText("育休")
	h.checkFrame()
	h.mustShow("人 4 人")
	h.mustShow("矢吹 大地")
	h.mustNotShow("佐藤 舞")
	for i := 0; i < 5 && !selectedLineHas(h, "岩崎 愛"); i++ {
		h.key("down")
	}
	h.key("enter")
	h.checkFrame()
	h.mustShow("プロフィール")
	h.mustShow("総務部 人事課") // a past department of 岩崎 愛
	h.key("esc")
	h.mustShow("分類:") // back on コミュニティ, the layer closed
}

func TestProfileFromEveryName(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	// A thread's author, from the list and from the marked post.
	h.key("2", "@")
	h.mustShow("プロフィール")
	h.key("esc", "enter", "@")
	h.mustShow("プロフィール")
	h.key("esc")
	// A community's member, chosen by typing part of the name.
	h.key("1", "@")
	h.mustShow("のメンバー")
	h.typeText("岩崎")
	h.key("enter")
	h.mustShow("プロフィール")
	h.mustShow("岩崎 愛")
	h.key("esc")
	// A handover's predecessor or successor.
	h.key("3", "@")
	h.checkFrame()
	if !strings.Contains(h.screen(), "プロフィールを見る") {
		h.mustShow("プロフィール") // no successor yet: the predecessor at once
	} else {
		h.key("enter")
		h.mustShow("異動歴")
	}
}

func TestPairSpaceWriteAndBadge(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			// The store's clock is a minute past the demo's, at which 関根
			// 隆 read the thread: what 高野 葵 writes is new to him.
			path, staff := demoCopy(t)
			db, err := data.Open(path, data.Options{Now: func() time.Time { return fixedNow.Add(time.Minute) }})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			h := startHarness(t, db, staff, "ja", size[0], size[1])
			// 関根 隆's three messages wait: the tab and the view say so.
			if bar := h.tabBar(); !strings.Contains(bar, "人(3)") {
				t.Fatalf("tab bar %q, want 人(3)", bar)
			}
			h.key("6", "v")
			h.checkFrame()
			h.mustShow("新着") // the space opens at the first new message
			// Shown is read: the badge goes.
			if bar := h.tabBar(); strings.Contains(bar, "人(") {
				t.Fatalf("tab bar %q after reading", bar)
			}
			h.key("enter", "g")
			h.mustShow("関根 隆 さんとの組")
			h.mustShow("ここは二人だけの場所です")
			h.golden(fmt.Sprintf("people_pair_%dx%d", size[0], size[1]))
			h.mustShow("面談")
			h.mustShow("アンケート")

			// Write with the composer; ctrl+s sends.
			h.key("r")
			h.mustShow("関根 隆 さんへのメッセージ")
			h.typeText("来週の面談でよろしくお願いします。")
			h.key("ctrl+s")
			h.checkFrame()
			h.mustShow("関根 隆 さんに送りました")
			h.mustShow("来週の面談でよろしくお願いします。")

			// The other side sees one new message on the tab.
			takashi := as(t, h, "関根 隆", size[0], size[1])
			if bar := takashi.tabBar(); !strings.Contains(bar, "人(1)") {
				t.Fatalf("関根 隆's tab bar %q, want 人(1)", bar)
			}
			takashi.key("6", "v")
			takashi.mustShow("来週の面談でよろしくお願いします。")
			takashi.mustShow("新着")
		})
	}
}

func TestPairMeetingsAndQuestions(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	h.key("6", "v", "n")
	h.mustShow("関根 隆 さんとの面談")
	// An end before the start is refused at its field.
	h.key("tab", "tab")
	for range 5 {
		h.key("backspace")
	}
	h.typeText("09:00")
	h.key("ctrl+s")
	h.mustShow("終わりは始まりより後にしてください")
	for range 5 {
		h.key("backspace")
	}
	h.typeText("18:30")
	h.key("tab")
	h.typeText("本庁舎 3階 小会議室")
	h.key("ctrl+s")
	h.mustShow("関根 隆 さんとの面談を入れました")
	h.mustShow("本庁舎 3階 小会議室")

	// On the calendar of the two, and enter there opens the space.
	h.key("4")
	h.key("t")
	for range 7 {
		h.key("l")
	}
	h.mustShow("面談: 関根 隆")
	h.key("enter")
	if strings.Contains(h.screen(), ">") {
		h.key("enter") // the day had several: choose the 面談
	}
	h.mustShow("フェロー面談 (二人だけに表示)")
	h.key("y")
	h.mustShow("人 タブの組の画面で変えます")
	h.key("enter")
	h.mustShow("[フェロー]")
	h.mustShow("11月27日(金) 17:30-18:30  予定")

	// Cancel it, naming the date; then the three questions.
	h.key("d")
	h.mustShow("取り消す面談")
	h.key("G", "enter")
	h.mustShow("の面談を取り消しますか？")
	h.key("y")
	h.mustShow("の面談を取り消しました")
	h.mustShow("取り消し")
	h.key("f")
	h.mustShow("話しやすさ")
	h.key("5", "tab", "4")
	h.key("ctrl+s")
	h.mustShow("アンケートに答えました")
	// What was answered can be read again, and answering again begins
	// with it (the demo's answer was 5, 4 and 5): only the first changes.
	h.mustShow("は回答済みです")
	h.mustShow("のあなたの回答: 話しやすさ 5")
	h.key("f")
	h.mustShow("話しやすさ")
	h.key("2")
	h.key("ctrl+s")
	h.mustShow("アンケートに答えました")
	h.mustShow("のあなたの回答: 話しやすさ 2")
	me := model.WithViewer(context.Background(), h.staff)
	pairs, err := h.db.MyPairs(me)
	if err != nil || len(pairs) == 0 {
		t.Fatal(pairs, err)
	}
	if mine, err := h.db.MyFeedback(me, pairs[0].ID); err != nil || len(mine) == 0 || mine[0].Ease != 2 || mine[0].Useful != 4 || mine[0].Continue != 5 {
		t.Fatalf("answered again from the last answer: %+v %v", mine, err)
	}

	// Ending asks why, then whether; the space becomes read-only.
	h.key("E", "enter")
	h.mustShow("終了の理由を書いてください")
	h.typeText("異動で時間が取れなくなりました")
	h.key("enter")
	h.mustShow("関根 隆 さんとの組を終了しますか？")
	h.key("y")
	h.mustShow("関根 隆 さんとの組を終了しました")
	h.key("r")
	h.mustShow("この組は終了しています")
}

func TestAdministratorsProgrammeView(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			aoi := newDemoHarness(t, "ja", size[0], size[1])
			h := as(t, aoi, "佐久間 正樹", size[0], size[1])
			h.key("6", "v", "v")
			h.checkFrame()
			h.mustShow("2026年度 新規採用職員フェロー制度")
			h.mustShow("高野 葵 - 関根 隆")
			h.mustShow("[要確認]") // the pair that lapsed
			h.mustShow("最終面談")
			h.golden(fmt.Sprintf("people_programme_%dx%d", size[0], size[1]))
			// Figures, never content.
			for _, secret := range []string{"予算のことでも", "査定資料", "相談室"} {
				h.mustNotShow(secret)
			}
		})
	}
}

func TestAdministratorPairs(t *testing.T) {
	t.Parallel()
	aoi := ownDemoHarness(t, "ja", 100, 30)
	h := as(t, aoi, "佐久間 正樹", 100, 30)
	h.key("6", "v", "v")
	// 大内 里奈's pair ended: she waits for a fellow.
	h.mustShow("フェロー未定")
	h.key("p")
	h.mustShow("提案しました")
	for i := 0; i < 10 && !selectedLineHas(h, "大内 里奈"); i++ {
		h.key("j")
	}
	h.key("P")
	h.mustShow("組むフェロー")
	h.typeText("円谷")
	h.key("enter")
	h.mustShow("大内 里奈 さんを組みました")
	h.mustShow("大内 里奈 - 円谷 沙織")
	h.key("C")
	h.mustShow("1 組を確定しますか？")
	h.key("y")
	h.mustShow("1 組を確定しました")
	// A confirmed pair cannot be swapped: the key says why.
	h.key("w")
	h.mustShow("確定済みです")

	// The invited senior answers from the fellows view.
	daichi := as(t, aoi, "矢吹 大地", 100, 30)
	if bar := daichi.tabBar(); !strings.Contains(bar, "人(1)") {
		t.Fatalf("tab bar %q, want the invitation counted", bar)
	}
	daichi.key("6", "v")
	daichi.mustShow("新規採用職員の話を聞くフェローをお願いできますか")
	daichi.key("enter")
	daichi.mustShow("のフェローを引き受けますか？")
	daichi.mustShow("(y/n)")
	daichi.key("y")
	daichi.mustShow("のフェローを引き受けました")
	daichi.mustShow("組が決まるのを待っています")
}

func TestOwnProfileEditAndHide(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	h.key("6", "e")
	h.mustShow("自分のプロフィール")
	// A past department before the year one joined is refused at its
	// row, which gets the focus.
	h.key("tab", "enter") // the add button after the joined year
	h.typeText("市民部 市民課")
	h.key("tab")
	h.typeText("2010")
	h.key("tab")
	h.typeText("2012")
	h.key("ctrl+s")
	h.mustShow("市民部 市民課: 入庁年度 (2025) より前の年度です")
	h.key("ctrl+x") // the focus is on the row at fault: it goes
	h.mustNotShow("入庁年度 (2025) より前")
	h.key("ctrl+s")
	h.mustShow("プロフィールを保存しました")

	h.key("H")
	h.mustShow("プロフィールを非公開にしました")
	h.mustShow("非公開: 検索に出ず")
	other := as(t, h, "熊田 剛", 100, 30)
	other.key("6", "/")
	other.typeText("予算編成")
	other.key("enter")
	other.mustNotShow("高野 葵")
}

// A third person reaches neither the pair's space nor a hidden profile,
// through any screen: not the 人 tab, the calendar, the search layer, nor
// a pair or person opened by id; an administrator no more than anyone.
func TestPeoplePrivacyForOthers(t *testing.T) {
	t.Parallel()
	aoi := newDemoHarness(t, "ja", 100, 30)
	pair := aoiPair(t, aoi)
	for _, name := range []string{"熊田 剛", "佐久間 正樹"} {
		t.Run(name, func(t *testing.T) {
			h := as(t, aoi, name, 100, 30)
			h.key("6", "v")
			h.mustNotShow("関根 隆 さんとの組")
			h.send(kit.OpenMsg{Kind: kit.OpenPair, ID: pair})
			h.checkFrame()
			h.mustShow("この組は見つかりません")
			for _, secret := range []string{"予算のことでも", "査定資料", "来週の木曜"} {
				h.mustNotShow(secret)
			}
			h.key("4")
			h.mustNotShow("面談: ")
			h.key("S")
			h.typeText("査定資料")
			h.mustShow("見つかりませんでした")
			h.key("esc")

			// 佐藤 舞 hides her profile: search does not find her, and
			// her name opens name, municipality and department alone.
			h.key("S")
			h.typeText("研修の企画")
			h.mustNotShow("佐藤 舞")
			h.key("esc")
			mai, err := h.db.StaffByIDOrName(context.Background(), "佐藤 舞")
			if err != nil {
				t.Fatal(err)
			}
			h.send(kit.OpenMsg{Kind: kit.OpenPerson, ID: mai.ID})
			h.mustShow("佐藤 舞")
			h.mustShow("プロフィールを非公開にしています")
			h.mustNotShow("研修の企画")
			h.mustNotShow("社会福祉課")
		})
	}
}

func TestPeopleEnglish(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "en", 80, 24)
	h.key("6")
	h.checkFrame()
	h.mustShow("[Find]")
	h.mustShow("Happy to be asked about")
	h.key("v", "enter", "g")
	h.checkFrame()
	h.mustShow("You and 関根 隆")
	h.mustShow("Meetings")
}

// Another's message arrives in an open space without a key press.
func TestPeopleTabLiveUpdate(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	h.key("6", "v")
	takashi, err := h.db.StaffByIDOrName(context.Background(), "関根 隆")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.PostPairMessage(model.WithViewer(context.Background(), takashi.ID), aoiPair(t, h), "資料を送りました。"); err != nil {
		t.Fatal(err)
	}
	h.send(ui.LiveTick)
	h.key("enter", "G")
	h.mustShow("資料を送りました。")
}

// A pair's space read beside the list (enter) has its own key line: esc
// and what acts in the space, not the list's enter; for an administrator
// a pair of the programme read the same way has esc.
func TestPeopleKeyLineOfTheSpaceRead(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24) // 高野 葵, with her fellow 関根 隆
	h.key("6", "v")
	h.keyLineOffers([]string{"enter 開く", "r 書く"}, []string{"esc 戻る"})
	h.key("enter")
	h.keyLineOffers([]string{"esc 戻る", "r 書く", "n 面談を入れる"}, []string{"enter 開く"})
	h.key("esc")
	h.keyLineOffers([]string{"enter 開く"}, []string{"esc 戻る"})

	en := startHarness(t, h.db, h.staff, "en", 80, 24)
	en.key("6", "v", "enter")
	en.keyLineOffers([]string{"esc back"}, []string{"enter open"})

	admin := h.asStaff("佐久間 正樹")
	admin.key("6", "v", "v")
	admin.mustShow("[制度]")
	admin.key("enter")
	admin.keyLineOffers([]string{"esc 戻る"}, nil)
}
