package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.spi.CampaignStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The behaviour every {@link CampaignStore} must have. An implementation's test extends this class
 * and says how to make an empty store (and, if needed, how to dispose of it):
 *
 * <pre>{@code
 * class MyStoreTest extends CampaignStoreContract {
 *   @Override
 *   protected CampaignStore createStore() {
 *     return new MyStore(...);
 *   }
 * }
 * }</pre>
 *
 * Instants are compared at microsecond precision, which is what SQL databases keep. The cases of
 * {@link CommitContract}, {@link QueueContract}, {@link ClaimContract}, {@link ChannelTaskContract}
 * {@link OneOpenCampaignPerAddressContract}, {@link SetReadContract}, {@link
 * CampaignSearchContract} and {@link SuppressionListContract} run with these.
 */
public abstract class CampaignStoreContract
    implements CommitContract,
        QueueContract,
        ClaimContract,
        ChannelTaskContract,
        OneOpenCampaignPerAddressContract,
        SetReadContract,
        CampaignSearchContract,
        SuppressionListContract {

  /** The store under test, new and empty for each test. */
  protected CampaignStore store;

  /** A new, empty store. */
  protected abstract CampaignStore createStore();

  @Override
  public CampaignStore storeUnderTest() {
    return store;
  }

  /** Releases a store made by {@link #createStore()}; nothing by default. */
  protected void disposeStore(CampaignStore store) {}

  @BeforeEach
  void createEmptyStore() {
    store = createStore();
  }

  @AfterEach
  void disposeTheStore() {
    disposeStore(store);
  }
}
