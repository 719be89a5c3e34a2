package com.fourrunr.campaign.jdbc;

import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.testing.CampaignStoreContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against the embedded H2 file database. */
class H2CampaignStoreTest extends CampaignStoreContract {
  @TempDir static Path dir;

  @Override
  protected CampaignStore createStore() {
    return JdbcCampaignStore.create(
        EmbeddedDatabase.file(dir.resolve("store-" + UUID.randomUUID())));
  }
}
