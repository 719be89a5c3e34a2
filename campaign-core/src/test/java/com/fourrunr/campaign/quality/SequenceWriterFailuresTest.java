package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.EventPayload;
import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationException;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.Sequence;
import org.junit.jupiter.api.Test;

/**
 * The writer's failure paths: how many texts are tried, what the reasons say, which tokens are
 * counted, and what happens when the fallback fails too.
 */
class SequenceWriterFailuresTest {
  private static final Lead ADA = QualityGatesTest.ADA;
  private static final MessageGenerator TEMPLATE = SequenceWriterTest.TEMPLATE;
  private static final GeneratedMessage BAD = SequenceWriterTest.BAD;

  private static MessageGenerator throwing(String message) {
    return r -> {
      throw new IllegalStateException(message);
    };
  }

  @Test
  void theNumberOfTextsTriedIsTheAttemptsSetting() {
    WrittenSequence once =
        SequenceWriter.builder(r -> BAD).attempts(1).build().write(ADA, Sequence.hookProofFomo());
    WrittenSequence thrice =
        SequenceWriter.builder(r -> BAD).attempts(3).build().write(ADA, Sequence.hookProofFomo());

    assertThat(once.messages().get(0).attempts()).isEqualTo(1);
    assertThat(once.messages().get(0).fallbackReason()).startsWith("gates failed once: ");
    assertThat(thrice.messages().get(0).attempts()).isEqualTo(3);
    assertThat(thrice.messages().get(0).fallbackReason()).startsWith("gates failed 3 times: ");
    // Every text written is counted: 3 x 100 prompt and 3 x 20 completion tokens.
    assertThat(thrice.messages().get(0).promptTokens()).isEqualTo(300);
    assertThat(thrice.messages().get(0).completionTokens()).isEqualTo(60);
  }

  @Test
  void tokensSpentByAGeneratorThatGaveUpAreCounted() {
    MessageGenerator spent =
        r -> {
          throw new GenerationException(
              "gave up", new GenerationInfo("model", "v1", "m-1", 30, 5, 3), null);
        };

    WrittenSequence s =
        SequenceWriter.builder(spent)
            .fallback(FallbackPolicy.TEMPLATE)
            .build()
            .write(ADA, Sequence.hookProofFomo());

    assertThat(s.outcome()).isEqualTo(WrittenSequence.Outcome.READY);
    assertThat(s.messages().get(0).promptTokens()).isEqualTo(30);
    assertThat(s.messages().get(0).completionTokens()).isEqualTo(5);
    assertThat(s.totalTokens()).isEqualTo(3 * 35);
  }

  @Test
  void theFailureNamesOnlyTheRulesThatFailed() {
    WrittenSequence s =
        SequenceWriter.builder(r -> BAD).attempts(1).build().write(ADA, Sequence.hookProofFomo());

    assertThat(s.messages().get(0).fallbackReason())
        .contains("brand.placeholders")
        .doesNotContain("brand.subject-characters")
        .doesNotContain("brand.possessives");
  }

  @Test
  void tokensOfTheFallbackTextAreCountedWithTheFailedOnes() {
    MessageGenerator template = SequenceWriterTest.TEMPLATE;
    MessageGenerator countingTemplate =
        r -> {
          GeneratedMessage m = template.generate(r);
          return new GeneratedMessage(
              m.subject(), m.textBody(), null, new GenerationInfo("template", "", "", 7, 3, 1));
        };

    WrittenSequence s =
        SequenceWriter.builder(r -> BAD)
            .fallback(FallbackPolicy.TEMPLATE)
            .fallbackGenerator(countingTemplate)
            .build()
            .write(ADA, Sequence.hookProofFomo());

    assertThat(s.messages().get(0).promptTokens()).isEqualTo(2 * 100 + 7);
    assertThat(s.messages().get(0).completionTokens()).isEqualTo(2 * 20 + 3);
  }

  @Test
  void aTemplateThatFailsTheGatesTooHoldsTheSequence() {
    WrittenSequence s =
        SequenceWriter.builder(r -> BAD)
            .fallback(FallbackPolicy.TEMPLATE)
            .fallbackGenerator(r -> BAD)
            .build()
            .write(ADA, Sequence.hookProofFomo());

    assertThat(s.outcome()).isEqualTo(WrittenSequence.Outcome.HELD);
    assertThat(s.reason())
        .startsWith("held for review: step 1 (Hook): gates failed 2 times: ")
        .contains("; the template fallback failed too: brand.");
    assertThat(s.messages()).allSatisfy(m -> assertThat(m.fallback()).isEqualTo("template"));
    assertThat(s.messages().get(0).attempts()).isEqualTo(3);
  }

  @Test
  void aTemplateThatThrowsLeavesTheLastTextHeld() {
    WrittenSequence s =
        SequenceWriter.builder(r -> BAD)
            .fallback(FallbackPolicy.TEMPLATE)
            .fallbackGenerator(throwing("template broken"))
            .build()
            .write(ADA, Sequence.hookProofFomo());

    assertThat(s.outcome()).isEqualTo(WrittenSequence.Outcome.HELD);
    WrittenMessage first = s.messages().get(0);
    assertThat(first.message()).isEqualTo(BAD);
    assertThat(first.fallback()).isEqualTo("template");
    assertThat(first.fallbackReason())
        .startsWith("gates failed 2 times: ")
        .endsWith("; the template fallback failed: template broken");
  }

  @Test
  void withNothingWrittenAndNoFallbackTheSequenceFailsKeepingTheStepsBefore() {
    MessageGenerator secondFails =
        r -> {
          if (r.stepIndex() == 1) {
            throw new IllegalStateException("down");
          }
          return TEMPLATE.generate(r);
        };

    WrittenSequence held =
        SequenceWriter.builder(secondFails).build().write(ADA, Sequence.hookProofFomo());
    WrittenSequence bothDown =
        SequenceWriter.builder(throwing("down"))
            .fallback(FallbackPolicy.TEMPLATE)
            .fallbackGenerator(throwing("template broken"))
            .build()
            .write(ADA, Sequence.hookProofFomo());

    assertThat(held.outcome()).isEqualTo(WrittenSequence.Outcome.FAILED);
    assertThat(held.messages()).hasSize(1);
    assertThat(held.reason()).isEqualTo("step 2 (Proof): generator failed: down");
    assertThat(bothDown.outcome()).isEqualTo(WrittenSequence.Outcome.FAILED);
    assertThat(bothDown.messages()).isEmpty();
    assertThat(bothDown.reason())
        .isEqualTo(
            "step 1 (Hook): generator failed: down; the template fallback failed: template broken");
  }

  @Test
  void aGeneratorReturningNothingHasFailed() {
    WrittenSequence s =
        SequenceWriter.builder(r -> null)
            .fallback(FallbackPolicy.TEMPLATE)
            .build()
            .write(ADA, Sequence.hookProofFomo());

    assertThat(s.outcome()).isEqualTo(WrittenSequence.Outcome.READY);
    assertThat(s.messages().get(0).fallbackReason())
        .isEqualTo("generator failed: generator returned null");
    assertThat(s.messages().get(0).attempts()).isEqualTo(2);
  }

  @Test
  void theAuditNamesEveryFieldOfTheStep() {
    WrittenSequence s =
        SequenceWriter.builder(r -> BAD).build().write(ADA, Sequence.hookProofFomo());
    WrittenMessage m = s.messages().get(1);

    EventPayload.MessageChecked audit = m.audit();

    assertThat(audit.step()).isEqualTo("Proof");
    assertThat(audit.stepIndex()).isEqualTo(1);
    assertThat(audit.passed()).isFalse();
    assertThat(audit.generator()).isEqualTo("model");
    assertThat(audit.promptVersion()).isEqualTo("hook-v1");
    assertThat(audit.model()).isEqualTo("m-1");
    assertThat(audit.promptTokens()).isEqualTo(200);
    assertThat(audit.completionTokens()).isEqualTo(40);
    assertThat(audit.attempts()).isEqualTo(2);
    assertThat(audit.generatorCalls()).isEqualTo(1);
    assertThat(audit.fallback()).isEqualTo("hold");
    assertThat(audit.fallbackReason()).startsWith("gates failed 2 times");
    assertThat(audit.verdicts()).containsKey("brand.placeholders");
    assertThat(audit.verdicts().get("brand.placeholders")).startsWith("FAIL 0.000 unresolved");
    assertThat(m.failedRules())
        .contains("brand.placeholders")
        .doesNotContain("brand.subject-characters");
  }

  @Test
  void everyMissingOrBadSettingIsNamed() {
    assertThatThrownBy(
            () ->
                SequenceWriter.builder(null)
                    .fallbackGenerator(null)
                    .gates(null)
                    .attempts(6)
                    .build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactly("generator", "fallbackGenerator", "gates", "attempts"));
    SequenceWriter five = SequenceWriter.builder(TEMPLATE).attempts(5).build();
    assertThat(five).hasToString("SequenceWriter[fallback=HOLD, attempts=5]");
    assertThat(five.fallback()).isEqualTo(FallbackPolicy.HOLD);
  }
}
