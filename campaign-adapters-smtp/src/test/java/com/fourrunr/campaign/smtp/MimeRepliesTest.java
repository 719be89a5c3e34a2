package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fourrunr.campaign.InboundReply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MimeRepliesTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private static InboundReply parse(String raw) {
    return MimeReplies.parse(
        raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), AT, "test");
  }

  @Test
  void threadingHeadersAddressesAndEncodedSubjectAreRead() {
    InboundReply r =
        parse(
            """
        From: =?utf-8?Q?Luc=C3=ADa?= <Lucia@Example.COM>
        To: hello@4runr.example
        Cc: Boss <boss@example.com>
        Subject: =?utf-8?Q?Re:_Planificaci=C3=B3n?=
        Message-ID: <a1@example.com>
        In-Reply-To: <hook@4runr.example>
        References: <hook@4runr.example>
         <proof@4runr.example>
        Content-Type: text/plain; charset=utf-8

        Hola
        """);

    assertThat(r.from()).isEqualTo("lucia@example.com");
    assertThat(r.to()).containsExactly("hello@4runr.example", "boss@example.com");
    assertThat(r.subject()).isEqualTo("Re: Planificación");
    assertThat(r.messageId()).isEqualTo("<a1@example.com>");
    assertThat(r.inReplyTo()).isEqualTo("<hook@4runr.example>");
    assertThat(r.references()).containsExactly("<hook@4runr.example>", "<proof@4runr.example>");
    assertThat(r.text().strip()).isEqualTo("Hola");
    assertThat(r.receivedAt()).isEqualTo(AT);
  }

  @Test
  void htmlOnlyMailIsReducedToText() {
    InboundReply r =
        parse(
            """
        From: a@example.com
        Subject: Re: x
        Content-Type: text/html; charset=utf-8

        <html><body><p>Happy&nbsp;to chat</p><br><style>p{}</style>Thursday?</body></html>
        """);

    assertThat(r.text())
        .contains("Happy to chat")
        .contains("Thursday?")
        .doesNotContain("<p>", "p{}");
  }

  @Test
  void deliveryReportHeadersCannotBeForgedByTheSender() {
    InboundReply r =
        parse(
            """
        From: prankster@example.com
        Subject: hello
        X-4Runr-DSN-Status: 5.1.1
        X-4Runr-DSN-Final-Recipient: ceo@victim.example
        Content-Type: text/plain

        hi
        """);

    assertThat(r.header(InboundReply.DSN_STATUS)).isNull();
    assertThat(r.header(InboundReply.DSN_FINAL_RECIPIENT)).isNull();
  }

  @Test
  void feedbackReportGivesItsTypeAndTheReportedRecipientAndMessage() {
    InboundReply r =
        parse(
            """
        From: fbl@isp.example
        Subject: complaint
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="x"

        --x
        Content-Type: text/plain

        abuse report
        --x
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        Original-Rcpt-To: <zoe@isp.example>

        --x
        Content-Type: message/rfc822

        Message-ID: <hook-9@4runr.example>
        To: zoe@isp.example

        body
        --x--
        """);

    assertThat(r.header("Feedback-Type")).isEqualTo("abuse");
    assertThat(r.header(InboundReply.DSN_FINAL_RECIPIENT)).isEqualTo("zoe@isp.example");
    assertThat(r.header(InboundReply.DSN_ORIGINAL_MESSAGE_ID)).isEqualTo("<hook-9@4runr.example>");
  }

  @Test
  void mailWithoutFromOrMessageIdIsStillRead() {
    InboundReply r =
        parse(
            """
        Subject: no sender

        text
        """);

    assertThat(r.from()).isEmpty();
    assertThat(r.messageId()).isNull();
    assertThat(r.text()).contains("text");
  }

  @Test
  void hugeTextIsCutToTheLimit() {
    InboundReply r =
        parse(
            "From: a@example.com\nSubject: big\n\n" + "x".repeat(MimeReplies.MAX_TEXT_CHARS + 10));

    assertThat(r.text()).hasSize(MimeReplies.MAX_TEXT_CHARS);
  }
}
