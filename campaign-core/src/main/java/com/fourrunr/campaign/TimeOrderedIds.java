package com.fourrunr.campaign;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The engine's default ids: time-ordered UUIDs in the layout of UUID version 7 (RFC 9562). The
 * first 48 bits are the engine clock's milliseconds, the next 12 a counter, the rest random. Ids
 * made one after the other by one generator sort in the order they were made, even when the clock
 * stands still or steps back (the timestamp then runs on from the last id's), so a database adds
 * each new row's key at the end of its indexes instead of on a random page. The 62 random bits keep
 * ids from several engine instances apart.
 */
final class TimeOrderedIds implements Supplier<String> {
  private static final long TIMESTAMP_MASK = (1L << 48) - 1;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** The timestamp (48 bits) and counter (12 bits) of the last id, as one number. */
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

  TimeOrderedIds(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String get() {
    long now = (clock.millis() & TIMESTAMP_MASK) << 12;
    long stamp = last.accumulateAndGet(now, (previous, fresh) -> Math.max(previous + 1, fresh));
    long high = (stamp >>> 12) << 16 | 0x7000L | (stamp & 0xFFFL);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
