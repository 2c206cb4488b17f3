package ical

import (
	"io"
	"strconv"
	"strings"
	"time"

	"hiroba/model"
)

// Write writes the events as one VCALENDAR with the VTIMEZONE of Asia/Tokyo,
// the zone its times are written in. Cancelled occurrences become EXDATE
// and moved ones a VEVENT with RECURRENCE-ID. DTSTAMP is an event's last
// change (RFC 5545 3.8.7.2: without METHOD, DTSTAMP is LAST-MODIFIED).
// Text is cleaned of control characters again, for rows written by other
// programs. It returns the first error of w.
func Write(w io.Writer, events []*Event) error {
	iw := &lineWriter{w: w}
	iw.prop("BEGIN", "", "VCALENDAR")
	iw.prop("VERSION", "", "2.0")
	iw.prop("PRODID", "", "-//hiroba//hiroba//JA")
	iw.prop("CALSCALE", "", "GREGORIAN")
	iw.prop("X-WR-TIMEZONE", "", model.DefaultTimeZone)
	// Japan has had no daylight saving time since 1951.
	iw.prop("BEGIN", "", "VTIMEZONE")
	iw.prop("TZID", "", model.DefaultTimeZone)
	iw.prop("BEGIN", "", "STANDARD")
	iw.prop("DTSTART", "", "19700101T000000")
	iw.prop("TZOFFSETFROM", "", "+0900")
	iw.prop("TZOFFSETTO", "", "+0900")
	iw.prop("TZNAME", "", "JST")
	iw.prop("END", "", "STANDARD")
	iw.prop("END", "", "VTIMEZONE")
	for _, e := range events {
		writeEvent(iw, e)
	}
	iw.prop("END", "", "VCALENDAR")
	return iw.err
}

// formatWhen formats a start or end: a DATE for all-day events, else a local
// time with TZID, or a UTC time for a series defined in another zone
// (whose rule must expand where it was defined; the file carries only the
// VTIMEZONE of Asia/Tokyo).
func formatWhen(e *Event, t time.Time) (params, value string) {
	switch {
	case e.AllDay:
		return ";VALUE=DATE", t.In(tokyo).Format(dateOnly)
	case e.RRule != "" && e.TimeZone != model.DefaultTimeZone && e.TimeZone != "":
		return "", t.UTC().Format(dateTimeUTC)
	}
	return ";TZID=" + model.DefaultTimeZone, t.In(tokyo).Format(dateTime)
}

// writtenRule is the event's RRULE value. For an all-day event a UTC UNTIL
// becomes its date in Asia/Tokyo: RFC 5545 wants UNTIL of the same type as
// DTSTART, and some programs ignore a rule that breaks this.
func writtenRule(e *Event) string {
	rule := model.CleanLine(strings.TrimPrefix(e.RRule, "RRULE:"))
	if !e.AllDay {
		return rule
	}
	parts := strings.Split(rule, ";")
	for i, part := range parts {
		if k, v, _ := strings.Cut(part, "="); strings.EqualFold(k, "UNTIL") {
			if t, err := time.Parse(dateTimeUTC, v); err == nil {
				parts[i] = "UNTIL=" + t.In(tokyo).Format(dateOnly)
			}
		}
	}
	return strings.Join(parts, ";")
}

func writeEvent(w *lineWriter, e *Event) {
	stamp := e.UpdatedAt.UTC().Format(dateTimeUTC)
	title := model.CleanLine(e.Title)
	place := model.CleanLine(e.Place)
	url := model.CleanLine(e.OnlineURL)
	location := place
	if place != "" && url != "" {
		location = place + " / " + url
	} else if url != "" {
		location = url
	}
	description := model.CleanText(e.Description)
	details := func() {
		w.text("SUMMARY", title)
		w.text("LOCATION", location)
		if url != "" {
			w.prop("URL", "", url)
		}
		w.text("DESCRIPTION", description)
	}

	w.prop("BEGIN", "", "VEVENT")
	w.prop("UID", "", escapeText(model.CleanLine(e.UID)))
	w.prop("DTSTAMP", "", stamp)
	p, v := formatWhen(e, e.Start)
	w.prop("DTSTART", p, v)
	p, v = formatWhen(e, e.End)
	w.prop("DTEND", p, v)
	if e.RRule != "" {
		w.prop("RRULE", "", writtenRule(e))
	}
	var exdates []string
	for _, x := range e.Changes {
		if x.Start.IsZero() {
			p, v = formatWhen(e, x.Original)
			exdates = append(exdates, v)
		}
	}
	if len(exdates) > 0 {
		w.prop("EXDATE", p, strings.Join(exdates, ","))
	}
	details()
	if e.Capacity > 0 {
		w.prop("X-HIROBA-CAPACITY", "", strconv.Itoa(e.Capacity))
	}
	if e.TwentyPercent {
		w.prop("X-HIROBA-TWENTY-PERCENT", "", "TRUE")
	}
	w.prop("END", "", "VEVENT")

	for _, x := range e.Changes {
		if x.Start.IsZero() {
			continue
		}
		w.prop("BEGIN", "", "VEVENT")
		w.prop("UID", "", escapeText(model.CleanLine(e.UID)))
		w.prop("DTSTAMP", "", stamp)
		p, v = formatWhen(e, x.Original)
		w.prop("RECURRENCE-ID", p, v)
		p, v = formatWhen(e, x.Start)
		w.prop("DTSTART", p, v)
		p, v = formatWhen(e, x.End)
		w.prop("DTEND", p, v)
		details()
		w.prop("END", "", "VEVENT")
	}
}
