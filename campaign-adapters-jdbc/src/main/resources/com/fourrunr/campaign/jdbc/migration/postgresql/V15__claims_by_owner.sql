-- releaseClaims (an instance taking back its claims at start) reads the claimed rows of one owner
-- through this index instead of walking every scheduled message; unclaimed rows are not in it.
CREATE INDEX campaign_messages_claim_owner ON campaign_messages (claim_owner)
  WHERE claim_owner IS NOT NULL;
