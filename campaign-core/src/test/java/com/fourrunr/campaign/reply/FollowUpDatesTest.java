package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When a person who said "not now" may be written to again: a quarter, the end of summer, a month
 * (its first day; the month after for "after"), next year or month, or a number of weeks or months
 * from the mail's date; a full date wins over all of them.
 */
class FollowUpDatesTest {
  /** 20 November 2026. */
  private static final LocalDate MAIL = LocalDate.of(2026, 11, 20);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "try me next quarter | 2026-11-20 | 2027-01-01",
        "try me next quarter | 2026-02-10 | 2026-04-01",
        "let's talk in q2 | 2026-11-20 | 2027-04-01",
        "let's talk in q4 | 2026-11-20 | 2027-10-01",
        "let's talk in q4 | 2026-10-15 | 2026-10-01",
        "ask me after the summer | 2026-11-20 | 2027-09-01",
        "ask me after the summer | 2026-06-01 | 2026-09-01",
        "ask me after the summer | 2026-09-01 | 2026-09-01",
        "busy until march | 2026-11-20 | 2027-03-01",
        "busy until november | 2026-11-20 | 2026-11-01",
        "busy until october | 2026-11-20 | 2027-10-01",
        "write after march | 2026-11-20 | 2027-04-01",
        "write after december | 2026-11-20 | 2027-01-01",
        "you may call in june | 2026-11-20 | 2027-06-01",
        "back in may | 2026-11-20 | 2027-05-01",
        "maybe next year | 2026-11-20 | 2027-01-01",
        "maybe next month | 2026-11-20 | 2026-12-01",
        "try again in 3 weeks | 2026-11-20 | 2026-12-11",
        "try again in 10 weeks | 2026-11-20 | 2027-01-29",
        "try again in two months | 2026-11-20 | 2027-01-20",
        "try again in six months | 2026-11-20 | 2027-05-20",
        "try again in a few weeks | 2026-11-20 | 2026-12-11",
        "try again in about 3 months | 2026-11-20 | 2027-02-20",
        "next quarter, say 5 february 2027 | 2026-11-20 | 2027-02-05",
        "next quarter, maybe march | 2026-11-20 | 2027-01-01",
        "q3, maybe in june | 2026-11-20 | 2027-07-01"
      })
  void theDateToWriteAgainIsRead(String text, LocalDate mailDate, LocalDate expected) {
    assertThat(FollowUpDates.find(text, mailDate)).isEqualTo(expected);
  }

  @Test
  void monthNamesThatAreAlsoWordsNeedAPrepositionOfTime() {
    assertThat(FollowUpDates.month("june works for us", MAIL)).isEqualTo(LocalDate.of(2027, 6, 1));
    for (String may : java.util.List.of("may", "mai", "maj", "mei")) {
      assertThat(FollowUpDates.month(may + " ok", MAIL)).as(may).isNull();
      assertThat(FollowUpDates.month("until " + may, MAIL))
          .as(may)
          .isEqualTo(LocalDate.of(2027, 5, 1));
    }
  }

  @Test
  void noTimeNamedIsNoDate() {
    assertThat(FollowUpDates.find("not interested, thanks", MAIL)).isNull();
    assertThat(FollowUpDates.month("you may be right", MAIL)).isNull();
  }
}
