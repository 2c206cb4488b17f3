package data_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/model"
)

// searchWorld is threadWorld with content to find: 次郎 asks about 育休
// anonymously, 花子 answers, a members-only community talks about 異動.
type searchWorld struct {
	*threadWorld
	ikukyu, logo, secretThread *model.Thread
	answer                     *model.Reply
}

// newSearchWorld gives the test a copy of one searchWorld.
var newSearchWorld = worldTemplate(func(t testing.TB, db *data.DB) (*searchWorld, *clock) {
	tw, c := buildThreadWorld(t, db)
	w := &searchWorld{threadWorld: tw}
	w.ikukyu = mustPost(t, w.db, as(w.jiro), w.open.ID, "育休の取り方を教えてください",
		"来年の春から育休を取りたいのですが、係長への相談はいつごろがいいでしょうか。", true)
	w.answer = MustCreateReply(t, w.db, as(w.hanako), w.ikukyu.ID,
		"私は半年前に係長に伝えました。産休・育休カフェでも経験者に聞けますよ。", false)
	w.logo = mustPost(t, w.db, as(w.hanako), w.open.ID, "グループの整理",
		"庁内のLoGoチャットで庶務担当者のグループが増えすぎたので、災害時の連絡用と分けたいです。", false)
	w.secretThread = mustPost(t, w.db, as(w.hanako), w.secret.ID, "異動の内示のあとで",
		"引継書をいつから書き始めるか、育休明けの人事の話も含めて。", false)
	return w, c
}, func(w *searchWorld, db *data.DB, clock *clock) *searchWorld {
	c := searchWorld{threadWorld: w.threadWorld.clone(db, clock)}
	ikukyu, logo, secretThread, answer := *w.ikukyu, *w.logo, *w.secretThread, *w.answer
	c.ikukyu, c.logo, c.secretThread, c.answer = &ikukyu, &logo, &secretThread, &answer
	return &c
})

func mustPost(t testing.TB, db *data.DB, ctx context.Context, communityID, title, body string, anonymous bool) *model.Thread {
	t.Helper()
	th := &model.Thread{CommunityID: communityID, Kind: model.KindQuestion, Title: title, Body: body, Anonymous: anonymous}
	if err := db.CreateThread(ctx, th); err != nil {
		t.Fatal(err)
	}
	return th
}

func mustSearch(t *testing.T, db *data.DB, ctx context.Context, q string) []model.SearchResult {
	t.Helper()
	rs, err := db.Search(ctx, q, 50)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return rs
}

// found lists results as type:id(#anchor).
func found(rs []model.SearchResult) string {
	var out []string
	for _, r := range rs {
		s := r.Type + ":" + r.ID
		if r.Anchor != "" {
			s += "#" + r.Anchor
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func has(rs []model.SearchResult, typ, id string) bool {
	for _, r := range rs {
		if r.Type == typ && (r.ID == id || r.Anchor == id) {
			return true
		}
	}
	return false
}

func TestSearchJapanese(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	ctx := as(w.ichiro)
	for _, c := range []struct {
		query string
		typ   string
		id    string
	}{
		{"育休", model.SearchThread, w.ikukyu.ID},
		{"育休", model.SearchReply, w.answer.ID},
		{"庶務", model.SearchThread, w.logo.ID},
		{"災害", model.SearchThread, w.logo.ID},
		// A word inside a sentence with no spaces around it.
		{"担当者", model.SearchThread, w.logo.ID},
		{"係長への相談", model.SearchThread, w.ikukyu.ID},
		{"logo", model.SearchThread, w.logo.ID},
		{"LoGo", model.SearchThread, w.logo.ID},
		{"ＬｏＧｏ", model.SearchThread, w.logo.ID},
		{"チャット", model.SearchThread, w.logo.ID},
		{"LoGoチャット", model.SearchThread, w.logo.ID},
		{"育休 係長", model.SearchReply, w.answer.ID},
	} {
		rs := mustSearch(t, w.db, ctx, c.query)
		if !has(rs, c.typ, c.id) {
			t.Errorf("%q: want %s %s, found %s", c.query, c.typ, c.id, found(rs))
		}
	}
	for _, q := range []string{"育児", "チャンス", "logos", "休暇", "係長 庶務"} {
		if rs := mustSearch(t, w.db, ctx, q); len(rs) != 0 {
			t.Errorf("%q matched %s", q, found(rs))
		}
	}
	if rs := mustSearch(t, w.db, ctx, "  "); len(rs) != 0 {
		t.Errorf("empty query matched %s", found(rs))
	}
}

func TestSearchResultShowsTheMatch(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	rs := mustSearch(t, w.db, as(w.ichiro), "災害")
	if len(rs) != 1 {
		t.Fatalf("found %s", found(rs))
	}
	r := rs[0]
	if r.Title != "グループの整理" || r.Community != w.open.Name || r.Author != "安積 花子" || r.At.IsZero() {
		t.Fatalf("result %+v", r)
	}
	m := model.SearchMatches(r.Snippet, "災害")
	if len(m) != 1 || r.Snippet[m[0][0]:m[0][1]] != "災害" || !strings.Contains(r.Snippet, "災害時の連絡用") {
		t.Fatalf("snippet %q matches %v", r.Snippet, m)
	}
}

func TestSearchRanksTitleAboveBody(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	// Newer, and mentioning 庶務 only in the body.
	body := mustPost(t, w.db, as(w.ichiro), w.open.ID, "電話の取り次ぎ", "庶務の人に聞けばいいですか。", false)
	title := mustPost(t, w.db, as(w.ichiro), w.open.ID, "庶務担当の一年", "4月は歓送迎会の準備から始まります。", false)
	body2 := mustPost(t, w.db, as(w.ichiro), w.open.ID, "物品の購入", "見積合わせは庶務係がまとめます。", false)
	rs := mustSearch(t, w.db, as(w.ichiro), "庶務")
	if len(rs) < 4 || rs[0].ID != title.ID {
		t.Fatalf("want the title match %s first, found %s", title.ID, found(rs))
	}
	if !has(rs, model.SearchThread, body.ID) || !has(rs, model.SearchThread, body2.ID) {
		t.Fatalf("body matches missing: %s", found(rs))
	}
}

func TestSearchFollowsChanges(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	ctx := as(w.ichiro)
	if !has(mustSearch(t, w.db, ctx, "災害"), model.SearchThread, w.logo.ID) {
		t.Fatal("not found before the edit")
	}
	t.Run("Edit", func(t *testing.T) {
		MustExec(t, w.db, `UPDATE threads SET body = '防災訓練の連絡用に分けます。' WHERE id = ?`, w.logo.ID)
		if rs := mustSearch(t, w.db, ctx, "災害"); len(rs) != 0 {
			t.Fatalf("old words still found: %s", found(rs))
		}
		if !has(mustSearch(t, w.db, ctx, "防災"), model.SearchThread, w.logo.ID) {
			t.Fatal("new words not found")
		}
	})
	t.Run("Hide", func(t *testing.T) {
		MustExec(t, w.db, `UPDATE replies SET hidden = 1 WHERE id = ?`, w.answer.ID)
		if has(mustSearch(t, w.db, ctx, "カフェ"), model.SearchReply, w.answer.ID) {
			t.Fatal("hidden reply found")
		}
		MustExec(t, w.db, `UPDATE replies SET hidden = 0 WHERE id = ?`, w.answer.ID)
		if !has(mustSearch(t, w.db, ctx, "カフェ"), model.SearchReply, w.answer.ID) {
			t.Fatal("shown again, not found")
		}
	})
	t.Run("HiddenThreadHidesItsReplies", func(t *testing.T) {
		MustExec(t, w.db, `UPDATE threads SET hidden = 1 WHERE id = ?`, w.ikukyu.ID)
		if rs := mustSearch(t, w.db, ctx, "育休"); has(rs, model.SearchThread, w.ikukyu.ID) || has(rs, model.SearchReply, w.answer.ID) {
			t.Fatalf("hidden thread or its reply found: %s", found(rs))
		}
		MustExec(t, w.db, `UPDATE threads SET hidden = 0 WHERE id = ?`, w.ikukyu.ID)
	})
	t.Run("Delete", func(t *testing.T) {
		at := data.FormatTime(w.db.Now())
		MustExec(t, w.db, `UPDATE threads SET body = '', deleted_at = ? WHERE id = ?`, at, w.ikukyu.ID)
		rs := mustSearch(t, w.db, ctx, "育休")
		if has(rs, model.SearchThread, w.ikukyu.ID) {
			t.Fatalf("deleted thread found: %s", found(rs))
		}
		// Its replies stay, as they do under 削除されました.
		if !has(rs, model.SearchReply, w.answer.ID) {
			t.Fatalf("reply of a deleted thread lost: %s", found(rs))
		}
		MustExec(t, w.db, `DELETE FROM replies WHERE id = ?`, w.answer.ID)
		if rs := mustSearch(t, w.db, ctx, "カフェ"); len(rs) != 0 {
			t.Fatalf("removed reply found: %s", found(rs))
		}
	})
	if n := MustQueryInt(t, w.db, `SELECT count(*) FROM search_pending`); n != 0 {
		t.Fatalf("%d rows left unindexed", n)
	}
}

func TestSearchNeverRevealsAnonymousAuthor(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	for _, q := range []string{"育休", "須賀", "次郎", "須賀 次郎"} {
		rs := mustSearch(t, w.db, as(w.ichiro), q)
		b, _ := json.Marshal(rs)
		if strings.Contains(string(b), "須賀") || strings.Contains(string(b), w.jiro.ID) {
			t.Fatalf("%q reveals the anonymous author: %s", q, b)
		}
		for _, r := range rs {
			if r.ID == w.ikukyu.ID && r.Type == model.SearchThread && (r.Author != "" || !r.Anonymous || r.Mine) {
				t.Fatalf("author %q", r.Author)
			}
		}
	}
	// The author sees that it is theirs.
	for _, r := range mustSearch(t, w.db, as(w.jiro), "育休の取り方") {
		if r.ID == w.ikukyu.ID && (r.Author != "須賀 次郎" || !r.Mine || !r.Anonymous) {
			t.Fatalf("own post shows %q", r.Author)
		}
	}
}

func TestSearchMembersOnlyCommunity(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	event := MustCreateEvent(t, w.db, w.secret.ID, w.hanako, "異動前の引継相談会",
		time.Date(2027, 3, 3, 9, 0, 0, 0, time.UTC), time.Date(2027, 3, 3, 10, 0, 0, 0, time.UTC), "", nil)
	MustCreateReply(t, w.db, as(w.hanako), w.secretThread.ID, "引継の時期は課によって違います。", false)
	for _, q := range []string{"引継", "異動", "人事異動の本音", "内示"} {
		if rs := mustSearch(t, w.db, as(w.ichiro), q); len(rs) != 0 {
			t.Errorf("non-member found %q: %s", q, found(rs))
		}
	}
	rs := mustSearch(t, w.db, as(w.hanako), "引継")
	if !has(rs, model.SearchThread, w.secretThread.ID) || !has(rs, model.SearchEvent, event) || len(rs) != 3 {
		t.Fatalf("member found %s", found(rs))
	}
	if rs := mustSearch(t, w.db, as(w.hanako), "人事異動の本音"); !has(rs, model.SearchCommunity, w.secret.ID) {
		t.Fatalf("member cannot find the community: %s", found(rs))
	}
	// Being added as a member makes it visible at once.
	MustExec(t, w.db, `INSERT INTO memberships (community_id, staff_id, joined_at) VALUES (?, ?, ?)`,
		w.secret.ID, w.ichiro.ID, data.FormatTime(w.db.Now()))
	if rs := mustSearch(t, w.db, as(w.ichiro), "内示"); !has(rs, model.SearchThread, w.secretThread.ID) {
		t.Fatalf("new member found %s", found(rs))
	}
}

func TestSearchHandovers(t *testing.T) {
	t.Parallel()
	db := MustOpenTestDB(t)
	pred := MustCreateStaff(t, db, "安積 花子", koriyama, "総務課")
	colleague := MustCreateStaff(t, db, "郡 三郎", koriyama, "総務課")
	other := MustCreateStaff(t, db, "三春 一郎", miharu, "総務課")
	dept := MustCreateHandover(t, db, koriyama, "総務課", "庶務・文書管理", pred, nil, model.HandoverVisDepartment)
	MustExec(t, db, `UPDATE handover_sections SET body = '災害時は参集名簿の確認から。引継ぎ後1か月は前任に聞いてください。'
		WHERE handover_id = ? AND position = 4`, dept)

	rs := mustSearch(t, db, as(colleague), "災害")
	if len(rs) != 1 || rs[0].Type != model.SearchSection || rs[0].ID != dept || rs[0].Anchor == "" ||
		rs[0].Title != "庶務・文書管理 / 注意点・よくある質問" {
		t.Fatalf("colleague found %s %+v", found(rs), rs)
	}
	if rs := mustSearch(t, db, as(colleague), "庶務"); !has(rs, model.SearchHandover, dept) {
		t.Fatalf("duty not found: %s", found(rs))
	}
	for _, q := range []string{"災害", "庶務", "引継"} {
		if rs := mustSearch(t, db, as(other), q); len(rs) != 0 {
			t.Fatalf("staff of another town found %q: %s", q, found(rs))
		}
	}
	MustExec(t, db, `UPDATE handovers SET visibility = 'area' WHERE id = ?`, dept)
	if rs := mustSearch(t, db, as(other), "災害"); len(rs) != 1 {
		t.Fatalf("note for the area not found: %s", found(rs))
	}
}

// TestSearchIndexesWhatBulkWrote: the seed generator writes with Bulk;
// what it writes is searchable at once, events and communities too.
func TestSearchIndexesWhatBulkWrote(t *testing.T) {
	t.Parallel()
	w := newSearchWorld(t)
	ev := MustCreateEvent(t, w.db, w.open.ID, w.hanako, "産休・育休カフェ",
		time.Date(2027, 2, 3, 9, 0, 0, 0, time.UTC), time.Date(2027, 2, 3, 10, 0, 0, 0, time.UTC), "", nil)
	rs := mustSearch(t, w.db, as(w.ichiro), "育休")
	if !has(rs, model.SearchEvent, ev) {
		t.Fatalf("event not found: %s", found(rs))
	}
	MustExec(t, w.db, `UPDATE events SET cancelled_at = ? WHERE id = ?`, data.FormatTime(w.db.Now()), ev)
	if has(mustSearch(t, w.db, as(w.ichiro), "育休"), model.SearchEvent, ev) {
		t.Fatal("cancelled event found")
	}
	if !has(mustSearch(t, w.db, as(w.ichiro), "聞きにくい"), model.SearchCommunity, w.open.ID) {
		t.Fatal("community not found by its name")
	}
}

// TestSearchIndexBuiltOnOpen: rows queued while no hiroba indexed them
// (as the migration to schema 3 queues every existing row) are indexed
// when the file is next opened for writing.
func TestSearchIndexBuiltOnOpen(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "hiroba.db")
	db := datatest.OpenNew(t, path, data.Options{})
	s := MustCreateStaff(t, db, "安積 花子", koriyama, "総務課")
	c := MustCreateCommunity(t, db, as(s), "庶務担当者の会", model.CategoryLearning, "", model.VisibilityOpen)
	th := mustPost(t, db, as(s), c.ID, "照会の回答管理", "庶務の照会は一覧表で管理しています。", false)
	db.Close()

	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM search_fts; DELETE FROM search_docs;
		INSERT INTO search_pending (kind, ref_id) SELECT 'thread', id FROM threads`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	ro, err := data.Open(path, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if rs := mustSearch(t, ro, as(s), "照会"); len(rs) != 0 {
		t.Fatalf("index not emptied: %s", found(rs))
	}
	ro.Close()

	db, err = data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if rs := mustSearch(t, db, as(s), "照会"); !has(rs, model.SearchThread, th.ID) {
		t.Fatalf("not indexed on open: %s", found(rs))
	}
	if n := MustQueryInt(t, db, `SELECT count(*) FROM search_pending`); n != 0 {
		t.Fatalf("%d rows left unindexed", n)
	}
}
