package com.fourrunr.campaign.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EmailConfidence;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine enrols through the OpenAI generator with several model calls in flight, never more
 * than the configured {@code maxConcurrency}.
 */
class OpenAiConcurrentEnrolmentTest {
  private static final Instant START = Instant.parse("2026-12-05T09:00:00Z");
  private static final int LEADS = 20;
  private static final int BOUND = 4;

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Counts the calls in flight. The first call is answered at once (the client lets one call go
   * before it has seen the account's limits); the next {@link #BOUND} are each held until that many
   * are in flight together (bounded, so a client that allowed fewer cannot hang the test).
   */
  static final class CountingApi extends Dispatcher {
    private final Object lock = new Object();
    int inFlight;
    int most;
    int arrived;
    boolean reached;

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      synchronized (lock) {
        inFlight++;
        arrived++;
        most = Math.max(most, inFlight);
        reached |= inFlight >= BOUND;
        lock.notifyAll();
        int mine = arrived;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (mine > 1 && mine <= 1 + BOUND && !reached) {
          long left = until - System.nanoTime();
          if (left <= 0) {
            break;
          }
          lock.wait(Math.max(1, left / 1_000_000));
        }
        inFlight--;
      }
      try {
        return new MockResponse.Builder()
            .code(200)
            .addHeader("x-ratelimit-remaining-requests", "9999")
            .addHeader("x-ratelimit-reset-requests", "1s")
            .addHeader("x-ratelimit-remaining-tokens", "9999999")
            .addHeader("x-ratelimit-reset-tokens", "1s")
            .body(
                OpenAiMessageGeneratorTest.completion(
                    OpenAiMessageGeneratorTest.message(
                        "Engine design at Analytical Engines",
                        "Hi Ada,\n\nAnalytical Engines caught my attention: programmable"
                            + " calculating machines.\n\nBest,\nThe 4Runr team")))
            .build();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void twentyLeadsAreWrittenWithUpToFourCallsInFlight() {
    CountingApi api = new CountingApi();
    server.setDispatcher(api);
    SettableClock clock = new SettableClock(START);
    OpenAiMessageGenerator generator =
        OpenAiMessageGenerator.create(
            OpenAiConfig.builder("sk-test-SECRET-0123456789")
                .baseUrl(server.url("/v1").toString())
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(20))
                .retries(1, Duration.ofMillis(10), Duration.ofMillis(10))
                .maxConcurrency(BOUND)
                .build(),
            d -> clock.advance(d),
            clock);
    assertThat(generator.maxConcurrency()).isEqualTo(BOUND);
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(new InMemoryCampaignStore())
            .sender(new RecordingSender())
            .clock(clock)
            .schedule(SendSchedule.calendarDays())
            .from(new Mailbox("hello@4runr.test", "4Runr"))
            .generator(generator)
            .build();
    List<Lead> leads = new ArrayList<>();
    for (int i = 1; i <= LEADS; i++) {
      leads.add(
          Lead.builder("L-" + i, "ada" + i + "@engines" + i + ".example")
              .firstName("Ada")
              .company("Analytical Engines")
              .companyDescription("Analytical Engines builds programmable calculating machines.")
              .topServices("Engine design")
              .emailConfidence(EmailConfidence.REAL)
              .build());
    }

    EnrolmentReport report = engine.enrol(leads);

    assertThat(report.enrolled()).isEqualTo(LEADS);
    // every lead's three steps at least once (gates that fail ask again)
    assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(LEADS * 3);
    assertThat(api.most).isEqualTo(BOUND);
  }
}
