package com.fourrunr.campaign.airtable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * At most {@code permits} requests in any window of one second, judged on the injected clock: a
 * request waits (through the sleeper) until the oldest of the last {@code permits} requests is a
 * second old. Thread-safe: callers queue on the lock, so every call to the base shares the one
 * budget.
 */
final class RateLimiter {
  private static final Duration WINDOW = Duration.ofSeconds(1);

  private final int permits;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ArrayDeque<Instant> recent = new ArrayDeque<>();

  RateLimiter(int permits, Clock clock, Sleeper sleeper) {
    this.permits = permits;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  synchronized void acquire() throws InterruptedException {
    while (true) {
      Instant now = clock.instant();
      while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
        recent.pollFirst();
      }
      if (recent.size() < permits) {
        recent.addLast(now);
        return;
      }
      sleeper.sleep(Duration.between(now, recent.peekFirst().plus(WINDOW)));
    }
  }
}
