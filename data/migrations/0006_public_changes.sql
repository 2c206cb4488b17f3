-- Live updates: every hiroba process polls this counter to learn that
-- someone else wrote. Only writes others can see bump it (writeTx); a
-- draft saved or a thread marked read (writePrivateTx) does not, so they
-- no longer make every other screen and SSH session read its data again,
-- as PRAGMA data_version, which changes on any commit, did.
INSERT INTO change_counters (name, n) VALUES ('public', 0);
