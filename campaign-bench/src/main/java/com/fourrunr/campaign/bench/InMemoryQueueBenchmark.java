package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.QueuePriority;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The queue's hot path on the in-memory store with {@code entries} scheduled messages: claim a
 * batch of 100 (follow-ups first) and write each back as due now (behind the others), so the queue
 * keeps its size. Beside it, the same work on a bare {@link PriorityQueue} with the same order:
 * poll 100, add them back as due now. The goal (issue 20): the store within 2x of the {@code
 * PriorityQueue}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class InMemoryQueueBenchmark {
  private static final int BATCH = 100;
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Param({"100000"})
  int entries;

  InMemoryCampaignStore store;
  PriorityQueue<CampaignMessage> queue;
  Instant now;

  @Setup
  public void fill() {
    store = new InMemoryCampaignStore();
    queue = new PriorityQueue<>(QueuePriority.FOLLOW_UPS_FIRST.order());
    CampaignConfig config = CampaignConfig.defaults(new Mailbox("hello@4runr.test", "4Runr"));
    StoreChanges.Builder b = StoreChanges.builder();
    for (int i = 0; i < entries; i++) {
      String id = String.format("%07d", i);
      b.campaign(Campaign.start("C-" + id, "L-" + id, config, T0));
      CampaignMessage m =
          CampaignMessage.pending(
                  "M-" + id,
                  "C-" + id,
                  "L-" + id,
                  i % 5 == 0 ? 1 : 0,
                  MessageType.HOOK,
                  "s",
                  "b",
                  null)
              .withScheduled(T0.plusSeconds(i));
      b.message(m);
      queue.add(m);
    }
    store.commit(b.build());
    now = T0.plusSeconds(entries);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int inMemoryStore() {
    now = now.plusSeconds(1);
    List<CampaignMessage> batch =
        store.claimDueMessages(
            now, "bench", Duration.ofMinutes(5), BATCH, QueuePriority.FOLLOW_UPS_FIRST);
    for (CampaignMessage m : batch) {
      store.commit(
          StoreChanges.builder()
              .expectClaim(m.id(), "bench")
              .message(m.withScheduled(now))
              .build());
    }
    return batch.size();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int baselinePriorityQueue() {
    now = now.plusSeconds(1);
    CampaignMessage[] batch = new CampaignMessage[BATCH];
    int n = 0;
    while (n < BATCH && !queue.isEmpty()) {
      batch[n++] = queue.poll();
    }
    for (int i = 0; i < n; i++) {
      queue.add(batch[i].withScheduled(now));
    }
    return n;
  }
}
