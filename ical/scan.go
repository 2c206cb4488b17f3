package ical

import (
	"io"
	"sort"
	"strings"
	"time"
)

// Read reads an iCalendar file of at most MaxBytes, in UTF-8 or
// Shift_JIS, into memory: Scan, with the events kept in file order.
func Read(r io.Reader) (*File, error) {
	var events []*Event
	f, err := Scan(r, func(e *Event) error { events = append(events, e); return nil })
	if err != nil {
		return nil, err
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Line < events[j].Line })
	f.Events = events
	return f, nil
}

// Scan reads an iCalendar file of at most MaxBytes, in UTF-8 or
// Shift_JIS, and gives each event to each as soon as it can: one that
// does not repeat when its VEVENT ends, a series at the end of the file,
// when every RECURRENCE-ID that changes one of its occurrences has been
// read. So a large archive is never held whole. A file that is not
// iCalendar at all is refused with an EINVALID error that names the line;
// an event that is broken or that hiroba could not store (model.Event's
// Validate, recur.Check) is left out, as a Problem. An error of each
// stops the scan and is returned. The File returned has no Events.
func Scan(r io.Reader, each func(*Event) error) (*File, error) {
	s := &scanner{f: &File{}, each: each, lines: map[string]int{}, broken: map[string]bool{}, series: map[string]*Event{},
		changes: map[*Event]map[int64]Change{}}
	var rd *reader
	err := scan(r, func(cal, c *component) error {
		switch {
		case c == cal:
			rd = &reader{vzones: map[string]*component{}, cal: cal, changes: s.changes}
			return nil
		case c == nil:
			return s.endCalendar(rd)
		case c.Name == "VTIMEZONE":
			if p := c.prop("TZID"); p != nil {
				rd.vzones[strings.TrimSpace(unescapeText(p.Value))] = c
			}
			return nil
		case c.Name == "VEVENT":
			return s.event(rd, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Series last, in file order, with every change read.
	var held []*Event
	for _, e := range s.series {
		held = append(held, e)
	}
	sort.Slice(held, func(i, j int) bool { return held[i].Line < held[j].Line })
	for _, e := range held {
		for _, x := range s.changes[e] {
			e.Changes = append(e.Changes, x)
		}
		sort.Slice(e.Changes, func(i, j int) bool { return e.Changes[i].Original.Before(e.Changes[j].Original) })
		if err := each(e); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(s.f.Problems, func(i, j int) bool { return s.f.Problems[i].Line < s.f.Problems[j].Line })
	return s.f, nil
}

// scanner is one Scan's state.
type scanner struct {
	f       *File
	each    func(*Event) error
	lines   map[string]int    // where each UID's event begins
	broken  map[string]bool   // UIDs whose event was left out: their overrides go with them
	series  map[string]*Event // held until the end
	changes map[*Event]map[int64]Change
	// pending are the VEVENTs read at the end of their calendar: those
	// with RECURRENCE-ID, and those whose TZID a later VTIMEZONE may name.
	pending []*component
}

// event reads one VEVENT: a master at once when it can, else later.
func (s *scanner) event(rd *reader, c *component) error {
	if c.Err != nil {
		s.f.problem(c, c.Err)
		return nil
	}
	if c.prop("RECURRENCE-ID") != nil || !rd.zonesKnown(c) {
		s.pending = append(s.pending, c)
		return nil
	}
	return s.master(rd, c)
}

func (s *scanner) master(rd *reader, c *component) error {
	uid, err := vEventUID(c)
	if err != nil {
		s.f.problem(c, err)
		return nil
	}
	if class := strings.ToUpper(strings.TrimSpace(text(c, "CLASS"))); class == "PRIVATE" || class == "CONFIDENTIAL" {
		// Someone's own appointment in an exported calendar: it must not
		// appear on a community's calendar.
		s.f.Skipped++
		s.f.Warnings = append(s.f.Warnings, LineError(c.Line, "err.ical.private", "非公開 (CLASS:%s) の予定「%s」は取り込みませんでした", class, Excerpt(text(c, "SUMMARY"))))
		s.broken[uid] = true
		return nil
	}
	if prev, ok := s.lines[uid]; ok {
		s.f.problem(c, LineError(c.Line, "err.ical.uid_twice", "UID %s の予定が %d 行目にもあります", Excerpt(uid), prev))
		return nil
	}
	s.lines[uid] = c.Line
	e, err := rd.master(c, uid)
	if err != nil {
		s.f.problem(c, err)
		s.broken[uid] = true
		return nil
	}
	if e.RRule != "" {
		s.series[uid] = e
		return nil
	}
	return s.each(e)
}

// endCalendar reads what waited for the end of the calendar, with its
// zones: masters first, then the overrides.
func (s *scanner) endCalendar(rd *reader) error {
	var overrides []*component
	for _, c := range s.pending {
		if c.prop("RECURRENCE-ID") != nil {
			overrides = append(overrides, c)
		} else if err := s.master(rd, c); err != nil {
			return err
		}
	}
	s.pending = nil
	for _, c := range overrides {
		uid, err := vEventUID(c)
		if err != nil {
			s.f.problem(c, err)
			continue
		}
		if class := strings.ToUpper(strings.TrimSpace(text(c, "CLASS"))); s.broken[uid] || class == "PRIVATE" || class == "CONFIDENTIAL" {
			continue
		}
		master := s.series[uid]
		if master == nil {
			if _, ok := s.lines[uid]; !ok {
				s.f.Warnings = append(s.f.Warnings, LineError(c.Line, "err.ical.orphan", "繰り返しの元の予定 (UID %s) がファイルにないため、この回の変更は取り込みませんでした", Excerpt(uid)))
			}
			continue // an override of an event that does not repeat says nothing
		}
		if s.changes[master] == nil {
			s.changes[master] = map[int64]Change{}
		}
		if err := rd.override(master, c); err != nil {
			s.f.problem(c, err)
		}
	}
	return nil
}

// zonesKnown reports whether every TZID of the VEVENT is known now: by
// name, or by a VTIMEZONE already read.
func (rd *reader) zonesKnown(c *component) bool {
	for _, p := range c.Props {
		if tzid := p.param("TZID"); tzid != "" {
			if _, ok := knownZone(tzid); !ok && rd.vzones[tzid] == nil {
				return false
			}
		}
	}
	return true
}

// floating is the zone of times without one: the calendar's
// X-WR-TIMEZONE, else Asia/Tokyo.
func (rd *reader) floating() *time.Location {
	if p := rd.cal.prop("X-WR-TIMEZONE"); p != nil {
		if loc, ok := knownZone(strings.TrimSpace(p.Value)); ok {
			return loc
		}
	}
	return tokyo
}
