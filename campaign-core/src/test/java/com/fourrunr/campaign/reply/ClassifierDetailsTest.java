package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classifier's own steps: what it reads of a long mail, which day a mail was written, how a
 * phrase is found as whole words, and what a person's verdict carries (follow-up date, return date,
 * runner-up in the evidence).
 */
class ClassifierDetailsTest {
  /** 20 November 2026. */
  private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");

  private final RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();

  private static InboundReply person(String text) {
    return InboundReply.builder("ada@example.com", RECEIVED)
        .subject("Re: our call")
        .text(text)
        .build();
  }

  private static InboundReply withDate(String date) {
    return InboundReply.builder("ada@example.com", RECEIVED).header("Date", date).build();
  }

  @Test
  void aMailWithinTheLimitsIsReadWholeAndALongerOneIsCut() {
    int max = RuleBasedReplyClassifier.MAX_CLASSIFIED_CHARS;
    int maxSubject = RuleBasedReplyClassifier.MAX_SUBJECT_CHARS;
    InboundReply fits =
        InboundReply.builder("ada@example.com", RECEIVED)
            .subject("s".repeat(maxSubject))
            .text("t".repeat(max))
            .build();
    InboundReply tooLong =
        InboundReply.builder("ada@example.com", RECEIVED)
            .messageId("<m1@example.com>")
            .subject("s".repeat(maxSubject + 1))
            .text("t".repeat(max + 1))
            .header("Date", "Tue, 1 Dec 2026 09:00:00 +0100")
            .source("imap:INBOX")
            .build();

    assertThat(RuleBasedReplyClassifier.bounded(fits)).isSameAs(fits);
    InboundReply cut = RuleBasedReplyClassifier.bounded(tooLong);
    assertThat(cut.text()).hasSize(max);
    assertThat(cut.subject()).hasSize(maxSubject);
    assertThat(cut.messageId()).isEqualTo("<m1@example.com>");
    assertThat(cut.header("Date")).isEqualTo("Tue, 1 Dec 2026 09:00:00 +0100");
    assertThat(cut.source()).isEqualTo("imap:INBOX");
    assertThat(cut.receivedAt()).isEqualTo(RECEIVED);
    InboundReply longSubjectOnly =
        InboundReply.builder("ada@example.com", RECEIVED)
            .subject("s".repeat(maxSubject + 1))
            .text("short")
            .build();
    assertThat(RuleBasedReplyClassifier.bounded(longSubjectOnly).subject()).hasSize(maxSubject);
  }

  @Test
  void theMailDateIsItsDateHeaderElseTheDayItArrivedInUtc() {
    InboundReply.Builder late =
        InboundReply.builder("ada@example.com", Instant.parse("2026-11-20T23:30:00Z"));

    assertThat(
            RuleBasedReplyClassifier.mailDate(
                late.header("Date", "Tue,  1 Dec 2026  09:00:00 +0100 (CET)").build()))
        .isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(
            RuleBasedReplyClassifier.mailDate(
                InboundReply.builder("ada@example.com", Instant.parse("2026-11-20T23:30:00Z"))
                    .header("Date", "yesterday")
                    .build()))
        .isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(
            RuleBasedReplyClassifier.mailDate(
                InboundReply.builder("ada@example.com", Instant.parse("2026-11-20T23:30:00Z"))
                    .build()))
        .isEqualTo(LocalDate.of(2026, 11, 20));
  }

  @Test
  void aDateHeaderLongerThanTwoHundredCharactersIsIgnored() {
    String date = "Tue, 1 Dec 2026 09:00:00 +0100";
    String atLimit = " ".repeat(200 - date.length()) + date;
    String overLimit = " " + atLimit;

    assertThat(RuleBasedReplyClassifier.mailDate(withDate(atLimit)))
        .isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(RuleBasedReplyClassifier.mailDate(withDate(overLimit)))
        .isEqualTo(LocalDate.of(2026, 11, 20));
  }

  @Test
  void phrasesAreFoundAsWholeWordsAndLongOnesAlsoAsAWordsStart() {
    assertThat(RuleBasedReplyClassifier.firstHit("disinterested", List.of("interested"))).isNull();
    assertThat(
            RuleBasedReplyClassifier.firstHit(
                "disinterested, but interested", List.of("interested")))
        .isEqualTo("interested");
    assertThat(RuleBasedReplyClassifier.firstHit("a demolition", List.of("demo"))).isNull();
    assertThat(RuleBasedReplyClassifier.firstHit("a demo.", List.of("demo"))).isEqualTo("demo");
    assertThat(RuleBasedReplyClassifier.firstHit("demo", List.of("demo"))).isEqualTo("demo");
    assertThat(RuleBasedReplyClassifier.firstHit("interesting", List.of("interest")))
        .isEqualTo("interest");
    // Up to six letters a phrase must end where the word ends.
    assertThat(RuleBasedReplyClassifier.firstHit("absentee", List.of("absent"))).isNull();
    assertThat(RuleBasedReplyClassifier.firstHit("i\u2019ll be back", List.of("i'll be back")))
        .isEqualTo("i'll be back");
    assertThat(RuleBasedReplyClassifier.lower(null)).isEmpty();
    assertThat(RuleBasedReplyClassifier.lower("  MiXed ")).isEqualTo("mixed");
  }

  @Test
  void aRefusalForNowCarriesTheDateToWriteAgain() {
    ReplyClassification later =
        classifier.classify(person("Not interested right now, try me again next quarter."));
    ReplyClassification never =
        classifier.classify(person("Not interested, we are happy with our current supplier."));

    assertThat(later.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(later.followUpAfter()).isEqualTo(LocalDate.of(2027, 1, 1));
    assertThat(later.evidence()).endsWith(", follow up from 2027-01-01");
    assertThat(never.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(never.followUpAfter()).isNull();
    // Of two phrases of the same weight, the first one read is named.
    assertThat(never.evidence()).isEqualTo("text: not interested");
  }

  @Test
  void aPersonAwayUntilAMonthIsBackOnItsFirstDay() {
    ReplyClassification month = classifier.classify(person("I am on parental leave until March."));
    ReplyClassification day = classifier.classify(person("I am on leave until 3 December."));

    assertThat(month.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(month.returnDate()).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThat(day.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(day.returnDate()).isEqualTo(LocalDate.of(2026, 12, 3));
  }

  @Test
  void aSecondReadingIsNamedInTheEvidence() {
    ReplyClassification c = classifier.classify(person("Not interested, please remove me."));

    assertThat(c.category()).isEqualTo(ReplyCategory.UNSUBSCRIBE_REQUEST);
    assertThat(c.runnerUp()).isEqualTo(ReplyCategory.NOT_INTERESTED);
    assertThat(c.evidence()).isEqualTo("text: remove me (also NOT_INTERESTED: not interested)");
    assertThat(c.confidence()).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void anAngryOptOutIsAnOptOutAndNotAComplaint() {
    ReplyClassification c = classifier.classify(person("This is spam. Remove me."));

    assertThat(c.category()).isEqualTo(ReplyCategory.UNSUBSCRIBE_REQUEST);
    assertThat(c.runnerUp()).isNull();
    assertThat(c.evidence()).isEqualTo("text: remove me");
    assertThat(c.confidence()).isEqualTo(0.85);
  }

  @Test
  void textNoRuleReadsNeedsAPerson() {
    ReplyClassification c = classifier.classify(person("Purple elephants."));

    assertThat(c.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(c.evidence()).isEqualTo("no rule matched");
    assertThat(c.confidence()).isEqualTo(0.3);
  }
}
