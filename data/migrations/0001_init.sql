-- hiroba schema, version 1: the whole product's tables.
-- Ids are ULIDs (model.NewID). Times are UTC text, 'YYYY-MM-DDTHH:MM:SS.sssZ',
-- so they sort as text; dates are 'YYYY-MM-DD'.

CREATE TABLE municipalities (
	id   TEXT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE staff (
	id              TEXT PRIMARY KEY,
	name            TEXT NOT NULL,
	municipality_id TEXT NOT NULL REFERENCES municipalities(id),
	department      TEXT NOT NULL DEFAULT '',
	role            TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
	status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'revoked')),
	created_at      TEXT NOT NULL
);
CREATE INDEX staff_by_name ON staff(name);
CREATE INDEX staff_by_municipality ON staff(municipality_id, name);

-- SSH public keys that identify staff on a server (hiroba serve).
CREATE TABLE staff_keys (
	fingerprint TEXT PRIMARY KEY,
	staff_id    TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	public_key  TEXT NOT NULL,
	created_at  TEXT NOT NULL
);

CREATE TABLE communities (
	id               TEXT PRIMARY KEY,
	name             TEXT NOT NULL,
	category         TEXT NOT NULL CHECK (category IN ('learning', 'experience', 'consultation', 'worklife', 'local', 'support')),
	municipality_id  TEXT REFERENCES municipalities(id), -- NULL: the whole area
	visibility       TEXT NOT NULL DEFAULT 'open' CHECK (visibility IN ('open', 'members')),
	summary          TEXT NOT NULL DEFAULT '',
	description      TEXT NOT NULL DEFAULT '',
	created_by       TEXT NOT NULL REFERENCES staff(id),
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	last_activity_at TEXT NOT NULL,
	member_count     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX communities_by_activity ON communities(last_activity_at DESC, id DESC);
CREATE INDEX communities_by_category ON communities(category, last_activity_at DESC);

CREATE TABLE memberships (
	community_id TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	staff_id     TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	role         TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'organiser')),
	joined_at    TEXT NOT NULL,
	PRIMARY KEY (community_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_staff ON memberships(staff_id, community_id);

CREATE TABLE threads (
	id                TEXT PRIMARY KEY,
	community_id      TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	kind              TEXT NOT NULL CHECK (kind IN ('question', 'call', 'idea', 'experience', 'notice')),
	title             TEXT NOT NULL,
	body              TEXT NOT NULL,
	tags              TEXT NOT NULL DEFAULT '', -- space separated
	-- The author is kept even for anonymous threads, so that the author can
	-- edit; every read path hides it from everyone else.
	author_id         TEXT NOT NULL REFERENCES staff(id),
	anonymous         INTEGER NOT NULL DEFAULT 0,
	resolved_reply_id TEXT,
	reply_count       INTEGER NOT NULL DEFAULT 0,
	helpful_count     INTEGER NOT NULL DEFAULT 0,
	pinned            INTEGER NOT NULL DEFAULT 0,
	hidden            INTEGER NOT NULL DEFAULT 0, -- hidden by a moderator
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL,
	last_activity_at  TEXT NOT NULL,
	deleted_at        TEXT,
	-- calls for help (募集)
	support_type      TEXT CHECK (support_type IS NULL OR support_type IN ('planning', 'operations', 'busy')),
	slots             INTEGER,
	deadline          TEXT,
	place             TEXT
);
CREATE INDEX threads_by_activity ON threads(last_activity_at DESC, id DESC);
CREATE INDEX threads_by_community ON threads(community_id, last_activity_at DESC);
CREATE INDEX threads_by_author ON threads(author_id);

CREATE TABLE replies (
	id             TEXT PRIMARY KEY,
	thread_id      TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
	author_id      TEXT NOT NULL REFERENCES staff(id),
	anonymous      INTEGER NOT NULL DEFAULT 0,
	body           TEXT NOT NULL,
	quote_reply_id TEXT,
	helpful_count  INTEGER NOT NULL DEFAULT 0,
	hidden         INTEGER NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	deleted_at     TEXT
);
CREATE INDEX replies_by_thread ON replies(thread_id, created_at, id);
CREATE INDEX replies_by_author ON replies(author_id);

-- 参考になった marks on a thread or a reply.
CREATE TABLE helpful_marks (
	post_id    TEXT NOT NULL,
	staff_id   TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	PRIMARY KEY (post_id, staff_id)
) WITHOUT ROWID;

-- Applications to a call for help; the applicant confirms 所属長了承済み.
CREATE TABLE call_applications (
	thread_id          TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
	staff_id           TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	supervisor_agreed  INTEGER NOT NULL CHECK (supervisor_agreed = 1),
	comment            TEXT NOT NULL DEFAULT '',
	created_at         TEXT NOT NULL,
	PRIMARY KEY (thread_id, staff_id)
) WITHOUT ROWID;

-- 一緒にやりたい: the team list of an idea.
CREATE TABLE idea_team (
	thread_id  TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
	staff_id   TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	PRIMARY KEY (thread_id, staff_id)
) WITHOUT ROWID;

CREATE TABLE follows (
	staff_id   TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	thread_id  TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	PRIMARY KEY (staff_id, thread_id)
) WITHOUT ROWID;

-- What each person has read, per thread (or handover note): everything up
-- to read_at.
CREATE TABLE read_marks (
	staff_id  TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	target_id TEXT NOT NULL,
	read_at   TEXT NOT NULL,
	PRIMARY KEY (staff_id, target_id)
) WITHOUT ROWID;

CREATE TABLE handovers (
	id               TEXT PRIMARY KEY,
	municipality_id  TEXT NOT NULL REFERENCES municipalities(id),
	department       TEXT NOT NULL,
	duty             TEXT NOT NULL,
	predecessor_id   TEXT NOT NULL REFERENCES staff(id),
	successor_id     TEXT REFERENCES staff(id), -- NULL: 未定
	effective_date   TEXT NOT NULL,
	status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'handed_over', 'acknowledged')),
	visibility       TEXT NOT NULL DEFAULT 'department' CHECK (visibility IN ('department', 'municipality', 'area')),
	handed_over_at   TEXT,
	acknowledged_at  TEXT,
	ack_comment      TEXT NOT NULL DEFAULT '',
	questions_until  TEXT,
	revision         INTEGER NOT NULL DEFAULT 0,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL
);
CREATE INDEX handovers_by_place ON handovers(municipality_id, department, duty);
CREATE INDEX handovers_by_updated ON handovers(updated_at DESC, id DESC);
CREATE INDEX handovers_by_predecessor ON handovers(predecessor_id);
CREATE INDEX handovers_by_successor ON handovers(successor_id);

CREATE TABLE handover_sections (
	id          TEXT PRIMARY KEY,
	handover_id TEXT NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	title       TEXT NOT NULL,
	body        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX handover_sections_by_note ON handover_sections(handover_id, position);

-- Every save keeps the whole note as it was: sections as JSON.
CREATE TABLE handover_revisions (
	handover_id TEXT NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
	number      INTEGER NOT NULL,
	author_id   TEXT NOT NULL REFERENCES staff(id),
	created_at  TEXT NOT NULL,
	sections    TEXT NOT NULL,
	PRIMARY KEY (handover_id, number)
) WITHOUT ROWID;

CREATE TABLE handover_questions (
	id          TEXT PRIMARY KEY,
	handover_id TEXT NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
	author_id   TEXT NOT NULL REFERENCES staff(id),
	body        TEXT NOT NULL,
	answer      TEXT NOT NULL DEFAULT '',
	answered_by TEXT REFERENCES staff(id),
	created_at  TEXT NOT NULL,
	answered_at TEXT
);
CREATE INDEX handover_questions_by_note ON handover_questions(handover_id, created_at);

CREATE TABLE events (
	id             TEXT PRIMARY KEY,
	uid            TEXT NOT NULL UNIQUE, -- iCalendar UID, stable across export and import
	community_id   TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
	title          TEXT NOT NULL,
	description    TEXT NOT NULL DEFAULT '',
	starts_at      TEXT NOT NULL,
	ends_at        TEXT NOT NULL,
	all_day        INTEGER NOT NULL DEFAULT 0,
	timezone       TEXT NOT NULL DEFAULT 'Asia/Tokyo',
	place          TEXT NOT NULL DEFAULT '',
	online_url     TEXT NOT NULL DEFAULT '',
	capacity       INTEGER NOT NULL DEFAULT 0, -- 0: no limit
	organiser_id   TEXT NOT NULL REFERENCES staff(id),
	twenty_percent INTEGER NOT NULL DEFAULT 0,
	rrule          TEXT NOT NULL DEFAULT '', -- RFC 5545 RRULE value, '' for one-off
	-- the last moment any occurrence can start; NULL for a series without end
	series_ends_at TEXT,
	cancelled_at   TEXT,
	created_by     TEXT NOT NULL REFERENCES staff(id),
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX events_by_start ON events(starts_at);
CREATE INDEX events_by_community ON events(community_id, starts_at);
CREATE INDEX events_recurring ON events(series_ends_at) WHERE rrule <> '';

-- One occurrence cancelled or moved, identified by its original start.
CREATE TABLE event_exceptions (
	event_id         TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	occurrence_start TEXT NOT NULL,
	cancelled        INTEGER NOT NULL DEFAULT 0,
	new_start        TEXT,
	new_end          TEXT,
	PRIMARY KEY (event_id, occurrence_start)
) WITHOUT ROWID;

-- RSVPs are per occurrence, not per series.
CREATE TABLE rsvps (
	event_id         TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	occurrence_start TEXT NOT NULL,
	staff_id         TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	response         TEXT NOT NULL CHECK (response IN ('yes', 'maybe', 'no')),
	waitlisted       INTEGER NOT NULL DEFAULT 0,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	PRIMARY KEY (event_id, occurrence_start, staff_id)
) WITHOUT ROWID;
CREATE INDEX rsvps_by_staff ON rsvps(staff_id, occurrence_start);

-- Text being written, saved as it is typed so that nothing is lost.
CREATE TABLE drafts (
	staff_id   TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	context    TEXT NOT NULL, -- what is being written, e.g. 'reply:<thread id>'
	title      TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL DEFAULT '',
	meta       TEXT NOT NULL DEFAULT '{}',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (staff_id, context)
) WITHOUT ROWID;

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The municipalities of こおりやま広域圏, so that a new database can be
-- signed up to at once.
INSERT INTO municipalities (id, name, sort) VALUES
	('01KOORIYAMA0000000000MUN01', '郡山市', 1),
	('01KOORIYAMA0000000000MUN02', '須賀川市', 2),
	('01KOORIYAMA0000000000MUN03', '二本松市', 3),
	('01KOORIYAMA0000000000MUN04', '田村市', 4),
	('01KOORIYAMA0000000000MUN05', '本宮市', 5),
	('01KOORIYAMA0000000000MUN06', '大玉村', 6),
	('01KOORIYAMA0000000000MUN07', '鏡石町', 7),
	('01KOORIYAMA0000000000MUN08', '天栄村', 8),
	('01KOORIYAMA0000000000MUN09', '猪苗代町', 9),
	('01KOORIYAMA0000000000MUN10', '磐梯町', 10),
	('01KOORIYAMA0000000000MUN11', '石川町', 11),
	('01KOORIYAMA0000000000MUN12', '玉川村', 12),
	('01KOORIYAMA0000000000MUN13', '平田村', 13),
	('01KOORIYAMA0000000000MUN14', '浅川町', 14),
	('01KOORIYAMA0000000000MUN15', '古殿町', 15),
	('01KOORIYAMA0000000000MUN16', '三春町', 16),
	('01KOORIYAMA0000000000MUN17', '小野町', 17);
