package com.fourrunr.campaign.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (API key, password, HMAC key, token) that shows itself as {@code ****}: in {@link
 * #toString()}, and so in every record, log line and error that prints it. The value is read only
 * by the explicit {@link #reveal()}, at the one place that hands it to a client library.
 *
 * <p>Two secrets are equal when their values are (compared in constant time); the hash code says
 * nothing about the value.
 */
public final class Secret {
  /** What every secret prints as. */
  public static final String REDACTED = "****";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @throws IllegalArgumentException when the value is empty (the message does not contain it)
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The value itself. Hand it to the client that needs it; never log it. */
  public String reveal() {
    return value;
  }

  /** The value's length in bytes (UTF-8), for checks such as a minimum key length. */
  public int length() {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Always {@code ****}. */
  @Override
  public String toString() {
    return REDACTED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Secret.class.hashCode();
  }
}
