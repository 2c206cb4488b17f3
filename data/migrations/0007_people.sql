-- 人: profiles (異動歴, 聞いてOK), people search, and fellow or mentor
-- programmes with each pair's private space.

-- What a person adds to name, municipality and department. A staff member
-- without a row has an empty, visible profile.
CREATE TABLE staff_profiles (
	staff_id    TEXT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
	joined_year INTEGER NOT NULL DEFAULT 0, -- 入庁年度, 0: not said
	hidden      INTEGER NOT NULL DEFAULT 0, -- 1: not found by people search
	updated_at  TEXT NOT NULL
) WITHOUT ROWID;

-- 異動歴: fiscal years, both included; the store refuses overlaps.
CREATE TABLE staff_history (
	staff_id     TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	municipality TEXT NOT NULL DEFAULT '', -- '' own; else where seconded
	department   TEXT NOT NULL,
	from_year    INTEGER NOT NULL,
	to_year      INTEGER NOT NULL CHECK (to_year >= from_year),
	PRIMARY KEY (staff_id, position)
) WITHOUT ROWID;

-- 聞いてOK.
CREATE TABLE staff_topics (
	staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	kind     TEXT NOT NULL CHECK (kind IN ('work', 'system', 'experience')),
	label    TEXT NOT NULL,
	note     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (staff_id, position)
) WITHOUT ROWID;

-- People search reads this one table: per person, each searchable field's
-- text, one line per value (folded when searched: model.FoldText), kept
-- by the store and by triggers on staff whenever a profile, a name or a
-- department changes. At 8,000 staff it is about 2 MB, which a
-- search reads in milliseconds; it is apart from the search index of
-- threads and notes on purpose.
CREATE TABLE people_text (
	staff_id        TEXT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
	municipality_id TEXT NOT NULL,
	name            TEXT NOT NULL,
	department      TEXT NOT NULL,
	history         TEXT NOT NULL DEFAULT '',
	work            TEXT NOT NULL DEFAULT '',
	system          TEXT NOT NULL DEFAULT '',
	experience      TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- A staff member's name and department are people_text's too. Whether a
-- person may be found (active, not hidden) is read from staff and
-- staff_profiles at each search, so that it cannot drift.
CREATE TRIGGER people_text_staff_insert AFTER INSERT ON staff BEGIN
	INSERT OR REPLACE INTO people_text (staff_id, municipality_id, name, department)
	VALUES (new.id, new.municipality_id, new.name, new.department);
END;
CREATE TRIGGER people_text_staff_update AFTER UPDATE OF name, department, municipality_id ON staff BEGIN
	UPDATE people_text SET municipality_id = new.municipality_id, name = new.name, department = new.department
	WHERE staff_id = new.id;
END;

INSERT INTO people_text (staff_id, municipality_id, name, department)
SELECT id, municipality_id, name, department FROM staff;

-- フェロー・メンター制度.
CREATE TABLE fellow_programmes (
	id           TEXT PRIMARY KEY,
	kind         TEXT NOT NULL CHECK (kind IN ('fellow', 'mentor')),
	title        TEXT NOT NULL,
	fiscal_year  INTEGER NOT NULL,
	cap          INTEGER NOT NULL CHECK (cap >= 1),
	status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	community_id TEXT NOT NULL REFERENCES communities(id),
	created_by   TEXT NOT NULL REFERENCES staff(id),
	created_at   TEXT NOT NULL,
	closed_at    TEXT
);

CREATE TABLE programme_juniors (
	programme_id TEXT NOT NULL REFERENCES fellow_programmes(id) ON DELETE CASCADE,
	staff_id     TEXT NOT NULL REFERENCES staff(id),
	added_at     TEXT NOT NULL,
	PRIMARY KEY (programme_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX programme_juniors_by_staff ON programme_juniors(staff_id);

CREATE TABLE programme_fellows (
	programme_id TEXT NOT NULL REFERENCES fellow_programmes(id) ON DELETE CASCADE,
	staff_id     TEXT NOT NULL REFERENCES staff(id),
	answer       TEXT NOT NULL DEFAULT 'invited' CHECK (answer IN ('invited', 'accepted', 'declined')),
	invited_at   TEXT NOT NULL,
	answered_at  TEXT,
	PRIMARY KEY (programme_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX programme_fellows_by_staff ON programme_fellows(staff_id);

CREATE TABLE fellow_pairs (
	id           TEXT PRIMARY KEY,
	programme_id TEXT NOT NULL REFERENCES fellow_programmes(id) ON DELETE CASCADE,
	junior_id    TEXT NOT NULL REFERENCES staff(id),
	fellow_id    TEXT NOT NULL REFERENCES staff(id),
	status       TEXT NOT NULL CHECK (status IN ('proposed', 'fixed', 'confirmed', 'ended')),
	created_at   TEXT NOT NULL,
	confirmed_at TEXT,
	ended_at     TEXT,
	ended_by     TEXT CHECK (ended_by IS NULL OR ended_by IN ('junior', 'fellow', 'admin', 'programme')),
	end_reason   TEXT NOT NULL DEFAULT '',
	CHECK (junior_id <> fellow_id)
);
-- A junior has one pair at a time in a programme.
CREATE UNIQUE INDEX fellow_pairs_one_per_junior ON fellow_pairs(programme_id, junior_id) WHERE status <> 'ended';
CREATE INDEX fellow_pairs_by_junior ON fellow_pairs(junior_id);
CREATE INDEX fellow_pairs_by_fellow ON fellow_pairs(fellow_id);

-- A pair's private space. No other table refers to these, so that no read
-- path of threads, search, inbox, calendar or export can reach them: the
-- store's pair methods are the only door, and they open for the two alone.
CREATE TABLE pair_messages (
	id         TEXT PRIMARY KEY,
	pair_id    TEXT NOT NULL REFERENCES fellow_pairs(id) ON DELETE CASCADE,
	author_id  TEXT NOT NULL REFERENCES staff(id),
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX pair_messages_by_pair ON pair_messages(pair_id, created_at, id);

CREATE TABLE pair_reads (
	pair_id  TEXT NOT NULL REFERENCES fellow_pairs(id) ON DELETE CASCADE,
	staff_id TEXT NOT NULL REFERENCES staff(id),
	read_at  TEXT NOT NULL,
	PRIMARY KEY (pair_id, staff_id)
) WITHOUT ROWID;

CREATE TABLE pair_meetings (
	id             TEXT PRIMARY KEY,
	pair_id        TEXT NOT NULL REFERENCES fellow_pairs(id) ON DELETE CASCADE,
	starts_at      TEXT NOT NULL,
	ends_at        TEXT NOT NULL,
	place          TEXT NOT NULL DEFAULT '',
	note           TEXT NOT NULL DEFAULT '',
	twenty_percent INTEGER NOT NULL DEFAULT 1,
	cancelled_at   TEXT,
	created_by     TEXT NOT NULL REFERENCES staff(id),
	created_at     TEXT NOT NULL
);
CREATE INDEX pair_meetings_by_pair ON pair_meetings(pair_id, starts_at);

-- Twice a year each side answers; the comment is for administrators.
CREATE TABLE pair_feedback (
	pair_id    TEXT NOT NULL REFERENCES fellow_pairs(id) ON DELETE CASCADE,
	side       TEXT NOT NULL CHECK (side IN ('junior', 'fellow')),
	period     TEXT NOT NULL, -- model.FeedbackPeriod, e.g. 2025-1
	ease       INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 5),
	useful     INTEGER NOT NULL CHECK (useful BETWEEN 1 AND 5),
	continue   INTEGER NOT NULL CHECK (continue BETWEEN 1 AND 5),
	comment    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	PRIMARY KEY (pair_id, side, period)
) WITHOUT ROWID;
