package com.fourrunr.campaign.testing;

import static com.fourrunr.campaign.testing.StoreContractFixtures.LEASE;
import static com.fourrunr.campaign.testing.StoreContractFixtures.T0;
import static com.fourrunr.campaign.testing.StoreContractFixtures.message;
import static com.fourrunr.campaign.testing.StoreContractFixtures.storeNewCampaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
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
