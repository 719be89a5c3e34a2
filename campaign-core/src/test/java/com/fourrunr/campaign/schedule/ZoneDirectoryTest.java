package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Lead;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * How a lead's location gives its zone: city (when its country agrees), then region, then country.
 * Every test builds its own directory, so no result cached for another test answers here.
 */
class ZoneDirectoryTest {
  private final ZoneDirectory directory = new ZoneDirectory();

  private static Lead at(String city, String region, String country) {
    return Lead.builder("L-1", "l1@example.com").city(city).region(region).country(country).build();
  }

  private ZoneResolution resolve(String city, String region, String country) {
    return directory.fromLocation(at(city, region, country));
  }

  @Test
  void aCityGivesItsZoneWhenTheCountryIsEmptyOrAgrees() {
    assertThat(resolve("Tokyo", "", ""))
        .isEqualTo(new ZoneResolution(ZoneId.of("Asia/Tokyo"), "city", null));
    assertThat(resolve("São Paulo", "", "BR"))
        .isEqualTo(new ZoneResolution(ZoneId.of("America/Sao_Paulo"), "city", null));
    assertThat(resolve("Munich", "", "DE"))
        .as("a business city that is no zone name")
        .isEqualTo(new ZoneResolution(ZoneId.of("Europe/Berlin"), "city", null));
  }

  @Test
  void aCityOfAnotherCountryIsIgnoredAndTheCountryDecides() {
    assertThat(resolve("Paris", "", "DE"))
        .isEqualTo(new ZoneResolution(ZoneId.of("Europe/Berlin"), "country", null));
    assertThat(resolve("Paris", "", "US"))
        .as("the US has several zones and Paris is none of them")
        .isNull();
  }

  @Test
  void aCityNamedByAnOldZoneAliasCountsForTheAliasCountry() {
    // Asia/Calcutta is a link, not in zone.tab: its country is found through Asia/Kolkata's rules.
    assertThat(resolve("Calcutta", "", "IN"))
        .isEqualTo(new ZoneResolution(ZoneId.of("Asia/Kolkata"), "city", null));
  }

  @Test
  void aRegionOfTheLeadsCountryGivesItsZone() {
    assertThat(resolve("", "Texas", "US"))
        .isEqualTo(new ZoneResolution(ZoneId.of("America/Chicago"), "region", null));
    assertThat(resolve("", "tx", "US"))
        .isEqualTo(new ZoneResolution(ZoneId.of("America/Chicago"), "region", null));
    assertThat(resolve("", "Western Australia", "AU"))
        .isEqualTo(new ZoneResolution(ZoneId.of("Australia/Perth"), "region", null));
    assertThat(resolve("", "WA", "US"))
        .isEqualTo(new ZoneResolution(ZoneId.of("America/Los_Angeles"), "region", null));
    assertThat(resolve("", "WA", "AU"))
        .isEqualTo(new ZoneResolution(ZoneId.of("Australia/Perth"), "region", null));
    assertThat(resolve("", "Ontario", "US")).as("a Canadian province is no US region").isNull();
  }

  @Test
  void withoutACountryOnlyARegionLongerThanTwoLettersIsTrusted() {
    assertThat(resolve("", "Queensland", ""))
        .isEqualTo(new ZoneResolution(ZoneId.of("Australia/Brisbane"), "region", null));
    assertThat(resolve("", "NSW", ""))
        .isEqualTo(new ZoneResolution(ZoneId.of("Australia/Sydney"), "region", null));
    assertThat(resolve("", "WA", "")).as("Washington or Western Australia").isNull();
  }

  @Test
  void aCountryGivesItsOnlyZoneOrTheOneZoneTabCallsMostOrMainland() {
    assertThat(resolve("", "", "FR"))
        .isEqualTo(new ZoneResolution(ZoneId.of("Europe/Paris"), "country", null));
    assertThat(directory.countryZone("FR")).isEqualTo("Europe/Paris");
    assertThat(directory.countryZone("DE")).as("most of Germany").isEqualTo("Europe/Berlin");
    assertThat(directory.countryZone("ES")).as("Spain (mainland)").isEqualTo("Europe/Madrid");
    assertThat(directory.countryZone("PT")).as("Portugal (mainland)").isEqualTo("Europe/Lisbon");
    assertThat(directory.countryZone("US")).as("several zones say 'most areas'").isNull();
    assertThat(directory.countryZone("XX")).as("no such country").isNull();
  }

  @Test
  void theSameLocationGivesTheSameAnswerTwice() {
    Lead lead = at("Tokyo", "", "JP");
    ZoneResolution first = directory.fromLocation(lead);
    assertThat(first).isNotNull();
    assertThat(directory.fromLocation(lead)).isEqualTo(first);
    assertThat(directory.fromLocation(at("", "", "US"))).isNull();
    assertThat(directory.fromLocation(at("", "", "US"))).isNull();
  }

  @Test
  void theCacheOfResolutionsStartsOverWhenItIsFull() {
    for (int i = 0; i < ZoneDirectory.MAX_CACHED; i++) {
      directory.fromLocation(at("Town " + i, "", "FR"));
    }
    assertThat(directory.cachedResolutions()).isEqualTo(ZoneDirectory.MAX_CACHED);
    assertThat(directory.fromLocation(at("Tokyo", "", "")))
        .isEqualTo(new ZoneResolution(ZoneId.of("Asia/Tokyo"), "city", null));
    assertThat(directory.cachedResolutions()).as("emptied, then the new place").isEqualTo(1);
    assertThat(directory.fromLocation(at("Town 1", "", "FR")))
        .as("a place resolved before the reset is resolved again, the same")
        .isEqualTo(new ZoneResolution(ZoneId.of("Europe/Paris"), "country", null));
    assertThat(directory.cachedResolutions()).isEqualTo(2);
  }

  @Test
  void theWarningNamesTheLocationGivenAndWhatIsMissing() {
    assertThat(directory.whyUnresolved(at("", "", "")))
        .isEqualTo("lead has no timezone and no location");
    assertThat(directory.whyUnresolved(at("Atlantis", "Nowhere", "")))
        .isEqualTo("location 'Atlantis, Nowhere' matches no known time zone");
    assertThat(directory.whyUnresolved(at("", "Nowhere", "")))
        .isEqualTo("location 'Nowhere' matches no known time zone");
    assertThat(directory.fromLocation(at("Atlantis", "Nowhere", ""))).isNull();
    assertThat(directory.whyUnresolved(at("", "", "US")))
        .matches(
            "location 'US' is not specific enough: US has \\d+ time zones, give the region or city");
  }

  @Test
  void namesAreComparedWithoutCaseAccentsOrPunctuation() {
    assertThat(ZoneDirectory.normalise("  São_Paulo ")).isEqualTo("sao paulo");
    assertThat(ZoneDirectory.normalise("Salt-Lake..City")).isEqualTo("salt lake city");
  }
}
