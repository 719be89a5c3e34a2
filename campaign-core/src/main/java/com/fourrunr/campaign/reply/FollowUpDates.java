package com.fourrunr.campaign.reply;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads when a person who said "not now" may be written to again, or when a person who is away is
 * back when only a month is named: "next quarter", "Q3", "next year", "after the summer", "in two
 * months", "busy until March", "after June", and their forms in German, French, Spanish, Dutch,
 * Italian, Portuguese and Polish. A full date is read by {@link ReturnDates}. A month means its
 * first day ("until March": from 1 March; "after March": from 1 April), the next one on or after
 * the mail's date. Thread-safe; no state.
 */
final class FollowUpDates {
  /** Month names and stems in the eight languages, January first. */
  private static final String[] MONTHS = {
    "january|januar|jänner|janvier|enero|januari|gennaio|janeiro|styczeń|stycznia|styczniu",
    "february|februar|février|febrero|februari|febbraio|fevereiro|luty|lutego|lutym",
    "march|märz|mars|marzo|maart|março|marzec|marca|marcu",
    "april|avril|abril|aprile|kwiecień|kwietnia|kwietniu",
    "may|mai|mayo|mei|maggio|maio|maj|maja|maju",
    "june|juni|juin|junio|giugno|junho|czerwiec|czerwca|czerwcu",
    "july|juli|juillet|julio|luglio|julho|lipiec|lipca|lipcu",
    "august|août|agosto|augustus|sierpień|sierpnia|sierpniu",
    "september|septembre|septiembre|settembre|setembro|wrzesień|września|wrześniu",
    "october|oktober|octobre|octubre|ottobre|outubro|październik|października|październiku",
    "november|novembre|noviembre|novembro|listopad|listopada|listopadzie",
    "december|dezember|décembre|diciembre|dicembre|dezembro|grudzień|grudnia|grudniu"
  };

  private static final Pattern MONTH;
  private static final Pattern AFTER =
      Pattern.compile("(after|nach|après|después de|na|dopo|depois de|po)\\s++$");

  static {
    StringBuilder all = new StringBuilder();
    for (String m : MONTHS) {
      all.append(all.length() == 0 ? "" : "|").append(m);
    }
    MONTH = Pattern.compile("(?<!\\p{L})(" + all + ")(?!\\p{L})", Pattern.UNICODE_CASE);
  }

  private static final Pattern NEXT_QUARTER =
      Pattern.compile(
          "next quarter|nächste(s|n) quartal|prochain trimestre|trimestre prochain|próximo trimestre"
              + "|volgend kwartaal|prossimo trimestre|przyszłym kwartale|następnym kwartale");
  private static final Pattern NEXT_YEAR =
      Pattern.compile(
          "next year|nächste(s|n) jahr|l'année prochaine|el año que viene|el próximo año|volgend jaar"
              + "|l'anno prossimo|prossimo anno|próximo ano|ano que vem|przyszłym roku|następnym roku");
  private static final Pattern NEXT_MONTH =
      Pattern.compile(
          "next month|nächste(n)? monat|le mois prochain|el próximo mes|el mes que viene|volgende maand"
              + "|il mese prossimo|prossimo mese|próximo mês|przyszłym miesiącu");
  private static final Pattern SUMMER =
      Pattern.compile(
          "after the summer|nach dem sommer|après l'été|después del verano|na de zomer|dopo l'estate"
              + "|depois do verão|po wakacjach");
  private static final Pattern QUARTER = Pattern.compile("(?<!\\p{L})q([1-4])(?!\\d)");
  private static final Pattern IN_UNITS =
      Pattern.compile(
          "(?<!\\p{L})(in|in about|in a|in ein(em|igen)?|dans|en|over|tra|fra|daqui a|za)\\s++"
              + "(\\d{1,2}|a few|a couple of|two|three|six|zwei|drei|sechs|deux|trois|six|dos|tres|seis"
              + "|twee|drie|zes|due|tre|sei|dois|três|dwa|trzy|sześć|paar|paio di)\\s++"
              + "(weeks?|months?|wochen|monate?n?|semaines|mois|semanas|meses|weken|maanden"
              + "|settimane|mesi|tygodnie|miesiące|miesięcy)");

  private static final Pattern WEEKS =
      Pattern.compile("weeks?|wochen|semaines|semanas|weken|settimane|tygodnie");

  private FollowUpDates() {}

  /** The date {@code own} (lower case) names for coming back, or null. */
  static @Nullable LocalDate find(String own, LocalDate mailDate) {
    LocalDate full = ReturnDates.find(own, mailDate);
    if (full != null) {
      return full;
    }
    if (NEXT_QUARTER.matcher(own).find()) {
      int q = (mailDate.getMonthValue() - 1) / 3;
      return LocalDate.of(mailDate.getYear(), q * 3 + 1, 1).plusMonths(3);
    }
    Matcher q = QUARTER.matcher(own);
    if (q.find()) {
      LocalDate d = LocalDate.of(mailDate.getYear(), (Integer.parseInt(q.group(1)) - 1) * 3 + 1, 1);
      return d.isBefore(mailDate.withDayOfMonth(1)) ? d.plusYears(1) : d;
    }
    if (SUMMER.matcher(own).find()) {
      LocalDate d = LocalDate.of(mailDate.getYear(), 9, 1);
      return d.isBefore(mailDate) ? d.plusYears(1) : d;
    }
    LocalDate month = month(own, mailDate);
    if (month != null) {
      return month;
    }
    if (NEXT_YEAR.matcher(own).find()) {
      return LocalDate.of(mailDate.getYear() + 1, 1, 1);
    }
    if (NEXT_MONTH.matcher(own).find()) {
      return mailDate.with(TemporalAdjusters.firstDayOfNextMonth());
    }
    Matcher u = IN_UNITS.matcher(own);
    if (u.find()) {
      int n = number(u.group(3));
      String unit = u.group(4);
      boolean weeks = WEEKS.matcher(unit).matches();
      return weeks ? mailDate.plusWeeks(n) : mailDate.plusMonths(n);
    }
    return null;
  }

  /** The first day of the month named ("until March"), or of the month after ("after March"). */
  static @Nullable LocalDate month(String own, LocalDate mailDate) {
    Matcher m = MONTH.matcher(own);
    while (m.find()) {
      String name = m.group(1);
      // "may"/"mai"/"maj" are words too: only with a preposition of time before them.
      String before = own.substring(Math.max(0, m.start() - 12), m.start());
      if ((name.equals("may") || name.equals("mai") || name.equals("maj") || name.equals("mei"))
          && !before.matches(
              "(?s).*(until|till|in|after|from|bis|im|ab|nach|en|jusqu'en|hasta|tot|in|fino a|até|do|od|w)\\s++$")) {
        continue;
      }
      int index = 0;
      for (int i = 0; i < MONTHS.length; i++) {
        if (("|" + MONTHS[i] + "|").contains("|" + name + "|")) {
          index = i + 1;
          break;
        }
      }
      if (AFTER.matcher(before).find()) {
        index = index % 12 + 1;
      }
      LocalDate d = LocalDate.of(mailDate.getYear(), index, 1);
      return d.isBefore(mailDate.withDayOfMonth(1)) ? d.plusYears(1) : d;
    }
    return null;
  }

  private static int number(String word) {
    return switch (word) {
      case "a few", "paar", "drei", "three", "trois", "tres", "drie", "tre", "três", "trzy" -> 3;
      case "six", "sechs", "seis", "zes", "sei", "sześć" -> 6;
      case "two", "zwei", "deux", "dos", "twee", "due", "dois", "dwa", "a couple of", "paio di" ->
          2;
      default -> word.chars().allMatch(Character::isDigit) ? Integer.parseInt(word) : 1;
    };
  }
}
