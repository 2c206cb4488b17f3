package kit

// Calendar interoperability (issue 15), in English. See
// catalog_calendar.go.
var catalogCalendarEN = map[string]string{
	"cal.rule.custom": "Custom repeat",
	"cal.rule.next":   "next: %s",
	"ef.repeat.7":     "Custom repeat (kept as it is)",

	// Rules (package recur)
	"err.rrule.part":       "Cannot read \"%s\" (write NAME=value)",
	"err.rrule.twice":      "%s is given twice",
	"err.rrule.unknown":    "RRULE has no part called %s",
	"err.rrule.freq":       "FREQ (how often it repeats) is missing",
	"err.rrule.tooshort":   "FREQ=%s is not supported (nothing repeats more often than hourly)",
	"err.rrule.value":      "%s=%s cannot be used",
	"err.rrule.countuntil": "UNTIL and COUNT cannot be used together",
	"err.rrule.notwith":    "%s cannot be used in a FREQ=%s rule",
	"err.rrule.nth":        "The position in BYDAY %s (which week) is only for monthly rules and yearly rules without BYWEEKNO",
	"err.rrule.setpos":     "Use BYSETPOS together with another BY part (BYDAY and so on)",
	"err.rrule.until":      "UNTIL=%s is not a date or time (for example 20270331T145959Z)",
	"err.event.split":      "The repeat of \"%s\" cannot be split in hiroba (%s)",

	// iCalendar import (data/ics_import.go); the line comes first
	"err.ics.cancelled":            "Line %d: \"%s\" is cancelled, so it is not imported",
	"err.ics.community":            "Line %d: \"%s\" is a new event. Say which community to import it into",
	"err.ics.nocommunity":          "There are %d new events. Say which community to import them into. Your communities: %s",
	"err.ics.nocommunity.one":      "There is %d new event. Say which community to import it into. Your communities: %s",
	"err.ics.nocommunity.none":     "There are %d new events. Say which community to import them into. You are not a member of any community yet",
	"err.ics.nocommunity.none.one": "There is %d new event. Say which community to import it into. You are not a member of any community yet",
	"err.ics.hidden":               "Line %d: the event with UID %s is already in a community you cannot see",
	"err.ics.forbidden":            "Line %d: \"%s\" is an event of \"%s\". Only its creator and the community's organisers may change it",
	"err.ics.cancelledhere":        "Line %d: \"%s\" was cancelled in hiroba, so it was not changed",
	"err.ics.elsewhere":            "Line %d: \"%s\" is in the community \"%s\". Add --move to move it to \"%s\"",
}
