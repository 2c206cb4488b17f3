package kit

// The calendar's interoperability (issue 15): recurrence rules from other
// programs, iCalendar import and export. Its strings live in
// catalog_calendar_ja.go and catalog_calendar_en.go, merged into the two
// catalogues as catalog_people.go merges its own.
func init() {
	merge(catalogJA, catalogCalendarJA)
	merge(catalogEN, catalogCalendarEN)
}
