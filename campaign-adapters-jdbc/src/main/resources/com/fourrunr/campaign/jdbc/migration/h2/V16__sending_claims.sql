-- Send batches on PostgreSQL keep the claims of SENDING messages until their hand-over (see the
-- PostgreSQL migration V16). H2 commits each message alone and never keeps such a claim; the column
-- keeps both schemas alike.
ALTER TABLE campaign_messages ADD COLUMN sending_epoch VARCHAR(200);
