package com.fourrunr.campaign.service.boot;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Times as the console shows them: in the operator's zone (for now the service's clock's zone),
 * with the zone named and no sub-second digits, for example {@code 2026-12-01 10:00:00 UTC}.
 */
@Component("consoleTimes")
class ConsoleTimes {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final ZoneId zone;
  private final String name;

  ConsoleTimes(Clock clock) {
    this.zone = clock.getZone();
    // UTC's offset id is "Z": name it
    this.name = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** The instant in the zone, with the zone's id; empty for null. */
  String format(@Nullable Instant instant) {
    return instant == null ? "" : FORMAT.format(instant.atZone(zone)) + " " + name;
  }

  /** The zone's name as shown. */
  String zone() {
    return name;
  }
}
