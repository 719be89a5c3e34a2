package com.fourrunr.campaign;

import java.util.Locale;

/** Where a lead stands with 4Runr, as the lead system of record says. */
public enum EngagementStatus {
  /** Not contacted yet: the only status a new campaign is started for by default. */
  NEW,
  /** Contacted before, without an answer. */
  CONTACTED,
  /** Already in conversation with 4Runr: no outreach sequence should start. */
  ENGAGED,
  /** Must not be contacted. */
  DO_NOT_CONTACT;

  /**
   * Reads a status as tables write it ({@code New}, {@code do not contact}, {@code
   * DO_NOT_CONTACT}); blank means {@link #NEW}.
   *
   * @throws IllegalArgumentException naming the accepted values when the text is none of them
   */
  public static EngagementStatus parse(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return NEW;
    }
    String key = t.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    try {
      return valueOf(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not one of NEW, CONTACTED, ENGAGED, DO_NOT_CONTACT", e);
    }
  }
}
