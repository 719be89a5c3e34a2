package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Machine signals other than delivery reports: read receipts, feedback reports, auto-reply headers,
 * challenge-response systems and acknowledgements, and what an automatic answer then says (away,
 * left the company, or nothing more), each with the confidence its signal earns.
 */
class MachineSignalsTest {
  /** 20 November 2026. */
  private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");

  private final RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();

  private static InboundReply.Builder mail(String from) {
    return InboundReply.builder(from, RECEIVED).subject("Re: our call");
  }

  private static InboundReply.Builder autoSubmitted() {
    return mail("ada@example.com").header("Auto-Submitted", "auto-replied");
  }

  // Read receipts ---------------------------------------------------------------------------------

  @Test
  void aDispositionNotificationIsAReadReceipt() {
    ReplyClassification c =
        classifier.classify(
            mail("ada@example.com")
                .header("Content-Type", "multipart/report; report-type=disposition-notification")
                .text("Not interested.")
                .build());

    assertThat(c.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(c.evidence()).isEqualTo("read receipt (disposition-notification)");
    assertThat(c.confidence()).isEqualTo(1.0);
  }

  @Test
  void aReadSubjectIsAReceiptOnlyWithAReceiptsWordsEarlyInTheText() {
    InboundReply receipt =
        mail("ada@example.com")
            .subject("Read: our call")
            .text("Your message to Ada was read on Monday, 23 November 2026.")
            .build();
    InboundReply person =
        mail("ada@example.com").subject("Read: our call").text("Sounds good, let's talk.").build();
    InboundReply late =
        mail("ada@example.com")
            .subject("Read: our call")
            .text("x".repeat(2_001) + " was read on Monday")
            .build();

    ReplyClassification c = classifier.classify(receipt);
    assertThat(c.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(c.evidence()).isEqualTo("read receipt, text: was read on");
    assertThat(c.confidence()).isEqualTo(0.95);
    assertThat(classifier.classify(person).category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(AutoReplies.readReceipt(late, late.text())).isNull();
  }

  // Feedback reports ------------------------------------------------------------------------------

  @Test
  void feedbackReportsAreKnownByTheirTypeHeadersOrWords() {
    assertThat(
            FeedbackReports.verdict(
                    mail("fbl@isp.example")
                        .header("Content-Type", "multipart/report; report-type=feedback-report")
                        .build(),
                    "")
                .evidence())
        .isEqualTo("feedback report (ARF)");
    assertThat(
            FeedbackReports.verdict(
                    mail("x@isp.example").header("Feedback-Type", "Abuse").build(), "")
                .evidence())
        .isEqualTo("Feedback-Type: abuse");
    assertThat(
            FeedbackReports.verdict(
                mail("x@isp.example").header("Feedback-Type", "not-spam").build(), ""))
        .isNull();
    assertThat(
            FeedbackReports.verdict(
                    mail("x@isp.example").header("X-HmXmrOriginalRecipient", "a@b.test").build(),
                    "")
                .evidence())
        .startsWith("JMRP report");
    String words = "hello. a user has reported this message as spam.";
    assertThat(FeedbackReports.verdict(mail("x@isp.example").text(words).build(), words).evidence())
        .isEqualTo("feedback report text: a user has reported this message as spam");
    String late = "x".repeat(8_001) + " a user has reported this message as spam";
    assertThat(FeedbackReports.verdict(mail("x@isp.example").text(late).build(), late)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "staff@hotmail.com, true",
    "abuse@isp.example, true",
    "feedback@isp.example, true",
    "fbl@isp.example, true",
    "complaints@isp.example, true",
    "scomp@aol.example, true",
    "postmaster@isp.example, true",
    "ada@example.com, false"
  })
  void aReportSubjectCountsOnlyFromAMachine(String from, boolean complaint) {
    InboundReply reply = mail(from).subject("Complaint about message from 192.0.2.1").build();

    ReplyClassification c = FeedbackReports.verdict(reply, "");

    if (complaint) {
      assertThat(c).isNotNull();
      assertThat(c.category()).isEqualTo(ReplyCategory.COMPLAINT);
      assertThat(c.evidence()).isEqualTo("feedback report subject: complaint about message from");
      assertThat(c.confidence()).isEqualTo(1.0);
    } else {
      assertThat(c).isNull();
    }
  }

  @Test
  void aReportSubjectFromAPersonCountsWithAnAutoSubmittedHeader() {
    InboundReply reply =
        mail("ada@example.com")
            .subject("Spam report")
            .header("Auto-Submitted", "auto-generated")
            .build();

    assertThat(FeedbackReports.verdict(reply, "")).isNotNull();
  }

  // Auto-reply headers ----------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Auto-Submitted | auto-replied | header Auto-Submitted: auto-replied",
        "Auto-Submitted | no |",
        "Auto-Submitted | No |",
        "Precedence | bulk | header Precedence: bulk",
        "Precedence | junk | header Precedence: junk",
        "Precedence | list | header Precedence: list",
        "Precedence | auto_reply | header Precedence: auto_reply",
        "Precedence | first-class |",
        "X-Autoreply | yes | header X-Autoreply",
        "X-Autoreply | no |",
        "X-Autoreply | False |",
        "X-POST-MessageClass | 9; Autoresponder | header X-POST-MessageClass",
        "X-Apple-Action | SendVacationReply | header X-Apple-Action: vacation",
        "X-Apple-Action | Forward |",
        "Return-Path | <> | null return path",
        "Return-Path | ' <> ' | null return path",
        "Return-Path | <ada@example.com> |",
        "X-Auto-Response-Suppress | All |"
      })
  void oneHeaderMarksAnAutomaticAnswerOrNot(String header, String value, String expected) {
    InboundReply reply = mail("ada@example.com").header(header, value).build();

    assertThat(AutoReplies.machineSignal(reply, false)).isEqualTo(expected);
  }

  @Test
  void exchangeNeedsBothOfItsHeadersAndAnAutoSubjectIsASignalOfItsOwn() {
    InboundReply exchange =
        mail("ada@example.com")
            .header("X-Auto-Response-Suppress", "All")
            .header("X-MS-Exchange-Inbox-Rules-Loop", "ada@example.com")
            .build();

    assertThat(AutoReplies.machineSignal(exchange, false))
        .isEqualTo("Exchange auto-response headers");
    assertThat(AutoReplies.machineSignal(mail("ada@example.com").build(), true))
        .isEqualTo("auto-reply subject");
    assertThat(AutoReplies.machineSignal(mail("ada@example.com").build(), false)).isNull();
  }

  // What an automatic answer says -----------------------------------------------------------------

  @Test
  void aChallengeIsAnAutomaticReplySurerWithAMachineHeader() {
    String text = "Please confirm you are human to have your message delivered.";

    ReplyClassification alone = classifier.classify(mail("ada@example.com").text(text).build());
    ReplyClassification withHeader = classifier.classify(autoSubmitted().text(text).build());

    assertThat(alone.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(alone.evidence()).isEqualTo("challenge-response: confirm you are human");
    assertThat(alone.confidence()).isEqualTo(0.85);
    assertThat(withHeader.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(withHeader.evidence())
        .isEqualTo(
            "header Auto-Submitted: auto-replied, challenge-response: confirm you are human");
    assertThat(withHeader.confidence()).isEqualTo(0.95);
  }

  @Test
  void automatedWordingAloneIsAnAutomaticReplyWithLessConfidence() {
    ReplyClassification c =
        classifier.classify(
            mail("support@acme.test")
                .text("This is an automated response. Your request has been received.")
                .build());

    assertThat(c.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(c.evidence()).isEqualTo("automated text");
    assertThat(c.confidence()).isEqualTo(0.75);
  }

  @Test
  void anAutomaticAnswerSayingTheyAreAwayIsOutOfOfficeWithTheReturnDate() {
    ReplyClassification byHeader =
        classifier.classify(
            autoSubmitted().text("I am out of the office until 3 December.").build());
    ReplyClassification byWording =
        classifier.classify(
            mail("ada@example.com")
                .text("This is an automatic reply. I am on holiday until 3 December.")
                .build());

    assertThat(byHeader.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(byHeader.returnDate()).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(byHeader.confidence()).isEqualTo(0.95);
    assertThat(byWording.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(byWording.returnDate()).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(byWording.confidence()).isEqualTo(0.75);
  }

  @Test
  void beingAwayIsReadFromTheSubjectToo() {
    ReplyClassification phrase =
        classifier.classify(
            autoSubmitted().subject("Currently away").text("Thanks for your mail.").build());
    ReplyClassification awaySubject =
        classifier.classify(
            mail("ada@example.com")
                .subject("Absence: Ada Lovelace")
                .text("Thanks for your mail.")
                .build());
    ReplyClassification otherAutoSubject =
        classifier.classify(
            mail("ada@example.com").subject("Auto: Thanks").text("Thanks for your mail.").build());

    assertThat(phrase.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(awaySubject.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(awaySubject.evidence()).isEqualTo("auto-reply subject");
    assertThat(otherAutoSubject.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(otherAutoSubject.evidence()).isEqualTo("auto-reply subject");
  }

  @Test
  void anAutomaticAnswerSayingThePersonLeftIsWrongPerson() {
    ReplyClassification c =
        classifier.classify(
            autoSubmitted()
                .text("Ada is no longer with the company. Please write to Bob.")
                .build());

    assertThat(c.category()).isEqualTo(ReplyCategory.WRONG_PERSON);
    assertThat(c.evidence()).isEqualTo("header Auto-Submitted: auto-replied, text: no longer with");
    assertThat(c.confidence()).isEqualTo(0.95);
  }

  @Test
  void anAutomaticAnswerSayingNothingMoreIsAnAutoReply() {
    ReplyClassification c =
        classifier.classify(autoSubmitted().text("Thanks for your mail.").build());

    assertThat(c.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(c.evidence()).isEqualTo("header Auto-Submitted: auto-replied");
    assertThat(c.confidence()).isEqualTo(0.95);
    assertThat(c.returnDate()).isNull();
  }
}
