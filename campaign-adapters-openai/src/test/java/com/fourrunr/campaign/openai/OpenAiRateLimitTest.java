package com.fourrunr.campaign.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Sequence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent generation against a MockWebServer that keeps per-window request and token limits on a
 * settable clock and advertises them in OpenAI's rate-limit headers: the client never goes over
 * them, whatever the number of callers.
 */
class OpenAiRateLimitTest {
  private static final String KEY = "sk-test-SECRET-0123456789";
  private static final Instant START = Instant.parse("2026-12-05T09:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(1);
  private static final Lead ADA =
      Lead.builder("L-1", "ada@example.com")
          .firstName("Ada")
          .title("CTO")
          .company("Analytical Engines")
          .industry("Computing")
          .companyDescription("Analytical Engines builds programmable calculating machines.")
          .topServices("Engine design;Punch-card programming")
          .build();
  private static final String BODY =
      "Hi Ada,\n\nAnalytical Engines caught my attention: programmable calculating machines.\n\n"
          + "Best,\nThe 4Runr team";

  private final MockWebServer server = new MockWebServer();
  private final SimClock clock = new SimClock(START);
  private final List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService callers = Executors.newFixedThreadPool(6);

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    callers.shutdownNow();
    server.close();
  }

  /** A clock the sleeper moves forward: no test waits in real time for a reset. */
  static final class SimClock extends Clock {
    private final AtomicReference<Instant> now;

    SimClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /**
   * The API's limits per one-second window of the settable clock: it counts each request and its
   * tokens in the window it arrives in, answers with the remaining allowance and the time to the
   * window's end, and answers 429 when a request goes over.
   */
  final class LimitedApi extends Dispatcher {
    private final long requestsPerWindow;
    private long tokensPerWindow;
    private final double tokensInCalls;
    long cost;
    final Map<Long, Integer> requests = new TreeMap<>();
    final Map<Long, Long> tokens = new TreeMap<>();
    int overLimit;

    /**
     * @param tokensInCalls the tokens per window as a multiple of one call's tokens (every call
     *     here asks the same), or 0 for no token limit
     */
    LimitedApi(long requestsPerWindow, double tokensInCalls) {
      this.requestsPerWindow = requestsPerWindow;
      this.tokensInCalls = tokensInCalls;
      this.tokensPerWindow = Long.MAX_VALUE / 2;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      Instant now = clock.instant();
      long elapsed = Duration.between(START, now).toMillis();
      long window = elapsed / WINDOW.toMillis();
      cost = ChatClient.estimateTokens(request.getBody().utf8());
      if (tokensInCalls > 0) {
        tokensPerWindow = (long) (cost * tokensInCalls);
      }
      int count = requests.merge(window, 1, Integer::sum);
      long used = tokens.merge(window, cost, Long::sum);
      String reset = ((window + 1) * WINDOW.toMillis() - elapsed) + "ms";
      MockResponse.Builder answer =
          new MockResponse.Builder()
              .addHeader("x-ratelimit-remaining-requests", Math.max(0, requestsPerWindow - count))
              .addHeader("x-ratelimit-reset-requests", reset)
              .addHeader("x-ratelimit-remaining-tokens", Math.max(0, tokensPerWindow - used))
              .addHeader("x-ratelimit-reset-tokens", reset);
      if (count > requestsPerWindow || used > tokensPerWindow) {
        overLimit++;
        return answer
            .code(429)
            .body(
                "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}")
            .build();
      }
      try {
        return answer.code(200).body(completion()).build();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static String completion() throws Exception {
    return OpenAiMessageGeneratorTest.completion(
        OpenAiMessageGeneratorTest.message("Engine design at Analytical Engines", BODY));
  }

  private OpenAiConfig.Builder config() {
    return OpenAiConfig.builder(KEY)
        .baseUrl(server.url("/v1").toString())
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
        .retries(3, Duration.ofMillis(200), Duration.ofSeconds(2));
  }

  private OpenAiMessageGenerator generator(OpenAiConfig config) {
    return OpenAiMessageGenerator.create(
        config,
        d -> {
          waits.add(d);
          clock.advance(d);
        },
        clock);
  }

  private List<GeneratedMessage> generateConcurrently(OpenAiMessageGenerator g, int n)
      throws Exception {
    List<Future<GeneratedMessage>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(
          callers.submit(
              () ->
                  g.generate(new GenerationRequest(ADA, Sequence.hookProofFomo(), 0, List.of()))));
    }
    List<GeneratedMessage> out = new ArrayList<>();
    for (Future<GeneratedMessage> f : futures) {
      out.add(f.get(20, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void sixConcurrentCallersMakeAtMostTwoRequestsPerWindowWhenTwoRemain() throws Exception {
    LimitedApi api = new LimitedApi(2, 0);
    server.setDispatcher(api);

    List<GeneratedMessage> messages = generateConcurrently(generator(config().build()), 6);

    assertThat(messages).hasSize(6).allSatisfy(m -> assertThat(m.info().attempts()).isEqualTo(1));
    assertThat(api.overLimit).isZero();
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(api.requests.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(2));
    assertThat(api.requests.keySet()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(Duration.between(START, clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void tokensPerWindowAreKeptByReservingEachRequestsEstimate() throws Exception {
    LimitedApi api = new LimitedApi(1_000, 2.5);
    server.setDispatcher(api);

    List<GeneratedMessage> messages = generateConcurrently(generator(config().build()), 6);

    assertThat(messages).hasSize(6);
    assertThat(api.overLimit).isZero();
    assertThat(api.tokens.values())
        .allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(api.tokensPerWindow));
    assertThat(api.requests.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(2));
    assertThat(api.requests.keySet()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void rateLimitExceededWithRetryAfterIsWaitedOutOnTheClockAndSucceeds() throws Exception {
    List<Instant> arrivals = new ArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public synchronized MockResponse dispatch(RecordedRequest request) {
            arrivals.add(clock.instant());
            if (arrivals.size() == 1) {
              return new MockResponse.Builder()
                  .code(429)
                  .addHeader("retry-after", "3")
                  .body(
                      "{\"error\":{\"message\":\"Rate limit reached for requests\","
                          + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                  .build();
            }
            try {
              return new MockResponse.Builder().code(200).body(completion()).build();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });

    List<GeneratedMessage> messages = generateConcurrently(generator(config().build()), 3);

    assertThat(messages).hasSize(3);
    assertThat(arrivals).hasSize(4);
    // Nobody called again before the three seconds the 429 asked for.
    assertThat(arrivals.subList(1, 4))
        .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(arrivals.get(0).plusSeconds(3)));
  }

  @Test
  void insufficientQuotaFailsFastWithoutWaiting() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("x-ratelimit-remaining-requests", "0")
            .addHeader("x-ratelimit-reset-requests", "6m0s")
            .body(
                "{\"error\":{\"message\":\"You exceeded your current quota\","
                    + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}")
            .build());

    assertThatThrownBy(
            () ->
                generator(config().build())
                    .generate(new GenerationRequest(ADA, Sequence.hookProofFomo(), 0, List.of())))
        .isInstanceOfSatisfying(
            OpenAiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("insufficient_quota");
              assertThat(e.attempts()).isEqualTo(1);
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(waits).isEmpty();
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void noMoreCallsInFlightThanMaxConcurrency() throws Exception {
    int[] inFlight = {0};
    int[] most = {0};
    int[] arrived = {0};
    Object lock = new Object();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            synchronized (lock) {
              inFlight[0]++;
              arrived[0]++;
              most[0] = Math.max(most[0], inFlight[0]);
              lock.notifyAll();
              // Hold each answer (but the first and the last) until the next call has come, so a
              // client that allowed more in flight would show it; bounded so a bug cannot hang.
              int mine = arrived[0];
              long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
              while (mine > 1 && mine < 6 && arrived[0] == mine) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                  break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
              }
              inFlight[0]--;
            }
            try {
              return new MockResponse.Builder().code(200).body(completion()).build();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });

    List<GeneratedMessage> messages =
        generateConcurrently(generator(config().maxConcurrency(2).build()), 6);

    assertThat(messages).hasSize(6);
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(most[0]).isEqualTo(2);
  }
}
