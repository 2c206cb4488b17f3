-- A day's list shows the dates cancelled one by one (CancelledOccurrences):
-- cancelled one-off events, and cancelled dates of a series. The calendar's
-- other indexes hold only what is not cancelled; these small ones find the
-- cancelled in a window without reading every event row of it.
CREATE INDEX events_cancelled_oneoff ON events(starts_at) WHERE rrule = '' AND cancelled_at IS NOT NULL;
CREATE INDEX event_exceptions_cancelled ON event_exceptions(occurrence_start) WHERE cancelled = 1;
