package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numeric dates in out-of-office texts: two-digit years, and times that look like dates. */
class ReturnDatesNumericTest {
  private static final LocalDate MAIL = LocalDate.of(2026, 11, 20);

  @Test
  void aTwoDigitYearIsThisCentury() {
    assertThat(ReturnDates.find("Zurück am 05.01.27.", MAIL)).isEqualTo(LocalDate.of(2027, 1, 5));
    assertThat(ReturnDates.find("Back on 14/01/27", MAIL)).isEqualTo(LocalDate.of(2027, 1, 14));
  }

  @Test
  void aFourDigitYearIsTakenAsWritten() {
    assertThat(ReturnDates.find("Zurück am 05.01.2027", MAIL)).isEqualTo(LocalDate.of(2027, 1, 5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"9.30", "9.10", "11.12"})
  void aDottedPairWithoutYearOrFinalDotIsATimeNotADate(String time) {
    assertThat(ReturnDates.find("I have a meeting at " + time + " and read mail after.", MAIL))
        .isNull();
  }

  @Test
  void aTimeNextToADateDoesNotMoveTheReturnDate() {
    // Read as a date, 9.10 would be 9 October 2027, later than the real return date.
    assertThat(ReturnDates.find("Back on 3 December, in the office from 9.10 on.", MAIL))
        .isEqualTo(LocalDate.of(2026, 12, 3));
  }

  @Test
  void aDottedPairWithAFinalDotIsADayFirstDate() {
    // "8.1." is the German short form of 8 January.
    assertThat(ReturnDates.find("Ab 8.1. wieder im Büro", MAIL))
        .isEqualTo(LocalDate.of(2027, 1, 8));
  }

  @Test
  void aDateReadWithItsMonthNameIsNotReadAgainAsANumber() {
    // "3/4 December": the 3rd or 4th of December, never 3 April.
    assertThat(ReturnDates.find("I am away on 3/4 December.", LocalDate.of(2026, 11, 20)))
        .isEqualTo(LocalDate.of(2026, 12, 4));
  }
}
