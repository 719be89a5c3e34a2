package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.spi.CampaignStore;

/** The store contract against the in-memory store. */
class InMemoryCampaignStoreTest extends CampaignStoreContract {
  @Override
  protected CampaignStore createStore() {
    return new InMemoryCampaignStore();
  }
}
