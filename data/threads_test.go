package data_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"hiroba/data"
	"hiroba/model"
)

// MustCreateThread posts a thread as the context's viewer.
func MustCreateThread(tb testing.TB, db *data.DB, ctx context.Context, communityID, title string, anonymous bool) *model.Thread {
	tb.Helper()
	t := &model.Thread{
		CommunityID: communityID,
		Kind:        model.KindQuestion,
		Title:       title,
		Body:        "「" + title + "」について、前任者もいないので教えてください。",
		Tags:        []string{"庶務", "問い合わせ"},
		Anonymous:   anonymous,
	}
	if err := db.CreateThread(ctx, t); err != nil {
		tb.Fatal(err)
	}
	return t
}

// MustCreateReply replies as the context's viewer.
func MustCreateReply(tb testing.TB, db *data.DB, ctx context.Context, threadID, body string, anonymous bool) *model.Reply {
	tb.Helper()
	r := &model.Reply{ThreadID: threadID, Body: body, Anonymous: anonymous}
	if err := db.CreateReply(ctx, r); err != nil {
		tb.Fatal(err)
	}
	return r
}

func titles(ts []model.Thread) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Title)
	}
	return strings.Join(out, ",")
}

// threadWorld is a small area: 花子 organises an open community and a
// members-only one, 次郎 asks anonymously, 一郎 is a third person.
type threadWorld struct {
	db                   *data.DB
	hanako, jiro, ichiro *model.Staff
	open, secret         *model.Community
}

// newThreadWorld gives the test a copy of one threadWorld.
var newThreadWorld = worldTemplate(buildThreadWorld, (*threadWorld).clone)

func buildThreadWorld(t testing.TB, db *data.DB) (*threadWorld, *clock) {
	c := testClock(db)
	w := &threadWorld{db: db}
	w.hanako = MustCreateStaff(t, db, "安積 花子", koriyama, "政策開発課")
	w.jiro = MustCreateStaff(t, db, "須賀 次郎", sukagawa, "総務課")
	w.ichiro = MustCreateStaff(t, db, "三春 一郎", miharu, "企画課")
	w.open = MustCreateCommunity(t, db, as(w.hanako), "聞きにくいことを聞ける場所", model.CategoryConsultation, "", model.VisibilityOpen)
	w.secret = MustCreateCommunity(t, db, as(w.hanako), "人事異動の本音", model.CategoryExperience, "", model.VisibilityMembers)
	return w, c
}

// clone is a copy of w on db, for a test of its own.
func (w *threadWorld) clone(db *data.DB, _ *clock) *threadWorld {
	c := *w
	c.db = db
	hanako, jiro, ichiro, open, secret := *c.hanako, *c.jiro, *c.ichiro, *c.open, *c.secret
	c.hanako, c.jiro, c.ichiro, c.open, c.secret = &hanako, &jiro, &ichiro, &open, &secret
	return &c
}

func TestCreateThread(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		w := newThreadWorld(t)
		before, _ := w.db.CommunityByID(as(w.jiro), w.open.ID)
		th := MustCreateThread(t, w.db, as(w.jiro), w.open.ID, "起案文書の決裁ルートが分かりません", false)
		if !model.ValidID(th.ID) || th.AuthorID != w.jiro.ID || th.AuthorName != "須賀 次郎" || !th.Mine || th.CommunityName != "聞きにくいことを聞ける場所" {
			t.Fatalf("created %+v", th)
		}
		if strings.Join(th.Tags, " ") != "庶務 問い合わせ" || th.Unread {
			t.Fatalf("tags %q unread %v", th.Tags, th.Unread)
		}
		after, _ := w.db.CommunityByID(as(w.jiro), w.open.ID)
		if !after.LastActivityAt.After(before.LastActivityAt) || !after.LastActivityAt.Equal(th.CreatedAt) {
			t.Fatalf("community activity %v, thread %v", after.LastActivityAt, th.CreatedAt)
		}
		if n := MustQueryInt(t, w.db, `SELECT count(*) FROM follows WHERE staff_id = ? AND thread_id = ?`, w.jiro.ID, th.ID); n != 1 {
			t.Fatal("author does not follow the thread")
		}
		if err := w.db.Join(as(w.ichiro), w.open.ID); err != nil {
			t.Fatal(err)
		}
		got, err := w.db.ThreadByID(as(w.ichiro), th.ID)
		if err != nil || got.Body != th.Body || strings.Join(got.Tags, " ") != "庶務 問い合わせ" || got.Unread {
			t.Fatalf("read back %+v %v", got, err)
		}
	})
	t.Run("OKCall", func(t *testing.T) {
		w := newThreadWorld(t)
		th := &model.Thread{CommunityID: w.open.ID, Kind: model.KindCall, Title: "確定申告の受付補助 3名", Body: "2月から3月の繁忙期に応援をお願いします。",
			SupportType: model.SupportBusy, Slots: 3, Place: "郡山市役所 1階"}
		if err := w.db.CreateThread(as(w.hanako), th); err != nil {
			t.Fatal(err)
		}
		got, err := w.db.ThreadByID(as(w.ichiro), th.ID)
		if err != nil || got.SupportType != model.SupportBusy || got.Slots != 3 || got.Place != "郡山市役所 1階" || len(got.Tags) != 0 {
			t.Fatalf("%+v %v", got, err)
		}
	})
	for _, tc := range []struct{ name, title, body string }{
		{"ErrTitleRequired", " ", "本文"},
		{"ErrTitleInvalidUTF8", "決裁\x80ルート", "本文"},
		{"ErrTitleTooLong", strings.Repeat("題", model.MaxTitleLen+1), "本文"},
		{"ErrBodyRequired", "決裁ルート", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newThreadWorld(t)
			th := &model.Thread{CommunityID: w.open.ID, Kind: model.KindQuestion, Title: tc.title, Body: tc.body}
			wantCode(t, w.db.CreateThread(as(w.jiro), th), model.EINVALID)
		})
	}
	t.Run("ErrMembersOnlyCommunity", func(t *testing.T) {
		w := newThreadWorld(t)
		th := &model.Thread{CommunityID: w.secret.ID, Kind: model.KindQuestion, Title: "異動希望の出し方", Body: "本文"}
		wantCode(t, w.db.CreateThread(as(w.jiro), th), model.ENOTFOUND)
		if n := MustQueryInt(t, w.db, `SELECT count(*) FROM threads`); n != 0 {
			t.Fatalf("%d threads saved", n)
		}
	})
	t.Run("ErrNoViewer", func(t *testing.T) {
		w := newThreadWorld(t)
		th := &model.Thread{CommunityID: w.open.ID, Kind: model.KindQuestion, Title: "異動希望の出し方", Body: "本文"}
		wantCode(t, w.db.CreateThread(context.Background(), th), model.EFORBIDDEN)
	})
}

func TestFindThreads(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	old := MustCreateThread(t, db, as(w.hanako), w.open.ID, "グループウェアの掲示板の使い方", false)
	anon := MustCreateThread(t, db, as(w.jiro), w.open.ID, "電話の取り次ぎで毎回迷います", true)
	secret := MustCreateThread(t, db, as(w.hanako), w.secret.ID, "異動希望調書に本音を書くべきか", false)
	idea := &model.Thread{CommunityID: w.open.ID, Kind: model.KindIdea, Title: "ふるさと納税以外の税外収入アイデア", Body: "一緒に考えませんか。"}
	if err := db.CreateThread(as(w.ichiro), idea); err != nil {
		t.Fatal(err)
	}
	hidden := MustCreateThread(t, db, as(w.ichiro), w.open.ID, "宣伝です", false)
	MustExec(t, db, `UPDATE threads SET hidden = 1 WHERE id = ?`, hidden.ID)
	deleted := MustCreateThread(t, db, as(w.ichiro), w.open.ID, "間違えて投稿しました", false)
	MustExec(t, db, `UPDATE threads SET deleted_at = last_activity_at WHERE id = ?`, deleted.ID)
	_ = old

	find := func(t *testing.T, ctx context.Context, f model.ThreadFilter) ([]model.Thread, int) {
		t.Helper()
		ts, total, err := db.FindThreads(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return ts, total
	}

	t.Run("LatestFirstWithoutHidden", func(t *testing.T) {
		ts, total := find(t, as(w.hanako), model.ThreadFilter{})
		want := "間違えて投稿しました,ふるさと納税以外の税外収入アイデア,異動希望調書に本音を書くべきか,電話の取り次ぎで毎回迷います,グループウェアの掲示板の使い方"
		if titles(ts) != want || total != 5 {
			t.Fatalf("got %q (%d)", titles(ts), total)
		}
		if !ts[0].Deleted || ts[1].Deleted {
			t.Fatalf("deleted flags %v %v", ts[0].Deleted, ts[1].Deleted)
		}
	})
	t.Run("MembersOnlyInvisible", func(t *testing.T) {
		ts, total := find(t, as(w.ichiro), model.ThreadFilter{})
		if strings.Contains(titles(ts), "異動希望調書") || total != 4 {
			t.Fatalf("outsider sees %q (%d)", titles(ts), total)
		}
		ts, total = find(t, as(w.ichiro), model.ThreadFilter{CommunityID: w.secret.ID})
		if len(ts) != 0 || total != 0 {
			t.Fatalf("outsider sees %q in the community", titles(ts))
		}
		_, err := db.ThreadByID(as(w.ichiro), secret.ID)
		wantCode(t, err, model.ENOTFOUND)
		_, err = db.ThreadByID(context.Background(), secret.ID)
		wantCode(t, err, model.ENOTFOUND)
		if _, err := db.ThreadByID(as(w.hanako), secret.ID); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("AnonymousToOthers", func(t *testing.T) {
		for _, viewer := range []context.Context{as(w.ichiro), as(w.hanako), context.Background()} {
			ts, _ := find(t, viewer, model.ThreadFilter{Query: "電話"})
			if len(ts) != 1 {
				t.Fatalf("found %q", titles(ts))
			}
			got := ts[0]
			if got.AuthorID != "" || got.AuthorName != "" || got.Mine || !got.Anonymous {
				t.Fatalf("anonymous author shown: %+v", got)
			}
			byID, err := db.ThreadByID(viewer, anon.ID)
			if err != nil || byID.AuthorID != "" || byID.AuthorName != "" || byID.Mine {
				t.Fatalf("anonymous author shown by id: %+v %v", byID, err)
			}
			b, _ := json.Marshal([]any{ts, byID})
			if strings.Contains(string(b), w.jiro.ID) || strings.Contains(string(b), "須賀") {
				t.Fatalf("the author leaks: %s", b)
			}
		}
	})
	t.Run("AnonymousToAuthor", func(t *testing.T) {
		ts, _ := find(t, as(w.jiro), model.ThreadFilter{Query: "電話"})
		if len(ts) != 1 || ts[0].AuthorID != w.jiro.ID || ts[0].AuthorName != "須賀 次郎" || !ts[0].Mine || !ts[0].Anonymous {
			t.Fatalf("author sees %+v", ts)
		}
		byID, err := db.ThreadByID(as(w.jiro), anon.ID)
		if err != nil || byID.AuthorName != "須賀 次郎" || !byID.Mine {
			t.Fatalf("author sees by id %+v %v", byID, err)
		}
	})
	t.Run("HiddenNotFound", func(t *testing.T) {
		_, err := db.ThreadByID(as(w.ichiro), hidden.ID)
		wantCode(t, err, model.ENOTFOUND)
	})
	t.Run("DeletedBodyBlank", func(t *testing.T) {
		got, err := db.ThreadByID(as(w.ichiro), deleted.ID)
		if err != nil || !got.Deleted || got.Body != "" {
			t.Fatalf("%+v %v", got, err)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		if ts, total := find(t, as(w.hanako), model.ThreadFilter{Kind: model.KindIdea}); titles(ts) != "ふるさと納税以外の税外収入アイデア" || total != 1 {
			t.Fatalf("kind: %q", titles(ts))
		}
		if ts, _ := find(t, as(w.hanako), model.ThreadFilter{CommunityID: w.secret.ID}); titles(ts) != "異動希望調書に本音を書くべきか" {
			t.Fatalf("community: %q", titles(ts))
		}
		if ts, _ := find(t, as(w.hanako), model.ThreadFilter{Query: "掲示板 使い方"}); titles(ts) != "グループウェアの掲示板の使い方" {
			t.Fatalf("query: %q", titles(ts))
		}
		ts, total := find(t, as(w.hanako), model.ThreadFilter{Offset: 1, Limit: 2})
		if titles(ts) != "ふるさと納税以外の税外収入アイデア,異動希望調書に本音を書くべきか" || total != 5 {
			t.Fatalf("page: %q (%d)", titles(ts), total)
		}
		if ts, total := find(t, as(w.hanako), model.ThreadFilter{Offset: 100, Limit: 10}); len(ts) != 0 || total != 5 {
			t.Fatalf("beyond the end: %q (%d)", titles(ts), total)
		}
		if ts, total := find(t, as(w.hanako), model.ThreadFilter{Offset: 4, Limit: 10}); titles(ts) != "グループウェアの掲示板の使い方" || total != 5 {
			t.Fatalf("last page: %q (%d)", titles(ts), total)
		}
	})
	t.Run("Status", func(t *testing.T) {
		r := MustCreateReply(t, db, as(w.hanako), old.ID, "スペース機能を使うと便利です。", false)
		MustExec(t, db, `UPDATE threads SET resolved_reply_id = ? WHERE id = ?`, r.ID, old.ID)
		if ts, total := find(t, as(w.hanako), model.ThreadFilter{Status: "resolved"}); titles(ts) != "グループウェアの掲示板の使い方" || total != 1 || !ts[0].Resolved() {
			t.Fatalf("resolved: %q", titles(ts))
		}
		if _, total := find(t, as(w.hanako), model.ThreadFilter{Status: "open"}); total != 4 {
			t.Fatalf("open: %d", total)
		}
		rs, err := db.Replies(as(w.ichiro), old.ID, 0, 0)
		if err != nil || len(rs) != 1 || !rs[0].Accepted {
			t.Fatalf("accepted reply %+v %v", rs, err)
		}
	})
}

func TestUnread(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	if err := w.db.Join(as(w.ichiro), w.open.ID); err != nil {
		t.Fatal(err)
	}
	th := MustCreateThread(t, w.db, as(w.jiro), w.open.ID, "会議録の作り方", false)
	unread := func(t *testing.T, s *model.Staff) bool {
		t.Helper()
		got, err := w.db.ThreadByID(as(s), th.ID)
		if err != nil {
			t.Fatal(err)
		}
		ts, _, err := w.db.FindThreads(as(s), model.ThreadFilter{})
		if err != nil || len(ts) != 1 || ts[0].Unread != got.Unread {
			t.Fatalf("list and thread disagree: %+v %v", ts, err)
		}
		return got.Unread
	}
	if unread(t, w.jiro) {
		t.Fatal("unread for its author")
	}
	if !unread(t, w.ichiro) {
		t.Fatal("read before reading")
	}
	if err := w.db.MarkRead(as(w.ichiro), th.ID); err != nil {
		t.Fatal(err)
	}
	if unread(t, w.ichiro) {
		t.Fatal("unread after MarkRead")
	}
	MustCreateReply(t, w.db, as(w.hanako), th.ID, "議事要旨で十分なこともあります。", false)
	if !unread(t, w.ichiro) {
		t.Fatal("read although a reply came")
	}
	if unread(t, w.hanako) {
		t.Fatal("unread for the one who replied")
	}
	wantCode(t, w.db.MarkRead(as(w.ichiro), "01ZZZZZZZZZZZZZZZZZZZZZZZZ"), model.ENOTFOUND)
}

func TestReplies(t *testing.T) {
	t.Parallel()
	w := newThreadWorld(t)
	db := w.db
	th := MustCreateThread(t, db, as(w.jiro), w.open.ID, "産休に入る前に引き継ぐこと", true)
	r1 := MustCreateReply(t, db, as(w.hanako), th.ID, "引き継ぎ書の年間スケジュールが役に立ちました。", false)
	r2 := MustCreateReply(t, db, as(w.jiro), th.ID, "ありがとうございます。質問者です。", true)
	r3 := MustCreateReply(t, db, as(w.ichiro), th.ID, "間違えました", false)
	MustExec(t, db, `UPDATE replies SET deleted_at = created_at WHERE id = ?`, r3.ID)
	r4 := MustCreateReply(t, db, as(w.ichiro), th.ID, "広告", false)
	MustExec(t, db, `UPDATE replies SET hidden = 1 WHERE id = ?`, r4.ID)

	t.Run("OK", func(t *testing.T) {
		rs, err := db.Replies(as(w.ichiro), th.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 3 || rs[0].ID != r1.ID || rs[1].ID != r2.ID || rs[2].ID != r3.ID {
			t.Fatalf("replies %+v", rs)
		}
		if rs[0].AuthorName != "安積 花子" || rs[0].AuthorID != w.hanako.ID || rs[0].Body != r1.Body {
			t.Fatalf("named reply %+v", rs[0])
		}
		if !rs[2].Deleted || rs[2].Body != "" || !rs[2].Mine {
			t.Fatalf("deleted reply %+v", rs[2])
		}
		page, err := db.Replies(as(w.ichiro), th.ID, 1, 1)
		if err != nil || len(page) != 1 || page[0].ID != r2.ID {
			t.Fatalf("page %+v %v", page, err)
		}
	})
	t.Run("CountsAndActivity", func(t *testing.T) {
		got, err := db.ThreadByID(as(w.hanako), th.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ReplyCount != 4 || !got.LastActivityAt.Equal(r4.CreatedAt) {
			t.Fatalf("reply count %d, activity %v, want 4, %v", got.ReplyCount, got.LastActivityAt, r4.CreatedAt)
		}
		c, _ := db.CommunityByID(as(w.hanako), w.open.ID)
		if !c.LastActivityAt.Equal(r4.CreatedAt) {
			t.Fatalf("community activity %v", c.LastActivityAt)
		}
		if n := MustQueryInt(t, db, `SELECT count(*) FROM follows WHERE thread_id = ?`, th.ID); n != 3 {
			t.Fatalf("%d followers, want 3", n)
		}
	})
	t.Run("AnonymousToOthers", func(t *testing.T) {
		for _, viewer := range []context.Context{as(w.ichiro), as(w.hanako), context.Background()} {
			rs, err := db.Replies(viewer, th.ID, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			if rs[1].AuthorID != "" || rs[1].AuthorName != "" || rs[1].Mine || !rs[1].Anonymous {
				t.Fatalf("anonymous reply shown: %+v", rs[1])
			}
			b, _ := json.Marshal(rs)
			if strings.Contains(string(b), w.jiro.ID) || strings.Contains(string(b), "須賀") {
				t.Fatalf("the author leaks: %s", b)
			}
		}
	})
	t.Run("AnonymousToAuthor", func(t *testing.T) {
		rs, err := db.Replies(as(w.jiro), th.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if rs[1].AuthorID != w.jiro.ID || rs[1].AuthorName != "須賀 次郎" || !rs[1].Mine {
			t.Fatalf("author sees %+v", rs[1])
		}
	})
	t.Run("ErrMembersOnly", func(t *testing.T) {
		secret := MustCreateThread(t, db, as(w.hanako), w.secret.ID, "異動の内示のあとにすること", false)
		MustCreateReply(t, db, as(w.hanako), secret.ID, "引き継ぎ書を書き始めます。", false)
		_, err := db.Replies(as(w.ichiro), secret.ID, 0, 0)
		wantCode(t, err, model.ENOTFOUND)
		wantCode(t, db.CreateReply(as(w.ichiro), &model.Reply{ThreadID: secret.ID, Body: "見えないはず"}), model.ENOTFOUND)
	})
	t.Run("ErrBodyRequired", func(t *testing.T) {
		wantCode(t, db.CreateReply(as(w.ichiro), &model.Reply{ThreadID: th.ID, Body: " \n"}), model.EINVALID)
		wantCode(t, db.CreateReply(as(w.ichiro), &model.Reply{ThreadID: th.ID, Body: "\xff"}), model.EINVALID)
	})
}
