package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Lead;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Public holidays by country and region, and the part of a country a lead's holidays come from.
 * Every test builds its own tables, so nothing loaded for another test answers here.
 */
class HolidaysTest {
  private final Holidays holidays = new Holidays();

  private static final LocalDate CORPUS_CHRISTI_2026 = LocalDate.of(2026, 6, 4);

  @Test
  void aRegionIsFoundByItsCodeItsEnglishNameOrItsLocalName() {
    assertThat(holidays.regionId("DE", "BY")).isEqualTo("by");
    assertThat(holidays.regionId("DE", "Bavaria")).isEqualTo("by");
    assertThat(holidays.regionId("DE", "Bayern")).as("German name").isEqualTo("by");
    assertThat(holidays.regionId("DE", "Atlantis")).isEmpty();
    assertThat(holidays.regionId("DE", "")).isEmpty();
    assertThat(holidays.regionId("XX", "Bavaria")).as("no such country").isEmpty();
  }

  @Test
  void aRegionsNameInALanguageNotSpokenInTheCountryIsNotTaken() {
    // jollyday has Bavaria in French and Greek too; neither is a language of Germany.
    assertThat(holidays.regionId("DE", "Bavière")).isEmpty();
    assertThat(holidays.regionId("DE", "Βαυαρία")).isEmpty();
  }

  @Test
  void aRegionalHolidayCountsOnlyInItsRegion() {
    assertThat(holidays.isHoliday("DE", "Bavaria", CORPUS_CHRISTI_2026)).isTrue();
    assertThat(holidays.isHoliday("DE", "Berlin", CORPUS_CHRISTI_2026)).isFalse();
    assertThat(holidays.isHoliday("DE", "", CORPUS_CHRISTI_2026))
        .as("not a national holiday")
        .isFalse();
    assertThat(holidays.isHoliday("DE", "", LocalDate.of(2026, 10, 3)))
        .as("German Unity Day, national")
        .isTrue();
    assertThat(holidays.isHoliday("DE", "Bavaria", LocalDate.of(2026, 10, 3)))
        .as("national holidays count in every region")
        .isTrue();
  }

  @Test
  void theDateAndTheWeekdayItIsObservedOnAreBothDaysOff() {
    // 4 July 2026 is a Saturday, observed on Friday 3 July.
    assertThat(holidays.isHoliday("US", "", LocalDate.of(2026, 7, 4))).isTrue();
    assertThat(holidays.isHoliday("US", "", LocalDate.of(2026, 7, 3))).isTrue();
    assertThat(holidays.isHoliday("US", "", LocalDate.of(2026, 7, 2))).isFalse();
  }

  @Test
  void anObservanceIsNoDayOff() {
    // Austria: Christmas Eve is an observance, Christmas Day a public holiday.
    assertThat(holidays.isHoliday("AT", "", LocalDate.of(2026, 12, 24))).isFalse();
    assertThat(holidays.isHoliday("AT", "", LocalDate.of(2026, 12, 25))).isTrue();
  }

  @Test
  void anUnknownOrEmptyCountryHasNoHolidays() {
    assertThat(holidays.isHoliday("XX", "", LocalDate.of(2026, 12, 25))).isFalse();
    assertThat(holidays.isHoliday("", "", LocalDate.of(2026, 12, 25))).isFalse();
  }

  @Test
  void leadsOfOneCountryAndRegionShareOneCalendar() {
    Holidays.Calendar bavaria = holidays.calendar("DE", "Bavaria");
    assertThat(holidays.calendar("DE", "Bavaria")).isSameAs(bavaria);
    assertThat(holidays.calendar("DE", "Berlin")).isNotSameAs(bavaria);
    assertThat(bavaria.isHoliday(CORPUS_CHRISTI_2026)).isTrue();
    assertThat(bavaria.isHoliday(CORPUS_CHRISTI_2026.plusDays(1))).isFalse();
  }

  private static Lead lead(String city, String region, String country) {
    return Lead.builder("L-1", "l1@example.com").city(city).region(region).country(country).build();
  }

  @Test
  void theLeadsOwnRegionIsUsedAsItIs() {
    assertThat(HolidayRegions.of(lead("Munich", "Bavaria", "DE"), holidays))
        .isEqualTo(new HolidayRegions.Choice("Bavaria", null));
    assertThat(HolidayRegions.of(lead("London", "", ""), holidays))
        .as("no country, no regional holidays")
        .isEqualTo(new HolidayRegions.Choice("", null));
  }

  @Test
  void aCityGivesTheRegionWhenItNamesOne() {
    assertThat(HolidayRegions.of(lead("Glasgow", "", "GB"), holidays))
        .isEqualTo(new HolidayRegions.Choice("Scotland", null));
    assertThat(HolidayRegions.of(lead("Berlin", "", "DE"), holidays))
        .as("a city that is a region of its own")
        .isEqualTo(new HolidayRegions.Choice("Berlin", null));
    assertThat(HolidayRegions.of(lead("Munich", "", "DE"), holidays))
        .as("a city that is no region: the national holidays")
        .isEqualTo(new HolidayRegions.Choice("", null));
  }

  @Test
  void withoutARegionTheMostPopulousPartIsUsedAndTheWarningSaysWhy() {
    assertThat(HolidayRegions.of(lead("", "", "GB"), holidays))
        .isEqualTo(
            new HolidayRegions.Choice(
                "England",
                "no region or city for GB; using the public holidays of England, where most"
                    + " people live"));
    assertThat(HolidayRegions.of(lead("Springfield", "", "GB"), holidays))
        .isEqualTo(
            new HolidayRegions.Choice(
                "England",
                "no region and the city 'Springfield' unknown for GB; using the public holidays"
                    + " of England, where most people live"));
  }
}
