// Package document renders what hiroba prints and files, such as a
// handover note, as Markdown. It is pure: what a document shows is loaded
// by the caller, so the command line and a screen render the same text.
package document

import (
	"fmt"
	"strings"
	"time"

	"hiroba/model"
)

var handoverStatusJA = map[string]string{
	model.HandoverDraft:        "作成中",
	model.HandoverHandedOver:   "引継済み",
	model.HandoverAcknowledged: "受領確認済み",
}

// Handover is the note as one Markdown document to print and file: the
// facts as a table, every section under its own heading (their own
// headings one level down), and the questions answered so far. Text is
// cleaned of control characters, so the file cannot drive a terminal it is
// shown in. Times are written in Japan's time, where every note is used.
func Handover(h *model.Handover, qs []model.HandoverQuestion) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	cell := func(s string) string { return strings.ReplaceAll(model.CleanLine(s), "|", `\|`) }
	jst := time.FixedZone("JST", 9*60*60)
	day := func(t time.Time) string { return t.Format("2006年1月2日") }
	when := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.In(jst).Format("2006年1月2日 15:04")
	}
	successor := h.SuccessorName
	if h.SuccessorID == "" {
		successor = "未定"
	}
	line("# 引き継ぎ書: " + model.CleanLine(h.Duty))
	line("")
	line("| 項目 | 内容 |")
	line("| --- | --- |")
	line("| 自治体 | " + cell(h.Municipality) + " |")
	line("| 所属 | " + cell(h.Department) + " |")
	line("| 担当業務 | " + cell(h.Duty) + " |")
	line("| 前任 | " + cell(h.PredecessorName) + " |")
	line("| 後任 | " + cell(successor) + " |")
	line("| 異動日 | " + day(h.EffectiveDate) + " |")
	line("| 状態 | " + handoverStatusJA[h.Status] + " |")
	line("| 作成 | " + when(&h.CreatedAt) + " |")
	line("| 引継 | " + when(h.HandedOverAt) + " |")
	line("| 受領確認 | " + when(h.AcknowledgedAt) + " |")
	if h.QuestionsUntil != nil {
		line("| 質問の受付 | " + day(*h.QuestionsUntil) + " まで |")
	}
	line(fmt.Sprintf("| 版 | 第%d版 (%s 更新) |", h.Revision, when(&h.UpdatedAt)))
	if h.AckComment != "" {
		line("")
		line("> 受領確認のコメント: " + model.CleanLine(h.AckComment))
	}
	for _, s := range h.Sections {
		line("")
		line("## " + model.CleanLine(s.Title))
		line("")
		body := strings.TrimSpace(model.CleanText(s.Body))
		if body == "" {
			line("(記載なし)")
			continue
		}
		line(demoteHeadings(body))
	}
	var answered []model.HandoverQuestion
	for _, q := range qs {
		if q.Answered() {
			answered = append(answered, q)
		}
	}
	if len(answered) > 0 {
		line("")
		line("## 引き継ぎ後の質問と回答")
		for _, q := range answered {
			line("")
			line(fmt.Sprintf("### Q. %s (%s、%s)", firstLine(q.Body), model.CleanLine(q.AuthorName), day(q.CreatedAt.In(jst))))
			line("")
			line(strings.TrimSpace(model.CleanText(q.Body)))
			line("")
			line(fmt.Sprintf("**A.** (%s、%s)", model.CleanLine(q.AnsweredByName), day(q.AnsweredAt.In(jst))))
			line("")
			line(strings.TrimSpace(model.CleanText(q.Answer)))
		}
	}
	return b.String()
}

// demoteHeadings moves a section's own headings one level down, so that
// they sit under the section's "##" heading; code blocks are left alone.
func demoteHeadings(body string) string {
	lines := strings.Split(body, "\n")
	fenced := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
			continue
		}
		if !fenced && strings.HasPrefix(l, "#") && strings.HasPrefix(strings.TrimLeft(l, "#"), " ") && len(l)-len(strings.TrimLeft(l, "#")) <= 4 {
			lines[i] = "##" + l
		}
	}
	return strings.Join(lines, "\n")
}

func firstLine(s string) string {
	s = strings.TrimSpace(model.CleanText(s))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}
