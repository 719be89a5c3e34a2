package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.StoreContractFixtures.CONFIG;
import static com.fourrunr.campaign.testing.StoreContractFixtures.T0;
import static com.fourrunr.campaign.testing.StoreContractFixtures.event;
import static com.fourrunr.campaign.testing.StoreContractFixtures.message;
import static com.fourrunr.campaign.testing.StoreContractFixtures.storeNewCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a {@link CampaignStore} answers queue questions: which messages are due and in what order,
 * paging of campaigns, events and messages, campaigns to resume and the queue counts. {@link
 * CampaignStoreContract} runs these cases.
 */
public interface QueueContract {
  /** The store under test, new and empty for each test. */
  CampaignStore storeUnderTest();

  @Test
  default void dueMessagesComeEarliestFirstUpToTheLimit() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
    store.commit(
        StoreChanges.builder()
            .message(message("M-c", "C-1", 2).withScheduled(T0.plusSeconds(30)))
            .message(message("M-a", "C-1", 0).withScheduled(T0.plusSeconds(10)))
            .message(message("M-late", "C-1", 3).withScheduled(T0.plus(Duration.ofDays(1))))
            .message(message("M-b", "C-1", 1).withScheduled(T0.plusSeconds(20)))
            .message(message("M-pending", "C-1", 4))
            .build());

    Instant now = T0.plusSeconds(30);

    assertThat(store.findDueMessages(now, 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-a", "M-b", "M-c");
    assertThat(store.findDueMessages(now, 2))
        .extracting(CampaignMessage::id)
        .containsExactly("M-a", "M-b");
    assertThat(store.findDueMessages(T0.plusSeconds(29), 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-a", "M-b");
    assertThat(store.findDueMessages(T0, 10)).isEmpty();
    assertThat(store.findDueMessages(T0.plus(Duration.ofDays(2)), 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-a", "M-b", "M-c", "M-late");
  }

  @Test
  default void messagesDueAtTheSameInstantAreOrderedById() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
    store.commit(
        StoreChanges.builder()
            .message(message("M-2", "C-1", 1).withScheduled(T0))
            .message(message("M-3", "C-1", 2).withScheduled(T0))
            .message(message("M-1", "C-1", 0).withScheduled(T0))
            .build());

    assertThat(store.findDueMessages(T0, 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-1", "M-2", "M-3");
  }

  @Test
  default void messageLeavesTheDueListWhenItLeavesScheduledAndMovesWhenRescheduled() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
    CampaignMessage a = message("M-a", "C-1", 0).withScheduled(T0);
    CampaignMessage b = message("M-b", "C-1", 1).withScheduled(T0.plusSeconds(5));
    store.commit(StoreChanges.builder().message(a).message(b).build());

    store.commit(StoreChanges.builder().message(a.withSending("<a@4runr.test>")).build());
    assertThat(store.findDueMessages(T0.plusSeconds(60), 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-b");

    store.commit(StoreChanges.builder().message(b.withScheduled(T0.plusSeconds(120))).build());
    assertThat(store.findDueMessages(T0.plusSeconds(60), 10)).isEmpty();
    assertThat(store.findDueMessages(T0.plusSeconds(120), 10))
        .extracting(CampaignMessage::scheduledAt)
        .containsExactly(T0.plusSeconds(120));

    store.commit(StoreChanges.builder().message(b.withStatus(DeliveryStatus.PENDING)).build());
    assertThat(store.findDueMessages(T0.plus(Duration.ofDays(9)), 10)).isEmpty();
  }

  @Test
  default void messagesOfACampaignComeByStep() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
    store.commit(
        StoreChanges.builder()
            .message(message("M-z", "C-1", 2))
            .message(message("M-y", "C-1", 0))
            .message(message("M-x", "C-1", 1))
            .build());

    assertThat(store.findMessages("C-1"))
        .extracting(CampaignMessage::stepIndex)
        .containsExactly(0, 1, 2);
    assertThat(store.findMessages("C-unknown")).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Paging

  @Test
  default void listCampaignsPagesInIdOrder() {
    CampaignStore store = storeUnderTest();
    for (String id : List.of("C-5", "C-2", "C-7", "C-1", "C-4", "C-3", "C-6")) {
      store.commit(StoreChanges.builder().campaign(Campaign.start(id, "L-1", CONFIG, T0)).build());
    }

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String after = null;
    while (true) {
      List<Campaign> page = store.listCampaigns(after, 3);
      if (page.isEmpty()) {
        break;
      }
      pageSizes.add(page.size());
      page.forEach(c -> seen.add(c.id()));
      after = page.get(page.size() - 1).id();
    }

    assertThat(seen).containsExactly("C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7");
    assertThat(pageSizes).containsExactly(3, 3, 1);
    assertThat(store.listCampaigns("C-35", 2))
        .extracting(Campaign::id)
        .containsExactly("C-4", "C-5");
    assertThat(store.listCampaigns("C-7", 10)).isEmpty();
  }

  @Test
  default void campaignsToResumeArePausedOnesWhoseTimeHasComeUpToTheLimit() {
    CampaignStore store = storeUnderTest();
    Instant soon = T0.plus(Duration.ofDays(1));
    for (String id : List.of("C-1", "C-2", "C-3")) {
      store.commit(StoreChanges.builder().campaign(Campaign.start(id, "L-1", CONFIG, T0)).build());
    }
    Campaign c1 = store.findCampaign("C-1").orElseThrow().pausedUntil(soon, "ooo", T0);
    Campaign c2 = store.findCampaign("C-2").orElseThrow().pausedUntil(null, "operator", T0);
    Campaign c3 =
        store.findCampaign("C-3").orElseThrow().pausedUntil(soon.plusSeconds(1), "ooo", T0);
    store.commit(StoreChanges.builder().campaign(c1).campaign(c2).campaign(c3).build());

    assertThat(store.findCampaignsToResume(soon.minusSeconds(1), 10)).isEmpty();
    assertThat(store.findCampaignsToResume(soon, 10))
        .extracting(Campaign::id)
        .containsExactly("C-1");
    assertThat(store.findCampaignsToResume(soon.plus(Duration.ofDays(5)), 10))
        .extracting(Campaign::id)
        .containsExactly("C-1", "C-3");
    assertThat(store.findCampaignsToResume(soon.plus(Duration.ofDays(5)), 1)).hasSize(1);
  }

  @Test
  default void eventsOfOneTypePageInStoredOrder() {
    CampaignStore store = storeUnderTest();
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = 1; i <= 5; i++) {
      b.event(event("S-" + i, EventType.MESSAGE_SENT, "C-1"));
      b.event(event("X-" + i, EventType.MESSAGE_SCHEDULED, "C-1"));
    }
    store.commit(b.build());

    List<CampaignEvent> first = store.findEventsByType(EventType.MESSAGE_SENT, null, 2);
    List<CampaignEvent> second =
        store.findEventsByType(EventType.MESSAGE_SENT, first.get(1).id(), 2);
    List<CampaignEvent> third =
        store.findEventsByType(EventType.MESSAGE_SENT, second.get(1).id(), 2);

    assertThat(first).extracting(CampaignEvent::id).containsExactly("S-1", "S-2");
    assertThat(second).extracting(CampaignEvent::id).containsExactly("S-3", "S-4");
    assertThat(third).extracting(CampaignEvent::id).containsExactly("S-5");
    assertThat(store.findEvents("C-1")).hasSize(10);
  }

  @Test
  default void messagesOfOneStatusPageInIdOrder() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
    StoreChanges.Builder b = StoreChanges.builder();
    for (String id : List.of("M-5", "M-2", "M-4", "M-1", "M-3")) {
      CampaignMessage sending =
          message(id, "C-1", 0).withScheduled(T0).withSending("<" + id + "@4runr.test>");
      b.message(id.equals("M-2") ? sending : sending.withStatus(DeliveryStatus.DEAD_LETTERED));
    }
    b.message(message("M-6", "C-1", 1).withScheduled(T0));
    store.commit(b.build());

    List<CampaignMessage> first = store.findMessagesByStatus(DeliveryStatus.DEAD_LETTERED, null, 3);
    List<CampaignMessage> second =
        store.findMessagesByStatus(DeliveryStatus.DEAD_LETTERED, "M-4", 3);

    assertThat(first).extracting(CampaignMessage::id).containsExactly("M-1", "M-3", "M-4");
    assertThat(first)
        .allSatisfy(m -> assertThat(m.status()).isEqualTo(DeliveryStatus.DEAD_LETTERED));
    assertThat(second).extracting(CampaignMessage::id).containsExactly("M-5");
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENDING, null, 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-2");
    assertThat(store.findMessagesByStatus(DeliveryStatus.SENT, null, 10)).isEmpty();
    // A dead letter is not due, whatever its time.
    assertThat(store.findDueMessages(T0.plus(Duration.ofDays(1)), 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-6");
  }

  @Test
  default void queueCountsSayHowManyMessagesStandInEachState() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
    Instant now = T0.plus(Duration.ofHours(1));
    CampaignMessage sending =
        message("M-4", "C-1", 0).withScheduled(T0).withSending("<m4@4runr.test>");
    store.commit(
        StoreChanges.builder()
            .message(message("M-1", "C-1", 0).withScheduled(now.plusSeconds(60)))
            .message(message("M-2", "C-1", 0).withScheduled(T0.plusSeconds(30)))
            .message(message("M-3", "C-1", 0).withScheduled(T0.plusSeconds(10)))
            .message(sending)
            .message(
                message("M-5", "C-1", 0)
                    .withScheduled(T0)
                    .withSending("<m5@4runr.test>")
                    .withRetry(now.plusSeconds(300), "451 later"))
            .message(
                message("M-6", "C-1", 0)
                    .withScheduled(T0)
                    .withSending("<m6@4runr.test>")
                    .withStatus(DeliveryStatus.DEAD_LETTERED))
            .message(
                message("M-7", "C-1", 0)
                    .withScheduled(T0)
                    .withSending("<m7@4runr.test>")
                    .withSent(T0, "250"))
            .message(message("M-8", "C-1", 1))
            .build());

    assertThat(store.countQueue(now))
        .isEqualTo(new com.fourrunr.campaign.QueueCounts(2, 2, 1, 1, 1, 1, T0.plusSeconds(10)));
    assertThat(store.countQueue(T0.minusSeconds(1)).oldestDueAt()).isNull();
  }
}
