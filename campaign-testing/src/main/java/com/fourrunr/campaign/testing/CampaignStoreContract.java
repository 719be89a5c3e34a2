package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.CampaignStatus;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.spi.StoredReply;
import com.fourrunr.campaign.spi.Suppression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * {@link OneOpenCampaignPerAddressContract} run with these.
 */
public abstract class CampaignStoreContract implements OneOpenCampaignPerAddressContract {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final CampaignConfig CONFIG =
      CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));

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

  private static Lead lead(String id, String email) {
    return Lead.builder(id, email).build();
  }

  private static CampaignMessage message(String id, String campaignId, int step) {
    return CampaignMessage.pending(
        id, campaignId, "L-1", step, MessageType.HOOK, "Subject " + id, "Body", null);
  }

  private static CampaignEvent event(String id, EventType type, String campaignId) {
    return CampaignEvent.fromStored(id, type, T0, campaignId, "L-1", null, Map.of());
  }

  private static StoredReply reply(String id) {
    return new StoredReply(
        id, InboundReply.builder("ada@example.com", T0).messageId(id).build(), null, null, "");
  }

  private Campaign storeNewCampaign(String id) {
    Campaign c = Campaign.start(id, "L-1", CONFIG, T0);
    store.commit(StoreChanges.builder().lead(lead("L-1", "ada@example.com")).campaign(c).build());
    return c;
  }

  // ---------------------------------------------------------------------------------------------
  // Commits

  @Test
  public void commitWritesEveryKindOfChange() {
    Campaign c = Campaign.start("C-1", "L-1", CONFIG, T0);
    CampaignMessage m = message("M-1", "C-1", 0).withScheduled(T0).withSending("<m1@4runr.test>");

    store.commit(
        StoreChanges.builder()
            .lead(lead("L-1", "Ada@Example.com"))
            .campaign(c)
            .message(m)
            .event(event("E-1", EventType.CAMPAIGN_CREATED, "C-1"))
            .suppression(new Suppression("Blocked@Example.com", "UNSUBSCRIBE_REQUEST", T0))
            .reply(reply("<r1@example.com>"))
            .build());

    assertThat(store.findLead("L-1")).isPresent();
    assertThat(store.findLeadsByEmail("ADA@example.com"))
        .extracting(Lead::id)
        .containsExactly("L-1");
    assertThat(store.findCampaign("C-1")).contains(c);
    assertThat(store.findCampaignsByLead("L-1")).containsExactly(c);
    assertThat(store.findMessages("C-1")).containsExactly(m);
    assertThat(store.findMessageByMessageId("<m1@4runr.test>")).contains(m);
    assertThat(store.findEvents("C-1")).extracting(CampaignEvent::id).containsExactly("E-1");
    assertThat(store.isSuppressed("blocked@example.com")).isTrue();
    assertThat(store.isSuppressed(" BLOCKED@example.COM ")).isTrue();
    assertThat(store.findReply("<r1@example.com>")).isPresent();
  }

  @Test
  public void aCampaignKeepsItsAbExperimentsInTheStore() {
    com.fourrunr.campaign.Sequence sequence =
        new com.fourrunr.campaign.Sequence(
            "ab",
            List.of(
                new com.fourrunr.campaign.SequenceStep(MessageType.HOOK, 0)
                    .withExperiment(
                        com.fourrunr.campaign.Experiment.of(
                            "hook-subject",
                            com.fourrunr.campaign.Variant.of("A", 3),
                            com.fourrunr.campaign.Variant.of("B", 1)
                                .withSubjectHint("Hi {firstName}")
                                .withBodyHint("open with a number"))),
                new com.fourrunr.campaign.SequenceStep(MessageType.PROOF, 3)
                    .withExperiment(
                        com.fourrunr.campaign.Experiment.of(
                            "proof-timing",
                            com.fourrunr.campaign.Variant.of("late", 1)
                                .withInterval(5)
                                .withWindow(
                                    java.time.LocalTime.of(14, 0),
                                    java.time.LocalTime.of(16, 30)))),
                new com.fourrunr.campaign.SequenceStep(MessageType.FOMO, 4)));
    Campaign c = Campaign.start("C-ab", "L-1", CONFIG.withSequence(sequence), T0);
    store.commit(StoreChanges.builder().lead(lead("L-1", "ada@example.com")).campaign(c).build());

    assertThat(store.findCampaign("C-ab").orElseThrow().config()).isEqualTo(c.config());
  }

  @Test
  public void staleCampaignVersionWritesNothingOfTheCommit() {
    Campaign c0 = storeNewCampaign("C-1");
    Campaign c1 = c0.pausedUntil(null, "first writer", T0.plusSeconds(1));
    store.commit(StoreChanges.builder().campaign(c1).build());
    List<CampaignEvent> eventsBefore = store.findEvents("C-1");

    // A second writer still holding version 0 makes its own change.
    Campaign stale = c0.transitionTo(CampaignStatus.STOPPED, "second writer", T0.plusSeconds(2));
    StoreChanges commit =
        StoreChanges.builder()
            .lead(lead("L-2", "grace@navy.example"))
            .campaign(Campaign.start("C-2", "L-2", CONFIG, T0))
            .campaign(stale)
            .message(message("M-9", "C-1", 0).withScheduled(T0))
            .event(event("E-9", EventType.CAMPAIGN_STOPPED, "C-1"))
            .suppression(new Suppression("ada@example.com", "BOUNCE_HARD", T0))
            .reply(reply("<r9@example.com>"))
            .build();

    assertThatThrownBy(() -> store.commit(commit))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("C-1")
        .hasMessageContaining("version 1")
        .hasMessageContaining("expected 0");

    assertThat(store.findCampaign("C-1")).contains(c1);
    assertThat(store.findLead("L-2")).isEmpty();
    assertThat(store.findLeadsByEmail("grace@navy.example")).isEmpty();
    assertThat(store.findCampaign("C-2")).isEmpty();
    assertThat(store.findCampaignsByLead("L-2")).isEmpty();
    assertThat(store.findMessages("C-1")).isEmpty();
    assertThat(store.findDueMessages(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    assertThat(store.findEvents("C-1")).isEqualTo(eventsBefore);
    assertThat(store.findEventsByType(EventType.CAMPAIGN_STOPPED, null, 10)).isEmpty();
    assertThat(store.isSuppressed("ada@example.com")).isFalse();
    assertThat(store.findReply("<r9@example.com>")).isEmpty();
  }

  @Test
  public void newCampaignWhoseIdExistsIsRefused() {
    storeNewCampaign("C-1");
    Campaign again = Campaign.start("C-1", "L-1", CONFIG, T0.plusSeconds(5));

    assertThatThrownBy(() -> store.commit(StoreChanges.builder().campaign(again).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findCampaign("C-1").orElseThrow().createdAt()).isEqualTo(T0);
    assertThat(store.findCampaignsByLead("L-1")).hasSize(1);
  }

  @Test
  public void updateOfACampaignThatWasNeverStoredIsRefused() {
    Campaign ghost =
        Campaign.start("C-x", "L-1", CONFIG, T0).transitionTo(CampaignStatus.STOPPED, "x", T0);

    assertThatThrownBy(() -> store.commit(StoreChanges.builder().campaign(ghost).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findCampaign("C-x")).isEmpty();
  }

  @Test
  public void onlyOneOfManyConcurrentWritersOfOneVersionWins() throws Exception {
    Campaign c0 = storeNewCampaign("C-1");
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String reason = "writer " + i;
        Callable<Boolean> write =
            () -> {
              start.await();
              try {
                store.commit(
                    StoreChanges.builder()
                        .campaign(c0.transitionTo(CampaignStatus.STOPPED, reason, T0))
                        .event(event("E-" + reason, EventType.CAMPAIGN_STOPPED, "C-1"))
                        .build());
                return true;
              } catch (ConcurrentUpdateException e) {
                return false;
              }
            };
        results.add(pool.submit(write));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> r : results) {
        if (r.get(30, TimeUnit.SECONDS)) {
          wins++;
        }
      }

      assertThat(wins).isEqualTo(1);
      Campaign stored = store.findCampaign("C-1").orElseThrow();
      assertThat(stored.version()).isEqualTo(1);
      assertThat(store.findEvents("C-1"))
          .singleElement()
          .satisfies(e -> assertThat(e.id()).isEqualTo("E-" + stored.statusReason()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  public void eventWithAKnownIdIsStoredOnce() {
    store.commit(
        StoreChanges.builder().event(event("E-1", EventType.CAMPAIGN_CREATED, "C-1")).build());
    store.commit(
        StoreChanges.builder().event(event("E-1", EventType.CAMPAIGN_CREATED, "C-1")).build());

    assertThat(store.findEventsByType(EventType.CAMPAIGN_CREATED, null, 10)).hasSize(1);
    assertThat(store.findEvents("C-1")).hasSize(1);
  }

  @Test
  public void suppressionKeepsItsFirstEntry() {
    store.commit(
        StoreChanges.builder()
            .suppression(new Suppression("ada@example.com", "BOUNCE_HARD", T0))
            .build());
    store.commit(
        StoreChanges.builder()
            .suppression(
                new Suppression("ADA@example.com", "UNSUBSCRIBE_REQUEST", T0.plusSeconds(9)))
            .build());

    assertThat(store.isSuppressed("ada@example.com")).isTrue();
    assertThat(store.isSuppressed("grace@navy.example")).isFalse();
  }

  @Test
  public void replacingALeadMovesItToItsNewAddress() {
    store.commit(StoreChanges.builder().lead(lead("L-1", "ada@old.example")).build());
    store.commit(StoreChanges.builder().lead(lead("L-1", "ada@new.example")).build());

    assertThat(store.findLeadsByEmail("ada@old.example")).isEmpty();
    assertThat(store.findLeadsByEmail("ada@new.example"))
        .extracting(Lead::id)
        .containsExactly("L-1");
  }

  // ---------------------------------------------------------------------------------------------
  // Due messages

  @Test
  public void dueMessagesComeEarliestFirstUpToTheLimit() {
    storeNewCampaign("C-1");
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
  public void messagesDueAtTheSameInstantAreOrderedById() {
    storeNewCampaign("C-1");
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
  public void messageLeavesTheDueListWhenItLeavesScheduledAndMovesWhenRescheduled() {
    storeNewCampaign("C-1");
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
  public void messagesOfACampaignComeByStep() {
    storeNewCampaign("C-1");
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
  public void listCampaignsPagesInIdOrder() {
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
  public void campaignsToResumeArePausedOnesWhoseTimeHasComeUpToTheLimit() {
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
  public void eventsOfOneTypePageInStoredOrder() {
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
  public void messagesOfOneStatusPageInIdOrder() {
    storeNewCampaign("C-1");
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
  public void queueCountsSayHowManyMessagesStandInEachState() {
    storeNewCampaign("C-1");
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

  // ---------------------------------------------------------------------------------------------
  // Claims

  private static final Duration LEASE = Duration.ofMinutes(5);

  private void storeDue(String... ids) {
    storeNewCampaign("C-1");
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = 0; i < ids.length; i++) {
      b.message(message(ids[i], "C-1", i).withScheduled(T0.plusSeconds(i)));
    }
    store.commit(b.build());
  }

  @Test
  public void claimTakesDueMessagesEarliestFirstAndNotAgainUntilTheLeaseEnds() {
    storeDue("M-1", "M-2", "M-3");
    Instant now = T0.plusSeconds(10);

    assertThat(store.claimDueMessages(now, "A", LEASE, 2))
        .extracting(CampaignMessage::id)
        .containsExactly("M-1", "M-2");
    assertThat(store.claimDueMessages(now, "B", LEASE, 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-3");
    assertThat(store.claimDueMessages(now.plus(LEASE), "B", LEASE, 10)).isEmpty();
    // claimed messages are still due, just not free
    assertThat(store.findDueMessages(now, 10)).hasSize(3);
  }

  @Test
  public void claimWithFollowUpsFirstTakesEveryDueFollowUpBeforeAnyFirstMessageThenEarliestFirst() {
    storeNewCampaign("C-1");
    store.commit(
        StoreChanges.builder()
            .message(message("M-first-early", "C-1", 0).withScheduled(T0))
            .message(message("M-follow-late", "C-1", 2).withScheduled(T0.plusSeconds(30)))
            .message(message("M-first-late", "C-1", 0).withScheduled(T0.plusSeconds(20)))
            .message(message("M-follow-early", "C-1", 1).withScheduled(T0.plusSeconds(10)))
            .message(message("M-not-due", "C-1", 1).withScheduled(T0.plusSeconds(100)))
            .build());
    Instant now = T0.plusSeconds(60);

    assertThat(store.claimDueMessages(now, "A", LEASE, 3, QueuePriority.FOLLOW_UPS_FIRST))
        .extracting(CampaignMessage::id)
        .containsExactly("M-follow-early", "M-follow-late", "M-first-early");
    assertThat(store.claimDueMessages(now, "B", LEASE, 10, QueuePriority.FOLLOW_UPS_FIRST))
        .extracting(CampaignMessage::id)
        .containsExactly("M-first-late");
  }

  @Test
  public void claimWithFirstMessagesFirstOrEarliestFirstHonoursThatOrder() {
    storeNewCampaign("C-1");
    store.commit(
        StoreChanges.builder()
            .message(message("M-follow", "C-1", 1).withScheduled(T0))
            .message(message("M-first", "C-1", 0).withScheduled(T0.plusSeconds(10)))
            .message(message("M-follow-2", "C-1", 1).withScheduled(T0.plusSeconds(20)))
            .build());
    Instant now = T0.plusSeconds(60);

    assertThat(store.claimDueMessages(now, "A", LEASE, 1, QueuePriority.FIRST_MESSAGES_FIRST))
        .extracting(CampaignMessage::id)
        .containsExactly("M-first");
    assertThat(store.claimDueMessages(now, "B", LEASE, 10, QueuePriority.EARLIEST_FIRST))
        .extracting(CampaignMessage::id)
        .containsExactly("M-follow", "M-follow-2");
  }

  @Test
  public void releasingAnOwnersClaimsFreesThemAtOnceAndLeavesOtherOwnersAndSendingMessagesAlone() {
    storeDue("M-1", "M-2", "M-3");
    Instant now = T0.plusSeconds(10);
    List<CampaignMessage> claimedByA = store.claimDueMessages(now, "A", LEASE, 2);
    assertThat(claimedByA).extracting(CampaignMessage::id).containsExactly("M-1", "M-2");
    assertThat(store.claimDueMessages(now, "B", LEASE, 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-3");
    // "A" recorded M-1 as being sent, then died holding M-2
    store.commit(
        StoreChanges.builder()
            .expectClaim("M-1", "A")
            .message(claimedByA.get(0).withSending("<a@4runr.test>"))
            .build());

    // restarted under the same id, long before its lease ends
    assertThat(store.releaseClaims("A")).isEqualTo(1);
    Instant restart = now.plusSeconds(2);
    assertThat(store.claimDueMessages(restart, "A", LEASE, 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-2");
    // B's claim is untouched and the SENDING message is never claimed again
    assertThat(store.claimDueMessages(restart, "C", LEASE, 10)).isEmpty();
    assertThat(store.findMessages("C-1").get(0).status()).isEqualTo(DeliveryStatus.SENDING);
    assertThat(store.releaseClaims("nobody")).isZero();
  }

  @Test
  public void expiredClaimIsTakenOverAndItsFormerOwnerCanNoLongerCommit() {
    storeDue("M-1");
    CampaignMessage claimed = store.claimDueMessages(T0, "A", LEASE, 10).get(0);

    Instant afterLease = T0.plus(LEASE).plusMillis(1);
    assertThat(store.claimDueMessages(afterLease, "B", LEASE, 10))
        .extracting(CampaignMessage::id)
        .containsExactly("M-1");

    StoreChanges late =
        StoreChanges.builder()
            .expectClaim("M-1", "A")
            .message(claimed.withSending("<late@4runr.test>"))
            .build();
    assertThatThrownBy(() -> store.commit(late))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("M-1");
    assertThat(store.findMessages("C-1").get(0).status()).isEqualTo(DeliveryStatus.SCHEDULED);

    store.commit(
        StoreChanges.builder()
            .expectClaim("M-1", "B")
            .message(claimed.withSending("<b@4runr.test>"))
            .build());
    assertThat(store.findMessageByMessageId("<b@4runr.test>")).isPresent();
  }

  @Test
  public void anyWriteOfTheMessageReleasesItsClaim() {
    storeDue("M-1");
    CampaignMessage claimed = store.claimDueMessages(T0, "A", LEASE, 10).get(0);

    // an operator pauses the campaign meanwhile: the message goes back to PENDING
    store.commit(
        StoreChanges.builder().message(claimed.withStatus(DeliveryStatus.PENDING)).build());

    assertThatThrownBy(
            () ->
                store.commit(
                    StoreChanges.builder()
                        .expectClaim("M-1", "A")
                        .message(claimed.withSending("<x@4runr.test>"))
                        .build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findMessages("C-1").get(0).status()).isEqualTo(DeliveryStatus.PENDING);

    // rescheduled, it is free to claim at once
    store.commit(StoreChanges.builder().message(claimed.withScheduled(T0)).build());
    assertThat(store.claimDueMessages(T0, "B", LEASE, 10)).hasSize(1);
  }

  @Test
  public void concurrentClaimersNeverGetTheSameMessage() throws Exception {
    storeNewCampaign("C-1");
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = 0; i < 200; i++) {
      b.message(message(String.format("M-%03d", i), "C-1", i).withScheduled(T0));
    }
    store.commit(b.build());
    int claimers = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < claimers; i++) {
        String owner = "owner-" + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> mine = new ArrayList<>();
                  while (true) {
                    List<CampaignMessage> batch = store.claimDueMessages(T0, owner, LEASE, 7);
                    if (batch.isEmpty()) {
                      return mine;
                    }
                    batch.forEach(m -> mine.add(m.id()));
                  }
                }));
      }
      start.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> r : results) {
        all.addAll(r.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(200).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Round trips

  @Test
  public void everyFieldOfLeadsCampaignsMessagesEventsAndRepliesSurvivesTheStore() {
    Lead lead =
        Lead.builder("L-full", "ada@example.com")
            .firstName("Ada")
            .lastName("Lovelace")
            .title("Head of Growth")
            .company("Analytical Engines")
            .companyDomain("engines.example")
            .industry("Computing")
            .companySize("51-200")
            .city("London")
            .region("England")
            .country("GB")
            .timezone("Europe/London")
            .emailConfidence("Pattern")
            .companyDescription("Builds engines.")
            .topServices("Engine design; Punched cards")
            .tone("warm")
            .linkedinUrl("https://www.linkedin.com/in/ada-example")
            .engagementStatus("contacted")
            .customField("lead_score", "91")
            .customField("source", "airtable")
            .build();
    CampaignConfig config =
        new CampaignConfig(
            new com.fourrunr.campaign.Sequence(
                "two",
                List.of(
                    new com.fourrunr.campaign.SequenceStep(MessageType.HOOK, 0),
                    new com.fourrunr.campaign.SequenceStep(new MessageType("Nudge"), 5))),
            new Mailbox("sales@4runr.test", "4Runr Sales"),
            4,
            Duration.ofMinutes(7));
    Instant t = Instant.parse("2026-03-02T09:00:00.123456Z");
    Campaign campaign =
        Campaign.start("C-full", lead.id(), config, t)
            .pausedUntil(t.plus(Duration.ofDays(2)), "out of office", t.plusSeconds(1));
    CampaignMessage message =
        new CampaignMessage(
            "M-full",
            "C-full",
            lead.id(),
            1,
            new MessageType("Nudge"),
            "Subject \u00e9",
            "Body\nline 2",
            "<p>Body</p>",
            DeliveryStatus.SENT,
            t,
            t.plusSeconds(3),
            "<full@4runr.test>",
            2,
            "421 try later",
            "250 2.0.0 Ok");
    CampaignEvent event =
        new CampaignEvent(
            "E-full",
            t,
            "C-full",
            lead.id(),
            "M-full",
            new EventPayload.MessageSent("Nudge", "<full@4runr.test>", null, false));
    InboundReply inbound =
        InboundReply.builder("ada@example.com", t)
            .messageId("<in@example.com>")
            .to("sales@4runr.test")
            .subject("Re: Subject")
            .text("Interested")
            .inReplyTo("<full@4runr.test>")
            .references(List.of("<a@4runr.test>", "<full@4runr.test>"))
            .header("Auto-Submitted", "no")
            .header("Received", "one")
            .header("Received", "two")
            .source("imap:INBOX")
            .build();
    StoredReply reply =
        new StoredReply(
            "<in@example.com>",
            inbound,
            "C-full",
            com.fourrunr.campaign.ReplyCategory.INTERESTED,
            "campaign RESPONDED");
    Suppression suppression = new Suppression("ada@example.com", "UNSUBSCRIBE_REQUEST", t);

    Campaign created = Campaign.start("C-full", lead.id(), config, t);
    store.commit(StoreChanges.builder().lead(lead).campaign(created).build());
    store.commit(
        StoreChanges.builder()
            .campaign(campaign)
            .message(message)
            .event(event)
            .reply(reply)
            .suppression(suppression)
            .build());

    assertThat(store.findLead("L-full")).contains(lead);
    assertThat(store.findCampaign("C-full")).contains(campaign);
    assertThat(store.findMessages("C-full")).containsExactly(message);
    assertThat(store.findEvents("C-full")).containsExactly(event);
    assertThat(store.findReply("<in@example.com>")).contains(reply);
    assertThat(store.isSuppressed("ADA@example.com")).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Channel tasks (a store that is also a ChannelTaskStore)

  private com.fourrunr.campaign.channel.ChannelTaskStore taskStore() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        store instanceof com.fourrunr.campaign.channel.ChannelTaskStore,
        "the store keeps no channel tasks");
    return (com.fourrunr.campaign.channel.ChannelTaskStore) store;
  }

  private static com.fourrunr.campaign.channel.ChannelTask task(
      String id,
      String campaignId,
      String account,
      com.fourrunr.campaign.channel.TaskKind kind,
      Instant due) {
    return com.fourrunr.campaign.channel.ChannelTask.waiting(
        id,
        campaignId,
        "L-" + campaignId,
        com.fourrunr.campaign.Channel.LINKEDIN,
        kind,
        account,
        java.net.URI.create("https://www.linkedin.com/in/x"),
        "Hi, I wrote to you by email. Glad to connect here.",
        due.minusSeconds(60),
        due);
  }

  @Test
  public void everyFieldOfAChannelTaskSurvivesTheStoreWithItsEvents() {
    var tasks = taskStore();
    Instant t = Instant.parse("2026-03-02T09:00:00.123456Z");
    var waiting =
        task(
            "T-full", "C-t1", "sales-1", com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE, t);
    CampaignEvent created =
        CampaignEvent.fromStored(
            "E-task",
            EventType.CHANNEL_TASK_CREATED,
            t,
            "C-t1",
            "L-C-t1",
            null,
            Map.of("channel", "LINKEDIN", "taskKind", "CONNECTION_NOTE", "taskId", "T-full"));
    tasks.saveTasks(List.of(waiting), List.of(created));
    var open = waiting.released(t.plusSeconds(5));
    var done =
        open.reported(
            com.fourrunr.campaign.channel.TaskOutcome.REPLIED,
            com.fourrunr.campaign.channel.TaskStatus.DONE,
            t.plusSeconds(9));
    tasks.saveTasks(List.of(open), List.of());
    tasks.saveTasks(List.of(done), List.of());
    var cancelled =
        task(
                "T-c",
                "C-t1",
                "sales-1",
                com.fourrunr.campaign.channel.TaskKind.FOLLOW_UP,
                t.plusSeconds(1))
            .cancelled("the lead answered \u00e9");
    tasks.saveTasks(
        List.of(
            task(
                "T-c",
                "C-t1",
                "sales-1",
                com.fourrunr.campaign.channel.TaskKind.FOLLOW_UP,
                t.plusSeconds(1))),
        List.of());
    tasks.saveTasks(List.of(cancelled), List.of());

    assertThat(tasks.findTask("T-full")).contains(done);
    assertThat(tasks.findTask("T-c")).contains(cancelled);
    assertThat(tasks.findTasksByCampaign("C-t1")).containsExactly(done, cancelled);
    assertThat(tasks.findTask("T-none")).isEmpty();
    assertThat(store.findEvents("C-t1")).containsExactly(created);
  }

  @Test
  public void aStaleTaskVersionIsRefusedWithNothingWritten() {
    var tasks = taskStore();
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    var waiting =
        task("T-v", "C-v", "a", com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE, t);
    tasks.saveTasks(List.of(waiting), List.of());
    tasks.saveTasks(List.of(waiting.released(t)), List.of());
    CampaignEvent e =
        CampaignEvent.fromStored(
            "E-stale", EventType.CHANNEL_TASK_CANCELLED, t, "C-v", "L-C-v", null, Map.of());
    var other = task("T-v2", "C-v", "a", com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE, t);

    assertThatThrownBy(() -> tasks.saveTasks(List.of(other, waiting.cancelled("late")), List.of(e)))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> tasks.saveTasks(List.of(waiting), List.of()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(tasks.findTask("T-v").orElseThrow().status())
        .isEqualTo(com.fourrunr.campaign.channel.TaskStatus.OPEN);
    assertThat(tasks.findTask("T-v2")).isEmpty();
    assertThat(store.findEvents("C-v")).isEmpty();
  }

  @Test
  public void dueTasksAreWaitingOnesUpToNowEarliestFirstAndReleasedOnesAreCountedPerAccount() {
    var tasks = taskStore();
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    var note = com.fourrunr.campaign.channel.TaskKind.CONNECTION_NOTE;
    tasks.saveTasks(
        List.of(
            task("T-3", "C-d", "a", note, t.plusSeconds(30)),
            task("T-1", "C-d", "a", note, t),
            task("T-2", "C-d", "b", note, t.plusSeconds(10)),
            task("T-4", "C-d", "a", note, t.plusSeconds(3600))),
        List.of());
    assertThat(tasks.findDueTasks(t.plusSeconds(30), 10))
        .extracting(c -> c.id())
        .containsExactly("T-1", "T-2", "T-3");
    assertThat(tasks.findDueTasks(t.plusSeconds(30), 2))
        .extracting(c -> c.id())
        .containsExactly("T-1", "T-2");

    var t1 = tasks.findTask("T-1").orElseThrow();
    var t2 = tasks.findTask("T-2").orElseThrow();
    var t3 = tasks.findTask("T-3").orElseThrow();
    tasks.saveTasks(
        List.of(
            t1.released(t.plusSeconds(100)),
            t2.released(t.plusSeconds(50)),
            t3.released(t.plusSeconds(40))),
        List.of());
    tasks.saveTasks(List.of(tasks.findTask("T-3").orElseThrow().cancelled("paused")), List.of());

    assertThat(tasks.findDueTasks(t.plusSeconds(30), 10)).isEmpty();
    assertThat(tasks.findReleasedTasks("a", t))
        .extracting(c -> c.id())
        .containsExactly("T-3", "T-1");
    assertThat(tasks.findReleasedTasks("a", t.plusSeconds(41)))
        .extracting(c -> c.id())
        .containsExactly("T-1");
    assertThat(tasks.findReleasedTasks("b", t)).extracting(c -> c.id()).containsExactly("T-2");
    assertThat(tasks.findTasksByStatus(com.fourrunr.campaign.channel.TaskStatus.OPEN, null, 10))
        .extracting(c -> c.id())
        .containsExactly("T-1", "T-2");
    assertThat(tasks.findTasksByStatus(com.fourrunr.campaign.channel.TaskStatus.OPEN, "T-1", 10))
        .extracting(c -> c.id())
        .containsExactly("T-2");
    assertThat(tasks.findTasksByStatus(com.fourrunr.campaign.channel.TaskStatus.OPEN, null, 1))
        .extracting(c -> c.id())
        .containsExactly("T-1");
    assertThat(tasks.findTasksByStatus(com.fourrunr.campaign.channel.TaskStatus.WAITING, null, 10))
        .extracting(c -> c.id())
        .containsExactly("T-4");
  }
}
