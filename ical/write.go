package ical

import (
	"io"
	"strconv"
	"strings"
	"time"

	"hiroba/model"
)

// Calendar is what Write writes: a calendar's name (X-WR-CALNAME, the
// community's) and its events.
type Calendar struct {
	Name   string
	Events []*Event
}

// Write writes the calendar as one VCALENDAR with METHOD:PUBLISH. Each
// event is written in its own zone, with a VTIMEZONE for every zone used,
// so that a series defined in a zone with daylight saving time keeps its
// wall clock in every other program. A cancelled event is written with
// STATUS:CANCELLED; a cancelled occurrence is an EXDATE and a RECURRENCE-ID
// with STATUS:CANCELLED (programs that do not read STATUS still leave it
// out); a moved or changed one is a RECURRENCE-ID with its own times and
// words. DTSTAMP is an event's last change. Text is cleaned of control
// characters again, for rows written by other programs. It returns the
// first error of w.
func Write(w io.Writer, cal Calendar) error {
	iw := &lineWriter{w: w}
	iw.prop("BEGIN", "", "VCALENDAR")
	iw.prop("VERSION", "", "2.0")
	iw.prop("PRODID", "", "-//hiroba//hiroba//JA")
	iw.prop("CALSCALE", "", "GREGORIAN")
	iw.prop("METHOD", "", "PUBLISH")
	iw.text("X-WR-CALNAME", model.CleanLine(cal.Name))
	iw.prop("X-WR-TIMEZONE", "", model.DefaultTimeZone)
	for _, z := range zonesUsed(cal.Events) {
		writeTimezone(iw, z.loc, z.from, z.to)
	}
	for _, e := range cal.Events {
		writeEvent(iw, e)
	}
	iw.prop("END", "", "VCALENDAR")
	return iw.err
}

// usedZone is a zone the events use, and the years they span in it.
type usedZone struct {
	loc      *time.Location
	from, to int
}

// zonesUsed lists the zones of the events, Asia/Tokyo first (X-WR-TIMEZONE
// names it), UTC left out (its times are written with Z).
func zonesUsed(events []*Event) []usedZone {
	out := []usedZone{{loc: tokyo, from: 2000, to: 2000}}
	index := map[string]int{tokyo.String(): 0}
	for _, e := range events {
		loc := e.Location()
		if loc.String() == "UTC" {
			continue
		}
		from, to := e.Start.In(loc).Year(), e.End.In(loc).Year()
		if e.RRule != "" {
			to = from + 30 // a series goes on: its zone's rules for years ahead
			if e.SeriesEnd != nil {
				to = e.SeriesEnd.In(loc).Year()
			}
		}
		if i, ok := index[loc.String()]; ok {
			out[i].from, out[i].to = min(out[i].from, from), max(out[i].to, to)
			continue
		}
		index[loc.String()] = len(out)
		out = append(out, usedZone{loc: loc, from: from, to: to})
	}
	return out
}

// when formats a time of e: a DATE for an all-day event, a UTC time for
// an event in UTC, else the wall clock of its zone with TZID.
func when(e *Event, t time.Time) (params, value string) {
	loc := e.Location()
	switch {
	case e.AllDay:
		return ";VALUE=DATE", t.In(loc).Format(dateOnly)
	case loc.String() == "UTC":
		return "", t.UTC().Format(dateTimeUTC)
	}
	return ";TZID=" + loc.String(), t.In(loc).Format(dateTime)
}

// writtenRule is the event's RRULE value. For an all-day event a UTC UNTIL
// becomes its date in the event's zone: RFC 5545 wants UNTIL of the same
// type as DTSTART, and some programs ignore a rule that breaks this.
func writtenRule(e *Event) string {
	rule := model.CleanLine(strings.TrimPrefix(e.RRule, "RRULE:"))
	if !e.AllDay {
		return rule
	}
	parts := strings.Split(rule, ";")
	for i, part := range parts {
		if k, v, _ := strings.Cut(part, "="); strings.EqualFold(k, "UNTIL") {
			if t, err := time.Parse(dateTimeUTC, v); err == nil {
				parts[i] = "UNTIL=" + t.In(e.Location()).Format(dateOnly)
			}
		}
	}
	return strings.Join(parts, ";")
}

// details writes what an event (or one occurrence) says: title, place and
// link, description.
func details(w *lineWriter, title, place, url, description string) {
	title, place, url = model.CleanLine(title), model.CleanLine(place), model.CleanLine(url)
	location := place
	if place != "" && url != "" {
		location = place + " / " + url
	} else if url != "" {
		location = url
	}
	w.text("SUMMARY", title)
	w.text("LOCATION", location)
	if url != "" {
		w.prop("URL", "", url)
	}
	w.text("DESCRIPTION", model.CleanText(description))
}

func writeEvent(w *lineWriter, e *Event) {
	stamp := e.UpdatedAt.UTC().Format(dateTimeUTC)
	uid := escapeText(model.CleanLine(e.UID))
	w.prop("BEGIN", "", "VEVENT")
	w.prop("UID", "", uid)
	w.prop("DTSTAMP", "", stamp)
	p, v := when(e, e.Start)
	w.prop("DTSTART", p, v)
	p, v = when(e, e.End)
	w.prop("DTEND", p, v)
	if e.RRule != "" {
		w.prop("RRULE", "", writtenRule(e))
	}
	var exdates []string
	for _, x := range e.Changes {
		if x.Cancelled {
			p, v = when(e, x.Original)
			exdates = append(exdates, v)
		}
	}
	if len(exdates) > 0 {
		w.prop("EXDATE", p, strings.Join(exdates, ","))
	}
	if e.Cancelled {
		w.prop("STATUS", "", "CANCELLED")
	}
	details(w, e.Title, e.Place, e.OnlineURL, e.Description)
	if e.Capacity > 0 {
		w.prop("X-HIROBA-CAPACITY", "", strconv.Itoa(e.Capacity))
	}
	if e.TwentyPercent {
		w.prop("X-HIROBA-TWENTY-PERCENT", "", "TRUE")
	}
	w.prop("END", "", "VEVENT")

	dur := e.End.Sub(e.Start)
	for _, x := range e.Changes {
		w.prop("BEGIN", "", "VEVENT")
		w.prop("UID", "", uid)
		w.prop("DTSTAMP", "", stamp)
		p, v = when(e, x.Original)
		w.prop("RECURRENCE-ID", p, v)
		start, end := x.Original, x.Original.Add(dur)
		if x.Moved() {
			start, end = x.Start, x.End
		}
		p, v = when(e, start)
		w.prop("DTSTART", p, v)
		p, v = when(e, end)
		w.prop("DTEND", p, v)
		if x.Cancelled {
			w.prop("STATUS", "", "CANCELLED")
		}
		details(w, or(x.Title, e.Title), or(x.Place, e.Place), e.OnlineURL, or(x.Description, e.Description))
		w.prop("END", "", "VEVENT")
	}
}

func or(s, otherwise string) string {
	if s != "" {
		return s
	}
	return otherwise
}
