-- What a merge kept aside (merge_kept) can be marked done by the person it
-- is for or an administrator, once they have dealt with it: the inbox
-- then leaves it out. done_by is NULL for the operator.
ALTER TABLE merge_kept ADD COLUMN done_at TEXT;
ALTER TABLE merge_kept ADD COLUMN done_by TEXT;
