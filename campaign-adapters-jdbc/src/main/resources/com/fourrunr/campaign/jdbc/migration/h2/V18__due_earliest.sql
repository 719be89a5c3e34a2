-- The index of due messages across classes under the name it has on PostgreSQL since V18 (where it
-- became a partial index that class claims cannot use; H2 has no partial index, and chooses the index
-- by class for a class claim, as it leads with the class after the status).
ALTER INDEX campaign_messages_due RENAME TO campaign_messages_due_earliest;
