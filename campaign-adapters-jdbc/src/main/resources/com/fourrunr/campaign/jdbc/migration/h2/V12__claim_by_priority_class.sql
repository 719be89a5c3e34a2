-- Claims served by an index at any backlog (issue 20): the priority class of a message as a stored
-- column computed from step_index, and the due index by class (H2 has no partial indexes, so the index
-- leads with the status). JdbcClaims claims one class after the other, each ordered by scheduled_at, id.
ALTER TABLE campaign_messages ADD COLUMN follow_up BOOLEAN GENERATED ALWAYS AS (step_index > 0);
CREATE INDEX campaign_messages_due_by_class ON campaign_messages (status, follow_up, scheduled_at, id);
