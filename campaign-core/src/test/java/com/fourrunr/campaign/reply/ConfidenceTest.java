package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fourrunr.campaign.ReplyCategory;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link Confidence} turns the rules' scores into a verdict: the strongest category wins, ties
 * go to the more cautious reading, a lone reading is 0.7 + 0.05 per weight up to 0.9, a compatible
 * runner-up lowers it by at most 0.1, a contradicting one puts it at 0.3 + 0.45 x margin.
 */
class ConfidenceTest {

  private static Map<ReplyCategory, Integer> scores(Object... pairs) {
    Map<ReplyCategory, Integer> m = new EnumMap<>(ReplyCategory.class);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((ReplyCategory) pairs[i], (Integer) pairs[i + 1]);
    }
    return m;
  }

  @ParameterizedTest
  @CsvSource({"1, 0.75", "2, 0.8", "3, 0.85", "4, 0.9", "7, 0.9"})
  void aLoneReadingGrowsWithItsWeightUpToNineTenths(int weight, double expected) {
    Confidence.Verdict v = Confidence.of(scores(ReplyCategory.INTERESTED, weight));

    assertThat(v.category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(v.runnerUp()).isNull();
    assertThat(v.confidence()).isEqualTo(expected);
  }

  @Test
  void aTieGoesToTheMoreCautiousReading() {
    Confidence.Verdict v =
        Confidence.of(scores(ReplyCategory.INTERESTED, 2, ReplyCategory.NOT_INTERESTED, 2));

    assertThat(v.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(v.runnerUp()).isEqualTo(ReplyCategory.INTERESTED);
    // Contradicting with no margin: 0.3, below the default sensitivity.
    assertThat(v.confidence()).isEqualTo(0.3);
  }

  @Test
  void aContradictingRunnerUpLowersTheConfidenceByTheMargin() {
    Confidence.Verdict v =
        Confidence.of(scores(ReplyCategory.INTERESTED, 4, ReplyCategory.NOT_INTERESTED, 1));

    assertThat(v.category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(v.runnerUp()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    // margin (4 - 1) / 4 = 0.75: 0.3 + 0.45 x 0.75 = 0.6375, rounded to 0.64
    assertThat(v.confidence()).isEqualTo(0.64);
  }

  @Test
  void aCompatibleRunnerUpLowersTheConfidenceByAtMostATenth() {
    Confidence.Verdict v =
        Confidence.of(
            scores(ReplyCategory.UNSUBSCRIBE_REQUEST, 3, ReplyCategory.NOT_INTERESTED, 1));

    assertThat(v.category()).isEqualTo(ReplyCategory.UNSUBSCRIBE_REQUEST);
    assertThat(v.runnerUp()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    // alone 0.85, margin 2/3: 0.85 - 0.1 x 1/3
    assertThat(v.confidence()).isCloseTo(0.85 - 0.1 / 3, within(1e-9));

    Confidence.Verdict tie =
        Confidence.of(scores(ReplyCategory.NOT_INTERESTED, 1, ReplyCategory.WRONG_PERSON, 1));
    assertThat(tie.category()).isEqualTo(ReplyCategory.WRONG_PERSON);
    assertThat(tie.confidence()).isCloseTo(0.65, within(1e-9));
  }

  @Test
  void theRunnerUpIsTheSecondStrongestNotTheFirstSeen() {
    Confidence.Verdict v =
        Confidence.of(
            scores(
                ReplyCategory.COMPLAINT, 1,
                ReplyCategory.UNSUBSCRIBE_REQUEST, 3,
                ReplyCategory.NOT_INTERESTED, 2));

    assertThat(v.category()).isEqualTo(ReplyCategory.UNSUBSCRIBE_REQUEST);
    assertThat(v.runnerUp()).isEqualTo(ReplyCategory.NOT_INTERESTED);
  }

  @Test
  void aTieForSecondPlaceGoesToTheMoreCautiousReading() {
    Confidence.Verdict v =
        Confidence.of(
            scores(
                ReplyCategory.UNSUBSCRIBE_REQUEST, 3,
                ReplyCategory.WRONG_PERSON, 1,
                ReplyCategory.NOT_INTERESTED, 1));

    assertThat(v.runnerUp()).isEqualTo(ReplyCategory.WRONG_PERSON);
  }

  @Test
  void categoriesScoringZeroAreNotReadings() {
    Confidence.Verdict v =
        Confidence.of(scores(ReplyCategory.COMPLAINT, 0, ReplyCategory.INTERESTED, 1));

    assertThat(v.category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(v.runnerUp()).isNull();
    assertThatThrownBy(() -> Confidence.of(scores(ReplyCategory.INTERESTED, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "INTERESTED, INTERESTED, true",
    "OUT_OF_OFFICE, INTERESTED, true",
    "INTERESTED, OUT_OF_OFFICE, true",
    "WRONG_PERSON, INTERESTED, true",
    "INTERESTED, WRONG_PERSON, false",
    "NOT_INTERESTED, UNSUBSCRIBE_REQUEST, true",
    "COMPLAINT, WRONG_PERSON, true",
    "INTERESTED, NOT_INTERESTED, false",
    "NOT_INTERESTED, INTERESTED, false",
    "UNSUBSCRIBE_REQUEST, INTERESTED, false"
  })
  void readingsThatComeTogetherAreCompatible(
      ReplyCategory top, ReplyCategory other, boolean expected) {
    assertThat(Confidence.compatible(top, other)).isEqualTo(expected);
  }
}
