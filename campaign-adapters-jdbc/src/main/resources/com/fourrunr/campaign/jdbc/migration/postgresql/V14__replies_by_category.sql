-- The console's review queue (issue 18): stored mails of one category (NEEDS_REVIEW) listed in id order
-- through an index. Domain suppressions need no schema change: they are rows of campaign_suppressions
-- keyed '@domain'.
CREATE INDEX campaign_replies_category ON campaign_replies (category, id);
