package com.fourrunr.campaign;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Someone a person pointed to instead of themselves ("not the right person, talk to Maria Lopez,
 * maria.lopez@acme.test"), as read from their reply.
 *
 * @param name the name as written, or empty when the reply gives only an address
 * @param email the address as written (lower case), or null when the reply gives only a name
 */
public record Referral(String name, @Nullable String email) {
  /** Checks that the referral names someone. */
  public Referral {
    name = name == null ? "" : name.strip();
    email =
        email == null || email.isBlank() ? null : email.strip().toLowerCase(java.util.Locale.ROOT);
    if (name.isEmpty() && email == null) {
      throw InvalidInputException.of("Referral", "name", "is required when there is no email");
    }
    Objects.requireNonNull(name);
  }
}
