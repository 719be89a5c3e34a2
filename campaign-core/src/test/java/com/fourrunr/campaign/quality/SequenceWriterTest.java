package com.fourrunr.campaign.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.GeneratedMessage;
import com.fourrunr.campaign.GenerationException;
import com.fourrunr.campaign.GenerationInfo;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Lead;
import com.fourrunr.campaign.MessageGenerator;
import com.fourrunr.campaign.Sequence;
import com.fourrunr.campaign.template.TemplateMessageGenerator;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SequenceWriterTest {
  static final Lead ADA = QualityGatesTest.ADA;
  static final MessageGenerator TEMPLATE = new TemplateMessageGenerator();

  /** A model's text that fails the brand gate (banned phrase, placeholder, too short). */
  static final GeneratedMessage BAD =
      new GeneratedMessage(
          "Hi",
          "Hi {{first_name}}, act now!!",
          null,
          new GenerationInfo("model", "hook-v1", "m-1", 100, 20, 1));

  @Test
  void textThatFailsOnceIsWrittenAgainAndKeptWhenItPasses() {
    AtomicInteger calls = new AtomicInteger();
    MessageGenerator flaky =
        r -> r.stepIndex() == 0 && calls.getAndIncrement() == 0 ? BAD : TEMPLATE.generate(r);

    WrittenSequence s = SequenceWriter.builder(flaky).build().write(ADA, Sequence.hookProofFomo());

    assertThat(s.outcome()).isEqualTo(WrittenSequence.Outcome.READY);
    assertThat(s.messages().get(0).attempts()).isEqualTo(2);
    assertThat(s.messages().get(0).fallback()).isEqualTo("none");
    assertThat(s.messages()).allMatch(WrittenMessage::passed);
  }

  @Test
  void textThatFailsTwiceIsReplacedByTheTemplateUnderTheTemplatePolicy() {
    MessageGenerator bad = r -> BAD;

    WrittenSequence s =
        SequenceWriter.builder(bad)
            .fallback(FallbackPolicy.TEMPLATE)
            .build()
            .write(ADA, Sequence.hookProofFomo());

    assertThat(s.outcome()).isEqualTo(WrittenSequence.Outcome.READY);
    for (WrittenMessage m : s.messages()) {
      assertThat(m.fallback()).isEqualTo("template");
      assertThat(m.attempts()).isEqualTo(3);
      assertThat(m.fallbackReason())
          .startsWith("gates failed 2 times")
          .contains("brand.placeholders");
      assertThat(m.auditAttributes())
          .containsEntry("fallback", "template")
          .containsEntry("generator", "template")
          .containsEntry("passed", "true")
          .containsKey("verdict.brand.placeholders");
    }
  }

  @Test
  void textThatFailsTwiceHoldsTheSequenceUnderTheHoldPolicy() {
    WrittenSequence s =
        SequenceWriter.builder(r -> BAD)
            .fallback(FallbackPolicy.HOLD)
            .build()
            .write(ADA, Sequence.hookProofFomo());

    assertThat(s.outcome()).isEqualTo(WrittenSequence.Outcome.HELD);
    assertThat(s.reason()).startsWith("held for review: step 1 (Hook): gates failed 2 times");
    assertThat(s.messages())
        .hasSize(3)
        .allSatisfy(
            m -> {
              assertThat(m.fallback()).isEqualTo("hold");
              assertThat(m.passed()).isFalse();
              assertThat(m.auditAttributes())
                  .containsEntry("passed", "false")
                  .containsEntry("model", "m-1")
                  .containsEntry("promptVersion", "hook-v1")
                  .containsEntry("promptTokens", "200");
            });
    assertThat(s.totalTokens()).isEqualTo(720);
  }

  @Test
  void generatorFailureUsesTheTemplateOrFailsTheSequenceWhenThereIsNothingToHold() {
    MessageGenerator down =
        r -> {
          throw new GenerationException("OpenAI API: gave up after 5 calls: 503");
        };

    WrittenSequence fallback =
        SequenceWriter.builder(down)
            .fallback(FallbackPolicy.TEMPLATE)
            .build()
            .write(ADA, Sequence.hookProofFomo());
    assertThat(fallback.outcome()).isEqualTo(WrittenSequence.Outcome.READY);
    assertThat(fallback.messages().get(0).fallbackReason())
        .contains("generator failed")
        .contains("503");
    assertThat(fallback.messages().get(0).attempts()).isEqualTo(2);

    WrittenSequence hold =
        SequenceWriter.builder(down)
            .fallback(FallbackPolicy.HOLD)
            .build()
            .write(ADA, Sequence.hookProofFomo());
    assertThat(hold.outcome()).isEqualTo(WrittenSequence.Outcome.FAILED);
    assertThat(hold.reason())
        .isEqualTo("step 1 (Hook): generator failed: OpenAI API: gave up after 5 calls: 503");
  }

  @Test
  void leadWithoutDescriptionOrServicesIsSkippedWithTheReason() {
    Lead bare = Lead.builder("L-9", "x@example.com").firstName("X").company("Acme").build();
    AtomicInteger calls = new AtomicInteger();

    WrittenSequence s =
        SequenceWriter.builder(
                r -> {
                  calls.incrementAndGet();
                  return TEMPLATE.generate(r);
                })
            .build()
            .write(bare, Sequence.hookProofFomo());

    assertThat(s.outcome()).isEqualTo(WrittenSequence.Outcome.SKIPPED);
    assertThat(s.reason()).contains("company_description").contains("top_services");
    assertThat(calls).hasValue(0);
    assertThat(SequenceWriter.canPersonalise(bare.toBuilder().topServices("Anvils").build()))
        .isTrue();
    assertThat(
            SequenceWriter.canPersonalise(
                bare.toBuilder().companyDescription("Acme makes anvils.").build()))
        .isTrue();
  }

  @Test
  void acceptedSequencesJoinTheUniquenessWindow() {
    SequenceWriter writer = SequenceWriter.builder(TEMPLATE).build();
    WrittenSequence first = writer.write(ADA, Sequence.hookProofFomo());
    writer.accept(ADA, first);

    WrittenSequence again = writer.write(ADA, Sequence.hookProofFomo());

    assertThat(writer.gates().recentMessages()).isEqualTo(3);
    assertThat(again.outcome()).isEqualTo(WrittenSequence.Outcome.HELD);
    assertThat(again.reason()).contains("uniqueness.recent");
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> SequenceWriter.builder(TEMPLATE).attempts(0).fallback(null).build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactly("fallback", "attempts"));
  }
}
