package com.fourrunr.campaign.schedule;

import com.fourrunr.campaign.Lead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds a lead's time zone from its location. Countries and their zones come from the IANA time
 * zone database's {@code zone.tab} (shipped as a resource, public domain, refreshed with the tz
 * data); city names from the JDK's zone ids (the city part of {@code America/New_York}); states and
 * provinces of the US, Canada and Australia, and common business cities that are not zone names,
 * from small tables below.
 */
final class ZoneDirectory {
  static final ZoneDirectory INSTANCE = new ZoneDirectory();

  private static final String ZONE_TAB = "com/fourrunr/campaign/schedule/zone.tab";

  /** Country code to its zones in zone.tab order, each with zone.tab's comment. */
  private final Map<String, List<String[]>> zonesByCountry = new HashMap<>();

  /** Zone id to the countries zone.tab lists it for. */
  private final Map<String, List<String>> countriesByZone = new HashMap<>();

  /** Normalised city name to zone id. */
  private final Map<String, String> zoneByCity = new HashMap<>();

  /** Country code, then normalised region code or name, to zone id. */
  private final Map<String, Map<String, String>> zoneByRegion = new HashMap<>();

  /**
   * A directory of its own, with an empty cache: the engine shares {@link #INSTANCE}; tests build
   * fresh ones so no result cached by an earlier test answers for them.
   */
  ZoneDirectory() {
    readZoneTab();
    for (String id : ZoneId.getAvailableZoneIds()) {
      if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
        String city = normalise(id.substring(id.lastIndexOf('/') + 1).replace('_', ' '));
        // Canonical zone.tab zones win over links such as Asia/Calcutta.
        if (countriesByZone.containsKey(id) || !zoneByCity.containsKey(city)) {
          zoneByCity.put(city, id);
        }
      }
    }
    commonCities();
    usStates();
    canadianProvinces();
    australianStates();
  }

  private void readZoneTab() {
    InputStream in = ZoneDirectory.class.getClassLoader().getResourceAsStream(ZONE_TAB);
    if (in == null) {
      throw new IllegalStateException("resource " + ZONE_TAB + " is missing from campaign-core");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length < 3) {
          continue;
        }
        String comment = f.length > 3 ? f[3] : "";
        zonesByCountry
            .computeIfAbsent(f[0], k -> new ArrayList<>())
            .add(new String[] {f[2], comment});
        countriesByZone.computeIfAbsent(f[2], k -> new ArrayList<>()).add(f[0]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String LINKS = "com/fourrunr/campaign/schedule/links.tab";

  /** Backward-compatible zone name to the canonical zone it links to; loaded on first use. */
  private static final class Links {
    static final Map<String, String> CANONICAL = read();

    private static Map<String, String> read() {
      Map<String, String> links = new HashMap<>();
      InputStream in = ZoneDirectory.class.getClassLoader().getResourceAsStream(LINKS);
      if (in == null) {
        throw new IllegalStateException("resource " + LINKS + " is missing from campaign-core");
      }
      Set<String> known = ZoneId.getAvailableZoneIds();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String[] f = line.split("\t");
          // Only where this JDK knows the canonical name too (Europe/Kyiv is recent).
          if (!line.startsWith("#") && f.length == 2 && known.contains(f[1])) {
            links.put(f[0], f[1]);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.copyOf(links);
    }
  }

  /**
   * The canonical IANA zone for a backward-compatible alias ({@code Asia/Tel_Aviv} to {@code
   * Asia/Jerusalem}, {@code Asia/Calcutta} to {@code Asia/Kolkata}); any other zone unchanged.
   */
  static ZoneId canonical(ZoneId zone) {
    String target = Links.CANONICAL.get(zone.getId());
    return target == null ? zone : ZoneId.of(target);
  }

  /** Lowercase, accents removed, runs of spaces, dots, hyphens and underscores made one space. */
  static String normalise(String text) {
    String n = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.toLowerCase(Locale.ROOT).replaceAll("[\\s._-]+", " ").strip();
  }

  /**
   * Resolutions by location, so names are normalised once per place; cleared when it grows too
   * large.
   */
  private final Map<String, java.util.Optional<ZoneResolution>> resolved =
      new java.util.concurrent.ConcurrentHashMap<>();

  static final int MAX_CACHED = 50_000;

  /** How many locations have a cached resolution (at most {@link #MAX_CACHED}). */
  int cachedResolutions() {
    return resolved.size();
  }

  /**
   * The zone for the lead's location (city, then region, then country), or null; see {@link
   * #whyUnresolved}.
   */
  @Nullable ZoneResolution fromLocation(Lead lead) {
    String key = lead.city() + "\u0000" + lead.region() + "\u0000" + lead.country();
    java.util.Optional<ZoneResolution> hit = resolved.get(key);
    if (hit == null) {
      if (resolved.size() >= MAX_CACHED) {
        resolved.clear();
      }
      hit = java.util.Optional.ofNullable(resolve(lead));
      resolved.put(key, hit);
    }
    return hit.orElse(null);
  }

  private @Nullable ZoneResolution resolve(Lead lead) {
    String country = lead.country();
    if (!lead.city().isEmpty()) {
      String zone = zoneByCity.get(normalise(lead.city()));
      if (zone != null && (country.isEmpty() || countriesOf(zone).contains(country))) {
        return new ZoneResolution(ZoneId.of(zone), "city", null);
      }
    }
    if (!lead.region().isEmpty()) {
      String region = normalise(lead.region());
      for (var entry : zoneByRegion.entrySet()) {
        if (country.isEmpty() || entry.getKey().equals(country)) {
          String zone = entry.getValue().get(region);
          // A bare two-letter region without a country is too ambiguous (CA, WA, ...) unless
          // unique.
          if (zone != null && (!country.isEmpty() || region.length() > 2)) {
            return new ZoneResolution(ZoneId.of(zone), "region", null);
          }
        }
      }
    }
    if (!country.isEmpty()) {
      String zone = countryZone(country);
      if (zone != null) {
        return new ZoneResolution(ZoneId.of(zone), "country", null);
      }
    }
    return null;
  }

  /** Why {@link #fromLocation} found nothing, for the warning. */
  String whyUnresolved(Lead lead) {
    String where =
        String.join(
            ", ",
            List.of(lead.city(), lead.region(), lead.country()).stream()
                .filter(s -> !s.isEmpty())
                .toList());
    if (where.isEmpty()) {
      return "lead has no timezone and no location";
    }
    List<String[]> zones = zonesByCountry.get(lead.country());
    // A known country gave no zone, so it has several and none is its main one.
    if (zones != null) {
      return "location '"
          + where
          + "' is not specific enough: "
          + lead.country()
          + " has "
          + zones.size()
          + " time zones, give the region or city";
    }
    return "location '" + where + "' matches no known time zone";
  }

  /**
   * The single zone of a country, or its main zone when zone.tab marks exactly one as most or
   * mainland.
   */
  @Nullable String countryZone(String country) {
    List<String[]> zones = zonesByCountry.get(country);
    if (zones == null) {
      return null;
    }
    if (zones.size() == 1) {
      return zones.get(0)[0];
    }
    String main = null;
    for (String[] z : zones) {
      String c = z[1].toLowerCase(Locale.ROOT);
      if (c.contains("most") || c.contains("mainland")) {
        if (main != null) {
          return null;
        }
        main = z[0];
      }
    }
    return main;
  }

  private List<String> countriesOf(String zone) {
    List<String> countries = countriesByZone.get(zone);
    if (countries != null) {
      return countries;
    }
    // A link such as Asia/Calcutta: find the canonical zone with the same rules.
    ZoneId id = ZoneId.of(zone);
    for (var e : countriesByZone.entrySet()) {
      if (ZoneId.of(e.getKey()).getRules().equals(id.getRules())) {
        return e.getValue();
      }
    }
    return List.of();
  }

  private void city(String name, String zone) {
    zoneByCity.put(normalise(name), zone);
  }

  private void commonCities() {
    // Business cities that are not tz names; each maps to its zone.tab zone.
    city("San Francisco", "America/Los_Angeles");
    city("San Diego", "America/Los_Angeles");
    city("San Jose", "America/Los_Angeles");
    city("Seattle", "America/Los_Angeles");
    city("Portland", "America/Los_Angeles");
    city("Boston", "America/New_York");
    city("Washington", "America/New_York");
    city("Atlanta", "America/New_York");
    city("Miami", "America/New_York");
    city("Philadelphia", "America/New_York");
    city("Austin", "America/Chicago");
    city("Dallas", "America/Chicago");
    city("Houston", "America/Chicago");
    city("Minneapolis", "America/Chicago");
    city("Salt Lake City", "America/Denver");
    city("Montreal", "America/Toronto");
    city("Ottawa", "America/Toronto");
    city("Calgary", "America/Edmonton");
    city("Munich", "Europe/Berlin");
    city("Hamburg", "Europe/Berlin");
    city("Frankfurt", "Europe/Berlin");
    city("Cologne", "Europe/Berlin");
    city("Barcelona", "Europe/Madrid");
    city("Milan", "Europe/Rome");
    city("Manchester", "Europe/London");
    city("Edinburgh", "Europe/London");
    city("Lyon", "Europe/Paris");
    city("Geneva", "Europe/Zurich");
    city("Bengaluru", "Asia/Kolkata");
    city("Bangalore", "Asia/Kolkata");
    city("Mumbai", "Asia/Kolkata");
    city("Delhi", "Asia/Kolkata");
    city("New Delhi", "Asia/Kolkata");
    city("Osaka", "Asia/Tokyo");
    city("Rio de Janeiro", "America/Sao_Paulo");
    city("Canberra", "Australia/Sydney");
    city("Auckland", "Pacific/Auckland");
  }

  private void region(String country, String zone, String... names) {
    Map<String, String> map = zoneByRegion.computeIfAbsent(country, k -> new LinkedHashMap<>());
    for (String name : names) {
      map.put(normalise(name), zone);
    }
  }

  private void usStates() {
    // A state split between zones maps to the zone of most of its people.
    String e = "America/New_York";
    String c = "America/Chicago";
    String m = "America/Denver";
    String p = "America/Los_Angeles";
    region("US", c, "AL", "Alabama");
    region("US", "America/Anchorage", "AK", "Alaska");
    region("US", "America/Phoenix", "AZ", "Arizona");
    region("US", c, "AR", "Arkansas");
    region("US", p, "CA", "California");
    region("US", m, "CO", "Colorado");
    region("US", e, "CT", "Connecticut");
    region("US", e, "DE", "Delaware");
    region("US", e, "DC", "District of Columbia");
    region("US", e, "FL", "Florida");
    region("US", e, "GA", "Georgia");
    region("US", "Pacific/Honolulu", "HI", "Hawaii");
    region("US", "America/Boise", "ID", "Idaho");
    region("US", c, "IL", "Illinois");
    region("US", "America/Indiana/Indianapolis", "IN", "Indiana");
    region("US", c, "IA", "Iowa");
    region("US", c, "KS", "Kansas");
    region("US", e, "KY", "Kentucky");
    region("US", c, "LA", "Louisiana");
    region("US", e, "ME", "Maine");
    region("US", e, "MD", "Maryland");
    region("US", e, "MA", "Massachusetts");
    region("US", "America/Detroit", "MI", "Michigan");
    region("US", c, "MN", "Minnesota");
    region("US", c, "MS", "Mississippi");
    region("US", c, "MO", "Missouri");
    region("US", m, "MT", "Montana");
    region("US", c, "NE", "Nebraska");
    region("US", p, "NV", "Nevada");
    region("US", e, "NH", "New Hampshire");
    region("US", e, "NJ", "New Jersey");
    region("US", m, "NM", "New Mexico");
    region("US", e, "NY", "New York");
    region("US", e, "NC", "North Carolina");
    region("US", c, "ND", "North Dakota");
    region("US", e, "OH", "Ohio");
    region("US", c, "OK", "Oklahoma");
    region("US", p, "OR", "Oregon");
    region("US", e, "PA", "Pennsylvania");
    region("US", e, "RI", "Rhode Island");
    region("US", e, "SC", "South Carolina");
    region("US", c, "SD", "South Dakota");
    region("US", c, "TN", "Tennessee");
    region("US", c, "TX", "Texas");
    region("US", m, "UT", "Utah");
    region("US", e, "VT", "Vermont");
    region("US", e, "VA", "Virginia");
    region("US", p, "WA", "Washington");
    region("US", e, "WV", "West Virginia");
    region("US", c, "WI", "Wisconsin");
    region("US", m, "WY", "Wyoming");
    region("US", "America/Puerto_Rico", "PR", "Puerto Rico");
  }

  private void canadianProvinces() {
    region("CA", "America/Edmonton", "AB", "Alberta");
    region("CA", "America/Vancouver", "BC", "British Columbia");
    region("CA", "America/Winnipeg", "MB", "Manitoba");
    region("CA", "America/Moncton", "NB", "New Brunswick");
    region("CA", "America/St_Johns", "NL", "Newfoundland and Labrador", "Newfoundland");
    region("CA", "America/Halifax", "NS", "Nova Scotia");
    region("CA", "America/Toronto", "ON", "Ontario");
    region("CA", "America/Halifax", "PE", "Prince Edward Island");
    region("CA", "America/Toronto", "QC", "Quebec");
    region("CA", "America/Regina", "SK", "Saskatchewan");
    region("CA", "America/Yellowknife", "NT", "Northwest Territories");
    region("CA", "America/Iqaluit", "NU", "Nunavut");
    region("CA", "America/Whitehorse", "YT", "Yukon");
  }

  private void australianStates() {
    region("AU", "Australia/Sydney", "NSW", "New South Wales");
    region("AU", "Australia/Melbourne", "VIC", "Victoria");
    region("AU", "Australia/Brisbane", "QLD", "Queensland");
    region("AU", "Australia/Adelaide", "SA", "South Australia");
    region("AU", "Australia/Perth", "WA", "Western Australia");
    region("AU", "Australia/Hobart", "TAS", "Tasmania");
    region("AU", "Australia/Darwin", "NT", "Northern Territory");
    region("AU", "Australia/Sydney", "ACT", "Australian Capital Territory");
  }
}
