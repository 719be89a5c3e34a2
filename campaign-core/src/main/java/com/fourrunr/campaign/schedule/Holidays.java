package com.fourrunr.campaign.schedule;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public holidays by country and region, read from jollyday and kept per country, region and year.
 * Both a holiday's own date and the weekday it is observed on (a 4 July on a Saturday is observed
 * on Friday 3 July) are days off. Observances that are no day off (such as Mother's Day) are not
 * counted. Thread-safe.
 */
final class Holidays {
  private static final Logger log = LoggerFactory.getLogger(Holidays.class);

  private final Set<String> supported;
  private final Map<String, Optional<HolidayManager>> managers = new ConcurrentHashMap<>();
  private final Map<String, String> regionIds = new ConcurrentHashMap<>();
  private final Map<String, Calendar> calendars = new ConcurrentHashMap<>();

  /** The days off of one country and region, loaded a year at a time. Thread-safe. */
  final class Calendar {
    private final String country;
    private final String region;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    private Calendar(String country, String region) {
      this.country = country;
      this.region = region;
    }

    boolean isHoliday(LocalDate date) {
      return byYear.computeIfAbsent(date.getYear(), y -> load(country, region, y)).contains(date);
    }
  }

  /** Empty tables, filled on first use; the engine shares one, tests build their own. */
  Holidays() {
    Set<String> codes = new HashSet<>();
    for (String code : HolidayManager.getSupportedCalendarCodes()) {
      codes.add(code.toLowerCase(Locale.ROOT));
    }
    this.supported = Collections.unmodifiableSet(codes);
  }

  /** Whether {@code date} is a public holiday of the country, in the region where it is known. */
  boolean isHoliday(String country, String region, LocalDate date) {
    return !country.isEmpty() && calendar(country, region).isHoliday(date);
  }

  /** The calendar of a country (ISO alpha-2, not empty) and region, shared by every lead there. */
  Calendar calendar(String country, String region) {
    return calendars.computeIfAbsent(country + "|" + region, k -> new Calendar(country, region));
  }

  /**
   * The jollyday sub-calendar id for a region's code or name, or "" when the region is not known.
   */
  String regionId(String country, String region) {
    if (region.isEmpty()) {
      return "";
    }
    return regionIds.computeIfAbsent(country + "|" + region, k -> findRegion(country, region));
  }

  private String findRegion(String country, String region) {
    HolidayManager manager = manager(country);
    if (manager == null) {
      return "";
    }
    String wanted = ZoneDirectory.normalise(region);
    List<Locale> local = localLocales(country);
    for (CalendarHierarchy child : manager.getCalendarHierarchy().getChildren().values()) {
      if (ZoneDirectory.normalise(child.getId()).equals(wanted)
          || ZoneDirectory.normalise(child.getDescription(Locale.ENGLISH)).equals(wanted)
          || local.stream()
              .anyMatch(l -> ZoneDirectory.normalise(child.getDescription(l)).equals(wanted))) {
        return child.getId();
      }
    }
    return "";
  }

  /**
   * The locales of every language spoken in the country, so a region's local name is found whatever
   * order the JDK lists its locales in (Germany has German, but also Low German and Sorbian).
   */
  private static List<Locale> localLocales(String country) {
    Set<Locale> locales = new LinkedHashSet<>();
    for (Locale l : Locale.getAvailableLocales()) {
      if (l.getCountry().equals(country) && !l.getLanguage().isEmpty()) {
        locales.add(new Locale(l.getLanguage(), country));
      }
    }
    return List.copyOf(locales);
  }

  private Set<LocalDate> load(String country, String region, int year) {
    HolidayManager manager = manager(country);
    if (manager == null) {
      return Set.of();
    }
    String regionId = regionId(country, region);
    Set<Holiday> holidays;
    try {
      holidays =
          regionId.isEmpty()
              ? manager.getHolidays(Year.of(year))
              : manager.getHolidays(Year.of(year), regionId);
    } catch (RuntimeException e) {
      // A calendar jollyday cannot compute must not stop scheduling: weekends and company holidays
      // remain.
      log.warn(
          "holidays of {} {} in {} could not be computed: {}", country, region, year, e.toString());
      return Set.of();
    }
    Set<LocalDate> days = new HashSet<>();
    for (Holiday h : holidays) {
      if (h.getType() == HolidayType.OBSERVANCE) {
        continue;
      }
      // getDate() is the observed date where there is one (a 4 July on a Saturday observed on
      // Friday 3 July), else the holiday's own date; getActualDate() is always its own date.
      days.add(h.getDate());
      days.add(h.getActualDate());
    }
    return Set.copyOf(days);
  }

  private @Nullable HolidayManager manager(String country) {
    String code = country.toLowerCase(Locale.ROOT);
    if (!supported.contains(code)) {
      return null;
    }
    return managers
        .computeIfAbsent(
            code,
            c -> {
              try {
                return Optional.of(HolidayManager.getInstance(ManagerParameters.create(c)));
              } catch (RuntimeException e) {
                log.warn("no holiday calendar for country {}: {}", c, e.toString());
                return Optional.empty();
              }
            })
        .orElse(null);
  }
}
