package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.CampaignStoreContract;

/** The store contract against a real PostgreSQL. */
class PostgresCampaignStoreTest extends CampaignStoreContract {
  @Override
  protected CampaignStore createStore() {
    return JdbcCampaignStore.create(Postgres.newDataSource());
  }
}
