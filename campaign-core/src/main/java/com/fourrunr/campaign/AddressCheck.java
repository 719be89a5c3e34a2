package com.fourrunr.campaign;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AddressVerifier} found about one address.
 *
 * @param outcome pass, skip, or enrol with a warning
 * @param reason why the lead is skipped; set exactly when {@code outcome} is {@link Outcome#SKIP}
 * @param detail the finding in words (empty on a plain pass)
 */
public record AddressCheck(Outcome outcome, @Nullable SkipReason reason, String detail) {
  /** What the engine does with the lead. */
  public enum Outcome {
    /** Enrol. */
    PASS,
    /** Do not enrol; the lead is skipped with {@link AddressCheck#reason()}. */
    SKIP,
    /**
     * Enrol, and say so in the enrolment report: a flagged address (by policy) or one that could
     * not be checked (a DNS outage).
     */
    WARN
  }

  /** Checks that a reason is given exactly for a skip. */
  public AddressCheck {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    if ((outcome == Outcome.SKIP) != (reason != null)) {
      throw new IllegalArgumentException("reason is given exactly when the outcome is SKIP");
    }
  }

  private static final AddressCheck PASS = new AddressCheck(Outcome.PASS, null, "");

  /** The address may be mailed. */
  public static AddressCheck pass() {
    return PASS;
  }

  /** The lead is skipped for the reason given. */
  public static AddressCheck skip(SkipReason reason, String detail) {
    return new AddressCheck(Outcome.SKIP, Objects.requireNonNull(reason, "reason"), detail);
  }

  /** The lead is enrolled with a warning (a flagged address). */
  public static AddressCheck warn(String detail) {
    return new AddressCheck(Outcome.WARN, null, detail);
  }

  /** The address could not be checked (a DNS outage): the lead is enrolled, with a warning. */
  public static AddressCheck unverified(String detail) {
    return new AddressCheck(Outcome.WARN, null, "not verified: " + detail);
  }
}
