-- Claims stay HOT updates (issue 20). A claim changes only claim_owner and claim_until; PostgreSQL can
-- update such a row in place, touching no index (a HOT update), only while no index names those columns
-- in its key or its predicate. The two indexes of V15 and V16 did, which made every claim write an entry
-- in each of the table's indexes and halved the claim + complete rate. releaseClaims, run once when an
-- instance starts, reads the scheduled rows through campaign_messages_status instead; the sweep of
-- SENDING claims reads the SENDING rows that still carry the server identity they were stored under,
-- which the hand-over, the sweep and the release clear.
DROP INDEX campaign_messages_claim_owner;
DROP INDEX campaign_messages_sending_claims;
CREATE INDEX campaign_messages_sending_claims ON campaign_messages (id)
  WHERE status = 'SENDING' AND sending_epoch IS NOT NULL;
