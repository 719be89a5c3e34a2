package com.fourrunr.campaign.schedule;

import com.fourrunr.campaign.Lead;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The part of a country whose public holidays a lead keeps when its region is empty: derived from
 * its city where the city names one (London is in England), else the part where most of the
 * country's people live (England for GB), for countries whose holidays differ by part and a table
 * below names it. The result is a region name {@link Holidays} matches against its calendars.
 */
final class HolidayRegions {
  private HolidayRegions() {}

  /**
   * Country, then normalised city, to the region (a name {@link Holidays} knows): the larger cities
   * of the countries in {@link #MOST_POPULOUS}.
   */
  private static final Map<String, Map<String, String>> BY_CITY =
      Map.of(
          "GB",
          Map.ofEntries(
              Map.entry("london", "England"),
              Map.entry("birmingham", "England"),
              Map.entry("manchester", "England"),
              Map.entry("leeds", "England"),
              Map.entry("liverpool", "England"),
              Map.entry("bristol", "England"),
              Map.entry("sheffield", "England"),
              Map.entry("newcastle", "England"),
              Map.entry("newcastle upon tyne", "England"),
              Map.entry("nottingham", "England"),
              Map.entry("leicester", "England"),
              Map.entry("oxford", "England"),
              Map.entry("cambridge", "England"),
              Map.entry("brighton", "England"),
              Map.entry("reading", "England"),
              Map.entry("southampton", "England"),
              Map.entry("edinburgh", "Scotland"),
              Map.entry("glasgow", "Scotland"),
              Map.entry("aberdeen", "Scotland"),
              Map.entry("dundee", "Scotland"),
              Map.entry("cardiff", "Wales"),
              Map.entry("swansea", "Wales"),
              Map.entry("newport", "Wales"),
              Map.entry("belfast", "Northern Ireland"),
              Map.entry("derry", "Northern Ireland")));

  /** Country to the region where most of its people live. */
  private static final Map<String, String> MOST_POPULOUS = Map.of("GB", "England");

  /**
   * Where a lead's holidays come from.
   *
   * @param region the region to look holidays up for ("" for the country's national holidays)
   * @param warning why a default was used, or null when the lead's own data named it
   */
  record Choice(String region, @Nullable String warning) {}

  static Choice of(Lead lead, Holidays holidays) {
    String country = lead.country();
    if (!lead.region().isEmpty() || country.isEmpty()) {
      return new Choice(lead.region(), null);
    }
    if (!lead.city().isEmpty()) {
      String city = ZoneDirectory.normalise(lead.city());
      String known = BY_CITY.getOrDefault(country, Map.of()).get(city);
      if (known != null) {
        return new Choice(known, null);
      }
      // A city that is a region of its own (Berlin, Hamburg, Vienna).
      if (!holidays.regionId(country, lead.city()).isEmpty()) {
        return new Choice(lead.city(), null);
      }
    }
    String populous = MOST_POPULOUS.get(country);
    if (populous == null) {
      return new Choice("", null);
    }
    return new Choice(
        populous,
        "no region"
            + (lead.city().isEmpty() ? " or city" : " and the city '" + lead.city() + "' unknown")
            + " for "
            + country
            + "; using the public holidays of "
            + populous
            + ", where most people live");
  }
}
