package com.fourrunr.campaign.schedule;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.FieldError;
import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.SendSchedule;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The engine's default {@link SendSchedule}: every send lands on a business day of the lead, inside
 * the send window of the lead's local time, and survives daylight-saving changes. All settings come
 * from the campaign's {@link SchedulePolicy} ({@link CampaignConfig#schedule()}), so a running
 * campaign keeps the rules it started with; the policy given to the {@link #builder()} is only used
 * by the methods that get no configuration.
 *
 * <pre>{@code
 * CampaignEngine engine = CampaignEngine.builder()
 *     .store(store).sender(sender).from(mailbox)
 *     .schedulePolicy(SchedulePolicy.builder().window("09:00-11:30").days("MON-FRI").build())
 *     .build();   // BusinessSchedule.create() is the default schedule
 * }</pre>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li><b>Business day</b>: a send day of the policy (Monday-Friday by default) in the lead's
 *       local calendar that is neither a public holiday of the lead's country (and region, such as
 *       a German state or a US state, where jollyday knows it) nor a company holiday of the policy.
 *   <li><b>Intervals</b>: a step's {@link SequenceStep#daysAfterPrevious()} counts business days
 *       (default) or calendar days from the local date of the previous step's actual send (for the
 *       first step, of enrolment); a date that is no business day moves to the next business day. A
 *       step of 0 days goes out in the current window if any of it is left, else the next one.
 *   <li><b>Window</b>: sends fall in {@code [windowStart, windowEnd)} local time. A window start or
 *       end in a spring-forward gap is taken as the first instant after the gap, so no send is ever
 *       planned at a local time that does not exist. On a fall-back night the window's ends are
 *       read with the earlier offset; a send is one instant, so a message whose local time comes
 *       round twice still goes out once.
 *   <li><b>Spreading</b>: with {@link SchedulePolicy#jitter()} a send is placed at a fraction of
 *       the (remaining) window taken from a hash of the lead's id and the step, so a thousand leads
 *       do not all get 09:00:00 and the same input always gives the same schedule.
 *   <li><b>Late sends</b> ({@link #earliestSend}): a message that is due while the window is open
 *       goes out at once; one found due outside the window (the engine was down) moves to the next
 *       window, spread over its first half so a host that calls {@code runDue()} at least that
 *       often catches it.
 *   <li><b>Time zone</b>, first that gives one: the lead's {@code timezone}; its city, region (US
 *       states, Canadian provinces, Australian states) or country (from the IANA {@code zone.tab};
 *       a country with several zones needs the region or city); the policy's company zone; the
 *       policy's default zone. A fallback carries a warning ({@link ZoneResolution#warning()}) that
 *       the engine keeps on the campaign's {@code CAMPAIGN_CREATED} event.
 * </ul>
 *
 * <p>Immutable and thread-safe; holiday tables are loaded once per country, region and year and
 * shared.
 */
public final class BusinessSchedule implements SendSchedule {
  /** How far ahead a business day is searched for before the policy is judged to leave none. */
  static final int MAX_SEARCH_DAYS = 3 * 366;

  /** The least time between two steps of one lead. */
  static final Duration MIN_GAP = Duration.ofMinutes(1);

  private static final class Shared {
    static final Holidays HOLIDAYS = new Holidays();
  }

  private final SchedulePolicy policy;

  private BusinessSchedule(Builder b) {
    this.policy = Objects.requireNonNull(b.policy);
  }

  /** A schedule whose fallback policy is {@link SchedulePolicy#defaults()}. */
  public static BusinessSchedule create() {
    return builder().build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy used when no campaign configuration is given. */
  public SchedulePolicy policy() {
    return policy;
  }

  // ------------------------------------------------------------------------------------------------
  // SendSchedule

  @Override
  public Instant firstSend(Lead lead, SequenceStep step, Instant enrolledAt) {
    return first(context(lead, policy), 0, step.daysAfterPrevious(), enrolledAt);
  }

  @Override
  public Instant nextSend(Lead lead, SequenceStep step, Instant previousSentAt) {
    return next(context(lead, policy), 1, step.daysAfterPrevious(), previousSentAt);
  }

  @Override
  public Instant firstSend(CampaignConfig config, Lead lead, int stepIndex, Instant enrolledAt) {
    return first(
        context(lead, config.schedule()),
        stepIndex,
        config.sequence().step(stepIndex).daysAfterPrevious(),
        enrolledAt);
  }

  @Override
  public Instant nextSend(CampaignConfig config, Lead lead, int stepIndex, Instant previousSentAt) {
    return next(
        context(lead, config.schedule()),
        stepIndex,
        config.sequence().step(stepIndex).daysAfterPrevious(),
        previousSentAt);
  }

  @Override
  public Instant earliestSend(CampaignConfig config, Lead lead, int stepIndex, Instant at) {
    Context c = context(lead, config.schedule());
    if (inWindow(c, at)) {
      return at;
    }
    return slot(c, at.atZone(c.zone).toLocalDate(), at, fraction(c, stepIndex) / 2);
  }

  @Override
  public Map<String, String> describe(CampaignConfig config, Lead lead) {
    ZoneResolution zone = resolveZone(lead, config.schedule());
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("zone", zone.zone().getId());
    facts.put("zoneSource", zone.source());
    if (zone.warning() != null) {
      facts.put("zoneWarning", zone.warning());
    }
    return facts;
  }

  // ------------------------------------------------------------------------------------------------
  // Public helpers

  /** The lead's zone under {@code policy}, and how it was found. */
  public ZoneResolution resolveZone(Lead lead, SchedulePolicy policy) {
    ZoneResolution own = ownZone(lead);
    if (own == null || !policy.countryHolidays()) {
      return fallbackZone(lead, policy, own);
    }
    // The lead's zone is known, but not the part of the country whose holidays it keeps.
    String holidayWarning = HolidayRegions.of(lead, Shared.HOLIDAYS).warning();
    if (holidayWarning == null) {
      return own;
    }
    return new ZoneResolution(
        own.zone(),
        own.source(),
        own.warning() == null ? holidayWarning : own.warning() + "; " + holidayWarning);
  }

  private static @Nullable ZoneResolution ownZone(Lead lead) {
    if (lead.timezone() != null) {
      return new ZoneResolution(lead.timezone(), "timezone", null);
    }
    return ZoneDirectory.INSTANCE.fromLocation(lead);
  }

  private static ZoneResolution fallbackZone(
      Lead lead, SchedulePolicy policy, @Nullable ZoneResolution own) {
    if (own != null) {
      return own;
    }
    String why = ZoneDirectory.INSTANCE.whyUnresolved(lead);
    if (policy.companyZone() != null) {
      return new ZoneResolution(
          policy.companyZone(),
          "company default",
          why + "; using the company default " + policy.companyZone().getId());
    }
    return new ZoneResolution(
        policy.defaultZone(),
        "default",
        why + "; using the default " + policy.defaultZone().getId());
  }

  /** Whether {@code date}, in the lead's local calendar, is a business day under {@code policy}. */
  public boolean isBusinessDay(Lead lead, LocalDate date, SchedulePolicy policy) {
    return isBusinessDay(context(lead, policy), date);
  }

  /** Whether {@code date} is a public holiday of the lead's country (and region, where known). */
  public boolean isCountryHoliday(Lead lead, LocalDate date) {
    return Shared.HOLIDAYS.isHoliday(
        lead.country(), HolidayRegions.of(lead, Shared.HOLIDAYS).region(), date);
  }

  /**
   * The whole schedule of {@code sequence} for a lead enrolled at {@code start}, assuming every
   * step goes out when planned. Sends nothing.
   *
   * @throws IllegalStateException when the policy leaves no business day within three years
   */
  public List<PlannedSend> plan(
      Lead lead, Sequence sequence, Instant start, SchedulePolicy policy) {
    Context c = context(lead, policy);
    List<PlannedSend> plan = new ArrayList<>(sequence.size());
    Instant at = start;
    for (int i = 0; i < sequence.size(); i++) {
      int days = sequence.step(i).daysAfterPrevious();
      at = i == 0 ? first(c, i, days, at) : next(c, i, days, at);
      plan.add(
          new PlannedSend(
              i + 1, sequence.step(i).type(), at, c.zone, LocalDateTime.ofInstant(at, c.zone)));
    }
    return plan;
  }

  @Override
  public String toString() {
    return "BusinessSchedule[" + policy + "]";
  }

  // ------------------------------------------------------------------------------------------------
  // The rules

  private record Context(
      String leadId, ZoneId zone, Holidays.@Nullable Calendar holidays, SchedulePolicy policy) {}

  private Context context(Lead lead, SchedulePolicy policy) {
    ZoneId zone =
        lead.timezone() != null
            ? ZoneDirectory.canonical(lead.timezone())
            : resolveZone(lead, policy).zone();
    Holidays.Calendar holidays =
        policy.countryHolidays() && !lead.country().isEmpty()
            ? Shared.HOLIDAYS.calendar(
                lead.country(), HolidayRegions.of(lead, Shared.HOLIDAYS).region())
            : null;
    return new Context(lead.id(), zone, holidays, policy);
  }

  private Instant first(Context c, int stepIndex, int days, Instant enrolledAt) {
    return after(c, stepIndex, days, enrolledAt, enrolledAt);
  }

  private Instant next(Context c, int stepIndex, int days, Instant previous) {
    // A later step never goes out in the same minute as the one before it, even at 0 days.
    return after(c, stepIndex, days, previous, previous.plus(MIN_GAP));
  }

  private Instant after(Context c, int stepIndex, int days, Instant previous, Instant notBefore) {
    LocalDate from = previous.atZone(c.zone).toLocalDate();
    if (days == 0) {
      return slot(c, from, notBefore, fraction(c, stepIndex));
    }
    LocalDate target;
    if (c.policy.intervalUnit() == IntervalUnit.BUSINESS_DAYS) {
      target = from;
      for (int i = 0; i < days; i++) {
        target = nextBusinessDay(c, target.plusDays(1));
      }
    } else {
      target = from.plusDays(days);
    }
    return slot(c, target, notBefore, fraction(c, stepIndex));
  }

  private LocalDate nextBusinessDay(Context c, LocalDate date) {
    LocalDate d = date;
    for (int i = 0; i < MAX_SEARCH_DAYS; i++) {
      if (isBusinessDay(c, d)) {
        return d;
      }
      d = d.plusDays(1);
    }
    throw noBusinessDay(c, date);
  }

  /**
   * The send instant on the first business day from {@code date} whose window is not over at {@code
   * notBefore}: the window (or what is left of it after {@code notBefore}) at {@code fraction}.
   */
  private Instant slot(Context c, LocalDate date, Instant notBefore, double fraction) {
    LocalDate d = date;
    for (int i = 0; i < MAX_SEARCH_DAYS; i++) {
      if (isBusinessDay(c, d)) {
        Instant start = at(d, c.policy.windowStart(), c.zone);
        Instant end = at(d, c.policy.windowEnd(), c.zone);
        Instant lower = start.isBefore(notBefore) ? notBefore : start;
        if (lower.isBefore(end)) {
          long seconds = (long) (fraction * Duration.between(lower, end).toSeconds());
          Instant candidate = lower.plusSeconds(seconds);
          if (candidate.atZone(c.zone).toLocalTime().isBefore(c.policy.windowStart())) {
            // A window starting inside a fall-back overlap: the second pass of the repeated hour
            // before the
            // window's start time is not in the window; wait for the start time on the later
            // offset.
            candidate =
                d.atTime(c.policy.windowStart())
                    .atZone(c.zone)
                    .withLaterOffsetAtOverlap()
                    .toInstant();
          }
          if (candidate.isBefore(end) && !candidate.isBefore(lower)) {
            return candidate;
          }
        }
      }
      d = d.plusDays(1);
    }
    throw noBusinessDay(c, date);
  }

  private boolean inWindow(Context c, Instant instant) {
    LocalDate d = instant.atZone(c.zone).toLocalDate();
    return isBusinessDay(c, d)
        && !instant.isBefore(at(d, c.policy.windowStart(), c.zone))
        && instant.isBefore(at(d, c.policy.windowEnd(), c.zone))
        && !instant.atZone(c.zone).toLocalTime().isBefore(c.policy.windowStart());
  }

  private static boolean isBusinessDay(Context c, LocalDate d) {
    SchedulePolicy p = c.policy;
    return p.sendDays().contains(d.getDayOfWeek())
        && !p.companyHolidays().contains(d)
        && !(c.holidays != null && c.holidays.isHoliday(d));
  }

  /**
   * The instant of a local date and time: in a spring-forward gap the first instant after it (the
   * local time does not exist), in a fall-back overlap the earlier of the two.
   */
  static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = date.atTime(time);
    ZoneOffsetTransition t = zone.getRules().getTransition(local);
    if (t != null && t.isGap()) {
      return t.getInstant();
    }
    return local.atZone(zone).toInstant();
  }

  /** A fraction in [0, 1) fixed by the lead and step, or 0 without jitter. */
  private static double fraction(Context c, int stepIndex) {
    if (!c.policy.jitter()) {
      return 0;
    }
    long h = c.leadId.hashCode() * 0x9E3779B97F4A7C15L + stepIndex;
    // SplitMix64 finaliser: String.hashCode is specified, so the result is the same on every JVM.
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    h = h ^ (h >>> 31);
    return (h >>> 11) * 0x1.0p-53;
  }

  private static IllegalStateException noBusinessDay(Context c, LocalDate from) {
    return new IllegalStateException(
        "lead "
            + c.leadId
            + ": no business day within "
            + MAX_SEARCH_DAYS
            + " days of "
            + from
            + " (send days "
            + c.policy.sendDays()
            + ")");
  }

  /** Builds a {@link BusinessSchedule}. */
  public static final class Builder {
    private @Nullable SchedulePolicy policy = SchedulePolicy.defaults();

    private Builder() {}

    /**
     * The policy used by {@link #firstSend(Lead, SequenceStep, Instant)} and {@link #nextSend(Lead,
     * SequenceStep, Instant)}, which get no campaign configuration. Default: {@link
     * SchedulePolicy#defaults()}.
     */
    public Builder policy(SchedulePolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * Checks the settings and builds the schedule.
     *
     * @throws InvalidInputException when a setting is missing
     */
    public BusinessSchedule build() {
      if (policy == null) {
        throw new InvalidInputException(
            "BusinessSchedule", List.of(new FieldError("policy", "is required")));
      }
      return new BusinessSchedule(this);
    }
  }
}
