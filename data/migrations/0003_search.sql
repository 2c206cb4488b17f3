-- Full-text search. SQLite cannot split Japanese into words, so hiroba
-- tokenizes in Go (model.SearchTokens: bigrams of kanji and kana, lowercase
-- Latin words) and stores the space-separated tokens in an FTS4 table; FTS4
-- is built into go-sqlite3 without build tags.

-- What each row of search_fts is. docid grows as things are indexed, so
-- that a higher docid is roughly newer. community_id lets a search drop
-- members-only communities early; every result is checked again against
-- its own table before it is shown.
CREATE TABLE search_docs (
	docid        INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL CHECK (kind IN ('thread', 'reply', 'handover', 'section', 'event', 'community')),
	ref_id       TEXT NOT NULL,
	community_id TEXT NOT NULL DEFAULT '',
	UNIQUE (kind, ref_id)
);

CREATE VIRTUAL TABLE search_fts USING fts4(title, body, tokenize=simple, order=DESC);

-- Rows changed since they were last indexed. Triggers fill it; every write
-- transaction empties it before it commits (data/search.go), so no writer
-- has to remember the index.
CREATE TABLE search_pending (
	seq    INTEGER PRIMARY KEY,
	kind   TEXT NOT NULL,
	ref_id TEXT NOT NULL,
	UNIQUE (kind, ref_id)
);

CREATE TRIGGER search_thread_insert AFTER INSERT ON threads BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('thread', new.id);
END;
CREATE TRIGGER search_thread_update AFTER UPDATE OF title, body, tags, hidden, deleted_at, community_id ON threads BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('thread', new.id);
END;
CREATE TRIGGER search_thread_delete AFTER DELETE ON threads BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('thread', old.id);
END;

CREATE TRIGGER search_reply_insert AFTER INSERT ON replies BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('reply', new.id);
END;
CREATE TRIGGER search_reply_update AFTER UPDATE OF body, hidden, deleted_at, thread_id ON replies BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('reply', new.id);
END;
CREATE TRIGGER search_reply_delete AFTER DELETE ON replies BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('reply', old.id);
END;

CREATE TRIGGER search_handover_insert AFTER INSERT ON handovers BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('handover', new.id);
END;
CREATE TRIGGER search_handover_update AFTER UPDATE OF duty, department, municipality_id ON handovers BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('handover', new.id);
END;
CREATE TRIGGER search_handover_delete AFTER DELETE ON handovers BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('handover', old.id);
END;

CREATE TRIGGER search_section_insert AFTER INSERT ON handover_sections BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('section', new.id);
END;
CREATE TRIGGER search_section_update AFTER UPDATE OF title, body, handover_id ON handover_sections BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('section', new.id);
END;
CREATE TRIGGER search_section_delete AFTER DELETE ON handover_sections BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('section', old.id);
END;

CREATE TRIGGER search_event_insert AFTER INSERT ON events BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('event', new.id);
END;
CREATE TRIGGER search_event_update AFTER UPDATE OF title, description, place, cancelled_at, community_id ON events BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('event', new.id);
END;
CREATE TRIGGER search_event_delete AFTER DELETE ON events BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('event', old.id);
END;

CREATE TRIGGER search_community_insert AFTER INSERT ON communities BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('community', new.id);
END;
CREATE TRIGGER search_community_update AFTER UPDATE OF name, summary, description ON communities BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('community', new.id);
END;
CREATE TRIGGER search_community_delete AFTER DELETE ON communities BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id) VALUES ('community', old.id);
END;

-- Everything already written, oldest first, so that docids follow time.
INSERT OR IGNORE INTO search_pending (kind, ref_id)
SELECT kind, id FROM (
	SELECT 'community' AS kind, id, created_at FROM communities
	UNION ALL SELECT 'thread', id, created_at FROM threads WHERE hidden = 0 AND deleted_at IS NULL
	UNION ALL SELECT 'reply', id, created_at FROM replies WHERE hidden = 0 AND deleted_at IS NULL
	UNION ALL SELECT 'handover', id, created_at FROM handovers
	UNION ALL SELECT 'section', s.id, h.created_at FROM handover_sections s JOIN handovers h ON h.id = s.handover_id
	UNION ALL SELECT 'event', id, created_at FROM events WHERE cancelled_at IS NULL
)
ORDER BY created_at, kind, id;
