package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.IntervalUnit;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessScheduleExamplesTest {
  private static final BusinessSchedule SCHEDULE = BusinessSchedule.create();
  private static final SchedulePolicy NO_JITTER = SchedulePolicy.builder().jitter(false).build();

  private static Lead lead(String id, String zone, String country, String region) {
    Lead.Builder b =
        Lead.builder(id, id.toLowerCase() + "@example.com").country(country).region(region);
    if (!zone.isEmpty()) {
      b.timezone(zone);
    }
    return b.build();
  }

  /** The local date and time of step {@code n} (from 1) of a plan. */
  private static LocalDateTime local(List<PlannedSend> plan, int n) {
    return plan.get(n - 1).localSendAt();
  }

  private static Instant localInstant(String localDateTime, String zone) {
    return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
  }

  private static Sequence steps(int... days) {
    List<SequenceStep> list = new java.util.ArrayList<>();
    MessageType[] types = {MessageType.HOOK, MessageType.PROOF, MessageType.FOMO};
    for (int i = 0; i < days.length; i++) {
      list.add(new SequenceStep(types[i % types.length], days[i]));
    }
    return new Sequence("test", list);
  }

  @Test
  void usThanksgivingIsSkipped() {
    Lead ny = lead("L-ny", "America/New_York", "US", "NY");
    // Wednesday 25 November 2026 after the window; Thursday 26 is Thanksgiving.
    Instant wednesdayNoon = localInstant("2026-11-25T12:00", "America/New_York");
    List<PlannedSend> plan = SCHEDULE.plan(ny, steps(0), wednesdayNoon, NO_JITTER);
    assertThat(local(plan, 1)).isEqualTo(LocalDateTime.parse("2026-11-27T09:00"));
    assertThat(SCHEDULE.isCountryHoliday(ny, LocalDate.of(2026, 11, 26))).isTrue();
  }

  @Test
  void independenceDayAndItsObservedFridayAreSkipped() {
    Lead ny = lead("L-ny", "America/New_York", "US", "");
    // 4 July 2025 is a Friday: Thursday after the window moves to Monday 7 July.
    List<PlannedSend> plan2025 =
        SCHEDULE.plan(
            ny, steps(0), localInstant("2025-07-03T12:00", "America/New_York"), NO_JITTER);
    assertThat(local(plan2025, 1)).isEqualTo(LocalDateTime.parse("2025-07-07T09:00"));
    // 4 July 2026 is a Saturday, observed on Friday 3 July.
    List<PlannedSend> plan2026 =
        SCHEDULE.plan(
            ny, steps(0), localInstant("2026-07-02T12:00", "America/New_York"), NO_JITTER);
    assertThat(local(plan2026, 1)).isEqualTo(LocalDateTime.parse("2026-07-06T09:00"));
  }

  @Test
  void ukBankHolidaysAreSkippedInBusinessDayCounts() {
    Lead london = lead("L-ldn", "Europe/London", "GB", "England");
    // Good Friday 3 April and Easter Monday 6 April 2026: Hook on Thursday 2 April, Proof 1
    // business day
    // later is Tuesday 7 April.
    List<PlannedSend> easter =
        SCHEDULE.plan(
            london, steps(0, 1), localInstant("2026-04-02T08:00", "Europe/London"), NO_JITTER);
    assertThat(local(easter, 1)).isEqualTo(LocalDateTime.parse("2026-04-02T09:00"));
    assertThat(local(easter, 2)).isEqualTo(LocalDateTime.parse("2026-04-07T09:00"));
    // Summer bank holiday (England) Monday 31 August 2026.
    List<PlannedSend> august =
        SCHEDULE.plan(
            london, steps(0), localInstant("2026-08-28T12:00", "Europe/London"), NO_JITTER);
    assertThat(local(august, 1)).isEqualTo(LocalDateTime.parse("2026-09-01T09:00"));
  }

  @Test
  void germanStateHolidayCountsOnlyInThatState() {
    // Corpus Christi, Thursday 4 June 2026: a holiday in Bavaria, not in Berlin.
    Instant wednesdayNoon = localInstant("2026-06-03T12:00", "Europe/Berlin");
    Lead munich = lead("L-muc", "Europe/Berlin", "DE", "Bavaria");
    Lead berlin = lead("L-ber", "Europe/Berlin", "DE", "Berlin");
    Lead bayern = lead("L-bay", "Europe/Berlin", "DE", "BY");
    assertThat(local(SCHEDULE.plan(munich, steps(0), wednesdayNoon, NO_JITTER), 1))
        .isEqualTo(LocalDateTime.parse("2026-06-05T09:00"));
    assertThat(local(SCHEDULE.plan(bayern, steps(0), wednesdayNoon, NO_JITTER), 1))
        .isEqualTo(LocalDateTime.parse("2026-06-05T09:00"));
    assertThat(local(SCHEDULE.plan(berlin, steps(0), wednesdayNoon, NO_JITTER), 1))
        .isEqualTo(LocalDateTime.parse("2026-06-04T09:00"));
  }

  @Test
  void newYorkSpringForwardNeverSendsAtAMissingLocalTime() {
    // Sunday 8 March 2026, 02:00 jumps to 03:00 in New York.
    SchedulePolicy nights =
        SchedulePolicy.builder().window("02:00-03:30").days("MON-SUN").jitter(false).build();
    Lead ny = lead("L-ny", "America/New_York", "US", "");
    List<PlannedSend> plan =
        SCHEDULE.plan(ny, steps(0), localInstant("2026-03-08T00:30", "America/New_York"), nights);
    assertThat(local(plan, 1)).isEqualTo(LocalDateTime.parse("2026-03-08T03:00"));
    assertThat(plan.get(0).sendAt()).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));

    // A window wholly inside the gap does not exist that day: the next day's window is used.
    SchedulePolicy gap = SchedulePolicy.builder().window("02:00-02:45").days("MON-SUN").build();
    for (int i = 0; i < 50; i++) {
      Lead l = lead("L-" + i, "America/New_York", "US", "");
      LocalDateTime at =
          local(
              SCHEDULE.plan(l, steps(0), localInstant("2026-03-08T00:30", "America/New_York"), gap),
              1);
      assertThat(at.toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 9));
      assertThat(at.toLocalTime()).isBetween(LocalTime.of(2, 0), LocalTime.of(2, 44, 59));
    }
  }

  @Test
  void newYorkFallBackUsesTheRepeatedHourOnce() {
    // Sunday 1 November 2026, 02:00 EDT falls back to 01:00 EST: 01:00-02:00 happens twice.
    SchedulePolicy night = SchedulePolicy.builder().window("01:00-02:00").days("MON-SUN").build();
    Instant midnight = localInstant("2026-11-01T00:00", "America/New_York");
    Set<Instant> sends = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Lead l = lead("L-" + i, "America/New_York", "US", "");
      List<PlannedSend> plan = SCHEDULE.plan(l, steps(0), midnight, night);
      Instant at = plan.get(0).sendAt();
      // 01:00 EDT (05:00Z) until 02:00 EST (07:00Z): one instant per message, local time inside the
      // window.
      assertThat(at)
          .isBetween(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T06:59:59Z"));
      assertThat(local(plan, 1).toLocalTime())
          .isBetween(LocalTime.of(1, 0), LocalTime.of(1, 59, 59));
      assertThat(SCHEDULE.plan(l, steps(0), midnight, night).get(0).sendAt()).isEqualTo(at);
      sends.add(at);
    }
    assertThat(sends).hasSizeGreaterThan(150);
  }

  @Test
  void berlinDstWeekendKeepsTheLocalWindow() {
    Lead berlin = lead("L-ber", "Europe/Berlin", "DE", "Berlin");
    // Hook Friday 27 March 2026 (CET, UTC+1); Proof Monday 30 March (CEST, UTC+2).
    List<PlannedSend> spring =
        SCHEDULE.plan(
            berlin, steps(0, 1), localInstant("2026-03-27T08:00", "Europe/Berlin"), NO_JITTER);
    assertThat(spring.get(0).sendAt()).isEqualTo(Instant.parse("2026-03-27T08:00:00Z"));
    assertThat(spring.get(1).sendAt()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
    assertThat(local(spring, 2)).isEqualTo(LocalDateTime.parse("2026-03-30T09:00"));
    // Autumn: Friday 23 October (CEST) then Monday 26 October (CET).
    List<PlannedSend> autumn =
        SCHEDULE.plan(
            berlin, steps(0, 1), localInstant("2026-10-23T08:00", "Europe/Berlin"), NO_JITTER);
    assertThat(autumn.get(1).sendAt()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    // Europe/Berlin on its transition night, window over the missing hour: 02:00-02:59 does not
    // exist.
    SchedulePolicy nights =
        SchedulePolicy.builder().window("02:00-04:00").days("MON-SUN").jitter(false).build();
    List<PlannedSend> gap =
        SCHEDULE.plan(berlin, steps(0), localInstant("2026-03-29T00:00", "Europe/Berlin"), nights);
    assertThat(local(gap, 1)).isEqualTo(LocalDateTime.parse("2026-03-29T03:00"));
  }

  @Test
  void lordHoweHalfHourDstStaysInTheWindow() {
    // Lord Howe moves from +10:30 to +11:00 at 02:00 on Sunday 4 October 2026: 02:00-02:29 do not
    // exist.
    Lead island = lead("L-lhi", "Australia/Lord_Howe", "AU", "");
    SchedulePolicy nights =
        SchedulePolicy.builder().window("02:00-03:00").days("MON-SUN").jitter(false).build();
    List<PlannedSend> gap =
        SCHEDULE.plan(
            island, steps(0), localInstant("2026-10-04T00:00", "Australia/Lord_Howe"), nights);
    assertThat(local(gap, 1)).isEqualTo(LocalDateTime.parse("2026-10-04T02:30"));
    assertThat(gap.get(0).sendAt()).isEqualTo(Instant.parse("2026-10-03T15:30:00Z"));
    // A weekday schedule over the change: Friday 2 October (+10:30), Monday 5 October (+11:00).
    List<PlannedSend> week =
        SCHEDULE.plan(
            island,
            steps(0, 1),
            localInstant("2026-10-02T08:00", "Australia/Lord_Howe"),
            NO_JITTER);
    assertThat(week.get(0).sendAt()).isEqualTo(Instant.parse("2026-10-01T22:30:00Z"));
    assertThat(week.get(1).sendAt()).isEqualTo(Instant.parse("2026-10-04T22:00:00Z"));
    assertThat(local(week, 2)).isEqualTo(LocalDateTime.parse("2026-10-05T09:00"));
  }

  @Test
  void kolkataHalfHourOffsetWindow() {
    Lead bengaluru = lead("L-blr", "Asia/Kolkata", "IN", "Karnataka");
    // Monday 30 November 2026 08:00 UTC is 13:30 in India: the window is over, Tuesday 09:00 IST =
    // 03:30Z.
    List<PlannedSend> plan =
        SCHEDULE.plan(bengaluru, steps(0, 3), Instant.parse("2026-11-30T08:00:00Z"), NO_JITTER);
    assertThat(plan.get(0).sendAt()).isEqualTo(Instant.parse("2026-12-01T03:30:00Z"));
    assertThat(local(plan, 2)).isEqualTo(LocalDateTime.parse("2026-12-04T09:00"));
    for (int i = 0; i < 100; i++) {
      Instant at =
          SCHEDULE
              .plan(
                  lead("L-" + i, "Asia/Kolkata", "IN", ""),
                  steps(0),
                  Instant.parse("2026-11-30T08:00:00Z"),
                  SchedulePolicy.defaults())
              .get(0)
              .sendAt();
      assertThat(at)
          .isBetween(Instant.parse("2026-12-01T03:30:00Z"), Instant.parse("2026-12-01T05:59:59Z"));
    }
  }

  @Test
  void countryWithSeveralZonesNeedsRegionOrCity() {
    SchedulePolicy company =
        SchedulePolicy.builder().companyZone(ZoneId.of("Europe/London")).build();
    Lead bare = Lead.builder("L-us", "us@example.com").country("US").build();
    ZoneResolution fallback = SCHEDULE.resolveZone(bare, company);
    assertThat(fallback.zone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(fallback.source()).isEqualTo("company default");
    assertThat(fallback.warning()).contains("US has").contains("time zones");

    assertThat(SCHEDULE.resolveZone(bare, SchedulePolicy.defaults()).zone())
        .isEqualTo(ZoneId.of("UTC"));
    Lead texas = bare.toBuilder().region("Texas").build();
    assertThat(SCHEDULE.resolveZone(texas, company))
        .isEqualTo(new ZoneResolution(ZoneId.of("America/Chicago"), "region", null));
    Lead denver = bare.toBuilder().city("Denver").build();
    assertThat(SCHEDULE.resolveZone(denver, company).zone()).isEqualTo(ZoneId.of("America/Denver"));
    Lead queensland = Lead.builder("L-au", "au@example.com").country("AU").region("QLD").build();
    assertThat(SCHEDULE.resolveZone(queensland, company).zone())
        .isEqualTo(ZoneId.of("Australia/Brisbane"));
    Lead alberta =
        Lead.builder("L-ca", "ca@example.com").country("Canada").region("Alberta").build();
    assertThat(SCHEDULE.resolveZone(alberta, company).zone())
        .isEqualTo(ZoneId.of("America/Edmonton"));

    // A Texas lead without a zone is scheduled in Chicago time, not in the company's.
    List<PlannedSend> plan =
        SCHEDULE.plan(texas, steps(0), Instant.parse("2026-12-01T12:00:00Z"), NO_JITTER);
    assertThat(plan.get(0).zone()).isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(local(plan, 1)).isEqualTo(LocalDateTime.parse("2026-12-01T09:00"));
  }

  @Test
  void timezoneFieldWinsThenCityThenCountry() {
    Lead withField =
        Lead.builder("L-1", "a@example.com")
            .city("Paris")
            .country("FR")
            .timezone("Asia/Tokyo")
            .build();
    assertThat(SCHEDULE.resolveZone(withField, SchedulePolicy.defaults()).zone())
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
    Lead city = Lead.builder("L-2", "b@example.com").city("São Paulo").country("BR").build();
    assertThat(SCHEDULE.resolveZone(city, SchedulePolicy.defaults()))
        .isEqualTo(new ZoneResolution(ZoneId.of("America/Sao_Paulo"), "city", null));
    Lead germany = Lead.builder("L-3", "c@example.com").country("Germany").build();
    assertThat(SCHEDULE.resolveZone(germany, SchedulePolicy.defaults()))
        .isEqualTo(new ZoneResolution(ZoneId.of("Europe/Berlin"), "country", null));
    Lead india = Lead.builder("L-4", "d@example.com").country("IN").build();
    assertThat(SCHEDULE.resolveZone(india, SchedulePolicy.defaults()).zone())
        .isEqualTo(ZoneId.of("Asia/Kolkata"));
    Lead nowhere = Lead.builder("L-5", "e@example.com").city("Atlantis").build();
    assertThat(SCHEDULE.resolveZone(nowhere, SchedulePolicy.defaults()).warning())
        .contains("Atlantis");
  }

  @Test
  void businessAndCalendarDaysDiffer() {
    Lead ny = lead("L-ny", "America/New_York", "US", "");
    Instant friday = localInstant("2026-12-04T08:00", "America/New_York");
    List<PlannedSend> business = SCHEDULE.plan(ny, steps(0, 3), friday, NO_JITTER);
    assertThat(local(business, 2).toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 9));
    SchedulePolicy calendar =
        NO_JITTER.toBuilder().intervalUnit(IntervalUnit.CALENDAR_DAYS).build();
    List<PlannedSend> calendarPlan = SCHEDULE.plan(ny, steps(0, 3), friday, calendar);
    assertThat(local(calendarPlan, 2).toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 7));
    // Calendar days landing on a weekend move to Monday: Friday + 1 = Saturday -> Monday.
    assertThat(local(SCHEDULE.plan(ny, steps(0, 1), friday, calendar), 2).toLocalDate())
        .isEqualTo(LocalDate.of(2026, 12, 7));
  }

  @Test
  void companyHolidaysAreSkipped() {
    Lead ny = lead("L-ny", "America/New_York", "US", "");
    SchedulePolicy closed =
        NO_JITTER.toBuilder().companyHolidays(List.of(LocalDate.of(2026, 12, 7))).build();
    List<PlannedSend> plan =
        SCHEDULE.plan(ny, steps(0), localInstant("2026-12-04T12:00", "America/New_York"), closed);
    assertThat(local(plan, 1).toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 8));
  }

  @Test
  void spreadIsDeterministicPerLeadAndDiffersBetweenLeads() {
    Instant start = Instant.parse("2026-12-01T12:00:00Z");
    Set<Instant> firsts = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Lead l = lead("L-" + i, "Europe/London", "GB", "");
      List<PlannedSend> a =
          SCHEDULE.plan(l, Sequence.hookProofFomo(), start, SchedulePolicy.defaults());
      List<PlannedSend> b =
          SCHEDULE.plan(l, Sequence.hookProofFomo(), start, SchedulePolicy.defaults());
      assertThat(a).isEqualTo(b);
      firsts.add(a.get(0).sendAt());
    }
    // 1,000 leads over the 9,000 seconds of the window: about 946 distinct seconds are expected.
    assertThat(firsts).hasSizeGreaterThan(850);
  }

  @Test
  void sendDaysAreConfigurable() {
    SchedulePolicy gulf = SchedulePolicy.builder().days("SUN-THU").jitter(false).build();
    assertThat(gulf.sendDays())
        .containsExactlyInAnyOrder(
            DayOfWeek.SUNDAY,
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY);
    Lead dubai = lead("L-dxb", "Asia/Dubai", "AE", "");
    // Thursday 3 December 2026 after the window: next send day Sunday 6 December (not a UAE
    // holiday).
    List<PlannedSend> plan =
        SCHEDULE.plan(dubai, steps(0), localInstant("2026-12-03T12:00", "Asia/Dubai"), gulf);
    assertThat(ZonedDateTime.of(local(plan, 1), ZoneId.of("Asia/Dubai")).getDayOfWeek())
        .isEqualTo(DayOfWeek.SUNDAY);
  }

  @Test
  void badPolicyNamesEachField() {
    assertThatThrownBy(() -> SchedulePolicy.builder().window("11:30-09:00").days("").build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("window")
        .hasMessageContaining("days");
    assertThatThrownBy(() -> SchedulePolicy.builder().window("nine to five").build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("window: 'nine to five' is not HH:mm-HH:mm");
    assertThatThrownBy(() -> SchedulePolicy.builder().days("MON-FUN").build())
        .hasMessageContaining("days");
  }
}
