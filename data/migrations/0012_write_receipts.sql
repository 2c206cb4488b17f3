-- Every write transaction leaves its receipt here (data/write.go). A
-- cluster's COMMIT can fail after it committed; the write is then run
-- again, and the run that finds the receipt of the first knows it is
-- done, so that nothing is written twice. Receipts are ids made when the
-- write began (model.NewID, time first); each writer removes those older
-- than ten minutes now and then.
CREATE TABLE write_receipts (id TEXT PRIMARY KEY) WITHOUT ROWID;
