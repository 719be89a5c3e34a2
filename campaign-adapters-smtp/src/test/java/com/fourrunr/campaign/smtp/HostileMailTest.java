package com.fourrunr.campaign.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.InboundReply;
import com.fourrunr.campaign.Mailbox;
import com.fourrunr.campaign.ReplyClassification;
import com.fourrunr.campaign.reply.RuleBasedReplyClassifier;
import com.fourrunr.campaign.testing.InMemoryCampaignStore;
import com.fourrunr.campaign.testing.InMemoryReplyIntakeState;
import com.fourrunr.campaign.testing.RecordingSender;
import com.fourrunr.campaign.testing.SettableClock;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile mail is read in bounded time and within limits: the HTML bodies that froze a worker (120
 * KB and 1 MB of '&lt;', 155 s and over 120 s with the old regex) classify in well under a second
 * through {@link MimeReplies} and through the webhook; a mail over a MIME limit is refused with a
 * message naming the limit (413 at the webhook, kept for review by IMAP while the batch reads on).
 */
class HostileMailTest {
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

  private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuleBasedReplyClassifier CLASSIFIER = new RuleBasedReplyClassifier();

  /**
   * A running service has its parser and classifier compiled: the timings below are of a warm JVM
   * (the first mail of a cold one also loads and compiles the classes, a one-off cost).
   */
  @BeforeAll
  static void warmUp() {
    for (int i = 0; i < 20; i++) {
      String html =
          "<p>Happy to <b>chat</b></p><blockquote>On Tue, Sam wrote:<br>hi</blockquote><"
              .repeat(200);
      CLASSIFIER.classify(
          MimeReplies.parse(bytes(htmlMail(html + "<".repeat(20_000))), AT, "warm-up"));
      MimeReplies.htmlToText(
          "<b><i><div><table><tr><td><select><option><a href=x><br><p>".repeat(300));
    }
  }

  static String htmlMail(String html) {
    return "From: a@example.com\r\nTo: hello@4runr.example\r\nSubject: Re: x\r\nMessage-ID: <h-"
        + html.length()
        + "@example.com>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        + html
        + "\r\n";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /*
   * Each timing below is the best of two runs: other processes on a shared machine can only make a run
   * slower, never faster, so the minimum is the closest figure to the work itself.
   */

  @ParameterizedTest
  @ValueSource(ints = {120 * 1024, 1024 * 1024})
  void htmlBodyOfLessThanSignsClassifiesInUnderOneSecondThroughMimeReplies(int size) {
    byte[] raw = bytes(htmlMail("<".repeat(size)));

    long ms = Long.MAX_VALUE;
    InboundReply reply = null;
    ReplyClassification c = null;
    for (int run = 0; run < 2; run++) {
      long start = System.nanoTime();
      reply = MimeReplies.parse(raw, AT, "test");
      c = CLASSIFIER.classify(reply);
      ms = Math.min(ms, millisSince(start));
    }
    System.out.printf(
        "MimeReplies + classifier, %d KB of '<': %d ms (%s)%n", size / 1024, ms, c.category());

    assertThat(c.category()).isNotNull();
    assertThat(reply.text().length()).isLessThanOrEqualTo(MimeReplies.MAX_TEXT_CHARS + 100);
    assertThat(ms).isLessThan(1_000);
  }

  @ParameterizedTest
  @ValueSource(ints = {120 * 1024, 1024 * 1024})
  void htmlBodyOfLessThanSignsIsHandledInUnderOneSecondByTheWebhook(int size) throws Exception {
    SettableClock clock = new SettableClock(AT);
    CampaignEngine engine =
        CampaignEngine.builder()
            .store(new InMemoryCampaignStore())
            .sender(new RecordingSender())
            .clock(clock)
            .from(new Mailbox("hello@4runr.example", "4Runr"))
            .build();
    InboundWebhook webhook = InboundWebhook.create(engine, clock);
    String html = "<".repeat(size);
    long rawMs = Long.MAX_VALUE;
    long jsonMs = Long.MAX_VALUE;
    InboundWebhook.Response fromRaw = null;
    InboundWebhook.Response fromJson = null;
    for (int run = 0; run < 2; run++) {
      // A new Message-ID each run: each post is a new mail, parsed, classified and stored.
      byte[] raw = bytes(htmlMail(html).replace("Message-ID: <h-", "Message-ID: <h" + run + "-"));
      byte[] json =
          JSON.writeValueAsBytes(
              Map.of(
                  "from",
                  "b@example.com",
                  "subject",
                  "Re: x",
                  "html",
                  html,
                  "message-id",
                  "<j" + run + "-" + size + "@example.com>"));
      long start = System.nanoTime();
      fromRaw = webhook.handle(raw, "message/rfc822");
      rawMs = Math.min(rawMs, millisSince(start));
      assertThat(fromRaw.body()).contains("\"duplicate\":false");
      start = System.nanoTime();
      fromJson = webhook.handle(json, "application/json");
      jsonMs = Math.min(jsonMs, millisSince(start));
      assertThat(fromJson.body()).contains("\"duplicate\":false");
    }
    System.out.printf(
        "webhook (parse, classify, store), %d KB of '<': raw %d ms, JSON %d ms%n",
        size / 1024, rawMs, jsonMs);

    assertThat(fromRaw.status()).as(fromRaw.body()).isEqualTo(200);
    assertThat(fromJson.status()).as(fromJson.body()).isEqualTo(200);
    assertThat(rawMs).isLessThan(1_000);
    assertThat(jsonMs).isLessThan(1_000);
  }

  /** Inputs known to be slow for HTML parsers or regexes: runs of markup that never closes. */
  @Test
  void pathologicalHtmlIsReducedToTextInLinearTime() {
    Map<String, Supplier<String>> cases = new java.util.LinkedHashMap<>();
    cases.put("<", () -> "<".repeat(120_000));
    cases.put("<b>", () -> "<b>".repeat(40_000));
    cases.put("<b><i><u><font>", () -> "<b><i><u><font>x".repeat(8_000));
    cases.put("<a>", () -> "<a href=x>".repeat(12_000));
    cases.put("<div>", () -> "<div>".repeat(24_000));
    cases.put("<table>", () -> "<table><tr><td>".repeat(8_000));
    cases.put("<blockquote>", () -> "<blockquote>x".repeat(8_000));
    cases.put("<p>", () -> "<p>".repeat(40_000));
    cases.put("<select>", () -> "<select><option>".repeat(8_000));
    cases.put("<!--", () -> "<!--".repeat(30_000));
    cases.put("&", () -> "&#".repeat(60_000) + "&amp".repeat(20_000));
    cases.put("attribute", () -> "<a href=\"" + "x".repeat(120_000));
    cases.put("<script>", () -> "<script>".repeat(15_000));
    cases.put("<br>", () -> "<br>".repeat(30_000));
    for (var e : cases.entrySet()) {
      String html = e.getValue().get();
      // The best of three runs: the machine may be busy with other work, the parser's time is the
      // minimum.
      long ms = Long.MAX_VALUE;
      String text = null;
      for (int run = 0; run < 3 && ms >= 100; run++) {
        long start = System.nanoTime();
        text = MimeReplies.htmlToText(html);
        ms = Math.min(ms, millisSince(start));
      }
      System.out.printf("htmlToText %-18s %7d chars: %4d ms%n", e.getKey(), html.length(), ms);
      assertThat(text).isNotNull();
      assertThat(ms).as(e.getKey() + " took " + ms + " ms").isLessThan(1_000);
    }
  }

  @Test
  void htmlKeepsTodaysTextLineBreaksLinksEntitiesAndDropsScriptsAndStyles() {
    String text =
        MimeReplies.htmlToText(
            """
        <html><head><title>T</title><style>p { color: red }</style></head><body>
        <p>Happy&nbsp;to   chat &amp; <a href="https://x.example">see the deck</a></p>
        <div>Thursday?</div>line one<br>line two<script>alert(1)</script>
        <div class="gmail_quote">On Tue, Sam wrote:<br><blockquote>Are you <b>interested</b>?<br>Or not?</blockquote></div>
        </body></html>""");

    assertThat(text)
        .isEqualTo(
            "Happy to chat & see the deck\n\nThursday?\nline one\nline two\n"
                + "On Tue, Sam wrote:\n> Are you interested?\n> Or not?");
  }

  private static String nested(int depth) {
    StringBuilder head =
        new StringBuilder("From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      body.append("Content-Type: multipart/mixed; boundary=\"b")
          .append(i)
          .append("\"\r\n\r\n--b")
          .append(i)
          .append("\r\n");
    }
    body.append("Content-Type: text/plain\r\n\r\nhello\r\n");
    for (int i = depth - 1; i >= 0; i--) {
      body.append("--b").append(i).append("--\r\n");
    }
    return head.append(body).toString();
  }

  private static String manyParts(int parts) {
    StringBuilder s =
        new StringBuilder(
            "From: a@example.com\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
    for (int i = 0; i < parts; i++) {
      s.append("--b\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
    }
    return s.append("--b--\r\n").toString();
  }

  private static String manyHeaders(int headers) {
    StringBuilder s = new StringBuilder("From: a@example.com\r\nSubject: headers\r\n");
    for (int i = 0; i < headers; i++) {
      s.append("X-Filler-").append(i).append(": ").append(i).append("\r\n");
    }
    return s.append("\r\nhello\r\n").toString();
  }

  @Test
  void mailsWithinTheLimitsAreRead() {
    assertThat(MimeReplies.parse(bytes(nested(MimeReplies.MAX_DEPTH)), AT, "t").text())
        .contains("hello");
    assertThat(MimeReplies.parse(bytes(manyParts(MimeReplies.MAX_PARTS - 1)), AT, "t").text())
        .contains("part 0");
    assertThat(MimeReplies.parse(bytes(manyHeaders(MimeReplies.MAX_HEADERS - 2)), AT, "t").text())
        .contains("hello");
  }

  @Test
  void aMailOverALimitIsRefusedWithAMessageNamingTheLimit() {
    assertThatThrownBy(() -> MimeReplies.parse(bytes(nested(MimeReplies.MAX_DEPTH + 2)), AT, "t"))
        .isInstanceOf(MailLimitException.class)
        .hasMessageContaining("MAX_DEPTH")
        .hasMessageContaining("10")
        .extracting(e -> ((MailLimitException) e).limit())
        .isEqualTo("MAX_DEPTH");
    assertThatThrownBy(
            () -> MimeReplies.parse(bytes(manyParts(MimeReplies.MAX_PARTS + 1)), AT, "t"))
        .isInstanceOf(MailLimitException.class)
        .hasMessageContaining("MAX_PARTS")
        .hasMessageContaining("100");
    assertThatThrownBy(
            () -> MimeReplies.parse(bytes(manyHeaders(MimeReplies.MAX_HEADERS)), AT, "t"))
        .isInstanceOf(MailLimitException.class)
        .hasMessageContaining("MAX_HEADERS")
        .hasMessageContaining("500");
  }

  @Test
  void aTextPartOverTheBodyLimitIsReadUpToTheLimitAndSaysSo() {
    String raw =
        "From: a@example.com\r\nSubject: big\r\nContent-Type: text/plain\r\n\r\nInterested. "
            + "x".repeat(MimeReplies.MAX_BODY_BYTES + 10)
            + "\r\n";

    InboundReply r = MimeReplies.parse(bytes(raw), AT, "t");

    assertThat(r.text())
        .startsWith("Interested.")
        .contains("MAX_BODY_BYTES")
        .hasSizeLessThan(MimeReplies.MAX_TEXT_CHARS + 200);
  }

  @Test
  void theWebhookAnswers413NamingTheLimit() throws Exception {
    InboundWebhook webhook =
        InboundWebhook.create(
            r -> new com.fourrunr.campaign.ReplyOutcome("r", false, null, null, "none"),
            new SettableClock(AT),
            InboundWebhook.DEFAULT_MAX_BYTES);

    InboundWebhook.Response deep = webhook.handle(bytes(nested(30)), "message/rfc822");
    InboundWebhook.Response parts = webhook.handle(bytes(manyParts(500)), "message/rfc822");
    StringBuilder headers = new StringBuilder("{\"from\":\"a@example.com\",\"headers\":{");
    for (int i = 0; i <= MimeReplies.MAX_HEADERS; i++) {
      headers.append(i == 0 ? "" : ",").append("\"X-").append(i).append("\":\"v\"");
    }
    InboundWebhook.Response json = webhook.handle(bytes(headers + "}}"), "application/json");

    assertThat(deep.status()).isEqualTo(413);
    assertThat(JSON.readTree(deep.body()).get("error").asText()).contains("MAX_DEPTH");
    assertThat(parts.status()).isEqualTo(413);
    assertThat(JSON.readTree(parts.body()).get("error").asText()).contains("MAX_PARTS");
    assertThat(json.status()).isEqualTo(413);
    assertThat(JSON.readTree(json.body()).get("error").asText()).contains("MAX_HEADERS");
  }

  @Test
  void emptyOrBinaryBytesAreNotAMail() {
    assertThatThrownBy(() -> MimeReplies.parse(new byte[0], AT, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> MimeReplies.parse(bytes(" \r\n\r\n"), AT, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    assertThatThrownBy(() -> MimeReplies.parse(png, AT, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header line");
    byte[] nul = bytes("From: a@example.com\r\nSubject: x\u0000y\r\n\r\nhi");
    assertThatThrownBy(() -> MimeReplies.parse(nul, AT, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("binary");
    assertThat(
            MimeReplies.parse(
                    bytes(
                        "From sender@example.com Tue Dec  1 09:00:00 2026\r\nFrom: a@example.com"
                            + "\r\nSubject: mbox\r\n\r\nhi\r\n"),
                    AT,
                    "t")
                .subject())
        .isEqualTo("mbox");
  }

  @Test
  void imapKeepsAMailOverALimitForReviewAndReadsTheRestOfTheBatch() throws Exception {
    String mailbox = "replies@4runr.example";
    GreenMailUser user = greenMail.setUser(mailbox, mailbox, "pw");
    for (String raw :
        List.of(
            "From: one@example.com\r\nSubject: one\r\nMessage-ID: <one@example.com>\r\n\r\nfirst\r\n",
            manyParts(MimeReplies.MAX_PARTS + 20),
            "From: three@example.com\r\nSubject: three\r\nMessage-ID: <three@example.com>\r\n\r\nthird\r\n")) {
      user.deliver(
          new MimeMessage(
              Session.getInstance(new Properties()), new ByteArrayInputStream(bytes(raw))));
    }
    try (ImapReplySource source =
        ImapReplySource.create(
            ImapConfig.builder("127.0.0.1", greenMail.getImap().getPort(), mailbox, "pw")
                .security(SmtpConfig.Security.NONE)
                .batchSize(10)
                .build(),
            new InMemoryReplyIntakeState(),
            new SettableClock(AT))) {
      List<InboundReply> batch = source.poll();

      assertThat(batch).hasSize(3);
      assertThat(batch.get(0).text()).contains("first");
      assertThat(batch.get(1).from()).isEqualTo("a@example.com");
      assertThat(batch.get(1).text()).contains("not read").contains("MAX_PARTS");
      assertThat(batch.get(2).text()).contains("third");
      assertThat(source.poll()).isEmpty();
    }
  }
}
