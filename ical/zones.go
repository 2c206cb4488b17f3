package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"hiroba/model"
)

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
		return tokyo, true
	}
	if loc, ok := model.Zone(tzid); ok {
		return loc, true
	}
	parts := strings.Split(tzid, "/")
	for i := 1; i < len(parts); i++ {
		if loc, ok := model.Zone(strings.Join(parts[i:], "/")); ok {
			return loc, true
		}
	}
	return nil, false
}

// zone returns the location of a time property: its TZID, known by name or
// by the file's VTIMEZONE when that has one fixed offset; without TZID,
// the calendar's X-WR-TIMEZONE or Asia/Tokyo (floating time).
func (rd *reader) zone(p *property) (*time.Location, error) {
	tzid := p.param("TZID")
	if tzid == "" {
		return rd.floating(), nil
	}
	if loc, ok := knownZone(tzid); ok {
		return loc, nil
	}
	if vz := rd.vzones[tzid]; vz != nil {
		if loc, ok := fixedZone(vz); ok {
			return loc, nil
		}
	}
	return nil, LineError(p.Line, "err.ical.timezone", "タイムゾーン %s が分かりません (Asia/Tokyo などの名前にしてください)", Excerpt(tzid))
}

// fixedZone reads a VTIMEZONE whose parts all have one offset of whole
// hours, as a named zone that the database can store.
func fixedZone(vz *component) (*time.Location, bool) {
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
		return tokyo, true
	case hours == 0:
		return time.UTC, true
	case offset[0] == '+': // Etc/GMT-9 is nine hours east of Greenwich
		hours = -hours
	}
	loc, err := time.LoadLocation(fmt.Sprintf("Etc/GMT%+d", hours))
	return loc, err == nil
}
