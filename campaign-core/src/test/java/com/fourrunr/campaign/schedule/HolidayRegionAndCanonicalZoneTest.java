package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.SchedulePolicy;
import com.fourrunr.campaign.Sequence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21, scheduling: the part of a country a lead's holidays come from, and canonical zones. */
class HolidayRegionAndCanonicalZoneTest {
  private static final BusinessSchedule SCHEDULE = BusinessSchedule.create();
  private static final LocalDate EASTER_MONDAY_2027 = LocalDate.of(2027, 3, 29);

  @Test
  void aLondonLeadWithoutRegionKeepsEnglishBankHolidays() {
    Lead london = Lead.builder("L-ldn", "ldn@example.com").city("London").country("GB").build();

    assertThat(SCHEDULE.isCountryHoliday(london, EASTER_MONDAY_2027)).isTrue();
    assertThat(SCHEDULE.isBusinessDay(london, EASTER_MONDAY_2027, SchedulePolicy.defaults()))
        .isFalse();
    ZoneResolution zone = SCHEDULE.resolveZone(london, SchedulePolicy.defaults());
    assertThat(zone.zone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(zone.warning()).as("the city names the part of the country").isNull();
    // Planned on Thursday before Easter: the Hook does not go out on Good Friday or Easter Monday.
    List<PlannedSend> plan =
        SCHEDULE.plan(
            london,
            Sequence.hookProofFomo(),
            Instant.parse("2027-03-25T12:00:00Z"),
            SchedulePolicy.builder().jitter(false).build());
    assertThat(plan.get(0).localSendAt().toLocalDate()).isEqualTo(LocalDate.of(2027, 3, 30));

    Lead edinburgh = london.toBuilder().city("Edinburgh").build();
    assertThat(SCHEDULE.isCountryHoliday(edinburgh, EASTER_MONDAY_2027))
        .as("Easter Monday is not a bank holiday in Scotland")
        .isFalse();
  }

  @Test
  void withNeitherRegionNorCityTheMostPopulousPartIsUsedWithAWarning() {
    Lead bare = Lead.builder("L-gb", "gb@example.com").country("GB").build();

    assertThat(SCHEDULE.isCountryHoliday(bare, EASTER_MONDAY_2027)).isTrue();
    ZoneResolution zone = SCHEDULE.resolveZone(bare, SchedulePolicy.defaults());
    assertThat(zone.zone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(zone.warning()).contains("England", "GB");
  }

  @Test
  void aBackwardCompatibleAliasIsPrintedAsTheCanonicalZone() {
    Lead telAviv = Lead.builder("L-tlv", "tlv@example.com").city("Tel Aviv").country("IL").build();

    assertThat(SCHEDULE.resolveZone(telAviv, SchedulePolicy.defaults()).zone().getId())
        .isEqualTo("Asia/Jerusalem");
    List<PlannedSend> plan =
        SCHEDULE.plan(
            telAviv,
            Sequence.hookProofFomo(),
            Instant.parse("2027-01-04T06:00:00Z"),
            SchedulePolicy.defaults());
    assertThat(plan).allSatisfy(p -> assertThat(p.zone().getId()).isEqualTo("Asia/Jerusalem"));
    assertThat(new ZoneResolution(ZoneId.of("Asia/Calcutta"), "timezone", null).zone().getId())
        .isEqualTo("Asia/Kolkata");
  }
}
