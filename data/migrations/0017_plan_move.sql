-- A plan follows its event occurrence when the occurrence moves (one date
-- moved, a one-off event moved, a series' times changed): its days become
-- the occurrence's new days, with a step of its own ('move') that its
-- author finds in their inbox; one waiting or approved waits for the
-- supervisor's decision again, since the approval was for other days.
-- SQLite cannot change a CHECK, so plan_events is written anew, as
-- migration 15 did: its rows with their rowids, its index and triggers.
ALTER TABLE plan_events RENAME TO plan_events_old;
CREATE TABLE plan_events (
	id         TEXT PRIMARY KEY,
	plan_id    TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	actor_id   TEXT REFERENCES staff(id), -- NULL: the operator
	kind       TEXT NOT NULL CHECK (kind IN ('create', 'edit', 'submit', 'withdraw', 'approve', 'return', 'revoke', 'record', 'cancel', 'move')),
	comment    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
INSERT INTO plan_events (rowid, id, plan_id, actor_id, kind, comment, created_at)
	SELECT rowid, id, plan_id, actor_id, kind, comment, created_at FROM plan_events_old;
DROP TABLE plan_events_old;
CREATE INDEX plan_events_by_plan ON plan_events(plan_id, created_at);
CREATE INDEX plan_events_cancelled ON plan_events(created_at) WHERE kind = 'cancel';
CREATE TRIGGER plan_events_public_insert AFTER INSERT ON plan_events BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'public'; END;
CREATE TRIGGER plan_events_public_update AFTER UPDATE ON plan_events BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'public'; END;
CREATE TRIGGER plan_events_public_delete AFTER DELETE ON plan_events BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'public'; END;
