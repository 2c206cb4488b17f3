package data_test

import (
	"strings"
	"testing"
	"time"

	"hiroba/model"
)

func TestEditAndDelete(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	th := MustCreateThread(t, db, as(w.jiro), w.open.ID, "庶務の引継ぎで困っています", true)
	r := MustCreateReply(t, db, as(w.hanako), th.ID, "年間スケジュールから始めましょう。", false)

	t.Run("AuthorEditsAnonymousThread", func(t *testing.T) {
		edit := *th
		edit.Title, edit.Body = "庶務の引継ぎで困っています(追記)", "前任者は退職済みです。"
		if err := db.UpdateThread(as(w.jiro), &edit); err != nil {
			t.Fatal(err)
		}
		got, _ := db.ThreadByID(as(w.ichiro), th.ID)
		if got.Title != edit.Title || got.Body != edit.Body || !got.Edited || got.AuthorName != "" {
			t.Errorf("after edit %+v", got)
		}
	})
	t.Run("ErrNotAuthor", func(t *testing.T) {
		edit := *th
		edit.Body = "書き換え"
		wantCode(t, db.UpdateThread(as(w.hanako), &edit), model.EFORBIDDEN)
		wantCode(t, db.DeleteThread(as(w.hanako), th.ID), model.EFORBIDDEN)
		wantCode(t, db.UpdateReply(as(w.jiro), &model.Reply{ID: r.ID, Body: "書き換え"}), model.EFORBIDDEN)
		wantCode(t, db.DeleteReply(as(w.jiro), r.ID), model.EFORBIDDEN)
	})
	t.Run("DeletedReplyKeepsItsPlace", func(t *testing.T) {
		r2 := MustCreateReply(t, db, as(w.ichiro), th.ID, "間違って投稿しました", false)
		MustCreateReply(t, db, as(w.hanako), th.ID, "上の返信への補足です。", false)
		if err := db.DeleteReply(as(w.ichiro), r2.ID); err != nil {
			t.Fatal(err)
		}
		rs, _ := db.Replies(as(w.hanako), th.ID, 0, 0)
		if len(rs) != 3 || !rs[1].Deleted || rs[1].Body != "" || rs[2].Body != "上の返信への補足です。" {
			t.Errorf("replies after delete %+v", rs)
		}
	})
	t.Run("DeletedThreadKeepsReplies", func(t *testing.T) {
		if err := db.DeleteThread(as(w.jiro), th.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := db.ThreadByID(as(w.hanako), th.ID)
		rs, _ := db.Replies(as(w.hanako), th.ID, 0, 0)
		if !got.Deleted || got.Body != "" || len(rs) != 3 {
			t.Errorf("deleted thread %+v with %d replies", got, len(rs))
		}
		wantCode(t, db.DeleteThread(as(w.jiro), th.ID), model.ECONFLICT)
	})
}

func TestResolve(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	th := MustCreateThread(t, db, as(w.jiro), w.open.ID, "旅費の精算はいつまでに?", false)
	a := MustCreateReply(t, db, as(w.ichiro), th.ID, "翌月10日までです。", false)
	b := MustCreateReply(t, db, as(w.hanako), th.ID, "規程の第8条にあります。", false)

	wantCode(t, db.Resolve(as(w.ichiro), th.ID, a.ID), model.EFORBIDDEN)
	if err := db.Resolve(as(w.jiro), th.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := db.ThreadByID(as(w.ichiro), th.ID)
	if got.ResolvedReplyID != a.ID {
		t.Fatalf("resolved by %q, want %q", got.ResolvedReplyID, a.ID)
	}
	// 花子 organises the community and may change the answer.
	if err := db.Resolve(as(w.hanako), th.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	list, _, _ := db.FindThreads(as(w.ichiro), model.ThreadFilter{Status: "resolved"})
	if len(list) != 1 || list[0].ResolvedReplyID != b.ID {
		t.Fatalf("resolved list %+v", list)
	}
	wantCode(t, db.Resolve(as(w.jiro), th.ID, "01ZZZZZZZZZZZZZZZZZZZZZZZZ"), model.ENOTFOUND)
	if err := db.DeleteReply(as(w.hanako), b.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ThreadByID(as(w.ichiro), th.ID); got.Resolved() {
		t.Error("a deleted answer still resolves the thread")
	}
}

func TestHelpful(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	th := MustCreateThread(t, db, as(w.jiro), w.open.ID, "議事録のテンプレート", false)
	r := MustCreateReply(t, db, as(w.hanako), th.ID, "共有フォルダにあります。", false)
	for _, id := range []string{th.ID, r.ID} {
		on, err := db.ToggleHelpful(as(w.ichiro), id)
		if err != nil || !on {
			t.Fatalf("toggle on %v %v", on, err)
		}
	}
	got, _ := db.ThreadByID(as(w.ichiro), th.ID)
	rs, _ := db.Replies(as(w.ichiro), th.ID, 0, 0)
	if got.HelpfulCount != 1 || !got.MarkedHelpful || rs[0].HelpfulCount != 1 || !rs[0].MarkedHelpful {
		t.Fatalf("after marks %+v %+v", got, rs[0])
	}
	if on, err := db.ToggleHelpful(as(w.ichiro), r.ID); err != nil || on {
		t.Fatalf("toggle off %v %v", on, err)
	}
	rs, _ = db.Replies(as(w.ichiro), th.ID, 0, 0)
	if rs[0].HelpfulCount != 0 {
		t.Errorf("count after taking back %d", rs[0].HelpfulCount)
	}
	_, err := db.ToggleHelpful(as(w.hanako), r.ID)
	wantCode(t, err, model.ECONFLICT)
}

func TestCallForHelp(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	deadline := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	call := &model.Thread{CommunityID: w.open.ID, Kind: model.KindCall, Title: "確定申告の受付補助 2名", Body: "2月の受付を手伝ってください。",
		SupportType: model.SupportBusy, Slots: 1, Deadline: &deadline, Place: "本庁舎1階"}
	if err := db.CreateThread(as(w.hanako), call); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.Apply(as(w.jiro), call.ID, false, ""), model.EINVALID)
	if err := db.Apply(as(w.jiro), call.ID, true, "午前だけ可能です"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.Apply(as(w.jiro), call.ID, true, ""), model.ECONFLICT)
	err := db.Apply(as(w.ichiro), call.ID, true, "")
	wantCode(t, err, model.ECONFLICT)
	if !strings.Contains(model.ErrorMessage(err), "定員") {
		t.Errorf("full call says %q", model.ErrorMessage(err))
	}
	got, _ := db.ThreadByID(as(w.jiro), call.ID)
	if got.Applicants != 1 || !got.Applied || !got.Following {
		t.Errorf("applicant sees %+v", got)
	}
	_, err = db.Applicants(as(w.jiro), call.ID)
	wantCode(t, err, model.EFORBIDDEN)
	list, err := db.Applicants(as(w.hanako), call.ID)
	if err != nil || len(list) != 1 || list[0].Name != "須賀 次郎" || list[0].Comment != "午前だけ可能です" {
		t.Fatalf("applicants %+v %v", list, err)
	}
	if err := db.Withdraw(as(w.jiro), call.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Apply(as(w.ichiro), call.ID, true, ""); err != nil {
		t.Fatalf("after a withdrawal the call has room: %v", err)
	}
}

func TestIdeaTeam(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	idea := &model.Thread{CommunityID: w.open.ID, Kind: model.KindIdea, Title: "窓口のLoGoチャット活用", Body: "一緒に試しませんか。"}
	if err := db.CreateThread(as(w.hanako), idea); err != nil {
		t.Fatal(err)
	}
	if err := db.JoinTeam(as(w.jiro), idea.ID, true); err != nil {
		t.Fatal(err)
	}
	team, err := db.Team(as(w.ichiro), idea.ID)
	if err != nil || len(team) != 1 || team[0].Name != "須賀 次郎" {
		t.Fatalf("team %+v %v", team, err)
	}
	if got, _ := db.ThreadByID(as(w.jiro), idea.ID); !got.OnTeam || got.TeamSize != 1 {
		t.Errorf("member sees %+v", got)
	}
	if err := db.JoinTeam(as(w.jiro), idea.ID, false); err != nil {
		t.Fatal(err)
	}
	if team, _ := db.Team(as(w.ichiro), idea.ID); len(team) != 0 {
		t.Errorf("team after leaving %+v", team)
	}
	q := MustCreateThread(t, db, as(w.jiro), w.open.ID, "質問", false)
	wantCode(t, db.JoinTeam(as(w.ichiro), q.ID, true), model.EINVALID)
}

func TestFollowFilterAndInbox(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	mine := MustCreateThread(t, db, as(w.jiro), w.open.ID, "育休明けの時短勤務", true)
	other := MustCreateThread(t, db, as(w.hanako), w.open.ID, "災害時の庶務", false)

	followed, _, _ := db.FindThreads(as(w.jiro), model.ThreadFilter{Followed: true})
	if len(followed) != 1 || followed[0].ID != mine.ID {
		t.Fatalf("followed %+v", titles(followed))
	}
	if err := db.Follow(as(w.jiro), other.ID, true); err != nil {
		t.Fatal(err)
	}
	MustCreateReply(t, db, as(w.jiro), other.ID, "自分の返信は受信箱に出ない", false)
	MustCreateReply(t, db, as(w.hanako), mine.ID, "制度の説明資料があります。", false)
	MustCreateReply(t, db, as(w.ichiro), other.ID, "備蓄品の管理表を共有します。", false)

	inbox, err := db.Inbox(as(w.jiro), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(inbox) != 2 || inbox[0].Snippet != "備蓄品の管理表を共有します。" || inbox[1].ThreadTitle != "育休明けの時短勤務" {
		t.Fatalf("inbox %+v", inbox)
	}
	if n, err := db.UnreadCount(as(w.jiro)); err != nil || n != 2 {
		t.Errorf("unread count %d %v, want 2", n, err)
	}
	if err := db.MarkRead(as(w.jiro), mine.ID); err != nil {
		t.Fatal(err)
	}
	inbox, _ = db.Inbox(as(w.jiro), 10)
	if len(inbox) != 1 || inbox[0].ThreadID != other.ID {
		t.Errorf("inbox after reading %+v", inbox)
	}
	mineList, _, _ := db.FindThreads(as(w.jiro), model.ThreadFilter{Mine: true})
	if len(mineList) != 1 || mineList[0].ID != mine.ID {
		t.Errorf("mine %s", titles(mineList))
	}
	if list, _, _ := db.FindThreads(as(w.hanako), model.ThreadFilter{Mine: true}); len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("an anonymous thread shows under someone else's mine: %s", titles(list))
	}
	if err := db.Follow(as(w.jiro), other.ID, false); err != nil {
		t.Fatal(err)
	}
	followed, _, _ = db.FindThreads(as(w.jiro), model.ThreadFilter{Followed: true})
	if len(followed) != 1 {
		t.Errorf("after unfollow %s", titles(followed))
	}
}

func TestModeration(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	th := MustCreateThread(t, db, as(w.jiro), w.open.ID, "宣伝です", false)
	wantCode(t, db.SetHidden(as(w.ichiro), th.ID, true), model.EFORBIDDEN)
	if err := db.SetHidden(as(w.hanako), th.ID, true); err != nil {
		t.Fatal(err)
	}
	_, err := db.ThreadByID(as(w.ichiro), th.ID)
	wantCode(t, err, model.ENOTFOUND)
	notice := MustCreateThread(t, db, as(w.hanako), w.open.ID, "お知らせ: 相談タイム", false)
	if err := db.SetPinned(as(w.hanako), notice.ID, true); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.SetPinned(as(w.jiro), notice.ID, false), model.EFORBIDDEN)
	if got, _ := db.ThreadByID(as(w.ichiro), notice.ID); !got.Pinned {
		t.Error("not pinned")
	}
}
