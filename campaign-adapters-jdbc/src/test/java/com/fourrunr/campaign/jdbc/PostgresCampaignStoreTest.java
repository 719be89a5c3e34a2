package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.CampaignStoreContract;
import org.junit.jupiter.api.Tag;

/** The store contract against a real PostgreSQL. */
@Tag("postgres")
class PostgresCampaignStoreTest extends CampaignStoreContract {
  @Override
  protected CampaignStore createStore() {
    return JdbcCampaignStore.create(Postgres.newDataSource());
  }
}
