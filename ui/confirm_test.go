package ui_test

import (
	"strings"
	"testing"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// question is the y/n question the frame asks: the lines at its bottom
// drawn wholly in the Confirm style, joined; "" when the status line
// asks nothing. A line in that style anywhere else fails the test: a
// question has one place.
func (h *harness) question() string {
	h.t.Helper()
	st := kit.NewStyles(h.app.Theme())
	frame := h.app.View().Content
	in := kittest.DrawnIn(frame, st, st.Confirm)
	lines := strings.Split(h.screen(), "\n")
	from := len(lines)
	for from > 1 && in[from-1] {
		from--
	}
	for i := 1; i < from; i++ {
		if in[i] {
			h.t.Fatalf("line %d, above the status line, is drawn as a question: %q", i, lines[i])
		}
	}
	var q []string
	for _, l := range lines[from:] {
		q = append(q, strings.TrimSpace(l))
	}
	return strings.Join(q, " ")
}

// TestEveryConfirmationAsksAlike: deleting a post, cancelling an
// occurrence, leaving an idea's team, withdrawing an application,
// quitting with unsaved input and throwing a form's input away all ask
// on the status line, in the one Confirm style, ending in (y/n), naming
// what they act on and what follows; n answers no, and nothing
// changed.
func TestEveryConfirmationAsksAlike(t *testing.T) {
	t.Parallel()
	const (
		idea = "各市町村の掲示板・スペースの使い方カタログを作りたい"
		call = "【繁忙期応援】市県民税の申告受付の補助（約4週間）"
	)
	cases := []struct {
		name string
		who  string // whom the app acts as, if not the demo's person
		// ask brings the question up, returning what must stay after n.
		ask  func(h *harness) string
		want []string // what the question says
	}{
		{"delete a reply", "", func(h *harness) string {
			th := h.threadTitled("会計年度任用職員の勤怠入力、月末締めの流れを教えてください")
			if err := h.db.CreateReply(h.as(h.staff), &model.Reply{ThreadID: th.ID, Body: "人事課への提出は翌月3営業日目までです"}); err != nil {
				h.t.Fatal(err)
			}
			h.openThreadTitled("勤怠入力")
			h.key("]", "]", "]", "d")
			return "人事課への提出は翌月3営業日目までです"
		}, []string{"返信 3", "高野 葵", "人事課への提出", "を削除しますか？", "元に戻せません"}},
		{"cancel an occurrence", "", func(h *harness) string {
			h.key("4", "j", "j", "h", "h", "enter", "d")
			return "非税収入アイデア会議（第2回）"
		}, []string{"「非税収入アイデア会議（第2回）」の12月2日(水) 17:00を中止しますか？", "受信箱で知らせます"}},
		{"leave an idea's team", "", func(h *harness) string {
			if err := h.db.JoinTeam(h.as(h.staff), h.threadTitled(idea).ID, true); err != nil {
				h.t.Fatal(err)
			}
			h.openThreadTitled("使い方カタログ")
			h.key("s")
			return "使い方カタログ"
		}, []string{"「各市町村の掲示板", "のチームから抜けますか？", "人の数から外れます"}},
		{"withdraw an application", "矢吹 大地", func(h *harness) string {
			if err := h.db.Apply(h.as(h.staff), h.threadTitled(call).ID, true, ""); err != nil {
				h.t.Fatal(err)
			}
			h.openThreadTitled("市県民税の申告受付")
			h.key("s")
			return "市県民税の申告受付"
		}, []string{"「【繁忙期応援】市県民税の申告", "への応募を取り消しますか？", "募集した人に伝わります"}},
		{"quit with unsaved input", "", func(h *harness) string {
			h.key("1", "n")
			h.typeText("育休復帰者の会")
			h.key("ctrl+c")
			return "育休復帰者の会"
		}, []string{"保存していない入力があります", "捨てて終了しますか？"}},
		{"throw a form's input away", "", func(h *harness) string {
			h.key("1", "n")
			h.typeText("育休復帰者の会")
			h.key("esc")
			return "育休復帰者の会"
		}, []string{"書いた内容を捨てて閉じますか？", "元に戻せません"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := ownDemoHarness(t, "ja", 80, 24)
			if c.who != "" {
				h = h.asStaff(c.who)
			}
			if q := h.question(); q != "" {
				t.Fatalf("a question before asking: %q", q)
			}
			stays := c.ask(h)
			h.checkFrame()
			q := h.question()
			if !strings.HasSuffix(q, "(y/n)") {
				t.Fatalf("the status line does not ask y/n in the Confirm style: %q\n%s", q, h.styled())
			}
			for _, w := range c.want {
				if !strings.Contains(q, w) {
					t.Errorf("the question %q does not say %q", q, w)
				}
			}
			h.key("n")
			if q := h.question(); q != "" || h.quit {
				t.Fatalf("n did not answer no: %q, quit %v", q, h.quit)
			}
			h.mustShow(stays)
		})
	}
}

// threadTitled is the demo's thread of that title.
func (h *harness) threadTitled(title string) model.Thread {
	h.t.Helper()
	found, _, err := h.db.FindThreads(h.as(h.staff), model.ThreadFilter{Query: title, Limit: 5})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, th := range found {
		if th.Title == title {
			return th
		}
	}
	h.t.Fatalf("no thread titled %q", title)
	return model.Thread{}
}
