-- As on PostgreSQL (see there): a claim changes only claim_owner and claim_until, and no index names
-- them, so a claim writes no index entry; releaseClaims, run once when an instance starts, reads the
-- scheduled rows through campaign_messages_status.
DROP INDEX campaign_messages_claim_owner;
