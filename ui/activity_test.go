package ui_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"hiroba/model"
	"hiroba/ui"
)

// The 活動 tab, driven by key presses over the demo: 高野 葵 of 財政課,
// whose supervisor is 熊田 剛; 橋本 美咲 near the month's cap; 佐久間 正樹
// the administrator.

// as opens the demo's database again as the staff member named, at the
// same size: the trainer quitting and coming back with --as.
func (h *harness) asStaff(name string) *harness {
	h.t.Helper()
	return startHarness(h.t, h.db, h.other(name).ID, "ja", h.w, h.h)
}

// line returns the first line of the screen that holds s, "" if none.
func (h *harness) line(s string) string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// selectedRow is the line of the row under the cursor, marked with >.
func (h *harness) selectedRow() string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.HasPrefix(l, ">") {
			return l
		}
	}
	return ""
}

// selectPlan moves the list of the 活動 tab to the row titled title.
func selectPlan(h *harness, title string) {
	h.t.Helper()
	h.key("g")
	for i := 0; i < 20; i++ {
		if strings.Contains(h.selectedRow(), title) {
			return
		}
		h.key("j")
	}
	h.t.Fatalf("no plan %q in the list:\n%s", title, h.screen())
}

func TestActivityStaffGolden(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newDemoHarness(t, "ja", size[0], size[1])
			h.key("5")
			h.checkFrame()
			h.mustShow("所属長: 熊田 剛")
			h.mustShow("#実施")
			h.mustShow("> ") // the selection shows without colour
			for _, s := range model.PlanStates {
				h.mustShow(map[model.PlanState]string{model.PlanDraft: "下書き", model.PlanSubmitted: "申請中", model.PlanApproved: "承認済み",
					model.PlanReturned: "差し戻し", model.PlanWithdrawn: "取り下げ", model.PlanDone: "実施済み"}[s])
			}
			h.mustShow("経過")
			h.golden(fmt.Sprintf("activity_staff_%dx%d", size[0], size[1]))
		})
	}
}

func TestActivitySupervisorGolden(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newDemoHarness(t, "ja", size[0], size[1]).asStaff("熊田 剛")
			h.key("5")
			h.mustShow("活動(") // the tab counts the requests waiting
			h.key("v")
			h.checkFrame()
			h.mustShow("[承認待ち")
			h.mustShow("橋本 美咲")
			h.mustShow("上限超過") // her extra day takes her over the cap
			h.golden(fmt.Sprintf("activity_queue_%dx%d", size[0], size[1]))
			h.key("v")
			h.checkFrame()
			h.mustShow("[所属の利用]")
			h.mustShow("上限間近 1人")
			h.golden(fmt.Sprintf("activity_dept_%dx%d", size[0], size[1]))
		})
	}
}

// The whole cycle as a trainer shows it: 高野 writes and submits a plan,
// 熊田 approves it, 高野 records the hours and sees the month's bar move.
func TestActivityCycle(t *testing.T) {
	t.Parallel()
	aoi := ownDemoHarness(t, "ja", 80, 24)
	aoi.key("5")
	before := aoi.line("#実施")
	if !strings.Contains(before, "#実施 1時間30分") {
		t.Fatalf("month before: %q", before)
	}
	aoi.key("n")
	aoi.mustShow("活動計画を立てる")
	aoi.key("tab")
	aoi.typeText("決算統計の勉強会")
	aoi.key("tab", "tab", "tab") // 日付 is today, 終了日 empty
	aoi.typeText("1:30")
	aoi.key("tab")
	aoi.typeText("作業手順を課内で共有するため")
	aoi.key("tab")
	aoi.mustShow("[ 申請する ]")
	aoi.key("enter")
	aoi.mustShow("「決算統計の勉強会」を申請しました")
	if !strings.Contains(aoi.selectedRow(), "決算統計の勉強会") { // the cursor follows the new plan
		t.Errorf("selected %q", aoi.selectedRow())
	}
	aoi.mustShow("+申請中 1時間30分")

	kumada := aoi.asStaff("熊田 剛")
	kumada.key("5", "v")
	selectPlan(kumada, "決算統計の勉強会")
	kumada.mustShow("高野 葵")
	kumada.key("a")
	kumada.mustShow("承認: 「決算統計の勉強会」(高野 葵)")
	kumada.typeText("課内の共有をお願いします")
	kumada.key("enter")
	kumada.mustShow("「決算統計の勉強会」(高野 葵)を承認しました")
	if strings.Contains(kumada.screen(), "11/20(金) 決算統計の勉強会") {
		t.Errorf("approved, still waiting:\n%s", kumada.screen())
	}

	aoi = kumada.asStaff("高野 葵")
	aoi.key("5")
	aoi.mustShow("=承認 1時間30分")
	selectPlan(aoi, "決算統計の勉強会")
	aoi.mustShow("課内の共有をお願いします") // the supervisor's comment
	aoi.key("t")
	aoi.mustShow("実績を記録: 「決算統計の勉強会」 (承認 1時間30分)")
	aoi.key("ctrl+u")
	aoi.typeText("1:15")
	aoi.key("enter")
	aoi.mustShow("「決算統計の勉強会」の実績1時間15分を記録しました")
	after := aoi.line("#実施")
	if !strings.Contains(after, "#実施 2時間45分") || !strings.Contains(after, "=承認 0分") {
		t.Errorf("month after recording: %q", after)
	}
	aoi.checkFrame()
}

// The bar of the month grows with the hours done.
func TestActivityBarMoves(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("5")
	done := func() int { return strings.Count(h.line("11月  "), "#") }
	start := done()
	h.key("n", "tab")
	h.typeText("予算書の読み方講座")
	h.key("tab", "tab", "tab")
	h.typeText("7:45")
	h.key("tab")
	h.typeText("予算査定の前に基礎を学ぶ")
	h.key("tab", "enter")
	kumada := h.asStaff("熊田 剛")
	kumada.key("5", "v")
	selectPlan(kumada, "予算書の読み方講座")
	kumada.key("a", "enter")
	kumada.mustShow("を承認しました")
	h = kumada.asStaff("高野 葵")
	h.key("5")
	selectPlan(h, "予算書の読み方講座")
	h.key("t", "enter")
	h.mustShow("を記録しました")
	if got := done(); got <= start {
		t.Errorf("the month's bar has %d cells done, as before (%d):\n%s", got, start, h.screen())
	}
}

// What the data layer refuses shows under the field at fault, which takes
// the cursor; nothing is saved.
func TestActivityFormErrorsAtTheirField(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("5", "n", "tab")
	h.typeText("土曜の勉強会")
	h.key("tab", "ctrl+u")
	h.typeText("2026-11-21") // a Saturday
	h.key("tab", "tab")
	h.typeText("1.5")
	h.key("tab")
	h.typeText("自主的に学ぶため")
	h.key("tab", "enter")
	lines := strings.Split(h.screen(), "\n")
	at := -1
	for i, l := range lines {
		if strings.Contains(l, "日付") && strings.Contains(l, "2026-11-21") {
			at = i
		}
	}
	if at < 0 || !strings.Contains(lines[at+1], "勤務日がありません") {
		t.Fatalf("the refusal is not under 日付:\n%s", h.screen())
	}
	if c := h.app.View().Cursor; c == nil || c.Y != at {
		t.Errorf("cursor %+v, want on line %d (日付)", c, at)
	}
	// Hours that cannot be read are refused before anything is sent.
	h.key("tab", "tab", "ctrl+u")
	h.typeText("一時間")
	h.key("ctrl+s")
	h.mustShow("時間は 1.5 や 1:30 のように入力してください")
	h.key("ctrl+u")
	h.typeText("1:30")
	h.key("shift+tab", "shift+tab", "ctrl+u")
	h.typeText("11/24")
	h.key("ctrl+s")
	h.mustShow("「土曜の勉強会」を下書きに保存しました")
	h.mustShow("> 土曜の勉強会")
}

// A key that cannot act says why.
func TestActivityKeysSayWhy(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("5", "v")
	h.mustShow("承認待ちと所属の利用は、所属長と管理者だけが見られます")
	h.key("a")
	h.mustShow("自分の活動計画は自分では判断できません")
	selectPlan(h, "産休・育休カフェ")
	h.key("s")
	h.mustShow("取り下げられた計画は申請できません")
	h.key("d")
	h.mustShow("取り下げられた計画は削除できません")
	selectPlan(h, "歳入予算の編成・地方交付税")
	h.key("d")
	h.mustShow("下書き「歳入予算の編成・地方交付税」を削除しますか? 元に戻せません (y/n)")
	h.key("n")
	h.mustShow("> 歳入予算の編成・地方交付税")
	h.key("d", "y")
	h.mustShow("下書き「歳入予算の編成・地方交付税」を削除しました")
	h.mustNotShow("歳入予算の編成・地方交付税 ")
}

// A plan that takes the month over the cap needs the supervisor's
// explicit yes and a reason.
func TestActivityOverCapNeedsAReason(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24).asStaff("熊田 剛")
	h.key("5", "v")
	selectPlan(h, "申告受付会場の応援")
	h.key("a")
	h.mustShow("「申告受付会場の応援（追加）」(橋本 美咲): 上限を超えて承認しますか? (y/n)")
	h.key("y")
	h.mustShow("上限を超えて承認: 「申告受付会場の応援（追加）」(橋本 美咲)")
	h.key("enter")
	h.mustShow("理由を入力してください")
	h.typeText("最終週の窓口が混むため、課として応援を優先する")
	h.key("enter")
	h.mustShow("を承認しました")
	h.mustNotShow("11/30(月) 申告受付会場の応援（追加）")
	// Returning needs a comment.
	h.key("g", "r", "enter")
	h.mustShow("理由を入力してください")
	h.key("esc")
}

// The inbox shows a decision on a plan as such and opens the plan in 活動.
func TestActivityFromTheInbox(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("i")
	row := h.line("観光SNS発信スキル研修")
	if !strings.Contains(row, "差し戻し") {
		t.Fatalf("inbox row %q:\n%s", row, h.screen())
	}
	h.key("g")
	for i := 0; i < 10 && !strings.HasPrefix(h.line("観光SNS発信スキル研修"), ">"); i++ {
		h.key("j")
	}
	h.key("enter")
	h.mustShow("活動 (20%ルール)")
	h.mustShow("決算審査の資料作成と重なるため")
	h.mustShow("経過")
	h.key("esc")
	h.mustShow("計画 6件")
	h.key("i")
	h.mustNotShow("観光SNS発信スキル研修") // read now
}

// Applying to a call with a supervisor files a plan; where nobody is
// supervisor, the self-declared agreement stays and says why.
func TestActivityApplyToACall(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.openThreadTitled("【繁忙期応援】市県民税の申告受付の補助")
	h.key("s")
	h.mustShow("活動計画を立てる")
	h.mustShow("【繁忙期応援】市県民税の申告受付の補助")
	h.mustShow("応募コメント")
	h.mustShow("熊田 剛 (財務部 財政課)")

	suka := h.asStaff("矢吹 大地")
	suka.openThreadTitled("【繁忙期応援】市県民税の申告受付の補助")
	suka.key("s")
	suka.mustShow("所属長の了承を得ましたか")
}

// Saying 参加 to an occurrence that counts under the 20% rule offers to
// plan it.
func TestActivityOfferAfterRSVP(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	h.key("4", "j", "h", "enter") // 11月26日(木): 庶務担当者の会（旅費）
	h.mustShow("庶務担当者の会（旅費）")
	h.key("y")
	h.mustShow("20%ルールの活動計画を立てますか？")
	h.key("y")
	h.mustShow("活動計画を立てる")
	h.mustShow("庶務担当者の会（旅費）")
	h.mustShow("(イベントの日時)")
}

// An administrator marks a supervisor with a scope and sets the working
// day of a municipality.
func TestActivityAdministrators(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30).asStaff("佐久間 正樹")
	h.key("M")
	for i := 0; i < 60 && !strings.HasPrefix(h.line("高野 葵"), ">"); i++ {
		h.key("j")
	}
	h.mustShow("郡山市 の1日の勤務時間 7時間45分")
	h.key("s")
	h.mustShow("高野 葵 さんを所属長にする")
	h.mustShow("範囲: 財務部 財政課")
	h.key("enter")
	h.mustShow("高野 葵 さんを 財務部 財政課 の所属長にしました")
	if !strings.Contains(h.line("高野 葵"), "所属長") {
		t.Errorf("row %q", h.line("高野 葵"))
	}
	h.key("w", "ctrl+u")
	h.typeText("7:30")
	h.key("enter")
	h.mustShow("郡山市 の1日の勤務時間を 7時間30分 にしました")
	h.mustShow("郡山市 の1日の勤務時間 7時間30分")
	h.key("s")
	h.mustShow("高野 葵 さんを所属長から外しますか?")
	h.key("y")
	h.mustShow("高野 葵 さんを所属長から外しました")

	// Everyone sees who their supervisor is; 高野 now decides for no one.
	aoi := h.asStaff("高野 葵")
	aoi.key("5")
	aoi.mustShow("所属長: 熊田 剛")
	aoi.mustShow("上限 28時間30分") // 19 days of 7h30m, 20%
}

// Writing a handover note and joining an idea's team offer a plan too.
func TestActivityOfferAfterNoteAndTeam(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 100, 30)
	h.key("3", "n")
	h.typeText("固定資産税の課税台帳")
	h.key("ctrl+s")
	h.mustShow("20%ルールの活動計画を立てますか？")
	h.key("y")
	h.mustShow("活動計画を立てる")
	h.mustShow("引き継ぎ")
	h.mustShow("固定資産税の課税台帳")
	h.key("esc")

	k := h.asStaff("橋本 美咲")
	k.openThreadTitled("税外収入のアイデア出しをしたい")
	k.key("s")
	k.mustShow("20%ルールの活動計画を立てますか？")
	k.mustShow("のチームに加わりました")
	k.key("y")
	k.mustShow("活動計画を立てる")
	k.mustShow("税外収入のアイデア出しをしたい")
}

// A decision taken at another desk shows on the open tab without a key
// press, the cursor staying on its plan.
func TestActivityLiveUpdate(t *testing.T) {
	t.Parallel()
	h, other, _ := twoDesks(t)
	h.key("5")
	selectPlan(h, "【企画参画】")
	h.mustShow("申請中   12/1(火)")
	kumada := h.other("熊田 剛")
	ctx := model.WithViewer(context.Background(), kumada.ID)
	q, err := other.Queue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range q {
		if strings.HasPrefix(r.Plan.Title, "【企画参画】") {
			if err := other.ApprovePlan(ctx, r.Plan.ID, model.Decision{Comment: "予算の時期は外してください"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.db.LookNow() // Changes reads data_version at most every 150 ms
	h.send(ui.LiveTick)
	h.mustShow("承認済み 12/1(火)")
	h.mustShow("予算の時期は外して")
	if !strings.Contains(h.selectedRow(), "【企画参画】") {
		t.Errorf("the cursor left the plan: %q", h.selectedRow())
	}
	h.mustShow("=承認 2時間") // December is not this month; the year moves
	h.checkFrame()
}

// In English every word of the tab is English.
func TestActivityEnglish(t *testing.T) {
	t.Parallel()
	h := newDemoHarness(t, "en", 80, 24)
	h.key("5")
	h.checkFrame()
	h.mustShow("Activity (20% rule)")
	h.mustShow("Supervisor: 熊田 剛")
	h.mustShow("#done 1h30m")
	h.mustShow("Returned")
	// The month by its name; the longest state apart from the date.
	h.mustShow("Nov  ")
	h.mustNotShow("Month 11")
	h.mustShow("Withdrawn 12/11 Fri")
	h.key("v")
	h.mustShow("Only supervisors and administrators")
	h.key("n")
	h.mustShow("New activity plan")
	h.key("ctrl+s")
	h.mustShow("Enter hours such as 1.5 or 1:30")
	for _, l := range strings.Split(h.screen(), "\n")[1:] {
		for _, word := range []string{"計画", "時間", "所属", "申請", "承認"} {
			if strings.Contains(l, word) {
				t.Errorf("Japanese %q in English: %q", word, l)
			}
		}
	}
}

// A returned plan is changed and sent again.
func TestActivityEditAndResubmit(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("5")
	selectPlan(h, "観光SNS発信スキル研修")
	h.mustShow("決算審査の資料作成と重な") // the supervisor's reason
	h.key("e")
	h.mustShow("活動計画を変更: 観光SNS発信スキル研修（オンライン）")
	h.key("shift+tab", "shift+tab", "shift+tab", "ctrl+u") // 目的, 時間, 終了日, 日付
	h.typeText("2026-12-14")
	h.key("tab", "tab", "tab", "tab", "enter")
	h.mustShow("「観光SNS発信スキル研修（オンライン）」を申請しました")
	if row := h.selectedRow(); !strings.Contains(row, "観光SNS") {
		t.Fatalf("selected %q", row)
	}
	h.mustShow("申請中   12/14(月)")
}

// A supervisor takes an approval back from the department view, with a
// reason; the person is told in the inbox.
func TestActivityRevokeFromTheDepartment(t *testing.T) {
	t.Parallel()
	k := ownDemoHarness(t, "ja", 80, 24).asStaff("熊田 剛")
	k.key("5", "v", "v")
	for i := 0; i < 10 && !strings.Contains(k.selectedRow(), "高野 葵"); i++ {
		k.key("j")
	}
	k.key("enter")
	k.mustShow("高野 葵 さんの計画 5件") // her drafts are hers alone
	selectPlan(k, "相談タイム")
	k.key("R")
	k.mustShow("承認を取り消す: 「相談タイム（毎月第3水曜日）」(高野 葵)")
	k.typeText("12月は予算査定が重なるため")
	k.key("enter")
	k.mustShow("の承認を取り消しました")
	k.key("esc")
	k.mustShow("[所属の利用]")

	aoi := k.asStaff("高野 葵")
	aoi.key("i")
	if row := aoi.line("相談タイム"); !strings.Contains(row, "承認取消") {
		t.Errorf("inbox row %q:\n%s", row, aoi.screen())
	}
}

// What a plan is for is picked from a list that narrows as one types.
func TestActivityPickTarget(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	h.key("5", "n", "right") // 自由記述 -> コミュニティ
	h.mustShow("コミュニティ  < >")
	h.key("tab")
	h.typeText("庶務")
	h.mustShow("コミュニティを選ぶ")
	h.mustShow("> 庶務担当者の会")
	h.mustNotShow("産休・育休カフェ")
	if c := h.app.View().Cursor; c == nil {
		t.Error("no cursor in the picker's field")
	}
	h.key("enter")
	h.mustNotShow("コミュニティを選ぶ")
	h.mustShow("対象             庶務担当者の会")
	h.key("tab", "tab")
	h.typeText("1")
	h.key("tab")
	h.typeText("照会回答の管理表を共有するため")
	h.key("ctrl+s")
	h.mustShow("「庶務担当者の会」を下書きに保存しました")
	if !strings.Contains(h.selectedRow(), "庶務担当者の会") {
		t.Errorf("selected %q", h.selectedRow())
	}
}

// The occurrence of 相談タイム that 高野 葵's approved plan is for is
// cancelled: her inbox says so, her plan shows the step in its history,
// and 熊田 剛, who approved it, is told whose plan it was.
func TestActivityCancelledOccurrenceInTheInbox(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24)
	p, e := consultationPlan(t, h)
	if err := h.db.CancelOccurrence(h.as(e.CreatedBy), e.ID, *p.Target.OccurrenceStart); err != nil {
		t.Fatal(err)
	}

	h = startHarness(t, h.db, h.staff, "ja", 80, 24)
	h.key("i")
	if row := h.line("相談タイム（毎月第3水曜日）"); !strings.Contains(row, "予定中止") {
		t.Fatalf("inbox row %q:\n%s", row, h.screen())
	}
	h.checkFrame()
	h.key("g")
	for i := 0; i < 10 && !strings.HasPrefix(h.line("相談タイム（毎月第3水曜日）"), ">"); i++ {
		h.key("j")
	}
	h.key("enter")
	h.mustShow("取り下げ")
	h.mustShow("予定の中止")
	h.checkFrame()

	boss := h.asStaff("熊田 剛")
	boss.key("i")
	if row := boss.line("相談タイム（毎月第3水曜日）"); !strings.Contains(row, "予定中止") {
		t.Fatalf("the supervisor's inbox row %q:\n%s", row, boss.screen())
	}
	boss.mustShow("高野 葵")
}

// A plan read beside the list (enter) has its own key line: esc, and the
// keys that act on it for the one who reads, by its state; the list's
// keys (enter, n) are gone. The same in the supervisor's queue.
func TestActivityKeyLineOfThePlanRead(t *testing.T) {
	t.Parallel()
	h := ownDemoHarness(t, "ja", 80, 24) // 高野 葵
	h.key("5")
	selectPlan(h, "相談タイム") // approved, and ahead: nothing to submit or record
	h.keyLineOffers([]string{"enter 開く", "n 計画を立てる"}, []string{"s 申請", "t 実績を記録"})
	selectPlan(h, "歳入予算の編成") // a draft: the list offers to submit it
	h.keyLineOffers([]string{"enter 開く", "n 計画を立てる", "s 申請"}, []string{"esc 戻る"})
	h.key("enter")
	h.keyLineOffers([]string{"esc 戻る", "s 申請", "e 変更", "d 下書きを削除"}, []string{"enter 開く", "n 計画を立てる", "W 取り下げ", "a 承認"})
	h.key("esc")
	selectPlan(h, "観光SNS")
	h.key("enter")
	h.keyLineOffers([]string{"esc 戻る", "s 申請", "W 取り下げ"}, []string{"d 下書きを削除", "t 実績を記録"})

	boss := h.asStaff("熊田 剛")
	boss.key("5", "v")
	boss.mustShow("承認待ち")
	boss.key("enter")
	boss.keyLineOffers([]string{"esc 戻る", "a 承認", "r 差し戻し"}, []string{"enter 開く", "s 申請", "R 承認を取り消す"})
}
