package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.OutgoingEmail;
import com.fourrunr.campaign.SendException;
import com.fourrunr.campaign.UnsubscribeTokens;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link SmtpSender} adds with {@link SmtpMessageOptions}, as received by a real SMTP server
 * (GreenMail): threaded follow-up subjects, RFC 8058 one-click unsubscribe headers with a signed
 * per-recipient token, the postal address footer; and the refusal of anything that could inject a
 * header.
 */
class SmtpMessageOptionsTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Mailbox FROM = new Mailbox("hello@4runr.example", "4Runr");
  static final UnsubscribeTokens TOKENS =
      UnsubscribeTokens.withKey(
          "a-32-byte-or-longer-secret-key-for-tests".getBytes(StandardCharsets.UTF_8));
  static final String POSTAL = "4Runr Inc.\n1 Main Street\nSpringfield, IL 62701, USA";

  static SmtpMessageOptions fullOptions() {
    return SmtpMessageOptions.builder()
        .unsubscribe("https://4runr.example/unsubscribe", "unsubscribe@4runr.example", TOKENS)
        .postalAddress(POSTAL)
        .build();
  }

  private SmtpSender sender(SmtpMessageOptions options) {
    return SmtpSender.create(
        SmtpConfig.builder("127.0.0.1", greenMail.getSmtp().getPort()).build(),
        options,
        Clock.systemUTC());
  }

  private static OutgoingEmail followUp(String subject, String threadSubject, String html) {
    return new OutgoingEmail(
        FROM,
        "ada@northwind.example",
        subject,
        "Hi Ada,\n\nOne more thing.",
        html,
        "<proof-1@4runr.example>",
        "<hook-1@4runr.example>",
        List.of("<hook-1@4runr.example>"),
        Map.of(),
        threadSubject,
        "C-17");
  }

  @Test
  void followUpGoesOutAsReFirstSubjectByDefault() throws Exception {
    sender(SmtpMessageOptions.defaults())
        .send(followUp("A case study", "Northwind and route planning", null));

    assertThat(greenMail.getReceivedMessages()[0].getSubject())
        .isEqualTo("Re: Northwind and route planning");
  }

  @Test
  void threadedSubjectIsConfigurable() throws Exception {
    sender(SmtpMessageOptions.builder().replyPrefix("AW: ").build())
        .send(followUp("A case study", "Northwind", null));
    sender(SmtpMessageOptions.builder().threadFollowUps(false).build())
        .send(followUp("A case study", "Northwind", null));
    // A first subject that already starts with the prefix is not prefixed twice.
    sender(SmtpMessageOptions.defaults()).send(followUp("A case study", "Re: Northwind", null));

    assertThat(greenMail.getReceivedMessages())
        .extracting(MimeMessage::getSubject)
        .containsExactly("AW: Northwind", "A case study", "Re: Northwind");
  }

  @Test
  void unsubscribeHeadersCarryOneHttpsUrlWithASignedTokenAndAMailto() throws Exception {
    sender(fullOptions()).send(followUp("A case study", "Northwind", null));

    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getHeader("List-Unsubscribe")).hasSize(1);
    assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    String header = m.getHeader("List-Unsubscribe", null);
    Matcher uris =
        Pattern.compile(
                "^<(https://4runr\\.example/unsubscribe\\?t=([A-Za-z0-9_.-]+))>, <mailto:unsubscribe@4runr\\.example"
                    + "\\?subject=unsubscribe%20([A-Za-z0-9_.-]+)>$")
            .matcher(header);
    assertThat(uris.matches()).as(header).isTrue();
    assertThat(TOKENS.verify(uris.group(2)))
        .contains(new UnsubscribeTokens.Unsubscribe("ada@northwind.example", "C-17"));
    assertThat(uris.group(3)).isEqualTo(uris.group(2));
    // Opaque: the address is not readable in the link.
    assertThat(uris.group(1)).doesNotContain("ada");
  }

  @Test
  void footerShowsThePostalAddressAndTheUnsubscribeLinkInTextAndHtml() throws Exception {
    sender(fullOptions())
        .send(followUp("A case study", "Northwind", "<html><body><p>Hi Ada</p></body></html>"));

    MimeMessage m = greenMail.getReceivedMessages()[0];
    MimeMultipart parts = (MimeMultipart) m.getContent();
    String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(text)
        .startsWith("Hi Ada,")
        .contains(POSTAL)
        .contains("Unsubscribe: https://4runr.example/unsubscribe?t=");
    assertThat(html)
        .contains("1 Main Street<br>Springfield")
        .contains("<a href=\"https://4runr.example/unsubscribe?t=")
        .endsWith("</body></html>");
  }

  @Test
  void withoutOptionsNoUnsubscribeHeadersAndNoFooter() throws Exception {
    sender(SmtpMessageOptions.defaults()).send(followUp("A case study", "Northwind", null));

    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getHeader("List-Unsubscribe")).isNull();
    assertThat(GreenMailUtil.getBody(m)).doesNotContain("-- ");
  }

  static Stream<Arguments> injections() {
    String evil = "x\r\nBcc: victim@example.com";
    Map<String, String> badValue = new LinkedHashMap<>();
    badValue.put("X-Campaign", evil);
    return Stream.of(
        Arguments.of(
            "subject",
            email(
                FROM,
                "ada@northwind.example",
                evil,
                "<a@4runr.example>",
                null,
                List.of(),
                Map.of(),
                null)),
        Arguments.of(
            "threadSubject",
            email(
                FROM,
                "ada@northwind.example",
                "ok",
                "<a@4runr.example>",
                null,
                List.of(),
                Map.of(),
                "Hello\nBcc: victim@example.com")),
        Arguments.of(
            "from.displayName",
            email(
                new Mailbox("hello@4runr.example", "4Runr\r\nBcc: v@x.com"),
                "ada@northwind.example",
                "ok",
                "<a@4runr.example>",
                null,
                List.of(),
                Map.of(),
                null)),
        Arguments.of(
            "to",
            email(
                FROM,
                "ada@northwind.example\r\nBcc: v@x.com",
                "ok",
                "<a@4runr.example>",
                null,
                List.of(),
                Map.of(),
                null)),
        Arguments.of(
            "messageId",
            email(
                FROM,
                "ada@northwind.example",
                "ok",
                "<a@4runr.example>\r\nBcc: v@x.com",
                null,
                List.of(),
                Map.of(),
                null)),
        Arguments.of(
            "inReplyTo",
            email(
                FROM,
                "ada@northwind.example",
                "ok",
                "<a@4runr.example>",
                "<b@4runr.example>\nBcc: v@x.com",
                List.of(),
                Map.of(),
                null)),
        Arguments.of(
            "references[1]",
            email(
                FROM,
                "ada@northwind.example",
                "ok",
                "<a@4runr.example>",
                "<b@4runr.example>",
                List.of("<b@4runr.example>", "<c@x>\u0000"),
                Map.of(),
                null)),
        Arguments.of(
            "headers[X-Campaign]",
            email(
                FROM,
                "ada@northwind.example",
                "ok",
                "<a@4runr.example>",
                null,
                List.of(),
                badValue,
                null)),
        Arguments.of(
            "headers",
            email(
                FROM,
                "ada@northwind.example",
                "ok",
                "<a@4runr.example>",
                null,
                List.of(),
                Map.of("Bcc", "victim@example.com"),
                null)),
        Arguments.of(
            "headers",
            email(
                FROM,
                "ada@northwind.example",
                "ok",
                "<a@4runr.example>",
                null,
                List.of(),
                Map.of("X-A\r\nBcc", "victim@example.com"),
                null)));
  }

  private static OutgoingEmail email(
      Mailbox from,
      String to,
      String subject,
      String messageId,
      String inReplyTo,
      List<String> references,
      Map<String, String> headers,
      String threadSubject) {
    return new OutgoingEmail(
        from,
        to,
        subject,
        "body",
        null,
        messageId,
        inReplyTo,
        references,
        headers,
        threadSubject,
        "C-17");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("injections")
  void controlCharactersInAnyHeaderValueAreRefusedBeforeSending(String field, OutgoingEmail email) {
    assertThatThrownBy(() -> sender(fullOptions()).send(email))
        .isInstanceOfSatisfying(
            SendException.class,
            e -> {
              assertThat(e.isTransient()).isFalse();
              assertThat(e.getMessage()).contains("refused before sending").contains(field);
            });
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void internationalisedDomainIsSentInPunycodeAndANonAsciiLocalPartIsRefused() throws Exception {
    sender(SmtpMessageOptions.defaults())
        .send(
            email(
                FROM,
                "ada@bücher.example",
                "ok",
                "<a@4runr.example>",
                null,
                List.of(),
                Map.of(),
                null));

    assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString())
        .isEqualTo("ada@xn--bcher-kva.example");
    assertThatThrownBy(
            () ->
                sender(SmtpMessageOptions.defaults())
                    .send(
                        email(
                            FROM,
                            "jürgen@example.de",
                            "ok",
                            "<b@4runr.example>",
                            null,
                            List.of(),
                            Map.of(),
                            null)))
        .isInstanceOfSatisfying(
            SendException.class,
            e -> {
              assertThat(e.isTransient()).isFalse();
              assertThat(e.getMessage()).contains("to").contains("SMTPUTF8");
            });
    assertThatThrownBy(
            () ->
                sender(SmtpMessageOptions.defaults())
                    .send(
                        email(
                            FROM,
                            "ada@exa mple.com",
                            "ok",
                            "<c@4runr.example>",
                            null,
                            List.of(),
                            Map.of(),
                            null)))
        .isInstanceOf(SendException.class)
        .hasMessageContaining("not a valid");
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void optionsListEveryProblemNamingTheField() {
    assertThatThrownBy(
            () ->
                new SmtpMessageOptions(
                    true, " ", "http://4runr.example/u", "not an address", null, "  "))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.field(), f -> f.problem().contains("https"))
                    .containsExactly(
                        tuple("replyPrefix", false),
                        tuple("unsubscribeUrl", true),
                        tuple("unsubscribeMailto", false),
                        tuple("tokens", false),
                        tuple("postalAddress", false)));
    assertThatThrownBy(
            () ->
                SmtpMessageOptions.builder()
                    .unsubscribe("https://4runr.example/u>, <https://evil.example", null, TOKENS)
                    .build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unsubscribeUrl");
  }
}
