package ical

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // city hall PCs (Windows) may have no zoneinfo

	"hiroba/model"
	"hiroba/recur"
)

// Times are written in Asia/Tokyo, the zone of every community of the
// area; a file carries its VTIMEZONE.
var tokyo = (&model.Event{TimeZone: model.DefaultTimeZone}).Location()

const (
	dateTime    = "20060102T150405"
	dateTimeUTC = "20060102T150405Z"
	dateOnly    = "20060102"
)

// Event is one VEVENT with the changes its overrides make to single
// occurrences: what Read returns and what Write takes. Times are UTC;
// TimeZone is the zone a series expands in. Read leaves CommunityID,
// OrganiserID and ID empty.
type Event struct {
	model.Event
	// Line is where the VEVENT begins in the file read, for messages.
	Line int
	// Cancelled is STATUS:CANCELLED.
	Cancelled bool
	// HasCapacity and HasTwentyPercent say whether the file gave
	// X-HIROBA-CAPACITY and X-HIROBA-TWENTY-PERCENT; without them an
	// update keeps what is stored.
	HasCapacity, HasTwentyPercent bool
	// Changes are the cancelled and moved occurrences of a series, in
	// order of their original start.
	Changes []Change
}

// Change is one occurrence of a series, by its original start: cancelled,
// or moved to Start-End (zero: where the rule puts it), with its own
// title, place and description ("": what the series says).
type Change struct {
	Original                  time.Time
	Cancelled                 bool
	Start, End                time.Time
	Title, Place, Description string
}

// Moved reports whether the change moves the occurrence.
func (x Change) Moved() bool { return !x.Cancelled && !x.Start.IsZero() }

// File is what Read found: the events in file order, and what it left out.
type File struct {
	Events []*Event
	// Skipped counts the private events (CLASS:PRIVATE or CONFIDENTIAL)
	// left out: someone's own appointments in an exported calendar.
	Skipped int
	// Warnings are about parts of the file that could not be kept, each
	// a keyed error at its line (LineError), to be said, not returned.
	Warnings []error
	// Problems are the events that could not be read, in file order:
	// each an EINVALID error that names its line. The other events are
	// read all the same.
	Problems []Problem
}

// Problem is an event of the file that could not be read.
type Problem struct {
	Line  int    // where its VEVENT begins
	Title string // its SUMMARY, cleaned, when it has one
	Err   error
}

// reader turns components into events: it knows a calendar's time zones.
type reader struct {
	vzones map[string]*component // VTIMEZONE by TZID
	cal    *component            // the calendar, for X-WR-TIMEZONE
	// changes collects the overrides of each series by original start
	// (UnixMilli): a later one for the same occurrence wins.
	changes map[*Event]map[int64]Change
}

func (f *File) problem(c *component, err error) {
	f.Problems = append(f.Problems, Problem{Line: c.Line, Title: Excerpt(strings.TrimSpace(text(c, "SUMMARY"))), Err: err})
}

// vEventUID returns the UID of the VEVENT. One without a UID (RFC 5545
// requires it, yet some exporters leave it out) gets one made from its
// start, title and rule, so that importing the file again finds the same
// event.
func vEventUID(c *component) (string, error) {
	if p := c.prop("UID"); p != nil {
		if uid := strings.TrimSpace(model.CleanLine(unescapeText(p.Value))); uid != "" {
			if len(uid) > 255 {
				return "", LineError(p.Line, "err.ical.uid_long", "UID が長すぎます (255 バイトまで)")
			}
			return uid, nil
		}
	}
	h := sha1.New()
	for _, name := range []string{"DTSTART", "SUMMARY", "RRULE"} {
		if p := c.prop(name); p != nil {
			fmt.Fprintf(h, "%s:%s:%s\n", name, p.param("TZID"), p.Value)
		}
	}
	return "ics-" + hex.EncodeToString(h.Sum(nil))[:20] + "@hiroba", nil
}

// when reads one DATE or DATE-TIME value of p (EXDATE may hold several):
// a date is midnight in Asia/Tokyo; a time ending in Z is UTC; any other
// time is in p's TZID or, without one, floating. It also returns the
// location the value was read in.
func (rd *reader) when(p *property, value string) (t time.Time, allDay bool, loc *time.Location, err error) {
	value = strings.ToUpper(strings.TrimSpace(value))
	switch vt := strings.ToUpper(p.param("VALUE")); {
	case vt == "DATE" || vt == "" && len(value) == len(dateOnly):
		loc, allDay = tokyo, true
		t, err = time.ParseInLocation(dateOnly, value, loc)
	case strings.HasSuffix(value, "Z"):
		loc = time.UTC
		t, err = time.Parse(dateTimeUTC, value)
	default:
		if loc, err = rd.zone(p); err != nil {
			return time.Time{}, false, nil, err
		}
		t, err = time.ParseInLocation(dateTime, value, loc)
	}
	if err != nil {
		return time.Time{}, false, nil, LineError(p.Line, "err.ical.datetime", "%s の日時「%s」が読めません (例: 20270120T150000 や 20270120)", p.Name, Excerpt(value))
	}
	if y := t.Year(); y < 1900 || y > 2200 {
		return time.Time{}, false, nil, LineError(p.Line, "err.ical.year", "%s の年 %d はありえません", p.Name, y)
	}
	return t, allDay, loc, nil
}

// atClock is the date of d (a DATE value) at the local clock time of
// start: an EXDATE or RECURRENCE-ID written as a date for a timed series.
func atClock(d, start time.Time, loc *time.Location) time.Time {
	s := start.In(loc)
	return time.Date(d.Year(), d.Month(), d.Day(), s.Hour(), s.Minute(), s.Second(), 0, loc)
}

// end reads DTEND or DURATION of c for an event starting at start. Without
// either, an all-day event lasts one day and a timed one dur.
func (rd *reader) end(c *component, start time.Time, allDay bool, dur time.Duration) (time.Time, error) {
	var end time.Time
	if p := c.prop("DTEND"); p != nil {
		t, endAllDay, _, err := rd.when(p, p.Value)
		if err != nil {
			return time.Time{}, err
		}
		if endAllDay != allDay {
			return time.Time{}, LineError(p.Line, "err.ical.mixed", "DTSTART と DTEND の一方が日付だけ、もう一方が時刻つきです")
		}
		if t.Before(start) {
			return time.Time{}, LineError(p.Line, "err.ical.end_before", "終わり (DTEND) が始まり (DTSTART) より前です")
		}
		end = t
	} else if p := c.prop("DURATION"); p != nil {
		d, err := parseDuration(p.Value)
		if err != nil || d < 0 {
			return time.Time{}, LineError(p.Line, "err.ical.duration", "長さ (DURATION)「%s」が読めません (例: PT1H30M や P1D)", Excerpt(p.Value))
		}
		end = start.Add(d)
	} else {
		end = start.Add(dur)
	}
	if allDay && !end.After(start) {
		end = start.AddDate(0, 0, 1)
	}
	return end, nil
}

// parseDuration reads an RFC 5545 DURATION such as P1D, PT1H30M, P2W.
// Days count as 24 hours, which is exact in Asia/Tokyo.
func parseDuration(s string) (time.Duration, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	sign := time.Duration(1)
	if strings.HasPrefix(s, "-") {
		sign, s = -1, s[1:]
	}
	s = strings.TrimPrefix(s, "+")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, errors.New("no P")
	}
	s = s[1:]
	var total time.Duration
	inTime := false
	for s != "" {
		if s[0] == 'T' {
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 6 {
			return 0, errors.New("bad number")
		}
		n, _ := strconv.Atoi(s[:i])
		unit := map[bool]map[byte]time.Duration{
			false: {'W': 7 * 24 * time.Hour, 'D': 24 * time.Hour},
			true:  {'H': time.Hour, 'M': time.Minute, 'S': time.Second},
		}[inTime][s[i]]
		if unit == 0 {
			return 0, errors.New("bad unit")
		}
		total += time.Duration(n) * unit
		s = s[i+1:]
	}
	return sign * total, nil
}

// text is the unescaped value of the first property with that name.
func text(c *component, name string) string {
	if p := c.prop(name); p != nil {
		return unescapeText(p.Value)
	}
	return ""
}

// onlineProps are where calendar programs put the link of an online
// meeting, in order of preference.
var onlineProps = []string{"URL", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK"}

func isWebURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// master reads a VEVENT without RECURRENCE-ID.
func (rd *reader) master(c *component, uid string) (*Event, error) {
	e := &Event{Line: c.Line}
	ev := &e.Event
	ev.UID = uid
	start := c.prop("DTSTART")
	if start == nil {
		return nil, LineError(c.Line, "err.ical.no_start", "予定 (BEGIN:VEVENT) に開始日時 DTSTART がありません")
	}
	t, allDay, loc, err := rd.when(start, start.Value)
	if err != nil {
		return nil, err
	}
	ev.Start, ev.AllDay = t.UTC(), allDay
	if ev.End, err = rd.end(c, t, allDay, 0); err != nil {
		return nil, err
	}
	ev.End = ev.End.UTC()
	ev.TimeZone = model.DefaultTimeZone
	if loc != time.UTC || c.prop("RRULE") != nil {
		// A series keeps the zone it is defined in, UTC included, so that
		// it expands to the same instants; a one-off needs no zone.
		ev.TimeZone = loc.String()
	}

	ev.Title = strings.TrimSpace(model.CleanLine(text(c, "SUMMARY")))
	if ev.Title == "" {
		ev.Title = "(無題)"
	}
	ev.Description = strings.TrimSpace(model.CleanText(text(c, "DESCRIPTION")))
	for _, name := range onlineProps {
		if u := strings.TrimSpace(model.CleanLine(text(c, name))); isWebURL(u) {
			ev.OnlineURL = u
			break
		}
	}
	place := strings.TrimSpace(model.CleanLine(text(c, "LOCATION")))
	switch {
	case ev.OnlineURL != "" && place == ev.OnlineURL:
		place = ""
	case ev.OnlineURL != "" && strings.HasSuffix(place, " / "+ev.OnlineURL):
		place = strings.TrimSuffix(place, " / "+ev.OnlineURL)
	case ev.OnlineURL == "" && !strings.ContainsAny(place, " \t") && isWebURL(place):
		ev.OnlineURL, place = place, ""
	}
	ev.Place = place

	e.Cancelled = strings.EqualFold(strings.TrimSpace(text(c, "STATUS")), "CANCELLED")
	if p := c.prop("X-HIROBA-CAPACITY"); p != nil {
		n, err := strconv.Atoi(strings.TrimSpace(p.Value))
		if err != nil || n < 0 || n > 100000 {
			return nil, LineError(p.Line, "err.ical.capacity", "定員「%s」が読めません", Excerpt(p.Value))
		}
		ev.Capacity, e.HasCapacity = n, true
	}
	if p := c.prop("X-HIROBA-TWENTY-PERCENT"); p != nil {
		ev.TwentyPercent, e.HasTwentyPercent = strings.EqualFold(strings.TrimSpace(p.Value), "TRUE"), true
	}

	if p := c.prop("RRULE"); p != nil {
		ev.RRule = readRule(p, loc, allDay)
		changes := map[int64]Change{}
		rd.changes[e] = changes
		for _, p := range c.all("EXDATE") {
			for _, v := range strings.Split(p.Value, ",") {
				if strings.TrimSpace(v) == "" {
					continue
				}
				x, isDate, _, err := rd.when(p, v)
				if err != nil {
					return nil, err
				}
				if isDate && !allDay {
					x = atClock(x, t, loc)
				}
				changes[x.UnixMilli()] = Change{Original: x.UTC(), Cancelled: true}
			}
		}
	}
	// The community is chosen later; Validate only needs one.
	check := *ev
	check.CommunityID = "-"
	if err := check.Validate(); err != nil {
		line := c.Line
		var me *model.Error
		if errors.As(err, &me) {
			if p := c.prop(fieldProps[me.Field]); p != nil {
				line = p.Line
			}
		}
		return nil, AtLine(line, err)
	}
	if ev.RRule != "" {
		if _, _, err := recur.Check(ev.RRule, t, loc); err != nil {
			return nil, AtLine(c.prop("RRULE").Line, err)
		}
	}
	return e, nil
}

// fieldProps name the property behind a field of model.Event, for the line
// of a validation error.
var fieldProps = map[string]string{
	"title": "SUMMARY", "place": "LOCATION", "online_url": "URL", "description": "DESCRIPTION",
	"start": "DTSTART", "end": "DTEND", "timezone": "DTSTART", "rrule": "RRULE", "count": "RRULE",
	"capacity": "X-HIROBA-CAPACITY",
}

// readRule returns the RRULE value as stored. An UNTIL written as a date
// for a timed series (which RFC 5545 does not allow, yet exporters write)
// means through that day. The rule is checked by model.Event.Validate.
func readRule(p *property, loc *time.Location, allDay bool) string {
	value := strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p.Value), "RRULE:")))
	parts := strings.Split(value, ";")
	for i, part := range parts {
		if k, v, _ := strings.Cut(part, "="); k == "UNTIL" && len(v) == len(dateOnly) && !allDay {
			if d, err := time.ParseInLocation(dateOnly, v, loc); err == nil {
				parts[i] = "UNTIL=" + d.AddDate(0, 0, 1).Add(-time.Second).UTC().Format(dateTimeUTC)
			}
		}
	}
	return strings.Join(parts, ";")
}

// override reads a VEVENT with RECURRENCE-ID: one occurrence of master
// cancelled (STATUS:CANCELLED), moved, or with its own title, place or
// description.
func (rd *reader) override(m *Event, c *component) error {
	rid := c.prop("RECURRENCE-ID")
	orig, isDate, _, err := rd.when(rid, rid.Value)
	if err != nil {
		return err
	}
	if m.RRule == "" {
		return nil // an override of an event that does not repeat
	}
	loc := tokyo
	if !m.AllDay {
		loc = m.Location()
		if isDate {
			orig = atClock(orig, m.Start, loc)
		}
	}
	key := orig.UnixMilli()
	if strings.EqualFold(strings.TrimSpace(text(c, "STATUS")), "CANCELLED") {
		rd.changes[m][key] = Change{Original: orig.UTC(), Cancelled: true}
		return nil
	}
	dur := m.End.Sub(m.Start)
	start := orig
	if p := c.prop("DTSTART"); p != nil {
		if start, _, _, err = rd.when(p, p.Value); err != nil {
			return err
		}
	}
	end, err := rd.end(c, start, m.AllDay, dur)
	if err != nil {
		return err
	}
	x := Change{Original: orig.UTC()}
	if !start.Equal(orig) || !end.Equal(orig.Add(dur)) {
		x.Start, x.End = start.UTC(), end.UTC()
	}
	// Its own words, where they differ from the series'.
	own := func(prop, series string, clean func(string) string) string {
		if c.prop(prop) == nil {
			return ""
		}
		if v := strings.TrimSpace(clean(text(c, prop))); v != series {
			return v
		}
		return ""
	}
	x.Title = own("SUMMARY", m.Title, model.CleanLine)
	x.Place = own("LOCATION", m.Place, model.CleanLine)
	x.Description = own("DESCRIPTION", m.Description, model.CleanText)
	if x.Start.IsZero() && x.Title == "" && x.Place == "" && x.Description == "" {
		return nil // says nothing the series does not
	}
	rd.changes[m][key] = x
	return nil
}
