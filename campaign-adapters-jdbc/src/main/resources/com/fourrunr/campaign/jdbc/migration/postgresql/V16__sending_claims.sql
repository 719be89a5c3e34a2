-- Send batches committed in two commits on PostgreSQL (issue 20). A message stored as SENDING in a
-- batch keeps its claim until it is handed over to the sender (JdbcCampaignStore.handOver, an
-- asynchronous commit), and carries the identity of the database server it was stored under. When
-- such a claim runs out, the message goes back to SCHEDULED only if the server is the same one and has
-- not crashed since (so no asynchronous hand-over can have been lost); otherwise it stays SENDING.
ALTER TABLE campaign_messages ADD COLUMN sending_epoch VARCHAR(200);
-- The server's identity: a token in an UNLOGGED table, which PostgreSQL empties after a crash and which
-- a standby promoted by a failover does not have, followed by pg_postmaster_start_time().
CREATE UNLOGGED TABLE campaign_server_epoch (
  id INTEGER PRIMARY KEY,
  token VARCHAR(64) NOT NULL
);
-- The claimed SENDING messages whose claims ran out, found without reading any other row.
CREATE INDEX campaign_messages_sending_claims ON campaign_messages (claim_until)
  WHERE status = 'SENDING' AND claim_owner IS NOT NULL;
