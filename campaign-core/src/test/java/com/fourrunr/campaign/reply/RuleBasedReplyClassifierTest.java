package com.fourrunr.campaign.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.ReplyCategory;
import com.fourrunr.campaign.ReplyClassification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBasedReplyClassifierTest {

  /** 20 November 2026, a Friday. */
  private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");

  private static final String SUBJECT = "Re: Analytical Engines and engine design";

  private final RuleBasedReplyClassifier classifier = new RuleBasedReplyClassifier();

  private static InboundReply.Builder from(String address) {
    return InboundReply.builder(address, RECEIVED).subject(SUBJECT).messageId("<r1@example.com>");
  }

  private static InboundReply person(String text) {
    return from("ada@example.com").text(text).build();
  }

  private ReplyClassification classify(InboundReply reply) {
    return classifier.classify(reply);
  }

  // ---------------------------------------------------------------------------------------------
  // People

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Yes, I'm interested. Let's talk next week.",
        "Interested!",
        "Sounds good - what times work for you?",
        "Happy to chat, send me some times.",
        "Tell me more.",
        "Let\u2019s talk on Tuesday.",
        "We would love to see what this looks like."
      })
  void personWhoWantsToTalkIsInterested(String text) {
    ReplyClassification c = classify(person(text));

    assertThat(c.category()).isEqualTo(ReplyCategory.INTERESTED);
    assertThat(c.returnDate()).isNull();
    assertThat(c.evidence()).startsWith("text: ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Not interested.",
        "not interested",
        "Thanks, but we're not interested right now.",
        "No thanks.",
        "We are all set on this front.",
        "This is not a priority for us.",
        "We are not really interested.",
        "I'm no longer interested.",
        "We aren't interested in outsourcing this.",
        "Not at all interested, thanks."
      })
  void declineIsNotInterestedAndNeverInterested(String text) {
    ReplyClassification c = classify(person(text));

    assertThat(c.category()).isEqualTo(ReplyCategory.NOT_INTERESTED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Please remove me from your list.",
        "Unsubscribe",
        "UNSUBSCRIBE ME",
        "Stop emailing me.",
        "Take me off this list please.",
        "Not interested. Please do not contact me again.",
        "I'd like to opt out."
      })
  void optOutIsAnUnsubscribeRequest(String text) {
    assertThat(classify(person(text)).category()).isEqualTo(ReplyCategory.UNSUBSCRIBE_REQUEST);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I'm not the right person for this - you should contact Maria in operations.",
        "Ada left the company in March.",
        "Ada no longer works here.",
        "Wrong person, sorry.",
        "I'm not responsible for marketing; try Bob."
      })
  void referralIsWrongPerson(String text) {
    assertThat(classify(person(text)).category()).isEqualTo(ReplyCategory.WRONG_PERSON);
  }

  @Test
  void spamComplaintIsAComplaint() {
    assertThat(classify(person("This is spam and I am reporting this as spam.")).category())
        .isEqualTo(ReplyCategory.COMPLAINT);
  }

  @Test
  void feedbackReportIsAComplaint() {
    InboundReply arf =
        from("fbl@isp.example")
            .header("Content-Type", "multipart/report; report-type=feedback-report; boundary=x")
            .text("Feedback-Type: abuse\nUser-Agent: SomeFBL/1.0")
            .build();

    assertThat(classify(arf).category()).isEqualTo(ReplyCategory.COMPLAINT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Who gave you my address?", "What is this about?", "?", "", "Call me."})
  void unclearTextNeedsReview(String text) {
    ReplyClassification c = classify(person(text));

    assertThat(c.category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
    assertThat(c.category().isFromPerson()).isTrue();
  }

  @Test
  void autoSubmittedNoIsAPerson() {
    InboundReply reply =
        from("ada@example.com")
            .header("Auto-Submitted", "no")
            .text("Interested, let's talk.")
            .build();

    ReplyClassification c = classify(reply);

    assertThat(c.category()).isEqualTo(ReplyCategory.INTERESTED);
  }

  // ---------------------------------------------------------------------------------------------
  // Quoted history

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Who is this?\n\n> interested? Let's talk.",
        "Who is this?\n>> interested\n> > let's talk",
        "Who is this?\n\nOn Mon, 16 Nov 2026 at 09:00, 4Runr <hello@4runr.test> wrote:\nInterested? Let's talk.",
        "Who is this?\n\n-----Original Message-----\nFrom: hello@4runr.test\nAre you interested?",
        "Who is this?\nFrom: hello@4runr.test\nSent: Monday\nInterested? Happy to chat."
      })
  void quotedHistoryIsIgnored(String text) {
    assertThat(classify(person(text)).category()).isEqualTo(ReplyCategory.NEEDS_REVIEW);
  }

  @Test
  void quotedUnsubscribeDoesNotOptOutAPersonWhoIsInterested() {
    InboundReply reply = person("Yes, interested!\n\n> To unsubscribe, reply STOP.");

    assertThat(classify(reply).category()).isEqualTo(ReplyCategory.INTERESTED);
  }

  // ---------------------------------------------------------------------------------------------
  // Out of office and other automatic answers

  @Test
  void outOfOfficeRecognisedByAutoSubmittedHeader() {
    InboundReply reply =
        from("ada@example.com")
            .header("Auto-Submitted", "auto-replied")
            .text(
                "Thank you for your message. I am on vacation with limited access to email and will be"
                    + " back on December 3.")
            .build();

    ReplyClassification c = classify(reply);

    assertThat(c.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(c.returnDate()).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(c.evidence()).contains("Auto-Submitted");
    assertThat(c.category().isFromPerson()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Out of Office: Re: Analytical Engines and engine design",
        "Automatic reply: Out of the office",
        "Auto: Out of office",
        "AUTOREPLY: out of the office"
      })
  void outOfOfficeRecognisedBySubject(String subject) {
    InboundReply reply =
        from("ada@example.com")
            .subject(subject)
            .text("Thanks for your note. I'll answer when I can.")
            .build();

    ReplyClassification c = classify(reply);

    assertThat(c.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(c.returnDate()).isNull();
  }

  @Test
  void outOfOfficeWrittenWithoutMachineHeadersIsStillOutOfOffice() {
    ReplyClassification c = classify(person("I am out of the office, returning 2026-12-03."));

    assertThat(c.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(c.returnDate()).isEqualTo(LocalDate.of(2026, 12, 3));
  }

  static Stream<Arguments> returnDates() {
    return Stream.of(
        Arguments.of("I am on vacation and will be back on December 3.", LocalDate.of(2026, 12, 3)),
        Arguments.of("I am on vacation, returning 2026-12-03.", LocalDate.of(2026, 12, 3)),
        Arguments.of("Out of office. I return on 3 December.", LocalDate.of(2026, 12, 3)),
        Arguments.of("On holiday, back on Dec. 3rd.", LocalDate.of(2026, 12, 3)),
        Arguments.of("On annual leave until the 3rd of December 2026.", LocalDate.of(2026, 12, 3)),
        Arguments.of("On holiday; back on December 3, 2026.", LocalDate.of(2026, 12, 3)),
        Arguments.of("On holiday until January 5.", LocalDate.of(2027, 1, 5)),
        Arguments.of(
            "I am out of the office from November 18 until December 3.", LocalDate.of(2026, 12, 3)),
        Arguments.of("I'm on leave from 18 November to 3 December.", LocalDate.of(2026, 12, 3)),
        Arguments.of("Out of office 2026-11-18 to 2026-12-03.", LocalDate.of(2026, 12, 3)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("returnDates")
  void outOfOfficeReturnDateIsRead(String text, LocalDate expected) {
    InboundReply reply =
        from("ada@example.com").header("Auto-Submitted", "auto-replied").text(text).build();

    ReplyClassification c = classify(reply);

    assertThat(c.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(c.returnDate()).isEqualTo(expected);
  }

  @Test
  void outOfOfficeWithoutADateHasNoReturnDate() {
    InboundReply reply =
        from("ada@example.com")
            .header("Auto-Submitted", "auto-replied")
            .text("I am out of the office.")
            .build();

    assertThat(classify(reply).returnDate()).isNull();
  }

  @Test
  void otherAutomaticAnswerIsAnAutoReply() {
    InboundReply reply =
        from("support@example.com")
            .header("Auto-Submitted", "auto-generated")
            .text("We received your request. Ticket #4411 was opened.")
            .build();

    ReplyClassification c = classify(reply);

    assertThat(c.category()).isEqualTo(ReplyCategory.AUTO_REPLY);
    assertThat(c.returnDate()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "Precedence, auto_reply",
    "Precedence, bulk",
    "X-Autoreply, yes",
    "X-Autorespond, yes",
    "Return-Path, <>"
  })
  void machineHeadersMakeAnAutoReply(String header, String value) {
    InboundReply reply =
        from("ada@example.com").header(header, value).text("Your mail was received.").build();

    assertThat(classify(reply).category()).isEqualTo(ReplyCategory.AUTO_REPLY);
  }

  static Stream<InboundReply> vacationReplies() {
    return Stream.of(
        from("ada@example.com")
            .header("Auto-Submitted", "auto-replied")
            .header("Return-Path", "<>")
            .subject("Automatic reply: Re: Analytical Engines and engine design")
            .text(
                "I am on vacation and temporarily away. Mail will not be delivered to colleagues; I will"
                    + " retry your request when I return on 2026-12-03.")
            .build(),
        from("ada@example.com")
            .header("X-Autoreply", "yes")
            .subject("Out of Office")
            .text("On holiday, my mailbox is full of unread mail (over quota!). Back 5 December.")
            .build(),
        from("ada@example.com")
            .header("X-Apple-Action", "vacation")
            .text("I'm on vacation. Mailbox unavailable until I'm back on December 3.")
            .build(),
        from("ada@example.com")
            .header("X-Auto-Response-Suppress", "All")
            .header("X-MS-Exchange-Inbox-Rules-Loop", "ada@example.com")
            .subject("Automatic reply: Re: Analytical Engines and engine design")
            .text(
                "I'm out of the office. Status: 5.1.1 of our roadmap is delayed, try again later.")
            .build(),
        from("ada@example.com")
            .header("Auto-Submitted", "auto-replied")
            .subject("Automatic reply: Returned mail handling at Royal Post")
            .text("I am on annual leave and back on December 3.")
            .build(),
        from("ada@example.com")
            .subject("Out of Office: Re: Undeliverable parcels and your delivery failure rate")
            .text("I am on holiday until December 3.")
            .build());
  }

  @ParameterizedTest
  @MethodSource("vacationReplies")
  void vacationReplyIsNeverABounce(InboundReply reply) {
    ReplyClassification c = classify(reply);

    assertThat(c.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
  }

  // ---------------------------------------------------------------------------------------------
  // Bounces

  private static String dsn(String status, String diagnostic) {
    return String.join(
        "\n",
        "This is the mail system at host mx.example.net.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients.",
        "",
        "Reporting-MTA: dns; mx.example.net",
        "Final-Recipient: rfc822; ada@example.com",
        "Action: " + (status.startsWith("5") ? "failed" : "delayed"),
        "Status: " + status,
        "Diagnostic-Code: smtp; " + diagnostic,
        "",
        "Message-ID: <abc@4runr.test>");
  }

  @Test
  void mailerDaemonWithStatus511IsAHardBounce() {
    InboundReply bounce =
        InboundReply.builder("MAILER-DAEMON@mx.example.net", RECEIVED)
            .subject("Undelivered Mail Returned to Sender")
            .text(
                dsn(
                    "5.1.1",
                    "550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown"))
            .build();

    ReplyClassification c = classify(bounce);

    assertThat(c.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(c.evidence()).contains("mailer-daemon").contains("5.x.x");
  }

  @Test
  void mailerDaemonWithStatus422IsASoftBounce() {
    InboundReply bounce =
        InboundReply.builder("mailer-daemon@mx.example.net", RECEIVED)
            .subject("Delayed Mail (still being retried)")
            .text(dsn("4.2.2", "452 4.2.2 Mailbox full"))
            .build();

    assertThat(classify(bounce).category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "550 5.1.1 user unknown | BOUNCE_HARD",
        "452 4.2.2 mailbox full | BOUNCE_SOFT",
        "The recipient's mailbox is over quota. | BOUNCE_SOFT",
        "No such user here. | BOUNCE_HARD"
      })
  void postmasterBounceWithoutStatusLineIsJudgedByCodeOrWords(String text, ReplyCategory expected) {
    InboundReply bounce =
        InboundReply.builder("postmaster@example.com", RECEIVED)
            .subject("Delivery failure")
            .text(text)
            .build();

    assertThat(classify(bounce).category()).isEqualTo(expected);
  }

  @Test
  void deliveryStatusReportFromAnySenderIsABounce() {
    InboundReply bounce =
        InboundReply.builder("bounces@relay.example", RECEIVED)
            .header("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"b\"")
            .subject("Returned")
            .text(dsn("5.1.1", "550 5.1.1 unknown"))
            .build();

    ReplyClassification c = classify(bounce);

    assertThat(c.category()).isEqualTo(ReplyCategory.BOUNCE_HARD);
    assertThat(c.evidence()).contains("delivery status report");
  }

  @Test
  void bounceSubjectWithoutCodeIsASoftBounce() {
    InboundReply bounce =
        InboundReply.builder("relay@isp.example", RECEIVED)
            .subject("Mail delivery failed: returning message to sender")
            .text("Something went wrong.")
            .build();

    assertThat(classify(bounce).category()).isEqualTo(ReplyCategory.BOUNCE_SOFT);
  }

  @Test
  void everyCategoryOfAPersonIsMarkedFromAPerson() {
    Map<ReplyCategory, Boolean> fromPerson =
        Map.of(
            ReplyCategory.INTERESTED, true,
            ReplyCategory.NOT_INTERESTED, true,
            ReplyCategory.UNSUBSCRIBE_REQUEST, true,
            ReplyCategory.WRONG_PERSON, true,
            ReplyCategory.NEEDS_REVIEW, true,
            ReplyCategory.OUT_OF_OFFICE, false,
            ReplyCategory.AUTO_REPLY, false,
            ReplyCategory.BOUNCE_HARD, false,
            ReplyCategory.BOUNCE_SOFT, false,
            ReplyCategory.COMPLAINT, false);

    assertThat(fromPerson.keySet()).containsExactlyInAnyOrder(ReplyCategory.values());
    fromPerson.forEach(
        (category, expected) -> assertThat(category.isFromPerson()).isEqualTo(expected));
  }

  @Test
  void personWhoIsInterestedAndMentionsBeingAwayIsInterested() {
    ReplyClassification c =
        classify(person("Interested. I'll be back next week, let's talk then."));

    assertThat(c.category()).isEqualTo(ReplyCategory.INTERESTED);
  }

  @Test
  void personWhoOnlySaysTheyAreAwayIsOutOfOffice() {
    ReplyClassification c =
        classify(person("I'm on vacation until December 3, I'll read this then."));

    assertThat(c.category()).isEqualTo(ReplyCategory.OUT_OF_OFFICE);
    assertThat(c.returnDate()).isEqualTo(LocalDate.of(2026, 12, 3));
  }
}
