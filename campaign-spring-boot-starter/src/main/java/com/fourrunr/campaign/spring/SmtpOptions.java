package com.fourrunr.campaign.spring;

import com.fourrunr.campaign.UnsubscribeTokens;
import com.fourrunr.campaign.config.TrackingSettings;
import com.fourrunr.campaign.smtp.SmtpMessageOptions;
import com.fourrunr.campaign.tracking.LinkTracker;
import com.fourrunr.campaign.tracking.TrackingTokens;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** What tracking adds to the mail: signed links, and the one-click unsubscribe headers. */
final class SmtpOptions {
  private SmtpOptions() {}

  /** The key signing tracking and unsubscribe links, or empty when tracking is off. */
  static Optional<byte[]> key(ResolvedSettings settings) {
    TrackingSettings t = settings.tracking();
    if (!t.enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        Objects.requireNonNull(t.hmacKey()).reveal().getBytes(StandardCharsets.UTF_8));
  }

  /** The link tracker, or empty when tracking is off. */
  static Optional<LinkTracker> tracker(ResolvedSettings settings) {
    return key(settings)
        .map(
            key ->
                LinkTracker.builder(
                        Objects.requireNonNull(settings.tracking().baseUrl()).toString(),
                        TrackingTokens.withKey(key))
                    .build());
  }

  /**
   * The SMTP options: with an https tracking base URL, {@code List-Unsubscribe} headers pointing at
   * {@code <base-url>/u} (RFC 8058) and the first mailbox as the mailto address.
   */
  static SmtpMessageOptions of(ResolvedSettings settings) {
    SmtpMessageOptions.Builder b = SmtpMessageOptions.builder();
    TrackingSettings t = settings.tracking();
    Optional<byte[]> key = key(settings);
    if (key.isPresent()
        && "https".equalsIgnoreCase(Objects.requireNonNull(t.baseUrl()).getScheme())) {
      String base = t.baseUrl().toString();
      String mailto =
          settings.mailboxes().isEmpty() ? null : settings.mailboxes().get(0).mailbox().address();
      b.unsubscribe(
          (base.endsWith("/") ? base : base + "/") + "u",
          mailto,
          UnsubscribeTokens.withKey(key.get()));
    }
    return b.build();
  }
}
