-- The calendar reads a month of events for its grid. The events table is
-- too large to stay in SQLite's page cache (descriptions: 34 MB at the
-- benchmark scale of 50,000 events), and looking up each event's row cost
-- about 2 microseconds, most of the 5 ms a month view may take. These
-- partial indexes hold what finding and expanding a month needs, so that
-- the grid is counted from them alone. rrule and cancelled_at are repeated
-- as columns because SQLite uses a partial index as covering only when
-- every column the query names is in it.

-- One-off events: their times and community, for the grid's counts and to
-- find the rows the agenda reads.
CREATE INDEX events_oneoff ON events(starts_at, ends_at, community_id, rrule, cancelled_at)
	WHERE rrule = '' AND cancelled_at IS NULL;

-- Recurring events: everything that expanding them needs.
CREATE INDEX events_series ON events(starts_at, series_ends_at, ends_at, community_id, rrule, timezone, updated_at, id, cancelled_at)
	WHERE rrule <> '' AND cancelled_at IS NULL;

-- Exceptions near a window: by original start (cancelled or moved away)
-- and by new start (moved into it).
CREATE INDEX event_exceptions_by_start ON event_exceptions(occurrence_start);
CREATE INDEX event_exceptions_by_new_start ON event_exceptions(new_start) WHERE new_start IS NOT NULL;

-- The members-only communities, which every calendar query leaves out
-- unless the viewer belongs to them.
CREATE INDEX communities_members_only ON communities(id, visibility) WHERE visibility = 'members';
