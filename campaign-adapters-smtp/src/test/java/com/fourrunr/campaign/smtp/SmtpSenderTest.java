package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.SendReceipt;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpSenderTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Mailbox FROM = new Mailbox("hello@4runr.example", "4Runr");

  private SmtpSender sender() {
    return SmtpSender.create(
        SmtpConfig.builder("127.0.0.1", greenMail.getSmtp().getPort()).build());
  }

  private static OutgoingEmail email(
      String messageId, String inReplyTo, List<String> references, String html) {
    return new OutgoingEmail(
        FROM,
        "ada@northwind.example",
        "Northwind and route planning",
        "Hi Ada,\n\nA short note.\n\nBest,\n4Runr",
        html,
        messageId,
        inReplyTo,
        references,
        Map.of());
  }

  @Test
  void deliversUnderTheAssignedMessageIdWithTextBody() throws Exception {
    SendReceipt receipt = sender().send(email("<hook-1@4runr.example>", null, List.of(), null));

    assertThat(receipt.providerResponse()).startsWith("250");
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getMessageID()).isEqualTo("<hook-1@4runr.example>");
    assertThat(m.getSubject()).isEqualTo("Northwind and route planning");
    assertThat(m.getFrom()[0].toString()).contains("hello@4runr.example").contains("4Runr");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ada@northwind.example");
    assertThat(GreenMailUtil.getBody(m)).contains("Hi Ada,");
    assertThat(m.getHeader("In-Reply-To")).isNull();
  }

  @Test
  void followUpCarriesThreadingHeaders() throws Exception {
    sender()
        .send(
            email(
                "<proof-1@4runr.example>",
                "<hook-1@4runr.example>",
                List.of("<hook-1@4runr.example>"),
                null));

    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getHeader("In-Reply-To", null)).isEqualTo("<hook-1@4runr.example>");
    assertThat(m.getHeader("References", null)).isEqualTo("<hook-1@4runr.example>");
  }

  @Test
  void htmlBodyGoesAsAlternativeToText() throws Exception {
    sender().send(email("<hook-2@4runr.example>", null, List.of(), "<p>Hi Ada,</p>"));

    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
  }

  @Test
  void refusedConnectionIsATransientFailure() throws IOException {
    try (HeldPort closed = HeldPort.bind()) {
      SmtpSender down =
          SmtpSender.create(
              SmtpConfig.builder("127.0.0.1", closed.port())
                  .connectTimeout(Duration.ofSeconds(2))
                  .build());

      assertThatThrownBy(() -> down.send(email("<x@4runr.example>", null, List.of(), null)))
          .isInstanceOfSatisfying(
              SendException.class,
              e -> {
                assertThat(e.isTransient()).isTrue();
                assertThat(e.getMessage()).contains("connection refused");
              });
    }
  }

  @Test
  void configListsEveryProblemAndHidesThePassword() {
    assertThatThrownBy(() -> SmtpConfig.builder(" ", 0).connectTimeout(Duration.ZERO).build())
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field())
                    .containsExactly("host", "port", "connectTimeout"));

    SmtpConfig config =
        SmtpConfig.builder("smtp.example.com", 587)
            .credentials("hello@4runr.example", "s3cret-Pa55")
            .build();
    assertThat(config.toString()).doesNotContain("s3cret-Pa55").contains("****");
  }
}
