package people

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// The documents of 人, drawn from data without a database: every line
// within the width, at several widths and in both languages.

func staff(id, name, muni, dept string) model.Staff {
	return model.Staff{ID: id, Name: name, Municipality: muni, Department: dept}
}

var (
	daichi  = staff("s1", "矢吹 大地", "須賀川市", "市民福祉部 子育て支援課")
	aoi     = staff("s2", "高野 葵", "郡山市", "財務部 財政課")
	takashi = staff("s3", "関根 隆", "須賀川市", "財務部 財政課")
)

func TestProfileDocument(t *testing.T) {
	t.Parallel()
	updated := kittest.Now.AddDate(0, -2, 0)
	p := &model.Profile{Staff: daichi, JoinedYear: 2017, UpdatedAt: &updated,
		History: []model.PastPost{{Department: "税務課", FromYear: 2017, ToYear: 2021}, {Municipality: "福島県", Department: "県中地方振興局 税務部", FromYear: 2022, ToYear: 2023}},
		Topics: []model.Topic{{Kind: model.TopicWork, Label: "子育て支援"}, {Kind: model.TopicWork, Label: "住民税"},
			{Kind: model.TopicSystem, Label: "LoGoチャット"}, {Kind: model.TopicExperience, Label: "育休取得", Note: "3か月。男性職員で課内初"}}}
	reasons := []model.MatchReason{{Field: model.MatchExperience, Text: "育休取得"}, {Field: model.MatchHistory, Text: "税務課"}}
	kittest.Documents(t, "profile", func(cat *kit.Catalog, w int) kit.Document {
		return renderProfile(profileData{profile: p, reasons: reasons}, w, cat, kit.DefaultStyles())
	}, kittest.Size{Lang: "ja", Width: 40}, kittest.Size{Lang: "ja", Width: 76}, kittest.Size{Lang: "en", Width: 60})
}

// A hidden profile, to someone else: who and where, and no more, even if
// a store handed over more.
func TestHiddenProfileShowsNoMore(t *testing.T) {
	t.Parallel()
	p := &model.Profile{Staff: daichi, Hidden: true, JoinedYear: 2017,
		History: []model.PastPost{{Department: "税務課", FromYear: 2017, ToYear: 2021}},
		Topics:  []model.Topic{{Kind: model.TopicExperience, Label: "育休取得"}}}
	doc := renderProfile(profileData{profile: p}, 60, kittest.Catalog("ja"), kit.DefaultStyles()).Text
	for _, secret := range []string{"税務課", "育休取得", "入庁"} {
		if strings.Contains(doc, secret) {
			t.Errorf("a hidden profile shows %q to others:\n%s", secret, doc)
		}
	}
	mine := renderProfile(profileData{profile: p, mine: true}, 60, kittest.Catalog("ja"), kit.DefaultStyles()).Text
	if !strings.Contains(mine, "育休取得") || !strings.Contains(mine, "非公開") {
		t.Errorf("the owner sees:\n%s", mine)
	}
}

func space() spaceData {
	confirmed := kittest.Now.AddDate(0, -5, 0)
	at := func(days int) time.Time { return kittest.Now.AddDate(0, 0, days) }
	x := &model.Pair{ID: "p1", Programme: "2026年度 新規採用職員フェロー制度", Junior: aoi, Fellow: takashi, Status: model.PairConfirmed,
		ConfirmedAt: &confirmed, SharedTopics: []string{"予算編成の補助", "LoGoチャット"}, Unread: 1}
	return spaceData{
		entry: fellowEntry{pair: x, meFirst: true},
		now:   kittest.Now,
		meetings: []model.PairMeeting{
			{ID: "m1", Start: at(-30), End: at(-30).Add(45 * time.Minute), Place: "本庁舎 2階 相談室"},
			{ID: "m2", Start: at(-2), End: at(-2).Add(45 * time.Minute), Place: "オンライン", Cancelled: true},
			{ID: "m3", Start: at(7), End: at(7).Add(45 * time.Minute), Place: "庁舎 1階 打合せスペース", Note: "決算の資料を持っていく"},
		},
		messages: []model.PairMessage{
			{ID: "a", Author: takashi, Body: "フェローを務めます関根です。気軽に書いてください。", CreatedAt: at(-140)},
			{ID: "b", Author: aoi, Body: "高野です。予算要求の時期が近づいていて不安です。", CreatedAt: at(-139)},
			{ID: "c", Author: takashi, Body: "来週の木曜17時半はいかがですか。", CreatedAt: at(-1)},
		},
	}
}

func TestSpaceDocument(t *testing.T) {
	t.Parallel()
	kittest.Documents(t, "space", func(cat *kit.Catalog, w int) kit.Document {
		return renderSpace(space(), w, cat, kit.DefaultStyles())
	}, kittest.Size{Lang: "ja", Width: 43}, kittest.Size{Lang: "ja", Width: 95}, kittest.Size{Lang: "en", Width: 60})
}

func TestAdminRowDocument(t *testing.T) {
	t.Parallel()
	d := space()
	last := kittest.Now.AddDate(0, -3, 0)
	ended := kittest.Now.AddDate(0, 0, -10)
	x := *d.entry.pair
	x.Status, x.EndedAt, x.EndedBy, x.EndReason = model.PairEnded, &ended, model.RoleJunior, "フェローの方が育休に入られるため。"
	stat := &model.PairStat{PairID: x.ID, Status: x.Status, ConfirmedAt: x.ConfirmedAt, LastMet: &last, Meetings: 2, Messages: 9,
		Feedback: []model.PairFeedback{{Period: "2026-1", Side: model.RoleJunior, Ease: 4, Useful: 3, Continue: 2, Comment: "忙しくて会えていません。"}}}
	kittest.Documents(t, "adminrow", func(cat *kit.Catalog, w int) kit.Document {
		return renderAdminRow(adminRow{pair: &x, stat: stat}, w, cat, kit.DefaultStyles())
	}, kittest.Size{Lang: "ja", Width: 43}, kittest.Size{Lang: "en", Width: 60})
	doc := renderAdminRow(adminRow{pair: &x, stat: stat}, 60, kittest.Catalog("ja"), kit.DefaultStyles()).Text
	for _, secret := range d.messages {
		if strings.Contains(doc, secret.Body) {
			t.Errorf("the administrator's view shows a message: %q", secret.Body)
		}
	}
}

// The profile form: a refusal of the store for a row of the saved
// profile lands on the form's row, blank rows not counted.
func TestProfileFormErrorAtItsRow(t *testing.T) {
	t.Parallel()
	c := kit.NewCommon(nil, kittest.Catalog("ja"), false)
	f := newProfileForm(c, &model.Profile{Staff: aoi, JoinedYear: 2020,
		History: []model.PastPost{{Department: "市民課", FromYear: 2020, ToYear: 2022}}})
	f.SetSize(100, 30)
	f.addHistory() // a blank row between, which is not saved
	f.addHistory()
	f.layoutCells()
	last := f.history[2]
	last.dept.SetValue("税務課")
	last.from.SetValue("２０２１") // full-width digits are read
	last.to.SetValue("2023")
	f.Update(press("ctrl+s"))
	want := "市民課 (2020-2022年度) と 税務課 (2021-2023年度) の年度が重なっています"
	if !strings.Contains(f.View(), want) {
		t.Fatalf("form:\n%s\nwant %q", f.View(), want)
	}
	if got := f.cells[f.focus]; got != (cell{"dept", 2}) {
		t.Errorf("focus on %+v, want the third row", got)
	}
	last.from.SetValue("2023")
	f.Update(press("x"))
	if strings.Contains(f.View(), "重なっています") {
		t.Errorf("the refusal stays after the row changed")
	}
}

func press(k string) tea.KeyPressMsg {
	if k == "ctrl+s" {
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}
