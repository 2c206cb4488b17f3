package communities

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

// cafe is a community with organisers, more members than are read, a
// thread by an anonymous author and a monthly event.
func cafe() communityData {
	staff := func(name, muni string) model.Staff { return model.Staff{Name: name, Municipality: muni} }
	event := &model.Event{Title: "産休・育休カフェ（オンライン同時開催）"}
	first := time.Date(2026, 12, 16, 6, 0, 0, 0, time.UTC)
	return communityData{
		com: &model.Community{ID: "c1", Name: "産休・育休カフェ", Category: model.Categories[3], MunicipalityID: "", Visibility: model.VisibilityOpen,
			Summary: "育休を考えている人と、取った人が話せる場所", MemberCount: 27,
			Description: "## 集まり\n\n毎月 **第3水曜日** の15時から、郡山市役所と田村市役所をオンラインでつないで開いています。\n\n- 途中参加・途中退出OK\n- 男性の育休の話も歓迎"},
		members: []model.Member{
			{Staff: staff("岩崎 愛", "郡山市"), Role: model.MemberOrganiser},
			{Staff: staff("根本 智之", "田村市"), Role: model.MemberOrganiser},
			{Staff: staff("五十嵐 翔太", "本宮市"), Role: model.MemberRegular},
			{Staff: staff("松井 恵子", "三春町"), Role: model.MemberRegular},
		},
		total: 27,
		threads: []model.Thread{
			{Kind: model.KindQuestion, Title: "育休中の研修の扱いはどうなりますか", Anonymous: true, AuthorName: "", LastActivityAt: kittest.Now.Add(-26 * time.Hour), ReplyCount: 3},
			{Kind: model.KindExperience, Title: "1年の育休から戻って最初の1か月", AuthorName: "国分 結衣", LastActivityAt: kittest.Now.AddDate(0, -1, -2), ReplyCount: 8},
		},
		events:     []model.Occurrence{{Event: event, Start: first}, {Event: event, Start: first.AddDate(0, 1, 4)}},
		eventsRead: true,
	}
}

func TestCommunityDocument(t *testing.T) {
	t.Parallel()
	kittest.Documents(t, "community", func(cat *kit.Catalog, w int) kit.Document {
		return renderCommunity(cafe(), w, cat, kit.DefaultStyles())
	},
		kittest.Size{Lang: "ja", Width: 40}, kittest.Size{Lang: "ja", Width: 90}, kittest.Size{Lang: "en", Width: 60})
}

// The pane draws a community before its events are read: the section
// says they are on their way, with no row to open, and no "none".
func TestCommunityDocumentBeforeItsEvents(t *testing.T) {
	t.Parallel()
	d := cafe()
	d.events, d.eventsRead = nil, false
	for _, lang := range []string{"ja", "en"} {
		cat := kit.NewCatalog(lang, time.UTC, func() time.Time { return kittest.Now })
		doc := renderCommunity(d, 60, cat, kit.DefaultStyles())
		text := ansi.Strip(doc.Text)
		lines := strings.Split(text, "\n")
		last := strings.TrimSpace(lines[len(lines)-1])
		if last != cat.T("loading") || !strings.Contains(text, cat.T("community.events")) {
			t.Errorf("%s: the events section does not say they are on their way:\n%s", lang, text)
		}
		for _, a := range doc.Anchors {
			if strings.HasPrefix(a.ID, anchorEvent) {
				t.Errorf("%s: an event row before the events: %v", lang, a)
			}
		}
	}
}
