package calendar

import (
	"fmt"
	"strings"
	"time"

	"hiroba/model"
	"hiroba/ui/kit"
)

// describeRule writes an event's recurrence as staff say it, such as
// 毎月第3水曜日 15:00-16:00 (全10回); "" for an event that does not repeat.
// A rule the form cannot put in words (an imported BYSETPOS, an hourly
// rule) is カスタムの繰り返し with its next dates, when the store gave
// them (model.Event.Next).
func describeRule(e *model.Event, cat *kit.Catalog) string {
	if e.RRule == "" {
		return ""
	}
	clock := " " + cat.Clock(e.Start) + "-" + cat.Clock(e.End)
	if e.AllDay {
		clock = " " + cat.T("cal.allday")
	}
	r, err := model.ParseRecurrence(e.RRule)
	if err != nil {
		text := cat.T("cal.rule.custom") + clock
		if len(e.Next) > 0 {
			dates := make([]string, len(e.Next))
			for i, t := range e.Next {
				dates[i] = cat.Date(t)
			}
			text += " (" + cat.T("cal.rule.next", strings.Join(dates, cat.T("cal.rule.sep"))) + ")"
		}
		return text
	}
	r = r.InZone(e.RRule, cat.Loc)
	start := e.Start.In(cat.Loc)
	text := ruleText(cat, r, start) + clock
	switch {
	case r.Until != nil:
		text += " (" + cat.T("cal.rule.until", cat.DateYMD(*r.Until)) + ")"
	case r.Count > 0:
		text += " (" + cat.T("cal.rule.count", r.Count) + ")"
	}
	return text
}

// ruleText is the rule's pattern of dates, without times or its end.
func ruleText(cat *kit.Catalog, r model.Recurrence, start time.Time) string {
	wd := cat.Weekday
	ordinal := func(n int) string { return cat.T(fmt.Sprintf("cal.rule.ord.%d", n)) }
	every := max(r.Interval, 1)
	switch r.Freq {
	case model.FreqDaily:
		if every == 1 {
			return cat.T("cal.rule.daily")
		}
		return cat.T("cal.rule.days", every)
	case model.FreqWeekly:
		days := r.Weekdays
		if len(days) == 0 {
			days = []time.Weekday{start.Weekday()}
		}
		names := make([]string, len(days))
		for i, d := range days {
			names[i] = wd(d)
		}
		list := strings.Join(names, cat.T("cal.rule.sep"))
		if len(days) == 7 && every == 1 {
			return cat.T("cal.rule.daily")
		}
		if every == 1 {
			return cat.T("cal.rule.weekly", list)
		}
		return cat.T("cal.rule.weeks", every, list)
	case model.FreqMonthly:
		var on string
		switch {
		case r.Nth > 0:
			on = cat.T("cal.rule.on.nth", r.Nth, wd(r.Weekday), ordinal(r.Nth))
		case r.Nth < 0:
			on = cat.T("cal.rule.on.last", wd(r.Weekday))
		case r.MonthDay == -1:
			on = cat.T("cal.rule.on.lastday")
		case r.MonthDay < 0:
			on = cat.T("cal.rule.on.fromend", -r.MonthDay-1)
		case r.MonthDay > 0:
			on = cat.T("cal.rule.on.day", r.MonthDay)
		default:
			on = cat.T("cal.rule.on.day", start.Day())
		}
		if every == 1 {
			return cat.T("cal.rule.monthly", on)
		}
		return cat.T("cal.rule.months", every, on)
	case model.FreqYearly:
		m := r.Month
		if m == 0 {
			m = start.Month()
		}
		var on string
		switch {
		case r.Nth > 0:
			on = cat.T("cal.rule.year.nth", int(m), r.Nth, wd(r.Weekday), ordinal(r.Nth))
		case r.Nth < 0:
			on = cat.T("cal.rule.year.last", int(m), wd(r.Weekday))
		case r.MonthDay > 0:
			on = cat.T("cal.rule.year.day", int(m), r.MonthDay)
		default:
			on = cat.T("cal.rule.year.day", int(m), start.Day())
		}
		if every == 1 {
			return cat.T("cal.rule.yearly", on)
		}
		return cat.T("cal.rule.years", every, on)
	}
	return ""
}
