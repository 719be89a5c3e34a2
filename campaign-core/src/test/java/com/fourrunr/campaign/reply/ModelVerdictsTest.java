package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Referral;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the rules' verdict and the model's are put together: agreement keeps the rules' dates and
 * referral, a model deciding alone keeps none of them, any disagreement or doubt goes to review,
 * and the evidence always names both verdicts.
 */
class ModelVerdictsTest {
  private static final List<ReplyCategory> PERSON =
      List.of(
          ReplyCategory.INTERESTED,
          ReplyCategory.NOT_INTERESTED,
          ReplyCategory.OUT_OF_OFFICE,
          ReplyCategory.WRONG_PERSON,
          ReplyCategory.UNSUBSCRIBE_REQUEST,
          ReplyCategory.COMPLAINT,
          ReplyCategory.NEEDS_REVIEW);
  private static final LocalDate JAN = LocalDate.of(2027, 1, 1);
  private static final Referral BOB = new Referral("Bob Stone", "bob@acme.test");
  private static final InboundReply REPLY =
      InboundReply.builder("ada@acme.test", Instant.parse("2026-11-20T10:00:00Z"))
          .subject("Re: our call")
          .text("I am away until 3 December.")
          .build();

  private static ReplyClassification rules(
      ReplyCategory c, double confidence, String evidence, LocalDate followUp, Referral referral) {
    return new ReplyClassification(c, null, evidence, confidence, null, followUp, referral);
  }

  private static ReplyClassification combine(ReplyClassification rules, ReplyModel.Verdict model) {
    return ModelVerdicts.combine(rules, model, PERSON, REPLY, "i am away until 3 december.\n");
  }

  @Test
  void agreementKeepsTheRulesDatesAndReferralWithTheModelsConfidence() {
    ReplyClassification c =
        combine(
            rules(ReplyCategory.NOT_INTERESTED, 0.8, "text: not now", JAN, BOB),
            new ReplyModel.Verdict(ReplyCategory.NOT_INTERESTED, 0.9, null, "later"));

    assertThat(c.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(c.confidence()).isEqualTo(0.9);
    assertThat(c.followUpAfter()).isEqualTo(JAN);
    assertThat(c.referral()).isEqualTo(BOB);
    assertThat(c.runnerUp()).isNull();
    assertThat(c.returnDate()).isNull();
    assertThat(c.evidence())
        .isEqualTo(
            "rules and model agree; rules: NOT_INTERESTED 0.80 [text: not now];"
                + " model: NOT_INTERESTED 0.90 [later]");
  }

  @Test
  void whenTheRulesCouldNotTellTheModelDecidesWithoutTheirDates() {
    ReplyClassification c =
        combine(
            rules(ReplyCategory.NEEDS_REVIEW, 0.3, "no rule matched", JAN, BOB),
            new ReplyModel.Verdict(ReplyCategory.INTERESTED, 0.7, null, ""));

    assertThat(c.category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(c.followUpAfter()).isNull();
    assertThat(c.referral()).isNull();
    assertThat(c.evidence())
        .isEqualTo(
            "model decides what the rules could not; rules: NEEDS_REVIEW 0.30 [no rule matched];"
                + " model: INTERESTED 0.70");
  }

  @Test
  void disagreementGoesToReviewWithTheModelAsRunnerUpKeepingTheRulesFindings() {
    ReplyClassification c =
        combine(
            new ReplyClassification(
                ReplyCategory.WRONG_PERSON, null, "", 0.8, ReplyCategory.NOT_INTERESTED, JAN, BOB),
            new ReplyModel.Verdict(ReplyCategory.INTERESTED, 0.95, null, "yes"));

    assertThat(c.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(c.confidence()).isEqualTo(0.0);
    assertThat(c.runnerUp()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(c.followUpAfter()).isEqualTo(JAN);
    assertThat(c.referral()).isEqualTo(BOB);
    assertThat(c.evidence())
        .isEqualTo(
            "rules and model disagree (WRONG_PERSON or INTERESTED); rules: WRONG_PERSON 0.80"
                + " (runner-up NOT_INTERESTED); model: INTERESTED 0.95 [yes]");
  }

  @Test
  void aModelThatCannotTellSendsTheMailToReviewWithTheRulesReadingAsRunnerUp() {
    ReplyClassification ruled =
        combine(
            rules(ReplyCategory.NOT_INTERESTED, 0.8, "x", JAN, null),
            new ReplyModel.Verdict(ReplyCategory.NEEDS_REVIEW, 0.5, null, "unclear"));
    ReplyClassification unruled =
        combine(
            new ReplyClassification(
                ReplyCategory.NEEDS_REVIEW, null, "x", 0.4, ReplyCategory.INTERESTED, null, null),
            new ReplyModel.Verdict(ReplyCategory.NEEDS_REVIEW, 0.5, null, "unclear"));

    assertThat(ruled.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(ruled.runnerUp()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(ruled.followUpAfter()).isEqualTo(JAN);
    assertThat(ruled.confidence()).isEqualTo(0.0);
    assertThat(ruled.evidence()).startsWith("model could not tell; rules: NOT_INTERESTED 0.80");
    assertThat(unruled.runnerUp()).isEqualTo(ReplyCategory.INTERESTED);
  }

  @Test
  void aMachineCategoryFromTheModelGoesToReviewWithTheRulesReadingOnly() {
    ReplyClassification ruled =
        combine(
            rules(ReplyCategory.INTERESTED, 0.8, "x", null, BOB),
            new ReplyModel.Verdict(ReplyCategory.AUTO_REPLY, 0.99, null, "robot"));
    ReplyClassification unruled =
        combine(
            rules(ReplyCategory.NEEDS_REVIEW, 0.3, "x", JAN, BOB),
            new ReplyModel.Verdict(ReplyCategory.BOUNCE_HARD, 0.99, null, "robot"));

    assertThat(ruled.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(ruled.runnerUp()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(ruled.referral()).isNull();
    assertThat(ruled.confidence()).isEqualTo(0.0);
    assertThat(ruled.evidence())
        .startsWith("model answered AUTO_REPLY for a person's mail; rules:");
    assertThat(unruled.runnerUp()).isNull();
    assertThat(unruled.followUpAfter()).isNull();
  }

  @Test
  void anOutOfOfficeReturnDateComesFromTheModelElseTheRules() {
    LocalDate modelDate = LocalDate.of(2026, 12, 7);
    LocalDate rulesDate = LocalDate.of(2026, 12, 3);
    ReplyClassification agreedRules =
        new ReplyClassification(ReplyCategory.OUT_OF_OFFICE, rulesDate, "text: away", 0.8);

    assertThat(
            combine(
                    agreedRules,
                    new ReplyModel.Verdict(ReplyCategory.OUT_OF_OFFICE, 0.9, modelDate, ""))
                .returnDate())
        .isEqualTo(modelDate);
    assertThat(
            combine(agreedRules, new ReplyModel.Verdict(ReplyCategory.OUT_OF_OFFICE, 0.9, null, ""))
                .returnDate())
        .isEqualTo(rulesDate);
    // The rules could not tell: the date is read from the text for the model's verdict.
    assertThat(
            combine(
                    rules(ReplyCategory.NEEDS_REVIEW, 0.3, "", null, null),
                    new ReplyModel.Verdict(ReplyCategory.OUT_OF_OFFICE, 0.9, null, ""))
                .returnDate())
        .isEqualTo(rulesDate);
    // Only an absence has a return date, whatever the model says.
    assertThat(
            combine(
                    rules(ReplyCategory.INTERESTED, 0.8, "", null, null),
                    new ReplyModel.Verdict(ReplyCategory.INTERESTED, 0.9, modelDate, ""))
                .returnDate())
        .isNull();
  }
}
