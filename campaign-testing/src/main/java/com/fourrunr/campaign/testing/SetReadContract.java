package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.StoreContractFixtures.CONFIG;
import static com.fourrunr.campaign.testing.StoreContractFixtures.T0;
import static com.fourrunr.campaign.testing.StoreContractFixtures.lead;
import static com.fourrunr.campaign.testing.StoreContractFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The set reads a send batch makes (campaigns, leads, messages of campaigns, suppressed addresses):
 * the same answers as the single reads, ids that are not stored left out. {@link
 * CampaignStoreContract} runs these cases.
 */
public interface SetReadContract {
  /** The store under test, new and empty for each test. */
  CampaignStore storeUnderTest();

  @Test
  default void setReadsAnswerAsTheSingleReadsDo() {
    CampaignStore store = storeUnderTest();
    store.commit(
        StoreChanges.builder()
            .lead(lead("L-1", "ada@example.com"))
            .lead(lead("L-2", "bob@example.com"))
            .campaign(Campaign.start("C-1", "L-1", CONFIG, T0))
            .campaign(Campaign.start("C-2", "L-2", CONFIG, T0))
            .message(message("M-1b", "C-1", 1))
            .message(message("M-1a", "C-1", 0))
            .message(message("M-2a", "C-2", 0))
            .suppression(new Suppression("bob@example.com", "unsubscribed", T0))
            .build());

    assertThat(store.findCampaigns(List.of("C-2", "C-1", "C-missing")))
        .containsOnlyKeys("C-1", "C-2")
        .containsEntry("C-1", store.findCampaign("C-1").orElseThrow());
    assertThat(store.findLeads(List.of("L-1", "L-2", "L-missing")).values())
        .extracting(Lead::email)
        .containsExactlyInAnyOrder("ada@example.com", "bob@example.com");
    assertThat(store.findMessages(List.of("C-1", "C-2", "C-none")))
        .containsOnlyKeys("C-1", "C-2", "C-none");
    assertThat(store.findMessages(List.of("C-1")).get("C-1"))
        .extracting(CampaignMessage::id)
        .containsExactly("M-1a", "M-1b");
    assertThat(store.findMessages(List.of("C-none")).get("C-none")).isEmpty();
    assertThat(store.findSuppressed(List.of("ada@example.com", "Bob@Example.com")))
        .containsExactly("Bob@Example.com");
    assertThat(store.findCampaigns(List.of())).isEmpty();
  }
}
