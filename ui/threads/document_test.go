package threads

import (
	"fmt"
	"testing"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

func at(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC) }

// question is an anonymous question of the viewer's, answered, with a
// reply deleted, one edited and one not yet read.
func question() threadData {
	t := model.Thread{ID: "t1", CommunityName: "庶務担当者の会", Kind: model.KindQuestion,
		Title: "会計年度任用職員の勤怠入力、月末締めの流れを教えてください", Tags: []string{"勤怠", "庶務"},
		Anonymous: true, Mine: true, AuthorName: "佐藤 花子", ResolvedReplyID: "r2", ReplyCount: 5, HelpfulCount: 3,
		CreatedAt: at(17, 1), Following: true, Edited: true,
		Body: "異動してきたばかりで、月末の締めの順番がわかりません。\n\n- 勤怠の入力期限はいつですか\n- 差し戻しはどこから確認しますか"}
	return threadData{thread: t, replies: []model.Reply{
		{ID: "r1", AuthorName: "国分 結衣", Body: "うちの課では毎月25日に一度確認しています。", HelpfulCount: 1, CreatedAt: at(17, 3)},
		{ID: "r2", AuthorName: "大内 里奈", Body: "**月末3営業日前**が入力期限です。差し戻しは庶務システムの「未承認一覧」から見られます。", HelpfulCount: 4, MarkedHelpful: true, CreatedAt: at(18, 2), Edited: true},
		{ID: "r3", AuthorName: "安田 颯太", Deleted: true, CreatedAt: at(18, 5)},
		{ID: "r4", AuthorName: "匿名", Anonymous: true, Mine: true, Body: "ありがとうございます、助かりました！", CreatedAt: at(19, 1), Unread: true},
	}}
}

// call is a 募集 that is full, with a deadline and a place.
func call() threadData {
	deadline := at(30, 14)
	return threadData{thread: model.Thread{ID: "t2", CommunityName: "職場応援ボード", Kind: model.KindCall,
		Title: "【繁忙期応援】住民税課 当初課税の封入作業", AuthorName: "根本 智之", CreatedAt: at(10, 0),
		SupportType: model.SupportBusy, Slots: 3, Applicants: 3, Applied: true, Deadline: &deadline, Place: "郡山市役所 本庁舎2階",
		Body: "1月中旬の2日間、午後だけでも助かります。所属長の了解を得てから申し込んでください。"}}
}

func TestThreadDocument(t *testing.T) {
	t.Parallel()
	st := kit.DefaultStyles()
	kittest.Documents(t, "thread_question", func(cat *kit.Catalog, w int) kit.Document { return renderThread(question(), w, cat, st) },
		kittest.Size{Lang: "ja", Width: 40}, kittest.Size{Lang: "ja", Width: 72}, kittest.Size{Lang: "en", Width: 60})
	kittest.Documents(t, "thread_call", func(cat *kit.Catalog, w int) kit.Document { return renderThread(call(), w, cat, st) },
		kittest.Size{Lang: "ja", Width: 44})
}

// The anchors are the posts in the order shown: the thread, the accepted
// answer, then the other replies in the order written.
func TestThreadAnchorsFollowTheOrderShown(t *testing.T) {
	t.Parallel()
	doc := renderThread(question(), 60, kittest.Catalog("ja"), kit.DefaultStyles())
	var ids []string
	for _, a := range doc.Anchors {
		ids = append(ids, a.ID)
	}
	if got, want := fmt.Sprint(ids), "[t1 r2 r1 r3 r4]"; got != want {
		t.Fatalf("anchors %s, want %s", got, want)
	}
}
