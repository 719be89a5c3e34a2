package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.CampaignEngineBuilder;
import com.fourrunr.campaign.CampaignMessage;
import com.fourrunr.campaign.DeliveryStatus;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendSchedule;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Retry waits from a resilience4j {@link IntervalFunction}: exponential backoff, with or without
 * jitter.
 */
class RetryIntervalsTest {
  private static final Instant DAY0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Lead ADA =
      Lead.builder("L-ada", "ada@engines.example")
          .firstName("Ada")
          .company("Analytical Engines")
          .companyDescription("Analytical Engines builds calculating machines.")
          .topServices("Engine design")
          .emailConfidence(EmailConfidence.REAL)
          .build();

  private final SettableClock clock = new SettableClock(DAY0);
  private final InMemoryCampaignStore store = new InMemoryCampaignStore();
  private final RecordingSender sender = new RecordingSender();

  private CampaignMessage first() {
    return store.findMessages(store.findCampaignsByLead(ADA.id()).get(0).id()).get(0);
  }

  /** Fails the first two attempts, follows each retry to its time; returns the waits. */
  private List<Duration> waitsUntilSent(CampaignEngine engine) {
    sender.failNext(SendException.transientFailure("421 4.7.0 try later", 421));
    sender.failNext(SendException.transientFailure("421 4.7.0 try later", 421));
    engine.enrol(List.of(ADA));
    List<Duration> waits = new ArrayList<>();
    engine.runDue();
    while (first().status() == DeliveryStatus.SCHEDULED) {
      Instant retryAt = first().scheduledAt();
      waits.add(Duration.between(clock.instant(), retryAt));
      clock.set(retryAt);
      engine.runDue();
    }
    return waits;
  }

  private CampaignEngineBuilder engine() {
    return CampaignEngine.builder()
        .store(store)
        .sender(sender)
        .clock(clock)
        .schedule(SendSchedule.calendarDays())
        .from(new Mailbox("hello@4runr.test", "4Runr"));
  }

  @Test
  void exponentialBackoffFromAnIntervalFunctionSetsEachRetry() {
    List<Duration> waits =
        waitsUntilSent(
            engine()
                .retryIntervals(IntervalFunction.ofExponentialBackoff(Duration.ofMinutes(2), 3.0))
                .build());

    assertThat(waits).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(6));
    assertThat(first().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sender.sent()).hasSize(1);
  }

  @Test
  void jitteredBackoffStaysWithinItsRandomisationBounds() {
    List<Duration> waits =
        waitsUntilSent(
            engine()
                .retryIntervals(
                    IntervalFunction.ofExponentialRandomBackoff(Duration.ofMinutes(10), 2.0, 0.5))
                .build());

    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(15));
    assertThat(waits.get(1)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(30));
    assertThat(first().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sender.sent()).hasSize(1);
  }
}
