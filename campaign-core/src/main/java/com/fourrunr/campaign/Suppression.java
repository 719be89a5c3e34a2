package com.fourrunr.campaign;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An address that must never be emailed again.
 *
 * @param email the address, lower-cased
 * @param reason why, for example {@code BOUNCE_HARD} or {@code UNSUBSCRIBE_REQUEST}
 * @param at when it was suppressed
 */
public record Suppression(String email, String reason, Instant at) {
  /** Lower-cases the address. */
  public Suppression {
    email = Objects.requireNonNull(email, "email").strip().toLowerCase(Locale.ROOT);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
