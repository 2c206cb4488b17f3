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

// Handover is the note as one Markdown document to print and file: the
// facts as a table, every section under its own heading (their own
// headings one level down), and the questions answered so far. Text is
// cleaned of control characters, so the file cannot drive a terminal it is
// shown in. Times are written in Japan's time, where every note is used.
// lang is "en" for English and anything else for Japanese; the text of
// the note is the note's own.
func Handover(h *model.Handover, qs []model.HandoverQuestion, lang string) string {
	w := wordsJA
	if lang == "en" {
		w = wordsEN
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	row := func(key, value string) { line("| " + w[key] + " | " + value + " |") }
	cell := func(s string) string { return strings.ReplaceAll(model.CleanLine(s), "|", `\|`) }
	jst := time.FixedZone("JST", 9*60*60)
	day := func(t time.Time) string { return t.Format(w["day"]) }
	when := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.In(jst).Format(w["when"])
	}
	successor := h.SuccessorName
	if h.SuccessorID == "" {
		successor = w["undecided"]
	}
	line(w["title"] + model.CleanLine(h.Duty))
	line("")
	row("item", w["value"])
	line("| --- | --- |")
	row("municipality", cell(h.Municipality))
	row("department", cell(h.Department))
	row("duty", cell(h.Duty))
	row("predecessor", cell(h.PredecessorName))
	row("successor", cell(successor))
	row("effective", day(h.EffectiveDate))
	row("status", w[h.Status])
	row("created", when(&h.CreatedAt))
	row("handed_over_at", when(h.HandedOverAt))
	row("acknowledged_at", when(h.AcknowledgedAt))
	if h.QuestionsUntil != nil {
		row("questions", fmt.Sprintf(w["until"], day(*h.QuestionsUntil)))
	}
	row("revision", fmt.Sprintf(w["revised"], h.Revision, when(&h.UpdatedAt)))
	if h.AckComment != "" {
		line("")
		line(w["ack_comment"] + model.CleanLine(h.AckComment))
	}
	for _, s := range h.Sections {
		line("")
		line("## " + model.CleanLine(s.Title))
		line("")
		body := strings.TrimSpace(model.CleanText(s.Body))
		if body == "" {
			line(w["empty"])
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
		line(w["questions_head"])
		for _, q := range answered {
			line("")
			line(fmt.Sprintf(w["question"], firstLine(q.Body), model.CleanLine(q.AuthorName), day(q.CreatedAt.In(jst))))
			line("")
			line(strings.TrimSpace(model.CleanText(q.Body)))
			line("")
			line(fmt.Sprintf(w["answer"], model.CleanLine(q.AnsweredByName), day(q.AnsweredAt.In(jst))))
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
