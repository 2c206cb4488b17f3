-- The calendar keeps what finding a window's occurrences needs of every
-- event in memory (data/calendar_index.go), and must know when that copy
-- is stale, whichever process or program wrote. Triggers bump a counter on
-- every change to events or their exceptions ('events'), and to who can
-- see or organise a community ('access'); reading the counters costs one
-- lookup, where the fingerprint they replace summed 2,500 rows.
CREATE TABLE change_counters (
	name TEXT PRIMARY KEY,
	n    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO change_counters (name, n) VALUES ('events', 0), ('access', 0);

CREATE TRIGGER events_count_insert AFTER INSERT ON events BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'events';
END;
CREATE TRIGGER events_count_update AFTER UPDATE ON events BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'events';
END;
CREATE TRIGGER events_count_delete AFTER DELETE ON events BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'events';
END;
CREATE TRIGGER event_exceptions_count_insert AFTER INSERT ON event_exceptions BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'events';
END;
CREATE TRIGGER event_exceptions_count_update AFTER UPDATE ON event_exceptions BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'events';
END;
CREATE TRIGGER event_exceptions_count_delete AFTER DELETE ON event_exceptions BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'events';
END;

CREATE TRIGGER communities_count_insert AFTER INSERT ON communities BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'access';
END;
CREATE TRIGGER communities_count_update AFTER UPDATE OF visibility ON communities BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'access';
END;
CREATE TRIGGER communities_count_delete AFTER DELETE ON communities BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'access';
END;
CREATE TRIGGER memberships_count_insert AFTER INSERT ON memberships BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'access';
END;
CREATE TRIGGER memberships_count_update AFTER UPDATE ON memberships BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'access';
END;
CREATE TRIGGER memberships_count_delete AFTER DELETE ON memberships BEGIN
	UPDATE change_counters SET n = n + 1 WHERE name = 'access';
END;

-- Loading the one-off events reads this index alone.
CREATE INDEX events_oneoff_ids ON events(starts_at, ends_at, community_id, id)
	WHERE rrule = '' AND cancelled_at IS NULL;
DROP INDEX events_oneoff;

-- The agenda's answer counts for a day or a week, read as one range.
CREATE INDEX rsvps_by_occurrence ON rsvps(occurrence_start, event_id, staff_id, response, waitlisted);
