package com.fourrunr.campaign.reply;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the date a person is back from an out-of-office text, in English, German, French and
 * Spanish (month names also in Dutch, Italian, Portuguese and Polish): "back on 3 June", "until
 * 12/06", "returning Monday", "bis zum 5. Januar", "de retour le 4 mars", "hasta el 12 de marzo",
 * "2026-12-03". Relative to the mail's date: a date without a year is taken in the year that puts
 * it on or after that date (up to two weeks before it, for the start of a range), a weekday is the
 * next one after it. When the text names several dates (an absence given as a range), the latest is
 * the return date. A numeric date is read day first (12/06 is 12 June) unless only the month-first
 * reading is a valid date. Thread-safe; no state.
 */
final class ReturnDates {
  private static final Map<String, Integer> MONTHS = new LinkedHashMap<>();
  private static final Map<String, DayOfWeek> WEEKDAYS = new LinkedHashMap<>();

  static {
    String[][] months = {
      {
        "january",
        "januari",
        "gennaio",
        "janeiro",
        "stycznia",
        "styczeń",
        "jan",
        "januar",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene"
      },
      {
        "february",
        "februari",
        "febbraio",
        "fevereiro",
        "lutego",
        "luty",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "febrero"
      },
      {"march", "maart", "março", "marca", "marzec", "mar", "märz", "maerz", "mars", "marzo"},
      {"april", "aprile", "kwietnia", "kwiecień", "apr", "avril", "avr", "abril", "abr"},
      {"may", "mei", "maggio", "maio", "maja", "maj", "mai", "mayo"},
      {"june", "giugno", "junho", "czerwca", "czerwiec", "jun", "juni", "juin", "junio"},
      {"july", "luglio", "julho", "lipca", "lipiec", "jul", "juli", "juillet", "juil", "julio"},
      {"august", "augustus", "sierpnia", "sierpień", "aug", "août", "aout", "agosto", "ago"},
      {
        "september",
        "settembre",
        "setembro",
        "września",
        "wrzesień",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre"
      },
      {
        "october",
        "ottobre",
        "outubro",
        "października",
        "październik",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre"
      },
      {"november", "novembro", "listopada", "listopad", "nov", "novembre", "noviembre"},
      {
        "december",
        "dicembre",
        "dezembro",
        "grudnia",
        "grudzień",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic"
      }
    };
    for (int i = 0; i < months.length; i++) {
      for (String name : months[i]) {
        MONTHS.put(name, i + 1);
      }
    }
    String[][] days = {
      {"monday", "montag", "lundi", "lunes"},
      {"tuesday", "dienstag", "mardi", "martes"},
      {"wednesday", "mittwoch", "mercredi", "miércoles", "miercoles"},
      {"thursday", "donnerstag", "jeudi", "jueves"},
      {"friday", "freitag", "vendredi", "viernes"},
      {"saturday", "samstag", "samedi", "sábado", "sabado"},
      {"sunday", "sonntag", "dimanche", "domingo"}
    };
    for (int i = 0; i < days.length; i++) {
      for (String name : days[i]) {
        WEEKDAYS.put(name, DayOfWeek.of(i + 1));
      }
    }
  }

  private static final String MONTH_NAMES = alternation(MONTHS.keySet());
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "\\b(" + MONTH_NAMES + ")\\.?\\s++(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s++(\\d{4}))?",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "\\b(\\d{1,2})(?:st|nd|rd|th|er|\\.|º)?\\s*+(?:of\\s++|de\\s++)?("
              + MONTH_NAMES
              + ")\\b\\.?(?:,?\\s++(?:de\\s++)?(\\d{4}))?",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern NUMERIC =
      Pattern.compile(
          "(?<![\\d.:/])(\\d{1,2})([./])(\\d{1,2})(?:\\2(\\d{4}|\\d{2}))?(\\.)?(?![\\d:/]|\\.\\d)");
  private static final Pattern WEEKDAY =
      Pattern.compile(
          "\\b(" + alternation(WEEKDAYS.keySet()) + ")\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern TOMORROW =
      Pattern.compile("\\b(tomorrow|morgen|demain|mañana|manana)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NEXT_WEEK =
      Pattern.compile(
          "\\b(next week|nächste[rn]? woche|naechste[rn]? woche|la semaine prochaine|la próxima semana"
              + "|la semana que viene)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** How far before the mail's date a date without a year may lie (the start of an absence). */
  static final int PAST_TOLERANCE_DAYS = 14;

  private ReturnDates() {}

  /**
   * The return date the text names, or null when it names none.
   *
   * @param text the out-of-office text (subject and body, without quoted history); only its first
   *     {@link RuleBasedReplyClassifier#MAX_CLASSIFIED_CHARS} (plus a subject's length) characters
   *     are read
   * @param mailDate the day the mail was written
   */
  static @Nullable LocalDate find(String text, LocalDate mailDate) {
    // Bounded like the classifier's text: a return date is stated early, and the time per mail
    // stays bounded.
    String t =
        RuleBasedReplyClassifier.cut(
                text,
                RuleBasedReplyClassifier.MAX_CLASSIFIED_CHARS
                    + RuleBasedReplyClassifier.MAX_SUBJECT_CHARS)
            .replace('\u00a0', ' ');
    LocalDate latest = null;
    // Explicit dates first; each match is blanked so a numeric reading cannot see it again.
    StringBuilder rest = new StringBuilder(t);
    Matcher m = ISO.matcher(t);
    while (m.find()) {
      latest =
          later(
              latest,
              date(
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3))));
      blank(rest, m);
    }
    m = MONTH_DAY.matcher(rest);
    while (m.find()) {
      latest =
          later(
              latest,
              withYear(
                  MONTHS.get(key(m.group(1))), Integer.parseInt(m.group(2)), m.group(3), mailDate));
      blank(rest, m);
    }
    m = DAY_MONTH.matcher(rest);
    while (m.find()) {
      latest =
          later(
              latest,
              withYear(
                  MONTHS.get(key(m.group(2))), Integer.parseInt(m.group(1)), m.group(3), mailDate));
      blank(rest, m);
    }
    m = NUMERIC.matcher(rest);
    while (m.find()) {
      boolean dotted = m.group(2).equals(".");
      // "9.30" is a time, "8.1." and "08.01.2027" are dates; dotted dates are always day first.
      if (dotted && m.group(4) == null && m.group(5) == null) {
        continue;
      }
      latest =
          later(
              latest,
              numeric(
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(3)),
                  m.group(4),
                  !dotted,
                  mailDate));
    }
    if (latest != null) {
      return latest;
    }
    m = WEEKDAY.matcher(t);
    LocalDate weekday = null;
    while (m.find()) {
      DayOfWeek day = WEEKDAYS.get(key(m.group(1)));
      weekday = later(weekday, mailDate.with(TemporalAdjusters.next(day)));
    }
    if (weekday != null) {
      return weekday;
    }
    if (NEXT_WEEK.matcher(t).find()) {
      return mailDate.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }
    if (TOMORROW.matcher(t).find()) {
      return mailDate.plusDays(1);
    }
    return null;
  }

  private static @Nullable LocalDate numeric(
      int first, int second, @Nullable String year, boolean monthFirstToo, LocalDate mailDate) {
    LocalDate dayFirst = withYear(second, first, year, mailDate);
    if (dayFirst != null || !monthFirstToo) {
      return dayFirst;
    }
    return withYear(first, second, year, mailDate);
  }

  private static @Nullable LocalDate withYear(
      @Nullable Integer month, int day, @Nullable String year, LocalDate mailDate) {
    if (month == null || month < 1 || month > 12) {
      return null;
    }
    if (year != null) {
      int y = Integer.parseInt(year);
      return date(y < 100 ? 2000 + y : y, month, day);
    }
    // A return date lies ahead (or a few days back, for the start of a range): the first such
    // reading.
    LocalDate earliest = mailDate.minusDays(PAST_TOLERANCE_DAYS);
    for (int y = mailDate.getYear() - 1; y <= mailDate.getYear() + 1; y++) {
      LocalDate d = date(y, month, day);
      if (d != null && !d.isBefore(earliest)) {
        return d;
      }
    }
    return null;
  }

  private static void blank(StringBuilder s, Matcher m) {
    for (int i = m.start(); i < m.end(); i++) {
      s.setCharAt(i, ' ');
    }
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT).replace(".", "");
  }

  private static @Nullable LocalDate later(@Nullable LocalDate a, @Nullable LocalDate b) {
    return a == null ? b : b == null || !b.isAfter(a) ? a : b;
  }

  private static @Nullable LocalDate date(int y, int m, int d) {
    try {
      return LocalDate.of(y, m, d);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String alternation(Iterable<String> names) {
    // Longest first, so "sept" is not read as "sep" + "t".
    java.util.List<String> sorted = new java.util.ArrayList<>();
    names.forEach(sorted::add);
    sorted.sort((a, b) -> b.length() - a.length());
    return String.join("|", sorted.stream().map(Pattern::quote).toList());
  }
}
