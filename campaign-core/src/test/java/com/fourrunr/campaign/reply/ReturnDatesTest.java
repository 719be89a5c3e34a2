package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReturnDatesTest {
  /** Tuesday 1 December 2026. */
  private static final LocalDate MAIL = LocalDate.of(2026, 12, 1);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      I will be back on 3 June.                                  | 2027-06-03
      Back on December 14.                                       | 2026-12-14
      Back on Dec. 14th, 2026.                                   | 2026-12-14
      Out until 12/06                                            | 2027-06-12
      Out until 25/12/2026                                       | 2026-12-25
      I'm away until 12/28 (US style)                             | 2026-12-28
      Returning Monday.                                          | 2026-12-07
      I'm out Thursday and Friday, returning Monday.             | 2026-12-07
      Back tomorrow.                                             | 2026-12-02
      On leave until next week.                                  | 2026-12-07
      On parental leave until 2027-02-01.                        | 2027-02-01
      From November 30 until December 11.                        | 2026-12-11
      From 21st December until 4th January 2027 inclusive.       | 2027-01-04
      Ich bin bis zum 5. Januar nicht im Büro.                   | 2027-01-05
      Ab dem 07.01.2027 bin ich wieder im Büro.                  | 2027-01-07
      Ab 8.1. wieder erreichbar.                                 | 2027-01-08
      Ich bin ab Montag wieder da.                               | 2026-12-07
      Bis 18. Dezember im Urlaub.                                | 2026-12-18
      Ich bin vom 1. bis 3. März abwesend.                       | 2027-03-03
      Je serai de retour le 4 mars.                              | 2027-03-04
      Absente jusqu'au 1er décembre 2026 inclus.                  | 2026-12-01
      De retour lundi.                                           | 2026-12-07
      En congés jusqu'au 15 décembre.                            | 2026-12-15
      Estaré fuera hasta el 8 de enero de 2027.                  | 2027-01-08
      De vacaciones hasta el 12 de diciembre.                    | 2026-12-12
      Vuelvo el lunes.                                           | 2026-12-07
      """)
  void returnDateIsReadAcrossFormatsAndLanguages(String text, LocalDate expected) {
    assertThat(ReturnDates.find(text, MAIL)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      I am out of the office with limited access to email.
      Je suis absent, merci de votre patience.
      Call me at 9.30 if urgent.
      Call me at 9.30.
      Version 5.1.1 of the manual.
      """)
  void textWithoutAReturnDateHasNone(String text) {
    assertThat(ReturnDates.find(text, MAIL)).isNull();
  }

  @Property
  void aDateWithoutYearIsTakenOnOrJustBeforeTheMailsDateOrAfterIt(
      @ForAll @IntRange(min = 1, max = 365) int offset,
      @ForAll @IntRange(min = -14, max = 340) int ahead) {
    LocalDate mail = LocalDate.of(2026, 1, 1).plusDays(offset);
    LocalDate back = mail.plusDays(ahead);
    String text =
        "Back on "
            + back.getDayOfMonth()
            + " "
            + back.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
            + ".";

    assertThat(ReturnDates.find(text, mail)).isEqualTo(back);
  }

  @Property
  void aWeekdayIsTheNextOneAfterTheMail(
      @ForAll @IntRange(min = 0, max = 400) int offset, @ForAll DayOfWeek day) {
    LocalDate mail = LocalDate.of(2026, 1, 1).plusDays(offset);
    String text = "Returning " + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ".";

    LocalDate found = ReturnDates.find(text, mail);

    assertThat(found).isAfter(mail).isBeforeOrEqualTo(mail.plusDays(7));
    assertThat(found.getDayOfWeek()).isEqualTo(day);
  }
}
