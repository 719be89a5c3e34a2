-- The day each sending mailbox started its warm-up (JdbcWarmUpLog): the ramp of daily caps counts
-- business days from it, across restarts and for every engine instance on this database.
CREATE TABLE campaign_warm_up (
  mailbox    TEXT NOT NULL PRIMARY KEY,
  started_on DATE NOT NULL
);
