package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.smtp.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checks of {@code campaign.inbound.*} and the {@link WebhookSignature} they configure. No
 * problem quotes a value.
 */
final class InboundSecurity {
  static final String SECRET = "campaign.inbound.secret";
  static final String TOKEN = "campaign.inbound.token-sha256";

  private InboundSecurity() {}

  /** Adds each problem of the properties to {@code errors}. */
  static void check(InboundProperties inbound, List<FieldError> errors) {
    String secret = text(inbound.secret());
    String token = text(inbound.tokenSha256());
    if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
      errors.add(new FieldError(SECRET, "is shorter than 32 bytes"));
    }
    if (token != null && !token.matches("[0-9a-fA-F]{64}")) {
      errors.add(new FieldError(TOKEN, "is not 64 hex digits (a SHA-256)"));
    }
    if (Boolean.TRUE.equals(inbound.enabled()) && secret == null && token == null) {
      errors.add(
          new FieldError(
              SECRET,
              "is required when campaign.inbound.enabled=true (or set "
                  + TOKEN
                  + "): the inbound webhook takes only signed posts"));
    }
  }

  /** The signature check of checked properties that have a secret or a token hash. */
  static WebhookSignature signature(InboundProperties inbound, Clock clock) {
    String secret = text(inbound.secret());
    return WebhookSignature.create(
        secret == null ? null : secret.getBytes(StandardCharsets.UTF_8),
        text(inbound.tokenSha256()),
        clock);
  }

  private static @Nullable String text(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
