package calendar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"hiroba/model"
	"hiroba/ui/kit"
)

// eventForm creates an event, or changes one: the whole series, one
// occurrence (its date and times only), or an occurrence and all that
// follow.
type eventForm struct {
	c       *kit.Common
	editing *model.Event // nil when creating
	occ     model.Occurrence
	scope   int
	coms    []model.Community
	com     int

	title, date, start, end, place, url, capacity kit.LineInput
	repeatNum, endValue                           kit.LineInput
	lastDay                                       kit.LineInput // an all-day event's last day, in the end row
	allDay, twenty                                bool
	repeat                                        int // a repeat* kind
	days                                          [7]bool
	dayCursor                                     time.Weekday
	ending                                        int // an ending* kind
	desc                                          textarea.Model

	focus   int
	errs    map[int]string
	general string
	picker  *kit.Picker
	discard bool
	closed  bool
	saving  bool
	initial string
	width   int
	height  int
}

// Rows of the event form, in tab order.
const (
	efTitle = iota
	efCommunity
	efDate
	efAllDay
	efStart
	efEnd
	efPlace
	efURL
	efCapacity
	efTwenty
	efRepeat
	efRepeatNum
	efRepeatDays
	efEnding
	efEndValue
	efDesc
	efRows
)

// Repeat kinds as the form offers them.
const (
	repeatNone = iota
	repeatWeekly
	repeatWeeks
	repeatMonthDay
	repeatMonthNth
	repeatMonthLast
	repeatYearly
	repeatKinds
)

// Ways a series ends.
const (
	endingNever = iota
	endingUntil
	endingCount
	endingKinds
)

const eventLabelW = 16

// eventSavedMsg says the form's event was saved (or not).
type eventSavedMsg struct {
	status string
	day    time.Time // where the calendar goes after saving
	err    error
}

func newEventForm(c *kit.Common, editing *model.Event, occ model.Occurrence, scope int, coms []model.Community, day time.Time) *eventForm {
	f := &eventForm{c: c, editing: editing, occ: occ, scope: scope, coms: coms, errs: map[int]string{}}
	f.title.Limit = model.MaxEventTitleLen
	f.place.Limit = model.MaxEventPlaceLen
	f.url.Limit = model.MaxEventURLLen
	for _, in := range []*kit.LineInput{&f.date, &f.endValue, &f.lastDay} {
		in.Limit = 10
	}
	f.start.Limit, f.end.Limit, f.capacity.Limit, f.repeatNum.Limit = 5, 5, 6, 4
	f.desc = textarea.New()
	f.desc.ShowLineNumbers = false
	f.desc.Prompt = "  "
	f.desc.CharLimit = model.MaxEventDescriptionLen
	f.desc.SetVirtualCursor(false)

	loc := c.Loc()
	if editing == nil {
		f.date.SetValue(day.In(loc).Format("2006-01-02"))
		f.start.SetValue("15:00")
		f.end.SetValue("16:00")
		f.capacity.SetValue("0")
		f.twenty = true
		f.days[day.Weekday()] = true
		f.dayCursor = day.Weekday()
	} else {
		start, end := editing.Start, editing.End
		if scope != scopeAll {
			start, end = occ.Start, occ.End
		}
		f.setTimes(start.In(loc), end.In(loc), editing.AllDay)
		f.title.SetValue(editing.Title)
		f.place.SetValue(editing.Place)
		f.url.SetValue(editing.OnlineURL)
		f.capacity.SetValue(strconv.Itoa(editing.Capacity))
		f.twenty = editing.TwentyPercent
		f.desc.SetValue(model.CleanText(editing.Description))
		f.coms = []model.Community{{ID: editing.CommunityID, Name: editing.CommunityName}}
		f.days[start.In(loc).Weekday()] = true
		f.dayCursor = start.In(loc).Weekday()
		if r, err := model.ParseRecurrence(editing.RRule); err == nil {
			f.setRecurrence(r.InZone(editing.RRule, loc), start.In(loc))
		}
	}
	if scope == scopeThis {
		f.focus = efDate
	}
	f.initial = f.snapshot()
	return f
}

func (f *eventForm) setTimes(start, end time.Time, allDay bool) {
	f.date.SetValue(start.Format("2006-01-02"))
	f.allDay = allDay
	if allDay {
		f.start.SetValue("09:00")
		f.end.SetValue("17:00")
		// A one-day event leaves the last day empty, so that moving its
		// date moves all of it.
		f.lastDay.SetValue("")
		if last := end.AddDate(0, 0, -1); last.After(start) {
			f.lastDay.SetValue(last.Format("2006-01-02"))
		}
		return
	}
	f.start.SetValue(start.Format("15:04"))
	f.end.SetValue(end.Format("15:04"))
}

// setRecurrence shows a rule in the form's terms.
func (f *eventForm) setRecurrence(r model.Recurrence, start time.Time) {
	switch r.Freq {
	case model.FreqWeekly, model.FreqDaily:
		f.days = [7]bool{}
		days := r.Weekdays
		if r.Freq == model.FreqDaily {
			days = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
		}
		if len(days) == 0 {
			days = []time.Weekday{start.Weekday()}
		}
		for _, d := range days {
			f.days[d] = true
		}
		f.repeat = repeatWeekly
		if r.Interval > 1 {
			f.repeat = repeatWeeks
			f.repeatNum.SetValue(strconv.Itoa(r.Interval))
		}
	case model.FreqMonthly:
		switch {
		case r.Nth > 0:
			f.repeat = repeatMonthNth
			f.repeatNum.SetValue(strconv.Itoa(r.Nth))
			f.dayCursor = r.Weekday
		case r.Nth < 0:
			f.repeat = repeatMonthLast
			f.dayCursor = r.Weekday
		default:
			f.repeat = repeatMonthDay
			d := r.MonthDay
			if d <= 0 {
				d = start.Day()
			}
			f.repeatNum.SetValue(strconv.Itoa(d))
		}
	case model.FreqYearly:
		f.repeat = repeatYearly
	}
	switch {
	case r.Until != nil:
		f.ending = endingUntil
		f.endValue.SetValue(r.Until.In(f.c.Loc()).Format("2006-01-02"))
	case r.Count > 0:
		f.ending = endingCount
		f.endValue.SetValue(strconv.Itoa(r.Count))
	}
}

func (f *eventForm) snapshot() string {
	parts := []string{f.title.Value(), f.date.Value(), f.start.Value(), f.end.Value(), f.place.Value(), f.url.Value(),
		f.capacity.Value(), f.repeatNum.Value(), f.endValue.Value(), f.lastDay.Value(), f.desc.Value(),
		fmt.Sprint(f.com, f.allDay, f.twenty, f.repeat, f.days, f.dayCursor, f.ending)}
	return strings.Join(parts, "\x00")
}

// Dirty is true when the form holds input that is not saved.
func (f *eventForm) Dirty() bool { return f.snapshot() != f.initial }

func (f *eventForm) SetSize(w, h int) {
	f.width, f.height = w, h
	f.desc.SetWidth(max(w-2, 10))
	f.desc.SetHeight(f.descHeight())
}

func (f *eventForm) descHeight() int {
	return max(f.height-3-len(f.rows())-1, 2)
}

// visible reports whether a row is shown, given the other choices.
func (f *eventForm) visible(row int) bool {
	if f.scope == scopeThis {
		switch row {
		case efDate, efAllDay, efEnd:
			return true
		case efStart:
			return !f.allDay
		}
		return false
	}
	switch row {
	case efStart:
		return !f.allDay
	case efRepeatNum:
		return f.repeat == repeatWeeks || f.repeat == repeatMonthDay || f.repeat == repeatMonthNth
	case efRepeatDays:
		return f.repeat == repeatWeekly || f.repeat == repeatWeeks || f.repeat == repeatMonthNth || f.repeat == repeatMonthLast
	case efEnding:
		return f.repeat != repeatNone
	case efEndValue:
		return f.repeat != repeatNone && f.ending != endingNever
	case efDesc:
		return true
	}
	return true
}

// rows are the visible rows above the description, in order.
func (f *eventForm) rows() []int {
	var out []int
	for r := 0; r < efDesc; r++ {
		if f.visible(r) {
			out = append(out, r)
		}
	}
	return out
}

func (f *eventForm) move(d int) {
	for i := f.focus + d; i >= 0 && i < efRows; i += d {
		if f.visible(i) {
			f.setFocus(i)
			return
		}
	}
}

func (f *eventForm) setFocus(i int) {
	f.focus = i
	if f.focus == efDesc {
		f.desc.Focus()
	} else {
		f.desc.Blur()
	}
}

// input is the one-line field of a row, or nil.
func (f *eventForm) input(row int) *kit.LineInput {
	switch row {
	case efTitle:
		return &f.title
	case efDate:
		return &f.date
	case efStart:
		return &f.start
	case efEnd:
		if f.allDay {
			return &f.lastDay
		}
		return &f.end
	case efPlace:
		return &f.place
	case efURL:
		return &f.url
	case efCapacity:
		return &f.capacity
	case efRepeatNum:
		return &f.repeatNum
	case efEndValue:
		return &f.endValue
	}
	return nil
}

// Update handles a message meant for the form; ok is false for messages
// that are not the form's.
func (f *eventForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if _, paste := msg.(tea.PasteMsg); !paste {
			return nil, false
		}
	}
	if f.discard {
		f.discard = false
		if k.String() == "y" {
			f.closed = true
		}
		return nil, true
	}
	if f.picker != nil {
		if !isKey {
			return nil, true
		}
		done, ok := f.picker.Update(f.c, k)
		if done {
			if ok {
				f.com = f.picker.Index()
			}
			f.picker = nil
		}
		return nil, true
	}
	if isKey {
		switch k.String() {
		case "esc":
			if f.Dirty() {
				f.discard = true
			} else {
				f.closed = true
			}
			return nil, true
		case "ctrl+s":
			if f.saving {
				return nil, true
			}
			return f.save(), true
		case "tab":
			f.move(1)
			return nil, true
		case "shift+tab":
			f.move(-1)
			return nil, true
		}
		if f.focus != efDesc {
			switch k.String() {
			case "down":
				f.move(1)
				return nil, true
			case "up":
				f.move(-1)
				return nil, true
			}
		}
	}
	if in := f.input(f.focus); in != nil {
		if isKey && k.String() == "enter" {
			f.move(1)
			return nil, true
		}
		in.Update(msg)
		return nil, true
	}
	if f.focus == efDesc {
		var cmd tea.Cmd
		f.desc, cmd = f.desc.Update(msg)
		return cmd, true
	}
	if !isKey {
		return nil, true
	}
	d := 0
	switch k.String() {
	case "right", "l":
		d = 1
	case "left", "h":
		d = -1
	case "space", " ":
		d = 2
	case "enter":
		if f.focus == efCommunity && len(f.coms) > 1 && f.editing == nil {
			opts := make([]kit.Option, len(f.coms))
			for i, com := range f.coms {
				opts[i] = kit.Option{Value: com.ID, Label: kit.Clean(com.Name)}
			}
			f.picker = kit.NewPicker(f.c.Cat.T("ef.community"), opts, f.coms[f.com].ID)
			return nil, true
		}
		f.move(1)
		return nil, true
	}
	if d == 0 {
		return nil, true
	}
	step := d
	if d == 2 {
		step = 1
	}
	switch f.focus {
	case efCommunity:
		if f.editing == nil && len(f.coms) > 0 {
			f.com = (f.com + step + len(f.coms)) % len(f.coms)
		}
	case efAllDay:
		f.allDay = !f.allDay
	case efTwenty:
		f.twenty = !f.twenty
	case efRepeat:
		f.repeat = (f.repeat + step + repeatKinds) % repeatKinds
		f.repeatDefaults()
	case efEnding:
		f.ending = (f.ending + step + endingKinds) % endingKinds
		f.endValue.SetValue("")
	case efRepeatDays:
		multi := f.repeat == repeatWeekly || f.repeat == repeatWeeks
		if d == 2 && multi {
			f.days[f.dayCursor] = !f.days[f.dayCursor]
		} else if d != 2 {
			f.dayCursor = (f.dayCursor + time.Weekday(step) + 7) % 7
		}
	}
	return nil, true
}

// repeatDefaults fills the number a new repeat kind needs from the date.
func (f *eventForm) repeatDefaults() {
	day, err := parseFormDate(f.date.Trimmed())
	if err != nil {
		day = f.c.Now().In(f.c.Loc())
	}
	switch f.repeat {
	case repeatWeeks:
		f.repeatNum.SetValue("2")
	case repeatMonthDay:
		f.repeatNum.SetValue(strconv.Itoa(day.Day()))
	case repeatMonthNth:
		f.repeatNum.SetValue(strconv.Itoa((day.Day()-1)/7 + 1))
		f.dayCursor = day.Weekday()
	case repeatMonthLast:
		f.dayCursor = day.Weekday()
	}
}

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
			if err != nil || n < 1 {
				f.errs[efEndValue] = cat.T("ef.err.count", model.MaxRecurrenceCount)
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
func (f *eventForm) Failed(err error) tea.Cmd {
	f.saving = false
	var e *model.Error
	if errors.As(err, &e) && e.Field != "" {
		if row := errorRow(e, f.allDay); row >= 0 && f.visible(row) {
			f.errs[row] = f.c.Cat.Err(err)
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

// View draws the form in exactly width x height.
func (f *eventForm) View() string {
	st, cat := f.c.Styles, f.c.Cat
	title := cat.T("ef.new")
	if f.editing != nil {
		title = cat.T("ef.edit." + fmt.Sprint(f.scope))
		title += "  " + kit.Clean(f.editing.Title)
	}
	lines := []string{" " + st.Heading.Render(kit.Clip(title, f.width-2))}
	for _, row := range f.rows() {
		lines = append(lines, f.rowView(row))
	}
	lines = append(lines, f.label(efDesc))
	if f.scope != scopeThis {
		if e, ok := f.errs[efDesc]; ok {
			lines[len(lines)-1] += st.Error.Render(kit.Clip(e, f.width-eventLabelW))
		}
		lines = append(lines, f.desc.View())
	} else {
		lines = lines[:len(lines)-1]
	}
	body := kit.Block(strings.Join(lines, "\n"), f.width, f.height-2)
	if f.picker != nil {
		body = kit.Overlay(body, f.picker.View(f.c, f.height-2), f.width, f.height-2)
	}
	foot := st.Muted.Render(cat.T("ef.help"))
	switch {
	case f.discard:
		foot = st.Error.Render(cat.T("form.discard"))
	case f.general != "":
		foot = st.Error.Render(f.general)
	case len(f.errs) > 0:
		// The first error in full: a row may have had to cut it.
		for r := 0; r < efRows; r++ {
			if e, ok := f.errs[r]; ok && f.visible(r) {
				foot = st.Error.Render(cat.T("ef.has.errors", e))
				break
			}
		}
	}
	return body + "\n\n" + kit.Fit(" "+foot, f.width)
}

func (f *eventForm) label(row int) string {
	name := f.c.Cat.T(fmt.Sprintf("ef.row.%d", row))
	if row == efEnd && f.allDay {
		name = f.c.Cat.T("ef.row.lastday")
	}
	s := " " + kit.Fit(name, eventLabelW-1)
	if row == efDesc { // alone on its line: never cut
		s = " " + f.c.Cat.T(fmt.Sprintf("ef.row.%d", row)) + " "
	}
	if f.focus == row {
		return f.c.Styles.FieldActive.Render(s)
	}
	return f.c.Styles.Label.Render(s)
}

// fieldWidth is the width of a row's text field, leaving room for its
// error or hint.
func (f *eventForm) fieldWidth(row int) int {
	room := f.width - eventLabelW - 1
	switch {
	case row == efDate || row == efEndValue || (row == efEnd && f.allDay):
		return 12
	case row == efStart || row == efEnd:
		return 7
	case row == efCapacity:
		return 7
	case row == efRepeatNum:
		return 4
	}
	if e, ok := f.errs[row]; ok {
		return max(room-kit.Width(e)-2, 10)
	}
	return room
}

func (f *eventForm) rowView(row int) string {
	st, cat := f.c.Styles, f.c.Cat
	var value string
	choice := func(text string) string {
		if f.focus == row {
			return st.Key.Render("< ") + text + st.Key.Render(" >")
		}
		return "  " + text
	}
	check := func(on bool) string {
		if on {
			return "[x]"
		}
		return "[ ]"
	}
	hint := ""
	if in := f.input(row); in != nil {
		value, _ = in.View(f.fieldWidth(row))
		switch row {
		case efDate:
			hint = cat.T("ef.hint.date")
		case efEnd:
			hint = cat.T("ef.hint.time")
			if f.allDay {
				hint = cat.T("ef.hint.lastday")
			}
		case efStart:
			hint = cat.T("ef.hint.time")
		case efCapacity:
			hint = cat.T("ef.hint.capacity")
		case efRepeatNum:
			hint = cat.T(fmt.Sprintf("ef.hint.num.%d", f.repeat))
		case efEndValue:
			hint = cat.T(fmt.Sprintf("ef.hint.end.%d", f.ending))
		}
	} else {
		switch row {
		case efCommunity:
			name := ""
			if len(f.coms) > 0 {
				name = kit.Clean(f.coms[f.com].Name)
			}
			if f.editing != nil {
				value = "  " + name
			} else {
				value = choice(name)
			}
		case efAllDay:
			value = "  " + check(f.allDay)
		case efTwenty:
			value = "  " + check(f.twenty) + " " + st.Muted.Render(cat.T("ef.hint.twenty"))
		case efRepeat:
			value = choice(cat.T(fmt.Sprintf("ef.repeat.%d", f.repeat)))
		case efEnding:
			value = choice(cat.T(fmt.Sprintf("ef.ending.%d", f.ending)))
		case efRepeatDays:
			value = " " + f.weekdaysView(row)
		}
	}
	line := f.label(row) + value
	if e, ok := f.errs[row]; ok {
		line += "  " + st.Error.Render(e)
	} else if hint != "" {
		line += "  " + st.Muted.Render(hint)
	}
	return kit.Fit(line, f.width)
}

// weekdaysView draws the seven days; chosen ones in brackets, the cursor
// on the focused one.
func (f *eventForm) weekdaysView(row int) string {
	st, cat := f.c.Styles, f.c.Cat
	multi := f.repeat == repeatWeekly || f.repeat == repeatWeeks
	var b strings.Builder
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := cat.T(fmt.Sprintf("weekday.%d", d))
		on := (multi && f.days[d]) || (!multi && d == f.dayCursor)
		cell := " " + name + " "
		if on {
			cell = "[" + name + "]"
		}
		if f.focus == row && d == f.dayCursor {
			cell = st.Selected.Render(cell)
		} else if on {
			cell = st.Key.Render(cell)
		}
		b.WriteString(cell)
	}
	if f.focus == row && multi {
		b.WriteString("  " + st.Muted.Render(cat.T("ef.hint.days")))
	}
	return b.String()
}

// Cursor is the real terminal cursor in the focused text field.
func (f *eventForm) Cursor() *tea.Cursor {
	if f.discard || f.picker != nil {
		return nil
	}
	rows := f.rows()
	if f.focus == efDesc {
		c := f.desc.Cursor()
		if c == nil {
			return nil
		}
		c.Y += 2 + len(rows)
		return c
	}
	in := f.input(f.focus)
	if in == nil {
		return nil
	}
	for i, r := range rows {
		if r == f.focus {
			_, col := in.View(f.fieldWidth(r))
			return tea.NewCursor(eventLabelW+col, 1+i)
		}
	}
	return nil
}
