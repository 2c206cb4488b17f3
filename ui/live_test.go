package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/model"
	"hiroba/ui"
)

// twoDesks opens one demo database twice, as two hiroba processes on one
// file would, and returns a harness on the first and the second DB.
func twoDesks(t *testing.T) (*harness, *data.DB, string) {
	t.Helper()
	return twoDesksAt(t, 80, 24)
}

// twoDesksAt is twoDesks with the first desk's terminal w x h.
func twoDesksAt(t *testing.T, w, h int) (*harness, *data.DB, string) {
	t.Helper()
	path, me := demoCopy(t)
	clock := data.Options{Now: func() time.Time { return fixedNow }}
	a, err := data.Open(path, clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	b, err := data.Open(path, clock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	// Someone else posts from the other desk.
	staff, err := b.FindStaff(context.Background(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	other := staff[0].ID
	if other == me {
		other = staff[1].ID
	}
	return startHarness(t, a, me, "ja", w, h), b, other
}

// firstCommunity is the community the first screen selects for h's
// person: the one active last.
func firstCommunity(t *testing.T, h *harness) model.Community {
	t.Helper()
	list, _, err := h.db.FindCommunities(model.WithViewer(context.Background(), h.staff), model.CommunityFilter{Limit: 1})
	if err != nil || len(list) == 0 {
		t.Fatal("no community", err)
	}
	return list[0]
}

// selectedTitle is the title at the top of the detail pane: the thread the
// cursor is on.
func detailTop(h *harness) string {
	lines := strings.Split(h.screen(), "\n")
	var out []string
	for _, l := range lines[2:5] {
		if _, right, ok := strings.Cut(l, "|"); ok {
			out = append(out, strings.TrimSpace(right))
		}
	}
	return strings.Join(out, "\n")
}

func TestLiveUpdateShowsOthersPost(t *testing.T) {
	t.Parallel()
	h, other, otherID := twoDesks(t)
	h.key("2", "j", "j")
	before := detailTop(h)
	if before == "" {
		t.Fatalf("no detail shown:\n%s", h.screen())
	}

	ctx := model.WithViewer(context.Background(), otherID)
	list, _, err := other.FindCommunities(ctx, model.CommunityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var community string
	for _, c := range list {
		if c.Visibility == model.VisibilityOpen {
			community = c.ID
			break
		}
	}
	th := &model.Thread{CommunityID: community, Kind: model.KindQuestion, Title: "共有フォルダの整理ルール、どう決めましたか", Body: "課内で揉めています。"}
	if err := other.CreateThread(ctx, th); err != nil {
		t.Fatal(err)
	}
	h.mustNotShow("共有フォルダの整理ルール")
	h.db.LookNow() // Changes reads data_version at most every 150 ms
	h.send(ui.LiveTick)
	h.mustShow("共有フォルダの整理ルール")
	h.checkFrame()
	// The cursor stayed on the thread it was on, now one row lower.
	if got := detailTop(h); got != before {
		t.Fatalf("the cursor moved to another thread:\n%s\nwas\n%s", got, before)
	}
}

// A thread posted from another desk in the community shown on the first
// screen appears in its pane's latest threads, not only as the list row's
// time (a trial's finding).
func TestLiveUpdateRedrawsTheCommunityPane(t *testing.T) {
	t.Parallel()
	h, other, otherID := twoDesksAt(t, 160, 50)
	shown := firstCommunity(t, h)
	h.mustShow("最近のスレッド")
	th := &model.Thread{CommunityID: shown.ID, Kind: model.KindQuestion, Title: "昼休みの窓口当番、どう回していますか", Body: "少人数の係です。"}
	if err := other.CreateThread(model.WithViewer(context.Background(), otherID), th); err != nil {
		t.Fatal(err)
	}
	h.db.LookNow()
	h.send(ui.LiveTick)
	h.mustShow("昼休みの窓口当番") // only the pane lists threads
	h.checkFrame()
}

func TestLiveUpdateKeepsDetailScroll(t *testing.T) {
	t.Parallel()
	h, other, otherID := twoDesks(t)
	h.key("2", "enter")
	for i := 0; i < 6; i++ {
		h.key("j")
	}
	scrolled := detailTop(h)
	// The thread under the cursor gets a reply from the other desk.
	th, _, err := h.db.FindThreads(model.WithViewer(context.Background(), h.staff), model.ThreadFilter{Limit: 1})
	if err != nil || len(th) == 0 {
		t.Fatal(err)
	}
	if err := other.CreateReply(model.WithViewer(context.Background(), otherID), &model.Reply{ThreadID: th[0].ID, Body: "うちの課では年度初めに棚卸しをしています。"}); err != nil {
		t.Fatal(err)
	}
	h.db.LookNow()
	h.send(ui.LiveTick)
	if got := detailTop(h); got != scrolled {
		t.Fatalf("the detail scrolled back after a reply came in:\n%s\nwas\n%s", got, scrolled)
	}
	// The detail was drawn again: the new reply is at its end.
	h.key("G")
	h.mustShow("年度初めに棚卸し")
	h.checkFrame()
}

// A change reaches a screen behind another tab when it is shown, not
// before: a server's sessions do not all read every screen again for each
// post. The tab's unread count stays current meanwhile.
func TestLiveUpdateReachesHiddenScreenWhenShown(t *testing.T) {
	t.Parallel()
	h, other, otherID := twoDesks(t)
	h.key("2", "1")
	h.mustShow("相談(1)")
	ctx := model.WithViewer(context.Background(), otherID)
	mine, _, err := h.db.FindCommunities(model.WithViewer(context.Background(), h.staff), model.CommunityFilter{MemberOnly: true})
	if err != nil || len(mine) == 0 {
		t.Fatal("no community of mine", err)
	}
	var community string
	for _, c := range mine {
		if c.Visibility == model.VisibilityOpen {
			community = c.ID
			break
		}
	}
	th := &model.Thread{CommunityID: community, Kind: model.KindQuestion, Title: "避難所の備蓄品リスト、共有できますか", Body: "更新の頻度も知りたいです。"}
	if err := other.CreateThread(ctx, th); err != nil {
		t.Fatal(err)
	}
	h.db.LookNow()
	h.send(ui.LiveTick)
	h.mustShow("相談(2)")
	h.key("2")
	h.mustShow("避難所の備蓄品リスト")
	h.checkFrame()
}

// On a community's page, the > mark stays on the thread chosen when a
// reply from another desk moves that thread up the latest threads.
func TestLiveUpdateKeepsThePageMarkOnItsThread(t *testing.T) {
	t.Parallel()
	h, other, otherID := twoDesksAt(t, 160, 50)
	ctx := model.WithViewer(context.Background(), h.staff)
	threads, _, err := h.db.FindThreads(ctx, model.ThreadFilter{CommunityID: firstCommunity(t, h).ID, Limit: 5})
	if err != nil || len(threads) < 2 {
		t.Fatalf("the community has %d threads, %v", len(threads), err)
	}
	h.key("enter", "j", "j")
	second := threads[1]
	words := string([]rune(second.Title)[:4])
	if !strings.Contains(h.selectedLine(), words) {
		t.Fatalf("j j did not mark %q: %q", second.Title, h.selectedLine())
	}
	if err := other.CreateReply(model.WithViewer(context.Background(), otherID), &model.Reply{ThreadID: second.ID, Body: "うちも同じです。"}); err != nil {
		t.Fatal(err)
	}
	h.db.LookNow()
	h.send(ui.LiveTick)
	if got := h.selectedLine(); !strings.Contains(got, words) {
		t.Fatalf("after the reply the mark is on %q, not %q", got, second.Title)
	}
}
