package com.fourrunr.campaign.quality;

import static com.fourrunr.campaign.quality.QualityGatesTest.ADA;
import static com.fourrunr.campaign.quality.QualityGatesTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each rule reports besides pass or fail: its score (how far off a message is) and its detail
 * (what a reviewer reads), which rules apply to which step type, and where thresholds sit.
 */
class QualityGatesScoresTest {
  private static final Sequence HPF = Sequence.hookProofFomo();
  private static final GenerationRequest HOOK = new GenerationRequest(ADA, HPF, 0, List.of());
  private static final String SUBJECT = "A fine subject";

  private static GeneratedMessage message(String body) {
    return new GeneratedMessage(SUBJECT, body, null);
  }

  private static GenerationRequest step(int index, MessageType... types) {
    List<SequenceStep> steps =
        java.util.Arrays.stream(types).map(t -> new SequenceStep(t, 1)).toList();
    List<GeneratedMessage> previous =
        java.util.Collections.nCopies(index, message("an earlier step about something else"));
    return new GenerationRequest(ADA, new Sequence("s", steps), index, previous);
  }

  private static Verdict brand(QualityGates gates, GenerationRequest r, String body, String rule) {
    return verdict(gates.brand(r, message(body)), rule);
  }

  @Test
  void eachBannedPhraseFoundLowersTheScoreAndIsNamed() {
    QualityGates gates = QualityGates.defaults();

    Verdict none = brand(gates, HOOK, "Plain words.", "brand.banned-phrases");
    Verdict two = brand(gates, HOOK, "A real GAME CHANGER, pure synergy.", "brand.banned-phrases");
    Verdict curly = brand(gates, HOOK, "Don\u2019t miss out.", "brand.banned-phrases");

    assertThat(none.passed()).isTrue();
    assertThat(none.score()).isEqualTo(1.0);
    assertThat(none.detail())
        .isEqualTo("none of " + QualityGates.DEFAULT_BANNED_PHRASES.size() + " banned phrases");
    assertThat(two.passed()).isFalse();
    assertThat(two.score()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(two.detail()).isEqualTo("found: game changer, synergy");
    assertThat(curly.detail()).isEqualTo("found: don't miss out");
  }

  @Test
  void addedBannedPhrasesKeepTheDefaults() {
    QualityGates gates = QualityGates.builder().addBannedPhrases("engine room").build();

    Verdict v = brand(gates, HOOK, "Synergy in the engine room.", "brand.banned-phrases");

    assertThat(v.detail()).isEqualTo("found: synergy, engine room");
  }

  @Test
  void aPhraseEndingInPunctuationMatchesWithoutAWordBoundary() {
    QualityGates gates = QualityGates.defaults();

    assertThat(brand(gates, HOOK, "Wow!! Read this.", "brand.banned-phrases").detail())
        .isEqualTo("found: !!");
    // A phrase starting with a letter is a whole word: "motive" is not in "locomotive".
    QualityGates motive = QualityGates.builder().bannedPhrases(List.of("motive")).build();
    assertThat(brand(motive, HOOK, "A locomotive.", "brand.banned-phrases").passed()).isTrue();
    assertThat(brand(motive, HOOK, "A motive.", "brand.banned-phrases").passed()).isFalse();
  }

  @Test
  void aSubjectsScoreFallsWithItsDistanceFromTheBounds() {
    QualityGates gates = QualityGates.builder().subjectCharacters(8, 12).build();

    Verdict shortOne =
        verdict(
            gates.brand(HOOK, new GeneratedMessage("abcd", "body", null)), "brand.subject-length");
    Verdict farOff =
        verdict(
            gates.brand(HOOK, new GeneratedMessage("s".repeat(30), "body", null)),
            "brand.subject-length");

    // 4 short of 8, against a maximum of 12: 1 - 4/12
    assertThat(shortOne.score()).isCloseTo(1 - 4.0 / 12, within(1e-9));
    assertThat(farOff.score()).isEqualTo(0.0);
  }

  @Test
  void atMostFivePlaceholdersAreListed() {
    QualityGates gates = QualityGates.defaults();

    Verdict many = brand(gates, HOOK, "{a} {b} {c} {d} {e} {f} {g}", "brand.placeholders");
    Verdict none = brand(gates, HOOK, "Hi Ada.", "brand.placeholders");

    assertThat(many.passed()).isFalse();
    assertThat(many.score()).isEqualTo(0.0);
    assertThat(many.detail()).isEqualTo("unresolved: {a}, {b}, {c}, {d}, {e}");
    assertThat(none.score()).isEqualTo(1.0);
    assertThat(none.detail()).isEqualTo("none");
  }

  @Test
  void aBadSubjectCharacterIsNamedByCodePointAndPosition() {
    QualityGates gates = QualityGates.defaults();

    Verdict bad =
        verdict(
            gates.brand(HOOK, new GeneratedMessage("Engine design\tat Acme", "body", null)),
            "brand.subject-characters");
    Verdict good = verdict(gates.brand(HOOK, message("body")), "brand.subject-characters");

    assertThat(bad.passed()).isFalse();
    assertThat(bad.score()).isEqualTo(0.0);
    assertThat(bad.detail()).isEqualTo("U+0009 at 13");
    assertThat(good.score()).isEqualTo(1.0);
    assertThat(good.detail()).isEqualTo("one line, no control characters");
  }

  @Test
  void personalisationScoresHalfPerFactUpToOne() {
    QualityGates gates = QualityGates.defaults();

    Verdict one = brand(gates, HOOK, "Analytical Engines is growing.", "brand.personalisation");
    Verdict two =
        brand(
            gates,
            HOOK,
            "Analytical Engines does engine design and punch-card programming.",
            "brand.personalisation");

    assertThat(one.passed()).isTrue();
    assertThat(one.score()).isEqualTo(0.5);
    assertThat(one.detail()).isEqualTo("uses: company");
    assertThat(two.score()).isEqualTo(1.0);
    // Two services named count as one fact.
    assertThat(two.detail()).isEqualTo("uses: company, service");
  }

  @Test
  void personalFactsNeedAMeaningfulCompanyOrServiceAndThreeWordsOfTheDescription() {
    Lead shortNames =
        ADA.toBuilder()
            .company("X")
            .topServices("AI;Engine design")
            .companyDescription("Builds programmable calculating machines for the navy.")
            .build();

    assertThat(QualityGates.personalFacts(shortNames, "x and ai")).isEmpty();
    assertThat(QualityGates.personalFacts(shortNames, "We saw your engine design work."))
        .containsExactly("service");
    assertThat(
            QualityGates.personalFacts(
                shortNames,
                "You build programmable calculating machines; for the navy and programmable"
                    + " calculating machines again."))
        .containsExactly("description");
    assertThat(QualityGates.personalFacts(shortNames, "programmable calculating")).isEmpty();
  }

  @Test
  void aHookAsksAtMostOneQuestionAndOnlyAHookIsAsked() {
    QualityGates gates = QualityGates.defaults();

    Verdict one = brand(gates, HOOK, "Why?", "brand.questions");
    Verdict two = brand(gates, HOOK, "Why? Who?", "brand.questions");
    Verdict four = brand(gates, HOOK, "Why? Who? When? How?", "brand.questions");
    GenerationRequest proof = new GenerationRequest(ADA, HPF, 1, List.of(message("x")));

    assertThat(one.passed()).isTrue();
    assertThat(one.score()).isEqualTo(1.0);
    assertThat(two.passed()).isFalse();
    assertThat(two.score()).isEqualTo(0.5);
    assertThat(two.detail()).isEqualTo("2 question(s); a Hook asks at most one");
    assertThat(four.score()).isEqualTo(0.25);
    assertThat(gates.brand(proof, message("Why? Who? When?")))
        .extracting(Verdict::rule)
        .doesNotContain("brand.questions");
  }

  @Test
  void aCallToBuyIsCheckedInHookAndProofButNotInFomo() {
    QualityGates gates = QualityGates.defaults();
    String pitch = "Book a demo to see our pricing.";
    GenerationRequest proof = new GenerationRequest(ADA, HPF, 1, List.of(message("x")));
    GenerationRequest fomo =
        new GenerationRequest(ADA, HPF, 2, List.of(message("x"), message("y")));

    Verdict hook = brand(gates, HOOK, pitch, "brand.no-call-to-buy");
    assertThat(hook.passed()).isFalse();
    assertThat(hook.score()).isEqualTo(0.0);
    assertThat(hook.detail()).isEqualTo("call to buy: pricing, book a demo");
    assertThat(brand(gates, proof, pitch, "brand.no-call-to-buy").passed()).isFalse();
    assertThat(brand(gates, proof, "Plain words.", "brand.no-call-to-buy").detail())
        .isEqualTo("no call to buy");
    assertThat(gates.brand(fomo, message(pitch)))
        .extracting(Verdict::rule)
        .doesNotContain("brand.no-call-to-buy", "brand.questions");
  }

  @Test
  void urgencyIsAskedOfAFomoOnlyAndTheConstraintIsNamed() {
    QualityGates gates = QualityGates.builder().urgencyPhrases(List.of("this quarter")).build();
    GenerationRequest fomo =
        new GenerationRequest(ADA, HPF, 2, List.of(message("x"), message("y")));

    Verdict with = brand(gates, fomo, "Two places left this quarter.", "brand.urgency");
    Verdict without = brand(gates, fomo, "Two places left.", "brand.urgency");

    assertThat(with.passed()).isTrue();
    assertThat(with.score()).isEqualTo(1.0);
    assertThat(with.detail()).isEqualTo("urgency: this quarter");
    assertThat(without.passed()).isFalse();
    assertThat(without.score()).isEqualTo(0.0);
    assertThat(gates.brand(HOOK, message("Plain words.")))
        .extracting(Verdict::rule)
        .doesNotContain("brand.urgency");
  }

  @Test
  void callToBuyAndBackReferencePhrasesAreConfigurable() {
    QualityGates gates =
        QualityGates.builder()
            .callToBuyPhrases(List.of("order today"))
            .backReferencePhrases(List.of("as promised"))
            .build();
    GenerationRequest proof = new GenerationRequest(ADA, HPF, 1, List.of(message("x")));

    assertThat(brand(gates, HOOK, "Order today.", "brand.no-call-to-buy").passed()).isFalse();
    assertThat(brand(gates, HOOK, "Book a demo.", "brand.no-call-to-buy").passed()).isTrue();
    Verdict refers =
        verdict(
            gates.progression(proof, message("As promised, the numbers.")),
            "progression.builds-on");
    Verdict default_ =
        verdict(gates.progression(proof, message("Since my last note.")), "progression.builds-on");
    assertThat(refers.passed()).isTrue();
    assertThat(refers.score()).isEqualTo(1.0);
    assertThat(refers.detail()).isEqualTo("refers back: as promised");
    assertThat(default_.passed()).isFalse();
    assertThat(default_.score()).isEqualTo(0.0);
    assertThat(default_.detail()).isEqualTo("does not refer back to the earlier steps");
  }

  @Test
  void theFirstStepNeedNotReferBack() {
    assertThat(QualityGates.defaults().progression(HOOK, message("Plain words.")))
        .extracting(Verdict::rule)
        .doesNotContain("progression.builds-on");
  }

  @Test
  void bothOrderProblemsAreReportedTogether() {
    GenerationRequest misplaced =
        new GenerationRequest(
            ADA,
            new Sequence(
                "s",
                List.of(
                    new SequenceStep(MessageType.PROOF, 0),
                    new SequenceStep(MessageType.HOOK, 1),
                    new SequenceStep(MessageType.FOMO, 1))),
            2,
            List.of(message("x")));

    Verdict v =
        verdict(QualityGates.defaults().progression(misplaced, message("y")), "progression.order");

    assertThat(v.passed()).isFalse();
    assertThat(v.score()).isEqualTo(0.0);
    assertThat(v.detail())
        .isEqualTo(
            "step 3 written after 1 earlier step(s); sequence order is not Hook, Proof, FOMO");
  }

  @Test
  void aFomoBeforeTheProofFailsEvenWhenAnotherFomoFollows() {
    GenerationRequest r =
        step(0, MessageType.HOOK, MessageType.FOMO, MessageType.PROOF, MessageType.FOMO);

    assertThat(
            verdict(QualityGates.defaults().progression(r, message("y")), "progression.order")
                .passed())
        .isFalse();
  }

  private static boolean inOrder(MessageType... types) {
    return verdict(
            QualityGates.defaults().progression(step(0, types), message("y")), "progression.order")
        .passed();
  }

  @Test
  void theFirstStepOfEachTypeDecidesTheOrder() {
    // A later repeat of a type does not move it: Hook, Proof, FOMO, then a Hook again is in order.
    assertThat(inOrder(MessageType.HOOK, MessageType.PROOF, MessageType.FOMO, MessageType.HOOK))
        .isTrue();
    assertThat(inOrder(MessageType.PROOF, MessageType.FOMO, MessageType.PROOF)).isTrue();
    // ... and a FOMO before the Proof stays out of order when another FOMO follows.
    assertThat(inOrder(MessageType.FOMO, MessageType.PROOF, MessageType.FOMO)).isFalse();
    assertThat(inOrder(MessageType.PROOF, MessageType.HOOK)).isFalse();
    assertThat(inOrder(MessageType.FOMO, MessageType.HOOK)).isFalse();
  }

  @Test
  void aTwoLetterCompanyAndAThreeLetterServiceCount() {
    Lead hp = ADA.toBuilder().company("HP").topServices("SEO;AI").build();

    assertThat(QualityGates.personalFacts(hp, "HP does SEO well."))
        .containsExactly("company", "service");
  }

  @Test
  void aRepeatedSubjectHalvesTheDistinctScoreAndNamesTheStep() {
    GenerationRequest proof =
        new GenerationRequest(
            ADA,
            HPF,
            1,
            List.of(new GeneratedMessage("Engine design", "one two three four", null)));

    Verdict v =
        verdict(
            QualityGates.defaults()
                .progression(
                    proof, new GeneratedMessage("ENGINE DESIGN", "five six seven eight", null)),
            "progression.distinct");

    assertThat(v.passed()).isFalse();
    assertThat(v.score()).isEqualTo(0.5);
    assertThat(v.detail())
        .isEqualTo("max similarity to earlier steps 0.00 (under 0.50) same subject as step 1");
  }

  @Test
  void aStepIdenticalToAnEarlierOneFailsEvenAtTheHighestThreshold() {
    GeneratedMessage same = new GeneratedMessage("Subject one", "one two three four five", null);
    GenerationRequest proof = new GenerationRequest(ADA, HPF, 1, List.of(same));
    QualityGates gates = QualityGates.builder().distinctThreshold(1).build();

    Verdict v =
        verdict(
            gates.progression(proof, new GeneratedMessage("Subject two", same.textBody(), null)),
            "progression.distinct");

    assertThat(v.passed()).isFalse();
    assertThat(v.score()).isEqualTo(0.0);
    assertThat(v.detail()).isEqualTo("max similarity to earlier steps 1.00 (under 1.00)");
  }

  @Test
  void aRememberedMessageFailsUniquenessEvenAtTheHighestThresholdAndIsNamed() {
    QualityGates gates = QualityGates.builder().uniquenessThreshold(1).recentWindow(2).build();
    GeneratedMessage m = message("one two three four five six seven");

    Verdict before = gates.uniqueness(m);
    gates.remember("lead L-1 Hook", m);
    Verdict after = gates.uniqueness(m);

    assertThat(before.passed()).isTrue();
    assertThat(before.score()).isEqualTo(1.0);
    assertThat(before.detail()).isEqualTo("closest of 0 recent: 0.00 (under 1.00)");
    assertThat(after.passed()).isFalse();
    assertThat(after.score()).isEqualTo(0.0);
    assertThat(after.detail()).isEqualTo("closest of 1 recent: 1.00 (under 1.00), lead L-1 Hook");
  }

  @Test
  void theRecentWindowKeepsAtMostItsSize() {
    QualityGates gates = QualityGates.builder().recentWindow(2).build();
    for (int i = 0; i < 3; i++) {
      gates.remember("m" + i, message("text number " + i + " of three"));
    }

    assertThat(gates.recentMessages()).isEqualTo(2);
  }

  @Test
  void settingsAtTheirLimitsAreAcceptedAndEachBadListNamedOnce() {
    assertThat(
            QualityGates.builder()
                .uniquenessThreshold(1)
                .distinctThreshold(1)
                .recentWindow(1)
                .build())
        .isNotNull();
    assertThatThrownBy(
            () ->
                QualityGates.builder()
                    .uniquenessThreshold(-0.1)
                    .recentWindow(10_000_001)
                    .bannedPhrases(List.of(" ", ""))
                    .callToBuyPhrases(List.of(""))
                    .urgencyPhrases(List.of(" "))
                    .backReferencePhrases(List.of(""))
                    .factPhrases(List.of("\t"))
                    .build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactly(
                        "bannedPhrases",
                        "callToBuyPhrases",
                        "urgencyPhrases",
                        "backReferencePhrases",
                        "factPhrases",
                        "uniquenessThreshold",
                        "recentWindow"));
    assertThatThrownBy(() -> QualityGates.builder().distinctThreshold(0).build())
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void boundsAreInclusiveAndChecked() {
    QualityGates.Bounds b = new QualityGates.Bounds(5, 5);

    assertThat(b.contains(5)).isTrue();
    assertThat(b.contains(4)).isFalse();
    assertThat(b.contains(6)).isFalse();
    assertThat(new QualityGates.Bounds(0, 10)).hasToString("0..10");
    assertThatThrownBy(() -> new QualityGates.Bounds(-1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QualityGates.Bounds(6, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVerdictsScoreIsClampedAndItsGateIsTheRulesPrefix() {
    assertThat(new Verdict("a.b", true, 1.5, "").score()).isEqualTo(1.0);
    assertThat(new Verdict("a.b", false, -0.5, "").score()).isEqualTo(0.0);
    assertThat(new Verdict("a.b", true, 0.25, "").score()).isEqualTo(0.25);
    assertThat(new Verdict("plain", true, 1, "").gate()).isEqualTo("plain");
    assertThatThrownBy(() -> new Verdict("a.b", true, Double.NaN, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
