-- One person, one open campaign (issue 22). A person is their normalised address (EmailAddresses.normalise:
-- trimmed, NFC, lower-cased, the domain in ASCII), which is what campaign_leads.email and
-- campaign_suppressions.email hold. open_email holds the address of the campaign's lead while the campaign
-- is open (ACTIVE, PAUSED or HELD) and NULL once it ended; a plain unique index on it (NULLs never clash)
-- then allows one open campaign per address, on H2 (no partial indexes) as on PostgreSQL, whatever the
-- number of engine instances. JdbcCampaignStore sets it when a campaign is created open and clears it when
-- the campaign ends (no status leads from an ended campaign back to an open one).
ALTER TABLE campaign_campaigns ADD COLUMN open_email TEXT;

-- Backfill. Lead addresses were lower-cased ASCII before this version, which is already their normalised
-- form. Where one address has several open campaigns already (stored before this rule), the oldest holds
-- the address and the others are left to end on their own (their open_email stays NULL).
UPDATE campaign_campaigns c
   SET open_email = (SELECT l.email FROM campaign_leads l WHERE l.id = c.lead_id)
 WHERE c.status IN ('ACTIVE', 'PAUSED', 'HELD')
   AND NOT EXISTS (
     SELECT 1 FROM campaign_campaigns o, campaign_leads ol, campaign_leads cl
      WHERE cl.id = c.lead_id AND ol.id = o.lead_id AND ol.email = cl.email AND o.id <> c.id
        AND o.status IN ('ACTIVE', 'PAUSED', 'HELD')
        AND (o.created_at < c.created_at OR (o.created_at = c.created_at AND o.id < c.id)));

CREATE UNIQUE INDEX campaign_campaigns_open_email ON campaign_campaigns (open_email);

-- Suppressions were lower-cased before this version; addresses beyond ASCII are put in the normalised form
-- by the Java migration that follows (V9_1, JdbcCampaignStore), which SQL cannot compute.
