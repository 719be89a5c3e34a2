package com.fourrunr.campaign.schedule;

import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The time zone used for a lead and how it was found.
 *
 * @param zone the zone
 * @param source where it came from: {@code timezone} (the lead's field), {@code city}, {@code
 *     region}, {@code country}, {@code company default} or {@code default}
 * @param warning why the lead's own data could not give a zone, or null when it did; the engine
 *     keeps it on the campaign as the {@code zoneWarning} attribute of its {@code CAMPAIGN_CREATED}
 *     event
 */
public record ZoneResolution(ZoneId zone, String source, @Nullable String warning) {
  /**
   * Checks the required fields and makes the zone canonical: a backward-compatible alias of the
   * IANA database is replaced by the zone it links to ({@code Asia/Tel_Aviv} by {@code
   * Asia/Jerusalem}).
   */
  public ZoneResolution {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(source, "source");
    zone = ZoneDirectory.canonical(zone);
  }

  /** Whether the zone is a fallback rather than the lead's own. */
  public boolean isFallback() {
    return warning != null;
  }
}
