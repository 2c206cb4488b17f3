package handovers

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"hiroba/model"
	"hiroba/ui/kit"
	"hiroba/ui/kit/kittest"
)

func day(m time.Month, d int) *time.Time {
	t := time.Date(2026, m, d, 1, 30, 0, 0, time.UTC)
	return &t
}

// note is a handed-over note with its questions: one answered, one open.
func note() noteData {
	h := &model.Handover{ID: "h1", Municipality: "須賀川市", Department: "市民課 住民記録係", Duty: "住民異動届の受付と戸籍附票の更新",
		PredecessorName: "高橋 美咲", SuccessorID: "s2", SuccessorName: "遠藤 拓也", EffectiveDate: *day(4, 1),
		Status: model.HandoverHandedOver, Visibility: model.HandoverVisMunicipality, Revision: 3,
		CreatedAt: *day(2, 10), HandedOverAt: day(3, 25), QuestionsUntil: day(12, 31),
		Sections: []model.HandoverSection{
			{ID: "s-overview", Title: "業務概要", Body: "窓口で転入・転出・転居の届を受け付け、**当日中に**住民記録システムへ入力します。"},
			{ID: "s-year", Title: "年間スケジュール", Body: "- 3月下旬〜4月上旬: 異動の繁忙期（窓口2名増）\n- 9月: 附票の一斉照合"},
			{ID: "s-contacts", Title: "関係先・連絡先", Body: ""},
		}}
	answered := day(11, 2)
	return noteData{note: h, questions: []model.HandoverQuestion{
		{ID: "q1", AuthorName: "遠藤 拓也", Body: "繁忙期の応援は毎年どこの課から来ますか？", Answer: "例年、税務課と保険年金課から1名ずつです。", AnsweredByName: "高橋 美咲", CreatedAt: *day(10, 30), AnsweredAt: answered},
		{ID: "q2", AuthorName: "遠藤 拓也", Body: "附票の照合リストはどのフォルダにありますか。", CreatedAt: *day(11, 18)},
	}}
}

func TestHandoverDocument(t *testing.T) {
	t.Parallel()
	kittest.Documents(t, "note", func(cat *kit.Catalog, w int) kit.Document { return renderNote(note(), w, cat, kit.DefaultStyles()) },
		kittest.Size{Lang: "ja", Width: 40}, kittest.Size{Lang: "ja", Width: 76}, kittest.Size{Lang: "en", Width: 60})
}

// A long note shows its first screens at once and says the rest is
// coming; the whole note has every section, each anchored on its title.
func TestLongHandoverPreviewsItsTop(t *testing.T) {
	t.Parallel()
	d := note()
	var long strings.Builder
	for i := range 80 {
		fmt.Fprintf(&long, "### 手順 %d\n\n窓口で受け付けた届は、その日のうちに入力して確認者の印をもらいます。\n\n", i+1)
	}
	d.note.Sections = append(d.note.Sections, model.HandoverSection{ID: "s-cases", Title: "進行中の案件", Body: long.String()},
		model.HandoverSection{ID: "s-faq", Title: "注意点・よくある質問", Body: "締め切りの前日は混みます。"})
	cat, st := kittest.Catalog("ja"), kit.DefaultStyles()

	preview, ok := previewNote(d, 60, cat, st)
	if !ok {
		t.Fatal("a note of 80 steps rendered whole at once")
	}
	lines := strings.Split(ansi.Strip(preview.Text), "\n")
	if last := lines[len(lines)-1]; last != cat.T("hand.loading") {
		t.Fatalf("the preview ends with %q, want the line saying the rest is coming", last)
	}
	whole := renderNote(d, 60, cat, st)
	text := strings.Split(ansi.Strip(whole.Text), "\n")
	var titles []string
	for _, a := range whole.Anchors {
		titles = append(titles, strings.TrimSpace(text[a.Line]))
	}
	want := "[## 業務概要 ## 年間スケジュール ## 関係先・連絡先 ## 進行中の案件 ## 注意点・よくある質問 Q. 遠藤 拓也  2026年10月30日 Q. 遠藤 拓也  2026年11月18日]"
	if got := fmt.Sprint(titles); got != want {
		t.Fatalf("anchored lines\n%s\nwant\n%s", got, want)
	}
	if !strings.HasPrefix(whole.Text, preview.Text[:strings.LastIndex(preview.Text, "\n")]) {
		t.Fatal("the whole note does not begin as its preview")
	}
}
