package com.fourrunr.campaign;

import com.fourrunr.campaign.spi.WarmUpLog;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each mailbox's daily cap on its {@link WarmUp} ramp: its business day since the start kept in the
 * {@link WarmUpLog} (Saturdays and Sundays do not count), in the engine clock's zone.
 */
final class WarmUpCaps {
  private final WarmUp ramp;
  private final WarmUpLog log;
  private final ZoneId zone;
  private final Map<String, LocalDate> started = new ConcurrentHashMap<>();

  WarmUpCaps(WarmUp ramp, WarmUpLog log, ZoneId zone) {
    this.ramp = ramp;
    this.log = log;
    this.zone = zone;
  }

  /** The cap of {@code mailbox} over the 24 hours up to {@code now}. */
  int capFor(String mailbox, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    String key = mailbox.toLowerCase(Locale.ROOT);
    LocalDate start = started.computeIfAbsent(key, m -> log.startedOn(m, today));
    return ramp.capOnDay(businessDay(start, today));
  }

  /** 1 on {@code start}, rising by one each Monday to Friday after it up to {@code today}. */
  static int businessDay(LocalDate start, LocalDate today) {
    if (!today.isAfter(start)) {
      return 1;
    }
    long days = today.toEpochDay() - start.toEpochDay();
    long weeks = days / 7;
    long business = weeks * 5;
    LocalDate d = start.plusDays(weeks * 7);
    while (d.isBefore(today)) {
      d = d.plusDays(1);
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        business++;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, 1 + business);
  }
}
