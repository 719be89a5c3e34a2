package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.SequenceStep;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A business day is searched for {@link BusinessSchedule#MAX_SEARCH_DAYS} days (the days {@code 0}
 * to {@code MAX_SEARCH_DAYS - 1} after the first candidate), no further; and the zone chosen when
 * country holidays are off.
 */
class SearchHorizonTest {
  private static final Lead LEAD = Lead.builder("L-h", "h@example.com").timezone("UTC").build();

  /** Mondays only, every Monday from {@code first} closed until {@code open}, which is not. */
  private static BusinessSchedule mondaysClosedUntil(LocalDate first, LocalDate open) {
    List<LocalDate> closed =
        Stream.iterate(first, d -> d.isBefore(open), d -> d.plusWeeks(1)).toList();
    return BusinessSchedule.builder()
        .policy(
            SchedulePolicy.builder()
                .jitter(false)
                .countryHolidays(false)
                .days(EnumSet.of(DayOfWeek.MONDAY))
                .companyHolidays(closed)
                .build())
        .build();
  }

  @Test
  void aSendOfTheSameDayFindsTheLastDayOfTheHorizonButNotTheDayAfter() {
    LocalDate tuesday = LocalDate.of(2027, 1, 5);
    assertThat(tuesday.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    Instant enrolled = tuesday.atTime(12, 0).atZone(ZoneId.of("UTC")).toInstant();
    SequenceStep now = new SequenceStep(MessageType.HOOK, 0);

    // Days 0..MAX-1 are searched: the first open Monday is day MAX-7 in one case, day MAX in the
    // other (MAX_SEARCH_DAYS = 1098 = 7 * 156 + 6, and the first Monday is day 6).
    LocalDate lastInside = tuesday.plusDays(BusinessSchedule.MAX_SEARCH_DAYS - 7);
    LocalDate firstOutside = tuesday.plusDays(BusinessSchedule.MAX_SEARCH_DAYS);
    assertThat(firstOutside.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);

    assertThat(
            mondaysClosedUntil(tuesday.plusDays(6), lastInside)
                .firstSend(LEAD, now, enrolled)
                .atZone(ZoneId.of("UTC"))
                .toLocalDate())
        .isEqualTo(lastInside);
    assertThatThrownBy(
            () ->
                mondaysClosedUntil(tuesday.plusDays(6), firstOutside)
                    .firstSend(LEAD, now, enrolled))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no business day within " + BusinessSchedule.MAX_SEARCH_DAYS);
  }

  @Test
  void aStepDaysLaterSearchesTheSameHorizonFromTheDayAfter() {
    LocalDate monday = LocalDate.of(2027, 1, 4);
    Instant sent = monday.atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant();
    SequenceStep oneDayLater = new SequenceStep(MessageType.PROOF, 1);

    // The search starts on Tuesday, day 1: days 1..MAX are searched.
    LocalDate lastInside = monday.plusDays(BusinessSchedule.MAX_SEARCH_DAYS - 6);
    LocalDate firstOutside = monday.plusDays(BusinessSchedule.MAX_SEARCH_DAYS + 1);
    assertThat(firstOutside.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);

    assertThat(
            mondaysClosedUntil(monday.plusWeeks(1), lastInside)
                .nextSend(LEAD, oneDayLater, sent)
                .atZone(ZoneId.of("UTC"))
                .toLocalDate())
        .isEqualTo(lastInside);
    assertThatThrownBy(
            () ->
                mondaysClosedUntil(monday.plusWeeks(1), firstOutside)
                    .nextSend(LEAD, oneDayLater, sent))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lead L-h")
        .hasMessageContaining("no business day within " + BusinessSchedule.MAX_SEARCH_DAYS);
  }

  @Test
  void withoutCountryHolidaysTheLeadsOwnZoneComesWithoutAWarning() {
    SchedulePolicy noHolidays = SchedulePolicy.builder().countryHolidays(false).build();
    Lead gb = Lead.builder("L-gb", "gb@example.com").country("GB").build();

    assertThat(BusinessSchedule.create().resolveZone(gb, noHolidays))
        .as("the part of GB does not matter without its holidays")
        .isEqualTo(new ZoneResolution(ZoneId.of("Europe/London"), "country", null));
    assertThat(BusinessSchedule.create().resolveZone(LEAD, noHolidays))
        .isEqualTo(new ZoneResolution(ZoneId.of("UTC"), "timezone", null));
  }

  @Test
  void theHolidayWarningIsTheWholeWarningWhenTheZoneIsTheLeadsOwn() {
    Lead gb = Lead.builder("L-gb", "gb@example.com").country("GB").build();

    assertThat(BusinessSchedule.create().resolveZone(gb, SchedulePolicy.defaults()))
        .isEqualTo(
            new ZoneResolution(
                ZoneId.of("Europe/London"),
                "country",
                "no region or city for GB; using the public holidays of England, where most"
                    + " people live"));
  }
}
