package calendar

import (
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// Reading the form: what was typed becomes an event, or errors by row.

// parseFormDate reads 2026-11-20, 2026/11/20 or 2026-1-5.
func parseFormDate(s string) (time.Time, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "/", "-")
	for _, layout := range []string{"2006-01-02", "2006-1-2"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("bad date")
}

// parseFormClock reads 15:00, 9:30 or 1500 as hours and minutes.
func parseFormClock(s string) (int, int, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, ":") && len(s) == 4 {
		s = s[:2] + ":" + s[2:]
	}
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm != 0) {
		return 0, 0, errors.New("bad time")
	}
	return hh, mm, nil
}

// event builds the event the form describes; errs gets a message for each
// row that cannot be read.
func (f *eventForm) event() (*model.Event, time.Time, time.Time) {
	cat, loc := f.c.Cat, f.c.Loc()
	e := &model.Event{}
	if f.editing != nil {
		*e = *f.editing
	}
	e.Title = strings.TrimSpace(f.title.Value())
	if len(f.coms) > 0 {
		e.CommunityID = f.coms[f.com].ID
	}
	e.Place = strings.TrimSpace(f.place.Value())
	e.OnlineURL = strings.TrimSpace(f.url.Value())
	e.TwentyPercent = f.twenty
	e.AllDay = f.allDay
	e.Description = f.desc.Value()
	if n, err := strconv.Atoi(strings.TrimSpace(f.capacity.Value())); err == nil && n >= 0 {
		e.Capacity = n
	} else if strings.TrimSpace(f.capacity.Value()) == "" {
		e.Capacity = 0
	} else {
		f.errs[efCapacity] = cat.T("ef.err.capacity")
	}

	var start, end time.Time
	day, err := parseFormDate(f.date.Value())
	if err != nil {
		f.errs[efDate] = cat.T("ef.err.date", kit.Clean(f.date.Trimmed()))
	} else if f.allDay {
		start = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
		end = start.AddDate(0, 0, 1)
		if v := f.lastDay.Trimmed(); v != "" {
			if last, err := parseFormDate(v); err != nil {
				f.errs[efEnd] = cat.T("ef.err.date", kit.Clean(v))
			} else if last.Before(day) {
				f.errs[efEnd] = cat.T("ef.err.lastday", last.Format("2006-01-02"), day.Format("2006-01-02"))
			} else {
				end = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
			}
		}
	} else {
		sh, sm, err1 := parseFormClock(f.start.Value())
		eh, em, err2 := parseFormClock(f.end.Value())
		if err1 != nil {
			f.errs[efStart] = cat.T("ef.err.time", kit.Clean(f.start.Trimmed()))
		}
		if err2 != nil {
			f.errs[efEnd] = cat.T("ef.err.time", kit.Clean(f.end.Trimmed()))
		}
		start = time.Date(day.Year(), day.Month(), day.Day(), sh, sm, 0, 0, loc)
		end = time.Date(day.Year(), day.Month(), day.Day(), eh, em, 0, 0, loc)
	}
	e.Start, e.End = start, end
	if f.scope == scopeThis {
		return e, start, end
	}

	var r model.Recurrence
	num := func(lo, hi int, key string) int {
		n, err := strconv.Atoi(strings.TrimSpace(f.repeatNum.Value()))
		if err != nil || n < lo || n > hi {
			f.errs[efRepeatNum] = cat.T(key, lo, hi)
			return lo
		}
		return n
	}
	weekdays := func() []time.Weekday {
		var out []time.Weekday
		for d, on := range f.days {
			if on {
				out = append(out, time.Weekday(d))
			}
		}
		if len(out) == 0 {
			f.errs[efRepeatDays] = cat.T("ef.err.weekdays")
		}
		return out
	}
	switch f.repeat {
	case repeatWeekly:
		r = model.Recurrence{Freq: model.FreqWeekly, Weekdays: weekdays()}
	case repeatWeeks:
		r = model.Recurrence{Freq: model.FreqWeekly, Interval: num(1, model.MaxRecurrenceInterval, "ef.err.interval"), Weekdays: weekdays()}
	case repeatMonthDay:
		r = model.Recurrence{Freq: model.FreqMonthly, MonthDay: num(1, 31, "ef.err.monthday")}
	case repeatMonthNth:
		r = model.Recurrence{Freq: model.FreqMonthly, Nth: num(1, 5, "ef.err.nth"), Weekday: f.dayCursor}
	case repeatMonthLast:
		r = model.Recurrence{Freq: model.FreqMonthly, Nth: -1, Weekday: f.dayCursor}
	case repeatYearly:
		r = model.Recurrence{Freq: model.FreqYearly}
	case repeatCustom:
		e.RRule = f.custom // kept as it is, its end included
		return e, start, end
	}
	if f.repeat != repeatNone {
		v := strings.TrimSpace(f.endValue.Value())
		switch f.ending {
		case endingUntil:
			if d, err := parseFormDate(v); err != nil {
				f.errs[efEndValue] = cat.T("ef.err.date", kit.Clean(v))
			} else {
				until := time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, loc)
				r.Until = &until
			}
		case endingCount:
			n, err := strconv.Atoi(v)
			switch {
			case err != nil || n < 1:
				f.errs[efEndValue] = cat.T("ef.err.count", model.MaxRecurrenceCount)
			case n > model.MaxRecurrenceCount:
				f.errs[efEndValue] = cat.T("err.event.count", model.MaxRecurrenceCount, n)
			}
			r.Count = n
		}
	}
	e.RRule = r.RRule()
	return e, start, end
}

// errorRow is the row that shows a validation error of the model.
func errorRow(err *model.Error, allDay bool) int {
	switch err.Field {
	case "title":
		return efTitle
	case "community":
		return efCommunity
	case "start":
		if allDay {
			return efDate
		}
		return efStart
	case "end":
		return efEnd
	case "capacity":
		return efCapacity
	case "place":
		return efPlace
	case "online_url":
		return efURL
	case "description":
		return efDesc
	case "rrule":
		switch err.Key {
		case "err.event.count":
			return efEndValue
		case "err.event.interval":
			return efRepeatNum
		}
		return efRepeat
	}
	return -1
}

// Failed shows a save error next to its row when it has one.
// focusError puts the focus on the first row with an error.
func (f *eventForm) focusError() {
	for r := 0; r < efRows; r++ {
		if _, ok := f.errs[r]; ok && f.visible(r) {
			f.focus = r
			if r == efDesc {
				f.desc.Focus()
			} else {
				f.desc.Blur()
			}
			return
		}
	}
}

func (f *eventForm) Failed(err error) tea.Cmd {
	f.saving = false
	var e *model.Error
	if errors.As(err, &e) && e.Field != "" {
		if row := errorRow(e, f.allDay); row >= 0 && f.visible(row) {
			f.errs[row] = f.c.Cat.Err(err)
			f.focusError()
			return nil
		}
	}
	f.general = f.c.Cat.Err(err)
	return nil
}

// save checks the form and saves it in a command; nothing is saved while
// any row has an error.
func (f *eventForm) save() tea.Cmd {
	f.errs = map[int]string{}
	f.general = ""
	e, start, end := f.event()
	if len(f.errs) > 0 {
		f.focusError()
		return nil
	}
	if f.scope == scopeThis {
		if end.Before(start) {
			return f.Failed(model.FieldError("end", "err.event.end", "終了 (%s) が開始 (%s) より前です", end.Format("2006-01-02 15:04"), start.Format("2006-01-02 15:04")))
		}
	} else if err := e.Validate(); err != nil {
		return f.Failed(err)
	}
	f.saving = true
	store, ctx, cat := f.c.Store, f.c.Ctx(), f.c.Cat
	scope, editing, occ := f.scope, f.editing != nil, f.occ
	if !editing {
		e.ID = f.created.For(f.c.Now())
	}
	return func() tea.Msg {
		var err error
		status := cat.T("ef.saved", kit.Clean(e.Title))
		switch {
		case !editing:
			status = cat.T("ef.created", kit.Clean(e.Title))
			err = store.CreateEvent(ctx, e)
		case scope == scopeThis:
			status = cat.T("cal.moved.done", kit.Clean(e.Title))
			err = store.MoveOccurrence(ctx, e.ID, originalStart(occ), start, end)
		case scope == scopeFollowing:
			_, err = store.UpdateFollowing(ctx, e, originalStart(occ))
		default:
			err = store.UpdateEvent(ctx, e)
		}
		return eventSavedMsg{status: status, day: start, err: err}
	}
}
