-- One occurrence of a series may say something of its own: an imported
-- RECURRENCE-ID with its own SUMMARY, LOCATION or DESCRIPTION (a meeting
-- moved to another room, one session with a guest speaker). NULL says
-- what the series says. The calendar, the JSON and the export show them.
ALTER TABLE event_exceptions ADD COLUMN title TEXT;
ALTER TABLE event_exceptions ADD COLUMN place TEXT;
ALTER TABLE event_exceptions ADD COLUMN description TEXT;
