package com.fourrunr.campaign.spi;

import com.fourrunr.campaign.EmailAddresses;
import java.time.Instant;
import java.util.Objects;

/**
 * An address that must never be emailed again.
 *
 * @param email the address, normalised by {@link EmailAddresses#normalise} (the same key as a
 *     lead's)
 * @param reason why, for example {@code BOUNCE_HARD} or {@code UNSUBSCRIBE_REQUEST}
 * @param at when it was suppressed
 */
public record Suppression(String email, String reason, Instant at) {
  /** Normalises the address. */
  public Suppression {
    email = EmailAddresses.normalise(Objects.requireNonNull(email, "email"));
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
