package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The queue's hot path in memory, with {@code size} messages waiting: enqueue one message (a commit
 * of a scheduled message) and take the earliest due one (claim, then the claimed write that
 * releases it), on the in-memory store the tests and the demo use; once earliest first, once in the
 * engine's default order (follow-ups first, half the messages being follow-ups). Beside them, the
 * same enqueue and take on a bare {@link PriorityQueue} ordered by due time: the floor of any
 * in-memory queue.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueBenchmark {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  @Param({"1000", "100000"})
  int size;

  InMemoryCampaignStore store;
  PriorityQueue<CampaignMessage> baseline;
  long next;

  private CampaignMessage message(long i) {
    String id = "M-" + i;
    // every other one a follow-up, so the follow-ups-first order has two groups to merge
    int step = (int) (i % 2);
    return CampaignMessage.pending(
            id,
            "C-" + i,
            "L-" + i,
            step,
            step == 0 ? MessageType.HOOK : MessageType.PROOF,
            "Subject",
            "Body",
            null)
        .withScheduled(T0.plusSeconds(i % 86_400));
  }

  @Setup(Level.Iteration)
  public void fill() {
    store = new InMemoryCampaignStore();
    baseline =
        new PriorityQueue<>(
            Comparator.comparing(CampaignMessage::scheduledAt).thenComparing(CampaignMessage::id));
    StoreChanges.Builder b = StoreChanges.builder();
    for (long i = 0; i < size; i++) {
      CampaignMessage m = message(i);
      b.message(m);
      baseline.add(m);
    }
    store.commit(b.build());
    next = size;
  }

  @Benchmark
  public CampaignMessage storeEnqueueAndTakeDue() {
    store.commit(StoreChanges.builder().message(message(next++)).build());
    List<CampaignMessage> due =
        store.claimDueMessages(T0.plus(Duration.ofDays(2)), "bench", LEASE, 1);
    CampaignMessage taken = due.get(0);
    // the claimed write that takes it off the queue (the engine's move to SENDING)
    store.commit(
        StoreChanges.builder()
            .expectClaim(taken.id(), "bench")
            .message(taken.withSending("<" + taken.id() + "@4runr.test>"))
            .build());
    return taken;
  }

  /**
   * The same, taking due messages in the engine's default order: follow-ups first, then earliest.
   */
  @Benchmark
  public CampaignMessage storeEnqueueAndTakeDueFollowUpsFirst() {
    store.commit(StoreChanges.builder().message(message(next++)).build());
    List<CampaignMessage> due =
        store.claimDueMessages(
            T0.plus(Duration.ofDays(2)), "bench", LEASE, 1, QueuePriority.FOLLOW_UPS_FIRST);
    CampaignMessage taken = due.get(0);
    store.commit(
        StoreChanges.builder()
            .expectClaim(taken.id(), "bench")
            .message(taken.withSending("<" + taken.id() + "@4runr.test>"))
            .build());
    return taken;
  }

  @Benchmark
  public CampaignMessage baselinePriorityQueue() {
    baseline.add(message(next++));
    return baseline.poll();
  }
}
