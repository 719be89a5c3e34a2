package com.fourrunr.campaign.config;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Open/click tracking and signed links from {@code CAMPAIGN_TRACKING_*} settings: the engine's
 * {@code LinkTracker} and the unsubscribe tokens take the key.
 *
 * @param baseUrl the public base URL of the tracking endpoints, or null: no tracking links
 * @param hmacKey the key that signs tracking and unsubscribe links, or null
 */
public record TrackingSettings(@Nullable URI baseUrl, @Nullable Secret hmacKey) {
  /** The shortest tracking HMAC key accepted, in bytes. */
  public static final int MIN_HMAC_KEY_BYTES = 32;

  /** Every environment variable read. */
  public static final List<String> KEYS =
      List.of("CAMPAIGN_TRACKING_BASE_URL", "CAMPAIGN_TRACKING_HMAC_KEY");

  /** Whether tracking links are written. */
  public boolean enabled() {
    return baseUrl != null && hmacKey != null;
  }

  /** Reads the tracking settings from a shared reader; a problem is recorded in the reader. */
  public static TrackingSettings read(SettingsReader in) {
    URI base = in.url("CAMPAIGN_TRACKING_BASE_URL", null);
    Secret key = in.secret("CAMPAIGN_TRACKING_HMAC_KEY");
    if (in.has("CAMPAIGN_TRACKING_BASE_URL") && key == null) {
      in.error(
          "CAMPAIGN_TRACKING_HMAC_KEY", "is required when CAMPAIGN_TRACKING_BASE_URL is given");
    }
    if (key != null && key.length() < MIN_HMAC_KEY_BYTES) {
      in.error("CAMPAIGN_TRACKING_HMAC_KEY", "is shorter than " + MIN_HMAC_KEY_BYTES + " bytes");
    }
    return new TrackingSettings(base, key);
  }
}
