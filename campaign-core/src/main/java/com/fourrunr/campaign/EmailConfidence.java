package com.fourrunr.campaign;

import java.util.Locale;

/**
 * How sure the lead pipeline is that an email address reaches the person. Only {@link #REAL} and
 * {@link #PATTERN} addresses are enrolled by default: mailing guesses ruins a sender's reputation.
 */
public enum EmailConfidence {
  /** Verified: the address was seen or confirmed. */
  REAL,
  /** Derived from the company's known address pattern (for example first.last@domain). */
  PATTERN,
  /** A guess without a known pattern. */
  GUESS,
  /** Nothing is known about the address. */
  UNKNOWN;

  /**
   * Reads a confidence the way lead tables write it ({@code Real}, {@code pattern}, {@code GUESS});
   * blank means {@link #UNKNOWN}.
   *
   * @throws IllegalArgumentException naming the accepted values when the text is none of them
   */
  public static EmailConfidence parse(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return UNKNOWN;
    }
    try {
      return valueOf(t.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not one of REAL, PATTERN, GUESS, UNKNOWN", e);
    }
  }

  /** Whether a campaign may be sent to an address of this confidence. */
  public boolean isSendable() {
    return this == REAL || this == PATTERN;
  }
}
