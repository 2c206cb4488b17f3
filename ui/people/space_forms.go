package people

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// newMeetingForm schedules a 面談 of pair x with other: a day, from and
// until, a place, a note for the two, and whether it counts under the 20%
// rule. It starts a week ahead at 17:30, as the demo's pairs meet.
func newMeetingForm(c *kit.Common, x model.Pair, other model.Staff) *simpleForm {
	cat := c.Cat
	day := c.Now().In(c.Loc()).AddDate(0, 0, 7)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	yesNo := []string{cat.T("people.form.yes"), cat.T("people.form.no")}
	f := newSimpleForm(c, cat.T("fellows.meet.title", kit.Clean(other.Name)), cat.T("fellows.meet.lead"),
		textField("date", cat.T("fellows.meet.date"), day.Format("2006-01-02"), cat.T("fellows.meet.date.hint"), 10),
		textField("start", cat.T("fellows.meet.start"), "17:30", cat.T("fellows.meet.time.hint"), 5),
		textField("end", cat.T("fellows.meet.end"), "18:15", "", 5),
		textField("place", cat.T("fellows.meet.place"), "", "", model.MaxEventPlaceLen),
		textField("note", cat.T("fellows.meet.note"), "", "", model.MaxFeedbackComment),
		choiceField("twenty", cat.T("fellows.meet.twenty"), cat.T("fellows.meet.twenty.hint"), yesNo, 0),
	)
	f.submit = func() tea.Cmd {
		date, ok := parseDay(f.text("date"), c.Now().In(c.Loc()))
		if !ok {
			f.fail("date", cat.T("fellows.meet.date.bad"))
			return nil
		}
		start, ok1 := parseClock(f.text("start"), date)
		end, ok2 := parseClock(f.text("end"), date)
		switch {
		case !ok1:
			f.fail("start", cat.T("fellows.meet.time.bad"))
			return nil
		case !ok2:
			f.fail("end", cat.T("fellows.meet.time.bad"))
			return nil
		}
		m := &model.PairMeeting{PairID: x.ID, Start: start.UTC(), End: end.UTC(), Place: f.text("place"), Note: f.text("note"),
			TwentyPercent: f.chosen("twenty") == 0}
		if err := m.Validate(); err != nil {
			f.failed(err)
			return nil
		}
		store, ctx := c.Store, c.Ctx()
		text := cat.T("fellows.meet.done", cat.Date(start)+" "+cat.Clock(start), kit.Clean(other.Name))
		return func() tea.Msg {
			return pairChangedMsg{text: text, scrollTo: anchorMeetings, err: store.SchedulePairMeeting(ctx, m)}
		}
	}
	return f
}

// parseDay reads a day as 2026-11-26, 2026/11/26 or 11/26 (this year),
// full-width digits too, at midnight in now's zone.
func parseDay(s string, now time.Time) (time.Time, bool) {
	s = strings.ReplaceAll(model.FoldText(s), "/", "-")
	for _, layout := range []string{"2006-1-2", "1-2"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			if layout == "1-2" {
				t = t.AddDate(now.Year(), 0, 0)
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// parseClock reads a time of day such as 17:30 on day.
func parseClock(s string, day time.Time) (time.Time, bool) {
	t, err := time.Parse("15:04", model.FoldText(s))
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, day.Location()), true
}

// newFeedbackForm asks the three questions of the half year, 1 to 5, and
// a comment that only administrators read; before is the viewer's answer
// of this half year, which the form begins with, or nil.
func newFeedbackForm(c *kit.Common, x model.Pair, other model.Staff, before *model.PairFeedback) *simpleForm {
	cat := c.Cat
	scores := make([]string, 5)
	for i := range scores {
		scores[i] = cat.T("fellows.score", i+1)
	}
	ease, useful, cont, comment := 2, 2, 2, ""
	if before != nil {
		ease, useful, cont, comment = before.Ease-1, before.Useful-1, before.Continue-1, before.Comment
	}
	f := newSimpleForm(c, cat.T("fellows.answer.title", period(cat, model.FeedbackPeriod(c.Now())), kit.Clean(other.Name)),
		cat.T("fellows.answer.lead"),
		choiceField("ease", cat.T("fellows.q.ease"), "", scores, ease),
		choiceField("useful", cat.T("fellows.q.useful"), "", scores, useful),
		choiceField("continue", cat.T("fellows.q.continue"), "", scores, cont),
		textField("comment", cat.T("fellows.q.comment"), comment, "", model.MaxFeedbackComment),
	)
	f.submit = func() tea.Cmd {
		fb := &model.PairFeedback{PairID: x.ID, Ease: f.chosen("ease") + 1, Useful: f.chosen("useful") + 1,
			Continue: f.chosen("continue") + 1, Comment: f.text("comment")}
		if err := fb.Validate(); err != nil {
			f.failed(err)
			return nil
		}
		store, ctx := c.Store, c.Ctx()
		return func() tea.Msg {
			return pairChangedMsg{text: cat.T("fellows.answer.done"), err: store.AnswerFeedback(ctx, fb)}
		}
	}
	return f
}
