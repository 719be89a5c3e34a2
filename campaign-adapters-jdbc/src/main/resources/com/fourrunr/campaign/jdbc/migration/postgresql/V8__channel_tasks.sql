-- Channel tasks (issue 10: LinkedIn as the fallback channel), kept by JdbcCampaignStore as a ChannelTaskStore.
CREATE TABLE campaign_channel_tasks (
  id          TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  lead_id     TEXT NOT NULL,
  channel     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  account     TEXT NOT NULL,
  profile_url TEXT NOT NULL,
  text        TEXT NOT NULL,
  status      TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  due_at      TIMESTAMPTZ NOT NULL,
  released_at TIMESTAMPTZ,
  outcome     TEXT,
  reported_at TIMESTAMPTZ,
  reason      TEXT NOT NULL,
  version     BIGINT NOT NULL
);
CREATE INDEX campaign_channel_tasks_campaign ON campaign_channel_tasks (campaign_id, created_at);
-- the query of every runDue: waiting tasks by due time
CREATE INDEX campaign_channel_tasks_due ON campaign_channel_tasks (due_at, id) WHERE status = 'WAITING';
CREATE INDEX campaign_channel_tasks_status ON campaign_channel_tasks (status, id);
-- what an account's caps count
CREATE INDEX campaign_channel_tasks_released ON campaign_channel_tasks (account, released_at)
  WHERE released_at IS NOT NULL;
