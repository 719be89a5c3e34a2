package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.BounceReason;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a delivery report is read: which status counts (the DSN's, the text's Status line, a code in
 * the diagnostic), how hard or soft is decided (status class, then SMTP code, then the DSN action,
 * then the wording), what makes it a delay, and that the returned original is not read for a
 * reason.
 */
class DeliveryReportsTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");
  private static final String DAEMON = "mailer-daemon@mx.example.net";
  private static final String RETURNED = "Undelivered Mail Returned to Sender";

  private final RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();

  private ReplyClassification fromDaemon(String subject, String text) {
    return classifier.classify(
        InboundReply.builder(DAEMON, RECEIVED).subject(subject).text(text).build());
  }

  @Test
  void aStatusLineInTheTextIsTheReportsOwnStatus() {
    ReplyClassification c = fromDaemon(RETURNED, "Action: failed\nStatus: 5.1.1\n");

    assertThat(c.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
    assertThat(c.confidence()).isEqualTo(1.0);
    assertThat(c.evidence())
        .isEqualTo("sender " + DAEMON + ", status 5.1.1 (5.x.x), reason USER_UNKNOWN");
  }

  @Test
  void aCodeInTheNoticeGivesTheStatusWithLessConfidence() {
    ReplyClassification c = fromDaemon(RETURNED, "Remote server said: 552 5.2.2 mailbox full");

    assertThat(c.category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(c.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    assertThat(c.confidence()).isEqualTo(0.95);
    assertThat(c.evidence()).contains("status 5.2.2 (5.x.x)");
  }

  @ParameterizedTest
  @CsvSource({
    // DSN status, diagnostic, the status that decides
    "4.0.0, smtp; 550 5.1.1 user unknown, 4.1.1",
    "5.1.0, smtp; 550 5.1.1 user unknown, 5.1.1",
    "5.7.1, smtp; 550 5.7.26 dmarc policy, 5.7.26",
    "5.1.1, smtp; 552 5.2.2 mailbox full, 5.1.1",
    "5.0.0, smtp; 550 5.7.1 refused, 5.0.0"
  })
  void aGenericDsnStatusTakesTheSpecificDetailOfTheDiagnosticKeepingItsClass(
      String dsnStatus, String diagnostic, String decides) {
    ReplyClassification c =
        classifier.classify(
            InboundReply.builder("bounces@relay.example", RECEIVED)
                .subject("Returned")
                .header(InboundReply.DSN_ACTION, "failed")
                .header(InboundReply.DSN_STATUS, dsnStatus)
                .header(InboundReply.DSN_DIAGNOSTIC, diagnostic)
                .text("Your message could not be delivered.")
                .build());

    assertThat(c.evidence())
        .startsWith("delivery status report, ")
        .contains("status " + decides + " (" + decides.charAt(0) + ".x.x)");
    assertThat(c.confidence()).isEqualTo(1.0);
  }

  @Test
  void aBareSmtpCodeDecidesTheClassWhenThereIsNoStatus() {
    ReplyClassification permanent = fromDaemon("Delivery failure", "550 account disabled");
    ReplyClassification transientCode = fromDaemon("Delivery failure", "450 account disabled");

    // A suspended account follows the class: 5xx hard, 4xx soft.
    assertThat(permanent.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(permanent.reason()).isEqualTo(BounceReason.SUSPENDED);
    assertThat(permanent.evidence()).contains("code 550 (5xx)");
    assertThat(permanent.confidence()).isEqualTo(0.9);
    assertThat(transientCode.category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(transientCode.evidence()).contains("code 450 (4xx)");
  }

  @Test
  void aFailedActionWithoutAnyCodeIsPermanent() {
    ReplyClassification c =
        classifier.classify(
            InboundReply.builder("bounces@relay.example", RECEIVED)
                .subject("Returned")
                .header(InboundReply.DSN_ACTION, "failed")
                .text("Something went wrong.")
                .build());

    assertThat(c.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(c.reason()).isEqualTo(BounceReason.UNDEFINED);
    assertThat(c.evidence()).contains("action failed");
    assertThat(c.confidence()).isEqualTo(0.9);
  }

  @Test
  void withoutCodeOrActionTheWordingDecides() {
    ReplyClassification unclear = fromDaemon("Delivery failure", "Something went wrong.");
    ReplyClassification permanentWords =
        fromDaemon("Delivery failure", "Something went wrong permanently.");
    ReplyClassification suspended = fromDaemon("Delivery failure", "The account is disabled.");

    assertThat(unclear.category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(unclear.evidence()).contains("no permanent code");
    assertThat(unclear.confidence()).isEqualTo(0.6);
    assertThat(permanentWords.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(permanentWords.evidence()).contains("permanent wording");
    assertThat(permanentWords.confidence()).isEqualTo(0.6);
    // A suspended account is permanent by itself, and a known reason reads surer.
    assertThat(suspended.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(suspended.evidence()).contains("permanent wording");
    assertThat(suspended.confidence()).isEqualTo(0.85);
  }

  @Test
  void aDelaySubjectMakesAReportWithoutDsnStatusSoft() {
    ReplyClassification delayed =
        fromDaemon("Delayed Mail (still being retried)", "550 5.1.1 user unknown");
    ReplyClassification withDsn =
        classifier.classify(
            InboundReply.builder(DAEMON, RECEIVED)
                .subject("Delayed Mail (still being retried)")
                .header(InboundReply.DSN_STATUS, "5.1.1")
                .text("550 5.1.1 user unknown")
                .build());

    assertThat(delayed.category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(delayed.evidence()).contains(", delayed");
    // A DSN says itself whether it is a delay (its action): the subject does not overrule it.
    assertThat(withDsn.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(withDsn.evidence()).doesNotContain("delayed");
  }

  @Test
  void delayWordingCountsOnlyWhenTheNoticeHasNoCode() {
    ReplyClassification delayed =
        fromDaemon("Delivery failure", "The account is disabled, we will retry.");
    ReplyClassification coded =
        fromDaemon("Delivery failure", "550 The account is disabled, we will retry.");

    assertThat(delayed.category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
    assertThat(delayed.evidence()).contains(", delayed");
    assertThat(coded.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
  }

  @Test
  void aSuccessStatusWithoutAnActionIsADeliveryNotice() {
    ReplyClassification c = fromDaemon("Delivery Status Notification", "Status: 2.0.0\n");

    assertThat(c.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(c.evidence()).endsWith("status 2.0.0 (delivered)");
    assertThat(c.confidence()).isEqualTo(1.0);
    assertThat(c.reason()).isNull();
  }

  @Test
  void theReturnedOriginalIsNotReadForAReason() {
    String notice =
        "This is the mail system at host mx.example.net.\n\nYour message could not be delivered.\n";
    String original =
        "------ This is a copy of the message, including all the headers. ------\n"
            + "Subject: no such user at Acme?\n\nIs the user unknown to you?\n";

    assertThat(fromDaemon(RETURNED, notice + "\n" + original).reason())
        .isEqualTo(BounceReason.UNDEFINED);
    // Nothing before the marker: the whole mail is the notice.
    assertThat(fromDaemon(RETURNED, original).reason()).isEqualTo(BounceReason.USER_UNKNOWN);
  }

  @Test
  void aBounceIsRecognisedByItsSubjectOrItsOpeningWordsFromAnySender() {
    ReplyClassification bySubject =
        classifier.classify(
            InboundReply.builder("relay@isp.example", RECEIVED)
                .subject("Undeliverable: our call")
                .text("Hello")
                .build());
    ReplyClassification byText =
        classifier.classify(
            InboundReply.builder("relay@isp.example", RECEIVED)
                .subject("Re: our call")
                .text("Your message couldn't be delivered to bob@acme.test.")
                .build());

    assertThat(bySubject.evidence()).startsWith("bounce subject");
    assertThat(byText.evidence()).startsWith("bounce text: your message couldn't be delivered");
  }

  @Test
  void onlyTheFirstFourThousandCharactersAreSearchedForBounceWording() {
    InboundReply late =
        InboundReply.builder("relay@isp.example", RECEIVED)
            .subject("Re: our call")
            .text("x".repeat(4_001) + " your message couldn't be delivered")
            .build();
    InboundReply early =
        InboundReply.builder("relay@isp.example", RECEIVED)
            .subject("Re: our call")
            .text("x".repeat(3_900) + " your message couldn't be delivered")
            .build();

    assertThat(DeliveryReports.verdict(late, late.text(), false)).isNull();
    assertThat(DeliveryReports.verdict(early, early.text(), false)).isNotNull();
  }

  @Test
  void anAutoReplySubjectIsNoBounceUnlessADaemonSentIt() {
    String text = "your message couldn't be delivered";
    InboundReply person =
        InboundReply.builder("ada@example.com", RECEIVED)
            .subject("Auto: Undeliverable")
            .text(text)
            .build();
    InboundReply daemon =
        InboundReply.builder(DAEMON, RECEIVED).subject("Auto: Undeliverable").text(text).build();

    assertThat(DeliveryReports.verdict(person, text, true)).isNull();
    assertThat(DeliveryReports.verdict(daemon, text, true)).isNotNull();
  }

  @ParameterizedTest
  @CsvSource({
    "MAILER-DAEMON@mx.example.net, true",
    "postmaster@example.com, true",
    "postmaster, true",
    "double-bounce@example.com, true",
    "mailer-daemon-notify@example.com, false",
    "ada@mailer-daemon.example, false",
    "ada@example.com, false"
  })
  void aDaemonIsKnownByTheLocalPartOfItsAddress(String from, boolean daemon) {
    assertThat(DeliveryReports.fromDaemon(from)).isEqualTo(daemon);
  }
}
