package document_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/document"
	"hiroba/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// note is a handed-over note of 財政課 with one answered and one open
// question, its text written as people write it: own headings, a code
// block, a table bar in a cell and an escape sequence.
func note() (*model.Handover, []model.HandoverQuestion) {
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	handed, asked, answered, until := utc(2027, 3, 25, 6, 30), utc(2027, 4, 8, 0, 15), utc(2027, 4, 8, 8, 0), utc(2028, 3, 31, 0, 0)
	h := &model.Handover{
		Municipality: "郡山市", Department: "財務部 財政課", Duty: "歳入予算の編成・地方交付税",
		PredecessorName: "熊田 剛", SuccessorID: "01SUCCESSOR000000000000000", SuccessorName: "高野 葵",
		EffectiveDate: utc(2027, 4, 1, 0, 0), Status: model.HandoverHandedOver,
		HandedOverAt: &handed, QuestionsUntil: &until, CreatedAt: utc(2027, 2, 1, 1, 0), UpdatedAt: handed, Revision: 3,
		Sections: []model.HandoverSection{
			{Title: "業務概要", Body: "# 主な仕事\n交付税の算定と歳入予算の見積もり。\n\n```\n# これは見出しではありません\n```\n"},
			{Title: "関係先・連絡先", Body: "| 相手 | 連絡先 |\n| --- | --- |\n| 県市町村財政課 | 内線 1234 |"},
			{Title: "注意点\x1b[2J", Body: "  "},
		},
	}
	qs := []model.HandoverQuestion{
		{AuthorName: "高野 葵", Body: "交付税の算定資料は\x1b[2Jどこにありますか。共有フォルダの名前が変わっていて見つかりません。\n急ぎません。",
			Answer: "03_交付税 のフォルダです。", AnsweredByName: "熊田 剛", CreatedAt: asked, AnsweredAt: &answered},
		{AuthorName: "高野 葵", Body: "まだ答えのない質問", CreatedAt: asked},
	}
	return h, qs
}

// The note prints the same in both languages but for the words around
// the text the staff wrote.
func TestHandover(t *testing.T) {
	for lang, file := range map[string]string{"ja": "handover.md", "en": "handover_en.md"} {
		h, qs := note()
		got := document.Handover(h, qs, lang)
		golden := filepath.Join("testdata", file)
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Fatalf("%s: got\n%s\nwant\n%s", lang, got, want)
		}
		if strings.ContainsRune(got, 0x1b) {
			t.Fatalf("%s: the document holds an escape character", lang)
		}
	}
}

func TestHandoverDraft(t *testing.T) {
	// A draft has no successor yet and nothing handed over.
	h, _ := note()
	h.Status, h.SuccessorID, h.SuccessorName, h.HandedOverAt, h.QuestionsUntil = model.HandoverDraft, "", "", nil, nil
	got := document.Handover(h, nil, "ja")
	for _, want := range []string{"| 後任 | 未定 |", "| 状態 | 作成中 |", "| 引継 | - |"} {
		if !strings.Contains(got, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	for _, not := range []string{"質問の受付", "引き継ぎ後の質問と回答"} {
		if strings.Contains(got, not) {
			t.Errorf("draft has %q", not)
		}
	}
}
