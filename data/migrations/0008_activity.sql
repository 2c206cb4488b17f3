-- The 20% rule: supervisors (所属長), the length of a working day per
-- municipality, activity plans (活動計画) and their history.

-- A staff member marked as supervisor of a scope: a department as
-- model.NormalizeDepartment writes it, a level above it, or '*' for the
-- whole municipality (model/activity_scope.go). The mark holds only while
-- the person still works in that municipality and inside that scope;
-- after a transfer it lapses until an administrator marks them again.
CREATE TABLE supervisors (
	staff_id        TEXT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
	municipality_id TEXT NOT NULL REFERENCES municipalities(id),
	scope           TEXT NOT NULL,
	created_by      TEXT REFERENCES staff(id), -- NULL: the operator
	created_at      TEXT NOT NULL
);
CREATE INDEX supervisors_by_scope ON supervisors(municipality_id, scope);

-- A municipality's working day, when it is not model.DefaultDailyMinutes.
CREATE TABLE work_hours (
	municipality_id TEXT PRIMARY KEY REFERENCES municipalities(id),
	daily_minutes   INTEGER NOT NULL CHECK (daily_minutes BETWEEN 60 AND 720),
	updated_at      TEXT NOT NULL
);

CREATE TABLE plans (
	id               TEXT PRIMARY KEY,
	staff_id         TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	-- Where the plan counts: the author's place when it was last
	-- submitted or approved.
	municipality_id  TEXT NOT NULL REFERENCES municipalities(id),
	department       TEXT NOT NULL,
	state            TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned', 'withdrawn', 'done')),
	target_kind      TEXT NOT NULL CHECK (target_kind IN ('community', 'event', 'call', 'idea', 'handover', 'free')),
	target_id        TEXT NOT NULL DEFAULT '',
	occurrence_start TEXT, -- an event occurrence's original start
	title            TEXT NOT NULL,
	category         TEXT NOT NULL,
	purpose          TEXT NOT NULL,
	start_date       TEXT NOT NULL, -- YYYY-MM-DD, Japan's civil date
	end_date         TEXT NOT NULL CHECK (end_date >= start_date),
	minutes          INTEGER NOT NULL CHECK (minutes > 0),
	actual_minutes   INTEGER CHECK (actual_minutes IS NULL OR actual_minutes > 0),
	application      TEXT NOT NULL DEFAULT '', -- to a call's poster, sent on approval
	over_cap         INTEGER NOT NULL DEFAULT 0,
	over_cap_reason  TEXT NOT NULL DEFAULT '',
	decided_by       TEXT REFERENCES staff(id),
	decided_at       TEXT,
	comment          TEXT NOT NULL DEFAULT '',
	submitted_at     TEXT,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL
);
-- A person's plans by date: the ledger and every usage figure.
CREATE INDEX plans_by_staff ON plans(staff_id, start_date);
-- What waits for a decision, oldest first.
CREATE INDEX plans_waiting ON plans(submitted_at, id) WHERE state = 'submitted';
-- Reports by period.
CREATE INDEX plans_by_date ON plans(start_date, municipality_id);
-- Plans for one call, event, idea or note.
CREATE INDEX plans_by_target ON plans(target_id, staff_id) WHERE target_id <> '';

-- Every step of a plan; the inbox reads the decisions from here.
CREATE TABLE plan_events (
	id         TEXT PRIMARY KEY,
	plan_id    TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	actor_id   TEXT REFERENCES staff(id), -- NULL: the operator
	kind       TEXT NOT NULL CHECK (kind IN ('create', 'edit', 'submit', 'withdraw', 'approve', 'return', 'revoke', 'record')),
	comment    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE INDEX plan_events_by_plan ON plan_events(plan_id, created_at);
