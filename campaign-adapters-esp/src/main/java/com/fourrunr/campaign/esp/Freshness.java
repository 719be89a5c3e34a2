package com.fourrunr.campaign.esp;

import java.time.Duration;
import java.time.Instant;

/** Whether a delivery's signing time is recent enough to act on. */
final class Freshness {
  /** How far ahead of our clock a provider's clock may be. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private Freshness() {}

  static boolean fresh(Instant signedAt, Instant now, Duration maxAge) {
    return !signedAt.isAfter(now.plus(CLOCK_SKEW)) && !signedAt.isBefore(now.minus(maxAge));
  }

  static Duration checkMaxAge(Duration maxAge) {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge: " + maxAge + " is not positive");
    }
    return maxAge;
  }
}
