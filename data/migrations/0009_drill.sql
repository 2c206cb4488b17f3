-- Disaster drills (issue 18): a copy of the database taken to a laptop,
-- worked offline, merged back (data/snapshot.go, data/merge*.go).

-- Every database gets a stable random identity, so that a drill copy knows
-- where it came from and is refused anywhere else. A copy keeps its
-- source's identity.
INSERT OR IGNORE INTO settings (key, value) VALUES ('database_id', lower(hex(randomblob(16))));

-- A drill copy has one row here; every other database has none. tracking
-- is 0 only while a migration runs, so that what a migration rewrites is
-- not taken for the laptop's work.
CREATE TABLE drill_copy (
	snapshot_id     TEXT PRIMARY KEY,
	source_id       TEXT NOT NULL,
	schema_version  INTEGER NOT NULL,
	taken_at        TEXT NOT NULL,
	municipality_id TEXT NOT NULL DEFAULT '', -- '' for the whole area
	tracking        INTEGER NOT NULL DEFAULT 1
);

-- The base a copy was taken from, kept copy-on-write: triggers record each
-- row as it was before the copy first changed it (row as a JSON object),
-- or NULL for a row the copy added. A row not listed here is as it was.
-- row_key is json_array() of the row's primary key.
CREATE TABLE drill_base_rows (
	tbl     TEXT NOT NULL,
	row_key TEXT NOT NULL,
	row     TEXT,
	PRIMARY KEY (tbl, row_key)
) WITHOUT ROWID;

-- One row per merge that changed something (not per dry run): the report
-- as JSON (model.MergeReport), for administrators.
CREATE TABLE merge_reports (
	id          TEXT PRIMARY KEY,
	snapshot_id TEXT NOT NULL,
	merged_at   TEXT NOT NULL,
	merged_by   TEXT NOT NULL DEFAULT '',
	report      TEXT NOT NULL
);
CREATE INDEX merge_reports_by_time ON merge_reports(merged_at DESC);

-- What each copy's rows came to, by column group (grp, '*' for the row):
-- the hash of the copy's version and the outcome. Merging the same copy
-- again skips what is recorded with the same hash; a later merge knows
-- which values in the shared file came from another copy.
CREATE TABLE merge_ledger (
	snapshot_id TEXT NOT NULL,
	tbl         TEXT NOT NULL,
	row_key     TEXT NOT NULL,
	grp         TEXT NOT NULL,
	hash        TEXT NOT NULL,
	stamp       TEXT NOT NULL DEFAULT '',
	outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'same', 'conflict', 'set_aside', 'reported', 'lost')),
	PRIMARY KEY (snapshot_id, tbl, row_key, grp)
) WITHOUT ROWID;
CREATE INDEX merge_ledger_by_row ON merge_ledger(tbl, row_key, grp, hash);

-- A laptop's version that did not become the shared one, never dropped:
-- an edit note on a post also edited on the shared side ('edit_note'), or
-- a row that could not be applied or lost a conflict ('set_aside'), with
-- the reason's catalogue key. author_id has no foreign key: it may be a
-- person only the laptop knew. Ids are derived from the copy and the row,
-- so that the same version is kept once however often it is merged.
CREATE TABLE merge_kept (
	id          TEXT PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('edit_note', 'set_aside')),
	merge_id    TEXT NOT NULL,
	snapshot_id TEXT NOT NULL,
	tbl         TEXT NOT NULL,
	row_key     TEXT NOT NULL,
	grp         TEXT NOT NULL,
	reason      TEXT NOT NULL,
	author_id   TEXT NOT NULL DEFAULT '',
	target_id   TEXT NOT NULL DEFAULT '',
	content     TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX merge_kept_by_author ON merge_kept(author_id, created_at);
CREATE INDEX merge_kept_by_target ON merge_kept(target_id);
