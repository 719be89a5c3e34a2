package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.CampaignConfig;
import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the business-day schedule over random leads, zones, start instants (concentrated
 * around DST transitions), windows, send days and intervals.
 */
class BusinessSchedulePropertiesTest {
  private static final BusinessSchedule SCHEDULE = BusinessSchedule.create();

  /**
   * Zones with DST in both hemispheres, half-hour and 45-minute offsets, and countries with
   * holidays.
   */
  private static final List<String[]> ZONES =
      List.of(
          new String[] {"America/New_York", "US", "NY"},
          new String[] {"America/Los_Angeles", "US", "California"},
          new String[] {"America/Chicago", "US", "TX"},
          new String[] {"Europe/Berlin", "DE", "Bavaria"},
          new String[] {"Europe/Berlin", "DE", "Berlin"},
          new String[] {"Europe/London", "GB", "England"},
          new String[] {"Europe/Paris", "FR", ""},
          new String[] {"Australia/Lord_Howe", "AU", "NSW"},
          new String[] {"Australia/Sydney", "AU", "New South Wales"},
          new String[] {"Australia/Adelaide", "AU", "SA"},
          new String[] {"Asia/Kolkata", "IN", ""},
          new String[] {"Asia/Kathmandu", "NP", ""},
          new String[] {"America/St_Johns", "CA", "NL"},
          new String[] {"America/Santiago", "CL", ""},
          new String[] {"Pacific/Auckland", "NZ", ""},
          new String[] {"Pacific/Chatham", "NZ", ""},
          new String[] {"America/Sao_Paulo", "BR", "SP"},
          new String[] {"Asia/Tokyo", "JP", ""},
          new String[] {"Europe/Dublin", "IE", ""},
          new String[] {"America/Havana", "CU", ""},
          new String[] {"Asia/Tehran", "IR", ""},
          new String[] {"Africa/Cairo", "EG", ""});

  record Case(Lead lead, ZoneId zone, Instant start, SchedulePolicy policy, Sequence sequence) {}

  @Property(tries = 400)
  void everySendIsInsideTheLocalWindowOnABusinessDayInOrderWithItsSpacing(@ForAll("cases") Case c) {
    List<PlannedSend> plan = SCHEDULE.plan(c.lead(), c.sequence(), c.start(), c.policy());
    assertThat(plan).hasSize(c.sequence().size());
    Instant previous = c.start();
    LocalDate previousDate = c.start().atZone(c.zone()).toLocalDate();
    for (int i = 0; i < plan.size(); i++) {
      PlannedSend p = plan.get(i);
      ZonedDateTime local = p.sendAt().atZone(c.zone());
      assertThat(p.zone()).isEqualTo(c.zone());
      assertThat(p.localSendAt()).isEqualTo(local.toLocalDateTime());
      // A local time that exists: the zone has an offset for it and it maps back to the same
      // instant.
      assertThat(c.zone().getRules().getValidOffsets(p.localSendAt())).isNotEmpty();
      // Inside the window.
      LocalTime time = local.toLocalTime();
      assertThat(time).isAfterOrEqualTo(c.policy().windowStart()).isBefore(c.policy().windowEnd());
      // On a send day that is no holiday of the lead's country or of the company.
      LocalDate date = local.toLocalDate();
      assertThat(c.policy().sendDays()).contains(date.getDayOfWeek());
      assertThat(SCHEDULE.isCountryHoliday(c.lead(), date)).as("holiday %s", date).isFalse();
      assertThat(c.policy().companyHolidays()).doesNotContain(date);
      // Strictly after the previous step (at or after enrolment for the first), with the spacing.
      if (i == 0) {
        assertThat(p.sendAt()).isAfterOrEqualTo(previous);
      } else {
        assertThat(p.sendAt()).isAfter(previous);
      }
      int days = c.sequence().step(i).daysAfterPrevious();
      long spacing =
          c.policy().intervalUnit() == IntervalUnit.BUSINESS_DAYS
              ? businessDaysBetween(c, previousDate, date)
              : previousDate.until(date, java.time.temporal.ChronoUnit.DAYS);
      assertThat(spacing).as("step %d spacing", i + 1).isGreaterThanOrEqualTo(days);
      previous = p.sendAt();
      previousDate = date;
    }
  }

  @Property(tries = 200)
  void sameInputGivesTheSameSchedule(@ForAll("cases") Case c) {
    assertThat(SCHEDULE.plan(c.lead(), c.sequence(), c.start(), c.policy()))
        .isEqualTo(SCHEDULE.plan(c.lead(), c.sequence(), c.start(), c.policy()));
  }

  @Property(tries = 300)
  void earliestSendIsTheInstantItselfInsideTheWindowElseALaterInstantInsideIt(
      @ForAll("cases") Case c) {
    CampaignConfig config =
        CampaignConfig.defaults(new Mailbox("a@example.com", "A"))
            .withSequence(c.sequence())
            .withSchedule(c.policy());
    Instant at = SCHEDULE.earliestSend(config, c.lead(), 1 % c.sequence().size(), c.start());
    assertThat(at).isAfterOrEqualTo(c.start());
    ZonedDateTime local = at.atZone(c.zone());
    assertThat(local.toLocalTime())
        .isAfterOrEqualTo(c.policy().windowStart())
        .isBefore(c.policy().windowEnd());
    assertThat(SCHEDULE.isBusinessDay(c.lead(), local.toLocalDate(), c.policy())).isTrue();
    if (!at.equals(c.start())) {
      // Moved: then the start itself was not allowed.
      ZonedDateTime start = c.start().atZone(c.zone());
      boolean startAllowed =
          SCHEDULE.isBusinessDay(c.lead(), start.toLocalDate(), c.policy())
              && !c.start()
                  .isBefore(
                      BusinessSchedule.at(start.toLocalDate(), c.policy().windowStart(), c.zone()))
              && c.start()
                  .isBefore(
                      BusinessSchedule.at(start.toLocalDate(), c.policy().windowEnd(), c.zone()))
              // On a fall-back night the second pass of the repeated hour can lie before the
              // window's start.
              && !start.toLocalTime().isBefore(c.policy().windowStart());
      assertThat(startAllowed).isFalse();
    }
  }

  private static long businessDaysBetween(Case c, LocalDate from, LocalDate to) {
    long n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (SCHEDULE.isBusinessDay(c.lead(), d, c.policy())) {
        n++;
      }
    }
    return n;
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String[]> zones = Arbitraries.of(ZONES);
    Arbitrary<String> ids =
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).map(s -> "L-" + s);
    Arbitrary<Instant> starts =
        Arbitraries.oneOf(
            // Any instant from 2024 to 2030...
            Arbitraries.longs()
                .between(
                    Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("2030-12-31T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond),
            // ...and many within two days of a DST transition of some zone.
            Combinators.combine(
                    Arbitraries.of(ZONES),
                    Arbitraries.integers().between(2024, 2030),
                    Arbitraries.integers().between(0, 1),
                    Arbitraries.longs().between(-2 * 86_400, 2 * 86_400))
                .as(
                    (z, year, which, offset) ->
                        nearTransition(ZoneId.of(z[0]), year, which, offset)));
    Arbitrary<SchedulePolicy> policies =
        Combinators.combine(
                Arbitraries.integers().between(0, 22 * 60),
                Arbitraries.integers().between(1, 8 * 60),
                Arbitraries.subsetOf(DayOfWeek.values()).ofMinSize(1),
                Arbitraries.of(IntervalUnit.values()),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 3))
            .as(
                (startMinute, length, days, unit, jitter, companyDays) -> {
                  LocalTime start = LocalTime.MIN.plusMinutes(startMinute);
                  LocalTime end =
                      LocalTime.MIN.plusMinutes(Math.min(startMinute + length, 23 * 60 + 59));
                  List<LocalDate> closed = new ArrayList<>();
                  for (int i = 0; i < companyDays; i++) {
                    closed.add(LocalDate.of(2024 + i * 2, 12, 24 + i));
                  }
                  return SchedulePolicy.builder()
                      .window(start, end)
                      .days(EnumSet.copyOf(days))
                      .intervalUnit(unit)
                      .jitter(jitter)
                      .companyHolidays(closed)
                      .build();
                });
    Arbitrary<Sequence> sequences =
        Arbitraries.integers()
            .between(0, 10)
            .list()
            .ofMinSize(1)
            .ofMaxSize(5)
            .map(
                days -> {
                  List<SequenceStep> steps = new ArrayList<>();
                  for (int i = 0; i < days.size(); i++) {
                    steps.add(new SequenceStep(new MessageType("Step" + (i + 1)), days.get(i)));
                  }
                  return new Sequence("random", steps);
                });
    return Combinators.combine(zones, ids, starts, policies, sequences)
        .as(
            (z, id, start, policy, sequence) -> {
              Lead lead =
                  Lead.builder(id, "x@example.com")
                      .timezone(z[0])
                      .country(z[1])
                      .region(z[2])
                      .build();
              return new Case(lead, ZoneId.of(z[0]), start, policy, sequence);
            });
  }

  private static Instant nearTransition(ZoneId zone, int year, int which, long offsetSeconds) {
    Instant from = LocalDateTime.of(year, 1, 1, 0, 0).atZone(zone).toInstant();
    var t = zone.getRules().nextTransition(from);
    if (t == null) {
      return from.plusSeconds(offsetSeconds + 2 * 86_400);
    }
    if (which == 1) {
      var second = zone.getRules().nextTransition(t.getInstant());
      if (second != null) {
        t = second;
      }
    }
    return t.getInstant().plusSeconds(offsetSeconds);
  }

  @Property(tries = 50)
  void aThousandLeadsAreSpreadOverTheWindow(@ForAll("zoneIds") String zone) {
    Set<Instant> distinct = new java.util.HashSet<>();
    // Midnight local time of Tuesday 2 June 2026: the whole 9,000-second window is ahead.
    Instant start = LocalDate.of(2026, 6, 2).atStartOfDay(ZoneId.of(zone)).toInstant();
    for (int i = 0; i < 1000; i++) {
      Lead lead = Lead.builder("L-" + i, "x@example.com").timezone(zone).build();
      distinct.add(
          SCHEDULE
              .plan(lead, Sequence.hookProofFomo(), start, SchedulePolicy.defaults())
              .get(0)
              .sendAt());
    }
    // About 946 distinct seconds are expected when 1,000 leads draw from 9,000.
    assertThat(distinct).hasSizeGreaterThan(850);
  }

  @Provide
  Arbitrary<String> zoneIds() {
    return Arbitraries.of(ZONES).map(z -> z[0]);
  }
}
