-- The search index without its own copy of the text. search_fts kept the
-- tokens of every document in a content table that nothing reads back
-- (results are read from their own tables): about half of the index and
-- a quarter of the file at the benchmark scale. Now search_fts takes its
-- content from search_old, which is empty: FTS4 reads a document's tokens
-- from the content table only to remove them, so data/search.go puts the
-- tokens of the version that was indexed there for the moment of the
-- removal. Those come from the old row, which the update and delete
-- triggers keep in search_pending (old_title, old_body). matchinfo=fts3
-- drops the per-document sizes, which the ranking does not use.
--
-- The index is kept in buckets of 2^18 docids (the languageid "bucket",
-- docid >> 18), each with its own terms and doclists. A search reads the
-- newest bucket first and stops once it has its candidates, so that a
-- frequent word, or a one-character prefix that FTS4 must read whole,
-- costs what one bucket holds however large the database grows.
DROP TABLE search_fts;
CREATE TABLE search_old (
	docid  INTEGER PRIMARY KEY,
	title  TEXT NOT NULL,
	body   TEXT NOT NULL,
	bucket INTEGER NOT NULL
);
CREATE VIRTUAL TABLE search_fts USING fts4(content="search_old", title, body, tokenize=simple, order=DESC, matchinfo=fts3, languageid="bucket");

-- The text as it was indexed, for the first change of a row since it was
-- indexed; NULL when the row was not indexed yet (inserted).
ALTER TABLE search_pending ADD COLUMN old_title TEXT;
ALTER TABLE search_pending ADD COLUMN old_body TEXT;

DROP TRIGGER search_thread_update;
DROP TRIGGER search_thread_delete;
DROP TRIGGER search_reply_update;
DROP TRIGGER search_reply_delete;
DROP TRIGGER search_handover_update;
DROP TRIGGER search_handover_delete;
DROP TRIGGER search_section_update;
DROP TRIGGER search_section_delete;
DROP TRIGGER search_event_update;
DROP TRIGGER search_event_delete;
DROP TRIGGER search_community_update;
DROP TRIGGER search_community_delete;

-- Each composes the title and body the way data/search.go's indexSources
-- do.
CREATE TRIGGER search_thread_update AFTER UPDATE OF title, body, tags, hidden, deleted_at, community_id ON threads BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('thread', new.id, old.title || ' ' || old.tags, old.body);
END;
CREATE TRIGGER search_thread_delete AFTER DELETE ON threads BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('thread', old.id, old.title || ' ' || old.tags, old.body);
END;
CREATE TRIGGER search_reply_update AFTER UPDATE OF body, hidden, deleted_at, thread_id ON replies BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('reply', new.id, '', old.body);
END;
CREATE TRIGGER search_reply_delete AFTER DELETE ON replies BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('reply', old.id, '', old.body);
END;
CREATE TRIGGER search_handover_update AFTER UPDATE OF duty, department, municipality_id ON handovers BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('handover', new.id, old.duty,
		old.department || ' ' || coalesce((SELECT name FROM municipalities WHERE id = old.municipality_id), ''));
END;
CREATE TRIGGER search_handover_delete AFTER DELETE ON handovers BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('handover', old.id, old.duty,
		old.department || ' ' || coalesce((SELECT name FROM municipalities WHERE id = old.municipality_id), ''));
END;
CREATE TRIGGER search_section_update AFTER UPDATE OF title, body, handover_id ON handover_sections BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('section', new.id, old.title, old.body);
END;
CREATE TRIGGER search_section_delete AFTER DELETE ON handover_sections BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('section', old.id, old.title, old.body);
END;
CREATE TRIGGER search_event_update AFTER UPDATE OF title, description, place, cancelled_at, community_id ON events BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('event', new.id, old.title, old.description || ' ' || old.place);
END;
CREATE TRIGGER search_event_delete AFTER DELETE ON events BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('event', old.id, old.title, old.description || ' ' || old.place);
END;
CREATE TRIGGER search_community_update AFTER UPDATE OF name, summary, description ON communities BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('community', new.id, old.name, old.summary || ' ' || old.description);
END;
CREATE TRIGGER search_community_delete AFTER DELETE ON communities BEGIN
	INSERT OR IGNORE INTO search_pending (kind, ref_id, old_title, old_body) VALUES ('community', old.id, old.name, old.summary || ' ' || old.description);
END;

-- Index again everything that was indexed, keeping each document's docid
-- (and so the order by age), on the next writable open. Rows already
-- waiting keep their place and their old text, if any: the old index is
-- gone, so there is nothing to remove.
UPDATE search_pending SET old_title = NULL, old_body = NULL;
INSERT OR IGNORE INTO search_pending (kind, ref_id) SELECT kind, ref_id FROM search_docs ORDER BY docid;

-- The last docid given; search_docs' rowid alone would give the docid of
-- a removed newest document again.
INSERT INTO change_counters (name, n) SELECT 'search_docid', coalesce(max(docid), 0) FROM search_docs;
