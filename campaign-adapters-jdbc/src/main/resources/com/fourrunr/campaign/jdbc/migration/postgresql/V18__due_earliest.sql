-- Claims by priority class read only the due rows of their class (issue 20). The index of due
-- messages across classes (V1, used by earliest-first claims and findDueMessages) could serve a class
-- claim too, filtering the other class out: measured in a drain with 5,000 due first messages, the
-- planner walked all of them to find no due follow-up (8.7 ms per claim; with a million due it would
-- read a million rows). The index that replaces it covers only rows with step_index >= 0 (every row),
-- which the earliest-first queries state and the class claims do not, so a class claim can only use
-- campaign_messages_due_by_class (V12).
DROP INDEX campaign_messages_due;
CREATE INDEX campaign_messages_due_earliest ON campaign_messages (scheduled_at, id)
  WHERE status = 'SCHEDULED' AND step_index >= 0;
