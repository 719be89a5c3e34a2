package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationRequest;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageType;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.SequenceStep;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every gate rule, each with a message that passes it and one that fails it. */
class QualityGatesTest {
  static final Lead ADA =
      Lead.builder("L-1", "ada@example.com")
          .firstName("Ada")
          .title("CTO")
          .company("Analytical Engines")
          .industry("Computing")
          .companySize("11-50")
          .companyDescription("Analytical Engines builds programmable calculating machines.")
          .topServices("Engine design;Punch-card programming")
          .build();
  static final Sequence HPF = Sequence.hookProofFomo();

  /** The template's Hook, Proof and FOMO for Ada: they pass every rule. */
  static final List<GeneratedMessage> GOOD = write(ADA);

  static List<GeneratedMessage> write(Lead lead) {
    TemplateMessageGenerator g = new TemplateMessageGenerator();
    List<GeneratedMessage> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      out.add(g.generate(new GenerationRequest(lead, HPF, i, out)));
    }
    return out;
  }

  static GenerationRequest step(int i) {
    return new GenerationRequest(ADA, HPF, i, GOOD.subList(0, i));
  }

  static GeneratedMessage body(GeneratedMessage m, Function<String, String> change) {
    return new GeneratedMessage(m.subject(), change.apply(m.textBody()), null);
  }

  static GeneratedMessage subject(GeneratedMessage m, String subject) {
    return new GeneratedMessage(subject, m.textBody(), null);
  }

  static final String FILLER =
      " We looked closely at the market, the buyers and the way the work is described"
          + " on the site, and the picture is a clear one.";

  /** rule, step, failing message. The passing message is the template's for the same step. */
  static Stream<Arguments> rules() {
    GeneratedMessage hook = GOOD.get(0);
    GeneratedMessage proof = GOOD.get(1);
    GeneratedMessage fomo = GOOD.get(2);
    return Stream.of(
        Arguments.of(
            "brand.banned-phrases",
            0,
            body(hook, b -> b.replace("\n\nBest,", " It is a real game changer.\n\nBest,"))),
        Arguments.of(
            "brand.banned-phrases",
            2,
            body(fomo, b -> b.replace("\n\nBest,", " Act now!!\n\nBest,"))),
        Arguments.of(
            "brand.body-length",
            0,
            body(
                hook,
                b -> "Hi Ada,\n\nAnalytical Engines looks interesting.\n\nBest,\nThe 4Runr team")),
        Arguments.of("brand.body-length", 1, body(proof, b -> b + FILLER.repeat(6))),
        Arguments.of("brand.subject-length", 0, subject(hook, "Hi")),
        Arguments.of(
            "brand.subject-length",
            0,
            subject(hook, "Analytical Engines and engine design: a long look at what we saw")),
        Arguments.of(
            "brand.placeholders", 0, body(hook, b -> b.replace("Hi Ada,", "Hi {{first_name}},"))),
        Arguments.of(
            "brand.placeholders",
            1,
            body(proof, b -> b.replace("Analytical Engines", "[Company Name]"))),
        Arguments.of(
            "brand.subject-characters", 0, subject(hook, "Engine design\tat Analytical Engines")),
        Arguments.of(
            "brand.subject-characters",
            0,
            subject(hook, "Engine design\u2028at Analytical Engines")),
        Arguments.of(
            "brand.personalisation",
            0,
            body(
                hook,
                b ->
                    "Hi Ada,\n\n"
                        + FILLER.strip()
                        + FILLER
                        + FILLER
                        + "\n\nWhere do you want to be a year from now?\n\nBest,\nThe 4Runr team")),
        Arguments.of(
            "brand.questions",
            0,
            body(hook, b -> b.replace("\n\nBest,", " Why? Who decides?\n\nBest,"))),
        Arguments.of(
            "brand.no-call-to-buy",
            1,
            body(proof, b -> b.replace("\n\nBest,", " Book a demo to see our pricing.\n\nBest,"))),
        Arguments.of(
            "brand.no-call-to-buy",
            0,
            body(hook, b -> b.replace("\n\nBest,", " You can sign up today.\n\nBest,"))),
        Arguments.of(
            "brand.urgency",
            2,
            body(
                fomo,
                b ->
                    "Hi Ada,\n\nClosing the loop on my notes about engine design at"
                        + " Analytical Engines."
                        + FILLER
                        + FILLER
                        + "\n\nIf it is of interest, a reply is enough.\n\nBest,\nThe 4Runr team")),
        Arguments.of(
            "brand.size-buckets",
            1,
            body(proof, b -> b.replace("\n\nBest,", " Teams of 11-50 people move fast.\n\nBest,"))),
        Arguments.of(
            "brand.possessives",
            0,
            body(
                hook,
                b -> b.replace("\n\nBest,", " Analytical Engines's machines stand out.\n\nBest,"))),
        Arguments.of(
            "brand.proper-names",
            0,
            body(
                hook,
                b -> b.replace("\n\nBest,", " I hear analytical engines is hiring.\n\nBest,"))),
        Arguments.of(
            "brand.lead-facts",
            1,
            body(
                proof,
                b ->
                    b.replace(
                        "\n\nBest,",
                        " The same holds for client acquisition in software.\n\nBest,"))),
        Arguments.of(
            "progression.distinct",
            1,
            proof.subject().isEmpty() ? proof : body(proof, b -> hook.textBody())),
        Arguments.of("progression.distinct", 2, subject(fomo, hook.subject())),
        Arguments.of(
            "progression.builds-on",
            1,
            body(
                proof,
                b ->
                    b.replaceFirst(
                        "^(Hi Ada,\n\n)[^\n]+", "$1One observation on engine design."))));
  }

  @ParameterizedTest(name = "{0} on step {1}")
  @MethodSource("rules")
  void everyRulePassesTheGoodMessageAndFailsTheBadOne(String rule, int step, GeneratedMessage bad) {
    QualityGates gates = QualityGates.defaults();

    Verdict good = verdict(gates.check(step(step), GOOD.get(step)), rule);
    Verdict failed = verdict(gates.check(step(step), bad), rule);

    assertThat(good.passed())
        .as("%s passes the template's %s: %s", rule, HPF.step(step).type(), good.detail())
        .isTrue();
    assertThat(good.score()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(0.51));
    assertThat(failed.passed()).as("%s fails: %s", rule, failed.detail()).isFalse();
    assertThat(failed.score()).isLessThan(good.score());
    assertThat(failed.detail()).isNotBlank();
  }

  static Verdict verdict(List<Verdict> verdicts, String rule) {
    return verdicts.stream()
        .filter(v -> v.rule().equals(rule))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no verdict for " + rule + " in " + verdicts));
  }

  @Test
  void copyRulesReadTheMessageAgainstTheLeadsData() {
    Lead kestrel =
        ADA.toBuilder()
            .company("Kestrel Analytics")
            .companySize("5000+")
            .industry("")
            .topServices(List.of())
            .companyDescription("Kestrel Analytics builds demand forecasting for retailers.")
            .build();
    GenerationRequest hook = new GenerationRequest(kestrel, HPF, 0, List.of());
    QualityGates gates = QualityGates.defaults();
    for (GeneratedMessage m : write(kestrel)) {
      for (String rule :
          List.of(
              "brand.size-buckets",
              "brand.possessives",
              "brand.proper-names",
              "brand.lead-facts")) {
        Verdict v = verdict(gates.check(hook, m), rule);
        assertThat(v.passed()).as("%s: %s\n%s", rule, v.detail(), m.textBody()).isTrue();
      }
    }
    GeneratedMessage bad =
        new GeneratedMessage(
            "Kestrel Analytics",
            "Hi Ada,\n\nKestrel Analytics's work caught my eye: kestrel analytics builds"
                + " forecasting for a team of around 5000+ people, and retail client acquisition"
                + " is hard.\n\nBest,\nThe 4Runr team",
            null);
    List<Verdict> v = gates.check(hook, bad);
    assertThat(verdict(v, "brand.size-buckets").detail()).contains("5000+");
    assertThat(verdict(v, "brand.possessives").detail()).contains("Analytics's");
    assertThat(verdict(v, "brand.proper-names").detail()).contains("kestrel analytics");
    assertThat(verdict(v, "brand.lead-facts").detail())
        .contains("client acquisition")
        .contains("retail");
    // "retail" is a fact when the lead's data names it; an empty list turns the check off.
    GenerationRequest retailer =
        new GenerationRequest(
            kestrel.toBuilder().industry("Retail").topServices("Client acquisition").build(),
            HPF,
            0,
            List.of());
    assertThat(verdict(gates.check(retailer, bad), "brand.lead-facts").passed()).isTrue();
    assertThat(
            verdict(
                    QualityGates.builder().factPhrases(List.of()).build().check(hook, bad),
                    "brand.lead-facts")
                .passed())
        .isTrue();
  }

  @Test
  void progressionOrderPassesInOrderAndFailsOutOfOrder() {
    QualityGates gates = QualityGates.defaults();
    assertThat(verdict(gates.check(step(2), GOOD.get(2)), "progression.order").passed()).isTrue();

    GenerationRequest skipped = new GenerationRequest(ADA, HPF, 2, GOOD.subList(0, 1));
    assertThat(verdict(gates.check(skipped, GOOD.get(2)), "progression.order").detail())
        .contains("after 1 earlier");
    assertThat(verdict(gates.check(skipped, GOOD.get(2)), "progression.order").passed()).isFalse();

    Sequence backwards =
        new Sequence(
            "backwards",
            List.of(
                new SequenceStep(MessageType.FOMO, 0),
                new SequenceStep(MessageType.PROOF, 3),
                new SequenceStep(MessageType.HOOK, 4)));
    Verdict v =
        verdict(
            gates.check(new GenerationRequest(ADA, backwards, 0, List.of()), GOOD.get(2)),
            "progression.order");
    assertThat(v.passed()).isFalse();
    assertThat(v.detail()).contains("Hook, Proof, FOMO");
  }

  @Test
  void uniquenessPassesANewMessageAndFailsANearCopyOfARecentOne() {
    QualityGates gates = QualityGates.defaults();
    assertThat(verdict(gates.check(step(0), GOOD.get(0)), "uniqueness.recent").passed()).isTrue();

    gates.remember("lead L-1 Hook", GOOD.get(0));
    // The same text with another first name: template-like repetition.
    GeneratedMessage copy = body(GOOD.get(0), b -> b.replace("Hi Ada,", "Hi Grace,"));
    Verdict v = verdict(gates.check(step(0), copy), "uniqueness.recent");

    assertThat(v.passed()).isFalse();
    assertThat(v.score()).isLessThan(0.4);
    assertThat(v.detail()).contains("lead L-1 Hook");
    assertThat(gates.recentMessages()).isEqualTo(1);
  }

  @Test
  void phrasesFromTheLeadsOwnServicesAreNotBannedButFromTheDescriptionTheyAre() {
    Lead clinic =
        ADA.toBuilder()
            .company("Redwood Clinics")
            .topServices("Urgent care;Telehealth")
            .companyDescription("Redwood Clinics offers same-day urgent care. Act now!!")
            .build();
    List<GeneratedMessage> m = write(clinic);
    QualityGates gates = QualityGates.defaults();
    GenerationRequest hook = new GenerationRequest(clinic, HPF, 0, List.of());

    assertThat(verdict(gates.check(hook, m.get(0)), "brand.banned-phrases").passed()).isTrue();
    GeneratedMessage echoed = body(m.get(0), b -> b.replace("\n\nBest,", " Act now!!\n\nBest,"));
    assertThat(verdict(gates.check(hook, echoed), "brand.banned-phrases").passed()).isFalse();
  }

  @Test
  void bannedPhrasesAreConfigurableAndMatchWholeWordsOnly() {
    GeneratedMessage hook =
        body(GOOD.get(0), b -> b.replace("\n\nBest,", " Calculating is an art.\n\nBest,"));
    QualityGates gates = QualityGates.builder().bannedPhrases(List.of("calculating")).build();
    Verdict v = verdict(gates.check(step(0), hook), "brand.banned-phrases");
    assertThat(v.passed()).isFalse();
    assertThat(v.detail()).contains("calculating");

    // "calculat" is not a whole word of the text.
    QualityGates partial = QualityGates.builder().bannedPhrases(List.of("calculat")).build();
    assertThat(verdict(partial.check(step(0), hook), "brand.banned-phrases").passed()).isTrue();
  }

  @Test
  void lengthBoundsAreConfigurablePerType() {
    QualityGates strict =
        QualityGates.builder().bodyWords(MessageType.HOOK, 10, 20).subjectCharacters(5, 10).build();

    assertThat(verdict(strict.check(step(0), GOOD.get(0)), "brand.body-length").passed()).isFalse();
    assertThat(verdict(strict.check(step(0), GOOD.get(0)), "brand.subject-length").passed())
        .isFalse();
    assertThat(verdict(strict.check(step(1), GOOD.get(1)), "brand.body-length").passed()).isTrue();
  }

  @Test
  void uniquenessCanBeTurnedOff() {
    QualityGates off = QualityGates.builder().uniqueness(false).build();
    off.remember("x", GOOD.get(0));

    assertThat(off.check(step(0), GOOD.get(0)))
        .extracting(Verdict::rule)
        .doesNotContain("uniqueness.recent");
    assertThat(off.recentMessages()).isZero();
  }

  @Test
  void badSettingsAreRejectedNamingEachField() {
    assertThatThrownBy(
            () ->
                QualityGates.builder()
                    .uniquenessThreshold(0)
                    .distinctThreshold(1.5)
                    .recentWindow(0)
                    .bannedPhrases(List.of(" "))
                    .build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactlyInAnyOrder(
                        "bannedPhrases",
                        "uniquenessThreshold",
                        "distinctThreshold",
                        "recentWindow"));
  }

  @Test
  void verdictSummaryIsTheFormKeptInEvents() {
    assertThat(new Verdict("brand.urgency", true, 1, "urgency: quarter").summary())
        .isEqualTo("PASS 1.000 urgency: quarter");
    assertThat(new Verdict("brand.urgency", false, 0, "").summary()).isEqualTo("FAIL 0.000");
    assertThat(new Verdict("brand.urgency", false, 0, "").gate()).isEqualTo("brand");
  }
}
