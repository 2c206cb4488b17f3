-- A plan whose event occurrence is cancelled is withdrawn with a step of
-- its own ('cancel'), which its author and the supervisor who approved it
-- find in their inbox. SQLite cannot change a CHECK, so plan_events is
-- written anew: its rows (with their rowids, the order of steps taken at
-- one instant), its index and its triggers as they were. The old table
-- takes its triggers and index with it when it goes.
ALTER TABLE plan_events RENAME TO plan_events_old;
CREATE TABLE plan_events (
	id         TEXT PRIMARY KEY,
	plan_id    TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	actor_id   TEXT REFERENCES staff(id), -- NULL: the operator
	kind       TEXT NOT NULL CHECK (kind IN ('create', 'edit', 'submit', 'withdraw', 'approve', 'return', 'revoke', 'record', 'cancel')),
	comment    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
INSERT INTO plan_events (rowid, id, plan_id, actor_id, kind, comment, created_at)
	SELECT rowid, id, plan_id, actor_id, kind, comment, created_at FROM plan_events_old;
DROP TABLE plan_events_old;
CREATE INDEX plan_events_by_plan ON plan_events(plan_id, created_at);
-- The supervisors' inbox finds the cancellations of plans they approved
-- here: they are few.
CREATE INDEX plan_events_cancelled ON plan_events(created_at) WHERE kind = 'cancel';
CREATE TRIGGER plan_events_public_insert AFTER INSERT ON plan_events BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'public'; END;
CREATE TRIGGER plan_events_public_update AFTER UPDATE ON plan_events BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'public'; END;
CREATE TRIGGER plan_events_public_delete AFTER DELETE ON plan_events BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'public'; END;
