-- The operator's campaign list (issue 18): keyset pages by campaign id, filters by status, mailbox and
-- sequence, and a prefix search on the lead's name, last name, email and company, each served by an index so
-- a page reads about one page of rows at any number of campaigns. The search columns hold folded text
-- (CampaignSearch.fold: trimmed, lower case), written by the store; rows stored before this version are
-- filled by the Java migration that follows (V13_1, FillSearchColumns). text_pattern_ops makes the indexes
-- serve LIKE 'prefix%' whatever the database's collation.
ALTER TABLE campaign_leads ADD COLUMN name_lc TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign_leads ADD COLUMN last_name_lc TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign_leads ADD COLUMN company_lc TEXT NOT NULL DEFAULT '';
CREATE INDEX campaign_leads_name_prefix ON campaign_leads (name_lc text_pattern_ops);
CREATE INDEX campaign_leads_last_name_prefix ON campaign_leads (last_name_lc text_pattern_ops);
CREATE INDEX campaign_leads_email_prefix ON campaign_leads (email text_pattern_ops);
CREATE INDEX campaign_leads_company_prefix ON campaign_leads (company_lc text_pattern_ops);

ALTER TABLE campaign_campaigns ADD COLUMN mailbox TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign_campaigns ADD COLUMN sequence_name TEXT NOT NULL DEFAULT '';
CREATE INDEX campaign_campaigns_by_status ON campaign_campaigns (status, id);
CREATE INDEX campaign_campaigns_by_mailbox ON campaign_campaigns (mailbox, id);
CREATE INDEX campaign_campaigns_by_sequence ON campaign_campaigns (sequence_name, id);
