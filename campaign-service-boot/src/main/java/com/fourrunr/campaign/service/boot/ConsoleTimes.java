package com.fourrunr.campaign.service.boot;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Times as the console shows them: to the minute, in a named zone, for example {@code 2026-12-07
 * 09:30 Europe/Berlin}; no sub-second digits.
 */
final class ConsoleTimes {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private ConsoleTimes() {}

  /** The instant in {@code zone} with the zone named, or a dash for none. */
  static String format(@Nullable Instant instant, ZoneId zone) {
    if (instant == null) {
      return "—";
    }
    return FORMAT.format(instant.atZone(zone)) + " " + zone.getId();
  }
}
