package com.fourrunr.campaign.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until told to move: {@link #set(Instant)} or {@link
 * #advance(Duration)}. Thread-safe. Give it to the engine and every test about time runs in
 * microseconds and the same way every time.
 */
public final class SettableClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  /** A clock at {@code start}, in UTC. */
  public SettableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private SettableClock(Instant start, ZoneId zone) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Moves the clock to {@code instant} (backwards too, to test skew). */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  /** Moves the clock forward by {@code duration}. */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "duration: " + duration + " is negative; use set() to go back");
    }
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new SettableClock(now, zone);
  }

  @Override
  public String toString() {
    return "SettableClock[" + now + "]";
  }
}
