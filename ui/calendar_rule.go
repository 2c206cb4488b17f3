package ui

import (
	"fmt"
	"strings"
	"time"

	"hiroba/model"
)

// describeRule writes an event's recurrence as staff say it, such as
// 毎月第3水曜日 15:00-16:00 (全10回); "" for an event that does not repeat.
// A rule the model cannot read is shown as written, cleaned.
func describeRule(c *Common, e *model.Event) string {
	if e.RRule == "" {
		return ""
	}
	r, err := model.ParseRecurrence(e.RRule)
	if err != nil {
		return clean(e.RRule)
	}
	r = r.InZone(e.RRule, c.Loc)
	start := e.Start.In(c.Loc)
	text := ruleText(c.Cat, r, start)
	if e.AllDay {
		text += " " + c.Cat.T("cal.allday")
	} else {
		text += " " + c.clock(e.Start) + "-" + c.clock(e.End)
	}
	switch {
	case r.Until != nil:
		text += " (" + c.Cat.T("cal.rule.until", c.dateYMD(*r.Until)) + ")"
	case r.Count > 0:
		text += " (" + c.Cat.T("cal.rule.count", r.Count) + ")"
	}
	return text
}

// ruleText is the rule's pattern of dates, without times or its end.
func ruleText(cat *Catalog, r model.Recurrence, start time.Time) string {
	wd := func(d time.Weekday) string { return cat.T(fmt.Sprintf("weekday.%d", d)) }
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

func init() {
	addCatalog(map[string]string{
		"cal.rule.daily":      "毎日",
		"cal.rule.days":       "%d日ごと",
		"cal.rule.sep":        "・",
		"cal.rule.weekly":     "毎週%s曜日",
		"cal.rule.weeks":      "%d週ごとの%s曜日",
		"cal.rule.monthly":    "毎月%s",
		"cal.rule.months":     "%dか月ごとの%s",
		"cal.rule.on.nth":     "第%[1]d%[2]s曜日",
		"cal.rule.on.last":    "最終%s曜日",
		"cal.rule.on.lastday": "末日",
		"cal.rule.on.fromend": "末日の%d日前",
		"cal.rule.on.day":     "%d日",
		"cal.rule.yearly":     "毎年%s",
		"cal.rule.years":      "%d年ごとの%s",
		"cal.rule.year.nth":   "%[1]d月の第%[2]d%[3]s曜日",
		"cal.rule.year.last":  "%d月の最終%s曜日",
		"cal.rule.year.day":   "%d月%d日",
		"cal.rule.until":      "%sまで",
		"cal.rule.count":      "全%d回",
		"cal.rule.ord.1":      "1st",
		"cal.rule.ord.2":      "2nd",
		"cal.rule.ord.3":      "3rd",
		"cal.rule.ord.4":      "4th",
		"cal.rule.ord.5":      "5th",
	}, map[string]string{
		"cal.rule.daily":      "Daily",
		"cal.rule.days":       "Every %d days",
		"cal.rule.sep":        ", ",
		"cal.rule.weekly":     "Weekly on %s",
		"cal.rule.weeks":      "Every %d weeks on %s",
		"cal.rule.monthly":    "Monthly on %s",
		"cal.rule.months":     "Every %d months on %s",
		"cal.rule.on.nth":     "the %[3]s %[2]s",
		"cal.rule.on.last":    "the last %s",
		"cal.rule.on.lastday": "the last day",
		"cal.rule.on.fromend": "%d days before the last day",
		"cal.rule.on.day":     "day %d",
		"cal.rule.yearly":     "Yearly on %s",
		"cal.rule.years":      "Every %d years on %s",
		"cal.rule.year.nth":   "the %[4]s %[3]s of month %[1]d",
		"cal.rule.year.last":  "the last %[2]s of month %[1]d",
		"cal.rule.year.day":   "%d/%d",
		"cal.rule.until":      "until %s",
		"cal.rule.count":      "%d times",
		"cal.rule.ord.1":      "1st",
		"cal.rule.ord.2":      "2nd",
		"cal.rule.ord.3":      "3rd",
		"cal.rule.ord.4":      "4th",
		"cal.rule.ord.5":      "5th",
	})
}
