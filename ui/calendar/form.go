package calendar

import (
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
	editing *model.Event  // nil when creating
	created kit.CreatedID // of the event it creates
	occ     model.Occurrence
	scope   int
	coms    []model.Community
	com     int

	title, date, start, end, place, url, capacity kit.LineInput
	repeatNum, endValue                           kit.LineInput
	lastDay                                       kit.LineInput // an all-day event's last day, in the end row
	allDay, twenty                                bool
	repeat                                        int // a repeat* kind
	// custom is the rule of the event being edited when the form cannot
	// put it in words (an imported BYSETPOS, an hourly rule): offered as
	// repeatCustom, which keeps it as it is.
	custom    string
	days      [7]bool
	dayCursor time.Weekday
	ending    int // an ending* kind
	desc      textarea.Model

	focus   int
	errs    map[int]string
	general string
	picker  *kit.Picker
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
	repeatCustom = repeatKinds // only when editing such a rule
)

// Ways a series ends.
const (
	endingNever = iota
	endingUntil
	endingCount
	endingKinds
)

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
		} else if editing.RRule != "" {
			f.custom, f.repeat = editing.RRule, repeatCustom
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
		return f.repeat != repeatNone && f.repeat != repeatCustom
	case efEndValue:
		return f.repeat != repeatNone && f.repeat != repeatCustom && f.ending != endingNever
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
	if d, ok := msg.(kit.DiscardMsg); ok {
		f.closed = f.closed || d.Form == f
		return nil, d.Form == f
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		if _, paste := msg.(tea.PasteMsg); !paste {
			return nil, false
		}
	}
	if f.picker != nil {
		done, ok := f.picker.Update(f.c, msg)
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
				return kit.AskDiscard(f.c, f), true
			}
			f.closed = true
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
		if in.Update(msg) {
			delete(f.errs, f.focus)
		}
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
			f.picker = kit.NewFilterPicker(f.c.Cat.T("ef.community"), opts, f.coms[f.com].ID)
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
		kinds := repeatKinds
		if f.custom != "" {
			kinds++
		}
		f.repeat = (f.repeat + step + kinds) % kinds
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
