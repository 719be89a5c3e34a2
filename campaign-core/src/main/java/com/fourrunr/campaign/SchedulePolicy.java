package com.fourrunr.campaign;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * When a campaign may send, in the lead's local time. Part of the {@link
 * com.fourrunr.campaign.CampaignConfig} each campaign keeps for its whole life, so changing the
 * engine's policy changes new campaigns only. Immutable and thread-safe. Build one with {@link
 * #builder()}:
 *
 * <pre>{@code
 * SchedulePolicy policy = SchedulePolicy.builder()
 *     .window("09:00-11:30").days("MON-FRI")
 *     .intervalUnit(IntervalUnit.BUSINESS_DAYS)
 *     .companyHolidays(List.of(LocalDate.of(2026, 12, 24)))
 *     .companyZone(ZoneId.of("Europe/London"))
 *     .build();
 * }</pre>
 *
 * @param intervalUnit how the days between steps are counted
 * @param windowStart the first local time a mail may go out (inclusive)
 * @param windowEnd the local time after which nothing goes out that day (exclusive); after {@code
 *     windowStart}, on the same day
 * @param sendDays the days of the week mail may go out; at least one
 * @param jitter whether sends are spread over the window, deterministically per lead and step,
 *     rather than all at the window's start
 * @param countryHolidays whether the public holidays of the lead's country (and region, where
 *     known) are kept free of mail
 * @param companyHolidays further dates on which nothing is sent, in every lead's local calendar
 * @param companyZone the zone used for a lead whose own zone and location say nothing usable, or
 *     null to go straight to {@code defaultZone}
 * @param defaultZone the last resort when neither the lead nor {@code companyZone} gives a zone
 */
public record SchedulePolicy(
    IntervalUnit intervalUnit,
    LocalTime windowStart,
    LocalTime windowEnd,
    Set<DayOfWeek> sendDays,
    boolean jitter,
    boolean countryHolidays,
    Set<LocalDate> companyHolidays,
    @Nullable ZoneId companyZone,
    ZoneId defaultZone) {

  /** Default interval unit: business days (see {@link IntervalUnit#BUSINESS_DAYS} for why). */
  public static final IntervalUnit DEFAULT_INTERVAL_UNIT = IntervalUnit.BUSINESS_DAYS;

  /** Default window start: 09:00 local time. */
  public static final LocalTime DEFAULT_WINDOW_START = LocalTime.of(9, 0);

  /** Default window end: 11:30 local time, the late-morning slot when business mail is read. */
  public static final LocalTime DEFAULT_WINDOW_END = LocalTime.of(11, 30);

  /** Default send days: Monday to Friday. */
  public static final Set<DayOfWeek> DEFAULT_SEND_DAYS =
      Collections.unmodifiableSet(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

  /** Default last-resort zone: {@code UTC} (an IANA id, unlike {@code ZoneOffset.UTC}). */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

  /** Checks every field, listing each problem. */
  public SchedulePolicy {
    List<FieldError> errors = new ArrayList<>();
    if (intervalUnit == null) {
      errors.add(new FieldError("intervalUnit", "is required"));
    }
    if (windowStart == null || windowEnd == null) {
      errors.add(new FieldError("window", "needs a start and an end"));
    } else if (!windowEnd.isAfter(windowStart)) {
      errors.add(
          new FieldError(
              "window",
              "end "
                  + windowEnd
                  + " is not after start "
                  + windowStart
                  + " (a window lies within one local day)"));
    }
    if (sendDays == null || sendDays.isEmpty()) {
      errors.add(new FieldError("days", "must name at least one day of the week"));
    } else {
      sendDays = Collections.unmodifiableSet(EnumSet.copyOf(sendDays));
    }
    companyHolidays =
        companyHolidays == null
            ? Set.of()
            : Collections.unmodifiableSet(new TreeSet<>(companyHolidays));
    if (defaultZone == null) {
      errors.add(new FieldError("defaultZone", "is required"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("SchedulePolicy", errors);
    }
  }

  /**
   * Business days, 09:00-11:30 Monday to Friday, spread per lead, country holidays kept, UTC
   * fallback.
   */
  public static SchedulePolicy defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.intervalUnit = intervalUnit;
    b.windowStart = windowStart;
    b.windowEnd = windowEnd;
    b.sendDays = EnumSet.copyOf(sendDays);
    b.jitter = jitter;
    b.countryHolidays = countryHolidays;
    b.companyHolidays = new TreeSet<>(companyHolidays);
    b.companyZone = companyZone;
    b.defaultZone = defaultZone;
    return b;
  }

  /** The window as {@code HH:mm-HH:mm}. */
  public String windowText() {
    return windowStart + "-" + windowEnd;
  }

  /**
   * Builds a {@link SchedulePolicy}. The text setters ({@link #window(String)}, {@link
   * #days(String)}) keep a parse problem until {@link #build()}, which lists every problem at once.
   */
  public static final class Builder {
    private IntervalUnit intervalUnit = DEFAULT_INTERVAL_UNIT;
    private LocalTime windowStart = DEFAULT_WINDOW_START;
    private LocalTime windowEnd = DEFAULT_WINDOW_END;
    private Set<DayOfWeek> sendDays = EnumSet.copyOf(DEFAULT_SEND_DAYS);
    private boolean jitter = true;
    private boolean countryHolidays = true;
    private Set<LocalDate> companyHolidays = new TreeSet<>();
    private @Nullable ZoneId companyZone;
    private ZoneId defaultZone = DEFAULT_ZONE;
    private final List<FieldError> parseErrors = new ArrayList<>();

    private Builder() {}

    /** How the days between steps are counted. Default: {@link IntervalUnit#BUSINESS_DAYS}. */
    public Builder intervalUnit(IntervalUnit intervalUnit) {
      this.intervalUnit = intervalUnit;
      return this;
    }

    /** The local send window, start inclusive, end exclusive. Default: 09:00-11:30. */
    public Builder window(LocalTime start, LocalTime end) {
      this.windowStart = start;
      this.windowEnd = end;
      return this;
    }

    /** The local send window as text, {@code HH:mm-HH:mm}, for example {@code 09:00-11:30}. */
    public Builder window(String window) {
      String[] parts = window.strip().split("\\s*-\\s*");
      try {
        if (parts.length != 2) {
          throw new DateTimeParseException("not two times", window, 0);
        }
        return window(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
      } catch (DateTimeParseException e) {
        parseErrors.add(new FieldError("window", "'" + window + "' is not HH:mm-HH:mm"));
        return this;
      }
    }

    /** The days of the week mail may go out. Default: Monday to Friday. */
    public Builder days(Collection<DayOfWeek> days) {
      this.sendDays = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
      return this;
    }

    /**
     * The send days as text: ranges and lists of three-letter or full English day names, such as
     * {@code MON-FRI}, {@code MON,WED,FRI} or {@code SUN-THU} (a range may wrap over the week's
     * end).
     */
    public Builder days(String days) {
      EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
      try {
        for (String part : days.split(",")) {
          String[] range = part.strip().split("\\s*-\\s*");
          if (range.length == 1) {
            set.add(day(range[0]));
          } else if (range.length == 2) {
            DayOfWeek from = day(range[0]);
            DayOfWeek to = day(range[1]);
            for (DayOfWeek d = from; ; d = d.plus(1)) {
              set.add(d);
              if (d == to) {
                break;
              }
            }
          } else {
            throw new IllegalArgumentException(part);
          }
        }
        this.sendDays = set;
      } catch (IllegalArgumentException e) {
        parseErrors.add(
            new FieldError("days", "'" + days + "' is not a list of days such as MON-FRI"));
      }
      return this;
    }

    private static DayOfWeek day(String text) {
      String t = text.strip().toUpperCase(Locale.ROOT);
      if (t.length() < 3) {
        throw new IllegalArgumentException(text);
      }
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d.name().startsWith(t)) {
          return d;
        }
      }
      throw new IllegalArgumentException(text);
    }

    /** Whether sends are spread over the window per lead. Default: true. */
    public Builder jitter(boolean jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Whether the lead's country and region holidays are kept free. Default: true. */
    public Builder countryHolidays(boolean countryHolidays) {
      this.countryHolidays = countryHolidays;
      return this;
    }

    /** Dates on which nothing is sent, besides the country's holidays. Default: none. */
    public Builder companyHolidays(Collection<LocalDate> companyHolidays) {
      this.companyHolidays = new TreeSet<>(companyHolidays);
      return this;
    }

    /** The zone for leads whose own zone and location are unknown. Default: none. */
    public Builder companyZone(@Nullable ZoneId companyZone) {
      this.companyZone = companyZone;
      return this;
    }

    /** The zone of last resort (the sequence's default). Default: UTC. */
    public Builder defaultZone(ZoneId defaultZone) {
      this.defaultZone = defaultZone;
      return this;
    }

    /** The zone of last resort as an IANA id. */
    public Builder defaultZone(String zoneId) {
      try {
        return defaultZone(ZoneId.of(zoneId.strip()));
      } catch (DateTimeException e) {
        parseErrors.add(
            new FieldError("defaultZone", "'" + zoneId + "' is not an IANA time zone id"));
        return this;
      }
    }

    /**
     * Checks the settings and builds the policy.
     *
     * @throws InvalidInputException listing every bad setting by name
     */
    public SchedulePolicy build() {
      try {
        SchedulePolicy policy =
            new SchedulePolicy(
                intervalUnit,
                windowStart,
                windowEnd,
                sendDays,
                jitter,
                countryHolidays,
                companyHolidays,
                companyZone,
                defaultZone);
        if (!parseErrors.isEmpty()) {
          throw new InvalidInputException("SchedulePolicy", parseErrors);
        }
        return policy;
      } catch (InvalidInputException e) {
        if (parseErrors.isEmpty() || e.errors().equals(parseErrors)) {
          throw e;
        }
        List<FieldError> all = new ArrayList<>(parseErrors);
        all.addAll(e.errors());
        throw new InvalidInputException("SchedulePolicy", all);
      }
    }
  }
}
