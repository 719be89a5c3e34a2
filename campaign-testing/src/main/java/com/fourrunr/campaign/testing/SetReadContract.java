package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.StoreContractFixtures.CONFIG;
import static com.fourrunr.campaign.testing.StoreContractFixtures.T0;
import static com.fourrunr.campaign.testing.StoreContractFixtures.event;
import static com.fourrunr.campaign.testing.StoreContractFixtures.lead;
import static com.fourrunr.campaign.testing.StoreContractFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.OpenCampaigns;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.Suppression;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The set reads a send batch makes (campaigns, leads, messages of campaigns, suppressed addresses),
 * the one an enrolment batch makes (open campaigns of leads and addresses) and the one an
 * operator's campaign list makes (last events of campaigns): the same answers as the single reads,
 * ids that are not stored left out. {@link CampaignStoreContract} runs these cases.
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

  @Test
  default void openCampaignsOfLeadsAndAddressesAnswerAsTheSingleReadsDo() {
    CampaignStore store = storeUnderTest();
    Campaign ended = Campaign.start("C-2", "L-2", CONFIG, T0);
    Campaign paused = Campaign.start("C-3", "L-3", CONFIG, T0);
    store.commit(
        StoreChanges.builder()
            .lead(lead("L-1", "ada@example.com"))
            .lead(lead("L-2", "bob@example.com"))
            .lead(lead("L-3", "cy@example.com"))
            .lead(lead("L-4", "dee@example.com"))
            .campaign(Campaign.start("C-1", "L-1", CONFIG, T0))
            .campaign(ended)
            .campaign(paused)
            .campaign(Campaign.held("C-4", "L-4", CONFIG, T0, "review"))
            .build());
    store.commit(
        StoreChanges.builder()
            .campaign(ended.transitionTo(CampaignStatus.COMPLETED, "done", T0))
            .campaign(paused.pausedUntil(null, "operator", T0))
            .build());

    OpenCampaigns open =
        store.findOpenCampaigns(
            List.of("L-1", "L-2", "L-4", "L-missing"),
            List.of("ada@example.com", "bob@example.com", "Cy@Example.com", "nobody@example.com"));

    assertThat(open.byLead()).containsOnlyKeys("L-1", "L-4");
    assertThat(open.byLead())
        .hasEntrySatisfying("L-1", c -> assertThat(c.id()).isEqualTo("C-1"))
        .hasEntrySatisfying("L-4", c -> assertThat(c.id()).isEqualTo("C-4"));
    // by address as asked, any case; an ended campaign holds no address
    assertThat(open.byEmail()).containsOnlyKeys("ada@example.com", "Cy@Example.com");
    assertThat(open.byEmail())
        .hasEntrySatisfying(
            "Cy@Example.com",
            c ->
                assertThat(c)
                    .extracting(Campaign::id, Campaign::status)
                    .containsExactly("C-3", CampaignStatus.PAUSED));
    assertThat(store.findOpenCampaigns(List.of(), List.of()).byLead()).isEmpty();
  }

  @Test
  default void openCampaignsAreReadForMoreLeadsThanOneQueryTakes() {
    CampaignStore store = storeUnderTest();
    StoreChanges.Builder b = StoreChanges.builder();
    List<String> ids = new java.util.ArrayList<>();
    List<String> emails = new java.util.ArrayList<>();
    for (int i = 0; i < 1_201; i++) {
      ids.add("L-" + i);
      emails.add("p" + i + "@example.com");
      if (i % 2 == 0) {
        b.lead(lead("L-" + i, "p" + i + "@example.com"))
            .campaign(Campaign.start("C-" + i, "L-" + i, CONFIG, T0));
      }
    }
    store.commit(b.build());

    OpenCampaigns open = store.findOpenCampaigns(ids, emails);

    assertThat(open.byLead()).hasSize(601).containsKey("L-1200").doesNotContainKey("L-1199");
    assertThat(open.byEmail()).hasSize(601).containsKey("p0@example.com");
    assertThat(open.byEmail())
        .hasEntrySatisfying("p1200@example.com", c -> assertThat(c.id()).isEqualTo("C-1200"));
  }

  @Test
  default void lastEventsAreTheLastStoredEventOfEachCampaign() {
    CampaignStore store = storeUnderTest();
    store.commit(
        StoreChanges.builder()
            .lead(lead("L-1", "ada@example.com"))
            .lead(lead("L-2", "bob@example.com"))
            .lead(lead("L-3", "cy@example.com"))
            .campaign(Campaign.start("C-1", "L-1", CONFIG, T0))
            .campaign(Campaign.start("C-2", "L-2", CONFIG, T0))
            .campaign(Campaign.start("C-3", "L-3", CONFIG, T0))
            .event(event("E-1a", EventType.CAMPAIGN_CREATED, "C-1"))
            .event(event("E-3a", EventType.CAMPAIGN_CREATED, "C-3"))
            .event(event("E-1b", EventType.MESSAGE_SCHEDULED, "C-1"))
            .build());
    // stored last, though it happened first: the last event is the last stored
    store.commit(
        StoreChanges.builder()
            .event(
                CampaignEvent.fromStored(
                    "E-1c",
                    EventType.MESSAGE_SENT,
                    T0.minusSeconds(60),
                    "C-1",
                    "L-1",
                    null,
                    Map.of()))
            .event(
                CampaignEvent.fromStored(
                    "E-x", EventType.LEAD_SKIPPED, T0, null, "L-1", null, Map.of()))
            .build());

    Map<String, CampaignEvent> last =
        store.findLastEvents(List.of("C-3", "C-1", "C-2", "C-missing", "C-1"));

    assertThat(last).containsOnlyKeys("C-1", "C-3");
    assertThat(last)
        .containsEntry("C-1", lastOf(store.findEvents("C-1")))
        .hasEntrySatisfying("C-1", e -> assertThat(e.id()).isEqualTo("E-1c"))
        .hasEntrySatisfying("C-3", e -> assertThat(e.id()).isEqualTo("E-3a"));
    assertThat(store.findLastEvents(List.of())).isEmpty();
  }

  @Test
  default void lastEventsAreReadForMoreCampaignsThanOneQueryTakes() {
    CampaignStore store = storeUnderTest();
    StoreChanges.Builder b = StoreChanges.builder();
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 1_201; i++) {
      ids.add("C-" + i);
      b.lead(lead("L-" + i, "p" + i + "@example.com"))
          .campaign(Campaign.start("C-" + i, "L-" + i, CONFIG, T0));
      if (i % 3 != 0) {
        b.event(event("E-" + i + "a", EventType.CAMPAIGN_CREATED, "C-" + i));
        b.event(event("E-" + i + "b", EventType.MESSAGE_SCHEDULED, "C-" + i));
      }
    }
    store.commit(b.build());

    Map<String, CampaignEvent> last = store.findLastEvents(ids);

    assertThat(last).hasSize(800).doesNotContainKey("C-0").doesNotContainKey("C-1200");
    assertThat(last)
        .hasEntrySatisfying("C-1199", e -> assertThat(e.id()).isEqualTo("E-1199b"))
        .hasEntrySatisfying("C-1", e -> assertThat(e.id()).isEqualTo("E-1b"));
  }

  private static CampaignEvent lastOf(List<CampaignEvent> events) {
    return events.get(events.size() - 1);
  }
}
