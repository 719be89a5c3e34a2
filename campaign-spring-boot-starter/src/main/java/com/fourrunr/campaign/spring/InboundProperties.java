package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.config.Secret;
import org.jspecify.annotations.Nullable;

/**
 * The inbound-mail webhook at {@code <base-path>/inbound} (with {@code campaign.web.enabled=true}):
 * each post must carry an HMAC-SHA256 signature made with {@code secret} ({@code
 * X-Campaign-Timestamp}, {@code X-Campaign-Signature}: over timestamp and body, 5-minute window,
 * replays refused) or {@code Authorization: Bearer <token>} whose SHA-256 is {@code token-sha256}
 * ({@code CAMPAIGN_INBOUND_SECRET}, {@code CAMPAIGN_API_TOKEN_SHA256}). Anything else is answered
 * 401 and nothing is stored.
 *
 * @param enabled whether the endpoint is served; absent: served when a secret or token hash is set.
 *     {@code true} with neither fails at start
 * @param secret the shared signing secret, at least 32 bytes (secret)
 * @param tokenSha256 the SHA-256 of a bearer token, 64 hex digits
 */
public record InboundProperties(
    @Nullable Boolean enabled, @Nullable String secret, @Nullable String tokenSha256) {

  /** Whether a secret or a token hash is set. */
  boolean hasCredentials() {
    return (secret != null && !secret.isBlank()) || (tokenSha256 != null && !tokenSha256.isBlank());
  }

  /** Whether the endpoint is served (when the web endpoints are). */
  boolean served() {
    return enabled != null ? enabled : hasCredentials();
  }

  @Override
  public String toString() {
    return "InboundProperties[enabled="
        + enabled
        + ", secret="
        + (secret == null ? null : Secret.REDACTED)
        + ", tokenSha256="
        + (tokenSha256 == null ? null : Secret.REDACTED)
        + "]";
  }
}
