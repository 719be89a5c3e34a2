package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.StoreContractFixtures.LEASE;
import static com.fourrunr.campaign.testing.StoreContractFixtures.T0;
import static com.fourrunr.campaign.testing.StoreContractFixtures.message;
import static com.fourrunr.campaign.testing.StoreContractFixtures.storeNewCampaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.spi.CampaignStore;
import com.fourrunr.campaign.spi.ConcurrentUpdateException;
import com.fourrunr.campaign.spi.StoreChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a {@link CampaignStore} leases due messages to senders: claims in priority order, leases that
 * expire, released claims and claim checks on commit, and concurrent claimers that never share a
 * message. {@link CampaignStoreContract} runs these cases.
 */
public interface ClaimContract {
  /** The store under test, new and empty for each test. */
  CampaignStore storeUnderTest();

  private static void storeDue(CampaignStore store, String... ids) {
    storeNewCampaign(store, "C-1");
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = 0; i < ids.length; i++) {
      b.message(message(ids[i], "C-1", i).withScheduled(T0.plusSeconds(i)));
    }
    store.commit(b.build());
  }

  @Test
  default void claimTakesDueMessagesEarliestFirstAndNotAgainUntilTheLeaseEnds() {
    CampaignStore store = storeUnderTest();
    storeDue(store, "M-1", "M-2", "M-3");
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
  default void
      claimWithFollowUpsFirstTakesEveryDueFollowUpBeforeAnyFirstMessageThenEarliestFirst() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
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
  default void claimWithFirstMessagesFirstOrEarliestFirstHonoursThatOrder() {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
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
  default void releasingAnOwnersClaimsFreesThemAtOnceAndLeavesOtherOwnersAndSendingMessagesAlone() {
    CampaignStore store = storeUnderTest();
    storeDue(store, "M-1", "M-2", "M-3");
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
  default void expiredClaimIsTakenOverAndItsFormerOwnerCanNoLongerCommit() {
    CampaignStore store = storeUnderTest();
    storeDue(store, "M-1");
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
  default void anyWriteOfTheMessageReleasesItsClaim() {
    CampaignStore store = storeUnderTest();
    storeDue(store, "M-1");
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
  default void
      aClaimedBatchIsWrittenWholeWithEveryDeliveryFieldOrRefusedWholeWhenOneClaimWasLost() {
    CampaignStore store = storeUnderTest();
    storeDue(store, "M-1", "M-2", "M-3");
    Instant now = T0.plusSeconds(10);
    List<CampaignMessage> claimed = store.claimDueMessages(now, "A", LEASE, 10);
    assertThat(claimed).extracting(CampaignMessage::id).containsExactly("M-1", "M-2", "M-3");
    // an operator's write of M-2 releases A's claim on it
    store.commit(
        StoreChanges.builder().message(claimed.get(1).withStatus(DeliveryStatus.PENDING)).build());

    Instant sentAt = Instant.parse("2026-03-02T09:00:10.123456Z");
    StoreChanges.Builder all = StoreChanges.builder();
    for (CampaignMessage m : claimed) {
      all.expectClaim(m.id(), "A").message(sentWithEveryField(m, sentAt));
    }
    assertThatThrownBy(() -> store.commit(all.build()))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("M-2")
        .hasMessageContaining("'A'");
    assertThat(store.findMessages("C-1"))
        .extracting(CampaignMessage::status)
        .containsExactly(
            DeliveryStatus.SCHEDULED, DeliveryStatus.PENDING, DeliveryStatus.SCHEDULED);

    // the refused commit wrote nothing and released nothing: A still holds M-1 and M-3
    CampaignMessage first = sentWithEveryField(claimed.get(0), sentAt);
    CampaignMessage third = sentWithEveryField(claimed.get(2), sentAt);
    store.commit(
        StoreChanges.builder()
            .expectClaim("M-1", "A")
            .message(first)
            .expectClaim("M-3", "A")
            .message(third)
            .build());
    assertThat(store.findMessages("C-1"))
        .containsExactly(first, claimed.get(1).withStatus(DeliveryStatus.PENDING), third);
    assertThat(store.findMessageByMessageId("<M-3@4runr.test>")).contains(third);
    // the write released both claims
    assertThatThrownBy(
            () ->
                store.commit(
                    StoreChanges.builder()
                        .expectClaim("M-1", "A")
                        .message(first.withStatus(DeliveryStatus.SENT))
                        .expectClaim("M-3", "A")
                        .message(third)
                        .build()))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("M-1");
  }

  /**
   * {@code m} sent, with every delivery field set (text that needs quoting, nulls beside values):
   * what a claimed write stores. Its copy is the one it was claimed with.
   */
  private static CampaignMessage sentWithEveryField(CampaignMessage m, Instant at) {
    return new CampaignMessage(
        m.id(),
        m.campaignId(),
        m.leadId(),
        m.stepIndex(),
        m.type(),
        m.subject(),
        m.textBody(),
        m.htmlBody(),
        DeliveryStatus.SENT,
        at.minusSeconds(60),
        at,
        "<" + m.id() + "@4runr.test>",
        m.attempts() + 1,
        m.id().equals("M-3") ? "421 try later, \"quoted\" {braced}\nline 2 \u00e9" : null,
        m.id().equals("M-1") ? null : "250 2.0.0 Ok \u00e9");
  }

  /**
   * {@code m} with another step, type, subject and bodies: a copy that a claimed write must not
   * store.
   */
  private static CampaignMessage withOtherCopy(CampaignMessage m) {
    return new CampaignMessage(
        m.id(),
        m.campaignId(),
        m.leadId(),
        m.stepIndex() + 5,
        MessageType.FOMO,
        "Another subject",
        "Another body",
        "<p>Another body</p>",
        m.status(),
        m.scheduledAt(),
        m.sentAt(),
        m.messageId(),
        m.attempts(),
        m.lastError(),
        m.providerResponse());
  }

  @Test
  default void aClaimedWriteStoresTheDeliveryAndKeepsTheCopyTheMessageWasClaimedWith() {
    CampaignStore store = storeUnderTest();
    storeDue(store, "M-1", "M-2", "M-3", "M-4");
    Instant now = T0.plusSeconds(10);
    List<CampaignMessage> claimed = store.claimDueMessages(now, "A", LEASE, 10);
    assertThat(claimed).extracting(CampaignMessage::id).containsExactly("M-1", "M-2", "M-3", "M-4");
    Instant sentAt = Instant.parse("2026-03-02T09:00:10.123456Z");
    CampaignMessage[] sent = new CampaignMessage[4];
    for (int i = 0; i < 4; i++) {
      sent[i] = sentWithEveryField(claimed.get(i), sentAt);
    }

    // a message alone, a message with an event, and a batch of two: each writes only the delivery
    store.commit(
        StoreChanges.builder().expectClaim("M-1", "A").message(withOtherCopy(sent[0])).build());
    store.commit(
        StoreChanges.builder()
            .expectClaim("M-2", "A")
            .message(withOtherCopy(sent[1]))
            .event(StoreContractFixtures.event("E-1", EventType.MESSAGE_SENT, "C-1"))
            .build());
    store.commit(
        StoreChanges.builder()
            .expectClaim("M-3", "A")
            .message(withOtherCopy(sent[2]))
            .expectClaim("M-4", "A")
            .message(withOtherCopy(sent[3]))
            .build());

    assertThat(store.findMessages("C-1")).containsExactly(sent);
    assertThat(store.findMessageByMessageId("<M-4@4runr.test>")).contains(sent[3]);
    // the claims were released; a write without a claim stores the whole message, copy and all
    assertThat(store.claimDueMessages(now, "B", LEASE, 10)).isEmpty();
    CampaignMessage rewritten = withOtherCopy(sent[0]);
    store.commit(StoreChanges.builder().message(rewritten).build());
    assertThat(store.findMessages("C-1")).contains(rewritten);
  }

  @Test
  default void aDeliveryWriteStoresTheDeliveryKeepsTheStoredCopyAndBringsNoMessageBack() {
    CampaignStore store = storeUnderTest();
    storeDue(store, "M-1", "M-2", "M-3");
    Instant now = T0.plusSeconds(10);
    List<CampaignMessage> claimed = store.claimDueMessages(now, "A", LEASE, 10);
    assertThat(claimed).hasSize(3);
    Instant sentAt = Instant.parse("2026-03-02T09:00:10.123456Z");
    CampaignMessage[] sent = new CampaignMessage[3];
    for (int i = 0; i < 3; i++) {
      sent[i] = sentWithEveryField(claimed.get(i), sentAt);
    }

    // one alone, then a batch of two: only the delivery is written, and the claims are released
    store.commit(StoreChanges.builder().messageDelivery(withOtherCopy(sent[0])).build());
    store.commit(
        StoreChanges.builder()
            .messageDelivery(withOtherCopy(sent[1]))
            .messageDelivery(withOtherCopy(sent[2]))
            .event(StoreContractFixtures.event("E-1", EventType.MESSAGE_SENT, "C-1"))
            .build());

    assertThat(store.findMessages("C-1")).containsExactly(sent);
    assertThat(store.findMessageByMessageId("<M-3@4runr.test>")).contains(sent[2]);
    assertThat(store.findEvents("C-1")).extracting(CampaignEvent::id).containsExactly("E-1");
    // a delivery write of a message that is not stored writes nothing
    CampaignMessage gone =
        sentWithEveryField(
            CampaignMessage.pending("M-9", "C-1", "L-1", 0, MessageType.HOOK, "s", "b", null),
            sentAt);
    store.commit(StoreChanges.builder().messageDelivery(gone).build());
    assertThat(store.findMessages("C-1")).containsExactly(sent);
  }

  @Test
  default void claimsExpectedWithoutAWriteOfTheirMessagesAreCheckedTogether() {
    CampaignStore store = storeUnderTest();
    storeDue(store, "M-1", "M-2", "M-3");
    Instant now = T0.plusSeconds(10);
    assertThat(store.claimDueMessages(now, "A", LEASE, 2)).hasSize(2);
    assertThat(store.claimDueMessages(now, "B", LEASE, 2)).hasSize(1);

    assertThatThrownBy(
            () ->
                store.commit(
                    StoreChanges.builder()
                        .expectClaim("M-1", "A")
                        .expectClaim("M-2", "A")
                        .expectClaim("M-3", "A")
                        .event(
                            StoreContractFixtures.event("E-1", EventType.MESSAGE_SCHEDULED, "C-1"))
                        .build()))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("M-3");
    assertThat(store.findEvents("C-1")).isEmpty();

    store.commit(
        StoreChanges.builder()
            .expectClaim("M-1", "A")
            .expectClaim("M-2", "A")
            .event(StoreContractFixtures.event("E-1", EventType.MESSAGE_SCHEDULED, "C-1"))
            .build());
    assertThat(store.findEvents("C-1")).extracting(e -> e.id()).containsExactly("E-1");
  }

  @Test
  default void concurrentClaimersNeverGetTheSameMessage() throws Exception {
    CampaignStore store = storeUnderTest();
    storeNewCampaign(store, "C-1");
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
}
