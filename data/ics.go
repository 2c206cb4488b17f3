package data

import (
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"hiroba/model"
)

// iCalendar (RFC 5545) in and out. Times are written in Asia/Tokyo, the
// zone of every community of the area; the file carries its VTIMEZONE.

// icsZone is the TZID that exports use.
const icsZone = "Asia/Tokyo"

var icsTokyo = zone(icsZone)

const (
	icsDateTime    = "20060102T150405"
	icsDateTimeUTC = "20060102T150405Z"
	icsDate        = "20060102"
)

// ICSExport says what to export. A zero From or To leaves that side open;
// with a window, only events with an occurrence in it are written (whole
// series, with their rules).
type ICSExport struct {
	CommunityID string
	From, To    time.Time
}

// ExportICS writes the events the viewer can see as one VCALENDAR, and
// returns how many events (VEVENTs without RECURRENCE-ID) it wrote.
// Cancelled events are left out, cancelled occurrences become EXDATE and
// moved ones a VEVENT with RECURRENCE-ID.
func (db *DB) ExportICS(ctx context.Context, w io.Writer, opt ICSExport) (int, error) {
	var inWindow map[string]bool
	if !opt.From.IsZero() || !opt.To.IsZero() {
		from, to := opt.From, opt.To
		if from.IsZero() {
			from = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		if to.IsZero() {
			to = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		os, err := db.Occurrences(ctx, from, to, opt.CommunityID)
		if err != nil {
			return 0, err
		}
		inWindow = map[string]bool{}
		for _, o := range os {
			inWindow[o.Event.ID] = true
		}
	}
	var events []*exportedEvent
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		if opt.CommunityID != "" {
			if _, err := communityByID(ctx, tx, opt.CommunityID); err != nil {
				return err
			}
		}
		events, err = exportedEvents(ctx, tx, opt.CommunityID, inWindow)
		return err
	})
	if err != nil {
		return 0, wrapOnce("iCalendar の書き出し", err)
	}

	iw := &icsWriter{w: w}
	iw.prop("BEGIN", "", "VCALENDAR")
	iw.prop("VERSION", "", "2.0")
	iw.prop("PRODID", "", "-//hiroba//hiroba//JA")
	iw.prop("CALSCALE", "", "GREGORIAN")
	iw.prop("X-WR-TIMEZONE", "", icsZone)
	// Japan has had no daylight saving time since 1951.
	iw.prop("BEGIN", "", "VTIMEZONE")
	iw.prop("TZID", "", icsZone)
	iw.prop("BEGIN", "", "STANDARD")
	iw.prop("DTSTART", "", "19700101T000000")
	iw.prop("TZOFFSETFROM", "", "+0900")
	iw.prop("TZOFFSETTO", "", "+0900")
	iw.prop("TZNAME", "", "JST")
	iw.prop("END", "", "STANDARD")
	iw.prop("END", "", "VTIMEZONE")
	for _, e := range events {
		writeVEvent(iw, e)
	}
	iw.prop("END", "", "VCALENDAR")
	if iw.err != nil {
		return 0, fmt.Errorf("iCalendar の書き出し: %w", iw.err)
	}
	return len(events), nil
}

// exportedEvent is a stored event as the file needs it. DTSTAMP is its
// last change (RFC 5545 3.8.7.2: without METHOD, DTSTAMP is
// LAST-MODIFIED).
type exportedEvent struct {
	id, uid, title, description, place, url, rrule, timezone string
	start, end, updated                                      time.Time
	allDay, twenty                                           bool
	capacity                                                 int
	exceptions                                               []storedException
}

// storedException is a row of event_exceptions; a zero start means
// cancelled.
type storedException struct {
	original, start, end time.Time
}

// exportedEvents reads the visible, not cancelled events of the community
// ("" for all), in order of start; with inWindow, only those in it.
func exportedEvents(ctx context.Context, tx *sql.Tx, communityID string, inWindow map[string]bool) ([]*exportedEvent, error) {
	w := where{args: []any{sql.Named("viewer", model.ViewerFrom(ctx))}}
	w.add(`e.cancelled_at IS NULL`)
	w.add(visibleCommunity)
	if communityID != "" {
		w.add(`e.community_id = @community`, sql.Named("community", communityID))
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.uid, e.title, e.description, e.place, e.online_url, e.rrule, e.timezone,
		e.starts_at, e.ends_at, e.updated_at, e.all_day, e.twenty_percent, e.capacity
		FROM events e JOIN communities c ON c.id = e.community_id `+w.String()+` ORDER BY e.starts_at, e.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*exportedEvent
	byID := map[string]*exportedEvent{}
	for rows.Next() {
		var e exportedEvent
		var start, end, updated string
		if err := rows.Scan(&e.id, &e.uid, &e.title, &e.description, &e.place, &e.url, &e.rrule, &e.timezone,
			&start, &end, &updated, &e.allDay, &e.twenty, &e.capacity); err != nil {
			return nil, err
		}
		if inWindow != nil && !inWindow[e.id] {
			continue
		}
		e.start, e.end, e.updated = parseTime(start), parseTime(end), parseTime(updated)
		out = append(out, &e)
		if e.rrule != "" {
			byID[e.id] = &e
		}
	}
	if err := rows.Err(); err != nil || len(byID) == 0 {
		return out, err
	}
	xrows, err := tx.QueryContext(ctx, `SELECT x.event_id, x.occurrence_start, x.cancelled, x.new_start, x.new_end
		FROM event_exceptions x JOIN events e ON e.id = x.event_id JOIN communities c ON c.id = e.community_id
		`+w.String()+` AND e.rrule <> '' ORDER BY x.event_id, x.occurrence_start`, w.args...)
	if err != nil {
		return nil, err
	}
	defer xrows.Close()
	for xrows.Next() {
		var id, original string
		var cancelled bool
		var newStart, newEnd sql.NullString
		if err := xrows.Scan(&id, &original, &cancelled, &newStart, &newEnd); err != nil {
			return nil, err
		}
		e := byID[id]
		if e == nil || !cancelled && !newStart.Valid {
			continue // not exported, or neither cancelled nor moved
		}
		x := storedException{original: parseTime(original)}
		if !cancelled {
			x.start = parseTime(newStart.String)
			x.end = x.start.Add(e.end.Sub(e.start))
			if t := nullTime(newEnd); t != nil {
				x.end = *t
			}
		}
		e.exceptions = append(e.exceptions, x)
	}
	return out, xrows.Err()
}

// icsWhen formats a start or end: a DATE for all-day events, else a local
// time with TZID, or a UTC time for a series defined in another zone
// (whose rule must expand where it was defined; the file carries only the
// VTIMEZONE of Asia/Tokyo).
func (e *exportedEvent) icsWhen(t time.Time) (params, value string) {
	switch {
	case e.allDay:
		return ";VALUE=DATE", t.In(icsTokyo).Format(icsDate)
	case e.rrule != "" && e.timezone != icsZone && e.timezone != "":
		return "", t.UTC().Format(icsDateTimeUTC)
	}
	return ";TZID=" + icsZone, t.In(icsTokyo).Format(icsDateTime)
}

// icsRule is the event's RRULE value. For an all-day event a UTC UNTIL
// becomes its date in Asia/Tokyo: RFC 5545 wants UNTIL of the same type as
// DTSTART, and some programs ignore a rule that breaks this.
func (e *exportedEvent) icsRule() string {
	rule := model.CleanLine(strings.TrimPrefix(e.rrule, "RRULE:"))
	if !e.allDay {
		return rule
	}
	parts := strings.Split(rule, ";")
	for i, part := range parts {
		if k, v, _ := strings.Cut(part, "="); strings.EqualFold(k, "UNTIL") {
			if t, err := time.Parse(icsDateTimeUTC, v); err == nil {
				parts[i] = "UNTIL=" + t.In(icsTokyo).Format(icsDate)
			}
		}
	}
	return strings.Join(parts, ";")
}

func writeVEvent(w *icsWriter, e *exportedEvent) {
	stamp := e.updated.UTC().Format(icsDateTimeUTC)
	title := model.CleanLine(e.title)
	place := model.CleanLine(e.place)
	url := model.CleanLine(e.url)
	location := place
	if place != "" && url != "" {
		location = place + " / " + url
	} else if url != "" {
		location = url
	}
	description := model.CleanText(e.description)
	details := func() {
		w.text("SUMMARY", title)
		w.text("LOCATION", location)
		if url != "" {
			w.prop("URL", "", url)
		}
		w.text("DESCRIPTION", description)
	}

	w.prop("BEGIN", "", "VEVENT")
	w.prop("UID", "", escapeText(model.CleanLine(e.uid)))
	w.prop("DTSTAMP", "", stamp)
	p, v := e.icsWhen(e.start)
	w.prop("DTSTART", p, v)
	p, v = e.icsWhen(e.end)
	w.prop("DTEND", p, v)
	if e.rrule != "" {
		w.prop("RRULE", "", e.icsRule())
	}
	var exdates []string
	for _, x := range e.exceptions {
		if x.start.IsZero() {
			p, v = e.icsWhen(x.original)
			exdates = append(exdates, v)
		}
	}
	if len(exdates) > 0 {
		w.prop("EXDATE", p, strings.Join(exdates, ","))
	}
	details()
	if e.capacity > 0 {
		w.prop("X-HIROBA-CAPACITY", "", strconv.Itoa(e.capacity))
	}
	if e.twenty {
		w.prop("X-HIROBA-TWENTY-PERCENT", "", "TRUE")
	}
	w.prop("END", "", "VEVENT")

	for _, x := range e.exceptions {
		if x.start.IsZero() {
			continue
		}
		w.prop("BEGIN", "", "VEVENT")
		w.prop("UID", "", escapeText(model.CleanLine(e.uid)))
		w.prop("DTSTAMP", "", stamp)
		p, v = e.icsWhen(x.original)
		w.prop("RECURRENCE-ID", p, v)
		p, v = e.icsWhen(x.start)
		w.prop("DTSTART", p, v)
		p, v = e.icsWhen(x.end)
		w.prop("DTEND", p, v)
		details()
		w.prop("END", "", "VEVENT")
	}
}

// ICSImport is what an import did. Warnings are sentences about parts of
// the file that could not be kept, each with its line.
type ICSImport struct {
	Created, Updated, Unchanged, Skipped int
	Warnings                             []string
}

// ImportICS reads an iCalendar file and saves its events in one
// transaction: all of them, or, when anything is wrong, none. An event
// whose UID is already in the database is updated (in its own community,
// by an organiser of it or the event's creator); a new one goes into the
// community communityID (an id or an exact name), of which the viewer
// must be a member. communityID may be "" when every event is already known.
// A malformed file is refused with an EINVALID error that names the line.
func (db *DB) ImportICS(ctx context.Context, r io.Reader, communityID string) (*ICSImport, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxICSBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxICSBytes {
		return nil, model.Errorf(model.EINVALID, "ファイルが大きすぎます (%d MB まで)", maxICSBytes>>20)
	}
	calendars, err := parseICS(decodeICSText(raw))
	if err != nil {
		return nil, err
	}
	res := &ICSImport{}
	events, err := readEvents(calendars, res)
	if err != nil {
		return nil, err
	}
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		return db.saveImported(ctx, tx, events, communityID, res)
	})
	if err != nil {
		return nil, wrapOnce("iCalendar の取り込み", err)
	}
	return res, nil
}

// importedEvent is a VEVENT read from a file, with its overrides.
type importedEvent struct {
	line      int
	event     model.Event
	timezone  string
	seriesEnd *time.Time
	cancelled bool             // STATUS:CANCELLED
	capacity  *int             // X-HIROBA-CAPACITY, when present
	twenty    *bool            // X-HIROBA-TWENTY-PERCENT, when present
	changes   map[int64]change // cancelled and moved occurrences, by original start
}

// change is a cancelled (zero Start) or moved occurrence, by its original
// start.
type change struct {
	original   time.Time
	start, end time.Time
}

// icsReader turns components into events: it knows the file's time zones.
type icsReader struct {
	vzones   map[string]*icsComponent // VTIMEZONE by TZID
	floating *time.Location           // for times without zone
}

func readEvents(calendars []*icsComponent, res *ICSImport) ([]*importedEvent, error) {
	var out []*importedEvent
	byUID := map[string]*importedEvent{}
	type override struct {
		uid string
		c   *icsComponent
	}
	for _, cal := range calendars {
		rd := &icsReader{vzones: map[string]*icsComponent{}, floating: icsTokyo}
		if p := cal.prop("X-WR-TIMEZONE"); p != nil {
			if loc, ok := knownZone(strings.TrimSpace(p.Value)); ok {
				rd.floating = loc
			}
		}
		for _, c := range cal.Children {
			if c.Name == "VTIMEZONE" {
				if p := c.prop("TZID"); p != nil {
					rd.vzones[strings.TrimSpace(unescapeText(p.Value))] = c
				}
			}
		}
		var overridesHere []override
		for _, c := range cal.Children {
			if c.Name != "VEVENT" {
				continue
			}
			uid, err := vEventUID(c)
			if err != nil {
				return nil, err
			}
			if class := strings.ToUpper(strings.TrimSpace(text(c, "CLASS"))); class == "PRIVATE" || class == "CONFIDENTIAL" {
				// Someone's own appointment in an exported calendar: it
				// must not appear on a community's calendar.
				if c.prop("RECURRENCE-ID") == nil {
					res.Skipped++
					res.Warnings = append(res.Warnings, fmt.Sprintf("%d 行目: 非公開 (CLASS:%s) の予定「%s」は取り込みませんでした", c.Line, class, excerpt(text(c, "SUMMARY"))))
				}
				continue
			}
			if c.prop("RECURRENCE-ID") != nil {
				overridesHere = append(overridesHere, override{uid, c})
				continue
			}
			e, err := rd.master(c, uid)
			if err != nil {
				return nil, err
			}
			if prev := byUID[uid]; prev != nil {
				return nil, lineError(c.Line, "UID %s の予定が %d 行目にもあります", excerpt(uid), prev.line)
			}
			byUID[uid] = e
			out = append(out, e)
		}
		// Overrides are read with the zones of their own calendar.
		for _, o := range overridesHere {
			master := byUID[o.uid]
			if master == nil {
				res.Warnings = append(res.Warnings, fmt.Sprintf("%d 行目: 繰り返しの元の予定 (UID %s) がファイルにないため、この回の変更は取り込みませんでした", o.c.Line, excerpt(o.uid)))
				continue
			}
			if err := rd.override(master, o.c); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// vEventUID returns the UID of the VEVENT. One without a UID (RFC 5545
// requires it, yet some exporters leave it out) gets one made from its
// start, title and rule, so that importing the file again finds the same
// event.
func vEventUID(c *icsComponent) (string, error) {
	if p := c.prop("UID"); p != nil {
		if uid := strings.TrimSpace(model.CleanLine(unescapeText(p.Value))); uid != "" {
			if len(uid) > 255 {
				return "", lineError(p.Line, "UID が長すぎます (255 バイトまで)")
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

// windowsZones maps the Windows time zone names that Outlook and Exchange
// write as TZID to IANA names.
var windowsZones = map[string]string{
	"Tokyo Standard Time":          "Asia/Tokyo",
	"Korea Standard Time":          "Asia/Seoul",
	"China Standard Time":          "Asia/Shanghai",
	"Taipei Standard Time":         "Asia/Taipei",
	"Singapore Standard Time":      "Asia/Singapore",
	"SE Asia Standard Time":        "Asia/Bangkok",
	"India Standard Time":          "Asia/Kolkata",
	"AUS Eastern Standard Time":    "Australia/Sydney",
	"UTC":                          "UTC",
	"Coordinated Universal Time":   "UTC",
	"Greenwich Standard Time":      "UTC",
	"GMT Standard Time":            "Europe/London",
	"W. Europe Standard Time":      "Europe/Berlin",
	"Romance Standard Time":        "Europe/Paris",
	"Central Europe Standard Time": "Europe/Budapest",
	"Eastern Standard Time":        "America/New_York",
	"Central Standard Time":        "America/Chicago",
	"Mountain Standard Time":       "America/Denver",
	"Pacific Standard Time":        "America/Los_Angeles",
	"Hawaiian Standard Time":       "Pacific/Honolulu",
}

// knownZone resolves a TZID: an IANA name, a Windows name, Exchange's
// "(UTC+09:00) Osaka, Sapporo, Tokyo", or an IANA name behind a prefix
// such as Lightning's "/mozilla.org/20050126_1/Asia/Tokyo".
func knownZone(tzid string) (*time.Location, bool) {
	tzid = strings.TrimSpace(tzid)
	if name, ok := windowsZones[tzid]; ok {
		tzid = name
	}
	if tzid == "" || tzid == "Local" {
		return nil, false
	}
	if strings.Contains(tzid, "Tokyo") || tzid == "JST" {
		return icsTokyo, true
	}
	if loc, err := time.LoadLocation(tzid); err == nil {
		return loc, true
	}
	parts := strings.Split(tzid, "/")
	for i := 1; i < len(parts); i++ {
		if loc, err := time.LoadLocation(strings.Join(parts[i:], "/")); err == nil {
			return loc, true
		}
	}
	return nil, false
}

// zone returns the location of a time property: its TZID, known by name or
// by the file's VTIMEZONE when that has one fixed offset; without TZID,
// the calendar's X-WR-TIMEZONE or Asia/Tokyo (floating time).
func (rd *icsReader) zone(p *icsProp) (*time.Location, error) {
	tzid := p.param("TZID")
	if tzid == "" {
		return rd.floating, nil
	}
	if loc, ok := knownZone(tzid); ok {
		return loc, nil
	}
	if vz := rd.vzones[tzid]; vz != nil {
		if loc, ok := fixedZone(vz); ok {
			return loc, nil
		}
	}
	return nil, lineError(p.Line, "タイムゾーン %s が分かりません (Asia/Tokyo などの名前にしてください)", excerpt(tzid))
}

// fixedZone reads a VTIMEZONE whose parts all have one offset of whole
// hours, as a named zone that the database can store.
func fixedZone(vz *icsComponent) (*time.Location, bool) {
	offset := ""
	for _, part := range vz.Children {
		p := part.prop("TZOFFSETTO")
		if p == nil || offset != "" && strings.TrimSpace(p.Value) != offset {
			return nil, false
		}
		offset = strings.TrimSpace(p.Value)
	}
	if len(offset) != 5 || offset[3:] != "00" || offset[0] != '+' && offset[0] != '-' {
		return nil, false
	}
	hours, err := strconv.Atoi(offset[1:3])
	if err != nil {
		return nil, false
	}
	switch {
	case offset == "+0900":
		return icsTokyo, true
	case hours == 0:
		return time.UTC, true
	case offset[0] == '+': // Etc/GMT-9 is nine hours east of Greenwich
		hours = -hours
	}
	loc, err := time.LoadLocation(fmt.Sprintf("Etc/GMT%+d", hours))
	return loc, err == nil
}

// when reads one DATE or DATE-TIME value of p (EXDATE may hold several):
// a date is midnight in Asia/Tokyo; a time ending in Z is UTC; any other
// time is in p's TZID or, without one, floating. It also returns the
// location the value was read in.
func (rd *icsReader) when(p *icsProp, value string) (t time.Time, allDay bool, loc *time.Location, err error) {
	value = strings.ToUpper(strings.TrimSpace(value))
	switch vt := strings.ToUpper(p.param("VALUE")); {
	case vt == "DATE" || vt == "" && len(value) == len(icsDate):
		loc, allDay = icsTokyo, true
		t, err = time.ParseInLocation(icsDate, value, loc)
	case strings.HasSuffix(value, "Z"):
		loc = time.UTC
		t, err = time.Parse(icsDateTimeUTC, value)
	default:
		if loc, err = rd.zone(p); err != nil {
			return time.Time{}, false, nil, err
		}
		t, err = time.ParseInLocation(icsDateTime, value, loc)
	}
	if err != nil {
		return time.Time{}, false, nil, lineError(p.Line, "%s の日時「%s」が読めません (例: 20270120T150000 や 20270120)", p.Name, excerpt(value))
	}
	if y := t.Year(); y < 1900 || y > 2200 {
		return time.Time{}, false, nil, lineError(p.Line, "%s の年 %d はありえません", p.Name, y)
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
func (rd *icsReader) end(c *icsComponent, start time.Time, allDay bool, dur time.Duration) (time.Time, error) {
	var end time.Time
	if p := c.prop("DTEND"); p != nil {
		t, endAllDay, _, err := rd.when(p, p.Value)
		if err != nil {
			return time.Time{}, err
		}
		if endAllDay != allDay {
			return time.Time{}, lineError(p.Line, "DTSTART と DTEND の一方が日付だけ、もう一方が時刻つきです")
		}
		if t.Before(start) {
			return time.Time{}, lineError(p.Line, "終わり (DTEND) が始まり (DTSTART) より前です")
		}
		end = t
	} else if p := c.prop("DURATION"); p != nil {
		d, err := parseICSDuration(p.Value)
		if err != nil || d < 0 {
			return time.Time{}, lineError(p.Line, "長さ (DURATION)「%s」が読めません (例: PT1H30M や P1D)", excerpt(p.Value))
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

// parseICSDuration reads an RFC 5545 DURATION such as P1D, PT1H30M, P2W.
// Days count as 24 hours, which is exact in Asia/Tokyo.
func parseICSDuration(s string) (time.Duration, error) {
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
func text(c *icsComponent, name string) string {
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
func (rd *icsReader) master(c *icsComponent, uid string) (*importedEvent, error) {
	e := &importedEvent{line: c.Line}
	ev := &e.event
	ev.UID = uid
	start := c.prop("DTSTART")
	if start == nil {
		return nil, lineError(c.Line, "予定 (BEGIN:VEVENT) に開始日時 DTSTART がありません")
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
	e.timezone = icsZone
	if loc != time.UTC || c.prop("RRULE") != nil {
		// A series keeps the zone it is defined in, UTC included, so that
		// it expands to the same instants; a one-off needs no zone.
		e.timezone = loc.String()
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

	e.cancelled = strings.EqualFold(strings.TrimSpace(text(c, "STATUS")), "CANCELLED")
	if p := c.prop("X-HIROBA-CAPACITY"); p != nil {
		n, err := strconv.Atoi(strings.TrimSpace(p.Value))
		if err != nil || n < 0 || n > 100000 {
			return nil, lineError(p.Line, "定員「%s」が読めません", excerpt(p.Value))
		}
		e.capacity = &n
	}
	if p := c.prop("X-HIROBA-TWENTY-PERCENT"); p != nil {
		b := strings.EqualFold(strings.TrimSpace(p.Value), "TRUE")
		e.twenty = &b
	}

	ev.TimeZone = e.timezone
	if p := c.prop("RRULE"); p != nil {
		ev.RRule = readRule(p, loc, allDay)
		e.changes = map[int64]change{}
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
				e.changes[x.UnixMilli()] = change{original: x.UTC()}
			}
		}
	}
	// The community is chosen later; Validate only needs one.
	check := *ev
	check.CommunityID = "-"
	if e.capacity != nil {
		check.Capacity = *e.capacity
	}
	if err := check.Validate(); err != nil {
		line := c.Line
		var me *model.Error
		if errors.As(err, &me) {
			if p := c.prop(fieldProps[me.Field]); p != nil {
				line = p.Line
			}
		}
		return nil, lineError(line, "%s", model.ErrorMessage(err))
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
func readRule(p *icsProp, loc *time.Location, allDay bool) string {
	value := strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p.Value), "RRULE:")))
	parts := strings.Split(value, ";")
	for i, part := range parts {
		if k, v, _ := strings.Cut(part, "="); k == "UNTIL" && len(v) == len(icsDate) && !allDay {
			if d, err := time.ParseInLocation(icsDate, v, loc); err == nil {
				parts[i] = "UNTIL=" + d.AddDate(0, 0, 1).Add(-time.Second).UTC().Format(icsDateTimeUTC)
			}
		}
	}
	return strings.Join(parts, ";")
}

// override reads a VEVENT with RECURRENCE-ID: one occurrence of master
// cancelled (STATUS:CANCELLED) or moved. Changes of title or text for one
// occurrence cannot be kept and are ignored.
func (rd *icsReader) override(m *importedEvent, c *icsComponent) error {
	rid := c.prop("RECURRENCE-ID")
	orig, isDate, _, err := rd.when(rid, rid.Value)
	if err != nil {
		return err
	}
	if m.event.RRule == "" {
		return nil // an override of an event that does not repeat
	}
	loc := icsTokyo
	if !m.event.AllDay {
		loc = zone(m.timezone)
		if isDate {
			orig = atClock(orig, m.event.Start, loc)
		}
	}
	key := orig.UnixMilli()
	if strings.EqualFold(strings.TrimSpace(text(c, "STATUS")), "CANCELLED") {
		m.changes[key] = change{original: orig.UTC()}
		return nil
	}
	dur := m.event.End.Sub(m.event.Start)
	start := orig
	if p := c.prop("DTSTART"); p != nil {
		if start, _, _, err = rd.when(p, p.Value); err != nil {
			return err
		}
	}
	end, err := rd.end(c, start, m.event.AllDay, dur)
	if err != nil {
		return err
	}
	if start.Equal(orig) && end.Equal(orig.Add(dur)) {
		return nil
	}
	m.changes[key] = change{original: orig.UTC(), start: start.UTC(), end: end.UTC()}
	return nil
}

// saveImported writes the events read from a file, in the caller's
// transaction, with the event store's own rules: members of a community
// add events (insertEvent, as CreateEvent), its organisers and an event's
// creator change it, and rules are stored in canonical form.
func (db *DB) saveImported(ctx context.Context, tx *sql.Tx, events []*importedEvent, communityID string, res *ICSImport) error {
	me, err := actingStaff(ctx, tx)
	if err != nil {
		return err
	}
	var target *model.Community
	if communityID != "" {
		if target, err = importTarget(ctx, tx, communityID); err != nil {
			return err
		}
	}
	var homeless []*importedEvent // new events with no community given
	for _, e := range events {
		ev := &e.event
		if e.seriesEnd, err = normalizeRule(ev); err != nil {
			return lineError(e.line, "%s", model.ErrorMessage(err))
		}
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM events WHERE uid = ?`, ev.UID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			switch {
			case e.cancelled:
				res.Skipped++
			case target == nil:
				homeless = append(homeless, e)
			default:
				ev.CommunityID, ev.OrganiserID = target.ID, ""
				if e.capacity != nil {
					ev.Capacity = *e.capacity
				}
				if e.twenty != nil {
					ev.TwentyPercent = *e.twenty
				}
				if err := insertEvent(ctx, tx, ev, me.ID, db.Now()); err != nil {
					return lineError(e.line, "%s", model.ErrorMessage(err))
				}
				if err := saveChanges(ctx, tx, ev.ID, e); err != nil {
					return err
				}
				res.Created++
			}
			continue
		} else if err != nil {
			return fmt.Errorf("UID %s: %w", ev.UID, err)
		}

		old, err := eventByID(ctx, tx, id)
		if model.ErrorCode(err) == model.ENOTFOUND {
			return model.Errorf(model.EFORBIDDEN, "%d 行目: UID %s の予定は、あなたが見られないコミュニティにすでにあります", e.line, excerpt(ev.UID))
		} else if err != nil {
			return err
		}
		forbidden := func() error {
			return model.Errorf(model.EFORBIDDEN, "%d 行目: 「%s」はコミュニティ「%s」の予定です。変えられるのは作った人とコミュニティの世話役だけです", e.line, old.Title, old.CommunityName)
		}
		if old.Cancelled {
			res.Skipped++
			res.Warnings = append(res.Warnings, fmt.Sprintf("%d 行目: 「%s」は hiroba で中止になっているため、変えませんでした", e.line, old.Title))
			continue
		}
		now := fmtTime(db.Now())
		if e.cancelled {
			if !old.CanEdit {
				return forbidden()
			}
			if _, err := tx.ExecContext(ctx, `UPDATE events SET cancelled_at = ?, updated_at = ? WHERE id = ?`, now, now, id); err != nil {
				return err
			}
			res.Updated++
			continue
		}
		ev.Capacity, ev.TwentyPercent = old.Capacity, old.TwentyPercent
		if e.capacity != nil {
			ev.Capacity = *e.capacity
		}
		if e.twenty != nil {
			ev.TwentyPercent = *e.twenty
		}
		changed, err := importedChanged(ctx, tx, old, e)
		if err != nil {
			return err
		}
		if !changed {
			res.Unchanged++ // even for those who may not change it
			continue
		}
		if !old.CanEdit {
			return forbidden()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET title = ?, description = ?, starts_at = ?, ends_at = ?, all_day = ?,
			timezone = ?, place = ?, online_url = ?, capacity = ?, twenty_percent = ?, rrule = ?, series_ends_at = ?, updated_at = ?
			WHERE id = ?`, ev.Title, ev.Description, fmtTime(ev.Start), fmtTime(ev.End), ev.AllDay, ev.TimeZone, ev.Place,
			ev.OnlineURL, ev.Capacity, ev.TwentyPercent, ev.RRule, nullTimeArg(e.seriesEnd), now, id); err != nil {
			return fmt.Errorf("予定 %s の更新: %w", id, err)
		}
		if err := saveChanges(ctx, tx, id, e); err != nil {
			return err
		}
		res.Updated++
	}
	if len(homeless) > 0 {
		return model.Errorf(model.EINVALID, "新しい予定が %d 件あります (%d 行目の「%s」など)。取り込み先のコミュニティを指定してください%s",
			len(homeless), homeless[0].line, homeless[0].event.Title, memberList(ctx, tx, me.ID))
	}
	return nil
}

// importTarget finds the community new events go into, by id or exact
// name, and checks that the viewer may add events to it.
func importTarget(ctx context.Context, tx *sql.Tx, idOrName string) (*model.Community, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id FROM communities c WHERE (c.id = @q OR c.name = @q) AND `+visibleCommunity,
		sql.Named("q", idOrName), sql.Named("viewer", model.ViewerFrom(ctx)))
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	switch len(ids) {
	case 0:
		return nil, model.Errorf(model.ENOTFOUND, "コミュニティ「%s」が見つかりません", model.CleanLine(idOrName))
	case 1:
		return memberOf(ctx, tx, ids[0])
	}
	return nil, model.Errorf(model.EINVALID, "「%s」という名前のコミュニティが %d つあります。ID で指定してください", model.CleanLine(idOrName), len(ids))
}

// memberList names the communities the staff member belongs to, for a
// message that asks which one to use.
func memberList(ctx context.Context, tx *sql.Tx, staffID string) string {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.name FROM memberships m JOIN communities c ON c.id = m.community_id
		WHERE m.staff_id = ? ORDER BY m.role = 'organiser' DESC, c.name, c.id LIMIT 10`, staffID)
	if err != nil {
		return ""
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var id, name string
		if rows.Scan(&id, &name) == nil {
			list = append(list, fmt.Sprintf("%s (%s)", model.CleanLine(name), id))
		}
	}
	if len(list) == 0 {
		return "。あなたはまだどのコミュニティにも参加していません"
	}
	return "。あなたが参加しているコミュニティ: " + strings.Join(list, "、")
}

// saveChanges replaces the event's cancelled and moved occurrences with
// those of the file, which is the source of the series.
func saveChanges(ctx context.Context, tx *sql.Tx, id string, e *importedEvent) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM event_exceptions WHERE event_id = ?`, id); err != nil {
		return err
	}
	for _, x := range e.changes {
		var start, end any
		if !x.start.IsZero() {
			start, end = fmtTime(x.start), fmtTime(x.end)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_exceptions (event_id, occurrence_start, cancelled, new_start, new_end)
			VALUES (?, ?, ?, ?, ?)`, id, fmtTime(x.original), x.start.IsZero(), start, end); err != nil {
			return fmt.Errorf("%d 行目の予定の例外: %w", e.line, err)
		}
	}
	return nil
}

// importedChanged reports whether the file says anything about the stored
// event old that the database does not already hold. series_ends_at is
// left out: it follows from the start and the rule, and other writers
// store UNTIL there rather than the last start.
func importedChanged(ctx context.Context, tx *sql.Tx, old *model.Event, e *importedEvent) (bool, error) {
	ev := &e.event
	if ev.Title != old.Title || ev.Description != old.Description || !ev.Start.Equal(old.Start) || !ev.End.Equal(old.End) ||
		ev.AllDay != old.AllDay || ev.TimeZone != old.TimeZone || ev.Place != old.Place || ev.OnlineURL != old.OnlineURL ||
		ev.Capacity != old.Capacity || ev.TwentyPercent != old.TwentyPercent || ev.RRule != old.RRule {
		return true, nil
	}
	var want []string
	for _, x := range e.changes {
		want = append(want, exceptionKey(x.original, x.start, x.end))
	}
	rows, err := tx.QueryContext(ctx, `SELECT occurrence_start, cancelled, new_start, new_end FROM event_exceptions WHERE event_id = ?`, old.ID)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var have []string
	for rows.Next() {
		var original string
		var cancelled bool
		var newStart, newEnd sql.NullString
		if err := rows.Scan(&original, &cancelled, &newStart, &newEnd); err != nil {
			return false, err
		}
		var start, end time.Time
		if !cancelled && newStart.Valid {
			start = parseTime(newStart.String)
			end = start
			if t := nullTime(newEnd); t != nil {
				end = *t
			}
		}
		have = append(have, exceptionKey(parseTime(original), start, end))
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	sort.Strings(want)
	sort.Strings(have)
	return strings.Join(want, "\n") != strings.Join(have, "\n"), nil
}

// exceptionKey is an exception as text, for comparing; a zero start means
// cancelled.
func exceptionKey(original, start, end time.Time) string {
	if start.IsZero() {
		return fmtTime(original) + " cancelled"
	}
	return fmtTime(original) + " " + fmtTime(start) + " " + fmtTime(end)
}
