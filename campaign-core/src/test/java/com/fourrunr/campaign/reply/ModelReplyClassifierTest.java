package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelReplyClassifierTest {
  private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");
  private final List<ReplyModel.Request> asked = new ArrayList<>();

  private static InboundReply person(String text) {
    return InboundReply.builder("ada@example.com", RECEIVED)
        .subject("Re: Hello")
        .text(text)
        .build();
  }

  @Test
  void personsMailGoesToTheModelWithoutQuotedHistory() {
    ModelReplyClassifier classifier =
        new ModelReplyClassifier(
            r -> {
              asked.add(r);
              return new ReplyModel.Verdict(ReplyCategory.INTERESTED, 0.8, null, "asks for times");
            });

    ReplyClassification c =
        classifier.classify(
            person(
                "Send me some times.\n\nOn Tue, Dec 1, 2026 at 9:00 AM Sam wrote:\n> Not interested? Unsubscribe here."));

    assertThat(c.category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(c.confidence()).isEqualTo(0.8);
    // The audit trail names both verdicts: the model's answer is kept with the rules' guess.
    assertThat(c.evidence())
        .contains("model: INTERESTED 0.80 [asks for times]")
        .contains("rules: ");
    assertThat(asked)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.text()).isEqualTo("Send me some times.");
              assertThat(r.mailDate()).isEqualTo(LocalDate.of(2026, 12, 1));
              assertThat(r.categories())
                  .doesNotContain(ReplyCategory.BOUNCE_HARD, ReplyCategory.AUTO_REPLY);
            });
  }

  @Test
  void machineMailNeverReachesTheModel() {
    ModelReplyClassifier classifier =
        new ModelReplyClassifier(
            r -> {
              asked.add(r);
              return new ReplyModel.Verdict(ReplyCategory.INTERESTED, 1.0, null, "wrong");
            });

    ReplyClassification c =
        classifier.classify(
            InboundReply.builder("mailer-daemon@mx.example", RECEIVED)
                .subject("Undelivered Mail Returned to Sender")
                .text("Status: 5.1.1")
                .build());

    assertThat(c.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(asked).isEmpty();
  }

  @Test
  void failingModelLeavesTheDecisionToTheRules() {
    ModelReplyClassifier classifier =
        new ModelReplyClassifier(
            r -> {
              throw new IllegalStateException("429 insufficient_quota");
            });

    ReplyClassification c = classifier.classify(person("Not interested, thanks."));

    assertThat(c.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(c.evidence()).startsWith("model failed (IllegalStateException), rules: ");
  }

  @Test
  void outOfOfficeVerdictWithoutDateGetsTheDateTheTextNames() {
    ModelReplyClassifier classifier =
        new ModelReplyClassifier(
            r -> new ReplyModel.Verdict(ReplyCategory.OUT_OF_OFFICE, 0.9, null, "away"));

    assertThat(classifier.classify(person("I'm on leave until 4 January.")).returnDate())
        .isEqualTo(LocalDate.of(2027, 1, 4));
  }

  @Test
  void modelCallingAPersonABounceGoesToReview() {
    ModelReplyClassifier classifier =
        new ModelReplyClassifier(
            r -> new ReplyModel.Verdict(ReplyCategory.BOUNCE_HARD, 0.99, null, "confused"));

    assertThat(classifier.classify(person("Hello?")).category())
        .isEqualTo(ReplyCategory.NEEDS_REVIEW);
  }

  @Test
  void disagreementGoesToReviewWithBothVerdictsNamed() {
    ModelReplyClassifier classifier =
        new ModelReplyClassifier(
            r -> {
              asked.add(r);
              return new ReplyModel.Verdict(ReplyCategory.INTERESTED, 0.95, null, "says yes");
            });

    ReplyClassification c = classifier.classify(person("Not interested, thanks."));

    assertThat(c.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(c.runnerUp()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(c.evidence())
        .contains("rules and model disagree (NOT_INTERESTED or INTERESTED)")
        .contains("rules: NOT_INTERESTED")
        .contains("model: INTERESTED 0.95 [says yes]");
    assertThat(asked.get(0).rules()).isNotNull();
    assertThat(asked.get(0).rules().category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
  }

  @Test
  void leadContextGoesToTheModel() {
    ModelReplyClassifier classifier =
        new ModelReplyClassifier(
            r -> {
              asked.add(r);
              return new ReplyModel.Verdict(ReplyCategory.NOT_INTERESTED, 0.9, null, "no");
            });
    com.fourrunr.campaign.Lead lead =
        com.fourrunr.campaign.Lead.builder("L-1", "ada@example.com")
            .firstName("Ada")
            .title("CTO")
            .company("Analytical Engines")
            .build();

    ReplyClassification c = classifier.classify(person("Not interested, thanks."), lead);

    assertThat(c.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(c.evidence()).startsWith("rules and model agree; ");
    assertThat(asked.get(0).lead())
        .containsEntry("company", "Analytical Engines")
        .containsEntry("title", "CTO");
  }
}
