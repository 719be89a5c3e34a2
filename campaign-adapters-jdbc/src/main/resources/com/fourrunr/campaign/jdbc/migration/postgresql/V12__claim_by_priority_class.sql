-- Claims served by an index at any backlog (issue 20). The priority order (follow-ups first, or first
-- messages first) is a stored column, follow_up, computed by the database from step_index; JdbcClaims
-- claims one priority class after the other, each with follow_up fixed and ordered by scheduled_at, id,
-- so the index below returns the rows a claim takes in order and the claim reads only those.
ALTER TABLE campaign_messages
  ADD COLUMN follow_up BOOLEAN GENERATED ALWAYS AS (step_index > 0) STORED;
CREATE INDEX campaign_messages_due_by_class ON campaign_messages (follow_up, scheduled_at, id)
  WHERE status = 'SCHEDULED';
