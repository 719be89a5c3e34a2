-- Channel tasks (issue 10: LinkedIn as the fallback channel), kept by JdbcCampaignStore as a ChannelTaskStore.
CREATE TABLE campaign_channel_tasks (
  id          VARCHAR PRIMARY KEY,
  campaign_id VARCHAR NOT NULL,
  lead_id     VARCHAR NOT NULL,
  channel     VARCHAR NOT NULL,
  kind        VARCHAR NOT NULL,
  account     VARCHAR NOT NULL,
  profile_url CLOB NOT NULL,
  text        CLOB NOT NULL,
  status      VARCHAR NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  released_at TIMESTAMP WITH TIME ZONE,
  outcome     VARCHAR,
  reported_at TIMESTAMP WITH TIME ZONE,
  reason      CLOB NOT NULL,
  version     BIGINT NOT NULL
);
CREATE INDEX campaign_channel_tasks_campaign ON campaign_channel_tasks (campaign_id, created_at);
CREATE INDEX campaign_channel_tasks_due ON campaign_channel_tasks (status, due_at, id);
CREATE INDEX campaign_channel_tasks_status ON campaign_channel_tasks (status, id);
CREATE INDEX campaign_channel_tasks_released ON campaign_channel_tasks (account, released_at);
