package cli_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hiroba/data"
	"hiroba/data/datatest"
	"hiroba/data/seed"
	"hiroba/model"
)

// demoDB writes the demo to a file and returns its path and the note of
// 財政課 (handed over from 熊田 剛 to 高野 葵, visible to its department).
// The file is a copy of one seeded once for the package
// (datatest.Template), closed before the commands open it: seeding took a
// quarter of the package's time.
func demoDB(t *testing.T) (path, noteID string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "demo.db")
	demoTemplate(t, path, data.Options{}).Close()
	return path, demoNote
}

// demoNote is the note of demoDB, set once the template is made.
var demoNote string

// demoTemplate is the demo seeded once, with an answered question on the
// note so that the export has one to print.
var demoTemplate = datatest.Template(data.Options{}, func(db *data.DB) error {
	ctx := context.Background()
	me, err := seed.Demo(ctx, db, time.Now())
	if err != nil {
		return err
	}
	hs, _, err := db.FindHandovers(model.WithViewer(ctx, me), model.HandoverFilter{Query: "地方交付税"})
	if err != nil || len(hs) != 1 {
		return fmt.Errorf("demo note: %v %v", hs, err)
	}
	pred := model.WithViewer(ctx, hs[0].PredecessorID)
	q, err := db.AskQuestion(model.WithViewer(ctx, me), hs[0].ID, "交付税の算定資料は\x1b[2Jどこに？")
	if err != nil {
		return err
	}
	if err := db.AnswerQuestion(pred, q.ID, "03_交付税 のフォルダです"); err != nil {
		return err
	}
	demoNote = hs[0].ID
	return nil
})

func TestHandoverExport(t *testing.T) {
	t.Parallel()
	path, id := demoDB(t)
	out, stderr, code := hiroba(t, "handover", "export", "--db", path, "--as", "高野 葵", id)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"# 引き継ぎ書: 歳入予算の編成・地方交付税",
		"| 自治体 | 郡山市 |", "| 所属 | 財務部 財政課 |", "| 前任 | 熊田 剛 |", "| 後任 | 高野 葵 |", "| 状態 | 引継済み |",
		"| 異動日 | ", "| 質問の受付 | ",
		"## 業務概要", "## 年間スケジュール", "## 関係先・連絡先", "## 進行中の案件", "## 注意点・よくある質問", "## 参考資料・ファイルの場所",
		"#### 主な仕事", // the section's own heading, under the section
		"## 引き継ぎ後の質問と回答", "03_交付税 のフォルダです",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	if strings.ContainsRune(out, 0x1b) {
		t.Error("export holds an escape character")
	}
	// Sections come in order.
	if strings.Index(out, "## 業務概要") > strings.Index(out, "## 参考資料・ファイルの場所") {
		t.Error("sections out of order")
	}

	t.Run("NotVisible", func(t *testing.T) {
		// 菅野 駿 is of 総務課: the 財政課 note is for its department only.
		out, stderr, code := hiroba(t, "handover", "export", "--db", path, "--as", "菅野 駿", id)
		if code != 1 || out != "" || !strings.Contains(stderr, "見つかりません") {
			t.Fatalf("exit %d, %q, %q", code, out, stderr)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, args := range [][]string{{"handover"}, {"handover", "export"}, {"handover", "export", id, "--format", "pdf"}, {"handover", "print", id}} {
			_, stderr, code := hiroba(t, append(args, "--db", path, "--as", "高野 葵")...)
			if code != 2 || stderr == "" {
				t.Errorf("%v: exit %d %q", args, code, stderr)
			}
		}
	})
}

func TestHandoversJSON(t *testing.T) {
	t.Parallel()
	path, id := demoDB(t)
	list := func(t *testing.T, args ...string) []model.Handover {
		t.Helper()
		out, stderr, code := hiroba(t, append([]string{"handovers", "--json", "--db", path}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var hs []model.Handover
		if err := unmarshalShaped(out, &hs); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return hs
	}
	duties := func(hs []model.Handover) string {
		var out []string
		for _, h := range hs {
			out = append(out, h.Duty)
		}
		return strings.Join(out, ",")
	}
	aoi := list(t, "--as", "高野 葵")
	if !strings.Contains(duties(aoi), "歳入予算の編成・地方交付税") || strings.Contains(duties(aoi), "児童手当") {
		t.Fatalf("高野 葵 sees %s", duties(aoi))
	}
	shun := list(t, "--as", "菅野 駿")
	if strings.Contains(duties(shun), "地方交付税") {
		t.Fatalf("総務課 sees the 財政課 note: %s", duties(shun))
	}
	mine := list(t, "--as", "高野 葵", "--mine")
	if len(mine) != 1 || mine[0].ID != id || mine[0].SuccessorName != "高野 葵" {
		t.Fatalf("--mine %s", duties(mine))
	}
	drafts := list(t, "--as", "高野 葵", "--status", "draft")
	for _, h := range drafts {
		if h.Status != model.HandoverDraft {
			t.Fatalf("--status draft gave %s", h.Status)
		}
	}
	if len(drafts) == 0 {
		t.Fatal("no drafts: the area-wide 田村市 draft should be listed")
	}
	if _, _, code := hiroba(t, "handovers", "--json", "--db", path, "--status", "done"); code != 2 {
		t.Fatalf("bad --status: exit %d", code)
	}
}
