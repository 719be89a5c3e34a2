package com.fourrunr.campaign;

import java.util.Locale;

/** How the days between two steps are counted. */
public enum IntervalUnit {
  /**
   * Only the lead's business days count (send days that are not holidays). The default: "3 days
   * later" then means three working days for the reader, so a weekend or a holiday never shortens
   * the gap between two mails the lead actually sees at work.
   */
  BUSINESS_DAYS,
  /**
   * Every calendar day counts; a step that lands on a weekend or holiday moves to the next business
   * day.
   */
  CALENDAR_DAYS;

  /**
   * Reads {@code business} or {@code calendar} (or the constant names), ignoring case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static IntervalUnit parse(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return switch (t) {
      case "BUSINESS", "BUSINESS_DAYS" -> BUSINESS_DAYS;
      case "CALENDAR", "CALENDAR_DAYS" -> CALENDAR_DAYS;
      default -> throw new IllegalArgumentException("'" + text + "' is not business or calendar");
    };
  }
}
