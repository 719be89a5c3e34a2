package com.fourrunr.campaign.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.Lead;
import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The directory's own tables (business cities, and the states, provinces and territories of the US,
 * Canada and Australia) checked against facts from elsewhere, not against a copy of the tables: the
 * subdivisions come from jollyday's calendars (their codes and English names), a zone's country
 * from IANA's {@code zone.tab}, and where {@code zone.tab} names a subdivision outright (without
 * "(west)" or the like) that zone is the one expected. Every entry must be found by its own kind of
 * match ("city" or "region", never the country fallback), whatever its letter case, and without a
 * warning.
 */
class ZoneDirectoryTablesTest {
  private static final List<String> SUBDIVIDED = List.of("US", "CA", "AU");

  /**
   * jollyday's English names that are misspelt in its data, with the right spelling; the right one
   * is what leads carry, so it is the one checked.
   */
  private static final Map<String, String> MISSPELT_IN_JOLLYDAY = Map.of("Tennesee", "Tennessee");

  /**
   * Business cities that are not IANA zone names, with the country each lies in (ISO 3166): a
   * statement of where these places are, not of their zones.
   */
  private static final List<String[]> BUSINESS_CITIES =
      List.of(
          new String[] {"San Francisco", "US"},
          new String[] {"San Diego", "US"},
          new String[] {"San Jose", "US"},
          new String[] {"Seattle", "US"},
          new String[] {"Portland", "US"},
          new String[] {"Boston", "US"},
          new String[] {"Washington", "US"},
          new String[] {"Atlanta", "US"},
          new String[] {"Miami", "US"},
          new String[] {"Philadelphia", "US"},
          new String[] {"Austin", "US"},
          new String[] {"Dallas", "US"},
          new String[] {"Houston", "US"},
          new String[] {"Minneapolis", "US"},
          new String[] {"Salt Lake City", "US"},
          new String[] {"Montreal", "CA"},
          new String[] {"Ottawa", "CA"},
          new String[] {"Calgary", "CA"},
          new String[] {"Munich", "DE"},
          new String[] {"Hamburg", "DE"},
          new String[] {"Frankfurt", "DE"},
          new String[] {"Cologne", "DE"},
          new String[] {"Barcelona", "ES"},
          new String[] {"Milan", "IT"},
          new String[] {"Manchester", "GB"},
          new String[] {"Edinburgh", "GB"},
          new String[] {"Lyon", "FR"},
          new String[] {"Geneva", "CH"},
          new String[] {"Bengaluru", "IN"},
          new String[] {"Bangalore", "IN"},
          new String[] {"Mumbai", "IN"},
          new String[] {"Delhi", "IN"},
          new String[] {"New Delhi", "IN"},
          new String[] {"Osaka", "JP"},
          new String[] {"Rio de Janeiro", "BR"},
          new String[] {"Canberra", "AU"},
          new String[] {"Auckland", "NZ"});

  private static final Pattern PART = Pattern.compile("^(.*?)\\s*(?:\\(([^)]*)\\))?$");

  private final ZoneDirectory directory = new ZoneDirectory();
  private final Map<String, List<String>> countriesByZone = new HashMap<>();
  private final Map<String, List<String[]>> rowsByCountry = new HashMap<>();

  ZoneDirectoryTablesTest() throws IOException {
    try (InputStream in =
            getClass()
                .getClassLoader()
                .getResourceAsStream("com/fourrunr/campaign/schedule/zone.tab");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        countriesByZone.computeIfAbsent(f[2], k -> new ArrayList<>()).add(f[0]);
        rowsByCountry
            .computeIfAbsent(f[0], k -> new ArrayList<>())
            .add(new String[] {f[2], f.length > 3 ? f[3] : ""});
      }
    }
  }

  private ZoneResolution resolve(String city, String region, String country) {
    Lead lead =
        Lead.builder("L-1", "l1@example.com").city(city).region(region).country(country).build();
    return directory.fromLocation(lead);
  }

  /** The (canonical) zone.tab countries of a zone. */
  private List<String> countriesOf(ZoneId zone) {
    return countriesByZone.getOrDefault(ZoneDirectory.canonical(zone).getId(), List.of());
  }

  private static final Map<String, Map<String, String>> SUBDIVISIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** jollyday's first-level subdivisions of a country: code to English name. */
  private static Map<String, String> subdivisions(String country) {
    return SUBDIVISIONS.computeIfAbsent(country, ZoneDirectoryTablesTest::readSubdivisions);
  }

  private static Map<String, String> readSubdivisions(String country) {
    HolidayManager manager =
        HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
    Map<String, String> byCode = new HashMap<>();
    for (CalendarHierarchy child : manager.getCalendarHierarchy().getChildren().values()) {
      String name = child.getDescription(Locale.ENGLISH);
      byCode.put(child.getId(), MISSPELT_IN_JOLLYDAY.getOrDefault(name, name));
    }
    return Map.copyOf(byCode);
  }

  /**
   * The zone zone.tab gives a subdivision outright: its comment names the subdivision (by code or
   * name) with no qualifier or as "(most areas)"; null when no zone or several do.
   */
  private String zoneTabNames(String country, String code, String name) {
    String found = null;
    for (String[] row : rowsByCountry.getOrDefault(country, List.of())) {
      String comment = row[1];
      int dash = comment.indexOf(" - ");
      String places = dash >= 0 ? comment.substring(dash + 3) : comment;
      for (String part : places.split(",|&")) {
        Matcher m = PART.matcher(part.strip());
        if (!m.matches()) {
          continue;
        }
        String place = m.group(1);
        String qualifier = m.group(2);
        boolean outright = qualifier == null || qualifier.equals("most areas");
        if (outright && (place.equalsIgnoreCase(code) || place.equalsIgnoreCase(name))) {
          if (found != null && !found.equals(row[0])) {
            return null;
          }
          found = row[0];
        }
      }
    }
    return found;
  }

  @Test
  void everyStateProvinceAndTerritoryIsFoundByCodeAndNameInAnyCaseInAZoneOfItsCountry() {
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (String country : SUBDIVIDED) {
      Map<String, String> subdivisions = subdivisions(country);
      assertThat(subdivisions).as("jollyday's subdivisions of %s", country).hasSizeGreaterThan(7);
      for (var e : subdivisions.entrySet()) {
        String code = e.getKey();
        String name = e.getValue();
        ZoneResolution byCode = resolve("", code.toUpperCase(Locale.ROOT), country);
        softly.assertThat(byCode).as("%s %s (%s)", country, code, name).isNotNull();
        if (byCode == null) {
          continue;
        }
        softly
            .assertThat(byCode.source())
            .as("%s %s (%s) is found as a region", country, code, name)
            .isEqualTo("region");
        softly.assertThat(byCode.warning()).as("%s %s: no warning", country, code).isNull();
        softly
            .assertThat(countriesOf(byCode.zone()))
            .as("%s %s (%s) lies in a zone of %s, not %s", country, code, name, country, byCode)
            .contains(country);
        for (String spelling :
            List.of(
                code.toLowerCase(Locale.ROOT),
                name,
                name.toUpperCase(Locale.ROOT),
                name.toLowerCase(Locale.ROOT))) {
          softly
              .assertThat(resolve("", spelling, country))
              .as("%s '%s' is the same region as %s", country, spelling, code)
              .isEqualTo(byCode);
        }
        checked++;
      }
    }
    softly.assertAll();
    assertThat(checked)
        .as("50 states and DC, 13 provinces and territories, 8 in Australia")
        .isEqualTo(51 + 13 + 8);
  }

  @Test
  void whereZoneTabNamesASubdivisionOutrightItIsThatZone() {
    SoftAssertions softly = new SoftAssertions();
    int named = 0;
    for (String country : SUBDIVIDED) {
      for (var e : subdivisions(country).entrySet()) {
        String expected = zoneTabNames(country, e.getKey(), e.getValue());
        if (expected == null) {
          continue;
        }
        named++;
        ZoneResolution r = resolve("", e.getValue(), country);
        softly
            .assertThat(r == null ? null : r.zone())
            .as("%s %s (%s)", country, e.getKey(), e.getValue())
            .isEqualTo(ZoneId.of(expected));
      }
    }
    softly.assertAll();
    // AK, HI, MI, IN; NS, PE, NB, ON, QC, NU, MB, SK, AB, BC; TAS, VIC, NSW, QLD, SA, NT, WA
    assertThat(named).as("subdivisions zone.tab names outright").isEqualTo(21);
  }

  @Test
  void puertoRicoIsAUsRegionInItsOwnZoneTabCountry() {
    for (String spelling : List.of("PR", "pr", "Puerto Rico", "PUERTO RICO")) {
      ZoneResolution r = resolve("", spelling, "US");
      assertThat(r).as(spelling).isNotNull();
      assertThat(r.source()).as(spelling).isEqualTo("region");
      assertThat(r.warning()).isNull();
      assertThat(countriesOf(r.zone()))
          .as("zone.tab lists Puerto Rico as PR")
          .containsExactly("PR");
    }
  }

  @Test
  void aSubdivisionWithoutItsCountryIsFoundByAnyNameLongerThanTwoLetters() {
    for (String country : SUBDIVIDED) {
      for (var e : subdivisions(country).entrySet()) {
        String name = e.getValue();
        ZoneResolution withCountry = resolve("", name, country);
        ZoneResolution without = resolve("", name, "");
        assertThat(without).as("'%s' without a country", name).isNotNull();
        assertThat(without.source()).isEqualTo("region");
        if (isUniqueName(name)) {
          assertThat(without).as("'%s' names one place", name).isEqualTo(withCountry);
        }
      }
    }
  }

  /** Whether no other country's subdivision has the same name. */
  private static boolean isUniqueName(String name) {
    int count = 0;
    for (String country : SUBDIVIDED) {
      if (subdivisions(country).containsValue(name)) {
        count++;
      }
    }
    return count == 1;
  }

  @Test
  void everyBusinessCityIsFoundByNameInAnyCaseInAZoneOfItsCountry() {
    SoftAssertions softly = new SoftAssertions();
    for (String[] entry : BUSINESS_CITIES) {
      String city = entry[0];
      String country = entry[1];
      ZoneResolution r = resolve(city, "", country);
      softly.assertThat(r).as(city).isNotNull();
      if (r == null) {
        continue;
      }
      softly.assertThat(r.source()).as("%s is found as a city", city).isEqualTo("city");
      softly.assertThat(r.warning()).as(city).isNull();
      softly
          .assertThat(countriesOf(r.zone()))
          .as("%s lies in a zone of %s, not %s", city, country, r.zone())
          .contains(country);
      for (String spelling :
          List.of(city.toUpperCase(Locale.ROOT), city.toLowerCase(Locale.ROOT))) {
        softly.assertThat(resolve(spelling, "", "")).as(spelling).isEqualTo(r);
      }
    }
    softly.assertAll();
  }

  @Test
  void theFactsTheseChecksUseAreThere() {
    assertThat(Set.copyOf(countriesByZone.get("America/Toronto"))).containsExactly("CA");
    assertThat(zoneTabNames("CA", "nb", "New Brunswick")).isEqualTo("America/Moncton");
    assertThat(zoneTabNames("CA", "yt", "Yukon")).as("named only as east or west").isNull();
    assertThat(zoneTabNames("US", "or", "Oregon")).as("named only as '(east)'").isNull();
  }
}
