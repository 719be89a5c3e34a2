package com.fourrunr.campaign.quality;

import static com.fourrunr.campaign.quality.QualityGatesTest.ADA;
import static com.fourrunr.campaign.quality.QualityGatesTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Length limits are inclusive at both ends; the step order is checked pair by pair. */
class QualityGatesLimitsTest {
  private static final GenerationRequest HOOK =
      new GenerationRequest(ADA, Sequence.hookProofFomo(), 0, List.of());

  private static String words(int n) {
    return String.join(" ", java.util.Collections.nCopies(n, "engine"));
  }

  private static Verdict bodyLength(QualityGates gates, int words) {
    return verdict(
        gates.brand(HOOK, new GeneratedMessage("A fine subject", words(words), null)),
        "brand.body-length");
  }

  private static Verdict subjectLength(QualityGates gates, String subject) {
    return verdict(
        gates.brand(HOOK, new GeneratedMessage(subject, words(60), null)), "brand.subject-length");
  }

  @ParameterizedTest
  @CsvSource({"4, false, 0.9", "5, true, 1.0", "10, true, 1.0", "11, false, 0.9", "15, false, 0.5"})
  void bodyWordsPassFromTheLeastToTheMostInclusive(int words, boolean passes, double score) {
    QualityGates gates = QualityGates.builder().bodyWords(MessageType.HOOK, 5, 10).build();

    Verdict v = bodyLength(gates, words);

    assertThat(v.passed()).isEqualTo(passes);
    assertThat(v.score()).isCloseTo(score, within(1e-9));
    assertThat(v.detail()).isEqualTo(words + " words (Hook: 5..10)");
  }

  @Test
  void theDefaultHookLimitsAreInclusive() {
    QualityGates gates = QualityGates.defaults();
    QualityGates.Bounds hook = QualityGates.DEFAULT_WORDS.get(MessageType.HOOK);

    assertThat(bodyLength(gates, hook.max()).passed()).isTrue();
    assertThat(bodyLength(gates, hook.max() + 1).passed()).isFalse();
    assertThat(bodyLength(gates, hook.min()).passed()).isTrue();
    assertThat(bodyLength(gates, hook.min() - 1).passed()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"7, false", "8, true", "12, true", "13, false"})
  void subjectCharactersPassFromTheLeastToTheMostInclusive(int length, boolean passes) {
    QualityGates gates = QualityGates.builder().subjectCharacters(8, 12).build();

    Verdict v = subjectLength(gates, "s".repeat(length));

    assertThat(v.passed()).isEqualTo(passes);
    assertThat(v.detail()).isEqualTo(length + " characters (8..12)");
  }

  @Test
  void subjectLengthCountsCharactersNotUtf16Units() {
    QualityGates gates = QualityGates.builder().subjectCharacters(8, 12).build();
    // Twelve emoji are twelve characters but 24 UTF-16 units.
    String twelve = "\uD83D\uDE80".repeat(12);

    assertThat(subjectLength(gates, twelve).passed()).isTrue();
  }

  private static Verdict order(MessageType... types) {
    List<SequenceStep> steps =
        java.util.Arrays.stream(types).map(t -> new SequenceStep(t, 1)).toList();
    Sequence s = new Sequence("order", steps);
    return verdict(
        QualityGates.defaults()
            .progression(
                new GenerationRequest(ADA, s, 0, List.of()),
                new GeneratedMessage("A fine subject", words(60), null)),
        "progression.order");
  }

  @Test
  void proofAfterFomoFailsTheOrderEvenWhenTheHookComesFirst() {
    Verdict v = order(MessageType.HOOK, MessageType.FOMO, MessageType.PROOF);

    assertThat(v.passed()).isFalse();
    assertThat(v.detail()).contains("Hook, Proof, FOMO");
  }

  @Test
  void aHookAfterTheProofOrAfterTheFomoFailsTheOrder() {
    assertThat(order(MessageType.PROOF, MessageType.HOOK, MessageType.FOMO).passed()).isFalse();
    assertThat(order(MessageType.FOMO, MessageType.HOOK).passed()).isFalse();
  }

  @Test
  void theOrderHoldsWhenStepsAreMissingOrRepeated() {
    assertThat(order(MessageType.HOOK, MessageType.FOMO).passed()).isTrue();
    assertThat(order(MessageType.PROOF, MessageType.FOMO).passed()).isTrue();
    assertThat(
            order(MessageType.HOOK, MessageType.PROOF, MessageType.FOMO, MessageType.PROOF)
                .passed())
        .isTrue();
    assertThat(order(MessageType.HOOK, MessageType.PROOF, MessageType.FOMO).detail())
        .isEqualTo("step 1 of 3");
  }
}
