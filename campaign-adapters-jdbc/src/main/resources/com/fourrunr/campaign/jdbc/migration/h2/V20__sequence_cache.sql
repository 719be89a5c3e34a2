-- Identity values handed out 100,000 at a time (issue 20). H2 hands out an identity column's values from
-- a cache, 32 by default, and stores the sequence's new high mark each time the cache runs out: a commit
-- of its own, which with WRITE_DELAY=0 writes every changed page of the database file, in the middle of
-- the transaction that asked for the value. An enrolment writes five events per lead, so a batch of 100
-- leads wrote the whole file some 16 times besides its own commit: 27% of the committing thread's time
-- in an enrolment of 100,000 leads. With a cache of 1,000 the refills still took 11% of that thread;
-- with 100,000 there are five in such an enrolment. A process killed hard leaves a gap of up to the
-- cache in seq, never a value used twice or out of order: seq orders the events and pages them (after
-- an event's seq), nothing reads it as a count, and a BIGINT runs out after 92 trillion such gaps.
ALTER TABLE campaign_events ALTER COLUMN seq SET CACHE 100000;
ALTER TABLE campaign_sync_outbox ALTER COLUMN seq SET CACHE 100000;
