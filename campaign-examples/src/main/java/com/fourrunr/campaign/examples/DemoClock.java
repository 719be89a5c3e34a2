package com.fourrunr.campaign.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The demo's simulated time, in UTC: it stands still until the demo moves it forward. The demo's
 * own, so the command-line tool needs no test library (campaign-testing's {@code SettableClock} is
 * the one for tests).
 */
final class DemoClock extends Clock {
  private volatile Instant now;

  DemoClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Moves the clock forward by {@code duration}. */
  synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: " + duration + " is negative");
    }
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(now, zone);
  }

  @Override
  public String toString() {
    return "DemoClock[" + now + "]";
  }
}
