-- When a note's successor was named, so that the person named hears of it
-- in their inbox (issue 12). Notes named before this migration have none:
-- their successors were named before anyone could be told.
ALTER TABLE handovers ADD COLUMN successor_named_at TEXT;

-- The answers to the viewer's own questions, for the same inbox.
CREATE INDEX handover_questions_by_author ON handover_questions(author_id, answered_at);
