package com.fourrunr.campaign.service.boot;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as the console shows them: to the minute, in a named zone, for example {@code 2026-12-07
 * 09:30 Europe/Berlin}; no seconds or sub-second digits. The pages of the signed-in operator use
 * the operator's zone ({@code campaign.operators[i].zone}, else the service's).
 */
@Component("consoleTimes")
class ConsoleTimes {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final OperatorZones zones;

  ConsoleTimes(OperatorZones zones) {
    this.zones = zones;
  }

  /** The instant in {@code zone} with the zone named, or a dash for none. */
  static String format(@Nullable Instant instant, ZoneId zone) {
    if (instant == null) {
      return "—";
    }
    return FORMAT.format(instant.atZone(zone)) + " " + name(zone);
  }

  /** The zone's name as shown: its IANA id, and {@code UTC} for UTC (whose offset id is "Z"). */
  static String name(ZoneId zone) {
    return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** The instant in the signed-in operator's zone, with the zone's name; empty for null. */
  String format(@Nullable Instant instant) {
    return instant == null ? "" : format(instant, zoneId());
  }

  /** The signed-in operator's zone as shown. */
  String zone() {
    return name(zoneId());
  }

  private ZoneId zoneId() {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    return zones.of(who == null ? "" : who.getName());
  }
}
