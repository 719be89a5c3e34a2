-- Recent accepted sends per sending mailbox ('M') and per recipient domain ('D'), which the send limits
-- count (JdbcSendLog): kept for a little over a day, shared by every engine instance on this database.
CREATE TABLE campaign_send_log (
  kind     CHAR(1) NOT NULL,
  send_key VARCHAR NOT NULL,
  sent_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  gap_end  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX campaign_send_log_key ON campaign_send_log (kind, send_key, sent_at);
CREATE INDEX campaign_send_log_age ON campaign_send_log (sent_at);
