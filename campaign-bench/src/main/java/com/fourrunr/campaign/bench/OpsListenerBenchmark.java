package com.fourrunr.campaign.bench;

import com.fourrunr.campaign.Campaign;
import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.CampaignEvent;
import com.fourrunr.campaign.CampaignListener;
import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.EventType;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.ops.CampaignActivity;
import com.fourrunr.campaign.ops.CampaignMetrics;
import com.fourrunr.campaign.spi.StoreChanges;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost the operations listeners add to each engine event: the activity counter and the
 * Micrometer metrics told of one MESSAGE_SENT, against a listener that only reads the event type
 * (the baseline).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpsListenerBenchmark {
  final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T08:00:00Z"));
  CampaignActivity activity;
  CampaignMetrics metrics;
  CampaignEvent sent;
  int seen;
  final CampaignListener baseline = e -> seen += e.type() == EventType.MESSAGE_SENT ? 1 : 0;

  @Setup
  public void setUp() {
    InMemoryCampaignStore store = new InMemoryCampaignStore();
    Lead lead = Lead.builder("L-1", "ada@example.com").firstName("Ada").build();
    store.commit(
        StoreChanges.builder()
            .lead(lead)
            .campaign(
                Campaign.start(
                    "C-1",
                    "L-1",
                    CampaignConfig.defaults(new Mailbox("hello@4runr.example", "4Runr")),
                    clock.instant()))
            .build());
    // A short retention keeps the window bounded as the benchmark adds timestamps.
    activity = CampaignActivity.create(store, clock, Duration.ofMinutes(1));
    metrics = CampaignMetrics.create(new SimpleMeterRegistry(), activity);
    sent =
        new CampaignEvent(
            "E-1",
            clock.instant(),
            "C-1",
            "L-1",
            "M-1",
            new EventPayload.MessageSent("Hook", "<m1@4runr.example>", null, false));
  }

  @Benchmark
  public int baselineTypeOnly() {
    baseline.onEvent(sent);
    return seen;
  }

  @Benchmark
  public void activityAndMetrics() {
    activity.onEvent(sent);
    metrics.onEvent(sent);
  }
}
